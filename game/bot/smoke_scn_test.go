package bot

import (
	"fmt"

	"twohats/game/scenario"
)

// testScenario is a small scenario built in code, so the engine's tests do not depend on the
// loader or the shipped files.
func smokeScenario() *scenario.Scenario {
	sc := &scenario.Scenario{
		ID: "test", Title: "Test", Roles: []string{"pm", "po", "both"},
		Sprints: 4, HoursPerSprint: 40, DaysPerSprint: 5,
		Market: scenario.Market{Volatility: 0.03, Noise: 0.2},
		Themes: []scenario.Theme{
			{ID: "a", Name: "Alpha", Letter: "A", Need: 0.5, Estimate: 0.4, Roadmap: 0.3},
			{ID: "b", Name: "Beta", Letter: "B", Need: 0.3, Estimate: 0.3, Roadmap: 0.3},
			{ID: "c", Name: "Gamma", Letter: "G", Need: 0.2, Estimate: 0.3, Roadmap: 0.4},
		},
		Team: scenario.Team{Capacity: 12, Morale: 0.7, Debt: 0.1},
		Stakeholders: []scenario.Stakeholder{
			{ID: "ceo", Name: "CEO", Kind: scenario.KindExecutive, Satisfaction: 0.6, Trust: 0.6, Influence: 2},
			{ID: "cust", Name: "Customers", Kind: scenario.KindCustomer, Satisfaction: 0.6, Trust: 0.6, Influence: 1},
			{ID: "sales", Name: "Sales", Kind: scenario.KindSales, Satisfaction: 0.6, Trust: 0.6, Influence: 1},
			{ID: "team", Name: "The team", Kind: scenario.KindTeam, Satisfaction: 0.6, Trust: 0.6, Influence: 1},
		},
		Tuning: scenario.DefaultTuning(),
	}
	themes := []string{"a", "b", "c"}
	for i := 0; i < 12; i++ {
		sc.Stories = append(sc.Stories, scenario.Story{
			ID: fmt.Sprintf("s%d", i), Title: fmt.Sprintf("Story %d", i), Theme: themes[i%3],
			Value: float64(5 + 3*(i%4)), Effort: 1 + i%5, Uncertainty: 0.2, Clarity: 0.3,
			Urgency: float64((i*7)%10) / 10, InBacklog: i < 9,
		})
	}
	sc.Requests = []scenario.Request{
		{ID: "r1", Stakeholder: "sales", Story: "s9", Text: "Please", Sprint: 1, Day: 2},
		{ID: "r2", Stakeholder: "team", Story: "s10", Text: "Please", Chance: 0.5},
	}
	sc.Events = []scenario.Event{
		{ID: "e1", Title: "Outage", Text: "Down", Sprint: 2, Day: 3, Choices: []scenario.Choice{
			{Label: "Fix now", Hours: 4, Effects: []scenario.Effect{{Meter: "team.morale", Delta: -0.1}}},
			{Label: "Shift", Effects: []scenario.Effect{{Market: "c", Delta: 0.3}, {AddStory: "s11"}}},
		}},
		{ID: "e2", Title: "Tired", Text: "Stress", When: &scenario.Condition{Meter: "player.stress", Op: ">", Value: 0.5},
			Choices: []scenario.Choice{{Label: "OK", Effects: []scenario.Effect{{Meter: "stakeholder.ceo.trust", Delta: -0.05}}}}},
	}
	return sc
}
