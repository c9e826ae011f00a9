package cli

import (
	"encoding/json"
	"fmt"
	"io"

	"twohats/game/lessons"
	"twohats/scenarios"
)

func lessonsCmd(args []string, w io.Writer) (int, error) {
	fs := newFlags("lessons")
	runs := fs.Int("runs", 300, "seeds per arm")
	seed := fs.Uint64("seed", 1, "first seed")
	asJSON := fs.Bool("json", false, "every comparison as JSON")
	verbose := fs.Bool("v", false, "list every comparison, not only the weakest of each lesson")
	arms := fs.Bool("arms", false, "also print every arm's means (for calibrating the model)")
	best := fs.Bool("best", false, "the lessons at best play: tune every arm and compare the tuned policies")
	budget := fs.Int("budget", lessons.BestBudget, "with --best: training games per search")
	heldOut := fs.Int("held-out", lessons.BestHeldOut, "with --best: held-out seeds per policy")
	scen := fs.String("scenario", "", "with --best (implied): your own scenario files (or ids) instead of the shipped ones; more may follow as arguments")
	if err := parseFlags(fs, args); err != nil {
		return ExitUsage, err
	}
	if *best || *scen != "" {
		files := fs.Args()
		if *scen != "" {
			files = append([]string{*scen}, files...)
		} else if len(files) > 0 {
			return ExitUsage, usagef("lessons: unexpected argument %q (files follow --scenario)", files[0])
		}
		return bestLessons(w, files, *budget, *heldOut, *seed, *asJSON, *verbose, *arms)
	}
	if fs.NArg() > 0 {
		return ExitUsage, usagef("lessons: unexpected argument %q", fs.Arg(0))
	}
	if *runs < 2 || *runs > 100000 {
		return ExitUsage, usagef("lessons: --runs must be between 2 and 100000, not %d", *runs)
	}
	r := lessons.NewRunner(scenarios.Load, scenarios.IDs(), *runs)
	r.FirstSeed = *seed
	report, err := r.Check()
	if err != nil {
		return ExitFailed, err
	}
	code := ExitOK
	for _, l := range report {
		if !l.Pass {
			code = ExitFailed
		}
	}
	if *asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return code, enc.Encode(report)
	}
	fmt.Fprintf(w, "Lessons over %d seeds per arm (from seed %d); a comparison passes when the difference exceeds 3 standard errors.\n\n", *runs, *seed)
	for _, l := range report {
		verdict := "PASS"
		if !l.Pass {
			verdict = "FAIL"
		}
		passed := 0
		for _, c := range l.Comparisons {
			if c.Pass {
				passed++
			}
		}
		fmt.Fprintf(w, "%d. %-4s %s (%d/%d comparisons)\n", l.Number, verdict, l.Title, passed, len(l.Comparisons))
		list := l.Comparisons
		if !*verbose {
			list = []lessons.Comparison{l.Weakest()}
			fmt.Fprint(w, "   weakest: ")
		}
		for _, c := range list {
			if *verbose {
				fmt.Fprint(w, "   ")
			}
			z := "no spread"
			if c.SE > 0 {
				z = fmt.Sprintf("%.1f SE", c.Diff/c.SE)
			}
			fmt.Fprintf(w, "[%s] %s: %.3f±%.3f vs %.3f±%.3f, diff %+.3f = %s %s\n", c.Scenario, c.Claim,
				c.Left.Mean, c.Left.SE, c.Right.Mean, c.Right.SE, c.Diff, z, mark(c.Pass))
		}
	}
	if *arms {
		fmt.Fprintln(w)
		for _, line := range r.Table() {
			fmt.Fprintln(w, line)
		}
	}
	return code, nil
}

func mark(pass bool) string {
	if pass {
		return "ok"
	}
	return "FAIL"
}
