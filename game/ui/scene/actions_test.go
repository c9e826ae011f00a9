package scene

import (
	"testing"

	"twohats/game/sim"
	"twohats/scenarios"
)

// A button and its hint say what the action takes, all of it: with one hour left, a four-hour
// rest reads "4 h", not "1 h".
func TestCostsNameEveryHour(t *testing.T) {
	for _, tt := range []struct {
		name        string
		cost        sim.Preview
		label, line string
	}{
		{"free", sim.Preview{}, "", "free"},
		{"two hours", sim.Preview{Hours: 2, Stress: 0.04}, "2 h", "2 h · stress +4"},
		{"overtime", sim.Preview{Hours: 3, Overtime: 1, Stress: 0.08, Burnout: 0.01}, "3 h !", "3 h · stress +8 · 1 h overtime: burnout +1.0"},
		{"more than are left", sim.Preview{Hours: 1, Beyond: 3, Stress: -0.2}, "4 h", "4 h (1 left) · stress −20"},
		{"none left", sim.Preview{Beyond: 4}, "4 h", "4 h (0 left)"},
	} {
		if got := hoursLabel(tt.cost); got != tt.label {
			t.Errorf("%s: button cost %q, want %q", tt.name, got, tt.label)
		}
		if got := costLine(tt.cost); got != tt.line {
			t.Errorf("%s: cost line %q, want %q", tt.name, got, tt.line)
		}
	}
}

// In a real game the action bar's rest button, with fewer hours left than a rest takes, names the
// rest's hours and is disabled with the reason.
func TestRestButtonWithTooFewHours(t *testing.T) {
	sc, err := scenarios.Load("startup")
	if err != nil {
		t.Fatal(err)
	}
	g, err := sim.New(sc, sim.RoleBoth, 1)
	if err != nil {
		t.Fatal(err)
	}
	rest := sim.Action{Kind: sim.ActRest}
	need := g.Cost(rest)
	for g.State().Player.Hours >= need && !g.Over() {
		a := sim.Action{Kind: sim.ActResearch}
		switch {
		case g.State().Event >= 0:
			a = sim.Action{Kind: sim.ActChoose}
		case g.Check(a) != nil:
			a = sim.Action{Kind: sim.ActAdvance}
		}
		if err := g.Apply(a); err != nil {
			t.Fatal(err)
		}
	}
	if g.Over() || g.Check(rest) == nil {
		t.Fatalf("no state with too few hours to rest (over %v)", g.Over())
	}
	cost := g.Preview(rest)
	if want := hoursLabel(sim.Preview{Hours: need}); hoursLabel(cost) != want {
		t.Errorf("with %d h left the rest button reads %q, want %q", g.State().Player.Hours, hoursLabel(cost), want)
	}
}
