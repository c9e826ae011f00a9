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
)

type compiledEffect struct {
	target effectTarget
	index  int
	delta  float64
}

// resolveMeter turns a meter name into a target; unknown names (which the loader rejects) do
// nothing.
func resolveMeter(name string, holders map[string]int) (effectTarget, int) {
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
			if i, ok := holders[id]; ok {
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

func compileEffects(effects []scenario.Effect, themes, holders, stories map[string]int) []compiledEffect {
	out := make([]compiledEffect, 0, len(effects))
	for _, e := range effects {
		switch {
		case e.AddStory != "":
			if i, ok := stories[e.AddStory]; ok {
				out = append(out, compiledEffect{target: targetAddStory, index: i})
			}
		case e.Market != "":
			if i, ok := themes[e.Market]; ok {
				out = append(out, compiledEffect{target: targetNeed, index: i, delta: e.Delta})
			}
		default:
			if t, i := resolveMeter(e.Meter, holders); t != targetNone {
				out = append(out, compiledEffect{target: t, index: i, delta: e.Delta})
			}
		}
	}
	return out
}

// applyEffects carries out an event choice's effects and notes them on c.
func (g *Game) applyEffects(effects []compiledEffect, c *Consequence) {
	s := &g.s
	for _, e := range effects {
		switch e.target {
		case targetMorale:
			s.Team.Morale = clamp01(s.Team.Morale + e.delta)
			c.Morale += e.delta
		case targetDebt:
			s.Team.Debt = clamp01(s.Team.Debt + e.delta)
			c.Debt += e.delta
		case targetCapacity:
			s.Team.Capacity += int(e.delta)
			if s.Team.Capacity < 1 {
				s.Team.Capacity = 1
			}
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

// compiledCond is an event's gate on a meter.
type compiledCond struct {
	target effectTarget
	index  int
	op     string
	value  float64
}

func compileCond(c *scenario.Condition, holders map[string]int) compiledCond {
	if c == nil {
		return compiledCond{}
	}
	t, i := resolveMeter(c.Meter, holders)
	return compiledCond{target: t, index: i, op: c.Op, value: c.Value}
}

// holds reports whether the gate is open now; an event without a gate never fires by it.
func (c compiledCond) holds(s *State) bool {
	var v float64
	switch c.target {
	case targetMorale:
		v = s.Team.Morale
	case targetDebt:
		v = s.Team.Debt
	case targetStress:
		v = s.Player.Stress
	case targetBurnout:
		v = s.Player.Burnout
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
