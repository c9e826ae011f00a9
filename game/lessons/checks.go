package lessons

import (
	"fmt"
	"math"
	"twohats/game/results"

	"twohats/game/sim"
)

// Policies every role is measured with.
var policies = []string{"roadmap", "roadmap-nosync", "roadmap-noresearch", "urgency", "yes", "random", "idle"}

// spamKinds are the actions the balance check repeats, one policy each.
var spamKinds = []sim.ActionKind{
	sim.ActResearch, sim.ActInterview, sim.ActRoadmap, sim.ActExecutive, sim.ActKPI, sim.ActSync,
	sim.ActRefine, sim.ActOrder, sim.ActPlan, sim.ActAnswer, sim.ActReview, sim.ActRest, sim.ActPull,
}

// The scenarios the lessons name.
const (
	startup    = "startup"
	enterprise = "enterprise"
	pivot      = "pivot"
	burnout    = "burnout"
)

// Check plays every arm the lessons need and returns one row per lesson, with the balance check
// last (number 8).
func (r *Runner) Check() ([]Lesson, error) {
	var arms []Arm
	for _, id := range r.Scenarios {
		for _, role := range sim.Roles {
			for _, p := range policies {
				arms = append(arms, Arm{id, role, p})
			}
			for _, k := range spamKinds {
				if k.Hat() == sim.HatNone || role.Wears(k.Hat()) {
					arms = append(arms, Arm{id, role, "spam-" + k.String()})
				}
			}
		}
	}
	if err := r.Prepare(arms); err != nil {
		return nil, err
	}
	pair := []string{startup, enterprise}
	arm := func(scen string, role sim.Role, p string) Arm { return Arm{scen, role, p} }
	var out []Lesson

	l := Lesson{Number: 1, Title: "both hats align better than two people who never sync"}
	for _, s := range pair {
		both := r.Stat(arm(s, sim.RoleBoth, "roadmap"), Alignment)
		for _, role := range []sim.Role{sim.RolePM, sim.RolePO} {
			l.Comparisons = append(l.Comparisons, greater(s, "alignment both/roadmap > "+role.String()+"/roadmap-nosync",
				both, r.Stat(arm(s, role, "roadmap-nosync"), Alignment)))
		}
	}
	out = append(out, l)

	l = Lesson{Number: 2, Title: "both hats burn out faster than one"}
	for _, s := range pair {
		both := r.Stat(arm(s, sim.RoleBoth, "roadmap"), BurnoutPeak)
		for _, role := range []sim.Role{sim.RolePM, sim.RolePO} {
			l.Comparisons = append(l.Comparisons, greater(s, "burnout_peak both/roadmap > "+role.String()+"/roadmap",
				both, r.Stat(arm(s, role, "roadmap"), BurnoutPeak)))
		}
	}
	bothOut := r.Stat(arm(burnout, sim.RoleBoth, "roadmap"), BurnedOut)
	pmOut := r.Stat(arm(burnout, sim.RolePM, "roadmap"), BurnedOut)
	l.Comparisons = append(l.Comparisons,
		Comparison{Scenario: burnout, Claim: "burned out both/roadmap ≥ 30% of seeds", Left: bothOut,
			Right: Stat{Mean: 0.3}, Diff: bothOut.Mean - 0.3, SE: bothOut.SE, Pass: bothOut.Mean >= 0.3},
		Comparison{Scenario: burnout, Claim: "burned out pm/roadmap < 10% of seeds", Left: Stat{Mean: 0.1},
			Right: pmOut, Diff: 0.1 - pmOut.Mean, SE: pmOut.SE, Pass: pmOut.Mean < 0.1})
	out = append(out, l)

	l = Lesson{Number: 3, Title: "two people who sync recover at least half the alignment"}
	for _, s := range pair {
		both := r.Stat(arm(s, sim.RoleBoth, "roadmap"), Alignment)
		for _, role := range []sim.Role{sim.RolePM, sim.RolePO} {
			synced := r.Stat(arm(s, role, "roadmap"), Alignment)
			apart := r.Stat(arm(s, role, "roadmap-nosync"), Alignment)
			// Recovering half the gap means synced − (apart + both)/2 > 0.
			mid := Stat{Mean: (apart.Mean + both.Mean) / 2, SE: math.Sqrt(apart.SE*apart.SE+both.SE*both.SE) / 2}
			l.Comparisons = append(l.Comparisons, greater(s,
				fmt.Sprintf("alignment %s/roadmap > half-way from %s/roadmap-nosync to both/roadmap", role, role), synced, mid))
		}
	}
	out = append(out, l)

	l = Lesson{Number: 4, Title: "ordering by urgency delivers less value than ordering by the roadmap"}
	for _, s := range pair {
		for _, role := range sim.Roles {
			l.Comparisons = append(l.Comparisons, greater(s, "value "+role.String()+"/roadmap > "+role.String()+"/urgency",
				r.Stat(arm(s, role, "roadmap"), Value), r.Stat(arm(s, role, "urgency"), Value)))
		}
	}
	out = append(out, l)

	l = Lesson{Number: 5, Title: "saying yes to every request is worse than choosing"}
	for _, s := range pair {
		for _, role := range sim.Roles {
			l.Comparisons = append(l.Comparisons, greater(s, "score "+role.String()+"/roadmap > "+role.String()+"/yes",
				r.Stat(arm(s, role, "roadmap"), Score), r.Stat(arm(s, role, "yes"), Score)))
		}
	}
	out = append(out, l)

	l = Lesson{Number: 6, Title: "market research pays off most when the market moves"}
	gain := func(s string) Stat {
		a, b := r.Stat(arm(s, sim.RoleBoth, "roadmap"), Score), r.Stat(arm(s, sim.RoleBoth, "roadmap-noresearch"), Score)
		return Stat{Mean: a.Mean - b.Mean, SE: math.Sqrt(a.SE*a.SE + b.SE*b.SE)}
	}
	l.Comparisons = append(l.Comparisons, greater(pivot+" vs "+startup,
		"score gain of both/roadmap over both/roadmap-noresearch: pivot > startup", gain(pivot), gain(startup)))
	out = append(out, l)

	l = Lesson{Number: 7, Title: "no degenerate play wins: idle and random rank last"}
	for _, s := range r.Scenarios {
		for _, role := range sim.Roles {
			for _, low := range []string{"idle", "random"} {
				for _, p := range policies[:5] {
					l.Comparisons = append(l.Comparisons, greater(s, fmt.Sprintf("score %s/%s > %s/%s", role, p, role, low),
						r.Stat(arm(s, role, p), Score), r.Stat(arm(s, role, low), Score)))
				}
			}
		}
	}
	out = append(out, l)

	l = Lesson{Number: 8, Title: "balance: no single action repeated beats the roadmap policy"}
	for _, s := range r.Scenarios {
		for _, role := range sim.Roles {
			best := r.Stat(arm(s, role, "roadmap"), Score)
			for _, k := range spamKinds {
				if k.Hat() != sim.HatNone && !role.Wears(k.Hat()) {
					continue
				}
				p := "spam-" + k.String()
				l.Comparisons = append(l.Comparisons, greater(s, fmt.Sprintf("score %s/roadmap > %s/%s", role, role, p),
					best, r.Stat(arm(s, role, p), Score)))
			}
		}
	}
	out = append(out, l)

	for i := range out {
		out[i].Pass = true
		for _, c := range out[i].Comparisons {
			out[i].Pass = out[i].Pass && c.Pass
		}
	}
	return out, nil
}

// Table returns every arm's mean score, value, alignment and burnout, for calibration.
func (r *Runner) Table() []string {
	var lines []string
	for _, a := range sortedArms(r.cache) {
		lines = append(lines, fmt.Sprintf("%-10s %-5s %-20s score %6.2f value %7.1f align %.3f fit %.3f trust %.3f health %.3f burnout %.3f out %.2f",
			a.Scenario, a.Role, a.Policy, r.Stat(a, Score).Mean, r.Stat(a, Value).Mean, r.Stat(a, Alignment).Mean,
			r.Stat(a, func(s results.Summary) float64 { return s.StrategyFit }).Mean,
			r.Stat(a, func(s results.Summary) float64 { return s.StakeholderTrust }).Mean,
			r.Stat(a, func(s results.Summary) float64 { return s.TeamHealth }).Mean, r.Stat(a, BurnoutPeak).Mean, r.Stat(a, BurnedOut).Mean))
	}
	return lines
}
