package sim

import (
	"slices"

	"twohats/game/scenario"
)

// perform carries out a checked action and logs what it moved.
func (g *Game) perform(a Action) {
	if g.role == RolePair {
		g.performPair(a)
		return
	}
	if a.Kind == ActAdvance {
		g.advance()
		return
	}
	g.performOne(a)
}

// performOne carries out a checked action other than advancing time, on the person in
// State.Player, and logs what it moved.
func (g *Game) performOne(a Action) {
	s, t := &g.s, g.t
	c := Consequence{Sprint: s.Sprint, Day: s.Day, Kind: ConAction, Hat: a.Hat, Action: a.decision(), Subject: -1, Stakeholder: -1}
	proposer := HatNone // a pair game's sync: the seat that proposed it, who pays too
	hat := g.hatOf(a)
	ch := g.charge(a) // the same rule Preview shows
	s.Player.Hours -= ch.Hours
	g.sprintHrs += ch.Hours
	c.Hours = ch.Hours
	if !g.offWork(a) {
		g.overtime(ch.Hours) // books the overtime among them, its stress and burnout
	}
	if ch.Switch {
		s.Player.Switches++
	}
	if hat != HatNone {
		s.Player.LastHat = hat
	}
	c.Stress = ch.Stress
	blur := t.BurnoutNoise * s.Player.Burnout // a tired mind decides worse
	switch a.Kind {
	case ActResearch, ActInterview, ActKPI, ActRoadmap, ActRefine, ActOrder:
		c.Blur = blur
	}
	switch a.Kind {
	case ActResearch:
		c.Insight, c.seenGain = g.learn(-1, t.ResearchGain, blur)
		g.lastInsight = len(s.Log)
	case ActInterview:
		// The same interview again within a sprint tells less and pleases less.
		k := g.repeat(&g.interviews[a.Theme])
		c.Subject = a.Theme
		c.Insight, c.seenGain = g.learn(a.Theme, t.InterviewGain*k, blur)
		c.Trust = g.moveKind(scenario.KindCustomer, 0.02*k, &c)
		g.heard[customersHeard] = true
		g.lastInsight = len(s.Log)
	case ActRoadmap:
		before, seen := distance(s.Roadmap, s.Market.Need), distance(s.Roadmap, s.Market.Estimate)
		copy(g.prevRoadmap, s.Roadmap)
		copy(s.Roadmap, a.Weights)
		for i := range s.Roadmap {
			s.Roadmap[i] *= 1 + blur*g.noise.gauss()
		}
		normalise(s.Roadmap)
		s.Synced = false
		if g.role == RoleBoth {
			copy(s.POView, s.Roadmap)
		}
		c.Fit = before - distance(s.Roadmap, s.Market.Need)
		c.seenGain = seen - distance(s.Roadmap, s.Market.Estimate) // what the PM can tell: fit to the estimate
		g.creditInsight(c.Fit)
		c.Morale = g.churn()
	case ActExecutive:
		c.Trust = g.moveKind(scenario.KindExecutive, 0.04*g.repeat(&g.execMeets), &c)
		g.heard[executivesHeard] = true
	case ActKPI:
		c.Insight, c.seenGain = g.learnShipped(t.KPIGain*g.repeat(&g.kpiReviews), blur)
		g.lastInsight = len(s.Log)
	case ActSync:
		c.Handoff = distance(s.POView, s.Roadmap)
		// Two people hand the roadmap over in words: the Product Owner hears it whole, but not
		// exactly as the Product Manager holds it (sync_blur). Only one head wearing both hats
		// has the roadmap itself.
		for i, w := range s.Roadmap {
			s.POView[i] = w * (1 + g.t.SyncBlur*g.handoff.gauss())
		}
		normalise(s.POView)
		s.Synced = true
		s.SinceSync = 0
		s.Syncs++
		proposer, s.SyncProposal = s.SyncProposal, HatNone
	case ActRefine:
		st := &s.Stories[a.Story]
		c.Subject = a.Story
		gain := t.RefineClarity
		if g.role.Wears(HatPM) && g.role != RolePair {
			// Acceptance criteria written by the one who heard the customers first hand are
			// sharper: no hand-off stands between the market and the story.
			gain *= 1 + t.RefineInsight
		}
		st.Clarity = clamp01(st.Clarity + gain*(1-blur))
		st.Refined++
	case ActOrder:
		copy(s.Backlog, a.Stories)
		// Burnout shows as slips: neighbours swapped by mistake.
		for i := 0; i+1 < len(s.Backlog); i++ {
			if g.noise.float64() < blur*0.3 {
				s.Backlog[i], s.Backlog[i+1] = s.Backlog[i+1], s.Backlog[i]
			}
		}
	case ActPlan:
		g.commit(a.Stories)
	case ActPull:
		c.Subject = a.Story
		g.pull(a.Story)
	case ActAnswer:
		c.Subject = a.Request
		g.answer(a.Request, a.Answer, &c)
	case ActReview:
		g.review(&c)
	case ActChoose:
		ev := s.Events[s.Event].Def
		c.Kind, c.Subject = ConEvent, ev
		g.applyEffects(g.effects[g.choiceBase[ev]+a.Choice], &c)
		s.Event = -1
	}
	s.Player.Stress = clamp01(s.Player.Stress + c.Stress)
	// The overtime among its hours is booked to the sprint's overtime (logged at the sprint's end),
	// not to the action that happened to cross the line.
	c.Stress -= g.overNow
	g.overNow = 0
	if proposer != HatNone {
		g.chargeProposer(proposer, &c)
	}
	g.log(c)
	if a.Kind == ActChoose {
		g.fireDue()
	}
}

