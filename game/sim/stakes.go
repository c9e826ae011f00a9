package sim

// declineStake is the trust request req's stakeholder loses when it is declined outright: the
// request's own decline_cost, else its stakeholder's, else the tuning's trust_decline; and a
// request written negotiable = false costs at least what a broken promise does, because it was
// never really a question. Deferring costs a third of the stake (more each time the same request
// is put off: deferCost) and an escalation that ends in a
// no what a no costs, so every way of saying not now is priced from the same stake.
func (g *Game) declineStake(req int) float64 {
	rq := &g.s.Requests[req]
	def := &g.sc.Requests[rq.Def]
	stake := g.t.TrustDecline
	if c := g.sc.Stakeholders[rq.Stakeholder].DeclineCost; c != nil {
		stake = *c
	}
	if def.DeclineCost != nil {
		stake = *def.DeclineCost
	}
	if def.NonNegotiable {
		stake = max(stake, g.t.TrustBroken)
	}
	return stake
}

// declineCost is the trust a no costs its stakeholder (noCost), and counts the no: the next one
// to the same stakeholder costs more.
func (g *Game) declineCost(req int) float64 {
	c := g.noCost(req)
	g.declines[g.s.Requests[req].Stakeholder]++
	return c
}

// noCost is what a no would cost its stakeholder now: the request's stake (declineStake: its
// decline_cost, its stakeholder's, or trust_decline), and as much again for every no that
// stakeholder has heard before, from the player, the colleague or the executives an escalation
// went to. One clear no is cheap; no after no is not.
func (g *Game) noCost(req int) float64 {
	return g.declineStake(req) * float64(1+g.declines[g.s.Requests[req].Stakeholder])
}

// deferCost is the trust the next "not now" to req costs: a third of the request's stake the
// first time, and a third more for every time the same request was put off before, so the third
// "not now" costs what a no does and the fourth more. Patience with one ask wears thin: deferring
// is a real answer once, and a way of never answering after that.
func (g *Game) deferCost(req int) float64 {
	return g.declineStake(req) * g.deferShare(req)
}

// deferShare is the share of a no the next deferral of req costs, in trust and, for the team's
// own asks, in morale: k / 3 for the k-th.
func (g *Game) deferShare(req int) float64 {
	return float64(g.s.Requests[req].Deferrals+1) / 3
}

// escalationTaken is the executives' verdict on req if it were escalated now: they take what is
// loud (the story's urgency at least escalate_urgency), whatever the roadmap says.
func (g *Game) escalationTaken(req int) bool {
	return g.s.Stories[g.s.Requests[req].Story].Urgency >= g.t.EscalateUrgency
}

// escalateCost is the trust each executive loses over the next escalation: trust_escalate for it
// and as much again for every escalation they still remember.
func (g *Game) escalateCost() float64 {
	return g.t.TrustEscalate * (1 + g.escalations)
}

// AnswerStakes is what each answer to a request would move if given now, indexed by Answer: the
// asking stakeholder's trust, the team's morale, and for an escalation the executives' verdict
// and the trust it costs each of them. Everything in it is known to the player (trust, urgency,
// the answers given so far), so a screen may show it before the answer is given; it is computed
// by the rules the answer applies, so the two never differ. It leaves out what follows later: a
// promise kept or broken, a stakeholder going over the player's head.
type AnswerStakes struct {
	Trust      [numAnswers]float64 // the requester's trust change
	Morale     [numAnswers]float64 // the team's morale change (the team's and Scrum Master's own asks)
	Taken      bool                // an escalation would be taken, as a promise
	Executives float64             // trust each executive loses over an escalation
	Due        int                 // the sprint a yes would have to ship by
}

// Stakes is what each answer to request req would move now. See AnswerStakes.
func (g *Game) Stakes(req int) AnswerStakes {
	s, t := &g.s, g.t
	var a AnswerStakes
	if req < 0 || req >= len(s.Requests) {
		return a
	}
	who := s.Requests[req].Stakeholder
	a.Trust[AnswerAccept] = g.trustMove(who, t.TrustAccept)
	a.Trust[AnswerDefer] = g.trustMove(who, -g.deferCost(req))
	a.Morale[AnswerDefer] = g.letDown(who, g.deferShare(req))
	a.Trust[AnswerDecline] = g.trustMove(who, -g.noCost(req))
	a.Morale[AnswerDecline] = g.letDown(who, 1)
	a.Taken = g.escalationTaken(req)
	if a.Taken {
		a.Trust[AnswerEscalate] = g.trustMove(who, t.TrustAccept/2)
	} else {
		a.Trust[AnswerEscalate] = a.Trust[AnswerDecline]
		a.Morale[AnswerEscalate] = a.Morale[AnswerDecline]
	}
	a.Executives = g.escalateCost()
	a.Due = g.promiseDue()
	return a
}

// promiseDue is the sprint a promise made now falls due: promise_sprints from this one, counted
// from the next when it is made mid-sprint. A promise cannot outlive the game: one made late
// falls due at the last sprint's end, or a yes in the last sprints would be free (trust for the
// asking, never a promise to keep).
func (g *Game) promiseDue() int {
	s := &g.s
	due := s.Sprint + g.t.PromiseSprints - 1
	if s.Phase > PhasePlanning {
		due++ // accepted mid-sprint: the promise starts with the next sprint
	}
	return min(due, s.Sprints)
}
