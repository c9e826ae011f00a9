package sim

import "twohats/game/scenario"

// The colleague wears the hat the player does not. Its policy, also in docs/outcome-model.md:
//
//   - A colleague Product Manager (the player is the PO) researches the market at the start of
//     every sprint and sets the roadmap to its estimate. Its insight reaches the player's view of
//     the roadmap only at the sprint's end, half-way and blurred by insight_blur, unless the two
//     sync, which hands the roadmap over whole.
//   - A colleague Product Owner (the player is the PM) orders the backlog by its view of the
//     roadmap, blended with urgency: the blend drifts toward urgency by urgency_drift for every
//     sprint since the last sync. It refines the top stories, plans to the forecast and holds the
//     review.
//   - Either colleague answers the requests that reach its hat: yes when the story's theme stands
//     at least average on the roadmap it knows (or, for the PO, when the ask is urgent), no
//     otherwise.

// colleaguePMStrategy is a colleague Product Manager's sprint start.
func (g *Game) colleaguePMStrategy() {
	s := &g.s
	c := Consequence{Sprint: s.Sprint, Kind: ConColleague, Action: Decision{Kind: ActResearch}, Subject: -1, Stakeholder: -1}
	c.Insight, c.seenGain = g.learn(-1, g.t.ResearchGain, 0)
	g.lastInsight = len(s.Log)
	g.log(c)
	before := distance(s.Roadmap, s.Market.Need)
	copy(g.prevRoadmap, s.Roadmap)
	copy(s.Roadmap, s.Market.Estimate)
	g.creditInsight(before - distance(s.Roadmap, s.Market.Need))
	s.Synced = false
	c = Consequence{Sprint: s.Sprint, Kind: ConColleague, Action: Decision{Kind: ActRoadmap}, Subject: -1, Stakeholder: -1}
	c.Morale = g.churn()
	c.Trust = g.moveKind(scenario.KindExecutive, 0.02, &c)
	g.heard[executivesHeard] = true
	g.log(c)
}

// urgencyBlend is how far a colleague Product Owner has drifted toward urgency.
func (g *Game) urgencyBlend() float64 {
	d := g.t.UrgencyDrift * float64(g.s.SinceSync)
	if d > 0.9 {
		d = 0.9
	}
	return d
}

// colleaguePOPlan is a colleague Product Owner's planning.
func (g *Game) colleaguePOPlan() {
	s := &g.s
	d := g.urgencyBlend()
	for _, ix := range s.Backlog {
		g.keys[ix] = g.blendKey(ix, d)
	}
	g.sortByKey(s.Backlog)
	for k, ix := range s.Backlog {
		if k >= 2 {
			break
		}
		if st := &s.Stories[ix]; st.Clarity < 0.7 {
			st.Clarity = clamp01(st.Clarity + g.t.RefineClarity)
			st.Refined++
		}
	}
	plan := g.PlanFromTop(s.Committed[:0])
	g.commit(plan)
	g.log(Consequence{Sprint: s.Sprint, Kind: ConColleague, Action: Decision{Kind: ActPlan}, Subject: -1, Stakeholder: -1, Drift: d})
}

func (g *Game) blendKey(ix int, d float64) float64 {
	// RoadmapKey is about ten for a typical story, urgency at most one.
	return (1-d)*g.RoadmapKey(ix, g.s.POView)/10 + d*g.s.Stories[ix].Urgency
}

// colleagueAnswer settles a request that reached the colleague's hat.
func (g *Game) colleagueAnswer(req int) {
	s := &g.s
	rq := &s.Requests[req]
	st := &s.Stories[rq.Story]
	n := float64(len(s.Roadmap))
	view := s.Roadmap
	if rq.Hat == HatPO {
		view = s.POView
	}
	yes := view[st.Theme]*n >= 1 || (rq.Hat == HatPO && st.Urgency >= 0.6)
	c := Consequence{Sprint: s.Sprint, Day: s.Day, Kind: ConColleague, Subject: req, Stakeholder: rq.Stakeholder,
		Action: Decision{Kind: ActAnswer, Request: int32(req), Answer: AnswerDecline}}
	if yes {
		c.Action.Answer = AnswerAccept
		g.acceptRequest(req)
		c.Trust = g.trust(rq.Stakeholder, g.t.TrustAccept)
	} else {
		rq.Status = RequestDeclined
		st.Status = StoryDropped
		c.Trust = g.trust(rq.Stakeholder, -g.declineCost(req))
		c.Morale = g.teamNo(req)
	}
	g.log(c)
	if !yes {
		g.overHead(req)
	}
}

