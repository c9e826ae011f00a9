package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"twohats/game/batch"
	"twohats/game/bot"
	"twohats/game/disk"
	"twohats/game/results"
	"twohats/game/sim"
)

func simulate(args []string, w io.Writer) (int, error) {
	fs := newFlags("sim")
	scen := fs.String("scenario", "", "shipped scenario id or TOML file")
	roleName := fs.String("role", "", "pm, po, both or pair (two bot seats)")
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
	if *seed > math.MaxUint64-uint64(*runs-1) {
		return ExitUsage, usagef("sim: seeds %d..%d+%d would pass 2^64-1", *seed, *seed, *runs-1)
	}
	sc, err := loadScenario(*scen)
	if err != nil {
		return ExitFailed, err
	}
	if *dir != "" {
		if err := os.MkdirAll(*dir, 0o755); err != nil {
			return ExitFailed, fmt.Errorf("results dir: %v", unwrapPath(err))
		}
	}
	var enc *json.Encoder
	if *asJSON {
		enc = json.NewEncoder(w)
	}
	var summaries []results.Summary
	err = playChunks(*runs, func(i int) batch.Job {
		return batch.Job{Scenario: sc.Sc, Role: role, Policy: *policy, Seed: *seed + uint64(i)}
	}, func(j batch.Job, g *sim.Game) error {
		if *dir == "" {
			return nil
		}
		f := results.FromGame(g, *policy)
		f.Carry(sc)
		b, err := f.Marshal()
		if err != nil {
			return err
		}
		name := fmt.Sprintf("%s-%s-%s-%d.json", sc.ID, role, policyFileName(*policy), j.Seed)
		return disk.WriteFile(filepath.Join(*dir, name), b)
	}, func(l simLine) error {
		if enc != nil {
			return enc.Encode(l)
		}
		summaries = append(summaries, l.Summary)
		return nil
	})
	if err != nil {
		return ExitFailed, err
	}
	if *asJSON {
		return ExitOK, nil
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

// chunkGames is how many games are in memory at once: each is written (done) as soon as it ends
// and dropped; only its summary line is kept.
const chunkGames = 256

// simLine is one game as `sim --json` prints it: the summary, and how the game's promises went
// (kept and broken).
type simLine struct {
	results.Summary
	PromisesKept   int `json:"promises_kept"`
	PromisesBroken int `json:"promises_broken"`
}

// playChunks plays runs games on all cores, chunkGames at a time. done sees every finished game
// on the worker that played it (it writes the results file, so the file exists as soon as the
// game ends); summary sees the games' lines in the games' order.
func playChunks(runs int, job func(i int) batch.Job, done func(batch.Job, *sim.Game) error, summary func(simLine) error) error {
	workers := max(1, runtime.GOMAXPROCS(0))
	out := make([]simLine, chunkGames)
	errs := make([]error, chunkGames)
	for start := 0; start < runs; start += chunkGames {
		n := min(chunkGames, runs-start)
		next := make(chan int)
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := range next {
					j := job(start + k)
					g, err := batch.Play(j)
					if err == nil {
						err = done(j, g)
					}
					if err == nil {
						oc := g.Outcome()
						out[k] = simLine{results.Summarise(g, j.Policy), oc.PromisesKept, oc.PromisesBroken}
					}
					errs[k] = err
				}
			}()
		}
		for k := 0; k < n; k++ {
			next <- k
		}
		close(next)
		wg.Wait()
		for k := 0; k < n; k++ {
			if errs[k] != nil {
				return errs[k]
			}
			if err := summary(out[k]); err != nil {
				return err
			}
		}
	}
	return nil
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
	f, err := readResults(args[0])
	if err != nil {
		return ExitFailed, err
	}
	g, diff, err := results.ReplayFile(context.Background(), f)
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
	unfinished := ""
	if !g.Over() {
		unfinished = fmt.Sprintf(" (unfinished: stopped in sprint %d of %d)", g.State().Sprint, g.Scenario().Sprints)
	}
	fmt.Fprintf(w, "%s: reproduced: %s, %s, seed %d, %d decisions, score %.1f (%s)%s\n", args[0], f.Scenario, f.Role, f.Seed, len(f.Actions), f.Score, f.Grade, unfinished)
	return ExitOK, nil
}

// policyFileName is the policy's part of a results file's name. A bot or catalogue name is
// already a safe word; a knob setting is not (it holds "/" in "research=1/3", and written out in
// full it runs past 250 characters, the longest name most file systems take), so it becomes
// "knobs-" and a hash of the setting, read and written back so that one setting spelt two ways
// names the same files. The file itself records the policy in full.
func policyFileName(policy string) string {
	if k, err := bot.ParseKnobs(policy); err == nil {
		h := fnv.New64a()
		h.Write([]byte(k.String()))
		return fmt.Sprintf("knobs-%016x", h.Sum64())
	}
	return policy
}
