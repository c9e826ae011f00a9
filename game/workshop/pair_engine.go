package workshop

import (
	"fmt"
	"strings"

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

// newSeatPlayer is the colleague bot for one seat. TEMPORARY until bot's seat player lands: it
// takes an event's first option, accepts a sync and otherwise says it is done.
func newSeatPlayer(policy string, hat sim.Hat) (seatPlayer, error) {
	if _, err := bot.New(policy, 0); err != nil {
		return nil, err
	}
	return &idleSeat{hat: hat}, nil
}

type idleSeat struct {
	hat sim.Hat
	buf []sim.Action
}

func (p *idleSeat) Next(g *sim.Game) sim.Action {
	p.buf = g.LegalAs(p.hat, p.buf[:0])
	for _, a := range p.buf {
		if a.Kind == sim.ActChoose || (a.Kind == sim.ActSync && g.State().SyncProposal == p.hat.Other()) {
			if a.Kind == sim.ActSync {
				a.Accept = true
			}
			return a
		}
	}
	return sim.Action{Kind: sim.ActAdvance, Hat: p.hat}
}

// pairFile is a finished pair game's results file. TEMPORARY names until results names both.
func pairFile(g *sim.Game, pm, po, pmBot, poBot string) results.File {
	policy := "human"
	if pmBot != "" {
		policy = pmBot
	} else if poBot != "" {
		policy = poBot
	}
	f := results.FromGame(g, policy)
	setPairNames(&f, pm, po)
	return f
}

func pairNames(f results.File) (pm, po string) {
	pm, po, _ = strings.Cut(f.Player, " & ")
	return pm, po
}

func setPairNames(f *results.File, pm, po string) {
	f.Player = ""
	if pm != "" || po != "" {
		f.Player = pm + " & " + po
	}
}

// pairLabel is the pair's names as one line of the room's table.
func pairLabel(pm, po string) string {
	if pm == "" && po == "" {
		return ""
	}
	return fmt.Sprintf("%s & %s", pm, po)
}
