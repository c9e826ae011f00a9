package sim

import (
	"strings"

	"twohats/game/scenario"
)

// effectTarget is what an event's effect moves, resolved once when the game starts so that
// applying it never parses a string.
type effectTarget uint8

const (
	targetNone effectTarget = iota
	targetMorale
	targetDebt
	targetCapacity
	targetStress
	targetBurnout
	targetTrust
	targetSatisfaction
	targetNeed
	targetAddStory
	targetDelivered // a gate only: the share of a theme's story value shipped
)

// compiledEffect is one effect of one choice of one event, compiled for one game. An event fires
// at most once, so each compiled effect is applied at most once a game, and a lasting one keeps
// here what it moved until it moves it back.
type compiledEffect struct {
	target  effectTarget
	index   int
	delta   float64
	sprints int     // > 0: lasts this many sprints, the current one included, then reverts
	until   int     // the last sprint a lasting effect applied now still holds; 0 when none is pending
	applied float64 // what it actually moved (meters stop at their bounds), to move back
}

// lookup finds the scenario's themes, stakeholders and stories by id, to compile a game as it
// starts. A game looks up a hundred or so ids, once; in lists of a few dozen a scan costs about
// a quarter of building maps of them, which is mostly their allocation. Like a map built in list
// order, the last item with an id wins (the loader refuses duplicate ids), and an id not found
// gives 0 and false.
type lookup struct{ sc *scenario.Scenario }

func (l lookup) theme(id string) (int, bool) {
	for i := len(l.sc.Themes) - 1; i >= 0; i-- {
		if l.sc.Themes[i].ID == id {
			return i, true
		}
	}
	return 0, false
}

func (l lookup) holder(id string) (int, bool) {
	for i := len(l.sc.Stakeholders) - 1; i >= 0; i-- {
		if l.sc.Stakeholders[i].ID == id {
			return i, true
		}
	}
	return 0, false
}

func (l lookup) story(id string) (int, bool) {
	for i := len(l.sc.Stories) - 1; i >= 0; i-- {
		if l.sc.Stories[i].ID == id {
			return i, true
		}
	}
	return 0, false
}

// resolveMeter turns a meter name into a target; unknown names (which the loader rejects) do
// nothing.
func resolveMeter(name string, ids lookup) (effectTarget, int) {
	switch name {
	case "team.morale":
		return targetMorale, 0
	case "team.debt":
		return targetDebt, 0
	case "team.capacity":
		return targetCapacity, 0
	case "player.stress":
		return targetStress, 0
	case "player.burnout":
		return targetBurnout, 0
	}
	if rest, ok := strings.CutPrefix(name, "stakeholder."); ok {
		if id, field, ok := strings.Cut(rest, "."); ok {
			if i, ok := ids.holder(id); ok {
				switch field {
				case "trust":
					return targetTrust, i
				case "satisfaction":
					return targetSatisfaction, i
				}
			}
		}
	}
	return targetNone, 0
}

// compileEffects appends to out one choice's effects, resolved for this game; an effect that
// names nothing the scenario has (which the loader rejects) is left out.
func compileEffects(out []compiledEffect, effects []scenario.Effect, ids lookup) []compiledEffect {
	for _, e := range effects {
		switch {
		case e.AddStory != "":
			if i, ok := ids.story(e.AddStory); ok {
				out = append(out, compiledEffect{target: targetAddStory, index: i})
			}
		case e.Market != "":
			if i, ok := ids.theme(e.Market); ok {
				out = append(out, compiledEffect{target: targetNeed, index: i, delta: e.Delta})
			}
		default:
			if t, i := resolveMeter(e.Meter, ids); t != targetNone {
				out = append(out, compiledEffect{target: t, index: i, delta: e.Delta, sprints: lasting(t, e.Sprints)})
			}
		}
	}
	return out
}

// lasting is how many sprints an effect on target lasts: the meters with a level to return to
// take the scenario's sprints (the loader refuses it elsewhere); everything else is permanent.
func lasting(t effectTarget, sprints int) int {
	switch t {
	case targetMorale, targetDebt, targetCapacity:
		return max(sprints, 0)
	}
	return 0
}

