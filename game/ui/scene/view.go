package scene

import (
	"twohats/game/scenario"
	"twohats/game/sim"
)

// gameView is the one door through which the screens read the game in play. Every board, meter and
// line of text goes through it, so that when the engine's own per-hat view arrives (sim.View), the
// switch is made here and nowhere else. Already it answers for the player's hat where the two hats
// know different things: a Product Owner alone sees the roadmap as last heard from the PM.
type gameView struct{ g *sim.Game }

// V is the game in play as the player may see it.
func (c *Ctx) V() gameView { return gameView{c.Game} }

// State is the engine's state. The screens read only what the player's hat knows of it; the
// fields of the hidden market (Market.Need) are never read in package scene.
func (v gameView) State() *sim.State { return v.g.State() }

// Scenario is the scenario being played.
func (v gameView) Scenario() *scenario.Scenario { return v.g.Scenario() }

// Role is the hat or hats the player wears.
func (v gameView) Role() sim.Role { return v.g.Role() }

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
func (v gameView) Roadmap() []float64 {
	st := v.g.State()
	if v.g.Role() == sim.RolePO {
		return st.POView
	}
	return st.Roadmap
}

// Forecast is the points the team will likely get through this sprint.
func (v gameView) Forecast() float64 { return v.g.Forecast() }

// Check says why an action is not legal now, or nil.
func (v gameView) Check(a sim.Action) error { return v.g.Check(a) }

// OrderByRoadmap is the backlog ordered by a view of the roadmap.
func (v gameView) OrderByRoadmap(buf []int, view []float64) []int {
	return v.g.OrderByRoadmap(buf, view)
}

// PlanFrom is what the forecast holds from the top of an order.
func (v gameView) PlanFrom(buf, order []int) []int { return v.g.PlanFrom(buf, order) }

// Describe is one consequence in words.
func (v gameView) Describe(c sim.Consequence) string { return v.g.Describe(c) }

// Outcome is the running (or final) score.
func (v gameView) Outcome() sim.Outcome { return v.g.Outcome() }

// Turnings are the decisions that helped and hurt the score most.
func (v gameView) Turnings(n int) (helped, hurt []sim.Turning) { return v.g.Turnings(n) }

// Cost is what an action would cost the player before it is taken: its hours, the stress and
// burnout they add, and how many of them are overtime. It follows the engine's rule for hours
// (game/sim/apply.go): hours past overtime_from of the sprint's hours, rest excluded, add
// stress_overtime and burnout_overtime each; a change of hat adds stress_switch. When the engine
// offers its own preview (Game.Preview), this is where it is called instead.
type Cost struct {
	Hours, Overtime int
	Stress, Burnout float64
}

// Preview is the cost of a.
func (v gameView) Preview(a sim.Action) Cost {
	g := v.g
	st := g.State()
	t := g.Scenario().Tuning
	h := g.Cost(a)
	c := Cost{Hours: h}
	if a.Kind == sim.ActAdvance {
		return c
	}
	if a.Kind == sim.ActRest {
		c.Stress = -t.StressRest
		return c
	}
	if h > st.Player.Hours {
		c.Stress += float64(h-st.Player.Hours) * t.StressPerHour
		h = st.Player.Hours
	}
	c.Stress += float64(h) * t.StressPerHour
	from := v.OvertimeFrom()
	if over := min(h, v.worked()+h-from); over > 0 {
		c.Overtime = over
		c.Stress += float64(over) * t.StressOvertime
		c.Burnout += float64(over) * t.BurnoutOvertime
	}
	if hat := a.Kind.Hat(); hat != sim.HatNone && st.Player.LastHat != sim.HatNone && st.Player.LastHat != hat {
		c.Stress += t.StressSwitch
	}
	return c
}

// OvertimeFrom is how many hours of work a sprint holds before overtime begins.
func (v gameView) OvertimeFrom() int {
	sc := v.g.Scenario()
	return int(sc.Tuning.OvertimeFrom * float64(sc.HoursPerSprint))
}

// OvertimeLine is where overtime begins on the "hours left" meter: the hours left when it starts
// (rest spends hours without working them, so the line moves down with each rest).
func (v gameView) OvertimeLine() int {
	st := v.g.State()
	spent := v.g.Scenario().HoursPerSprint - st.Player.Hours
	rested := spent - v.worked()
	return v.g.Scenario().HoursPerSprint - v.OvertimeFrom() - rested
}

// worked is the hours of work this sprint, rest excluded, read from the consequence log.
func (v gameView) worked() int {
	st := v.g.State()
	n := 0
	for i := len(st.Log) - 1; i >= 0; i-- {
		c := &st.Log[i]
		if c.Sprint != st.Sprint {
			break
		}
		if c.Kind == sim.ConColleague || c.Action.Kind == sim.ActRest {
			continue
		}
		n += c.Hours
	}
	return n
}
