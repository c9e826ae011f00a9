package lessons

import (
	"testing"

	"twohats/scenarios"
)

// TestLessons is `twohats lessons`: every lesson must emerge over the seeds. make test runs the
// full 300 seeds per arm; -short runs 100, which the margins allow.
func TestLessons(t *testing.T) {
	runs := 300
	if testing.Short() {
		runs = 100
	}
	r := NewRunner(scenarios.Load, scenarios.IDs(), runs)
	report, err := r.Check()
	if err != nil {
		t.Fatal(err)
	}
	if len(report) != 8 {
		t.Fatalf("got %d lessons, want 7 and the balance check", len(report))
	}
	for _, l := range report {
		if len(l.Comparisons) == 0 {
			t.Errorf("lesson %d compares nothing", l.Number)
		}
		for _, c := range l.Comparisons {
			if !c.Pass {
				t.Errorf("lesson %d (%s) fails: [%s] %s: %.3f±%.3f vs %.3f±%.3f", l.Number, l.Title, c.Scenario, c.Claim,
					c.Left.Mean, c.Left.SE, c.Right.Mean, c.Right.SE)
			}
		}
	}
}

func TestGreater(t *testing.T) {
	tests := []struct {
		left, right Stat
		pass        bool
	}{
		{Stat{10, 1}, Stat{5, 1}, true},  // 5 > 3·√2
		{Stat{10, 1}, Stat{6, 1}, false}, // 4 < 3·√2
		{Stat{1, 0}, Stat{1, 0}, false},  // equal is not greater
		{Stat{0.5, 0.01}, Stat{0.4, 0}, true},
		{Stat{5, 1}, Stat{10, 1}, false},
	}
	for _, tt := range tests {
		if got := greater("s", "c", tt.left, tt.right).Pass; got != tt.pass {
			t.Errorf("greater(%v, %v) = %v, want %v", tt.left, tt.right, got, tt.pass)
		}
	}
}