// overtime counts hours just worked against the sprint's overtime line. Hours past the line wear
// more (stress_overtime) and add to burnout directly (burnout_overtime); the debrief charges them
// to the sprint's overtime, not to whichever action happened to cross the line.
func (g *Game) overtime(hours int) {
	t := g.t
	over := min(hours, g.sprintWork+hours-g.overtimeFrom())
	g.sprintWork += hours
	if over <= 0 {
		return
	}
	g.overHours += over
	g.overNow += float64(over) * t.StressOvertime
	g.overStress += float64(over) * t.StressOvertime
	b := float64(over) * t.BurnoutOvertime
	g.overBurn += b
	g.burn(b)
}

// churn is what a roadmap update (from g.prevRoadmap to the roadmap now) costs the team's morale
// after the first sprint, whoever made it: priorities that swing once the team is building waste
// yesterday's refined top stories. It returns the change of morale.
func (g *Game) churn() float64 {
	s := &g.s
	if s.Sprint <= 1 {
		return 0
	}
	d := clamp01(s.Team.Morale-g.t.MoraleChurn*distance(g.prevRoadmap, s.Roadmap)) - s.Team.Morale
	s.Team.Morale += d
	return d
}

// repeat is the share of its effect a meeting keeps given how often it was held this sprint
// (repeat_decay for each earlier one), and counts this one.
func (g *Game) repeat(count *int) float64 {
	k := 1.0
	for i := 0; i < *count; i++ {
		k *= g.t.RepeatDecay
	}
	*count++
	return k
}

// creditInsight gives the latest research, interview or KPI review the value a roadmap
// correction redirected: the fit it gained, times what the sprints still to come could ship.
// Insight is what made the correction possible; the debrief should name it.
func (g *Game) creditInsight(fitGain float64) {
	s := &g.s
	i := g.lastInsight
	if fitGain <= 0 || i < 0 || i >= len(s.Log) {
		return
	}
	left := float64(s.Sprints-s.Sprint+1) / float64(s.Sprints)
	s.Log[i].Redirected += fitGain * g.potential * left
	s.Log[i].Impact = g.impact(&s.Log[i])
	g.lastInsight = -1
}

// learn moves the estimate of one theme (or all, when theme < 0) toward the true need by gain,
// blurred by noise. It returns how much closer the estimate came (the truth, for the debrief) and
// how much the doubt shrank (what the Product Manager can tell: the mean ± lost).
func (g *Game) learn(theme int, gain, noise float64) (closer, doubt float64) {
	m := &g.s.Market
	before := distance(m.Estimate, m.Need)
	for i := range m.Estimate {
		if theme >= 0 && i != theme {
			continue
		}
		m.Estimate[i] += gain*(m.Need[i]-m.Estimate[i]) + noise*0.1*g.noise.gauss()
		doubt += m.Spread[i] * gain
		m.Spread[i] *= 1 - gain
	}
	normalise(m.Estimate)
	return before - distance(m.Estimate, m.Need), doubt / float64(len(m.Spread))
}

