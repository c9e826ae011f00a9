package sim_test

import (
	"fmt"
	"strings"
	"testing"

	"twohats/game/bot"
	"twohats/game/sim"
	"twohats/scenarios"
)

// newPair starts a pair game of a shipped scenario.
func newPair(t *testing.T, id string, seed uint64) *sim.Game {
	t.Helper()
	sc, err := scenarios.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	g, err := sim.New(sc, sim.RolePair, seed)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func apply(t *testing.T, g *sim.Game, as ...sim.Action) {
	t.Helper()
	for _, a := range as {
		if err := g.Apply(a); err != nil {
			t.Fatalf("%s by the %s: %v", a.Kind, a.Hat, err)
		}
	}
}

// seatsUntil lets two roadmap bot seats play, the PM first, until done says stop (checked before
// every action).
func seatsUntil(t *testing.T, g *sim.Game, done func() bool) {
	t.Helper()
	pm, _ := bot.New("roadmap", 1)
	po, _ := bot.New("roadmap", 1)
	for steps := 0; !done(); steps++ {
		if steps > bot.MaxSteps || g.Over() {
			t.Fatal("the condition never came")
		}
		hat, p := sim.HatPM, pm
		if !g.Turn(sim.HatPM) || (steps%2 == 1 && g.Turn(sim.HatPO)) {
			hat, p = sim.HatPO, po
		}
		apply(t, g, bot.Seat(g, hat, p))
	}
}

// advanceBoth says done for every seat whose turn it is, until the phase is p.
func advanceTo(t *testing.T, g *sim.Game, p sim.Phase) {
	t.Helper()
	for i := 0; g.State().Phase != p; i++ {
		if i > 1000 || g.Over() {
			t.Fatalf("never reached %s", p)
		}
		for _, h := range []sim.Hat{sim.HatPM, sim.HatPO} {
			if !g.Turn(h) || g.Done(h) {
				continue
			}
			a := sim.Action{Kind: sim.ActAdvance, Hat: h}
			if g.State().Event >= 0 {
				a.Kind = sim.ActChoose
			}
			apply(t, g, a)
			break
		}
	}
}

// snapshot is everything a refusal must leave as it was: the whole state (unexported fields
// too), the turns and the decisions.
func snapshot(g *sim.Game) string {
	return fmt.Sprintf("%+v|%v %v %v %v|%d", *g.State(), g.Turn(sim.HatPM), g.Turn(sim.HatPO),
		g.Done(sim.HatPM), g.Done(sim.HatPO), len(g.Actions()))
}

// drain lets seat h rest until it has less than a sync's hours.
func drain(t *testing.T, g *sim.Game, h sim.Hat) {
	t.Helper()
	for g.Seat(h).Hours >= g.Scenario().Tuning.HoursSync {
		apply(t, g, sim.Action{Kind: sim.ActRest, Hat: h})
	}
}

func pmRequest(g *sim.Game, hat sim.Hat) int {
	s := g.State()
	for _, r := range s.Inbox {
		if s.Requests[r].Hat == hat {
			return r
		}
	}
	return -1
}

// TestPairRefusals: each way a seat can act out of its place is refused with one line, and the
// game is exactly as it was.
func TestPairRefusals(t *testing.T) {
	rest := func(h sim.Hat) sim.Action { return sim.Action{Kind: sim.ActRest, Hat: h} }
	atStrategy := func(*testing.T, *sim.Game) {}
	atPlanning := func(t *testing.T, g *sim.Game) { advanceTo(t, g, sim.PhasePlanning) }
	atExecution := func(t *testing.T, g *sim.Game) { advanceTo(t, g, sim.PhaseExecution) }
	tests := []struct {
		name  string
		setup func(*testing.T, *sim.Game)
		a     func(*sim.Game) sim.Action
		want  string
	}{
		{"no seat named", atStrategy, func(*sim.Game) sim.Action { return sim.Action{Kind: sim.ActResearch} }, "every action names its seat"},
		{"no such seat", atStrategy, func(*sim.Game) sim.Action { return sim.Action{Kind: sim.ActResearch, Hat: 7} }, "unknown seat"},
		{"wrong hat: PO researches", atExecution, func(*sim.Game) sim.Action { return sim.Action{Kind: sim.ActResearch, Hat: sim.HatPO} },
			"Market research is PM work; you wear the PO hat"},
		{"wrong hat: PM refines", atExecution, func(g *sim.Game) sim.Action {
			return sim.Action{Kind: sim.ActRefine, Hat: sim.HatPM, Story: g.State().Backlog[0]}
		}, "Refine story is PO work; you wear the PM hat"},
		{"wrong hat: PM reorders", atExecution, func(g *sim.Game) sim.Action {
			return sim.Action{Kind: sim.ActOrder, Hat: sim.HatPM, Stories: g.State().Backlog}
		}, "Order backlog is PO work"},
		{"out of turn: PO in strategy", atStrategy, func(*sim.Game) sim.Action { return rest(sim.HatPO) }, "the strategy phase is the PM's"},
		{"out of turn: PM in planning", atPlanning, func(*sim.Game) sim.Action { return rest(sim.HatPM) }, "the planning phase is the PO's"},
		{"out of turn: PM done with the day", func(t *testing.T, g *sim.Game) {
			atExecution(t, g)
			apply(t, g, sim.Action{Kind: sim.ActAdvance, Hat: sim.HatPM})
		}, func(*sim.Game) sim.Action { return sim.Action{Kind: sim.ActResearch, Hat: sim.HatPM} }, "you are done with day 1; waiting for the PO"},
		{"out of turn: PM says done twice", func(t *testing.T, g *sim.Game) {
			atExecution(t, g)
			apply(t, g, sim.Action{Kind: sim.ActAdvance, Hat: sim.HatPM})
		}, func(*sim.Game) sim.Action { return sim.Action{Kind: sim.ActAdvance, Hat: sim.HatPM} }, "you are done with day 1"},
		{"forged acceptance: no proposal", atExecution, func(*sim.Game) sim.Action {
			return sim.Action{Kind: sim.ActSync, Hat: sim.HatPO, Accept: true}
		}, "there is no sync proposal to accept"},
		{"own acceptance", func(t *testing.T, g *sim.Game) {
			apply(t, g, sim.Action{Kind: sim.ActSync, Hat: sim.HatPM})
		}, func(*sim.Game) sim.Action { return sim.Action{Kind: sim.ActSync, Hat: sim.HatPM, Accept: true} }, "you proposed this sync; the PO accepts it"},
		{"own proposal again", func(t *testing.T, g *sim.Game) {
			apply(t, g, sim.Action{Kind: sim.ActSync, Hat: sim.HatPM})
		}, func(*sim.Game) sim.Action { return sim.Action{Kind: sim.ActSync, Hat: sim.HatPM} }, "you have proposed a sync already"},
		{"acceptance after a decline", func(t *testing.T, g *sim.Game) {
			// The PO's advance declined it, and with it the PO's turn in the PM's phase ended.
			apply(t, g, sim.Action{Kind: sim.ActSync, Hat: sim.HatPM}, sim.Action{Kind: sim.ActAdvance, Hat: sim.HatPO})
		}, func(*sim.Game) sim.Action { return sim.Action{Kind: sim.ActSync, Hat: sim.HatPO, Accept: true} }, "the strategy phase is the PM's"},
		{"lapsed acceptance", func(t *testing.T, g *sim.Game) {
			// A proposal the PO cannot pay for does not hold the phase: it lapses when it ends.
			atExecution(t, g)
			apply(t, g, sim.Action{Kind: sim.ActSync, Hat: sim.HatPM})
			drain(t, g, sim.HatPM)
			apply(t, g, sim.Action{Kind: sim.ActAdvance, Hat: sim.HatPM}, sim.Action{Kind: sim.ActAdvance, Hat: sim.HatPO})
		}, func(*sim.Game) sim.Action { return sim.Action{Kind: sim.ActSync, Hat: sim.HatPO, Accept: true} }, "there is no sync proposal to accept"},
		{"waiting seat does more than answer", func(t *testing.T, g *sim.Game) {
			apply(t, g, sim.Action{Kind: sim.ActSync, Hat: sim.HatPM})
		}, func(*sim.Game) sim.Action { return rest(sim.HatPO) }, "you may only accept or decline the sync the PM proposed"},
		{"acceptance the proposer cannot pay", func(t *testing.T, g *sim.Game) {
			atExecution(t, g)
			apply(t, g, sim.Action{Kind: sim.ActSync, Hat: sim.HatPM})
			drain(t, g, sim.HatPM)
		}, func(*sim.Game) sim.Action { return sim.Action{Kind: sim.ActSync, Hat: sim.HatPO, Accept: true} }, "the PM has"},
		{"acceptance out of turn the proposer cannot pay", func(t *testing.T, g *sim.Game) {
			apply(t, g, sim.Action{Kind: sim.ActSync, Hat: sim.HatPM})
			drain(t, g, sim.HatPM)
			if g.Turn(sim.HatPO) {
				t.Fatal("the PO has a turn to accept a sync the PM cannot pay")
			}
		}, func(*sim.Game) sim.Action { return sim.Action{Kind: sim.ActSync, Hat: sim.HatPO, Accept: true} }, "the strategy phase is the PM's"},
		{"proposal the other seat cannot pay", func(t *testing.T, g *sim.Game) {
			atExecution(t, g)
			drain(t, g, sim.HatPO)
		}, func(*sim.Game) sim.Action { return sim.Action{Kind: sim.ActSync, Hat: sim.HatPM} }, "the PO has"},
		{"accept on another action", atExecution, func(*sim.Game) sim.Action { return sim.Action{Kind: sim.ActRest, Hat: sim.HatPO, Accept: true} }, "only a sync is accepted"},
		{"request answered by the other hat", func(t *testing.T, g *sim.Game) {
			seatsUntil(t, g, func() bool { return pmRequest(g, sim.HatPO) >= 0 && g.Turn(sim.HatPM) && !g.Done(sim.HatPM) })
		}, func(g *sim.Game) sim.Action {
			return sim.Action{Kind: sim.ActAnswer, Hat: sim.HatPM, Request: pmRequest(g, sim.HatPO), Answer: sim.AnswerAccept}
		}, "is for the PO's inbox; you wear the PM hat"},
		{"request answered by the other hat (PO)", func(t *testing.T, g *sim.Game) {
			seatsUntil(t, g, func() bool { return pmRequest(g, sim.HatPM) >= 0 && g.Turn(sim.HatPO) && !g.Done(sim.HatPO) })
		}, func(g *sim.Game) sim.Action {
			return sim.Action{Kind: sim.ActAnswer, Hat: sim.HatPO, Request: pmRequest(g, sim.HatPM), Answer: sim.AnswerDecline}
		}, "is for the PM's inbox; you wear the PO hat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newPair(t, "startup", 3)
			tt.setup(t, g)
			a := tt.a(g)
			before := snapshot(g)
			err := g.Check(a)
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("Check = %v, want one line with %q", err, tt.want)
			}
			if err := g.Apply(a); err == nil || err.Error() != g.Check(a).Error() {
				t.Fatalf("Apply = %v, want the Check's refusal", err)
			}
			if after := snapshot(g); after != before {
				t.Fatal("the refused action changed the game")
			}
		})
	}
}

