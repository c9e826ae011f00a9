// Package cli is the headless side of the twohats command: listing and checking scenarios,
// batch simulation, replays and the lessons report. It never links Ebitengine, so it runs on a
// machine with no display, and it is where files are read and written for the pure engine.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"twohats/game/disk"
	"twohats/game/results"
	"twohats/game/scenario"
	"twohats/game/workshop"
	"twohats/scenarios"
)

// Exit codes.
const (
	ExitOK     = 0 // done
	ExitFailed = 1 // the command ran and found a problem (an invalid file, a replay that differs)
	ExitUsage  = 2 // the command was called wrongly
)

// Commands lists the subcommands, for the help text.
var Commands = []struct{ Name, Usage, Help string }{
	{"scenarios", "twohats scenarios", "list the shipped scenarios"},
	{"check", "twohats check FILE...", "validate scenario files; every problem as FILE:LINE:COL: message"},
	{"sim", "twohats sim --scenario ID|FILE --role pm|po|both --policy NAME --seed N [--runs K] [--json] [--results-dir DIR]", "play games with a bot policy"},
	{"replay", "twohats replay FILE", "re-run a results or replay file and check the result"},
	{"lessons", "twohats lessons [--runs K] [--seed N] [--json] [-v] [--arms] [--best [--budget N] [--held-out N]] [--scenario FILE...]", "check that the lessons emerge over many seeds; --best against tuned best play; --scenario on your own files"},
	{"tune", "twohats tune --scenario ID|FILE --role pm|po|both [--arm NAME] [--budget N] [--seed N] [--held-out N] [--json]", "search the knob policy for the best play (sensible and unconstrained), reported on held-out seeds beside the roadmap bot"},
	{"serve", "twohats serve --scenario ID|FILE --seed N [--roles pm,po,both] [--pairs] --results DIR [--web DIR] [--addr 127.0.0.1:8080] [--allow-origin URL]", "run a workshop room: one scenario and seed, the browser build, honest results only, the room page at /room; --pairs referees pair games too"},
	{"join", "twohats join URL --name NAME [--code CODE] [--hat pm|po] --autoplay POLICY [--token TOKEN]", "take a seat of a pair game in a room started with serve --pairs and play it with a bot policy"},
	{"debrief", "twohats debrief FILE|DIR... [--csv FILE] [--png FILE] [--scenario ID]", "compare the roles over a room's results files: a table, a CSV, charts"},
	{"report", "twohats report FILE|ID [--runs K] [--seed N] [--policies A,B] [--json]", "how a scenario plays for each role and policy: scores, events, requests, stories never shipped"},
	{"new", "twohats new ID [--out FILE] [--force]", "write a small, valid, commented scenario to start from"},
}

// IsCommand reports whether name is a headless subcommand.
func IsCommand(name string) bool {
	if name == "help" || name == "-h" || name == "--help" {
		return true
	}
	for _, c := range Commands {
		if c.Name == name {
			return true
		}
	}
	return false
}

// Run runs a subcommand: args[0] is its name. It returns the exit code.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return usage(stderr, "no command given")
	}
	var err error
	code := ExitOK
	switch args[0] {
	case "help", "-h", "--help":
		help(stdout)
		return ExitOK
	case "scenarios":
		code, err = listScenarios(args[1:], stdout)
	case "check":
		code, err = check(args[1:], stdout)
	case "sim":
		code, err = simulate(args[1:], stdout)
	case "replay":
		code, err = replay(args[1:], stdout)
	case "lessons":
		code, err = lessonsCmd(args[1:], stdout)
	case "tune":
		code, err = tuneCmd(args[1:], stdout)
	case "serve":
		code, err = serveCmd(args[1:], stdout)
	case "join":
		code, err = joinCmd(args[1:], stdout)
	case "debrief":
		code, err = debriefCmd(args[1:], stdout)
	case "report":
		code, err = reportCmd(args[1:], stdout)
	case "new":
		code, err = newCmd(args[1:], stdout)
	default:
		return usage(stderr, fmt.Sprintf("unknown command %q", args[0]))
	}
	if err != nil {
		var u usageError
		if errors.As(err, &u) {
			return usage(stderr, u.msg)
		}
		fmt.Fprintf(stderr, "twohats %s: %v\n", args[0], err)
		if code == ExitOK {
			code = ExitFailed
		}
	}
	return code
}