// learnShipped is a KPI review: what shipped tells how much its themes are really wanted.
func (g *Game) learnShipped(gain, noise float64) (closer, doubt float64) {
	m := &g.s.Market
	before := distance(m.Estimate, m.Need)
	for i := range m.Estimate {
		shipped := false
		for j := range g.s.Stories {
			if g.s.Stories[j].Theme == i && g.s.Stories[j].Status == StoryAccepted {
				shipped = true
				break
			}
		}
		if shipped {
			m.Estimate[i] += gain*(m.Need[i]-m.Estimate[i]) + noise*0.1*g.noise.gauss()
			doubt += m.Spread[i] * gain
			m.Spread[i] *= 1 - gain
		}
	}
	normalise(m.Estimate)
	return before - distance(m.Estimate, m.Need), doubt / float64(len(m.Spread))
}

// moveKind changes the trust of every stakeholder of a kind and returns the mean change.
func (g *Game) moveKind(kind string, delta float64, c *Consequence) float64 {
	total, n := 0.0, 0
	for i, h := range g.sc.Stakeholders {
		if h.Kind != kind {
			continue
		}
		st := &g.s.Stakeholders[i]
		before := st.Trust
		d := damp(delta, st.Trust)
		st.Trust = clamp01(st.Trust + d)
		st.Satisfaction = clamp01(st.Satisfaction + d)
		total += st.Trust - before
		n++
		c.Stakeholder = i
	}
	if n == 0 {
		return 0
	}
	if n > 1 {
		c.Stakeholder = -1
	}
	return total / float64(n)
}

// trust changes one stakeholder's trust and satisfaction and returns the change of trust.
func (g *Game) trust(who int, delta float64) float64 {
	st := &g.s.Stakeholders[who]
	moved := g.trustMove(who, delta)
	st.Satisfaction = clamp01(st.Satisfaction + 1.5*damp(delta, st.Trust))
	st.Trust += moved
	return moved
}

// trustMove is the change delta would make to who's trust now: a gain damped near the top, the
// meter kept within 0..1. It changes nothing, so Stakes can tell an answer's trust before it is
// given.
func (g *Game) trustMove(who int, delta float64) float64 {
	t := g.s.Stakeholders[who].Trust
	return clamp01(t+damp(delta, t)) - t
}

// damp shrinks a gain of trust near the top: whole up to the neutral half, then in proportion to
// the room left, so that trust near 1 is hard to earn and stays informative. Losses are whole.
func damp(delta, trust float64) float64 {
	if delta > 0 && trust > 0.5 {
		return delta * 2 * (1 - trust)
	}
	return delta
}

// commit moves the planned stories from the backlog into the sprint.
// The plan's consequence is the next one logged: what the stories ship is credited to it.
func (g *Game) commit(stories []int) {
	s := &g.s
	for _, ix := range stories {
		s.Stories[ix].Status = StoryCommitted
		s.Stories[ix].plannedBy = len(s.Log)
		s.Committed = append(s.Committed, ix)
		g.planned += float64(s.Stories[ix].Effort)
	}
	g.dropFromBacklog()
	s.Planned = true
}

// dropFromBacklog removes from the backlog list every story no longer in the backlog, in place.
func (g *Game) dropFromBacklog() {
	s := &g.s
	k := 0
	for _, ix := range s.Backlog {
		if s.Stories[ix].Status == StoryBacklog {
			s.Backlog[k] = ix
			k++
		}
	}
	s.Backlog = s.Backlog[:k]
}

