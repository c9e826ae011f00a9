package sim

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"twohats/game/scenario"
)

// The rules of docs/outcome-model.md that close the holes of issue 10, one table test each.

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// arrive puts a request into the inbox now, as startDay would.
func arrive(g *Game, req int) {
	g.s.Requests[req].Status = RequestPending
	g.s.Inbox = append(g.s.Inbox, req)
}

// lastLogged is the last consequence of the kind the game logged from index from on, or nil.
func lastLogged(g *Game, kind ConsequenceKind, from int) *Consequence {
	for i := len(g.s.Log) - 1; i >= from; i-- {
		if g.s.Log[i].Kind == kind {
			return &g.s.Log[i]
		}
	}
	return nil
}

func TestPromisesFallDue(t *testing.T) {
	const sales, story = 2, 9 // request 0: Sales asks for Story 9
	tu := scenario.DefaultTuning()
	for _, tt := range []struct {
		name   string
		answer Answer
		ship   bool
		defect bool // shipped with a defect nobody reviewed
		want   PromiseStatus
	}{
		{"accepted and shipped: kept", AnswerAccept, true, false, PromiseKept},
		{"accepted and never built: broken", AnswerAccept, false, false, PromiseBroken},
		{"accepted, shipped with a defect: broken at once", AnswerAccept, true, true, PromiseBroken},
		{"escalated, taken, shipped: kept", AnswerEscalate, true, false, PromiseKept},
		{"escalated, taken, never built: broken", AnswerEscalate, false, false, PromiseBroken},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := newTestGame(t, RoleBoth, 1)
			g.s.Stories[story].Urgency = 1 // the executives take it on escalation
			if g.s.Stories[story].Requester != sales {
				t.Fatalf("a request's story names requester %d, want the request's stakeholder", g.s.Stories[story].Requester)
			}
			arrive(g, 0)
			mustApply(t, g, Action{Kind: ActAnswer, Request: 0, Answer: tt.answer})
			if len(g.s.Promises) != 1 || g.s.Promises[0].Stakeholder != sales || g.s.Promises[0].Due != tu.PromiseSprints {
				t.Fatalf("promises %+v", g.s.Promises)
			}
			st := &g.s.Stories[story]
			before := g.s.Stakeholders[sales].Trust
			if tt.ship {
				g.ship(story, tt.defect)
			} else {
				for g.s.Sprint <= tu.PromiseSprints {
					g.endSprint()
				}
			}
			p := g.s.Promises[0]
			if p.Status != tt.want || st.DueSprint != 0 || st.promise != -1 {
				t.Fatalf("promise %+v, due %d: want %s and the due date cleared", p, st.DueSprint, tt.want)
			}
			o := g.Outcome()
			kept, broken := 0, 0
			if tt.want == PromiseKept {
				kept = 1
			} else {
				broken = 1
			}
			if o.PromisesKept != kept || o.PromisesBroken != broken {
				t.Errorf("outcome kept %d broken %d", o.PromisesKept, o.PromisesBroken)
			}
			moved := g.s.Stakeholders[sales].Trust - before
			if tt.want == PromiseKept && !near(moved, damp(tu.TrustDelivered, before)) {
				t.Errorf("kept: trust moved %v, want %v", moved, damp(tu.TrustDelivered, before))
			}
			if tt.want == PromiseBroken && moved > -tu.TrustBroken+0.05 {
				t.Errorf("broken: trust moved only %v", moved)
			}
			if !tt.ship && g.s.History[tu.PromiseSprints-1].Broken != 1 {
				t.Errorf("the sprint record does not count the broken promise: %+v", g.s.History)
			}
		})
	}

	// A story that names its requester and ships unpromised moves that stakeholder's trust.
	g := newTestGame(t, RoleBoth, 1)
	g.s.Stories[0].Requester = sales
	before := g.s.Stakeholders[sales].Trust
	g.ship(0, false)
	if moved := g.s.Stakeholders[sales].Trust - before; !near(moved, damp(tu.TrustShipped, before)) {
		t.Errorf("their trust follows the story: moved %v, want %v", moved, damp(tu.TrustShipped, before))
	}
	// Shipped broken, it pleases nobody who asked for it.
	g.s.Stories[1].Requester = sales
	before = g.s.Stakeholders[sales].Trust
	g.ship(1, true)
	if moved := g.s.Stakeholders[sales].Trust - before; moved != 0 {
		t.Errorf("a story shipped with a defect moved its requester's trust %+v, want 0", moved)
	}
}

func TestStandingIsContinuous(t *testing.T) {
	for _, tt := range []struct {
		name    string
		roadmap []float64
		want    []float64
	}{
		{"steep: top 1, bottom 0", []float64{0.6, 0.3, 0.1}, []float64{1, 0.4, 0}},
		{"exactly flat: middling whatever ships", []float64{1, 1, 1}, []float64{0.5, 0.5, 0.5}},
		// spread 0.06 × 3 themes / 0.5 = 0.36 of the range around ½
		{"nearly flat: close to ½", []float64{0.36, 0.34, 0.30}, []float64{0.5 + 0.36*0.5, 0.5 + 0.36*(4.0/6-0.5), 0.5 - 0.36*0.5}},
	} {
		g := newTestGame(t, RoleBoth, 1)
		copy(g.s.Roadmap, tt.roadmap)
		normalise(g.s.Roadmap)
		for th, want := range tt.want {
			if got := g.standing(th); math.Abs(got-want) > 1e-6 {
				t.Errorf("%s: standing(%d) = %v, want %v", tt.name, th, got, want)
			}
		}
	}
	// No jump: the standing of the top theme falls smoothly to ½ as the roadmap flattens.
	g := newTestGame(t, RoleBoth, 1)
	prev := 1.0
	for _, eps := range []float64{0.2, 0.1, 0.05, 0.01, 0.001, 0} {
		copy(g.s.Roadmap, []float64{1 + eps, 1, 1})
		normalise(g.s.Roadmap)
		got := g.standing(0)
		if got > prev+1e-12 || got < 0.5 {
			t.Fatalf("standing of the top theme at spread %v = %v after %v", eps, got, prev)
		}
		prev = got
	}
	if prev != 0.5 {
		t.Fatalf("flat roadmap: standing %v", prev)
	}
}