// TestSoloRefusesSeats: a solo game's actions name no seat and accept no sync.
func TestSoloRefusesSeats(t *testing.T) {
	sc, _ := scenarios.Load("startup")
	for _, role := range sim.Roles {
		g, _ := sim.New(sc, role, 1)
		for _, a := range []sim.Action{{Kind: sim.ActRest, Hat: sim.HatPM}, {Kind: sim.ActRest, Hat: sim.HatPO}, {Kind: sim.ActSync, Accept: true}} {
			if err := g.Check(a); err == nil {
				t.Errorf("%s: %+v was legal", role, a)
			}
		}
	}
}

// TestPairSyncCostsBoth: the proposal is free, the acceptance charges both seats the sync's hours,
// hands the roadmap over and is counted.
func TestPairSyncCostsBoth(t *testing.T) {
	g := newPair(t, "startup", 3)
	s := g.State()
	cost := g.Scenario().Tuning.HoursSync
	pm, po := g.Seat(sim.HatPM).Hours, g.Seat(sim.HatPO).Hours
	apply(t, g, sim.Action{Kind: sim.ActRoadmap, Hat: sim.HatPM, Weights: []float64{0.5, 0.3, 0.1, 0.1}})
	pm -= g.Scenario().Tuning.HoursRoadmap
	apply(t, g, sim.Action{Kind: sim.ActSync, Hat: sim.HatPM})
	if s.SyncProposal != sim.HatPM || g.Seat(sim.HatPM).Hours != pm || s.Synced || s.Syncs != 0 {
		t.Fatalf("after the proposal: proposal %s, PM %d h (want %d), synced %v, syncs %d", s.SyncProposal, g.Seat(sim.HatPM).Hours, pm, s.Synced, s.Syncs)
	}
	if !g.Turn(sim.HatPO) || !g.Done(sim.HatPO) || g.Waiting(sim.HatPO) != "The PM proposes a sync" {
		t.Fatalf("the PO may accept: turn %v done %v, %q", g.Turn(sim.HatPO), g.Done(sim.HatPO), g.Waiting(sim.HatPO))
	}
	var v sim.View
	g.ViewAs(sim.HatPO, &v)
	if len(v.Legal) != 2 || v.Legal[0].Kind != sim.ActAdvance || v.Legal[1].Kind != sim.ActSync || !v.Legal[1].Accept || v.Legal[1].Hat != sim.HatPO {
		t.Fatalf("the PO's legal actions = %+v, want only the decline (advance) and the acceptance", v.Legal)
	}
	stressPM, stressPO := g.Seat(sim.HatPM).Stress, g.Seat(sim.HatPO).Stress
	apply(t, g, v.Legal[1])
	if g.Seat(sim.HatPM).Hours != pm-cost || g.Seat(sim.HatPO).Hours != po-cost {
		t.Errorf("hours after the sync: PM %d PO %d, want %d %d", g.Seat(sim.HatPM).Hours, g.Seat(sim.HatPO).Hours, pm-cost, po-cost)
	}
	if g.Seat(sim.HatPM).Stress <= stressPM || g.Seat(sim.HatPO).Stress <= stressPO {
		t.Errorf("the sync's hours strain neither seat: PM %v→%v, PO %v→%v", stressPM, g.Seat(sim.HatPM).Stress, stressPO, g.Seat(sim.HatPO).Stress)
	}
	if !s.Synced || s.Syncs != 1 || s.SyncProposal != sim.HatNone {
		t.Errorf("after the acceptance: synced %v, syncs %d, proposal %s", s.Synced, s.Syncs, s.SyncProposal)
	}
	c := s.Log[len(s.Log)-1]
	if c.Action.Kind != sim.ActSync || c.Hours != 2*cost || c.Hat != sim.HatPO {
		t.Errorf("the sync's consequence: %+v, want %d h booked to both", c, 2*cost)
	}
	if d := g.Describe(c); !strings.HasPrefix(d, "Sprint 1 (PO): ") {
		t.Errorf("the sync's line %q does not say whose it is", d)
	}
	var w sim.View
	g.ViewAs(sim.HatPO, &w)
	for i := range w.Roadmap {
		if d := w.Roadmap[i] - s.Roadmap[i]; d > 0.1 || d < -0.1 {
			t.Errorf("the PO's roadmap %v is not the PM's %v after the sync", w.Roadmap, s.Roadmap)
		}
	}
}