// answer settles a request from the inbox.
func (g *Game) answer(req int, ans Answer, c *Consequence) {
	s, t := &g.s, g.t
	rq := &s.Requests[req]
	c.Stakeholder = rq.Stakeholder
	g.removeFromInbox(req)
	switch ans {
	case AnswerAccept:
		g.acceptRequest(req)
		c.Trust = g.trust(rq.Stakeholder, t.TrustAccept)
	case AnswerDefer:
		rq.Status = RequestDeferred
		rq.Sprint, rq.Day = s.Sprint+1, 1
		c.Trust = g.trust(rq.Stakeholder, -g.deferCost(req))
		c.Morale = g.teamLetDown(rq.Stakeholder, g.deferShare(req))
		rq.Deferrals++
	case AnswerDecline:
		rq.Status = RequestDeclined
		s.Stories[rq.Story].Status = StoryDropped
		c.Trust = g.trust(rq.Stakeholder, -g.declineCost(req))
		c.Morale = g.teamNo(req)
		g.overHead(req)
	case AnswerEscalate:
		// The executives decide, and they decide by what is loud, not by the roadmap: a request
		// urgent enough (escalate_urgency) is taken, and their yes is a promise like an accept; the
		// rest are declined. Handing the choice up hands it to people who weigh the noise a
		// request makes, so escalating everything takes on the loud asks and drops the quiet good
		// ones. Each escalation also costs the executives' patience, the more the more of them
		// they remember (escalate_memory carries them into the next sprint).
		st := &s.Stories[rq.Story]
		if g.escalationTaken(req) {
			g.acceptRequest(req)
			c.Trust = g.trust(rq.Stakeholder, t.TrustAccept/2)
		} else {
			st.Status = StoryDropped
			c.Trust = g.trust(rq.Stakeholder, -g.declineCost(req))
			c.Morale = g.teamNo(req)
		}
		rq.Status = RequestEscalated
		cost := g.escalateCost()
		g.escalations++
		g.executivesLose(req, cost)
	}
}

// teamNo is what a no to the team's own request costs the team's morale (morale_decline) and
// returns the change. The team and the Scrum Master ask for what they need to build well (a test
// suite, a deploy script, a fix they saw hurting customers); a no to them is a no to the people
// who build, whoever says it (the player, the colleague, the executives an escalation went to), so
// declining every request costs more than the trust of whoever asked.
func (g *Game) teamNo(req int) float64 {
	return g.teamLetDown(g.s.Requests[req].Stakeholder, 1)
}

// teamLetDown is what disappointing the team's own ask costs its morale when the one who asked
// is the team or the Scrum Master (morale_decline times share), and returns the change. A yes the
// team then never sees built (a broken promise to them) costs what a no does on top of the broken
// promise: otherwise yes-and-forget would be the cheapest answer to the people who build.
func (g *Game) teamLetDown(stakeholder int, share float64) float64 {
	d := g.letDown(stakeholder, share)
	g.s.Team.Morale += d
	return d
}

// letDown is the morale change teamLetDown would make now, and changes nothing: 0 unless the
// one who asked is the team or the Scrum Master.
func (g *Game) letDown(stakeholder int, share float64) float64 {
	if hatOfKind(g.sc.Stakeholders[stakeholder].Kind) != HatPO {
		return 0
	}
	m := g.s.Team.Morale
	return clamp01(m-share*g.t.MoraleDecline) - m
}

// overHead is an unhappy stakeholder going over the player's head after a no or a silence: when
// their satisfaction has fallen under overhead_below, the executives hear of it and lose
// trust_overhead. Satisfaction moves with every answer, so no after no makes each no dearer.
func (g *Game) overHead(req int) {
	g.overHeadOf(g.s.Requests[req].Stakeholder, req)
}

// overHeadOf is a stakeholder going over the player's head about a request (or, req < 0, a
// broken promise) when their satisfaction is under overhead_below.
func (g *Game) overHeadOf(who, req int) {
	if g.s.Stakeholders[who].Satisfaction >= g.t.OverheadBelow || g.sc.Stakeholders[who].Kind == scenario.KindExecutive {
		return
	}
	g.executivesLose(req, g.t.TrustOverhead)
}

// executivesLose takes trust from every executive over a request (req < 0: a broken promise) and
// logs it.
func (g *Game) executivesLose(req int, delta float64) {
	s := &g.s
	c := Consequence{Sprint: s.Sprint, Day: s.Day, Kind: ConExecutives, Subject: req, Stakeholder: -1}
	c.Trust = g.moveKind(scenario.KindExecutive, -delta, &c)
	if c.Trust != 0 {
		g.log(c)
	}
}

