package sim

import "twohats/game/scenario"

// advance ends the current phase (or, during execution, the current day).
func (g *Game) advance() {
	s := &g.s
	switch s.Phase {
	case PhaseStrategy:
		s.Phase = PhasePlanning
	case PhasePlanning:
		g.endPlanning()
		s.Phase, s.Day = PhaseExecution, 1
		g.startDay()
	case PhaseExecution:
		g.endDay()
		if s.Day < s.Days {
			s.Day++
			g.startDay()
			return
		}
		s.Day = 0
		g.endExecution()
		s.Phase = PhaseReview
	case PhaseReview:
		g.endReview()
		s.Phase = PhaseRetro
	case PhaseRetro:
		g.endSprint()
	}
}

// startSprint opens a sprint: hours are back, the world's schedule says which requests and events
// are due in it, and a colleague Product Manager does their strategy work.
func (g *Game) startSprint() {
	s := &g.s
	s.Phase, s.Day = PhaseStrategy, 0
	s.Planned, s.Reviewed = false, false
	s.Player.Hours = g.sc.HoursPerSprint
	g.sprintHrs, g.sprintWork, g.sprintVal, g.sprintPts, g.sprintANum, g.planned = 0, 0, 0, 0, 0, 0
	if s.Player.OnLeave {
		s.Player.Hours = 0
	}
	g.endLastingEffects()
	for i := range s.Events {
		ev := &s.Events[i]
		ev.Day = 0
		if !ev.Fired {
			ev.Day = g.w.eventDay(ev.Def, s.Sprint, s.Sprints)
		}
	}
	if g.role == RolePO && !s.Player.OnLeave {
		g.colleaguePMStrategy()
	}
}

// endPlanning makes sure the sprint has a plan: the colleague Product Owner plans when the player
// does not wear that hat; otherwise, with no plan, the team picks work itself, less of it.
func (g *Game) endPlanning() {
	s := &g.s
	if s.Planned {
		return
	}
	if g.role == RolePM {
		g.colleaguePOPlan()
		return
	}
	// Without a Product Owner the loudest asks win: the team takes the most urgent stories.
	limit := 0.5 * s.Team.Velocity()
	pts := 0.0
	picked := s.Committed[:0]
	g.orderBuf = g.OrderByUrgency(g.orderBuf[:0])
	for _, ix := range g.orderBuf {
		e := float64(s.Stories[ix].Effort)
		if pts+e > limit {
			continue
		}
		pts += e
		picked = append(picked, ix)
	}
	for _, ix := range picked {
		s.Stories[ix].Status = StoryCommitted
		s.Stories[ix].plannedBy = len(s.Log)
	}
	s.Committed = picked
	g.dropFromBacklog()
	s.Planned = true
	s.Team.Morale = clamp01(s.Team.Morale - 0.05)
	g.log(Consequence{Sprint: s.Sprint, Kind: ConUnplanned, Subject: -1, Stakeholder: -1, Morale: -0.05})
}

// startDay brings in the day's requests and events.
func (g *Game) startDay() {
	s := &g.s
	for i := range s.Requests {
		rq := &s.Requests[i]
		if (rq.Status != RequestWaiting && rq.Status != RequestDeferred) || rq.Sprint != s.Sprint || rq.Day != s.Day {
			continue
		}
		rq.Status = RequestPending
		g.log(Consequence{Sprint: s.Sprint, Day: s.Day, Kind: ConRequest, Subject: i, Stakeholder: rq.Stakeholder})
		if g.role.Wears(rq.Hat) {
			s.Inbox = append(s.Inbox, i) // on leave, it waits unanswered
		} else {
			g.colleagueAnswer(i)
		}
	}
	if s.Event >= 0 {
		return
	}
	for i := range s.Events {
		ev := &s.Events[i]
		if ev.Fired {
			continue
		}
		// A timed event (sprint or chance) waits for its day; a gate must hold as well (AND). An
		// event with only a gate fires on the first day it holds.
		def := &g.sc.Events[ev.Def]
		timed := def.Sprint > 0 || def.Chance > 0
		gate := g.conds[i]
		if g.timedDue(i) || (!timed && ev.Day == 0 && gate.holds(s)) {
			ev.Fired = true
			s.Event = i
			g.log(Consequence{Sprint: s.Sprint, Day: s.Day, Kind: ConEvent, Subject: ev.Def, Stakeholder: -1})
			return
		}
	}
}

// endDay is a day of work: the team builds the committed stories in order, unanswered requests
// weigh on the player, and stress above the line turns into burnout.
func (g *Game) endDay() {
	s, t := &g.s, g.t
	left := s.Team.Velocity() / float64(s.Days)
	for _, ix := range s.Committed {
		if left <= 0 {
			break
		}
		st := &s.Stories[ix]
		if st.Status != StoryCommitted {
			continue
		}
		need := st.work(t) - st.Progress
		if need > left {
			st.Progress += left
			left = 0
			break
		}
		st.Progress += need
		left -= need
		st.Status = StoryDone
		st.Defect = g.team.float64() < t.DefectPerFog*(1-st.Clarity)+0.1*s.Team.Debt
	}
	p := &s.Player
	p.Stress = clamp01(p.Stress + t.StressPending*float64(len(s.Inbox)))
	if p.Stress > t.BurnoutFrom {
		g.burn(t.BurnoutRate * (p.Stress - t.BurnoutFrom))
	}
}

// burn adds to the player's burnout and keeps its peak.
func (g *Game) burn(x float64) {
	p := &g.s.Player
	p.Burnout = clamp01(p.Burnout + x)
	p.BurnoutPeak = max(p.BurnoutPeak, p.Burnout)
}