// TestPairPhaseWaitsForBoth: the working day ends when both seats are done, the strategy phase
// when the PM is (the PO does not act in it), planning when the PO is.
func TestPairPhaseWaitsForBoth(t *testing.T) {
	g := newPair(t, "startup", 3)
	s := g.State()
	if !g.Done(sim.HatPO) || g.Done(sim.HatPM) || g.Turn(sim.HatPO) {
		t.Fatalf("strategy: the PO is not done already (done %v, turn %v)", g.Done(sim.HatPO), g.Turn(sim.HatPO))
	}
	if w := g.Waiting(sim.HatPO); w != "The PM is at work on the strategy phase" {
		t.Errorf("PO's waiting line = %q", w)
	}
	apply(t, g, sim.Action{Kind: sim.ActResearch, Hat: sim.HatPM})
	if w := g.Waiting(sim.HatPO); w != "The PM is researching the market" {
		t.Errorf("PO's waiting line = %q", w)
	}
	apply(t, g, sim.Action{Kind: sim.ActAdvance, Hat: sim.HatPM})
	if s.Phase != sim.PhasePlanning || g.Turn(sim.HatPM) || !g.Turn(sim.HatPO) {
		t.Fatalf("after the PM's advance: %s, PM turn %v, PO turn %v", s.Phase, g.Turn(sim.HatPM), g.Turn(sim.HatPO))
	}
	apply(t, g, sim.Action{Kind: sim.ActAdvance, Hat: sim.HatPO})
	if s.Phase != sim.PhaseExecution || s.Day != 1 || !g.Turn(sim.HatPM) || !g.Turn(sim.HatPO) {
		t.Fatalf("after the PO's advance: %s day %d", s.Phase, s.Day)
	}
	apply(t, g, sim.Action{Kind: sim.ActAdvance, Hat: sim.HatPM})
	if s.Day != 1 || !g.Done(sim.HatPM) || g.Done(sim.HatPO) {
		t.Fatalf("one seat done: day %d, done %v %v", s.Day, g.Done(sim.HatPM), g.Done(sim.HatPO))
	}
	if w := g.Waiting(sim.HatPO); w != "The PM is done with day 1 and waits for you" {
		t.Errorf("PO's waiting line = %q", w)
	}
	apply(t, g, sim.Action{Kind: sim.ActAdvance, Hat: sim.HatPO})
	if s.Day != 2 || g.Done(sim.HatPM) || g.Done(sim.HatPO) {
		t.Fatalf("both done: day %d, done %v %v", s.Day, g.Done(sim.HatPM), g.Done(sim.HatPO))
	}
}