// acceptRequest puts the request's story into the backlog with a promise to the request's
// stakeholder to ship it soon.
func (g *Game) acceptRequest(req int) {
	s := &g.s
	rq := &s.Requests[req]
	rq.Status = RequestAccepted
	st := &s.Stories[rq.Story]
	st.Status = StoryBacklog
	st.DueSprint = g.promiseDue()
	st.promise = len(s.Promises)
	s.Promises = append(s.Promises, Promise{Story: rq.Story, Stakeholder: rq.Stakeholder, Made: s.Sprint, Due: st.DueSprint})
	s.Backlog = append(s.Backlog, rq.Story)
}

// settlePromise closes a story's open promise, kept or broken, and clears its due date.
func (g *Game) settlePromise(st *StoryState, status PromiseStatus) *Promise {
	p := &g.s.Promises[st.promise]
	p.Status, p.Settled = status, g.s.Sprint
	st.promise, st.DueSprint = -1, 0
	if status == PromiseKept {
		g.promisesKept++
	} else {
		g.promisesBroken++
	}
	return p
}

// dropFromSprint removes from the sprint list every story that left it (shipped or sent back).
func (g *Game) dropFromSprint() {
	s := &g.s
	k := 0
	for _, ix := range s.Committed {
		if st := s.Stories[ix].Status; st == StoryCommitted || st == StoryDone {
			s.Committed[k] = ix
			k++
		}
	}
	s.Committed = s.Committed[:k]
}

func (g *Game) removeFromInbox(req int) {
	s := &g.s
	for i, r := range s.Inbox {
		if r == req {
			s.Inbox = append(s.Inbox[:i], s.Inbox[i+1:]...)
			return
		}
	}
}

// review inspects every increment against its acceptance criteria: a defect sends the story back
// with clearer criteria; the rest ship.
func (g *Game) review(c *Consequence) {
	s := &g.s
	s.Reviewed = true
	for _, ix := range s.Committed {
		st := &s.Stories[ix]
		if st.Status != StoryDone {
			continue
		}
		if st.Defect {
			st.Status = StoryBacklog
			st.Defect = false
			st.Progress *= 0.5
			st.Clarity = clamp01(st.Clarity + 0.2)
			s.Backlog = slices.Insert(s.Backlog, 0, ix) // in place: the list has room for every story
			g.log(Consequence{Sprint: s.Sprint, Kind: ConRejected, Subject: ix, Stakeholder: st.Requester})
			continue
		}
		g.ship(ix, false)
	}
	g.dropFromSprint()
	c.Trust = g.moveKind(scenario.KindExecutive, 0.02, c)
	g.heard[executivesHeard] = true
}

