package sim

import (
	"strings"
	"testing"

	"twohats/game/scenario"
)

// inExecution plays a game of the test scenario to day 1 of the first sprint's execution with one
// small story planned, and returns the planned story.
func inExecution(t *testing.T, role Role) (*Game, int) {
	t.Helper()
	g := newTestGame(t, role, 1)
	advanceTo(t, g, PhasePlanning)
	planned := -1
	for _, ix := range g.s.Backlog {
		if g.s.Stories[ix].Effort == 3 {
			planned = ix
			break
		}
	}
	if role.Wears(HatPO) {
		mustApply(t, g, Action{Kind: ActPlan, Stories: []int{planned}})
	}
	advanceTo(t, g, PhaseExecution)
	return g, planned
}

// buildAll finishes every story of the sprint, as days of work would.
func buildAll(g *Game) {
	for _, ix := range g.s.Committed {
		st := &g.s.Stories[ix]
		st.Progress, st.Status = st.work(g.t), StoryDone
	}
}

func TestPullWhenTheSprintIsBuilt(t *testing.T) {
	for _, tt := range []struct {
		name  string
		role  Role
		setup func(g *Game, planned int) int // returns the story to pull
		err   string                         // "" when legal
	}{
		{"the plan built, days left: legal", RoleBoth, func(g *Game, _ int) int { buildAll(g); return g.s.Backlog[0] }, ""},
		{"a Product Owner may pull too", RolePO, func(g *Game, _ int) int { buildAll(g); return g.s.Backlog[0] }, ""},
		{"nearly built (under a day's work left): legal", RoleBoth, func(g *Game, planned int) int {
			st := &g.s.Stories[planned]
			st.Progress = float64(st.Effort) - 0.9*g.s.Team.Velocity()/float64(g.s.Days)
			return g.s.Backlog[0]
		}, ""},
		{"a chosen story, not only the top", RoleBoth, func(g *Game, _ int) int { buildAll(g); return g.s.Backlog[3] }, ""},
		{"work still to build", RoleBoth, func(g *Game, _ int) int { return g.s.Backlog[0] }, "still has 3 pt"},
		{"the last day", RoleBoth, func(g *Game, _ int) int { buildAll(g); g.s.Day = g.s.Days; return g.s.Backlog[0] }, "last day"},
		{"not a backlog story", RoleBoth, func(g *Game, planned int) int { buildAll(g); return planned }, "not in the backlog"},
		{"no such story", RoleBoth, func(g *Game, _ int) int { buildAll(g); return 99 }, "no story 99"},
		{"planning, not execution", RoleBoth, func(g *Game, _ int) int { buildAll(g); g.s.Phase = PhasePlanning; return g.s.Backlog[0] }, "planning phase"},
		{"the PM hat alone", RolePM, func(g *Game, _ int) int { buildAll(g); return g.s.Backlog[0] }, "do not wear that hat"},
		{"no hours left", RoleBoth, func(g *Game, _ int) int { buildAll(g); g.s.Player.Hours = 0; return g.s.Backlog[0] }, "needs 1 h"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g, planned := inExecution(t, tt.role)
			story := tt.setup(g, planned)
			a := Action{Kind: ActPull, Story: story}
			err := g.Check(a)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Check = %v, want an error saying %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Check = %v, want legal", err)
			}
			hours, logged := g.s.Player.Hours, len(g.s.Log)
			mustApply(t, g, a)
			st := &g.s.Stories[story]
			if st.Status != StoryCommitted || g.s.Committed[len(g.s.Committed)-1] != story {
				t.Errorf("pulled story is %s, sprint %v: want it committed, last in the sprint", st.Status, g.s.Committed)
			}
			for _, ix := range g.s.Backlog {
				if ix == story {
					t.Errorf("pulled story still in the backlog %v", g.s.Backlog)
				}
			}
			if got := hours - g.s.Player.Hours; got != g.t.HoursPull {
				t.Errorf("the pull cost %d h, want hours_pull %d", got, g.t.HoursPull)
			}
			if c := g.s.Log[st.plannedBy]; st.plannedBy != logged || c.Kind != ConAction || c.Action.Kind != ActPull {
				t.Errorf("what the story ships is credited to log %d (%+v), want the pull's consequence %d", st.plannedBy, c.Action, logged)
			}
		})
	}
}