// applyEffects carries out an event choice's effects and notes them on c. A lasting effect
// remembers what it moved; endLastingEffects moves it back when its sprints are over.
func (g *Game) applyEffects(effects []compiledEffect, c *Consequence) {
	s := &g.s
	for k := range effects {
		e := &effects[k]
		if e.sprints > 0 {
			e.until = s.Sprint + e.sprints - 1
		}
		switch e.target {
		case targetMorale:
			before := s.Team.Morale
			s.Team.Morale = clamp01(s.Team.Morale + e.delta)
			e.applied = s.Team.Morale - before
			c.Morale += e.delta
		case targetDebt:
			before := s.Team.Debt
			s.Team.Debt = clamp01(s.Team.Debt + e.delta)
			e.applied = s.Team.Debt - before
			c.Debt += e.delta
		case targetCapacity:
			before := s.Team.Capacity
			s.Team.Capacity += int(e.delta)
			if s.Team.Capacity < 1 {
				s.Team.Capacity = 1
			}
			e.applied = float64(s.Team.Capacity - before)
		case targetStress:
			c.Stress += e.delta
		case targetBurnout:
			s.Player.Burnout = clamp01(s.Player.Burnout + e.delta)
		case targetTrust:
			c.Trust += g.trust(e.index, e.delta)
			c.Stakeholder = e.index
		case targetSatisfaction:
			h := &s.Stakeholders[e.index]
			h.Satisfaction = clamp01(h.Satisfaction + e.delta)
		case targetNeed:
			s.Market.Need[e.index] += e.delta
			normalise(s.Market.Need)
		case targetAddStory:
			if st := &s.Stories[e.index]; st.Status == StoryHeld {
				st.Status = StoryBacklog
				s.Backlog = append(s.Backlog, e.index)
			}
		}
	}
}

// endLastingEffects moves back every lasting effect whose sprints are over: called as a sprint
// starts, so an effect chosen in sprint 3 with sprints = 2 holds through sprint 4 and is gone when
// sprint 5 is planned.
func (g *Game) endLastingEffects() {
	s := &g.s
	for _, effects := range g.effects {
		for k := range effects {
			e := &effects[k]
			if e.until == 0 || s.Sprint <= e.until {
				continue
			}
			switch e.target {
			case targetMorale:
				s.Team.Morale = clamp01(s.Team.Morale - e.applied)
			case targetDebt:
				s.Team.Debt = clamp01(s.Team.Debt - e.applied)
			case targetCapacity:
				s.Team.Capacity = max(s.Team.Capacity-int(e.applied), 1)
			}
			e.until, e.applied = 0, 0
		}
	}
}

// compiledCond is an event's gate on a meter.
type compiledCond struct {
	target effectTarget
	index  int
	op     string
	value  float64
}

func compileCond(c *scenario.Condition, ids lookup) compiledCond {
	if c == nil {
		return compiledCond{}
	}
	t, i := resolveMeter(c.Meter, ids)
	if rest, ok := strings.CutPrefix(c.Meter, "theme."); ok {
		if id, ok := strings.CutSuffix(rest, ".delivered"); ok {
			if ix, ok := ids.theme(id); ok {
				t, i = targetDelivered, ix
			}
		}
	}
	return compiledCond{target: t, index: i, op: c.Op, value: c.Value}
}

// gated reports whether the event has a gate at all.
func (c compiledCond) gated() bool { return c.target != targetNone }

// delivered is the share of theme's story value shipped so far, held-back stories counted in the
// whole: "certification needs firmware by sprint 5" is theme.firmware.delivered with sprint = 5.
func delivered(s *State, theme int) float64 {
	var done, all float64
	for i := range s.Stories {
		st := &s.Stories[i]
		if st.Theme != theme {
			continue
		}
		all += st.Value
		if st.Status == StoryAccepted {
			done += st.Value
		}
	}
	if all == 0 {
		return 0
	}
	return done / all
}

// holds reports whether the gate is open now; an event without a gate never fires by it.
func (c compiledCond) holds(s *State) bool {
	var v float64
	switch c.target {
	case targetDelivered:
		v = delivered(s, c.index)
	case targetMorale:
		v = s.Team.Morale
	case targetDebt:
		v = s.Team.Debt
	case targetStress: // a pair game's gate reads the more strained seat (Partner is zero solo)
		v = max(s.Player.Stress, s.Partner.Stress)
	case targetBurnout:
		v = max(s.Player.Burnout, s.Partner.Burnout)
	case targetTrust:
		v = s.Stakeholders[c.index].Trust
	case targetSatisfaction:
		v = s.Stakeholders[c.index].Satisfaction
	default:
		return false
	}
	switch c.op {
	case "<":
		return v < c.value
	case "<=":
		return v <= c.value
	case ">":
		return v > c.value
	case ">=":
		return v >= c.value
	}
	return false
}