// TestPairSeatsAreTwoPeople: one seat's work spends its own hours and stress, never the other's;
// each seat's view shows its own person, its own inbox, and the PO's no market estimate.
func TestPairSeatsAreTwoPeople(t *testing.T) {
	g := newPair(t, "startup", 3)
	po := *g.Seat(sim.HatPO)
	for range 3 {
		apply(t, g, sim.Action{Kind: sim.ActResearch, Hat: sim.HatPM})
	}
	if *g.Seat(sim.HatPO) != po {
		t.Fatalf("the PM's research moved the PO: %+v → %+v", po, *g.Seat(sim.HatPO))
	}
	pm := *g.Seat(sim.HatPM)
	if pm.Hours != g.Scenario().HoursPerSprint-3*g.Scenario().Tuning.HoursResearch || pm.Stress <= 0 {
		t.Fatalf("the PM's research did not charge the PM: %+v", pm)
	}
	var wm, wo sim.View
	g.ViewAs(sim.HatPM, &wm)
	g.ViewAs(sim.HatPO, &wo)
	if wm.Worked != 3*g.Scenario().Tuning.HoursResearch || wo.Worked != 0 || wo.Player.Hours != g.Scenario().HoursPerSprint {
		t.Fatalf("worked this sprint: PM %d h, PO %d h (PO %d h left)", wm.Worked, wo.Worked, wo.Player.Hours)
	}
	advanceTo(t, g, sim.PhasePlanning)
	pm = *g.Seat(sim.HatPM)
	apply(t, g, sim.Action{Kind: sim.ActRefine, Hat: sim.HatPO, Story: g.State().Backlog[0]}, sim.Action{Kind: sim.ActRest, Hat: sim.HatPO})
	if *g.Seat(sim.HatPM) != pm {
		t.Fatalf("the PO's work moved the PM: %+v → %+v", pm, *g.Seat(sim.HatPM))
	}
	var vm, vo sim.View
	g.ViewAs(sim.HatPM, &vm)
	g.ViewAs(sim.HatPO, &vo)
	if vm.Player != *g.Seat(sim.HatPM) || vo.Player != *g.Seat(sim.HatPO) || vm.Player == vo.Player {
		t.Errorf("views show the wrong person: PM %+v, PO %+v", vm.Player, vo.Player)
	}
	if vm.Estimate == nil || vo.Estimate != nil || vo.Hat != sim.HatPO || vm.Hat != sim.HatPM {
		t.Errorf("the PO's view has the market estimate (%v) or the PM's lacks it (%v)", vo.Estimate, vm.Estimate)
	}
	if vm.Turn || !vo.Turn || len(vm.Legal) != 0 || len(vo.Legal) == 0 {
		t.Errorf("planning: PM turn %v with %d actions, PO turn %v with %d", vm.Turn, len(vm.Legal), vo.Turn, len(vo.Legal))
	}
	for _, a := range vo.Legal {
		if a.Hat != sim.HatPO || g.Check(a) != nil {
			t.Errorf("the PO's legal %+v: %v", a, g.Check(a))
		}
	}
	// Each seat sees only its own hat's requests and carries only their strain.
	seatsUntil(t, g, func() bool { return pmRequest(g, sim.HatPM) >= 0 || pmRequest(g, sim.HatPO) >= 0 })
	g.ViewAs(sim.HatPM, &vm)
	g.ViewAs(sim.HatPO, &vo)
	for _, r := range vm.Inbox {
		if g.State().Requests[r].Hat != sim.HatPM {
			t.Errorf("the PM sees request %d for the %s", r, g.State().Requests[r].Hat)
		}
	}
	for _, r := range vo.Inbox {
		if g.State().Requests[r].Hat != sim.HatPO {
			t.Errorf("the PO sees request %d for the %s", r, g.State().Requests[r].Hat)
		}
	}
	if len(vm.Inbox)+len(vo.Inbox) != len(g.State().Inbox) {
		t.Errorf("inboxes %d + %d of %d", len(vm.Inbox), len(vo.Inbox), len(g.State().Inbox))
	}
}