// ship delivers a story: its value depends on how much the market wants its theme now.
func (g *Game) ship(ix int, defect bool) {
	s, t := &g.s, g.t
	st := &s.Stories[ix]
	st.Status = StoryAccepted
	st.Shipped = s.Sprint
	n := float64(len(s.Roadmap))
	// Customers who have lost trust since the game began take up less of what ships (churn).
	adopted := max(0, 1-t.Churn*g.customersLost())
	v := st.Value * s.Market.Need[st.Theme] * n * adopted
	c := Consequence{Sprint: s.Sprint, Kind: ConShipped, Subject: ix, Stakeholder: st.Requester}
	if defect {
		v = 0 // a defect in production earns nothing until it is fixed
		s.Team.Debt = clamp01(s.Team.Debt + t.DebtPerDefect)
		c.Kind = ConDefectShipped
		c.Debt = t.DebtPerDefect
		c.Trust = g.moveKind(scenario.KindCustomer, -0.03, &c)
	}
	st.Realised = v
	if cut := g.sc.Stories[st.Def].ReducesDebt; cut > 0 && !defect {
		// Work on how the team builds (a test suite, a faster build) pays debt down once it
		// works; shipped broken, it is one more defect instead.
		d := clamp01(s.Team.Debt-cut) - s.Team.Debt
		s.Team.Debt += d
		c.Debt += d
	}
	seen, seenPO := 0.0, 0.0
	if !defect {
		c.Churned = 1 - adopted
		seen = st.Value * g.belief()[st.Theme] * n * adopted
		seenPO = st.Value * s.POView[st.Theme] * n * adopted
	}
	c.seenValue, c.seenValuePO = seen, seenPO
	g.seenValue += seen
	g.seenValuePO += seenPO
	g.heard[customersHeard] = true
	s.Value += v
	g.sprintVal += v
	effort := float64(st.Effort)
	standing := g.standing(st.Theme)
	g.alignNum += effort * standing
	g.alignDen += effort
	g.sprintANum += effort * standing
	g.seenANum += effort * g.seenStanding(st.Theme, standing)
	if g.role == RolePair {
		g.seenANumPO += effort * g.standingOn(s.POView, st.Theme)
	}
	g.sprintPts += effort
	c.Value, c.Standing = v, standing
	if p := st.plannedBy; p >= 0 && p < len(s.Log) {
		// The plan that committed the story earns what it ships.
		s.Log[p].Value += v
		s.Log[p].seenValue += seen
		s.Log[p].seenValuePO += seenPO
		s.Log[p].AlignWork += effort * (standing - 0.5)
		s.Log[p].Impact = g.impact(&s.Log[p])
	}
	switch {
	case defect:
		// A story that does not work keeps no promise and pleases nobody who asked for it. Were
		// it otherwise, skipping the review would turn every promise the review would have sent
		// back into one kept.
	case st.promise >= 0:
		p := g.settlePromise(st, PromiseKept)
		c.Stakeholder = p.Stakeholder
		c.Trust += g.trust(p.Stakeholder, t.TrustDelivered)
		c.Promise = PromiseKept
	case st.Requester >= 0:
		// Their trust follows the story: whoever asked for it is glad to see it ship.
		c.Trust += g.trust(st.Requester, t.TrustShipped)
	}
	g.log(c)
	if defect && st.promise >= 0 {
		// It breaks there and then: what was promised is in production, and it does not work.
		g.breakPromise(ix, true)
	}
}

// standing is where a theme stands on the roadmap, 0..1. It blends two readings by how
// opinionated the roadmap is: the theme's place between the lowest and the highest weight (1 for
// the top theme, 0 for the last, so that building the last priority counts as misaligned however
// gentle the slope), and ½, which is all a flat roadmap can say of any theme. The blend is
// c = min(1, themes × (highest − lowest) / align_contrast): a roadmap whose weights spread that far
// uses the whole range, and as the spread shrinks to nothing every standing slides smoothly to ½,
// so a flat roadmap earns middling alignment whatever ships, with no jump at flat.
func (g *Game) standing(theme int) float64 {
	lo, hi := 1.0, 0.0
	for _, w := range g.s.Roadmap {
		lo, hi = min(lo, w), max(hi, w)
	}
	spread := hi - lo
	if spread <= 0 {
		return 0.5
	}
	c := 1.0
	if g.t.AlignContrast > 0 {
		c = min(1, float64(len(g.s.Roadmap))*spread/g.t.AlignContrast)
	}
	return 0.5 + c*((g.s.Roadmap[theme]-lo)/spread-0.5)
}

// log records a consequence with its impact on the score.
func (g *Game) log(c Consequence) {
	c.Impact = g.impact(&c)
	g.s.Log = append(g.s.Log, c)
}

// customersLost is how much trust the customers have lost since the game began, the
// influence-weighted mean of each customer's fall below their starting trust (0 for a customer
// who is as trusting as at the start, or more; 0 in a scenario with no customers). The market
// is its customers: a customer who was declined, ignored or let down uses less of what ships
// after, so a story's value falls by churn times this. Only the fall counts, never a rise, so
// trust won past the start earns no value above the yardstick's; and it counts from the
// stakeholder's own start, because that is what the market was worth when the game began.
func (g *Game) customersLost() float64 {
	sum, w := 0.0, 0.0
	for i, h := range g.sc.Stakeholders {
		if h.Kind == scenario.KindCustomer {
			sum += h.Influence * max(0, h.Trust-g.s.Stakeholders[i].Trust)
			w += h.Influence
		}
	}
	if w == 0 {
		return 0
	}
	return sum / w
}
