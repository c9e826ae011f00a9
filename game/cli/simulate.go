package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"twohats/game/batch"
	"twohats/game/bot"
	"twohats/game/results"
	"twohats/game/sim"
)

func simulate(args []string, w io.Writer) (int, error) {
	fs := newFlags("sim")
	scen := fs.String("scenario", "", "shipped scenario id or TOML file")
	roleName := fs.String("role", "", "pm, po or both")
	policy := fs.String("policy", "", "bot policy: "+strings.Join(bot.Names, ", "))
	seed := fs.Uint64("seed", 1, "first seed")
	runs := fs.Int("runs", 1, "games to play, with seeds seed..seed+runs-1")
	asJSON := fs.Bool("json", false, "one JSON object per game per line")
	dir := fs.String("results-dir", "", "also write one results file per game here")
	if err := parseFlags(fs, args); err != nil {
		return ExitUsage, err
	}
	if fs.NArg() > 0 {
		return ExitUsage, usagef("sim: unexpected argument %q", fs.Arg(0))
	}
	if *scen == "" || *roleName == "" || *policy == "" {
		return ExitUsage, usagef("sim needs --scenario, --role and --policy")
	}
	role, err := sim.ParseRole(*roleName)
	if err != nil {
		return ExitUsage, usagef("sim: %v", err)
	}
	if _, err := bot.New(*policy, 0); err != nil {
		return ExitUsage, usagef("sim: %v", err)
	}
	if *runs < 1 || *runs > 1_000_000 {
		return ExitUsage, usagef("sim: --runs must be between 1 and 1000000, not %d", *runs)
	}
	sc, src, err := loadScenario(*scen)
	if err != nil {
		return ExitFailed, err
	}
	if *dir != "" {
		if err := os.MkdirAll(*dir, 0o755); err != nil {
			return ExitFailed, fmt.Errorf("results dir: %v", unwrapPath(err))
		}
	}
	jobs := make([]batch.Job, *runs)
	for i := range jobs {
		jobs[i] = batch.Job{Scenario: sc, Role: role, Policy: *policy, Seed: *seed + uint64(i)}
	}
	outs := batch.Run(jobs, 0, *dir != "" || *asJSON)
	for _, o := range outs {
		if o.Err != nil {
			return ExitFailed, o.Err
		}
	}
	if *dir != "" {
		for i, o := range outs {
			f := results.FromGame(o.Game, *policy)
			f.ScenarioSource = string(src)
			b, err := f.Marshal()
			if err != nil {
				return ExitFailed, err
			}
			name := fmt.Sprintf("%s-%s-%s-%d.json", sc.ID, role, *policy, jobs[i].Seed)
			if err := writeAtomic(filepath.Join(*dir, name), b); err != nil {
				return ExitFailed, err
			}
		}
	}
	if *asJSON {
		enc := json.NewEncoder(w)
		for _, o := range outs {
			// The summary, and how the game's promises went: kept and broken.
			oc := o.Game.Outcome()
			line := struct {
				results.Summary
				PromisesKept   int `json:"promises_kept"`
				PromisesBroken int `json:"promises_broken"`
			}{o.Summary, oc.PromisesKept, oc.PromisesBroken}
			if err := enc.Encode(line); err != nil {
				return ExitFailed, err
			}
		}
		return ExitOK, nil
	}
	summaries := make([]results.Summary, len(outs))
	for i, o := range outs {
		summaries[i] = o.Summary
	}
	fmt.Fprintf(w, "%s, %s, policy %s, %d game(s) from seed %d\n", sc.ID, role.Title(), *policy, *runs, *seed)
	if *runs == 1 {
		// The world chance dealt: the same for every role and policy on this seed (JSON: "world").
		fmt.Fprintf(w, "world %s\n", summaries[0].World)
	}
	fmt.Fprintln(w)
	writeTable(w, summaries)
	return ExitOK, nil
}

// metric is one column of the summary table.
type metric struct {
	name string
	get  func(results.Summary) float64
}

var metrics = []metric{
	{"score", func(s results.Summary) float64 { return s.Score }},
	{"value", func(s results.Summary) float64 { return s.Value }},
	{"alignment", func(s results.Summary) float64 { return s.Alignment }},
	{"strategy_fit", func(s results.Summary) float64 { return s.StrategyFit }},
	{"stakeholder_trust", func(s results.Summary) float64 { return s.StakeholderTrust }},
	{"team_health", func(s results.Summary) float64 { return s.TeamHealth }},
	{"burnout_peak", func(s results.Summary) float64 { return s.BurnoutPeak }},
	{"burned_out", func(s results.Summary) float64 {
		if s.BurnedOut {
			return 1
		}
		return 0
	}},
}

func writeTable(w io.Writer, ss []results.Summary) {
	fmt.Fprintf(w, "%-18s %10s %10s %10s\n", "", "mean", "p10", "p90")
	for _, m := range metrics {
		xs := make([]float64, len(ss))
		sum := 0.0
		for i, s := range ss {
			xs[i] = m.get(s)
			sum += xs[i]
		}
		sorted := sortedCopy(xs)
		fmt.Fprintf(w, "%-18s %10.3f %10.3f %10.3f\n", m.name, sum/float64(len(xs)), percentile(sorted, 0.1), percentile(sorted, 0.9))
	}
	grades := map[string]int{}
	for _, s := range ss {
		grades[s.Grade]++
	}
	fmt.Fprintf(w, "%-18s", "grades")
	for _, g := range []string{"A", "B", "C", "D", "F"} {
		fmt.Fprintf(w, " %s:%d", g, grades[g])
	}
	fmt.Fprintln(w)
}

func replay(args []string, w io.Writer) (int, error) {
	if len(args) != 1 {
		return ExitUsage, usagef("replay needs exactly one FILE")
	}
	b, err := os.ReadFile(args[0])
	if err != nil {
		return ExitFailed, fmt.Errorf("%s: %v", args[0], unwrapPath(err))
	}
	f, err := results.Parse(b)
	if err != nil {
		return ExitFailed, fmt.Errorf("%s: %v", args[0], err)
	}
	_, diff, err := results.Replay(f, LoadForReplay)
	if err != nil {
		return ExitFailed, fmt.Errorf("%s: %v", args[0], err)
	}
	if len(diff) > 0 {
		fmt.Fprintf(w, "%s: NOT reproduced (%s, %s, seed %d, %d decisions):\n", args[0], f.Scenario, f.Role, f.Seed, len(f.Actions))
		for _, d := range diff {
			fmt.Fprintf(w, "  %s\n", d)
		}
		return ExitFailed, nil
	}
	fmt.Fprintf(w, "%s: reproduced: %s, %s, seed %d, %d decisions, score %.1f (%s)\n", args[0], f.Scenario, f.Role, f.Seed, len(f.Actions), f.Score, f.Grade)
	return ExitOK, nil
}