func TestEscalationCostsGrow(t *testing.T) {
	tu := scenario.DefaultTuning()
	g := newTestGame(t, RoleBoth, 1)
	const ceo = 0
	var losses []float64
	for i := 0; i < 3; i++ {
		g.s.Requests[0].Status = RequestPending
		g.s.Stories[9].Status = StoryHeld
		g.s.Inbox = append(g.s.Inbox[:0], 0)
		before := g.s.Stakeholders[ceo].Trust
		hours := g.s.Player.Hours
		mustApply(t, g, Action{Kind: ActAnswer, Request: 0, Answer: AnswerEscalate})
		if spent := hours - g.s.Player.Hours; spent != tu.HoursEscalate {
			t.Fatalf("an escalation took %d h, want %d", spent, tu.HoursEscalate)
		}
		losses = append(losses, before-g.s.Stakeholders[ceo].Trust)
	}
	for i, want := range []float64{tu.TrustEscalate, 2 * tu.TrustEscalate, 3 * tu.TrustEscalate} {
		if !near(losses[i], want) {
			t.Errorf("escalation %d cost the executives %v, want %v", i+1, losses[i], want)
		}
	}
	g.endSprint()
	if !near(g.escalations, 3*tu.EscalateMemory) {
		t.Errorf("executives remember %v escalations into the next sprint, want %v", g.escalations, 3*tu.EscalateMemory)
	}
}

// The executives decide an escalated request by how loud it is, not by the roadmap: handing the
// choice up takes on the urgent asks, however off the roadmap, and drops the quiet ones, however
// well they fit.
func TestExecutivesDecideByWhatIsLoud(t *testing.T) {
	tu := scenario.DefaultTuning()
	const story = 9 // request 0's story
	for _, tt := range []struct {
		name          string
		urgency, onRM float64 // the story's urgency; its theme's weight on the roadmap
		taken         bool
	}{
		{"loud and on the roadmap: taken", 0.9, 1, true},
		{"loud and off the roadmap: taken all the same", 0.9, 0.01, true},
		{"just loud enough: taken", tu.EscalateUrgency, 0.01, true},
		{"quiet and first on the roadmap: dropped", tu.EscalateUrgency - 0.01, 1, false},
		{"quiet and off the roadmap: dropped", 0.1, 0.01, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := newTestGame(t, RoleBoth, 1)
			st := &g.s.Stories[story]
			st.Urgency = tt.urgency
			for i := range g.s.Roadmap {
				g.s.Roadmap[i] = 1
			}
			g.s.Roadmap[st.Theme] = tt.onRM * float64(len(g.s.Roadmap)) * 10
			normalise(g.s.Roadmap)
			arrive(g, 0)
			mustApply(t, g, Action{Kind: ActAnswer, Request: 0, Answer: AnswerEscalate})
			taken := st.Status == StoryBacklog && len(g.s.Promises) == 1
			if taken != tt.taken || (!taken && st.Status != StoryDropped) {
				t.Errorf("story %s, %d promises: want taken %v", st.Status, len(g.s.Promises), tt.taken)
			}
		})
	}
}

func TestMeetingsDiminish(t *testing.T) {
	tu := scenario.DefaultTuning()
	for _, tt := range []struct {
		name  string
		kind  ActionKind
		who   int // stakeholder whose trust the meeting moves
		gains []float64
	}{
		{"executive alignment", ActExecutive, 0, []float64{0.04, 0.04 * tu.RepeatDecay, 0.04 * tu.RepeatDecay * tu.RepeatDecay}},
		{"interview of the same theme", ActInterview, 1, []float64{0.02, 0.02 * tu.RepeatDecay, 0.02 * tu.RepeatDecay * tu.RepeatDecay}},
	} {
		g := newTestGame(t, RolePM, 1)
		for i := range g.s.Stakeholders {
			g.s.Stakeholders[i].Trust = 0.3 // below ½: gains are whole
		}
		for i, want := range tt.gains {
			before := g.s.Stakeholders[tt.who].Trust
			mustApply(t, g, Action{Kind: tt.kind})
			if got := g.s.Stakeholders[tt.who].Trust - before; !near(got, want) {
				t.Errorf("%s #%d: trust +%v, want +%v", tt.name, i+1, got, want)
			}
		}
	}
	// Gains shrink near the top; trust fades toward neutral between sprints.
	for _, tt := range []struct{ trust, delta, want float64 }{
		{0.3, 0.04, 0.04}, {0.5, 0.04, 0.04}, {0.75, 0.04, 0.02}, {0.95, 0.04, 0.004}, {0.95, -0.04, -0.04},
	} {
		if got := damp(tt.delta, tt.trust); !near(got, tt.want) {
			t.Errorf("damp(%v at trust %v) = %v, want %v", tt.delta, tt.trust, got, tt.want)
		}
	}
	g := newTestGame(t, RolePM, 1)
	g.s.Stakeholders[3].Trust = 0.9
	g.heard = [2]bool{true, true}
	g.endSprint()
	if want := 0.9 + tu.TrustDecay*(0.5-0.9); !near(g.s.Stakeholders[3].Trust, want) {
		t.Errorf("trust after a sprint %v, want %v", g.s.Stakeholders[3].Trust, want)
	}
}

func TestTeamHealthMovesWithThePlan(t *testing.T) {
	tu := scenario.DefaultTuning()
	for _, tt := range []struct {
		name                 string
		planned, rework      float64 // in forecasts
		self                 bool
		wantMorale, wantDebt float64
	}{
		{"planned to the forecast, all done: a sane sprint", 1, 0, false, tu.MoraleSane, 0},
		{"planned to 70%: slack pays debt down", 0.7, 0, false, tu.MoraleSane, -tu.DebtPaydown * 0.3},
		{"planned to 130%: corners cut", 1.3, 0, false, 0, tu.DebtCrunch * 0.3},
		{"foggy stories: rework wears morale", 1, 0.4, false, tu.MoraleSane - tu.MoraleRework*0.4, 0},
		{"nobody planned: no credit for slack", 0.5, 0, true, 0, 0},
	} {
		g := newTestGame(t, RoleBoth, 1)
		g.s.Team.Morale, g.s.Team.Debt = 0.5, 0.5
		g.s.Committed = g.s.Committed[:0]
		g.forecast = 10
		g.planned, g.rework, g.selfPlanned = 10*tt.planned, 10*tt.rework, tt.self
		g.endExecution()
		if dm, dd := g.s.Team.Morale-0.5, g.s.Team.Debt-0.5; !near(dm, tt.wantMorale) || !near(dd, tt.wantDebt) {
			t.Errorf("%s: morale %+v debt %+v, want %+v %+v", tt.name, dm, dd, tt.wantMorale, tt.wantDebt)
		}
	}
}

