package sim

// Outcome is how a game went, every part in [0, 1] except Value and Score. docs/outcome-model.md
// gives the formulas.
type Outcome struct {
	Score            float64 `json:"score"` // 0..100
	Grade            string  `json:"grade"` // A..F
	Value            float64 `json:"value"` // value shipped, in the scenario's value points
	ValueShare       float64 `json:"value_share"`
	Alignment        float64 `json:"alignment"`
	StrategyFit      float64 `json:"strategy_fit"`
	StakeholderTrust float64 `json:"stakeholder_trust"`
	TeamHealth       float64 `json:"team_health"`
	BurnoutPeak      float64 `json:"burnout_peak"`
	BurnedOut        bool    `json:"burned_out"`
	SprintsPlayed    int     `json:"sprints_played"`
	PromisesKept     int     `json:"promises_kept"`   // promised stories shipped in time
	PromisesBroken   int     `json:"promises_broken"` // promises that fell due unshipped
}

// Outcome scores the game so far; at the end it is the final result.
func (g *Game) Outcome() Outcome {
	s, t := &g.s, g.t
	// A pair is scored on the seat that burned out most (the Partner is zero in a solo game).
	o := Outcome{Value: s.Value, BurnoutPeak: max(s.Player.BurnoutPeak, s.Partner.BurnoutPeak),
		BurnedOut:     s.Player.BurnedOut || s.Partner.BurnedOut,
		SprintsPlayed: len(s.History), PromisesKept: g.promisesKept, PromisesBroken: g.promisesBroken}
	// The yardstick is the perfect game played through the market as it really moved, sprint by
	// sprint; before the first sprint ends, the perfect game in today's market.
	if g.potSum > 0 {
		o.ValueShare = clamp01(s.Value / g.potSum)
	} else {
		o.ValueShare = clamp01(s.Value / g.potential)
	}
	if g.alignDen > 0 {
		o.Alignment = g.alignNum / g.alignDen
	}
	o.StakeholderTrust = g.meanTrust()
	if n := len(s.History); n > 0 {
		o.StrategyFit = g.fitSum / float64(n)
		o.TeamHealth = g.healthSum / float64(n)
	} else {
		o.StrategyFit = g.fit()
		o.TeamHealth = g.health()
	}
	positive := t.WeightValue + t.WeightAlignment + t.WeightFit + t.WeightTrust + t.WeightHealth
	score := t.WeightValue*o.ValueShare + t.WeightAlignment*o.Alignment + t.WeightFit*o.StrategyFit +
		t.WeightTrust*o.StakeholderTrust + t.WeightHealth*o.TeamHealth - t.WeightBurnout*o.BurnoutPeak
	if positive > 0 {
		score /= positive
	}
	o.Score = 100 * clamp01(score)
	o.Grade = Grade(o.Score)
	return o
}

// Grade turns a score into a letter.
func Grade(score float64) string {
	switch {
	case score >= 75:
		return "A"
	case score >= 65:
		return "B"
	case score >= 55:
		return "C"
	case score >= 45:
		return "D"
	}
	return "F"
}

// impact estimates the score points a consequence moved directly: what it did to the terms of
// the score, each at its weight. Value counts against the game's potential (a plan is credited
// with what it went on to ship); trust at the stakeholder's share of influence; insight and a
// better roadmap at the fit weight; a sync at the alignment weight for the drift it closed;
// stress at the burnout weight, because stress is what burnout is made of, and burnout (overtime's)
// at the burnout weight whole; research that made a roadmap correction is credited with the value
// the correction redirected, at the value weight.
func (g *Game) impact(c *Consequence) float64 {
	t := g.t
	positive := g.positive // the weights and the influences are the scenario's: summed once, in setup
	if positive <= 0 {
		return 0
	}
	x := t.WeightValue * (c.Value + c.Redirected) / g.potential
	share := 1.0
	if total := g.influence; c.Stakeholder >= 0 && total > 0 {
		share = g.sc.Stakeholders[c.Stakeholder].Influence / total
	}
	x += t.WeightTrust * c.Trust * share
	x += t.WeightFit * (c.Insight + c.Fit)
	x += t.WeightAlignment * c.Handoff
	x += t.WeightHealth * 0.5 * (c.Morale - c.Debt)
	x -= t.WeightBurnout * (c.Stress*0.5 + c.Burnout)
	// A plan's shipped work counts at its standing on the roadmap, against all the work the team
	// could do in the game.
	x += t.WeightAlignment * c.AlignWork / float64(g.sc.Team.Capacity*g.sc.Sprints)
	return 100 * x / positive
}
