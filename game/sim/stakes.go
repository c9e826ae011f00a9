package sim

// declineStake is the trust request req's stakeholder loses when it is declined outright: the
// request's own decline_cost, else its stakeholder's, else the tuning's trust_decline; and a
// request written negotiable = false costs at least what a broken promise does, because it was
// never really a question. Deferring costs a third of the stake (more each time the same request
// is put off: deferCost) and an escalation that ends in a
// no half of it, so every way of saying not now is priced from the same stake.
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
