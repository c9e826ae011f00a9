package sim

import (
	"math"
	"testing"

	"twohats/game/scenario"
)

// The rules of the scenario format the engine carries out (issue 11): a gate AND a timing, stakes
// for declining, lasting effects, the theme meter, satisfaction gates and burnout effects.

func ptr(x float64) *float64 { return &x }

var (
	always = &scenario.Condition{Meter: "stakeholder.cust.satisfaction", Op: ">=", Value: 0}
	never  = &scenario.Condition{Meter: "stakeholder.cust.satisfaction", Op: "<", Value: 0}
)

// firesAt plays a game of the test scenario with ev as its only event and no requests, answering
// with the first choice, and returns the sprint and day the event fired on (0, 0 if never).
// before runs ahead of every step, to set the state a gate reads.
func firesAt(t *testing.T, ev scenario.Event, before func(g *Game)) (sprint, day int) {
	t.Helper()
	sc := testScenario()
	sc.Requests = nil
	ev.ID, ev.Title, ev.Text = "x", "X", "X"
	ev.Choices = []scenario.Choice{{Label: "OK"}}
	sc.Events = []scenario.Event{ev}
	g, err := New(sc, RoleBoth, 3)
	if err != nil {
		t.Fatal(err)
	}
	for step := 0; !g.Over(); step++ {
		if step > 2000 {
			t.Fatal("the game never ended")
		}
		if before != nil {
			before(g)
		}
		a := Action{Kind: ActAdvance}
		if g.s.Event >= 0 {
			if sprint == 0 {
				sprint, day = g.s.Sprint, g.s.Day
			}
			a = Action{Kind: ActChoose}
		}
		mustApply(t, g, a)
	}
	return sprint, day
}

func TestEventTimingAndGate(t *testing.T) {
	tests := []struct {
		name            string
		ev              scenario.Event
		opensAt         [2]int // sprint, day from which the cust satisfaction gate holds; 0: as ev.When says
		wantSprint, day int
	}{
		{"sprint alone", scenario.Event{Sprint: 2, Day: 3}, [2]int{}, 2, 3},
		{"gate alone fires on its first day", scenario.Event{When: always}, [2]int{}, 1, 1},
		{"gate alone that never holds", scenario.Event{When: never}, [2]int{}, 0, 0},
		{"sprint AND a gate that holds", scenario.Event{Sprint: 3, Day: 2, When: always}, [2]int{}, 3, 2},
		{"sprint AND a gate that never holds", scenario.Event{Sprint: 3, Day: 2, When: never}, [2]int{}, 0, 0},
		{"sprint AND a gate that opens later that sprint", scenario.Event{Sprint: 3, Day: 2, When: gateAbove}, [2]int{3, 4}, 3, 4},
		{"sprint AND a gate that opens only after that sprint", scenario.Event{Sprint: 2, Day: 2, When: gateAbove}, [2]int{3, 1}, 0, 0},
		{"gate open before the sprint waits for the sprint", scenario.Event{Sprint: 3, Day: 1, When: gateAbove}, [2]int{1, 1}, 3, 1},
		{"chance AND a gate that never holds", scenario.Event{Chance: 1, When: never}, [2]int{}, 0, 0},
		{"chance AND a gate that holds", scenario.Event{Chance: 1, Day: 2, When: always}, [2]int{}, 1, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before func(g *Game)
			if tt.opensAt != [2]int{} {
				before = func(g *Game) {
					open := g.s.Sprint > tt.opensAt[0] || g.s.Sprint == tt.opensAt[0] && g.s.Day+1 >= tt.opensAt[1]
					sat := 0.2
					if open {
						sat = 0.9
					}
					for i, h := range g.sc.Stakeholders {
						if h.ID == "cust" {
							g.s.Stakeholders[i].Satisfaction = sat
						}
					}
				}
			}
			sprint, day := firesAt(t, tt.ev, before)
			if sprint != tt.wantSprint || day != tt.day {
				t.Errorf("fired in sprint %d on day %d, want sprint %d day %d", sprint, day, tt.wantSprint, tt.day)
			}
		})
	}
}