// TestPairSeatsBurnApart: a seat that overworks burns out alone; the outcome counts the worse.
func TestPairSeatsBurnApart(t *testing.T) {
	g := newPair(t, "burnout", 2)
	for !g.Over() {
		var a sim.Action
		switch {
		case g.State().Event >= 0:
			h := sim.HatPM
			if !g.Turn(h) {
				h = sim.HatPO
			}
			a = sim.Action{Kind: sim.ActChoose, Hat: h}
		case g.Turn(sim.HatPM) && !g.Done(sim.HatPM):
			a = sim.Action{Kind: sim.ActResearch, Hat: sim.HatPM}
			if g.Check(a) != nil {
				a = sim.Action{Kind: sim.ActAdvance, Hat: sim.HatPM}
			}
		default:
			a = sim.Action{Kind: sim.ActRest, Hat: sim.HatPO}
			if g.Check(a) != nil {
				a = sim.Action{Kind: sim.ActAdvance, Hat: sim.HatPO}
			}
		}
		apply(t, g, a)
	}
	pm, po := g.Seat(sim.HatPM), g.Seat(sim.HatPO)
	if pm.BurnoutPeak <= po.BurnoutPeak || pm.BurnoutPeak < 0.5 {
		t.Fatalf("the researching PM peaked at %.2f, the resting PO at %.2f", pm.BurnoutPeak, po.BurnoutPeak)
	}
	if o := g.Outcome(); o.BurnoutPeak != pm.BurnoutPeak {
		t.Errorf("outcome burnout %.2f, want the worse seat's %.2f", o.BurnoutPeak, pm.BurnoutPeak)
	}
}

