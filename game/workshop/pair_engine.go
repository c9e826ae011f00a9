package workshop

import (
	"bytes"
	"encoding/json"
	"fmt"

	"twohats/game/bot"
	"twohats/game/results"
	"twohats/game/sim"
)

// The few places the referee meets the engine's pair API, kept together.

// seatPlayer chooses the next action of one seat of a pair game, when it is that seat's turn.
type seatPlayer interface {
	Next(g *sim.Game) sim.Action
}

// gameSyncs is how many syncs the game has held.
func gameSyncs(g *sim.Game) int { return g.State().Syncs }

// botSeat is a bot policy in one seat (bot.Seat): each seat has a policy of its own, since a
// policy remembers one person's game.
type botSeat struct {
	hat sim.Hat
	p   bot.Policy
}

func (b botSeat) Next(g *sim.Game) sim.Action { return bot.Seat(g, b.hat, b.p) }

// newSeatPlayer is the colleague bot for one seat.
func newSeatPlayer(policy string, hat sim.Hat) (seatPlayer, error) {
	p, err := bot.New(policy, uint64(hat))
	if err != nil {
		return nil, err
	}
	return botSeat{hat: hat, p: p}, nil
}

// canMove says whether seat h has a move it can make. The engine's turn says it whole: a seat
// waiting in another's phase has the turn only to answer a sync proposal both seats can pay for,
// and a seat whose turn it is always has a legal action.
func canMove(g *sim.Game, h sim.Hat) bool { return g.Turn(h) }

// sameAction says whether two actions are the same decision, as the wire writes them: every
// field the engine has now or gains later, an empty list the same as none.
func sameAction(x, y sim.Action) bool {
	a, err1 := json.Marshal(x)
	b, err2 := json.Marshal(y)
	return err1 == nil && err2 == nil && bytes.Equal(a, b)
}

// pairFile is a finished pair game's results file: both names by seat, and the policy "human"
// unless a bot played a seat (then its name, so the room marks the game a bot's).
func pairFile(g *sim.Game, pm, po, policy string) results.File {
	f := results.FromGame(g, policy)
	setPairNames(&f, pm, po)
	return f
}

// pairNames are a pair file's names, the PM's and the PO's.
func pairNames(f results.File) (pm, po string) {
	return f.PlayerOf(sim.HatPM), f.PlayerOf(sim.HatPO)
}

func setPairNames(f *results.File, pm, po string) {
	f.Players = nil
	if pm != "" || po != "" {
		f.Players = map[string]string{"pm": pm, "po": po}
	}
}

// pairLabel is the pair's names as one line of the room's table.
func pairLabel(pm, po string) string {
	if pm == "" && po == "" {
		return ""
	}
	return fmt.Sprintf("%s & %s", pm, po)
}
