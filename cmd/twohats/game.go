package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"twohats/game/bot"
	"twohats/game/disk"
	"twohats/game/pairplay"
	"twohats/game/results"
	"twohats/game/sim"
	"twohats/game/ui"
	"twohats/scenarios"
)

// runGame parses the game's flags and runs the window. It returns the exit code: 0 when the player
// quits (or the game ends with --exit-at-end), 2 for bad flags, 1 when the window fails.
func runGame(args []string) int {
	fs := flag.NewFlagSet("twohats", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	scen := fs.String("scenario", "", "a shipped scenario id, or a scenario TOML file")
	role := fs.String("role", "", "pm, po or both")
	seed := fs.String("seed", "", "the world's seed (default: from the clock)")
	auto := fs.String("autoplay", "", "let a bot play through the screens: "+strings.Join(bot.Names, ", "))
	shots := fs.String("screenshots", "", "directory for a PNG of every screen visited")
	exitAtEnd := fs.Bool("exit-at-end", false, "exit when the end screen shows")
	resultsPath := fs.String("results", "", "results file to write at the end (default: in the user config dir)")
	frameStats := fs.Bool("frame-stats", false, "print frame time and allocation statistics at exit")
	size := fs.String("size", "", "window size WxH in logical pixels (default 1280x720)")
	watch := fs.Bool("watch", false, "with --scenario FILE: restart the game when the file changes and checks")
	join := fs.String("join", "", "a workshop room's address (twohats serve --pairs): play one hat of a pair game")
	name := fs.String("name", "", "with --join: your name as the room shows it")
	code := fs.String("code", "", "with --join: your partner's pair code (none starts a pair)")
	hat := fs.String("hat", "", "with --join: pm or po (default: the free one)")
	fail := func(format string, a ...any) int {
		fmt.Fprintf(os.Stderr, "twohats: "+format+"\n", a...)
		return 2
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "usage: twohats [--scenario ID|FILE] [--role pm|po|both] [--seed N] [--autoplay POLICY] [--screenshots DIR] [--exit-at-end] [--results FILE] [--frame-stats] [--size WxH] [--watch] [--join URL [--name NAME] [--code CODE] [--hat pm|po]]")
			return 0
		}
		return fail("%v", err)
	}
	if fs.NArg() > 0 {
		return fail("unexpected argument %q", fs.Arg(0))
	}
	var st ui.Start
	if *role != "" {
		r, err := sim.ParseRole(*role)
		if err != nil {
			return fail("--role: %v", err)
		}
		st.Role = r
	}
	if *seed != "" {
		n, err := strconv.ParseUint(*seed, 10, 64)
		if err != nil {
			return fail("--seed: %q is not a whole number", *seed)
		}
		st.Seed = n
	} else {
		st.Seed = uint64(time.Now().UnixNano()) % 1000000
	}
	if *scen != "" {
		if _, ok := scenarios.Source(*scen); ok {
			st.Scenario = *scen
		} else {
			src, err := disk.ReadFile(*scen, results.MaxSourceBytes)
			if err != nil {
				return fail("--scenario: %q is neither a shipped scenario (%s) nor a readable scenario file (%v)", *scen, strings.Join(scenarios.IDs(), ", "), err)
			}
			if _, err := results.Resolve("", *scen, src); err != nil {
				first, _, _ := strings.Cut(err.Error(), "\n")
				return fail("--scenario: %s", first)
			}
			// By file only: a file whose id is a shipped one's must not be taken for it.
			st.ScenarioFile, st.ScenarioSource = *scen, src
		}
	}
	if *watch && st.ScenarioFile == "" {
		return fail("--watch needs --scenario FILE (a scenario file, not a shipped id)")
	}
	if *join != "" {
		h, err := pairplay.ParseHat(*hat)
		if err != nil {
			return fail("--hat: %v", err)
		}
		st.Join, st.Player, st.JoinCode, st.JoinHat = *join, *name, *code, h
	} else if *name != "" || *code != "" || *hat != "" {
		return fail("--name, --code and --hat go with --join URL")
	}
	if *auto != "" && *join != "" {
		p, err := bot.New(*auto, st.Seed)
		if err != nil {
			return fail("--autoplay: %v", err)
		}
		st.Autoplay = *auto
		st.SeatPolicy = func(g *sim.Game, h sim.Hat) sim.Action { return bot.Seat(g, h, p) }
	} else if *auto != "" {
		p, err := bot.New(*auto, st.Seed)
		if err != nil {
			return fail("--autoplay: %v", err)
		}
		st.Autoplay, st.Policy = *auto, p
		if st.Role == 0 {
			st.Role = sim.RoleBoth
		}
		if st.Scenario == "" && st.ScenarioSource == nil {
			st.Scenario = "tutorial"
		}
	}
	o := ui.Options{Start: st, Screenshots: *shots, ExitAtEnd: *exitAtEnd, FrameStats: *frameStats, Watch: *watch}
	if *resultsPath != "" {
		o.Results = ui.FileSink{Path: *resultsPath}
	}
	if *size != "" {
		w, h, ok := strings.Cut(*size, "x")
		wi, err1 := strconv.Atoi(w)
		hi, err2 := strconv.Atoi(h)
		if !ok || err1 != nil || err2 != nil || wi < 320 || hi < 240 {
			return fail("--size: want WxH, e.g. 1280x720, got %q", *size)
		}
		o.Width, o.Height = wi, hi
	}
	if err := ui.Run(o); err != nil {
		fmt.Fprintf(os.Stderr, "twohats: %v\n", err)
		return 1
	}
	return 0
}