func TestStrategyFitCountsTheView(t *testing.T) {
	g := newTestGame(t, RolePO, 1)
	s := &g.s
	want := 1 - 0.5*(distance(s.Roadmap, s.Market.Need)+distance(s.POView, s.Market.Need))
	if !near(g.fit(), want) {
		t.Fatalf("fit %v, want %v", g.fit(), want)
	}
	copy(s.Roadmap, s.Market.Need) // a perfect roadmap that has not reached the Product Owner
	unsynced := g.fit()
	mustApply(t, g, Action{Kind: ActSync})
	if g.fit() <= unsynced || g.fit() < 0.9 {
		t.Errorf("a sync should carry the roadmap's fit to the team: %v then %v", unsynced, g.fit())
	}
}

func TestValueYardstickFollowsTheMarket(t *testing.T) {
	g := newTestGame(t, RoleBoth, 1)
	first := g.perfectSprint()
	if first <= 0 || first >= g.potential {
		t.Fatalf("a perfect sprint %v of a whole game's %v", first, g.potential)
	}
	// The market swings hard to one theme: the perfect game's next sprint pays by the new need,
	// from the stories it has not shipped yet.
	for i := range g.s.Market.Need {
		g.s.Market.Need[i] = 0.01
	}
	g.s.Market.Need[2] = 1
	normalise(g.s.Market.Need)
	used := 0
	for _, u := range g.perfectUsed {
		if u {
			used++
		}
	}
	second := g.perfectSprint()
	n := 0
	for _, u := range g.perfectUsed {
		if u {
			n++
		}
	}
	if n <= used || second <= 0 {
		t.Fatalf("the second perfect sprint shipped nothing new (%d then %d stories)", used, n)
	}
	g.potSum = first + second
	g.s.History = make([]SprintRecord, 2)
	g.s.Value = first + second
	if o := g.Outcome(); !near(o.ValueShare, 1) {
		t.Errorf("a game that matches the perfect game in the realised market: value share %v", o.ValueShare)
	}
}

func TestNoAndSilenceCost(t *testing.T) {
	tu := scenario.DefaultTuning()
	const sales = 2
	g := newTestGame(t, RoleBoth, 1)
	var noes []float64
	for i := 0; i < 3; i++ {
		g.s.Requests[0].Status = RequestPending
		g.s.Inbox = append(g.s.Inbox[:0], 0)
		g.s.Stakeholders[sales].Satisfaction = 0.9
		before := g.s.Stakeholders[sales].Trust
		mustApply(t, g, Action{Kind: ActAnswer, Request: 0, Answer: AnswerDecline})
		noes = append(noes, before-g.s.Stakeholders[sales].Trust)
	}
	for i, want := range []float64{tu.TrustDecline, 2 * tu.TrustDecline, 3 * tu.TrustDecline} {
		if !near(noes[i], want) {
			t.Errorf("no #%d cost %v, want %v", i+1, noes[i], want)
		}
	}

	// Left unanswered, a request costs trust_ignore and comes back next sprint.
	g = newTestGame(t, RoleBoth, 1)
	arrive(g, 0)
	before := g.s.Stakeholders[sales].Trust
	g.endSprint()
	if lost := before - g.s.Stakeholders[sales].Trust; lost < tu.TrustIgnore-1e-9 {
		t.Errorf("ignoring cost %v", lost)
	}
	if rq := g.s.Requests[0]; rq.Status != RequestIgnored || rq.Sprint != 2 || rq.Day != 1 {
		t.Fatalf("an ignored request should come back on sprint 2 day 1: %+v", rq)
	}
	advanceTo(t, g, PhaseExecution)
	if len(g.s.Inbox) == 0 || g.s.Inbox[0] != 0 {
		t.Fatalf("the ignored request is not back in the inbox: %v", g.s.Inbox)
	}

	// An unhappy stakeholder goes over the player's head: the executives lose trust.
	for _, tt := range []struct {
		satisfaction float64
		overhead     bool
	}{{0.9, false}, {0.2, true}} {
		g := newTestGame(t, RoleBoth, 1)
		arrive(g, 0)
		g.s.Stakeholders[sales].Satisfaction = tt.satisfaction
		ceo := g.s.Stakeholders[0].Trust
		mustApply(t, g, Action{Kind: ActAnswer, Request: 0, Answer: AnswerDecline})
		if lost := ceo - g.s.Stakeholders[0].Trust; (lost > 0) != tt.overhead || (tt.overhead && !near(lost, tu.TrustOverhead)) {
			t.Errorf("satisfaction %v: the CEO lost %v", tt.satisfaction, lost)
		}
	}
}

func TestTheOtherHatInterrupts(t *testing.T) {
	tu := scenario.DefaultTuning()
	for _, tt := range []struct {
		role      Role
		last      Hat
		interrupt bool
	}{
		{RoleBoth, HatPO, true},  // working as PO, a PM request pulls you over
		{RoleBoth, HatPM, false}, // already in the PM hat
		{RoleBoth, HatNone, false},
		{RolePM, HatPM, false}, // one hat: nothing to be pulled into
	} {
		g := newTestGame(t, tt.role, 1)
		advanceTo(t, g, PhaseExecution)
		g.s.Player.LastHat = tt.last
		hours, switches := g.s.Player.Hours, g.s.Player.Switches
		mustApply(t, g, Action{Kind: ActAdvance}) // day 2: Sales (PM hat) asks
		got := hours-g.s.Player.Hours == tu.HoursSwitch && g.s.Player.Switches == switches+1
		if got != tt.interrupt || (!tt.interrupt && hours != g.s.Player.Hours) {
			t.Errorf("%s last %s: hours %d→%d, switches %d→%d; want interrupt %v", tt.role, tt.last, hours, g.s.Player.Hours, switches, g.s.Player.Switches, tt.interrupt)
		}
	}
	// Answering is the work of the request's hat: after PO work, a PM answer is a switch.
	g := newTestGame(t, RoleBoth, 1)
	arrive(g, 0)
	g.s.Player.LastHat = HatPO
	mustApply(t, g, Action{Kind: ActAnswer, Request: 0, Answer: AnswerDecline})
	if g.s.Player.LastHat != HatPM || g.s.Player.Switches != 1 {
		t.Errorf("answering a PM request: last hat %s, switches %d", g.s.Player.LastHat, g.s.Player.Switches)
	}
	// Burnout heals only in a sprint without overtime.
	for _, over := range []int{0, 3} {
		g := newTestGame(t, RoleBoth, 1)
		g.s.Player.Burnout, g.s.Player.Stress, g.overHours = 0.5, 0.1, over
		g.endSprint()
		healed := g.s.Player.Burnout < 0.5
		if healed != (over == 0) {
			t.Errorf("overtime %d h: burnout %v", over, g.s.Player.Burnout)
		}
	}
}

