package sim

import (
	"slices"
	"strings"
	"testing"

	"twohats/game/scenario"
)

func mustApply(t *testing.T, g *Game, as ...Action) {
	t.Helper()
	for _, a := range as {
		if err := g.Apply(a); err != nil {
			t.Fatalf("%s: %v", a.Kind, err)
		}
	}
}

// advanceTo moves time on until the game is in phase p (answering events with their first option).
func advanceTo(t *testing.T, g *Game, p Phase) {
	t.Helper()
	for i := 0; g.s.Phase != p; i++ {
		if i > 500 {
			t.Fatalf("never reached %s", p)
		}
		a := Action{Kind: ActAdvance}
		if g.s.Event >= 0 {
			a = Action{Kind: ActChoose}
		}
		mustApply(t, g, a)
	}
}

func TestHandOff(t *testing.T) {
	tests := []struct {
		role     Role
		sync     bool
		min, max float64 // the distance between the PO view and the roadmap
	}{
		{RoleBoth, false, 0, 0},    // one head: the PO view is the roadmap
		{RolePM, false, 0.001, 2},  // two people, no sync: second-hand and blurred
		{RolePM, true, 0.001, 0.2}, // a sync hands the roadmap over in words: close, not exact
		{RolePO, true, 0.001, 0.2},
	}
	for _, tt := range tests {
		g := newTestGame(t, tt.role, 5)
		if tt.role.Wears(HatPM) {
			mustApply(t, g, Action{Kind: ActRoadmap, Weights: []float64{0.7, 0.2, 0.1}})
		}
		if tt.sync {
			mustApply(t, g, Action{Kind: ActSync})
		}
		if d := distance(g.s.POView, g.s.Roadmap); d < tt.min || d > tt.max {
			t.Errorf("%s sync=%v: PO view %.3f from the roadmap, want %v..%v", tt.role, tt.sync, d, tt.min, tt.max)
		}
	}
}

func TestColleaguePODriftsWithoutSync(t *testing.T) {
	g := newTestGame(t, RolePM, 1)
	var drifts []float64
	for g.s.Sprint < 4 {
		advanceTo(t, g, PhaseExecution)
		drifts = append(drifts, g.urgencyBlend())
		advanceTo(t, g, PhaseRetro)
		mustApply(t, g, Action{Kind: ActAdvance})
	}
	if !(drifts[0] < drifts[1] && drifts[1] < drifts[2]) {
		t.Fatalf("drift toward urgency did not grow without syncs: %v", drifts)
	}
	advanceTo(t, g, PhasePlanning)
	mustApply(t, g, Action{Kind: ActSync})
	if d := g.urgencyBlend(); d != 0 {
		t.Fatalf("drift after a sync = %v", d)
	}
}

func TestStressRules(t *testing.T) {
	tu := scenario.DefaultTuning()
	research := Action{Kind: ActResearch}
	tests := []struct {
		name    string
		role    Role
		actions []Action
		want    float64
	}{
		{"two hours of work", RolePM, []Action{{Kind: ActKPI}}, 2 * tu.StressPerHour},
		{"switching hats costs extra", RoleBoth, []Action{{Kind: ActKPI}, {Kind: ActAdvance}, {Kind: ActRefine, Story: 0}},
			4*tu.StressPerHour + tu.StressSwitch},
		{"rest", RolePM, []Action{research, research, {Kind: ActRest}}, 12*tu.StressPerHour - tu.StressRest},
		{"stress never goes below zero", RolePM, []Action{{Kind: ActRest}}, 0},
		// 24 of 40 hours are sustainable; the fifth research is all overtime.
		{"overtime", RolePM, []Action{research, research, research, research, research},
			30*tu.StressPerHour + 6*tu.StressOvertime},
	}
	for _, tt := range tests {
		g := newTestGame(t, tt.role, 1)
		mustApply(t, g, tt.actions...)
		if d := g.s.Player.Stress - tt.want; d > 1e-9 || d < -1e-9 {
			t.Errorf("%s: stress %v, want %v", tt.name, g.s.Player.Stress, tt.want)
		}
	}
	g := newTestGame(t, RolePM, 1)
	mustApply(t, g, research, research, research, research)
	if g.s.Player.Burnout != 0 {
		t.Errorf("burnout %v before any overtime", g.s.Player.Burnout)
	}
	mustApply(t, g, research)
	if d := g.s.Player.Burnout - 6*tu.BurnoutOvertime; d > 1e-9 || d < -1e-9 {
		t.Errorf("six hours of overtime: burnout %v, want %v", g.s.Player.Burnout, 6*tu.BurnoutOvertime)
	}
}

