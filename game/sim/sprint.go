package sim

import (
	"fmt"
	"math"
	"slices"

	"twohats/game/scenario"
)

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
	g.interrupts = 0
	g.execMeets, g.kpiReviews, g.overHours, g.overStress, g.overBurn, g.rework = 0, 0, 0, 0, 0, 0
	g.selfPlanned, g.forecast = false, s.Team.Velocity()
	clear(g.interviews)
	if s.Player.OnLeave {
		s.Player.Hours = 0
	}
	if g.role == RolePair {
		g.other = seatTally{}
		s.Partner.Hours = g.sc.HoursPerSprint
		if s.Partner.OnLeave {
			s.Partner.Hours = 0
		}
	}
	g.endLastingEffects()
	// The requests that can arrive this sprint are known now: a request's sprint moves only when
	// it is deferred or ignored, and then to the next one.
	g.arriving = g.arriving[:0]
	for i := range s.Requests {
		if rq := &s.Requests[i]; rq.Sprint == s.Sprint && waitsToArrive(rq.Status) {
			g.arriving = append(g.arriving, i)
		}
	}
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
	g.forecast = s.Team.Velocity()
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
	s.Planned, g.selfPlanned = true, true
	s.Team.Morale = clamp01(s.Team.Morale - 0.05)
	g.log(Consequence{Sprint: s.Sprint, Kind: ConUnplanned, Subject: -1, Stakeholder: -1, Morale: -0.05})
}

// waitsToArrive reports whether a request in this status reaches the inbox when its day comes:
// one not yet arrived, or deferred or ignored and coming back.
func waitsToArrive(st RequestStatus) bool {
	return st == RequestWaiting || st == RequestDeferred || st == RequestIgnored
}

