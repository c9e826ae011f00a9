package bot

import (
	"cmp"
	"errors"
	"slices"

	"twohats/game/scenario"
	"twohats/game/sim"
)

// planner is the family of deliberate policies. Its switches make the named variants:
//   - research: market research at the start of every sprint (PM hat);
//   - sync: a PM–PO sync every sprint when the hats are two people;
//   - choose: take a request only when its theme stands at least average on the roadmap the
//     player knows, otherwise decline; without it, accept everything;
//   - rest: rest when stress runs high;
//   - urgency: order the backlog by urgency and set the roadmap to what is loudest, not to the
//     market estimate;
//   - all: answer every request the same way (accept, decline, escalate) instead of choosing, or
//     ignore every request (ignore);
//   - flat: set an exactly flat roadmap;
//   - careful: research every other sprint, keep optional work under the overtime line and rest
//     with the hours left at the sprint's end: the hours discipline a thoughtful person keeps;
//   - pull: when the team has built the sprint early, pull in the next story that the days left
//     can build (PO hat), as a Scrum team does rather than sit idle.
type planner struct {
	name                                  string
	research, sync, choose, rest, urgency bool
	pull                                  bool
	all                                   answerAll
	flat, careful                         bool
	noRefine                              bool    // never writes acceptance criteria
	commit                                float64 // the plan's size as a share of the forecast; 0 means the forecast
	execs                                 int     // executive alignments each sprint; 0 means one every other sprint
	ignorePromises                        bool    // orders by the roadmap alone, promised or not
	hat                                   sim.Hat // the seat it plays in a pair game; HatNone solo

	execsHeld int // executive alignments this sprint

	sprint   int
	phase    sim.Phase
	done     [16]bool // actions already taken this phase, by kind
	refined  int
	buf      []int
	weights  []float64
	orderBuf []int
	planBuf  []int
}

// answerAll is how a planner answers requests when it does not choose one by one.
type answerAll uint8

const (
	allChoose answerAll = iota // choose (or, without choose, accept everything)
	allAccept
	allDecline
	allEscalate
	allIgnore
)

func (p *planner) Name() string { return p.name }

func (p *planner) Next(g *sim.Game) sim.Action {
	s := g.State()
	if s.Sprint != p.sprint {
		p.execsHeld = 0
	}
	if s.Sprint != p.sprint || s.Phase != p.phase {
		p.sprint, p.phase, p.done, p.refined = s.Sprint, s.Phase, [16]bool{}, 0
	}
	a, checked := p.decide(g, s)
	a.Hat = p.hat
	// An action decide has checked needs no second check, and advancing with no event on the
	// table is what the fallback below sends anyway: most decisions of a game are a day's end.
	if !checked && (a.Kind != sim.ActAdvance || s.Event >= 0) && g.Check(a) != nil {
		a = sim.Action{Kind: sim.ActAdvance, Hat: p.hat}
		if s.Event >= 0 {
			a = sim.Action{Kind: sim.ActChoose, Hat: p.hat}
		}
	}
	p.done[a.Kind] = true
	return a
}

// wears reports whether the policy plays hat h: the role's hats solo, its seat's in a pair game.
func (p *planner) wears(g *sim.Game, h sim.Hat) bool {
	if p.hat != sim.HatNone {
		return h == p.hat
	}
	return g.Role().Wears(h)
}

// check is Check for the action as the policy's seat would send it, asked only whether it is
// legal. The policy meets the refusal of an action its hours do not pay for many times a game, so
// it asks Affords first, without the refusal Check would build for nobody.
func (p *planner) check(g *sim.Game, a sim.Action) error {
	a.Hat = p.hat
	if !g.Affords(a) {
		return errShortOfHours
	}
	return g.Check(a)
}

// errShortOfHours is check's refusal of an action the seat's hours do not pay for.
var errShortOfHours = errors.New("not enough hours left")

// reserve is the hours the rest of the sprint's duties will take: the work of the hats the player
// wears in the phases still to come, and an hour or two for the requests that will arrive.
func (p *planner) reserve(g *sim.Game, s *sim.State) int {
	t := &g.Scenario().Tuning
	h := 0
	switch s.Phase {
	case sim.PhaseStrategy, sim.PhasePlanning:
		h += 4
		if p.wears(g, sim.HatPO) {
			h += t.HoursOrder + t.HoursPlan + 2*t.HoursRefine
		}
	case sim.PhaseExecution:
		h += 2
	}
	if p.wears(g, sim.HatPO) && s.Phase <= sim.PhaseReview && !s.Reviewed {
		h += t.HoursReview
	}
	if s.Phase == sim.PhasePlanning && s.Planned {
		h -= t.HoursOrder + t.HoursPlan + 2*t.HoursRefine
	}
	return h
}

