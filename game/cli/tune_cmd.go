package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"twohats/game/sim"
	"twohats/game/tune"
)

// tuneReport is `twohats tune --json`: both searches, each with the roadmap bot on the same
// held-out seeds.
type tuneReport struct {
	Sensible      tune.Result `json:"sensible"`
	Unconstrained tune.Result `json:"unconstrained"`
}

func tuneCmd(args []string, w io.Writer) (int, error) {
	fs := newFlags("tune")
	scen := fs.String("scenario", "", "shipped scenario id or TOML file")
	roleName := fs.String("role", "", "pm, po or both")
	arm := fs.String("arm", "", "fix knobs to test a lesson: "+strings.Join(tune.Arms, ", "))
	budget := fs.Int("budget", tune.DefaultBudget, "training games per search")
	seed := fs.Uint64("seed", 1, "the search's own seed")
	heldOut := fs.Int("held-out", 200, "held-out seeds 1..N on which the result is reported")
	asJSON := fs.Bool("json", false, "both results as JSON")
	if err := parseFlags(fs, args); err != nil {
		return ExitUsage, err
	}
	if fs.NArg() > 0 {
		return ExitUsage, usagef("tune: unexpected argument %q", fs.Arg(0))
	}
	if *scen == "" || *roleName == "" {
		return ExitUsage, usagef("tune needs --scenario and --role")
	}
	role, err := sim.ParseRole(*roleName)
	if err != nil {
		return ExitUsage, usagef("tune: %v", err)
	}
	if *arm != "" {
		if _, err := tune.NewDomain(role, tune.Sensible, *arm); err != nil {
			return ExitUsage, usagef("tune: %v", err)
		}
	}
	if *budget < 100 || *budget > 100_000_000 {
		return ExitUsage, usagef("tune: --budget must be between 100 and 100000000, not %d", *budget)
	}
	if *heldOut < 2 || *heldOut > 100_000 {
		return ExitUsage, usagef("tune: --held-out must be between 2 and 100000, not %d", *heldOut)
	}
	loaded, err := loadScenario(*scen)
	if err != nil {
		return ExitFailed, err
	}
	sc := loaded.Sc
	cfg := tune.Config{Scenario: sc, Role: role, Arm: *arm, Budget: *budget, Seed: *seed, HeldOut: *heldOut}
	sens, unc, err := tune.Pair(cfg)
	if err != nil {
		return ExitFailed, err
	}
	if *asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return ExitOK, enc.Encode(tuneReport{sens, unc})
	}
	armName := *arm
	if armName == "" {
		armName = "none"
	}
	fmt.Fprintf(w, "%s, %s, arm %s: %d training games per search (seed %d), reported on held-out seeds 1..%d\n\n",
		sc.ID, role.Title(), armName, *budget, *seed, *heldOut)
	fmt.Fprintf(w, "%-14s %-12s %-12s %-12s %-12s %s\n", "", "score", "value", "alignment", "burnout", "candidates")
	row := func(name string, f tune.Figures, cands string) {
		fmt.Fprintf(w, "%-14s %-12s %-12s %-12s %-12s %s\n", name, f.Score, f.Value,
			fmt.Sprintf("%.3f±%.3f", f.Alignment.Mean, f.Alignment.SE), fmt.Sprintf("%.3f±%.3f", f.BurnoutPeak.Mean, f.BurnoutPeak.SE), cands)
	}
	row("sensible", sens.Best, fmt.Sprint(sens.Evaluated))
	row("unconstrained", unc.Best, fmt.Sprint(unc.Evaluated))
	row("roadmap bot", sens.Bot, "")
	d := tune.Diff(sens.Best.Games(), sens.Bot.Games(), func(g tune.Game) float64 { return g.Score })
	fmt.Fprintf(w, "\nsensible − bot: %+.2f ± %.2f (paired over the same seeds)\n", d.Mean, d.SE)
	d = tune.Diff(unc.Best.Games(), sens.Best.Games(), func(g tune.Game) float64 { return g.Score })
	fmt.Fprintf(w, "unconstrained − sensible: %+.2f ± %.2f\n\n", d.Mean, d.SE)
	fmt.Fprintf(w, "sensible:      %s\nunconstrained: %s\n", sens.Knobs, unc.Knobs)
	fmt.Fprintf(w, "(play either again with: twohats sim --scenario %s --role %s --policy 'knobs:...' --runs %d)\n", *scen, role, *heldOut)
	return ExitOK, nil
}
