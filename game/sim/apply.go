package sim

import "twohats/game/scenario"

// perform carries out a checked action and logs what it moved.
func (g *Game) perform(a Action) {
	s, t := &g.s, g.t
	c := Consequence{Sprint: s.Sprint, Day: s.Day, Kind: ConAction, Action: a.decision(), Subject: -1, Stakeholder: -1}
	if a.Kind == ActAdvance {
		g.advance()
		return
	}
	ch := g.charge(a) // the same rule Preview shows
	s.Player.Hours -= ch.Hours
	g.sprintHrs += ch.Hours
	c.Hours = ch.Hours
	if a.Kind != ActRest {
		g.sprintWork += ch.Hours
	}
	if ch.Burnout > 0 {
		g.burn(ch.Burnout)
	}
	if ch.Switch {
		s.Player.Switches++
	}
	if h := a.Kind.Hat(); h != HatNone {
		s.Player.LastHat = h
	}
	c.Stress = ch.Stress
	blur := t.BurnoutNoise * s.Player.Burnout // a tired mind decides worse
	switch a.Kind {
	case ActResearch, ActInterview, ActKPI, ActRoadmap, ActRefine, ActOrder:
		c.Blur = blur
	}
	switch a.Kind {
	case ActResearch:
		c.Insight, c.seenInsight = g.learn(-1, t.ResearchGain, blur)
	case ActInterview:
		c.Subject = a.Theme
		c.Insight, c.seenInsight = g.learn(a.Theme, t.InterviewGain, blur)
		c.Trust = g.moveKind(scenario.KindCustomer, 0.02, &c)
		g.heard[customersHeard] = true
	case ActRoadmap:
		before, seen := distance(s.Roadmap, s.Market.Need), distance(s.Roadmap, s.Market.Estimate)
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
		c.seenFit = seen - distance(s.Roadmap, s.Market.Estimate) // what the PM can tell: fit to the estimate
	case ActExecutive:
		c.Trust = g.moveKind(scenario.KindExecutive, 0.04, &c)
		g.heard[executivesHeard] = true
	case ActKPI:
		c.Insight, c.seenInsight = g.learnShipped(t.KPIGain, blur)
	case ActSync:
		c.Handoff = distance(s.POView, s.Roadmap)
		copy(s.POView, s.Roadmap)
		s.Synced = true
		s.SinceSync = 0
	case ActRefine:
		st := &s.Stories[a.Story]
		c.Subject = a.Story
		st.Clarity = clamp01(st.Clarity + t.RefineClarity*(1-blur))
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
	g.log(c)
	if a.Kind == ActChoose {
		g.fireDue()
	}
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
		st.Trust = clamp01(st.Trust + delta)
		st.Satisfaction = clamp01(st.Satisfaction + delta)
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
	before := st.Trust
	st.Trust = clamp01(st.Trust + delta)
	st.Satisfaction = clamp01(st.Satisfaction + 1.5*delta)
	return st.Trust - before
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
		c.Trust = g.trust(rq.Stakeholder, -g.declineStake(req)/3)
	case AnswerDecline:
		rq.Status = RequestDeclined
		s.Stories[rq.Story].Status = StoryDropped
		c.Trust = g.trust(rq.Stakeholder, -g.declineStake(req))
	case AnswerEscalate:
		// Someone above decides by the roadmap: a request in a theme the roadmap ranks at least
		// average is taken, the rest declined. It costs the escalator the executives' patience.
		rq.Status = RequestEscalated
		st := &s.Stories[rq.Story]
		if s.Roadmap[st.Theme]*float64(len(s.Roadmap)) >= 1 {
			st.Status = StoryBacklog
			s.Backlog = append(s.Backlog, rq.Story)
			c.Trust = g.trust(rq.Stakeholder, t.TrustAccept/2)
		} else {
			st.Status = StoryDropped
			c.Trust = g.trust(rq.Stakeholder, -g.declineStake(req)/2)
		}
		for i, h := range g.sc.Stakeholders {
			if h.Kind == scenario.KindExecutive {
				g.trust(i, -0.01)
			}
		}
	}
}

// acceptRequest puts the request's story into the backlog with a promise to ship it soon.
func (g *Game) acceptRequest(req int) {
	s := &g.s
	rq := &s.Requests[req]
	rq.Status = RequestAccepted
	st := &s.Stories[rq.Story]
	st.Status = StoryBacklog
	st.DueSprint = s.Sprint + g.t.PromiseSprints - 1
	if s.Phase > PhasePlanning {
		st.DueSprint++ // accepted mid-sprint: the promise starts with the next sprint
	}
	s.Backlog = append(s.Backlog, rq.Story)
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
			s.Backlog = append([]int{ix}, s.Backlog...)
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
	v := st.Value * s.Market.Need[st.Theme] * n
	c := Consequence{Sprint: s.Sprint, Kind: ConShipped, Subject: ix, Stakeholder: st.Requester}
	if defect {
		v = 0 // a defect in production earns nothing until it is fixed
		s.Team.Debt = clamp01(s.Team.Debt + t.DebtPerDefect)
		c.Kind = ConDefectShipped
		c.Debt = t.DebtPerDefect
		c.Trust = g.moveKind(scenario.KindCustomer, -0.03, &c)
	}
	st.Realised = v
	seen := 0.0
	if !defect {
		seen = st.Value * g.belief()[st.Theme] * n
	}
	c.seenValue = seen
	g.seenValue += seen
	g.heard[customersHeard] = true
	s.Value += v
	g.sprintVal += v
	effort := float64(st.Effort)
	standing := g.standing(st.Theme)
	g.alignNum += effort * standing
	g.alignDen += effort
	g.sprintANum += effort * standing
	g.seenANum += effort * g.seenStanding(st.Theme, standing)
	g.sprintPts += effort
	c.Value, c.Standing = v, standing
	if p := st.plannedBy; p >= 0 && p < len(s.Log) {
		// The plan that committed the story earns what it ships.
		s.Log[p].Value += v
		s.Log[p].seenValue += seen
		s.Log[p].AlignWork += effort * (standing - 0.5)
		s.Log[p].Impact = g.impact(&s.Log[p])
	}
	if st.Requester >= 0 && st.DueSprint > 0 {
		c.Trust = g.trust(st.Requester, t.TrustDelivered)
		st.DueSprint = 0
	}
	g.log(c)
}

// standing is where a theme stands on the roadmap: 1 for the top theme, 0 for the bottom one,
// in proportion between. Measured against the spread of the weights (not their sum), so that
// building the roadmap's last priority counts as misaligned however flat the roadmap is.
func (g *Game) standing(theme int) float64 {
	lo, hi := 1.0, 0.0
	for _, w := range g.s.Roadmap {
		lo, hi = min(lo, w), max(hi, w)
	}
	if hi-lo < 1e-9 {
		return 1
	}
	return (g.s.Roadmap[theme] - lo) / (hi - lo)
}

// log records a consequence with its impact on the score.
func (g *Game) log(c Consequence) {
	c.Impact = g.impact(&c)
	g.s.Log = append(g.s.Log, c)
}