// can reports whether the policy takes action a now: not taken already this phase, leaving keep
// hours for the sprint's duties, and legal. The hours come before Check, which costs more and,
// when the hours are short, builds a refusal nobody reads.
func (p *planner) can(g *sim.Game, a sim.Action, keep int) bool {
	return !p.done[a.Kind] && g.Seat(p.hat).Hours-g.Cost(a) >= keep && p.check(g, a) == nil
}

// decide is the policy's next action, and whether it checked that action legal (as the seat
// sends it) in this very state.
func (p *planner) decide(g *sim.Game, s *sim.State) (sim.Action, bool) {
	me := g.Seat(p.hat)
	if s.Event >= 0 {
		return sim.Action{Kind: sim.ActChoose, Choice: bestChoice(&g.Scenario().Events[s.Events[s.Event].Def])}, false
	}
	if p.hat != sim.HatNone && s.SyncProposal == p.hat.Other() {
		// A pair's seat takes the sync the other seat proposes: the hand-off is the point.
		if a := (sim.Action{Kind: sim.ActSync, Accept: true}); p.check(g, a) == nil {
			return a, true
		}
	}
	if me.OnLeave {
		return sim.Action{Kind: sim.ActAdvance}, false
	}
	keep := p.reserve(g, s)
	if p.careful && s.Phase == sim.PhaseStrategy {
		// Strategy work stays under the overtime line; the sprint's duties (ordering, refining,
		// planning, answers, the review) may not.
		t := &g.Scenario().Tuning
		budget := g.Scenario().HoursPerSprint
		keep += budget - int(t.OvertimeFrom*float64(budget))
	}
	if r := p.nextRequest(g, s); r >= 0 && p.all != allIgnore {
		return p.answer(g, s, r), true
	}
	// Rest when stressed, but only out of the hours the sprint's duties leave over: a person who
	// wears both hats rarely has any.
	if p.rest && me.Stress > 0.45 && s.Phase >= sim.PhaseExecution {
		if a := (sim.Action{Kind: sim.ActRest}); me.Hours-g.Cost(a) >= keep && p.check(g, a) == nil {
			return a, true
		}
	}
	switch s.Phase {
	case sim.PhaseStrategy:
		if !p.wears(g, sim.HatPM) {
			break
		}
		if p.research && (!p.careful || s.Sprint%2 == 1) {
			if a := (sim.Action{Kind: sim.ActResearch}); p.can(g, a, keep) {
				return a, true
			}
		}
		if a := (sim.Action{Kind: sim.ActRoadmap, Weights: p.roadmap(g, s)}); p.can(g, a, keep) && changed(a.Weights, s.Roadmap) {
			return a, true
		}
		if a := (sim.Action{Kind: sim.ActExecutive}); p.execs == 0 && s.Sprint%2 == 1 && p.can(g, a, keep) {
			return a, true
		}
		if a := (sim.Action{Kind: sim.ActExecutive}); p.execsHeld < p.execs && me.Hours-g.Cost(a) >= keep && p.check(g, a) == nil {
			p.execsHeld++
			return a, true
		}
		if a := (sim.Action{Kind: sim.ActSync}); p.sync && p.can(g, a, keep) {
			return a, true
		}
	case sim.PhasePlanning:
		if !p.wears(g, sim.HatPO) {
			break
		}
		if a := (sim.Action{Kind: sim.ActSync}); p.sync && p.can(g, a, keep) {
			return a, true
		}
		if !p.done[sim.ActOrder] {
			if a := (sim.Action{Kind: sim.ActOrder, Stories: p.order(g, s)}); p.can(g, a, keep) && !slices.Equal(a.Stories, s.Backlog) {
				return a, true
			}
			p.done[sim.ActOrder] = true // ordered, or nothing to gain: not again this phase
		}
		// Write acceptance criteria for the foggiest stories the plan will take.
		if p.refined < 3 && !p.noRefine {
			p.buf = g.PlanFromTop(p.buf[:0])
			for _, ix := range p.buf {
				a := sim.Action{Kind: sim.ActRefine, Story: ix}
				if s.Stories[ix].Clarity < 0.6 && me.Hours-g.Cost(a) >= keep+g.Cost(sim.Action{Kind: sim.ActPlan}) && p.check(g, a) == nil {
					p.refined++
					return a, true
				}
			}
		}
		p.planBuf = p.plan(g, s)
		if a := (sim.Action{Kind: sim.ActPlan, Stories: p.planBuf}); len(a.Stories) > 0 && p.can(g, a, 0) {
			return a, true
		}
	case sim.PhaseExecution:
		if a, ok := pullWorth(g, s, p.hat); p.pull && ok && me.Hours-g.Cost(a) >= keep {
			return a, false
		}
	case sim.PhaseReview:
		if a := (sim.Action{Kind: sim.ActReview}); p.wears(g, sim.HatPO) && p.can(g, a, 0) {
			return a, true
		}
	case sim.PhaseRetro:
		if a := (sim.Action{Kind: sim.ActRest}); p.rest && me.Stress > 0.25 && p.check(g, a) == nil {
			return a, true
		}
		if a := (sim.Action{Kind: sim.ActRest}); p.careful && me.Stress > 0 && p.check(g, a) == nil {
			return a, true
		}
	}
	return sim.Action{Kind: sim.ActAdvance}, false
}

