package scene

import (
	"twohats/game/scenario"
	"twohats/game/sim"
)

// gameView is the one door through which the screens read the game in play. Every board, meter and
// line of text reads the engine's per-hat view (sim.View): what the player's hat or hats know and
// nothing more, so a Product Owner sees the roadmap as last heard and no figure from the hidden
// market shows during play. The true figures (Outcome, Turnings, History) are read only once the
// game is over, for the debrief.
type gameView struct {
	g   *sim.Game
	v   *sim.View
	hat sim.Hat // the seat of a pair game, HatNone in a solo game
}

// V is the game in play as the player may see it. The view is filled again only when the game has
// changed, so asking for it is cheap.
func (c *Ctx) V() gameView {
	h := c.Hat()
	if c.Game != nil {
		c.Game.ViewAs(h, &c.view)
	}
	return gameView{c.Game, &c.view, h}
}

// View is what the player's hat knows of the game now.
func (v gameView) View() *sim.View { return v.v }

// Scenario is the scenario being played.
func (v gameView) Scenario() *scenario.Scenario { return v.g.Scenario() }

// Role is the hat or hats the player wears: in a pair game the seat's hat alone, as a solo
// player of that hat, so that every board offers that hat's work and nothing of the other's.
func (v gameView) Role() sim.Role {
	switch v.hat {
	case sim.HatPM:
		return sim.RolePM
	case sim.HatPO:
		return sim.RolePO
	}
	return v.g.Role()
}

// Pair reports whether this is a pair game, where the other hat is another person.
func (v gameView) Pair() bool { return v.hat != sim.HatNone }

// seat names the player's seat on an action, in a pair game.
func (v gameView) seat(a sim.Action) sim.Action {
	if v.hat != sim.HatNone {
		a.Hat = v.hat
	}
	return a
}

// Stakes is what each answer to request r would move now, by the rules the answer applies.
func (v gameView) Stakes(r int) sim.AnswerStakes { return v.g.Stakes(r) }

// Seed is the world's seed.
func (v gameView) Seed() uint64 { return v.g.Seed() }

// Over reports whether the game has ended.
func (v gameView) Over() bool { return v.g.Over() }

// Decisions is how many decisions the player has made.
func (v gameView) Decisions() int { return len(v.g.Actions()) }

// Did reports whether the player has made a decision of kind k in this game.
func (v gameView) Did(k sim.ActionKind) bool {
	for _, a := range v.g.Actions() {
		if a.Kind == k {
			return true
		}
	}
	return false
}

// Roadmap is the roadmap as the player knows it: the one in force for a PM, and for a Product
// Owner alone the roadmap as last heard at a sync.
func (v gameView) Roadmap() []float64 { return v.v.Roadmap }

// Forecast is the points the team will likely get through this sprint.
func (v gameView) Forecast() float64 { return v.v.Forecast }

// Check says why an action is not legal now, or nil.
func (v gameView) Check(a sim.Action) error { return v.g.Check(v.seat(a)) }

// OrderByRoadmap is the backlog ordered by a view of the roadmap.
func (v gameView) OrderByRoadmap(buf []int, view []float64) []int {
	return v.g.OrderByRoadmap(buf, view)
}

// PlanFrom is what the forecast holds from the top of an order.
func (v gameView) PlanFrom(buf, order []int) []int { return v.g.PlanFrom(buf, order) }

// Describe is one consequence of the view's log in words.
func (v gameView) Describe(c sim.Consequence) string { return v.g.Describe(c) }

// Preview is what an action would charge now (the engine's own rule): hours, stress, overtime and
// the burnout overtime brings.
func (v gameView) Preview(a sim.Action) sim.Preview { return v.g.Preview(v.seat(a)) }

// OvertimeLine is where overtime begins on the "hours left" meter: the hours left when it starts
// (rest spends hours without working them, so the line moves down with each rest).
func (v gameView) OvertimeLine() int {
	return v.v.Player.Hours + v.v.Worked - v.v.OvertimeFrom
}

// Outcome is the final score, for the debrief: the true figures, read only once the game is over.
func (v gameView) Outcome() sim.Outcome { return v.g.Outcome() }

// Turnings are the decisions that helped and hurt the score most, for the debrief.
func (v gameView) Turnings(n int) (helped, hurt []sim.Turning) { return v.g.Turnings(n) }

// History is each sprint's record, for the debrief's charts.
func (v gameView) History() []sim.SprintRecord { return v.g.State().History }

// OtherDone reports whether, in a pair game, the other seat is done with the phase (or does not
// act in it), so that this seat's advance moves the game on; true in a solo game.
func (v gameView) OtherDone() bool {
	return v.hat == sim.HatNone || v.g.Done(v.hat.Other())
}