// endExecution returns unfinished work to the top of the backlog.
func (g *Game) endExecution() {
	s := &g.s
	var back []int
	for _, ix := range s.Committed {
		if s.Stories[ix].Status == StoryCommitted {
			s.Stories[ix].Status = StoryBacklog
			back = append(back, ix)
		}
	}
	if len(back) > 0 {
		s.Backlog = append(back, s.Backlog...)
		if g.planned > s.Team.Velocity() {
			// Pushed past what it could do, the team spills work and loses heart.
			s.Team.Morale = clamp01(s.Team.Morale - g.t.MoraleOverrun)
			g.log(Consequence{Sprint: s.Sprint, Kind: ConOvercommitted, Subject: -1, Stakeholder: -1, Morale: -g.t.MoraleOverrun})
		}
	}
	g.dropFromSprint()
}

// endReview ships what was built. Without a review (nobody held one), defects ship too.
func (g *Game) endReview() {
	s := &g.s
	if !s.Reviewed && g.role == RolePM {
		c := Consequence{Sprint: s.Sprint, Kind: ConColleague, Action: Decision{Kind: ActReview}, Subject: -1, Stakeholder: -1}
		g.review(&c)
		g.log(c)
	}
	for _, ix := range s.Committed {
		g.ship(ix, s.Stories[ix].Defect)
	}
	s.Committed = s.Committed[:0]
}

// endSprint closes the books on a sprint and opens the next.
func (g *Game) endSprint() {
	s, t := &g.s, g.t
	for _, req := range s.Inbox {
		rq := &s.Requests[req]
		rq.Status = RequestIgnored
		s.Stories[rq.Story].Status = StoryDropped
		c := Consequence{Sprint: s.Sprint, Kind: ConIgnored, Subject: req, Stakeholder: rq.Stakeholder}
		c.Trust = g.trust(rq.Stakeholder, -t.TrustIgnore)
		g.log(c)
	}
	s.Inbox = s.Inbox[:0]
	for i := range s.Stories {
		st := &s.Stories[i]
		if st.DueSprint == s.Sprint && st.Status != StoryAccepted && st.Requester >= 0 {
			st.DueSprint = 0
			c := Consequence{Sprint: s.Sprint, Kind: ConPromiseBroken, Subject: i, Stakeholder: st.Requester}
			c.Trust = g.trust(st.Requester, -t.TrustBroken)
			g.log(c)
		}
	}
	// Executives who had no alignment or review, and customers who were not interviewed and got
	// nothing new, trust the product a little less.
	for i, h := range g.sc.Stakeholders {
		if (h.Kind == scenario.KindExecutive && !g.heard[executivesHeard]) || (h.Kind == scenario.KindCustomer && !g.heard[customersHeard]) {
			g.trust(i, -t.TrustSilence)
		}
	}
	g.heard = [2]bool{}
	g.record()

	p := &s.Player
	if p.OnLeave {
		p.OnLeave = false
		p.Burnout, p.Stress = 0.5, 0.1
	} else {
		slack := float64(p.Hours) / float64(g.sc.HoursPerSprint)
		if p.Stress < t.BurnoutFrom {
			p.Burnout = clamp01(p.Burnout - t.BurnoutHeal)
		}
		p.Stress = clamp01(p.Stress * (1 - t.StressRecovery*(0.5+0.5*slack)))
		if p.Burnout >= 1 {
			p.BurnedOut, p.OnLeave = true, true
			g.log(Consequence{Sprint: s.Sprint, Kind: ConBurnedOut, Subject: -1, Stakeholder: -1})
		}
	}
	p.LastHat = HatNone

	// The market moves as the world's schedule says; the Product Owner hears of the roadmap late
	// and blurred unless synced.
	m := &s.Market
	drift := g.w.drift[(s.Sprint-1)*len(m.Need):]
	for i := range m.Need {
		m.Need[i] *= drift[i]
		m.Spread[i] += g.sc.Market.Volatility
	}
	normalise(m.Need)
	if g.role != RoleBoth && !s.Synced {
		g.blurInto(s.POView, s.Roadmap, 0.5)
	}
	if !s.Synced {
		s.SinceSync++
	}
	s.Synced = false
	s.Team.Morale = clamp01(s.Team.Morale + 0.1*(0.75-s.Team.Morale))

	if s.Sprint >= s.Sprints {
		s.Phase = PhaseOver
		return
	}
	s.Sprint++
	g.startSprint()
}

// blurInto moves view toward the roadmap by share, through the noise of second-hand news.
func (g *Game) blurInto(view, roadmap []float64, share float64) {
	for i := range view {
		heard := roadmap[i] * (1 + g.t.InsightBlur*g.handoff.gauss())
		view[i] = (1-share)*view[i] + share*heard
	}
	normalise(view)
}

// record writes the sprint's line for the charts and the outcome.
func (g *Game) record() {
	s := &g.s
	fit := 1 - distance(s.Roadmap, s.Market.Need)
	health := g.health()
	g.fitSum += fit
	g.healthSum += health
	align := 0.0
	if g.sprintPts > 0 {
		align = g.sprintANum / g.sprintPts
	}
	s.History = append(s.History, SprintRecord{
		Value: g.sprintVal, Points: g.sprintPts, Alignment: align, Fit: fit,
		Trust: g.meanTrust(), Health: health, Stress: s.Player.Stress, Burnout: s.Player.Burnout,
		Hours: g.sprintHrs,
	})
}

func (g *Game) health() float64 {
	return 0.5*g.s.Team.Morale + 0.5*(1-g.s.Team.Debt)
}

func (g *Game) meanTrust() float64 {
	sum, w := 0.0, 0.0
	for i, h := range g.sc.Stakeholders {
		sum += h.Influence * g.s.Stakeholders[i].Trust
		w += h.Influence
	}
	if w == 0 {
		return 0
	}
	return sum / w
}