// plan takes stories from the top of the backlog up to the forecast, or up to commit times the
// forecast (within the team's capacity) for a policy that over- or under-commits.
func (p *planner) plan(g *sim.Game, s *sim.State) []int {
	if p.commit == 0 {
		return g.PlanFromTop(p.planBuf[:0])
	}
	limit := min(p.commit*g.Forecast(), float64(s.Team.Capacity))
	buf, pts := p.planBuf[:0], 0.0
	for _, ix := range s.Backlog {
		if e := float64(s.Stories[ix].Effort); pts+e <= limit {
			pts += e
			buf = append(buf, ix)
		}
	}
	return buf
}

// roadmap is the weights the policy wants: the market estimate, or for the urgency policy the
// loudness of the backlog per theme.
func (p *planner) roadmap(g *sim.Game, s *sim.State) []float64 {
	if p.flat {
		w := p.weights[:0]
		for range s.Roadmap {
			w = append(w, 1)
		}
		p.weights = w
		return w
	}
	if !p.urgency {
		p.weights = append(p.weights[:0], s.Market.Estimate...)
		return p.weights
	}
	p.weights = loudestThemes(s, p.weights[:0])
	return p.weights
}

// loudestThemes appends a roadmap weighted by how loud each theme's asks are: each theme weighs
// the squares of its backlog stories' urgencies (and a little, so none is zero). Squared, a loud
// ask counts far more than a quiet one: summing the urgencies themselves weighed a theme mostly
// by how many stories it has, which is the scenario's own picture of where the need is, not how
// loud anyone is about it.
func loudestThemes(s *sim.State, w []float64) []float64 {
	for range s.Roadmap {
		w = append(w, 0.01)
	}
	for _, ix := range s.Backlog {
		u := s.Stories[ix].Urgency
		w[s.Stories[ix].Theme] += u * u
	}
	return w
}

func changed(a, b []float64) bool {
	d := 0.0
	for i := range a {
		sum := 0.0
		for _, x := range a {
			sum += x
		}
		x := a[i]/sum - b[i]
		if x < 0 {
			x = -x
		}
		d += x
	}
	return d > 0.04
}

// order is the backlog order the policy wants, in a buffer it reuses (Apply copies an action).
func (p *planner) order(g *sim.Game, s *sim.State) []int {
	if p.urgency {
		p.orderBuf = g.OrderByUrgency(p.orderBuf[:0])
	} else if p.ignorePromises {
		p.orderBuf = append(p.orderBuf[:0], s.Backlog...)
		key := func(ix int) float64 {
			k := g.RoadmapKey(ix, s.POView)
			if s.Stories[ix].DueSprint > 0 {
				k -= 1000
			}
			return k
		}
		slices.SortStableFunc(p.orderBuf, func(a, b int) int { return cmp.Compare(key(b), key(a)) })
	} else {
		p.orderBuf = g.OrderByRoadmap(p.orderBuf[:0], s.POView)
	}
	return p.orderBuf
}