func TestDebriefNamesWhatMattered(t *testing.T) {
	tu := scenario.DefaultTuning()
	// Overtime is charged to the sprint's hours past the line, not to the action that crossed it.
	g := newTestGame(t, RolePM, 1)
	research := Action{Kind: ActResearch}
	mustApply(t, g, research, research, research, research, research) // the fifth is all overtime
	last := g.s.Log[len(g.s.Log)-1]
	if !near(last.Stress, 6*tu.StressPerHour) {
		t.Errorf("the crossing action carries stress %v, want its hours' %v", last.Stress, 6*tu.StressPerHour)
	}
	if !near(g.s.Player.Stress, 30*tu.StressPerHour+6*tu.StressOvertime) {
		t.Errorf("stress %v: overtime must still wear", g.s.Player.Stress)
	}
	advanceTo(t, g, PhaseRetro)
	mustApply(t, g, Action{Kind: ActAdvance})
	found := false
	for _, c := range g.s.Log {
		if c.Kind == ConOvertime {
			found = true
			if c.Hours != 6 || !near(c.Burnout, 6*tu.BurnoutOvertime) || c.Impact >= 0 {
				t.Errorf("overtime consequence %+v", c)
			}
			if d := g.Describe(c); !strings.Contains(d, "6 h past the overtime line") {
				t.Errorf("described as %q", d)
			}
		}
	}
	if !found {
		t.Error("no overtime consequence")
	}

	// Research that corrected the roadmap is credited with the value it redirected.
	g = newTestGame(t, RolePM, 1)
	mustApply(t, g, research)
	ix := len(g.s.Log) - 1
	before := g.s.Log[ix].Impact
	mustApply(t, g, Action{Kind: ActRoadmap, Weights: append([]float64(nil), g.s.Market.Estimate...)})
	if fit := g.s.Log[len(g.s.Log)-1].Fit; fit <= 0 {
		t.Skipf("the roadmap update did not improve fit (%v)", fit)
	}
	if c := g.s.Log[ix]; c.Redirected <= 0 || c.Impact <= before || !strings.Contains(g.Describe(c), "redirected value") {
		t.Errorf("research credit: %+v, %q", c, g.Describe(c))
	}
}

func TestRoadmapChurnCostsMorale(t *testing.T) {
	tu := scenario.DefaultTuning()
	for _, tt := range []struct {
		sprint  int
		weights []float64
	}{
		{1, []float64{0.8, 0.1, 0.1}}, // setting direction at the start is free
		{2, []float64{0.8, 0.1, 0.1}},
		{2, []float64{0.3, 0.3, 0.4}}, // no change, no cost
	} {
		g := newTestGame(t, RolePM, 1)
		g.s.Sprint = tt.sprint
		copy(g.s.Roadmap, []float64{0.3, 0.3, 0.4})
		g.s.Player.Burnout = 0 // no blur
		before := g.s.Team.Morale
		mustApply(t, g, Action{Kind: ActRoadmap, Weights: tt.weights})
		want := 0.0
		if tt.sprint > 1 {
			w := append([]float64(nil), tt.weights...)
			normalise(w)
			want = -tu.MoraleChurn * distance([]float64{0.3, 0.3, 0.4}, w)
		}
		if got := g.s.Team.Morale - before; !near(got, want) {
			t.Errorf("sprint %d, roadmap %v: morale %+v, want %+v", tt.sprint, tt.weights, got, want)
		}
	}
}

// A fragmented sprint wears on burnout: the first switch_free interruptions of a sprint are free
// of it, each later one costs burnout_switch for every one past switch_free before it, and a new
// sprint starts the count again.
func TestFragmentedSprintWears(t *testing.T) {
	tu := scenario.DefaultTuning()
	g := newTestGame(t, RoleBoth, 1)
	advanceTo(t, g, PhaseExecution)
	var got []float64
	for k := 0; k < 5; k++ {
		g.s.Player.LastHat = HatPO // working as PO: a PM request pulls the player over
		before := g.s.Player.Burnout
		g.interrupt(0)
		got = append(got, g.s.Player.Burnout-before)
	}
	for k, d := range got {
		want := tu.BurnoutSwitch * float64(max(0, k+1-tu.SwitchFree))
		if !near(d, want) {
			t.Errorf("interruption #%d added burnout %v, want %v", k+1, d, want)
		}
	}
	if got[4] <= got[3] || got[0] != 0 {
		t.Errorf("burnout per interruption %v: want none at first, then growing", got)
	}
	g.endSprint()
	advanceTo(t, g, PhaseExecution)
	g.s.Player.LastHat = HatPO
	before := g.s.Player.Burnout
	g.interrupt(0)
	if g.s.Player.Burnout != before {
		t.Errorf("the first interruption of a new sprint added burnout %v", g.s.Player.Burnout-before)
	}
}

