package lessons

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"twohats/game/scenario"
	"twohats/game/sim"
)

// synthetic makes a plausible scenario nobody wrote: random themes, needs, stories and requests,
// with the one property every real product has, that the backlog holds more than the team can
// build. The lessons must hold on it too, or they were tuned to the shipped files.
func synthetic(seed uint64) *scenario.Scenario {
	r := rand.New(rand.NewPCG(seed, 77))
	nThemes := 3 + r.IntN(3)
	sc := &scenario.Scenario{
		ID: fmt.Sprintf("synthetic-%d", seed), Title: "Synthetic", Roles: []string{"pm", "po", "both"},
		Sprints: 6, HoursPerSprint: 40, DaysPerSprint: 10,
		Market: scenario.Market{Volatility: 0.03, Noise: 0.15},
		Team:   scenario.Team{Capacity: 15 + r.IntN(15), Morale: 0.7, Debt: 0.15},
		Tuning: scenario.DefaultTuning(),
	}
	for i := 0; i < nThemes; i++ {
		need := 0.1 + r.Float64()
		sc.Themes = append(sc.Themes, scenario.Theme{ID: fmt.Sprintf("t%d", i), Name: fmt.Sprintf("Theme %d", i),
			Letter: string(rune('A' + i)), Need: need, Estimate: need * (0.7 + 0.6*r.Float64()), Roadmap: 0.2 + r.Float64()})
	}
	kinds := []string{scenario.KindExecutive, scenario.KindCustomer, scenario.KindSales, scenario.KindMarketing,
		scenario.KindTeam, scenario.KindScrumMaster}
	for i, k := range kinds {
		sc.Stakeholders = append(sc.Stakeholders, scenario.Stakeholder{ID: fmt.Sprintf("h%d", i), Name: k, Kind: k,
			Satisfaction: 0.6, Trust: 0.6, Influence: 1})
	}
	story := func(id string, inBacklog bool) scenario.Story {
		effort := 1 + r.IntN(8)
		return scenario.Story{ID: id, Title: id, Theme: fmt.Sprintf("t%d", r.IntN(nThemes)),
			Value: min(100, float64(effort)*(1+6*r.Float64())), Effort: effort, Uncertainty: 0.2,
			Clarity: 0.3, Urgency: r.Float64(), InBacklog: inBacklog}
	}
	for pts := 0; pts < 17*sc.Team.Capacity/10*sc.Sprints; {
		st := story(fmt.Sprintf("s%d", len(sc.Stories)), true)
		pts += st.Effort
		sc.Stories = append(sc.Stories, st)
	}
	for i := 0; i < 18; i++ {
		st := story(fmt.Sprintf("r%d", i), false)
		sc.Stories = append(sc.Stories, st)
		rq := scenario.Request{ID: st.ID, Stakeholder: fmt.Sprintf("h%d", i%len(kinds)), Story: st.ID, Text: "please"}
		if i%2 == 0 {
			rq.Sprint, rq.Day = 1+r.IntN(sc.Sprints), 1+r.IntN(10)
		} else {
			rq.Chance = 0.3
		}
		sc.Requests = append(sc.Requests, rq)
	}
	return sc
}

// TestLessonsOnUnseenScenarios checks, on generated scenarios, the lessons the issue asks of
// startup and enterprise and that no degenerate play wins: the mechanics, not the shipped files,
// must carry them.
func TestLessonsOnUnseenScenarios(t *testing.T) {
	if testing.Short() {
		t.Skip("plays a few thousand games")
	}
	made := map[string]*scenario.Scenario{}
	var ids []string
	for seed := uint64(1); seed <= 3; seed++ {
		sc := synthetic(seed)
		made[sc.ID] = sc
		ids = append(ids, sc.ID)
	}
	r := NewRunner(func(id string) (*scenario.Scenario, error) { return made[id], nil }, ids, 200)
	var arms []Arm
	for _, id := range ids {
		for _, role := range sim.Roles {
			for _, p := range policies {
				arms = append(arms, Arm{id, role, p})
			}
		}
	}
	if err := r.Prepare(arms); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		var cs []Comparison
		both := Arm{id, sim.RoleBoth, "roadmap"}
		for _, role := range []sim.Role{sim.RolePM, sim.RolePO} {
			cs = append(cs,
				greater(id, "lesson 1: alignment both/roadmap > "+role.String()+"/roadmap-nosync",
					r.Stat(both, Alignment), r.Stat(Arm{id, role, "roadmap-nosync"}, Alignment)),
				greater(id, "lesson 2: burnout both/roadmap > "+role.String()+"/roadmap",
					r.Stat(both, BurnoutPeak), r.Stat(Arm{id, role, "roadmap"}, BurnoutPeak)),
				greater(id, "lesson 3: alignment "+role.String()+"/roadmap > "+role.String()+"/roadmap-nosync",
					r.Stat(Arm{id, role, "roadmap"}, Alignment), r.Stat(Arm{id, role, "roadmap-nosync"}, Alignment)))
		}
		for _, role := range sim.Roles {
			for _, low := range []string{"idle", "random"} {
				cs = append(cs, greater(id, "lesson 7: score "+role.String()+"/roadmap > "+low,
					r.Stat(Arm{id, role, "roadmap"}, Score), r.Stat(Arm{id, role, low}, Score)))
			}
		}
		for _, c := range cs {
			if !c.Pass {
				t.Errorf("[%s] %s: %.3f±%.3f vs %.3f±%.3f", id, c.Claim, c.Left.Mean, c.Left.SE, c.Right.Mean, c.Right.SE)
			}
		}
	}
	// Urgency against the roadmap and yes against choosing depend on how a scenario's asks are
	// spread, so they are judged over the generated scenarios together: the mean of the
	// per-scenario means.
	pooled := func(role sim.Role, p string, m Metric) Stat {
		var out Stat
		for _, id := range ids {
			st := r.Stat(Arm{id, role, p}, m)
			out.Mean += st.Mean / float64(len(ids))
			out.SE += st.SE * st.SE / float64(len(ids)*len(ids))
		}
		out.SE = math.Sqrt(out.SE)
		return out
	}
	for _, role := range sim.Roles {
		for _, c := range []Comparison{
			greater("generated", "lesson 4: value "+role.String()+"/roadmap > urgency", pooled(role, "roadmap", Value), pooled(role, "urgency", Value)),
			greater("generated", "lesson 5: score "+role.String()+"/roadmap > yes", pooled(role, "roadmap", Score), pooled(role, "yes", Score)),
		} {
			if !c.Pass {
				t.Errorf("[%s] %s: %.3f±%.3f vs %.3f±%.3f", c.Scenario, c.Claim, c.Left.Mean, c.Left.SE, c.Right.Mean, c.Right.SE)
			}
		}
	}
}
