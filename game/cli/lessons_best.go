package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"twohats/game/lessons"
	"twohats/game/scenario"
	"twohats/scenarios"
)

// bestLessons is `twohats lessons --best`: the lessons against tuned policies, on the shipped
// scenarios or on the files given.
func bestLessons(w io.Writer, files []string, budget, heldOut int, seed uint64, asJSON, verbose, table bool) (int, error) {
	if budget < 100 || budget > 10_000_000 {
		return ExitUsage, usagef("lessons: --budget must be between 100 and 10000000, not %d", budget)
	}
	if heldOut < 2 || heldOut > 100_000 {
		return ExitUsage, usagef("lessons: --held-out must be between 2 and 100000, not %d", heldOut)
	}
	ids := scenarios.IDs()
	load := scenarios.Load
	if len(files) > 0 {
		ids = files
		load = func(path string) (*scenario.Scenario, error) {
			s, err := loadScenario(path)
			return s.Sc, err
		}
	}
	r := lessons.NewBestRunner(load, ids, budget, heldOut)
	r.Seed = seed
	if !asJSON {
		fmt.Fprintf(w, "Lessons at best play: every arm tuned with %d training games (search seed %d), reported on held-out seeds 1..%d;\n"+
			"a comparison passes when the paired difference, less its margin, exceeds 3 standard errors.\n\n", budget, seed, heldOut)
		r.Progress = func(line string) {
			if verbose {
				fmt.Fprintln(os.Stderr, "tuned", line)
			}
		}
	}
	rep, err := r.CheckBest()
	if err != nil {
		return ExitFailed, err
	}
	code := ExitOK
	for _, l := range rep.Lessons {
		if !l.Pass && len(l.Comparisons) > 0 {
			code = ExitFailed
		}
	}
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return code, enc.Encode(rep)
	}
	for _, l := range rep.Lessons {
		passed := 0
		for _, c := range l.Comparisons {
			if c.Pass {
				passed++
			}
		}
		verdict := "PASS"
		switch {
		case len(l.Comparisons) == 0:
			verdict = "n/a"
		case !l.Pass:
			verdict = "FAIL"
		}
		fmt.Fprintf(w, "%d. %-4s %s (%d/%d comparisons)\n", l.Number, verdict, l.Title, passed, len(l.Comparisons))
		list := l.Comparisons
		if !verbose && len(list) > 0 {
			list = []lessons.Comparison{l.Weakest()}
			fmt.Fprint(w, "   weakest: ")
		}
		for _, c := range list {
			if verbose {
				fmt.Fprint(w, "   ")
			}
			z := "no spread"
			if c.SE > 0 {
				z = fmt.Sprintf("SE %.3f", c.SE)
			}
			fmt.Fprintf(w, "[%s] %s: %.3f vs %.3f, diff %+.3f, %s %s\n", c.Scenario, c.Claim, c.Left.Mean, c.Right.Mean, c.Diff, z, mark(c.Pass))
			if c.Why != "" {
				fmt.Fprintf(w, "      why: %s\n", c.Why)
			}
		}
	}
	if len(rep.NotApplied) > 0 {
		fmt.Fprintln(w, "\nNot applied:")
		for _, n := range rep.NotApplied {
			where := n.Scenario
			if where == "" {
				where = "(the set)"
			}
			fmt.Fprintf(w, "  lesson %d on %s: %s\n", n.Number, where, n.Why)
		}
	}
	fmt.Fprintf(w, "\n%d searches, %d games.\n", len(rep.Searches), rep.Games)
	if table {
		fmt.Fprintln(w)
		for _, line := range r.Table() {
			fmt.Fprintln(w, line)
		}
	}
	return code, nil
}