// A no to the team's own request (team, Scrum Master) costs team morale, whoever says it (the
// executives an escalation went to too); a no to anyone else does not; a first deferral costs a
// third of it, as it costs a third of the trust.
func TestNoToTheTeamCostsMorale(t *testing.T) {
	tu := scenario.DefaultTuning()
	const teamReq, salesReq = 1, 0
	for _, tt := range []struct {
		name   string
		role   Role
		req    int
		answer Answer
		want   float64
	}{
		{"team request declined", RoleBoth, teamReq, AnswerDecline, -tu.MoraleDecline},
		{"team request escalated, dropped", RoleBoth, teamReq, AnswerEscalate, -tu.MoraleDecline},
		{"team request accepted", RoleBoth, teamReq, AnswerAccept, 0},
		{"team request deferred", RoleBoth, teamReq, AnswerDefer, -tu.MoraleDecline / 3},
		{"sales request deferred", RoleBoth, salesReq, AnswerDefer, 0},
		{"sales request escalated, dropped", RoleBoth, salesReq, AnswerEscalate, 0},
		{"sales request declined", RoleBoth, salesReq, AnswerDecline, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := newTestGame(t, tt.role, 1)
			g.s.Stories[g.s.Requests[tt.req].Story].Urgency = 0 // the executives drop it on escalation
			arrive(g, tt.req)
			before := g.s.Team.Morale
			mustApply(t, g, Action{Kind: ActAnswer, Request: tt.req, Answer: tt.answer})
			if d := g.s.Team.Morale - before; !near(d, tt.want) {
				t.Errorf("morale moved %v, want %v", d, tt.want)
			}
		})
	}
	// The colleague's no to the team costs the same.
	g := newTestGame(t, RolePM, 1)
	st := &g.s.Stories[g.s.Requests[teamReq].Story]
	st.Urgency = 0
	for i := range g.s.POView {
		g.s.POView[i] = 1
	}
	g.s.POView[st.Theme] = 0.01
	normalise(g.s.POView)
	before := g.s.Team.Morale
	g.s.Requests[teamReq].Status = RequestPending
	g.colleagueAnswer(teamReq)
	if d := g.s.Team.Morale - before; g.s.Requests[teamReq].Status != RequestDeclined || !near(d, -tu.MoraleDecline) {
		t.Errorf("the colleague's no: status %s, morale moved %v", g.s.Requests[teamReq].Status, d)
	}
}

// The debrief's sentences: no lower-cased acronym, no "new" before a request, curly quotes around
// titles (no Go escapes; a quote inside a title becomes a single one), no possessive glued to a name with a comma.
func TestDescribeWording(t *testing.T) {
	sc := testScenario()
	sc.Stakeholders[2].Name = "Ravi, sales"
	sc.Stories[9].Title = `Export "bulk" CSV`
	sc.Stories[10].Title = `"Sent with Paidly" link`
	sc.Stakeholders[3].Name = "The development team"
	g, err := New(sc, RoleBoth, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		c    Consequence
		want string
	}{
		{"acronym kept", Consequence{Sprint: 1, Kind: ConAction, Action: Decision{Kind: ActKPI}, Subject: -1, Stakeholder: -1},
			"Sprint 1: KPI review"},
		{"title lower-cased", Consequence{Sprint: 1, Kind: ConAction, Action: Decision{Kind: ActResearch}, Subject: -1, Stakeholder: -1},
			"Sprint 1: market research"},
		{"a new request", Consequence{Sprint: 1, Day: 2, Kind: ConRequest, Subject: 0, Stakeholder: 2},
			"Sprint 1, day 2: a new request from Ravi, sales: “Export ‘bulk’ CSV”"},
		{"declined", Consequence{Sprint: 1, Kind: ConAction, Action: Decision{Kind: ActAnswer, Request: 0, Answer: AnswerDecline}, Subject: 0, Stakeholder: 2},
			"Sprint 1: declined the request “Export ‘bulk’ CSV” from Ravi, sales"},
		{"shipped", Consequence{Sprint: 2, Kind: ConShipped, Subject: 9, Stakeholder: -1, Value: 12},
			"Sprint 2: shipped “Export ‘bulk’ CSV” (worth 12)"},
		{"the team's sprint, by what moved", Consequence{Sprint: 1, Kind: ConTeam, Subject: -1, Stakeholder: -1, Morale: 0.03, Debt: -0.02},
			"Sprint 1: the sprint told on the team: slack left in the plan paid debt down; a sane pace lifted morale"},
		{"the team's sprint, crunch and rework", Consequence{Sprint: 1, Kind: ConTeam, Subject: -1, Stakeholder: -1, Morale: -0.01, Debt: 0.02},
			"Sprint 1: the sprint told on the team: planned past the forecast, corners were cut; rework on unclear stories wore morale down"},
		{"a promise that fell due", Consequence{Sprint: 2, Kind: ConPromiseBroken, Subject: 9, Stakeholder: 2},
			"Sprint 2: promised “Export ‘bulk’ CSV” to Ravi, sales and did not ship it in time"},
		{"a promise shipped broken", Consequence{Sprint: 2, Kind: ConPromiseBroken, Action: Decision{Kind: ActReview}, Subject: 9, Stakeholder: 2},
			"Sprint 2: promised “Export ‘bulk’ CSV” to Ravi, sales and shipped it with a defect nobody reviewed"},
		{"a name that starts with The", Consequence{Sprint: 1, Day: 3, Kind: ConRequest, Subject: 1, Stakeholder: 3},
			"Sprint 1, day 3: a new request from the development team: “‘Sent with Paidly’ link”"},
		{"a title that starts with a quote", Consequence{Sprint: 2, Kind: ConShipped, Subject: 10, Stakeholder: -1, Value: 12},
			"Sprint 2: shipped “‘Sent with Paidly’ link” (worth 12)"},
	} {
		got := g.Describe(tt.c)
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
		for _, bad := range []string{"kPI", "new the", "'s request", `\"`, `"`, "““", "sales's", "from The"} {
			if strings.Contains(got, bad) {
				t.Errorf("%s: %q contains %q", tt.name, got, bad)
			}
		}
	}
}

// A sync hands the roadmap over in words: without sync_blur the Product Owner hears it exactly;
// with it, close but never exactly, and over many syncs closer on average than no sync at all.
func TestSyncHandsOverInWords(t *testing.T) {
	for _, tt := range []struct {
		blur  float64
		exact bool
	}{{0, true}, {scenario.DefaultTuning().SyncBlur, false}} {
		sc := testScenario()
		sc.Tuning.SyncBlur = tt.blur
		var synced, unsynced float64
		for seed := uint64(1); seed <= 50; seed++ {
			g, err := New(sc, RolePO, seed)
			if err != nil {
				t.Fatal(err)
			}
			unsynced += distance(g.s.POView, g.s.Roadmap)
			mustApply(t, g, Action{Kind: ActSync})
			d := distance(g.s.POView, g.s.Roadmap)
			if (d < 1e-12) != tt.exact {
				t.Errorf("sync_blur %v seed %d: the PO view is %.4f from the roadmap after a sync", tt.blur, seed, d)
			}
			synced += d
		}
		if synced >= unsynced {
			t.Errorf("sync_blur %v: a sync left the PO view %.3f from the roadmap, no sync %.3f", tt.blur, synced/50, unsynced/50)
		}
	}
}

