package scene

import (
	"math"
	"slices"

	"twohats/game/sim"
	"twohats/game/ui/input"
)

// Auto returns the next intent a player would make toward the action want: switch to the board
// that shows it, move the focus, then press the action's key.
func (s *Sprint) Auto(c *Ctx, want *sim.Action) (input.Intent, bool) {
	if want == nil {
		return input.Intent{}, false
	}
	g := c.Game
	st := g.State()
	a := *want
	if st.Event >= 0 {
		if a.Kind != sim.ActChoose {
			return input.Intent{}, false
		}
		return input.Key(rune('1' + a.Choice)), true
	}
	if s.Picker {
		if a.Kind == sim.ActInterview {
			return input.Key(rune('1' + a.Theme)), true
		}
		return input.Of(input.Back), true
	}
	key := func(r rune) (input.Intent, bool) { return input.Key(r), true }
	to := func(b Board) (input.Intent, bool) {
		if (s.Board+1)%numBoards == b {
			return input.Of(input.NextBoard), true
		}
		if (b+1)%numBoards == s.Board {
			return input.Of(input.PrevBoard), true
		}
		// A click on the board's tab, as a mouse would.
		r := s.tabs[b]
		return input.Intent{Kind: input.Press, X: r.CX(), Y: r.CY()}, true
	}
	switch a.Kind {
	case sim.ActAdvance:
		return key('N')
	case sim.ActResearch:
		return key('M')
	case sim.ActExecutive:
		return key('X')
	case sim.ActKPI:
		return key('K')
	case sim.ActSync:
		return key('S')
	case sim.ActRest:
		return key('Z')
	case sim.ActReview:
		return key('V')
	case sim.ActInterview:
		return key('I')
	case sim.ActRoadmap:
		if s.Board != BMarket {
			return to(BMarket)
		}
		target := normalised(a.Weights)
		if closeTo(normalised(s.Weights), target, 0.006) && s.wEdited {
			return key('U')
		}
		if closeTo(target, st.Market.Estimate, 1e-9) {
			return key('E')
		}
		for i, w := range target {
			q := math.Round(w*100) / 100
			if math.Abs(s.Weights[i]-q) > 0.004 || !s.wEdited {
				r := s.sliders[i]
				x := r.X + q*r.W + 0.25
				return input.Intent{Kind: input.Press, X: x, Y: r.CY()}, true
			}
		}
		return key('U')
	case sim.ActOrder:
		if s.Board != BBacklog {
			return to(BBacklog)
		}
		if slices.Equal(s.Order, a.Stories) {
			return key('O')
		}
		if slices.Equal(a.Stories, g.OrderByRoadmap(nil, st.POView)) && !slices.Equal(s.Order, a.Stories) && !s.triedSort {
			s.triedSort = true
			return key('A')
		}
		return s.towardOrder(a.Stories)
	case sim.ActRefine:
		if st.Stories[a.Story].Status == sim.StoryBacklog || st.Phase != sim.PhaseExecution {
			if s.Board != BBacklog {
				return to(BBacklog)
			}
			pos := slices.Index(s.Order, a.Story)
			if pos < 0 {
				if k := slices.Index(st.Committed, a.Story); k >= 0 {
					pos = len(s.Order) + k
				}
			}
			if pos < 0 {
				return input.Intent{}, false
			}
			if in, ok := s.focusTo(&s.Cur, pos); ok {
				return in, true
			}
			return key('R')
		}
		if s.Board != BSprint {
			return to(BSprint)
		}
		pos := len(st.Inbox) + slices.Index(st.Committed, a.Story)
		if in, ok := s.focusTo(&s.Focus, pos); ok {
			return in, true
		}
		return key('R')
	case sim.ActPlan:
		if s.Board != BBacklog {
			return to(BBacklog)
		}
		// First the order the plan's stories run in, then the ticks, then commit.
		want := s.orderFor(a.Stories)
		if !slices.Equal(s.Order, want) {
			return s.towardOrder(want)
		}
		for pos, ix := range s.Order {
			if s.InPlan[ix] != slices.Contains(a.Stories, ix) {
				if in, ok := s.focusTo(&s.Cur, pos); ok {
					return in, true
				}
				return input.Of(input.Toggle), true
			}
		}
		return key('P')
	case sim.ActAnswer:
		if s.Board != BSprint {
			return to(BSprint)
		}
		pos := slices.Index(st.Inbox, a.Request)
		if pos < 0 {
			return input.Intent{}, false
		}
		if in, ok := s.focusTo(&s.Focus, pos); ok {
			return in, true
		}
		return key(rune('1' + int(a.Answer)))
	case sim.ActChoose:
		return input.Intent{}, false
	}
	return input.Intent{}, false
}

// focusTo returns the arrow key that moves the focus toward pos, or ok false when it is there.
func (s *Sprint) focusTo(cur *int, pos int) (input.Intent, bool) {
	switch {
	case *cur < pos:
		return input.Of(input.Down), true
	case *cur > pos:
		return input.Of(input.Up), true
	}
	return input.Intent{}, false
}

// towardOrder returns the next focus move or card move that brings the draft order closer to want.
func (s *Sprint) towardOrder(want []int) (input.Intent, bool) {
	for i := range want {
		if i >= len(s.Order) || s.Order[i] == want[i] {
			continue
		}
		j := slices.Index(s.Order, want[i])
		if j < 0 {
			return input.Intent{}, false
		}
		if in, ok := s.focusTo(&s.Cur, j); ok {
			return in, true
		}
		return input.Intent{Kind: input.MoveUp, Shift: true}, true
	}
	return input.Intent{}, false
}

// orderFor is the draft order with the plan's stories put in the plan's order, in the slots they
// hold now.
func (s *Sprint) orderFor(plan []int) []int {
	out := append([]int(nil), s.Order...)
	k := 0
	for i, ix := range out {
		if slices.Contains(plan, ix) {
			out[i] = plan[k]
			k++
		}
	}
	return out
}

func normalised(w []float64) []float64 {
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	out := make([]float64, len(w))
	for i, x := range w {
		if sum > 0 {
			out[i] = x / sum
		}
	}
	return out
}

func closeTo(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > tol {
			return false
		}
	}
	return true
}
