package sim

import (
	"slices"
	"testing"

	"twohats/game/scenario"
)

// TestEventsDueTheSameDayBothComeUp: an event due on a day another event took comes up that same
// day, once the first is answered, on the sprint's last day too: the world's schedule is kept.
func TestEventsDueTheSameDayBothComeUp(t *testing.T) {
	for _, day := range []int{3, 5} { // 5 is the last day of the test scenario's sprints
		sc := testScenario()
		sc.Events[0].Day = day
		sc.Events = append(sc.Events, scenario.Event{ID: "e3", Title: "Audit", Text: "Audit", Sprint: 2, Day: day,
			Choices: []scenario.Choice{{Label: "OK"}}})
		g, err := New(sc, RoleBoth, 1)
		if err != nil {
			t.Fatal(err)
		}
		for g.s.Sprint < 2 || g.s.Phase != PhaseExecution || g.s.Day < day {
			mustApply(t, g, Action{Kind: ActAdvance})
		}
		if g.s.Event != 0 {
			t.Fatalf("day %d: event on the table %d, want the outage", day, g.s.Event)
		}
		mustApply(t, g, Action{Kind: ActChoose})
		if g.s.Event != 2 || g.s.Day != day || g.s.Sprint != 2 {
			t.Fatalf("day %d: after the outage, event %d on the table in sprint %d day %d; want the audit the same day", day, g.s.Event, g.s.Sprint, g.s.Day)
		}
		mustApply(t, g, Action{Kind: ActChoose})
		if g.s.Event != -1 {
			t.Fatalf("day %d: a third event came up: %d", day, g.s.Event)
		}
	}
}

// TestWorldIgnoresRoleAndDecisions: the world drawn for a seed does not depend on the role, and
// each item comes from its own strand: adding a request to a scenario moves no other arrival, no
// true effort and no event day.
func TestWorldIgnoresRoleAndDecisions(t *testing.T) {
	a, b := newTestGame(t, RolePM, 8), newTestGame(t, RolePO, 8)
	if a.World() != b.World() {
		t.Fatal("two roles, one seed, two worlds")
	}
	sc := testScenario()
	sc.Stories = append(sc.Stories, scenario.Story{ID: "x", Title: "X", Theme: "a", Value: 5, Effort: 3})
	sc.Requests = append(sc.Requests, scenario.Request{ID: "r3", Stakeholder: "sales", Story: "x", Text: "Also", Chance: 0.4})
	c, err := New(sc, RolePM, 8)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.w.arrival {
		if a.w.arrival[i] != c.w.arrival[i] {
			t.Fatalf("a new request moved request %d's arrival", i/2)
		}
	}
	for i := range a.w.effort {
		if a.w.effort[i] != c.w.effort[i] {
			t.Fatalf("a new story moved story %d's true effort", i)
		}
	}
	if !slices.Equal(a.w.due, c.w.due) || !slices.Equal(a.w.drift, c.w.drift) || a.World() == c.World() {
		t.Fatal("a new request moved the events or the market, or left the fingerprint as it was")
	}
}