// RoadmapKey is how much ordering by the roadmap wants a story: its value per point, times the
// square of how much the given roadmap view weighs its theme against an even spread. Squaring
// makes the roadmap lead and value per point break ties within a priority, as a PO who orders by
// the roadmap does. A promised story comes first: a promise is kept before anything else.
func (g *Game) RoadmapKey(ix int, view []float64) float64 {
	st := &g.s.Stories[ix]
	w := view[st.Theme] * float64(len(view))
	k := w * w * st.Value / float64(st.Effort)
	if st.DueSprint > 0 {
		k += 1000
	}
	return k
}

// OrderByRoadmap appends to buf the backlog ordered by RoadmapKey under the given view.
func (g *Game) OrderByRoadmap(buf []int, view []float64) []int {
	start := len(buf)
	buf = append(buf, g.s.Backlog...)
	for _, ix := range g.s.Backlog {
		g.keys[ix] = g.RoadmapKey(ix, view)
	}
	g.sortByKey(buf[start:])
	return buf
}

// sortByKey orders stories by g.keys, highest first, keeping ties in their order. The keys are
// computed once per sort rather than once per comparison. It is an insertion sort: a backlog is
// a few dozen stories and mostly in order already (the last sort's), where insertion does one
// pass, and it is stable, as the ties need.
func (g *Game) sortByKey(stories []int) {
	keys := g.keys
	for i := 1; i < len(stories); i++ {
		x := stories[i]
		k := keys[x]
		j := i
		for j > 0 && keys[stories[j-1]] < k {
			stories[j] = stories[j-1]
			j--
		}
		stories[j] = x
	}
}

// rankByKey orders stories by g.keys, highest first, equal keys by story index. That is a total
// order, so the ranking does not depend on the order the stories came in (sortByKey keeps ties
// as they came, which a backlog's order needs). Like sortByKey it is an insertion sort: the
// rankings it gets are mostly in order already.
func (g *Game) rankByKey(stories []int) {
	keys := g.keys
	for i := 1; i < len(stories); i++ {
		x := stories[i]
		k := keys[x]
		j := i
		for j > 0 && (keys[stories[j-1]] < k || keys[stories[j-1]] == k && stories[j-1] > x) {
			stories[j] = stories[j-1]
			j--
		}
		stories[j] = x
	}
}

// OrderByUrgency appends to buf the backlog ordered by urgency alone, the loudest first, ties in
// backlog order. (Urgency is a number in 0..1, never NaN: the loader's rule.)
func (g *Game) OrderByUrgency(buf []int) []int {
	start := len(buf)
	buf = append(buf, g.s.Backlog...)
	for _, ix := range g.s.Backlog {
		g.keys[ix] = g.s.Stories[ix].Urgency
	}
	g.sortByKey(buf[start:])
	return buf
}

// PlanFromTop appends to buf the stories a plan would commit taking the backlog from the top.
func (g *Game) PlanFromTop(buf []int) []int { return g.PlanFrom(buf, g.s.Backlog) }

// PlanFrom appends to buf the stories a plan would commit taking them in the given order: each
// story that still fits under the forecast (and the team's capacity) goes in.
func (g *Game) PlanFrom(buf, order []int) []int {
	s := &g.s
	limit := g.Forecast()
	if c := float64(s.Team.Capacity); limit > c {
		limit = c
	}
	pts := 0.0
	for _, ix := range order {
		e := float64(s.Stories[ix].Effort)
		if pts+e > limit {
			continue
		}
		pts += e
		buf = append(buf, ix)
	}
	return buf
}