// TestNotNowWearsThin: each time the same request is deferred again it costs a third of the
// stake more, so the third "not now" costs what a first no does.
func TestNotNowWearsThin(t *testing.T) {
	tu := scenario.DefaultTuning()
	const sales = 2
	g := newTestGame(t, RoleBoth, 1)
	for k, want := range []float64{tu.TrustDecline / 3, 2 * tu.TrustDecline / 3, tu.TrustDecline, 4 * tu.TrustDecline / 3} {
		g.s.Requests[0].Status = RequestPending
		g.s.Inbox = append(g.s.Inbox[:0], 0)
		g.s.Stakeholders[sales].Trust = 0.5 // losses are whole at any level; keep it off the floor
		mustApply(t, g, Action{Kind: ActAnswer, Request: 0, Answer: AnswerDefer})
		if lost := 0.5 - g.s.Stakeholders[sales].Trust; !near(lost, want) {
			t.Errorf("deferral #%d cost %v, want %v", k+1, lost, want)
		}
		if rq := g.s.Requests[0]; rq.Status != RequestDeferred || rq.Deferrals != k+1 {
			t.Errorf("deferral #%d: request %+v", k+1, rq)
		}
	}
}

// A promise made late falls due at the last sprint's end at the latest, so a yes in the last
// sprints is a promise like any other, not trust for free.
func TestLatePromisesFallDueByTheEnd(t *testing.T) {
	tu := scenario.DefaultTuning()
	for _, tt := range []struct {
		name          string
		sprintsBefore int // sprints ended before the answer
		midSprint     bool
		wantDueOffset int // due sprint, counted back from the last (0: the last)
	}{
		{"early, in planning: the usual promise", 0, false, -(testScenario().Sprints - tu.PromiseSprints)},
		{"one before the last, in planning: by the last", testScenario().Sprints - 2, false, 0},
		{"one before the last, mid-sprint: by the last, not after it", testScenario().Sprints - 2, true, 0},
		{"the last sprint, mid-sprint: by its end", testScenario().Sprints - 1, true, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := newTestGame(t, RoleBoth, 1)
			for range tt.sprintsBefore {
				g.endSprint()
			}
			if tt.midSprint {
				g.s.Phase = PhaseExecution
			} else {
				g.s.Phase = PhasePlanning
			}
			arrive(g, 0)
			mustApply(t, g, Action{Kind: ActAnswer, Request: 0, Answer: AnswerAccept})
			last := g.s.Sprints
			if got := g.s.Promises[0].Due; got != last+tt.wantDueOffset {
				t.Fatalf("promise made in sprint %d falls due in sprint %d, want %d (the game has %d)", g.s.Sprint, got, last+tt.wantDueOffset, last)
			}
			for g.s.Phase != PhaseOver {
				g.endSprint()
			}
			if g.s.Promises[0].Status != PromiseBroken {
				t.Errorf("never built, the promise ends %s, want broken by the last sprint's end", g.s.Promises[0].Status)
			}
		})
	}
}

// A yes to the team that is never built costs the team's morale what a no would, on top of the
// broken promise's own cost; a broken promise to anyone else costs only morale_broken.
func TestBrokenPromiseToTheTeamCostsLikeANo(t *testing.T) {
	tu := scenario.DefaultTuning()
	const teamReq, salesReq = 1, 0
	for _, tt := range []struct {
		name string
		req  int
		want float64
	}{
		{"to the team", teamReq, -tu.MoraleBroken - tu.MoraleDecline},
		{"to sales", salesReq, -tu.MoraleBroken},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := newTestGame(t, RoleBoth, 1)
			arrive(g, tt.req)
			mustApply(t, g, Action{Kind: ActAnswer, Request: tt.req, Answer: AnswerAccept})
			due := g.s.Promises[0].Due
			for g.s.Sprint < due && g.s.Phase != PhaseOver {
				g.endSprint()
			}
			g.s.Team.Morale = 0.7
			g.endSprint()
			c := lastLogged(g, ConPromiseBroken, 0)
			if c == nil || !near(c.Morale, tt.want) {
				t.Fatalf("broken promise logged %+v, want morale %v", c, tt.want)
			}
		})
	}
}

// TestEnablerPaysDownDebt: a story that works on how the team builds (reduces_debt) pays the debt
// down when it ships clean, and not when it ships with a defect nobody caught.
func TestEnablerPaysDownDebt(t *testing.T) {
	tu := scenario.DefaultTuning()
	for _, tt := range []struct {
		name   string
		cut    float64
		defect bool
		want   float64 // debt change
	}{
		{"an enabler shipped clean", 0.1, false, -0.1},
		{"an enabler shipped with a defect", 0.1, true, tu.DebtPerDefect},
		{"a feature shipped clean", 0, false, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sc := testScenario()
			sc.Stories[0].ReducesDebt = tt.cut
			g, err := New(sc, RolePO, 1)
			if err != nil {
				t.Fatal(err)
			}
			g.s.Team.Debt = 0.3
			g.ship(0, tt.defect)
			if got := g.s.Team.Debt - 0.3; !near(got, tt.want) {
				t.Fatalf("debt moved %+.3f, want %+.3f", got, tt.want)
			}
			if c := g.s.Log[len(g.s.Log)-1]; !near(c.Debt, tt.want) {
				t.Fatalf("the shipment logged debt %+.3f, want %+.3f", c.Debt, tt.want)
			}
		})
	}
}

// TestUnreviewedSprintCostsMorale: finished work that nobody reviews costs the team
// morale_unreviewed, logged so the debrief can name it; a held review, a sprint that finished
// nothing, or a colleague PO who reviews for a player wearing the PM hat costs nothing.
func TestUnreviewedSprintCostsMorale(t *testing.T) {
	tu := scenario.DefaultTuning()
	for _, tt := range []struct {
		name     string
		role     Role
		reviewed bool
		finished bool
		want     float64
	}{
		{"nobody reviewed finished work", RolePO, false, true, -tu.MoraleUnreviewed},
		{"nobody reviewed, both hats", RoleBoth, false, true, -tu.MoraleUnreviewed},
		{"the review was held", RolePO, true, true, 0},
		{"nothing was finished", RolePO, false, false, 0},
		{"the colleague PO reviews", RolePM, false, true, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := newTestGame(t, tt.role, 1)
			s := &g.s
			s.Reviewed = tt.reviewed
			s.Committed = s.Committed[:0]
			if tt.finished {
				ix := s.Backlog[0]
				s.Stories[ix].Status = StoryDone
				s.Committed = append(s.Committed, ix)
			}
			s.Team.Morale = 0.7
			before := len(s.Log)
			g.endReview()
			if got := s.Team.Morale - 0.7; !near(got, tt.want) {
				t.Fatalf("morale moved %+.3f, want %+.3f", got, tt.want)
			}
			logged := lastLogged(g, ConUnreviewed, before) != nil
			if logged != (tt.want != 0) {
				t.Fatalf("ConUnreviewed logged %v, want %v", logged, tt.want != 0)
			}
		})
	}
}