// TestPullJudgedWithTheSprint: a pulled story is judged by the team-health rules at the end of
// execution. Finished, it took the slack that would have paid debt down, and the sprint stays sane;
// spilled over, the team was handed more than it could build: overcommitment.
func TestPullJudgedWithTheSprint(t *testing.T) {
	tu := scenario.DefaultTuning()
	for _, tt := range []struct {
		name                 string
		finish               bool
		wantMorale, wantDebt float64
		overcommitted        bool
	}{
		{"pulled and built: sane, the slack spent", true, tu.MoraleSane, -tu.DebtPaydown * (1 - 0.9), false},
		{"pulled and spilled: overcommitted", false, -tu.MoraleOverrun, 0, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g, _ := inExecution(t, RoleBoth)
			buildAll(g)
			pulled := g.s.Backlog[0]
			mustApply(t, g, Action{Kind: ActPull, Story: pulled})
			if tt.finish {
				buildAll(g)
			}
			// Measure against a round forecast: the plan 5 pt of 10, the pull 4 pt.
			g.s.Team.Morale, g.s.Team.Debt = 0.5, 0.5
			g.forecast, g.planned, g.pulled, g.rework = 10, 5, 4, 0
			logged := len(g.s.Log)
			g.endExecution()
			if dm, dd := g.s.Team.Morale-0.5, g.s.Team.Debt-0.5; !near(dm, tt.wantMorale) || !near(dd, tt.wantDebt) {
				t.Errorf("morale %+v debt %+v, want %+v %+v", dm, dd, tt.wantMorale, tt.wantDebt)
			}
			over := -1
			for i := logged; i < len(g.s.Log); i++ {
				if g.s.Log[i].Kind == ConOvercommitted {
					over = i
				}
			}
			if (over >= 0) != tt.overcommitted {
				t.Fatalf("overcommitted logged: %v, want %v", over >= 0, tt.overcommitted)
			}
			if tt.overcommitted {
				if c := g.s.Log[over]; c.Subject != pulled || !strings.Contains(g.Describe(c), "was pulled into the sprint") {
					t.Errorf("overcommitment names story %d (%q), want the pulled %d", c.Subject, g.Describe(c), pulled)
				}
				if g.s.Backlog[0] != pulled || g.s.Stories[pulled].Status != StoryBacklog {
					t.Errorf("a spilled pull goes back to the top of the backlog: %v", g.s.Backlog)
				}
			}
			if g.pulled != 0 {
				t.Errorf("pulled points %v carried past the sprint", g.pulled)
			}
		})
	}
}

// TestPullOpenIsChecksRule: PullOpen, which screens and bots ask instead of Check, says exactly
// what Check's pull rule says for the backlog's top story, on every day of a sprint whose work
// runs out part-way (before, while a day's work is left, when it is built, on the last day).
func TestPullOpenIsChecksRule(t *testing.T) {
	g, _ := inExecution(t, RolePO)
	seen := map[bool]int{}
	for g.s.Phase == PhaseExecution {
		want := len(g.s.Backlog) > 0 && g.Check(Action{Kind: ActPull, Story: g.s.Backlog[0]}) == nil
		if got := g.PullOpen(); got != want {
			t.Fatalf("day %d: PullOpen %v, Check allows the pull %v (%.1f pt left)", g.s.Day, got, want, g.SprintLeft())
		}
		var v View
		g.View(&v)
		if v.PullOpen != want || v.SprintLeft != g.SprintLeft() {
			t.Fatalf("day %d: the view says open %v, %.1f pt left", g.s.Day, v.PullOpen, v.SprintLeft)
		}
		seen[want]++
		mustApply(t, g, Action{Kind: ActAdvance})
	}
	if seen[true] == 0 || seen[false] == 0 {
		t.Errorf("the sprint never showed both states: %v", seen)
	}
}