func TestRequestsAndTrust(t *testing.T) {
	const sales = 2
	tu := scenario.DefaultTuning()
	for _, tt := range []struct {
		answer Answer
		want   float64 // change of sales' trust right after answering
	}{
		{AnswerAccept, tu.TrustAccept}, {AnswerDecline, -tu.TrustDecline}, {AnswerDefer, -tu.TrustDecline / 3},
	} {
		g := newTestGame(t, RoleBoth, 2)
		advanceTo(t, g, PhaseExecution)
		mustApply(t, g, Action{Kind: ActAdvance}) // day 2: sales asks
		if !slices.Contains(g.s.Inbox, 0) {
			t.Fatalf("sales' request is not in the inbox %v", g.s.Inbox)
		}
		before := g.s.Stakeholders[sales].Trust
		mustApply(t, g, Action{Kind: ActAnswer, Request: 0, Answer: tt.answer})
		if d := g.s.Stakeholders[sales].Trust - before - damp(tt.want, before); d > 1e-9 || d < -1e-9 {
			t.Errorf("%s: trust moved %v, want %v", tt.answer, g.s.Stakeholders[sales].Trust-before, tt.want)
		}
		line := g.Describe(g.s.Log[len(g.s.Log)-1])
		if !strings.Contains(line, `the request “Story 9” from Sales`) || !strings.Contains(line, "trust") {
			t.Errorf("%s: explained as %q", tt.answer, line)
		}
	}

	// Left unanswered, it costs more than a no at the sprint's end.
	g := newTestGame(t, RoleBoth, 2)
	advanceTo(t, g, PhaseExecution)
	mustApply(t, g, Action{Kind: ActAdvance})
	before := g.s.Stakeholders[sales].Trust
	advanceTo(t, g, PhaseRetro)
	mustApply(t, g, Action{Kind: ActAdvance})
	if d := before - g.s.Stakeholders[sales].Trust; d < tu.TrustIgnore-1e-9 || tu.TrustIgnore <= tu.TrustDecline {
		t.Errorf("ignoring a request cost %v trust, want at least %v, more than a no", d, tu.TrustIgnore)
	}
	if g.s.Requests[0].Status != RequestIgnored {
		t.Errorf("request is %s", g.s.Requests[0].Status)
	}
}

func TestTurningsAreRanked(t *testing.T) {
	g := newTestGame(t, RoleBoth, 3)
	playScripted(t, g, func(legal []Action, step int) int { return (step * 5) % len(legal) })
	helped, hurt := g.Turnings(5)
	if len(helped) == 0 || len(hurt) == 0 {
		t.Fatalf("helped %d, hurt %d", len(helped), len(hurt))
	}
	for i := 1; i < len(helped); i++ {
		if helped[i].Impact > helped[i-1].Impact {
			t.Errorf("helped not in order: %v", helped)
		}
	}
	for i := 1; i < len(hurt); i++ {
		if hurt[i].Impact < hurt[i-1].Impact {
			t.Errorf("hurt not in order: %v", hurt)
		}
	}
	if helped[0].Impact <= 0 || hurt[0].Impact >= 0 || !strings.HasPrefix(helped[0].Text, "Sprint ") {
		t.Errorf("turnings %+v / %+v", helped[0], hurt[0])
	}
}

// Affords is the hours half of Check: an action the seat's hours do not pay for is refused as
// short of hours, one they do pay for never is, and an event's choice is afforded with no hours
// left, since it works past them as stress.
func TestAffordsIsChecksHoursRule(t *testing.T) {
	g := newTestGame(t, RoleBoth, 1)
	for _, tc := range []struct {
		name  string
		hours int
		a     Action
		want  bool
	}{
		{"rest with its hours", 4, Action{Kind: ActRest}, true},
		{"rest an hour short", 3, Action{Kind: ActRest}, false},
		{"research with none left", 0, Action{Kind: ActResearch}, false},
		{"advance with none left", 0, Action{Kind: ActAdvance}, true},
		{"an event's choice with none left", 0, Action{Kind: ActChoose}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g.s.Player.Hours = tc.hours
			if got := g.Affords(tc.a); got != tc.want {
				t.Fatalf("Affords = %v with %d h for %s (cost %d), want %v", got, tc.hours, tc.a.Kind, g.Cost(tc.a), tc.want)
			}
			_, short := g.Check(tc.a).(shortOfHours)
			if short == tc.want {
				t.Errorf("Check says short of hours: %v, Affords: %v", short, tc.want)
			}
		})
	}
}