// answer takes a request when the policy says yes to everything; otherwise when its story would
// be built within the promise anyway, ranked on the roadmap as the player's hat knows it (for the
// urgency policy, that roadmap is itself the loudness of each theme, and an urgent ask is a yes).
func (p *planner) answer(g *sim.Game, s *sim.State, r int) sim.Action {
	rq := s.Requests[r]
	yes := !p.choose
	if !yes {
		// Would I build it within the promise anyway? Take it when the stories that outrank it on
		// the roadmap the player knows, with it, fit in the sprints the promise allows.
		view := s.Roadmap
		if !p.wears(g, sim.HatPM) {
			view = s.POView
		}
		key := g.RoadmapKey(rq.Story, view)
		ahead := float64(s.Stories[rq.Story].Effort)
		for _, ix := range s.Backlog {
			if g.RoadmapKey(ix, view) >= key {
				ahead += float64(s.Stories[ix].Effort)
			}
		}
		yes = ahead <= g.Forecast()*float64(g.Scenario().Tuning.PromiseSprints)
		// Following the loudest voices, an urgent ask is a yes whatever the roadmap says.
		yes = yes || (p.urgency && s.Stories[rq.Story].Urgency >= 0.6)
	}
	a := sim.Action{Kind: sim.ActAnswer, Hat: p.hat, Request: r, Answer: sim.AnswerDecline}
	if yes {
		a.Answer = sim.AnswerAccept
	}
	switch p.all {
	case allAccept:
		a.Answer = sim.AnswerAccept
	case allDecline:
		a.Answer = sim.AnswerDecline
	case allEscalate:
		a.Answer = sim.AnswerEscalate
	}
	if p.check(g, a) != nil {
		return sim.Action{Kind: sim.ActAdvance, Hat: p.hat}
	}
	return a
}

// nextRequest is the request to answer first, or -1 when none waits: one for the hat the player
// is working in, so that wearing both hats the answers come in runs, not one switch of hat each.
// A pair's seat answers only its own hat's.
func (p *planner) nextRequest(g *sim.Game, s *sim.State) int {
	if p.hat != sim.HatNone {
		for _, r := range s.Inbox {
			if s.Requests[r].Hat == p.hat {
				return r
			}
		}
		return -1
	}
	if len(s.Inbox) == 0 {
		return -1
	}
	for _, r := range s.Inbox {
		if s.Requests[r].Hat == s.Player.LastHat {
			return r
		}
	}
	return s.Inbox[0]
}

// bestChoice picks the event option that moves the meters most in the player's favour for the
// hours it costs.
func bestChoice(ev *scenario.Event) int {
	best, bestScore := 0, -1e9
	for i, ch := range ev.Choices {
		score := -0.01 * float64(ch.Hours)
		for _, e := range ch.Effects {
			switch {
			case e.Meter == "team.debt" || e.Meter == "player.stress":
				score -= e.Delta
			case e.Meter != "":
				score += e.Delta
			case e.AddStory != "":
				score += 0.02
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

// pullWorth is the story worth pulling into the running sprint, if any: the first in backlog
// order that the days left (today's included) can build after what remains of the sprint's work,
// its fog's rework counted, so that the pull does not spill over (which is overcommitment). The
// pull must be legal now, and not worked as overtime: an hour past the overtime line costs the
// person more than the story brings (over 300 seeds of every scenario, a pull in overtime lost
// both hats up to 0.7 points, one outside it gained).
// hat is the seat of a pair game that would pull (HatNone solo).
func pullWorth(g *sim.Game, s *sim.State, hat sim.Hat) (sim.Action, bool) {
	// The engine's rule without its reasons first: most days it does not hold, and Check's
	// refusal would spell out why on every decision of a sprint.
	if !g.PullOpen() {
		return sim.Action{}, false
	}
	left := g.SprintLeft()
	top := sim.Action{Kind: sim.ActPull, Story: s.Backlog[0], Hat: hat}
	if g.Check(top) != nil || g.Preview(top).Overtime > 0 {
		return sim.Action{}, false
	}
	t := &g.Scenario().Tuning
	room := g.Forecast()*float64(s.Days-s.Day+1)/float64(s.Days) - left
	for _, ix := range s.Backlog {
		st := &s.Stories[ix]
		if float64(st.Effort)*(1+t.ReworkPerFog*(1-st.Clarity)) <= room {
			return sim.Action{Kind: sim.ActPull, Story: ix, Hat: hat}, true
		}
	}
	return sim.Action{}, false
}
