package sim

import (
	"reflect"
	"testing"
)

// hideTruth changes what no hat may know: the true need, every true effort, the arrival of
// requests still to come, the due days of events, defects before review, realised value, and
// (when the player is a Product Owner with a colleague) the Product Manager's roadmap itself.
func hideTruth(g *Game) {
	s := &g.s
	for i := range s.Market.Need {
		s.Market.Need[i] = float64(i + 1)
	}
	normalise(s.Market.Need)
	for i := range s.Stories {
		s.Stories[i].trueEffort = 3*s.Stories[i].trueEffort + 1
		s.Stories[i].Defect = !s.Stories[i].Defect
		s.Stories[i].Realised += 7
	}
	for i := range s.Requests {
		if s.Requests[i].Status == RequestWaiting {
			s.Requests[i].Sprint, s.Requests[i].Day = s.Sprint+1, 4
		}
	}
	for i := range s.Events {
		s.Events[i].Day = 5 - s.Events[i].Day
	}
	if g.role == RolePO {
		for i := range s.Roadmap {
			s.Roadmap[i] = float64(len(s.Roadmap) - i)
		}
		normalise(s.Roadmap)
	}
}

// TestViewDoesNotSeeTheTruth: at many points of a game in every role, changing the hidden fields
// leaves the view unchanged.
func TestViewDoesNotSeeTheTruth(t *testing.T) {
	for _, role := range Roles {
		for _, stop := range []int{0, 3, 12, 25, 45, 70} {
			g := newTestGame(t, role, 9)
			var buf []Action
			for step := 0; step < stop && !g.Over(); step++ {
				buf = g.Legal(buf[:0])
				pick := 0 // advance, one step in three
				if step%3 != 0 && len(buf) > 1 {
					pick = 1 + (step*5)%(len(buf)-1)
				}
				mustApply(t, g, buf[pick])
			}
			if g.Over() {
				t.Fatalf("%s: the game ended before step %d", role, stop)
			}
			var before, after View
			g.View(&before)
			hideTruth(g)
			g.View(&after)
			if !reflect.DeepEqual(before, after) {
				t.Errorf("%s after %d steps: the view changed with the hidden truth", role, stop)
			}
			if len(before.Legal) == 0 || len(before.Legal) != len(before.Previews) {
				t.Errorf("%s after %d steps: %d legal actions, %d previews", role, stop, len(before.Legal), len(before.Previews))
			}
		}
	}
}

// TestConsequencesDoNotProbeTheMarket: two games of one world, one with another true need, play
// the same sprint (a new roadmap, a plan, the work, the review): every view along the way is the
// same, though what shipped is really worth different amounts.
func TestConsequencesDoNotProbeTheMarket(t *testing.T) {
	for _, role := range Roles {
		a, b := newTestGame(t, role, 3), newTestGame(t, role, 3)
		for i := range b.s.Market.Need {
			b.s.Market.Need[i] = float64(i + 1)
		}
		normalise(b.s.Market.Need)
		var va, vb View
		same := func(what string) {
			t.Helper()
			a.View(&va)
			b.View(&vb)
			x, y := va, vb
			x.game, y.game = nil, nil
			if !reflect.DeepEqual(x, y) {
				t.Fatalf("%s, %s: the view tells the two markets apart", role, what)
			}
		}
		do := func(act Action) {
			t.Helper()
			mustApply(t, a, act)
			mustApply(t, b, act)
			same(act.Kind.String())
		}
		same("start")
		if role.Wears(HatPM) {
			do(Action{Kind: ActRoadmap, Weights: []float64{0.2, 0.3, 0.5}})
			if c := va.Log[len(va.Log)-1]; c.Fit == 0 || a.s.Log[len(a.s.Log)-1].Fit == b.s.Log[len(b.s.Log)-1].Fit {
				t.Fatalf("%s: the roadmap's fit should be shown (%v) and differ in truth", role, c.Fit)
			}
		}
		do(Action{Kind: ActAdvance}) // to planning
		if role.Wears(HatPO) {
			do(Action{Kind: ActPlan, Stories: a.PlanFromTop(nil)})
		}
		for a.s.Phase != PhaseRetro {
			act := Action{Kind: ActAdvance}
			switch {
			case a.s.Event >= 0:
				act = Action{Kind: ActChoose}
			case a.s.Phase == PhaseReview && role.Wears(HatPO) && !a.s.Reviewed:
				act = Action{Kind: ActReview}
			case len(a.s.Inbox) > 0:
				act = Action{Kind: ActAnswer, Request: a.s.Inbox[0], Answer: AnswerDecline}
			}
			do(act)
		}
		if a.s.Value == b.s.Value || va.Value <= 0 {
			t.Fatalf("%s: value %v and %v in truth, %v seen: the test shipped nothing", role, a.s.Value, b.s.Value, va.Value)
		}
	}
}

// TestViewHatsSeeTheirOwn: the Product Owner with a colleague sees the roadmap as last heard and
// no market estimate; the Product Manager and both hats see the roadmap in force and the estimate.
func TestViewHatsSeeTheirOwn(t *testing.T) {
	for _, role := range Roles {
		g := newTestGame(t, role, 4)
		var v View
		g.View(&v)
		want := g.s.Roadmap
		if role == RolePO {
			want = g.s.POView
		}
		if !reflect.DeepEqual(v.Roadmap, want) {
			t.Errorf("%s: view roadmap %v, want %v", role, v.Roadmap, want)
		}
		if got := v.Estimate != nil; got != role.Wears(HatPM) {
			t.Errorf("%s: estimate shown = %v", role, got)
		}
		if v.BurnoutFrom != g.t.BurnoutFrom || v.LeaveAt != 1 || v.OvertimeFrom != int(g.t.OvertimeFrom*40) {
			t.Errorf("%s: lines %v %v %v", role, v.BurnoutFrom, v.LeaveAt, v.OvertimeFrom)
		}
	}
}

// TestViewReusesItsSlices: a screen asks for the view every frame; asking again before the next
// decision costs nothing, and refilling after one allocates only what Legal builds afresh (a
// default roadmap's weights, order and plan, and the reasons of the actions it rules out).
func TestViewReusesItsSlices(t *testing.T) {
	g := newTestGame(t, RoleBoth, 2)
	mustApply(t, g, Action{Kind: ActResearch}, Action{Kind: ActAdvance})
	var v View
	g.View(&v)
	if n := testing.AllocsPerRun(50, func() { g.View(&v) }); n != 0 {
		t.Errorf("an unchanged game's view allocates %v times per call", n)
	}
	legal := testing.AllocsPerRun(50, func() { g.Legal(v.Legal[:0]) })
	if n := testing.AllocsPerRun(50, func() { v.decided = -1; g.View(&v) }); n > legal {
		t.Errorf("refilling the view allocates %v times, Legal alone %v", n, legal)
	}
}