// usageError is a mistake in how a command was called: exit 2.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func usage(w io.Writer, msg string) int {
	fmt.Fprintf(w, "twohats: %s (run \"twohats help\" for the commands)\n", msg)
	return ExitUsage
}

func help(w io.Writer) {
	fmt.Fprintln(w, "Two Hats: a Scrum simulation game. With no command, the game opens.")
	fmt.Fprintln(w)
	for _, c := range Commands {
		fmt.Fprintf(w, "  %s\n      %s\n", c.Usage, c.Help)
	}
}

// newFlags makes a flag set that reports a mistake as one line instead of printing every flag.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return usagef("%s takes: %s", fs.Name(), flagList(fs))
		}
		return usagef("%s: %v", fs.Name(), err)
	}
	return nil
}

func flagList(fs *flag.FlagSet) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, "--"+f.Name) })
	return strings.Join(names, " ")
}

func listScenarios(args []string, w io.Writer) (int, error) {
	if len(args) > 0 {
		return ExitUsage, usagef("scenarios takes no arguments")
	}
	for _, id := range scenarios.IDs() {
		sc, err := scenarios.Load(id)
		if err != nil {
			return ExitFailed, err
		}
		fmt.Fprintf(w, "%-11s %-40s %d sprints\n", sc.ID, sc.Title, sc.Sprints)
	}
	return ExitOK, nil
}

func check(args []string, w io.Writer) (int, error) {
	if len(args) == 0 {
		return ExitUsage, usagef("check needs at least one FILE")
	}
	code := ExitOK
	for _, path := range args {
		src, err := disk.ReadFile(path, results.MaxSourceBytes)
		if err != nil {
			fmt.Fprintf(w, "%s: %v\n", path, unwrapPath(err))
			code = ExitFailed
			continue
		}
		if _, err := scenario.Parse(path, src); err != nil {
			// One problem a line, each quoted safe for a terminal (a key may hold escape
			// sequences), at most maxProblemLines of them.
			lines := strings.Split(err.Error(), "\n")
			for i, l := range lines {
				if i == maxProblemLines {
					fmt.Fprintf(w, "%s: and %d more problem(s)\n", path, len(lines)-i)
					break
				}
				fmt.Fprintln(w, workshop.OneLine(l))
			}
			code = ExitFailed
			continue
		}
		fmt.Fprintf(w, "%s: ok\n", path)
	}
	return code, nil
}

// maxProblemLines is how many problems check prints for one file.
const maxProblemLines = 50

// unwrapPath drops the path os errors repeat, since the caller prints it first.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// loadScenario is the command line's side of the one resolver (results.Resolve): a shipped id,
// or a TOML file, read as a regular file of at most results.MaxSourceBytes.
func loadScenario(idOrPath string) (results.Scenario, error) {
	if _, ok := scenarios.Source(idOrPath); ok {
		return results.Resolve(idOrPath, "", nil)
	}
	src, err := disk.ReadFile(idOrPath, results.MaxSourceBytes)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && !strings.ContainsAny(idOrPath, "./\\") {
			return results.Scenario{}, usagef("no shipped scenario %q (shipped: %s) and no such file", idOrPath, strings.Join(scenarios.IDs(), ", "))
		}
		return results.Scenario{}, fmt.Errorf("scenario %s: %v", idOrPath, unwrapPath(err))
	}
	if len(src) == 0 {
		return results.Scenario{}, fmt.Errorf("scenario %s: the file is empty", idOrPath)
	}
	return results.Resolve("", idOrPath, src)
}

// readResults reads and parses a results file named on the command line: a regular file of at
// most results.MaxFileBytes.
func readResults(path string) (results.File, error) {
	b, err := disk.ReadFile(path, results.MaxFileBytes)
	if err != nil {
		return results.File{}, fmt.Errorf("%s: %v", path, unwrapPath(err))
	}
	f, err := results.Parse(b)
	if err != nil {
		return results.File{}, fmt.Errorf("%s: %v", path, err)
	}
	return f, nil
}

// parseSeed reads a seed: a whole number from 0 to 2^64-1.
func parseSeed(s string) (uint64, error) {
	n, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a whole number from 0 to %d", s, uint64(math.MaxUint64))
	}
	return n, nil
}

// percentile of sorted values, by nearest rank.
func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p*float64(len(sorted)-1) + 0.5)
	return sorted[i]
}

func sortedCopy(xs []float64) []float64 {
	out := append([]float64(nil), xs...)
	sort.Float64s(out)
	return out
}
