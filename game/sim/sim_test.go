package sim

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func newTestGame(t testing.TB, role Role, seed uint64) *Game {
	t.Helper()
	g, err := New(testScenario(), role, seed)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestParseRole(t *testing.T) {
	tests := []struct {
		in   string
		want Role
		err  bool
	}{
		{"pm", RolePM, false}, {"po", RolePO, false}, {"both", RoleBoth, false},
		{"PM", 0, true}, {"", 0, true}, {"scrum", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseRole(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ParseRole(%q) = %v, %v; want %v, err %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestRoleWearsHats(t *testing.T) {
	tests := []struct {
		role   Role
		pm, po bool
	}{
		{RolePM, true, false}, {RolePO, false, true}, {RoleBoth, true, true},
	}
	for _, tt := range tests {
		if tt.role.Wears(HatPM) != tt.pm || tt.role.Wears(HatPO) != tt.po {
			t.Errorf("%s wears PM %v PO %v; want %v %v", tt.role, tt.role.Wears(HatPM), tt.role.Wears(HatPO), tt.pm, tt.po)
		}
	}
}

// snapshot captures everything observable about a game, to prove an illegal action changed nothing.
func snapshot(t *testing.T, g *Game) string {
	t.Helper()
	b, err := json.Marshal(struct {
		S State
		A []Action
		R uint64
	}{g.s, g.actions, 0})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestIllegalActionsChangeNothing(t *testing.T) {
	tests := []struct {
		name string
		role Role
		a    Action
		want string
	}{
		{"PO cannot research", RolePO, Action{Kind: ActResearch}, "PM work"},
		{"PM cannot plan", RolePM, Action{Kind: ActPlan, Stories: []int{0}}, "PO work"},
		{"no sync wearing both", RoleBoth, Action{Kind: ActSync}, "both hats"},
		{"plan in strategy", RoleBoth, Action{Kind: ActPlan, Stories: []int{0}}, "strategy phase"},
		{"review in strategy", RoleBoth, Action{Kind: ActReview}, "strategy phase"},
		{"unknown theme", RolePM, Action{Kind: ActInterview, Theme: 7}, "no theme 7"},
		{"negative theme", RolePM, Action{Kind: ActInterview, Theme: -1}, "no theme -1"},
		{"short roadmap", RolePM, Action{Kind: ActRoadmap, Weights: []float64{1}}, "needs 3 weights"},
		{"zero roadmap", RolePM, Action{Kind: ActRoadmap, Weights: []float64{0, 0, 0}}, "positive weight"},
		{"negative roadmap", RolePM, Action{Kind: ActRoadmap, Weights: []float64{-1, 1, 1}}, "out of range"},
		{"unknown story", RoleBoth, Action{Kind: ActRefine, Story: 99}, "no story 99"},
		{"held story", RoleBoth, Action{Kind: ActRefine, Story: 10}, "is held"},
		{"answer not in inbox", RoleBoth, Action{Kind: ActAnswer, Request: 0}, "not in the inbox"},
		{"no event", RoleBoth, Action{Kind: ActChoose}, "no event"},
		{"unknown kind", RoleBoth, Action{Kind: 200}, "unknown action kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newTestGame(t, tt.role, 3)
			before := snapshot(t, g)
			err := g.Apply(tt.a)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Apply(%+v) = %v; want an error containing %q", tt.a, err, tt.want)
			}
			if after := snapshot(t, g); after != before {
				t.Fatalf("an illegal action changed the game")
			}
		})
	}
}

func TestPlanningRules(t *testing.T) {
	g := newTestGame(t, RoleBoth, 1)
	if err := g.Apply(Action{Kind: ActAdvance}); err != nil {
		t.Fatal(err)
	}
	s := g.State()
	all := append([]int(nil), s.Backlog...)
	if err := g.Apply(Action{Kind: ActPlan, Stories: all}); err == nil || !strings.Contains(err.Error(), "capacity") {
		t.Fatalf("over-capacity plan: got %v", err)
	}
	if err := g.Apply(Action{Kind: ActPlan, Stories: []int{all[0], all[0]}}); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Fatalf("duplicate plan: got %v", err)
	}
	if err := g.Apply(Action{Kind: ActOrder, Stories: all[1:]}); err == nil || !strings.Contains(err.Error(), "must list all") {
		t.Fatalf("partial order: got %v", err)
	}
	plan := g.PlanFromTop(nil)
	if err := g.Apply(Action{Kind: ActPlan, Stories: plan}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s.Committed, plan) {
		t.Fatalf("committed %v, planned %v", s.Committed, plan)
	}
	if err := g.Apply(Action{Kind: ActPlan, Stories: plan}); err == nil {
		t.Fatal("a second plan in one sprint was accepted")
	}
}

func TestHoursRunOut(t *testing.T) {
	g := newTestGame(t, RolePM, 1)
	for g.State().Player.Hours >= g.Cost(Action{Kind: ActResearch}) {
		if err := g.Apply(Action{Kind: ActResearch}); err != nil {
			t.Fatal(err)
		}
	}
	err := g.Apply(Action{Kind: ActResearch})
	if err == nil || !strings.Contains(err.Error(), "h are left") {
		t.Fatalf("research without hours: %v", err)
	}
}

// playScripted plays a game taking, at every step, the legal action the choice function picks.
func playScripted(t testing.TB, g *Game, pick func(legal []Action, step int) int) {
	t.Helper()
	var buf []Action
	for step := 0; !g.Over(); step++ {
		if step > 5000 {
			t.Fatal("game did not end")
		}
		buf = g.Legal(buf[:0])
		if len(buf) == 0 {
			t.Fatalf("no legal action in %s", g.s.Phase)
		}
		if err := g.Apply(buf[pick(buf, step)]); err != nil {
			t.Fatalf("a listed action is illegal: %v", err)
		}
		checkInvariants(t, g)
	}
}

func TestDeterminism(t *testing.T) {
	for _, role := range Roles {
		pick := func(legal []Action, step int) int { return (step * 7) % len(legal) }
		a := newTestGame(t, role, 42)
		playScripted(t, a, pick)
		b := newTestGame(t, role, 42)
		for _, act := range a.Actions() {
			if err := b.Apply(act); err != nil {
				t.Fatal(err)
			}
		}
		if a.Outcome() != b.Outcome() {
			t.Errorf("%s: replay differs: %+v vs %+v", role, a.Outcome(), b.Outcome())
		}
		if !reflect.DeepEqual(a.s.History, b.s.History) {
			t.Errorf("%s: histories differ", role)
		}
		c := newTestGame(t, role, 43)
		playScripted(t, c, pick)
		if a.Outcome() == c.Outcome() {
			t.Errorf("%s: seeds 42 and 43 played identically", role)
		}
	}
}

// checkInvariants are the rules no action may break.
func checkInvariants(t testing.TB, g *Game) {
	t.Helper()
	s := &g.s
	seen := make([]int, len(s.Stories))
	for _, ix := range s.Backlog {
		seen[ix]++
		if s.Stories[ix].Status != StoryBacklog {
			t.Fatalf("story %d in the backlog list is %s", ix, s.Stories[ix].Status)
		}
	}
	for _, ix := range s.Committed {
		seen[ix]++
		if st := s.Stories[ix].Status; st != StoryCommitted && st != StoryDone {
			t.Fatalf("story %d in the sprint is %s", ix, st)
		}
	}
	for ix, st := range s.Stories {
		switch st.Status {
		case StoryBacklog:
			if seen[ix] != 1 {
				t.Fatalf("backlog story %d listed %d times", ix, seen[ix])
			}
		case StoryCommitted, StoryDone:
			if seen[ix] != 1 {
				t.Fatalf("sprint story %d listed %d times", ix, seen[ix])
			}
		}
	}
	if s.Player.Hours < 0 || s.Player.Hours > g.sc.HoursPerSprint {
		t.Fatalf("hours %d out of range", s.Player.Hours)
	}
	for name, v := range map[string]float64{
		"stress": s.Player.Stress, "burnout": s.Player.Burnout, "peak": s.Player.BurnoutPeak,
		"morale": s.Team.Morale, "debt": s.Team.Debt,
	} {
		if !(v >= 0 && v <= 1) {
			t.Fatalf("%s = %v out of [0,1]", name, v)
		}
	}
	for i, h := range s.Stakeholders {
		if !(h.Trust >= 0 && h.Trust <= 1 && h.Satisfaction >= 0 && h.Satisfaction <= 1) {
			t.Fatalf("stakeholder %d trust %v satisfaction %v", i, h.Trust, h.Satisfaction)
		}
	}
	for _, dist := range [][]float64{s.Market.Need, s.Market.Estimate, s.Roadmap, s.POView} {
		sum := 0.0
		for _, w := range dist {
			if !(w > 0) {
				t.Fatalf("distribution has weight %v", w)
			}
			sum += w
		}
		if sum < 0.999 || sum > 1.001 {
			t.Fatalf("distribution sums to %v", sum)
		}
	}
	o := g.Outcome()
	for name, v := range map[string]float64{"alignment": o.Alignment, "fit": o.StrategyFit, "trust": o.StakeholderTrust,
		"health": o.TeamHealth, "burnout": o.BurnoutPeak, "value share": o.ValueShare} {
		if !(v >= 0 && v <= 1) {
			t.Fatalf("outcome %s = %v out of [0,1]", name, v)
		}
	}
	if !(o.Score >= 0 && o.Score <= 100) {
		t.Fatalf("score %v", o.Score)
	}
}

// FuzzActions plays random action sequences, legal and not, and checks the invariants after each.
func FuzzActions(f *testing.F) {
	f.Add(uint64(1), uint8(0), []byte{0, 1, 2, 3, 4, 5, 6, 7})
	f.Add(uint64(9), uint8(2), []byte{200, 13, 40, 7, 7, 7, 0, 0, 0, 255})
	f.Fuzz(func(t *testing.T, seed uint64, role uint8, script []byte) {
		g, err := New(testScenario(), Roles[int(role)%3], seed)
		if err != nil {
			t.Fatal(err)
		}
		var buf []Action
		for i := 0; i+1 < len(script) && !g.Over(); i += 2 {
			op, arg := script[i], int(script[i+1])
			if op%4 == 0 {
				// A raw action, often illegal: it must be refused without harm.
				a := Action{Kind: ActionKind(op / 4 % 16), Theme: arg % 5, Story: arg % 14, Request: arg % 3,
					Answer: Answer(arg % 5), Choice: arg % 3, Weights: []float64{float64(arg), 1, 2}, Stories: []int{arg % 14}}
				before := len(g.actions)
				if err := g.Apply(a); err != nil && len(g.actions) != before {
					t.Fatal("a refused action was recorded")
				}
			} else {
				buf = g.Legal(buf[:0])
				if err := g.Apply(buf[arg%len(buf)]); err != nil {
					t.Fatalf("listed action refused: %v", err)
				}
			}
			checkInvariants(t, g)
		}
	})
}