// gateAbove holds when the customers' satisfaction is above one half: the tests move it.
var gateAbove = &scenario.Condition{Meter: "stakeholder.cust.satisfaction", Op: ">", Value: 0.5}

func TestDeclineStake(t *testing.T) {
	tu := scenario.DefaultTuning()
	tests := []struct {
		name       string
		holderCost *float64
		reqCost    *float64
		firm       bool
		want       float64
	}{
		{"the tuning's trust_decline", nil, nil, false, tu.TrustDecline},
		{"the stakeholder's decline_cost", ptr(0.07), nil, false, 0.07},
		{"the request's decline_cost over the stakeholder's", ptr(0.07), ptr(0.01), false, 0.01},
		{"a free no", nil, ptr(0), false, 0},
		{"not negotiable: at least a broken promise", nil, nil, true, tu.TrustBroken},
		{"not negotiable with a higher cost of its own", nil, ptr(0.3), true, 0.3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := testScenario()
			sc.Stakeholders[2].DeclineCost = tt.holderCost // sales, who asks r1
			sc.Requests[0].DeclineCost = tt.reqCost
			sc.Requests[0].NonNegotiable = tt.firm
			g, err := New(sc, RoleBoth, 1)
			if err != nil {
				t.Fatal(err)
			}
			if got := g.declineStake(0); got != tt.want {
				t.Errorf("declineStake = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestAnswersChargeTheStake: declining costs the stake, deferring a third of it.
func TestAnswersChargeTheStake(t *testing.T) {
	for _, tt := range []struct {
		ans  Answer
		part float64
	}{{AnswerDecline, 1}, {AnswerDefer, 1.0 / 3}} {
		sc := testScenario()
		sc.Events = nil
		sc.Stakeholders[2].DeclineCost = ptr(0.2)
		g, err := New(sc, RoleBoth, 1)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; len(g.s.Inbox) == 0; i++ {
			if i > 200 {
				t.Fatal("request r1 never arrived")
			}
			mustApply(t, g, Action{Kind: ActAdvance})
		}
		req := g.s.Inbox[0]
		who := g.s.Requests[req].Stakeholder
		before := g.s.Stakeholders[who].Trust
		mustApply(t, g, Action{Kind: ActAnswer, Request: req, Answer: tt.ans})
		if got, want := before-g.s.Stakeholders[who].Trust, 0.2*tt.part; math.Abs(got-want) > 1e-12 {
			t.Errorf("answer %d cost %v trust, want %v", tt.ans, got, want)
		}
	}
}

func TestLastingEffects(t *testing.T) {
	tests := []struct {
		name    string
		effect  scenario.Effect
		at      func(s *State) float64
		start   float64
		perSprt []float64 // the meter at sprints 1..4 after the effect is applied in sprint 1
	}{
		{"capacity for two sprints", scenario.Effect{Meter: "team.capacity", Delta: -4, Sprints: 2},
			func(s *State) float64 { return float64(s.Team.Capacity) }, 12, []float64{8, 8, 12, 12}},
		{"capacity for good", scenario.Effect{Meter: "team.capacity", Delta: -4},
			func(s *State) float64 { return float64(s.Team.Capacity) }, 12, []float64{8, 8, 8, 8}},
		{"capacity floored at 1 gives back what it took", scenario.Effect{Meter: "team.capacity", Delta: -50, Sprints: 1},
			func(s *State) float64 { return float64(s.Team.Capacity) }, 12, []float64{1, 12, 12, 12}},
		{"morale clamped at 1 gives back what it moved", scenario.Effect{Meter: "team.morale", Delta: 0.5, Sprints: 1},
			func(s *State) float64 { return s.Team.Morale }, 0.7, []float64{1, 0.7, 0.7, 0.7}},
		{"debt for three sprints", scenario.Effect{Meter: "team.debt", Delta: 0.2, Sprints: 3},
			func(s *State) float64 { return s.Team.Debt }, 0.1, []float64{0.3, 0.3, 0.3, 0.1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newTestGame(t, RoleBoth, 1)
			g.effects = [][]compiledEffect{compileEffects(nil, []scenario.Effect{tt.effect}, lookup{g.sc})}
			s := &g.s
			s.Team.Capacity, s.Team.Morale, s.Team.Debt = 12, 0.7, 0.1
			s.Sprint = 1
			g.applyEffects(g.effects[0], &Consequence{})
			for k, want := range tt.perSprt {
				s.Sprint = k + 1
				if k > 0 {
					g.endLastingEffects()
				}
				if got := tt.at(s); math.Abs(got-want) > 1e-9 {
					t.Errorf("sprint %d: %v, want %v", k+1, got, want)
				}
			}
		})
	}
}

func TestThemeDeliveredMeter(t *testing.T) {
	g := newTestGame(t, RoleBoth, 1)
	s := &g.s
	themes := &scenario.Scenario{Themes: []scenario.Theme{{ID: "a"}, {ID: "b"}, {ID: "c"}}}
	cond := compileCond(&scenario.Condition{Meter: "theme.a.delivered", Op: ">=", Value: 0.5}, lookup{themes})
	if cond.target != targetDelivered || cond.index != 0 {
		t.Fatalf("compiled %+v", cond)
	}
	var all, shipped float64
	for i := range s.Stories {
		if s.Stories[i].Theme == 0 {
			all += s.Stories[i].Value
		}
	}
	if cond.holds(s) || delivered(s, 0) != 0 {
		t.Fatalf("nothing shipped, yet delivered = %v", delivered(s, 0))
	}
	for i := range s.Stories {
		if st := &s.Stories[i]; st.Theme == 0 && shipped < all/2 {
			st.Status = StoryAccepted
			shipped += st.Value
		}
	}
	if got := delivered(s, 0); math.Abs(got-shipped/all) > 1e-12 || !cond.holds(s) {
		t.Errorf("delivered = %v, want %v, and the gate open", got, shipped/all)
	}
	if delivered(s, 1) != 0 {
		t.Errorf("another theme's share moved")
	}
}

func TestSatisfactionGateAndBurnoutEffect(t *testing.T) {
	g := newTestGame(t, RoleBoth, 1)
	s := &g.s
	holders := lookup{&scenario.Scenario{Stakeholders: []scenario.Stakeholder{{ID: "ceo"}}}}
	cond := compileCond(&scenario.Condition{Meter: "stakeholder.ceo.satisfaction", Op: "<", Value: 0.3}, holders)
	s.Stakeholders[0].Satisfaction = 0.5
	if cond.holds(s) {
		t.Error("gate open at 0.5 < 0.3")
	}
	s.Stakeholders[0].Satisfaction = 0.2
	if !cond.holds(s) {
		t.Error("gate shut at 0.2 < 0.3")
	}
	s.Player.Burnout = 0.1
	g.applyEffects(compileEffects(nil, []scenario.Effect{{Meter: "player.burnout", Delta: 0.25}}, holders), &Consequence{})
	if math.Abs(s.Player.Burnout-0.35) > 1e-12 {
		t.Errorf("burnout = %v after +0.25 from 0.1", s.Player.Burnout)
	}
}

func TestLookup(t *testing.T) {
	ids := lookup{&scenario.Scenario{
		Themes:       []scenario.Theme{{ID: "a"}, {ID: "b"}},
		Stakeholders: []scenario.Stakeholder{{ID: "ceo"}, {ID: "cto"}},
		Stories:      []scenario.Story{{ID: "s1"}, {ID: "s2"}, {ID: "s1"}},
	}}
	tests := []struct {
		name   string
		find   func(string) (int, bool)
		id     string
		want   int
		wantOK bool
	}{
		{"a theme", ids.theme, "b", 1, true},
		{"an unknown theme gives 0, as a map would", ids.theme, "z", 0, false},
		{"the first stakeholder", ids.holder, "ceo", 0, true},
		{"no stakeholder", ids.holder, "", 0, false},
		{"a story", ids.story, "s2", 1, true},
		{"a duplicate id gives the last, as a map built in order would", ids.story, "s1", 2, true},
		{"an unknown story", ids.story, "s3", 0, false},
	}
	for _, tt := range tests {
		if got, ok := tt.find(tt.id); got != tt.want || ok != tt.wantOK {
			t.Errorf("%s: %q gives %d, %v; want %d, %v", tt.name, tt.id, got, ok, tt.want, tt.wantOK)
		}
	}
}