// TestSilenceToTheTeamCostsLikeANo: a team's ask left unanswered at the sprint's end costs the
// team's morale what a no does (and again each sprint it waits); an ignored ask from anyone else
// costs trust, not morale.
func TestSilenceToTheTeamCostsLikeANo(t *testing.T) {
	tu := scenario.DefaultTuning()
	const teamReq, salesReq = 1, 0
	for _, tt := range []struct {
		name string
		req  int
		want float64
	}{
		{"the team's ask", teamReq, -tu.MoraleDecline},
		{"sales' ask", salesReq, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := newTestGame(t, RoleBoth, 1)
			for range 2 { // the ask comes back after the first silence and is ignored again
				arrive(g, tt.req)
				g.s.Team.Morale = 0.7
				before := len(g.s.Log)
				g.endSprint()
				c := lastLogged(g, ConIgnored, before)
				if c == nil || !near(c.Morale, tt.want) {
					t.Fatalf("the ignored ask logged %+v, want morale %v", c, tt.want)
				}
			}
		})
	}
}

// TestAnswerStakesAreTheAnswer: what Stakes says an answer would move is what the answer then
// moves (the requester's trust, the team's morale, the executives' trust, the verdict and due
// sprint), whoever asked and whatever went before, so the inbox never promises one figure and
// charges another.
func TestAnswerStakesAreTheAnswer(t *testing.T) {
	const ceo, salesReq, teamReq = 0, 0, 1
	type past struct {
		name                 string
		noes, deferrals      int
		escalations, urgency float64
		trust, morale        float64
	}
	for _, req := range []int{salesReq, teamReq} {
		for _, h := range []past{
			{name: "fresh", urgency: 0, trust: 0.6, morale: 0.7},
			{name: "after a no", noes: 1, urgency: 0.9, trust: 0.6, morale: 0.7},
			{name: "deferred twice", deferrals: 2, urgency: 0.1, trust: 0.8, morale: 0.7},
			{name: "executives remember", escalations: 1.5, urgency: 0.9, trust: 0.3, morale: 0.02},
		} {
			for _, ans := range Answers {
				t.Run(fmt.Sprintf("request %d %s %s", req, h.name, ans), func(t *testing.T) {
					g := newTestGame(t, RoleBoth, 1)
					rq := &g.s.Requests[req]
					who := rq.Stakeholder
					g.declines[who], rq.Deferrals, g.escalations = h.noes, h.deferrals, h.escalations
					g.s.Stories[rq.Story].Urgency = h.urgency
					g.s.Stakeholders[who].Trust, g.s.Team.Morale = h.trust, h.morale
					arrive(g, req)
					want := g.Stakes(req)
					trust, morale, exec := g.s.Stakeholders[who].Trust, g.s.Team.Morale, g.s.Stakeholders[ceo].Trust
					mustApply(t, g, Action{Kind: ActAnswer, Request: req, Answer: ans})
					if d := g.s.Stakeholders[who].Trust - trust; !near(d, want.Trust[ans]) {
						t.Errorf("trust moved %+.4f, Stakes said %+.4f", d, want.Trust[ans])
					}
					if d := g.s.Team.Morale - morale; !near(d, want.Morale[ans]) {
						t.Errorf("morale moved %+.4f, Stakes said %+.4f", d, want.Morale[ans])
					}
					wantExec := 0.0
					if ans == AnswerEscalate {
						wantExec = -want.Executives
					}
					if d := g.s.Stakeholders[ceo].Trust - exec; !near(d, wantExec) {
						t.Errorf("the executives' trust moved %+.4f, want %+.4f", d, wantExec)
					}
					taken := len(g.s.Promises) == 1
					if wantTaken := ans == AnswerAccept || (ans == AnswerEscalate && want.Taken); taken != wantTaken {
						t.Errorf("a promise was made: %v, want %v", taken, wantTaken)
					}
					if taken && g.s.Promises[0].Due != want.Due {
						t.Errorf("the promise falls due in sprint %d, Stakes said %d", g.s.Promises[0].Due, want.Due)
					}
				})
			}
		}
	}
}

// TestLostCustomersTakeUpLess: a story's value falls by churn times the customers' lost trust
// (the influence-weighted fall below their starting trust), never rises above the market's price,
// and a scenario without customers is never churned.
func TestLostCustomersTakeUpLess(t *testing.T) {
	tu := scenario.DefaultTuning()
	const cust = 1
	for _, tt := range []struct {
		name        string
		trust       float64 // the customers' trust when the story ships (they started at 0.6)
		noCustomers bool
		adoption    float64
	}{
		{"as trusting as at the start", 0.6, false, 1},
		{"more trusting than at the start", 0.9, false, 1},
		{"a tenth of trust lost", 0.5, false, 1 - tu.Churn*0.1},
		{"all trust lost", 0, false, max(0, 1-tu.Churn*0.6)},
		{"no customers in the scenario", 0.1, true, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sc := testScenario()
			if tt.noCustomers {
				sc.Stakeholders[cust].Kind = scenario.KindMarketing
			}
			g, err := New(sc, RolePO, 1)
			if err != nil {
				t.Fatal(err)
			}
			g.s.Stakeholders[cust].Trust = tt.trust
			st := g.s.Stories[0]
			g.ship(0, false)
			full := st.Value * g.s.Market.Need[st.Theme] * float64(len(g.s.Roadmap))
			if got := g.s.Stories[0].Realised; !near(got, full*tt.adoption) {
				t.Fatalf("the story earned %.3f, want %.3f (%.0f%% of %.3f)", got, full*tt.adoption, 100*tt.adoption, full)
			}
			if c := lastLogged(g, ConShipped, 0); c == nil || !near(c.Churned, 1-tt.adoption) {
				t.Fatalf("the shipment logged %+v, want churned %.3f", c, 1-tt.adoption)
			}
		})
	}
}