// TestPairRole: the role's names, and a scenario made for one hat alone refuses a pair.
func TestPairRole(t *testing.T) {
	r, err := sim.ParseRole("pair")
	if err != nil || r != sim.RolePair || r.String() != "pair" || r.Title() != "Pair (PM + PO)" || !r.Wears(sim.HatPM) || !r.Wears(sim.HatPO) {
		t.Fatalf("pair role: %v %v %q", r, err, r.Title())
	}
	sc, _ := scenarios.Load("startup")
	one := *sc
	one.Roles = []string{"pm", "both"}
	if _, err := sim.New(&one, sim.RolePair, 1); err == nil || !strings.Contains(err.Error(), "a pair needs pm and po") {
		t.Errorf("a pm-only scenario: %v", err)
	}
	one.Roles = []string{"pm", "po"}
	if _, err := sim.New(&one, sim.RolePair, 1); err != nil {
		t.Errorf("a pm and po scenario: %v", err)
	}
	for _, h := range []sim.Hat{sim.HatNone, sim.HatPM, sim.HatPO} {
		b, _ := h.MarshalText()
		var back sim.Hat
		if err := back.UnmarshalText(b); err != nil || back != h {
			t.Errorf("hat %s does not round-trip through %q", h, b)
		}
	}
}

// TestPairProposalIsAnswered: the phase does not move on past a sync proposal the other seat can
// accept, even when the proposer is done; the answer (an acceptance, or the other seat's advance,
// which declines) lets it go on.
func TestPairProposalIsAnswered(t *testing.T) {
	for _, accept := range []bool{true, false} {
		g := newPair(t, "startup", 3)
		s := g.State()
		apply(t, g, sim.Action{Kind: sim.ActSync, Hat: sim.HatPM}, sim.Action{Kind: sim.ActAdvance, Hat: sim.HatPM})
		if s.Phase != sim.PhaseStrategy || !g.Turn(sim.HatPO) || g.Turn(sim.HatPM) {
			t.Fatalf("after the PM proposed and said done: phase %s, PO's turn %v, PM's turn %v", s.Phase, g.Turn(sim.HatPO), g.Turn(sim.HatPM))
		}
		answer := sim.Action{Kind: sim.ActAdvance, Hat: sim.HatPO}
		if accept {
			answer = sim.Action{Kind: sim.ActSync, Hat: sim.HatPO, Accept: true}
		}
		apply(t, g, answer)
		if s.Phase != sim.PhasePlanning || s.SyncProposal != sim.HatNone || (s.Syncs == 1) != accept {
			t.Errorf("accept %v: after the answer phase %s, proposal %s, syncs %d", accept, s.Phase, s.SyncProposal, s.Syncs)
		}
		declined := false
		for _, c := range s.Log {
			declined = declined || (c.Kind == sim.ConSyncDeclined && c.Hat == sim.HatPO)
		}
		if declined == accept {
			t.Errorf("accept %v: the log says declined %v", accept, declined)
		}
	}
}

// TestPairActsByPhase: the seats that work in each phase, as the view tells a screen.
func TestPairActsByPhase(t *testing.T) {
	g := newPair(t, "startup", 3)
	for _, tt := range []struct {
		phase  sim.Phase
		pm, po bool
	}{
		{sim.PhaseStrategy, true, false},
		{sim.PhasePlanning, false, true},
		{sim.PhaseExecution, true, true},
		{sim.PhaseReview, false, true},
		{sim.PhaseRetro, true, true},
	} {
		advanceTo(t, g, tt.phase)
		var v sim.View
		g.ViewAs(sim.HatPO, &v)
		if g.Acts(sim.HatPM) != tt.pm || g.Acts(sim.HatPO) != tt.po || v.Acts != tt.po {
			t.Errorf("%s: PM acts %v, PO acts %v (view %v), want %v %v", tt.phase, g.Acts(sim.HatPM), g.Acts(sim.HatPO), v.Acts, tt.pm, tt.po)
		}
	}
	solo, _ := sim.New(g.Scenario(), sim.RolePO, 3)
	if !solo.Acts(sim.HatPM) || !solo.Acts(sim.HatNone) {
		t.Error("a solo player works in every phase")
	}
}