// startDay brings in the day's requests and events.
func (g *Game) startDay() {
	s := &g.s
	for _, i := range g.arriving {
		rq := &s.Requests[i]
		if !waitsToArrive(rq.Status) || rq.Sprint != s.Sprint || rq.Day != s.Day {
			continue
		}
		rq.Status = RequestPending
		g.log(Consequence{Sprint: s.Sprint, Day: s.Day, Kind: ConRequest, Subject: i, Stakeholder: rq.Stakeholder})
		if g.role.Wears(rq.Hat) {
			s.Inbox = append(s.Inbox, i) // on leave, it waits unanswered
			g.seatIn(rq.Hat)             // a pair game: the request reaches its hat's person
			g.interrupt(i)
			g.seatIn(HatPM)
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

// interrupt is a request reaching the inbox of a hat the player wears but is not working in: the
// other hat's demands break the focus, a change of hat with its hour (hours_switch) and its
// stress. Only a person wearing both hats has another hat to be pulled into, and the more
// requests the scenario sends each hat (a storm), the more often it happens.
func (g *Game) interrupt(req int) {
	s, t := &g.s, g.t
	p := &s.Player
	h := s.Requests[req].Hat
	if p.OnLeave || p.LastHat == HatNone || p.LastHat == h {
		return
	}
	c := Consequence{Sprint: s.Sprint, Day: s.Day, Kind: ConInterrupted, Subject: req, Stakeholder: -1}
	hours := min(t.HoursSwitch, p.Hours)
	p.Hours -= hours
	g.sprintHrs += hours
	c.Hours = hours
	c.Stress = t.StressSwitch + float64(t.HoursSwitch)*t.StressPerHour
	g.overtime(hours)
	// A fragmented sprint wears a person down: the first switch_free interruptions of a sprint are
	// part of the job; each one after them costs burnout_switch for every one past switch_free
	// before it, straight to burnout like overtime, so rest cannot undo it. The cost grows with
	// the square of the sprint's load: a quiet sprint's one or two asks do not show, a storm's
	// five or six do.
	if b := t.BurnoutSwitch * float64(g.interrupts+1-t.SwitchFree); b > 0 {
		c.Burnout = b
		g.burn(b)
	}
	g.interrupts++
	p.Switches++
	p.LastHat = h
	p.Stress = clamp01(p.Stress + c.Stress + g.overNow)
	g.overNow = 0
	g.log(c)
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
		g.rework += st.trueEffort * t.ReworkPerFog * (1 - st.Clarity)
		st.Defect = g.team.float64() < t.DefectPerFog*(1-st.Clarity)+0.1*s.Team.Debt
	}
	if g.role == RolePair {
		// Each seat carries the requests waiting in its own hat's inbox.
		g.strain(&s.Player, g.pendingFor(HatPM))
		g.strain(&s.Partner, g.pendingFor(HatPO))
		return
	}
	g.strain(&s.Player, len(s.Inbox))
}

// strain is a day's wear on one person: the stress of the requests waiting for their answer, and
// the burnout of stress above the line.
func (g *Game) strain(p *PlayerState, pending int) {
	t := g.t
	p.Stress = clamp01(p.Stress + t.StressPending*float64(pending))
	if p.Stress > t.BurnoutFrom {
		burnInto(p, t.BurnoutRate*(p.Stress-t.BurnoutFrom))
	}
}

// burn adds to the player's burnout and keeps its peak.
func (g *Game) burn(x float64) { burnInto(&g.s.Player, x) }

// burnInto adds to a person's burnout and keeps its peak.
func burnInto(p *PlayerState, x float64) {
	p.Burnout = clamp01(p.Burnout + x)
	p.BurnoutPeak = max(p.BurnoutPeak, p.Burnout)
}

// endExecution returns unfinished work to the top of the backlog, and the sprint tells on the
// team: overcommitment spills work and cuts corners (debt_crunch), fog meant rework
// (morale_rework), a sprint planned within the forecast that finished everything lifts morale
// (morale_sane), and slack left in the plan pays debt down (debt_paydown).
func (g *Game) endExecution() {
	s, t := &g.s, g.t
	// The unfinished stories go back to the top of the backlog in sprint order, moved in place:
	// the backlog's list has room for every story.
	n := 0
	for _, ix := range s.Committed {
		if s.Stories[ix].Status == StoryCommitted {
			n++
		}
	}
	if n > 0 {
		k := len(s.Backlog)
		s.Backlog = slices.Grow(s.Backlog, n)[:k+n]
		copy(s.Backlog[n:], s.Backlog[:k])
	}
	back := s.Backlog[:n]
	n = 0
	for _, ix := range s.Committed {
		if s.Stories[ix].Status == StoryCommitted {
			s.Stories[ix].Status = StoryBacklog
			back[n] = ix
			n++
		}
	}
	fc := max(g.forecast, 1)
	if len(back) > 0 {
		if g.planned > fc || g.pulled > 0 {
			// Pushed past what it could do, the team spills work and loses heart: planned past
			// the forecast, or handed more mid-sprint than the days left could build.
			s.Team.Morale = clamp01(s.Team.Morale - t.MoraleOverrun)
			c := Consequence{Sprint: s.Sprint, Kind: ConOvercommitted, Subject: -1, Stakeholder: -1, Morale: -t.MoraleOverrun}
			if g.planned <= fc {
				c.Subject = back[len(back)-1] // a story pulled in: built last, so the last sent back
			}
			g.log(c)
		}
	}
	c := Consequence{Sprint: s.Sprint, Kind: ConTeam, Subject: -1, Stakeholder: -1}
	morale := -t.MoraleRework * g.rework / fc
	debt := 0.0
	if !g.selfPlanned {
		ratio := g.planned / fc
		switch {
		case ratio > 1:
			debt += t.DebtCrunch * (ratio - 1)
		case len(back) == 0:
			// Slack spent on stories pulled in is not left for the code.
			morale += t.MoraleSane
			debt -= t.DebtPaydown * max(0, 1-(g.planned+g.pulled)/fc)
		}
	}
	c.Morale = clamp01(s.Team.Morale+morale) - s.Team.Morale
	c.Debt = clamp01(s.Team.Debt+debt) - s.Team.Debt
	s.Team.Morale += c.Morale
	s.Team.Debt += c.Debt
	if c.Morale != 0 || c.Debt != 0 {
		g.log(c)
	}
	g.pulled = 0
	g.dropFromSprint()
}

// checkPull reports why a story cannot be pulled into the running sprint now, or nil. A team
// that finishes early would sit idle for the days left; the Product Owner can hand it the next
// story once the sprint's own work is built or will be by the day's end (what is left to build,
// by estimate, is at most a day of the forecast) and a day remains after this one to build it.
func (g *Game) checkPull(story int) error {
	s := &g.s
	if err := g.checkStory(story); err != nil {
		return err
	}
	if s.Stories[story].Status != StoryBacklog {
		return fmt.Errorf("story %q is not in the backlog", g.storyTitle(story))
	}
	if err := g.inPhase(ActPull, PhaseExecution); err != nil {
		return err
	}
	if s.Day >= s.Days {
		return refusal("it is the sprint's last day: a story pulled in now would not be built")
	}
	if left, day := g.SprintLeft(), g.dayOfWork(); left > day+1e-9 {
		return fmt.Errorf("the team still has %.0f pt of the sprint to build; pull in more when a day's work (%.1f pt) or less is left", math.Ceil(left), day)
	}
	return nil
}

// PullOpen reports whether the running sprint is open to a pull: execution, a story in the
// backlog, a day left after today, and at most a day's work of the forecast left to build. It is
// checkPull's rule without the reasons, cheap enough for a screen to ask every frame and a bot
// every decision; Check says why when it does not hold (and checks the seat and the story).
func (g *Game) PullOpen() bool {
	s := &g.s
	return s.Phase == PhaseExecution && len(s.Backlog) > 0 && s.Day < s.Days && g.SprintLeft() <= g.dayOfWork()+1e-9
}

// dayOfWork is a day of the forecast: what the team gets through in one working day.
func (g *Game) dayOfWork() float64 { return g.s.Team.Velocity() / float64(max(g.s.Days, 1)) }

// SprintLeft is the estimated points of the sprint's stories not yet built: what the burndown
// shows (each unfinished story's estimate less what was built of it).
func (g *Game) SprintLeft() float64 {
	s := &g.s
	left := 0.0
	for _, ix := range s.Committed {
		if st := &s.Stories[ix]; st.Status == StoryCommitted {
			left += max(0, float64(st.Effort)-st.Progress)
		}
	}
	return left
}

// pull commits a backlog story to the running sprint, after the sprint's own work. It is judged
// with the sprint (endExecution): finished, it ships like any other and takes the slack that would
// have paid debt down; spilled over, the team was handed more than it could build
// (morale_overrun). The pull's consequence is the next one logged, so what the story ships is
// credited to it.
func (g *Game) pull(story int) {
	s := &g.s
	st := &s.Stories[story]
	st.Status = StoryCommitted
	st.plannedBy = len(s.Log)
	s.Committed = append(s.Committed, story)
	g.pulled += float64(st.Effort)
	g.dropFromBacklog()
}

// endReview ships what was built. Without a review (nobody held one), defects ship too.
func (g *Game) endReview() {
	s := &g.s
	if !s.Reviewed && g.role == RolePM {
		c := Consequence{Sprint: s.Sprint, Kind: ConColleague, Action: Decision{Kind: ActReview}, Subject: -1, Stakeholder: -1}
		g.review(&c)
		g.log(c)
	}
	if !s.Reviewed && len(s.Committed) > 0 { // what is still committed here was finished
		// Nobody looked at what the team built: besides the defects that ship, the team showed its
		// work to no one, and learns that nobody looks (morale_unreviewed). The review is the
		// sprint's one ceremony for the people who build, as planning is; skipping either tells.
		c := Consequence{Sprint: s.Sprint, Kind: ConUnreviewed, Subject: -1, Stakeholder: -1}
		c.Morale = clamp01(s.Team.Morale-g.t.MoraleUnreviewed) - s.Team.Morale
		s.Team.Morale += c.Morale
		g.log(c)
	}
	for _, ix := range s.Committed {
		g.ship(ix, s.Stories[ix].Defect)
	}
	s.Committed = s.Committed[:0]
}

// breakPromise breaks story i's open promise: the stakeholder it was made to loses trust, the
// team that was meant to build it loses heart, and the due date clears, so the story no longer
// jumps the queue. unreviewed says it broke by shipping with a defect nobody reviewed, not by
// falling due; the consequence names the review that was not held, so the debrief can say so.
func (g *Game) breakPromise(i int, unreviewed bool) {
	s, t := &g.s, g.t
	p := g.settlePromise(&s.Stories[i], PromiseBroken)
	c := Consequence{Sprint: s.Sprint, Kind: ConPromiseBroken, Subject: i, Stakeholder: p.Stakeholder, Promise: PromiseBroken}
	if unreviewed {
		c.Action = Decision{Kind: ActReview}
	}
	c.Trust = g.trust(p.Stakeholder, -t.TrustBroken)
	c.Morale = clamp01(s.Team.Morale-t.MoraleBroken) - s.Team.Morale
	s.Team.Morale += c.Morale
	c.Morale += g.teamLetDown(p.Stakeholder, 1)
	g.log(c)
	g.overHeadOf(p.Stakeholder, -1)
}

// endSprint closes the books on a sprint and opens the next.
func (g *Game) endSprint() {
	s, t := &g.s, g.t
	for _, req := range s.Inbox {
		// Left unanswered, the request comes back: the stakeholder chases it next sprint, and every
		// sprint it goes unanswered costs trust_ignore again.
		rq := &s.Requests[req]
		rq.Status = RequestIgnored
		rq.Sprint, rq.Day = s.Sprint+1, 1
		c := Consequence{Sprint: s.Sprint, Kind: ConIgnored, Subject: req, Stakeholder: rq.Stakeholder}
		c.Trust = g.trust(rq.Stakeholder, -t.TrustIgnore)
		// Silence to the people who build costs them what a no does, every sprint it lasts:
		// otherwise ignoring the team's asks would be the cheap way to turn them down.
		c.Morale = g.teamLetDown(rq.Stakeholder, 1)
		g.log(c)
		g.overHead(req)
	}
	s.Inbox = s.Inbox[:0]
	// Promises fall due: one not kept by its sprint's end breaks.
	for i := range s.Stories {
		if st := &s.Stories[i]; st.promise >= 0 && st.DueSprint <= s.Sprint {
			g.breakPromise(i, false)
		}
	}
	for _, h := range g.seats() {
		g.seatIn(h)
		if g.overHours > 0 {
			g.log(Consequence{Sprint: s.Sprint, Kind: ConOvertime, Hat: h, Subject: -1, Stakeholder: -1, Hours: g.overHours,
				Stress: g.overStress, Burnout: g.overBurn})
		}
	}
	g.seatIn(HatPM)
	// Executives who had no alignment or review, and customers who were not interviewed and got
	// nothing new, trust the product a little less.
	for i, h := range g.sc.Stakeholders {
		if (h.Kind == scenario.KindExecutive && !g.heard[executivesHeard]) || (h.Kind == scenario.KindCustomer && !g.heard[customersHeard]) {
			g.trust(i, -t.TrustSilence)
		}
	}
	g.heard = [2]bool{}
	g.record()
	// Trust fades toward neutral between sprints: it reflects what stakeholders saw lately.
	for i := range s.Stakeholders {
		st := &s.Stakeholders[i]
		st.Trust += t.TrustDecay * (0.5 - st.Trust)
	}
	g.escalations *= t.EscalateMemory

	for _, h := range g.seats() {
		g.seatIn(h)
		g.recover(h)
	}
	g.seatIn(HatPM)

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
	s.Team.Morale = clamp01(s.Team.Morale + t.MoraleDrift*(0.75-s.Team.Morale))

	if s.Sprint >= s.Sprints {
		s.Phase = PhaseOver
		return
	}
	s.Sprint++
	g.startSprint()
}

// recover is the weekend of the person in State.Player (seat h): leave ends, or stress eases
// and burnout heals, or burnout sends them on leave.
func (g *Game) recover(h Hat) {
	s, t := &g.s, g.t
	p := &s.Player
	if p.OnLeave {
		p.OnLeave = false
		p.Burnout, p.Stress = 0.5, 0.1
	} else {
		slack := float64(p.Hours) / float64(g.sc.HoursPerSprint)
		// Burnout heals in a calm sprint: stress under the line and no overtime. Overwork every
		// sprint wears a person down however well they rest.
		if p.Stress < t.BurnoutFrom && g.overHours == 0 {
			p.Burnout = clamp01(p.Burnout - t.BurnoutHeal)
		}
		p.Stress = clamp01(p.Stress * (1 - t.StressRecovery*(0.5+0.5*slack)))
		if p.Burnout >= 1 {
			p.BurnedOut, p.OnLeave = true, true
			g.log(Consequence{Sprint: s.Sprint, Kind: ConBurnedOut, Hat: h, Subject: -1, Stakeholder: -1})
		}
	}
	p.LastHat = HatNone
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
	fit := g.fit()
	health := g.health()
	g.potSum += g.perfectSprint()
	g.fitSum += fit
	g.healthSum += health
	align := 0.0
	if g.sprintPts > 0 {
		align = g.sprintANum / g.sprintPts
	}
	// A pair's line shows the worse-off seat's stress and burnout, and the hours of both (the
	// other seat's are zero in a solo game).
	s.History = append(s.History, SprintRecord{
		Value: g.sprintVal, Points: g.sprintPts, Alignment: align, Fit: fit,
		Trust: g.meanTrust(), Health: health, Stress: max(s.Player.Stress, s.Partner.Stress),
		Burnout: max(s.Player.Burnout, s.Partner.Burnout), Hours: g.sprintHrs + g.other.sprintHrs,
		Overtime: g.overHours + g.other.overHours, Kept: g.sprintKept(), Broken: g.sprintBroken(),
	})
}

// fit is strategy fit now: the roadmap against the true market, half as set and half as the team
// builds from it (the Product Owner's view). A strategy counts only as far as it reaches the
// backlog: a Product Owner moves fit by syncing, a Product Manager by setting the roadmap and
// handing it over; wearing both hats the two are one.
func (g *Game) fit() float64 {
	s := &g.s
	return 1 - 0.5*(distance(s.Roadmap, s.Market.Need)+distance(s.POView, s.Market.Need))
}

func (g *Game) sprintKept() int   { return g.countSettled(PromiseKept) }
func (g *Game) sprintBroken() int { return g.countSettled(PromiseBroken) }

func (g *Game) countSettled(status PromiseStatus) int {
	n := 0
	for _, p := range g.s.Promises {
		if p.Status == status && p.Settled == g.s.Sprint {
			n++
		}
	}
	return n
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