// TestEscalatedNoIsANo: an escalation the executives turn down costs the requester what a no
// from the player would, no after no included, and counts toward the next no.
func TestEscalatedNoIsANo(t *testing.T) {
	tu := scenario.DefaultTuning()
	const sales, req = 2, 0
	g := newTestGame(t, RoleBoth, 1)
	g.s.Stories[g.s.Requests[req].Story].Urgency = 0 // the executives drop it
	var losses []float64
	for _, ans := range []Answer{AnswerDecline, AnswerEscalate, AnswerDecline} {
		g.s.Stories[g.s.Requests[req].Story].Status = StoryHeld
		arrive(g, req)
		g.s.Stakeholders[sales].Trust = 0.5
		mustApply(t, g, Action{Kind: ActAnswer, Request: req, Answer: ans})
		losses = append(losses, 0.5-g.s.Stakeholders[sales].Trust)
	}
	for i, want := range []float64{tu.TrustDecline, 2 * tu.TrustDecline, 3 * tu.TrustDecline} {
		if !near(losses[i], want) {
			t.Errorf("no #%d cost %.3f, want %.3f", i+1, losses[i], want)
		}
	}
}

// An event's choice of time off (scenario.Choice.TimeOff) takes its hours from the sprint but is
// not work: no stress of its own, no overtime, no burnout, and the overtime line does not move;
// the same hours as work, past the line, wear as overtime. The preview says the same.
func TestTimeOffIsNotWork(t *testing.T) {
	tu := scenario.DefaultTuning()
	for _, tt := range []struct {
		name    string
		timeOff bool
		work    int // hours the sprint's overtime line counts after the choice, from 2 short of it
	}{
		{"four hours of work", false, 4},
		{"an afternoon off", true, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := afternoonGame(t, tt.timeOff)
			line := g.overtimeFrom()
			g.sprintWork = line - 2
			g.s.Player.Hours, g.s.Player.Stress, g.s.Player.Burnout = 10, 0.5, 0.2
			g.s.Event = 0
			choose := Action{Kind: ActChoose, Choice: 0}
			pv := g.Preview(choose)
			hours, over := g.overHours, g.overHours
			mustApply(t, g, choose)
			if g.s.Player.Hours != 6 || pv.Hours != 4 {
				t.Errorf("hours left %d (preview %d), want 6 (4 taken)", g.s.Player.Hours, pv.Hours)
			}
			if got := g.sprintWork - (line - 2); got != tt.work {
				t.Errorf("the overtime line counts %d more hours, want %d", got, tt.work)
			}
			wantStress := 0.5 - 0.15
			if !tt.timeOff {
				wantStress += 4*tu.StressPerHour + 2*tu.StressOvertime
			}
			if !near(g.s.Player.Stress, wantStress) {
				t.Errorf("stress %v, want %v", g.s.Player.Stress, wantStress)
			}
			if wantOver := 2 * btoi(!tt.timeOff); g.overHours-over != wantOver || pv.Overtime != wantOver {
				t.Errorf("overtime %d h (preview %d), want %d", g.overHours-hours, pv.Overtime, wantOver)
			}
			if burnt := g.s.Player.Burnout > 0.2; burnt == tt.timeOff || (pv.Burnout > 0) == tt.timeOff {
				t.Errorf("burnout %v (preview +%v): time off %v", g.s.Player.Burnout, pv.Burnout, tt.timeOff)
			}
		})
	}
}

// TestTimeOffPastHoursLeft: a choice that asks more hours than are left works the rest anyway,
// as stress, unless the hours are time off, which nobody works.
func TestTimeOffPastHoursLeft(t *testing.T) {
	tu := scenario.DefaultTuning()
	for _, tt := range []struct {
		name       string
		timeOff    bool
		wantStress float64 // from 0.5, with 1 hour left and a 4-hour choice whose effect is −0.15
	}{
		{"four hours of work", false, 0.5 - 0.15 + 4*tu.StressPerHour},
		{"an afternoon off", true, 0.5 - 0.15},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := afternoonGame(t, tt.timeOff)
			g.sprintWork = 0
			g.s.Player.Hours, g.s.Player.Stress = 1, 0.5
			g.s.Event = 0
			choose := Action{Kind: ActChoose, Choice: 0}
			pv := g.Preview(choose)
			mustApply(t, g, choose)
			if pv.Beyond != 3 || pv.Hours != 1 || g.s.Player.Hours != 0 {
				t.Errorf("preview %d h and %d beyond, %d left; want 1, 3 and 0", pv.Hours, pv.Beyond, g.s.Player.Hours)
			}
			if !near(g.s.Player.Stress, tt.wantStress) || !near(pv.StressAfter, tt.wantStress+0.15) {
				t.Errorf("stress %v (preview %v before the effect), want %v", g.s.Player.Stress, pv.StressAfter, tt.wantStress)
			}
		})
	}
}

// afternoonGame is a PO game in its first execution day whose first event's first choice takes
// 4 hours and eases stress by 0.15, as work or as time off.
func afternoonGame(t *testing.T, timeOff bool) *Game {
	t.Helper()
	sc := testScenario()
	sc.Events[0].Choices[0] = scenario.Choice{Label: "Take the afternoon", Hours: 4, TimeOff: timeOff,
		Effects: []scenario.Effect{{Meter: "player.stress", Delta: -0.15}}}
	g, err := New(sc, RolePO, 1)
	if err != nil {
		t.Fatal(err)
	}
	advanceTo(t, g, PhaseExecution)
	return g
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestUnclearStoryTakesLonger: a story's real work is its true effort plus rework for what its
// acceptance criteria leave unsaid, rework_per_fog of the effort per unit of missing clarity, so
// a story nobody refined takes 60% longer than a clear one.
func TestUnclearStoryTakesLonger(t *testing.T) {
	tu := scenario.DefaultTuning()
	for _, tt := range []struct {
		name    string
		clarity float64
		want    float64 // work, for a true effort of 10
	}{
		{"clear", 1, 10},
		{"half refined", 0.5, 13},
		{"nobody refined it", 0, 16},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st := StoryState{trueEffort: 10, Clarity: tt.clarity}
			if got := st.work(&tu); !near(got, tt.want) {
				t.Errorf("work %v, want %v", got, tt.want)
			}
		})
	}
}
