package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"twohats/game/debrief"
	"twohats/game/disk"
	"twohats/game/results"
	"twohats/game/workshop"
)

// debriefCmd reads results files and folders, checks every file by replaying it, and prints the
// roles' table; --csv and --png write one row per game and the charts.
func debriefCmd(args []string, w io.Writer) (int, error) {
	fs := newFlags("debrief")
	csvPath := fs.String("csv", "", "write one row per game to this CSV file")
	pngPath := fs.String("png", "", "write the charts to this PNG file")
	scen := fs.String("scenario", "", "only the games of this scenario")
	// Flags may come before, between or after the paths.
	var paths []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return ExitUsage, err
		}
		if fs.NArg() == 0 {
			break
		}
		paths = append(paths, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(paths) == 0 {
		return ExitUsage, usagef("debrief needs at least one results FILE or DIR")
	}

	var games, tries []debrief.Game
	var skipped []leftOut
	var nFiles int
	if room, dir, ok, err := roomOf(paths); err != nil {
		return ExitFailed, err
	} else if ok {
		// A workshop's folder: the server's own rules, by the server's own code.
		fo, err := workshop.ReadFolder(context.Background(), dir, room)
		if err != nil {
			return ExitFailed, fmt.Errorf("%s: %v", dir, unwrapPath(err))
		}
		fmt.Fprintf(w, "The room of %s: %s, seed %d, roles %s.\n", dir, room.Scenario.ID, room.Seed, roleNames(room))
		for _, e := range fo.Entries {
			g := debrief.Game{Source: filepath.Join(dir, e.File), File: e.Clean, Try: e.Try, Syncs: e.Syncs}
			if e.Counted() {
				games = append(games, g)
			} else {
				tries = append(tries, g)
			}
		}
		for _, n := range fo.NotCounted {
			skipped = append(skipped, leftOut{path: filepath.Join(dir, n.File), why: n.Why})
		}
		nFiles = len(fo.Entries) + len(fo.NotCounted)
	} else {
		files, unread := collect(paths)
		var left []leftOut
		games, left = checkGames(files)
		skipped = append(unread, left...)
		nFiles = len(files) + countUnread(skipped)
	}
	if *scen != "" {
		var keep []debrief.Game
		for _, g := range games {
			if g.Scenario == *scen {
				keep = append(keep, g)
			}
		}
		if len(keep) < len(games) {
			fmt.Fprintf(w, "%d game(s) of other scenarios than %s not shown.\n", len(games)-len(keep), *scen)
		}
		games = keep
	}

	further := ""
	if len(tries) > 0 {
		further = fmt.Sprintf(", %d further tries listed but not counted", len(tries))
	}
	fmt.Fprintf(w, "%d file(s) read: %d game(s) used%s, %d left out.\n\n", nFiles, len(games), further, len(skipped))
	if len(games) > 0 {
		if err := debrief.WriteTable(w, debrief.Rows(games)); err != nil {
			return ExitFailed, err
		}
	}
	if len(tries) > 0 {
		fmt.Fprintf(w, "\nFurther tries (a player's second game in a role: listed, not counted):\n")
		for _, g := range tries {
			fmt.Fprintf(w, "  %s: %s, %s, try %d, score %.1f\n", workshop.OneLine(g.Source), workshop.OneLine(nameOrAnon(g.Player)), g.Role, g.Try, g.Score)
		}
	}
	if len(skipped) > 0 {
		fmt.Fprintf(w, "\nLeft out:\n")
		for _, s := range skipped {
			fmt.Fprintf(w, "  %s: %s\n", workshop.OneLine(s.path), workshop.OneLine(s.why))
		}
	}
	if len(games) == 0 {
		return ExitFailed, fmt.Errorf("no usable results files")
	}

	if *csvPath != "" {
		var buf bytes.Buffer
		if err := debrief.WriteCSV(&buf, append(append([]debrief.Game(nil), games...), tries...)); err != nil {
			return ExitFailed, err
		}
		if err := disk.WriteFile(*csvPath, buf.Bytes()); err != nil {
			return ExitFailed, fmt.Errorf("csv: %v", err)
		}
		fmt.Fprintf(w, "\nWrote %d row(s) to %s\n", len(games)+len(tries), *csvPath)
	}
	if *pngPath != "" {
		ids := debrief.Scenarios(games)
		shown := debrief.OfScenario(games, ids[0])
		img, err := debrief.Chart(shown, fmt.Sprintf("Two Hats debrief: %s, %d game%s", ids[0], len(shown), map[bool]string{true: "", false: "s"}[len(shown) == 1]))
		if err != nil {
			return ExitFailed, err
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			return ExitFailed, err
		}
		if err := disk.WriteFile(*pngPath, buf.Bytes()); err != nil {
			return ExitFailed, fmt.Errorf("png: %v", err)
		}
		fmt.Fprintf(w, "Wrote the charts for %s to %s", ids[0], *pngPath)
		if len(ids) > 1 {
			fmt.Fprintf(w, " (other scenarios: %s; pick one with --scenario)", strings.Join(ids[1:], ", "))
		}
		fmt.Fprintln(w)
	}
	return ExitOK, nil
}

type readFile struct {
	path string
	data []byte
}

type leftOut struct {
	path, why string
	unread    bool // the path could not be read at all (counted among the files read)
}

func countUnread(ls []leftOut) int {
	n := 0
	for _, l := range ls {
		if l.unread {
			n++
		}
	}
	return n
}

// collect reads every named file, and every *.json file directly inside every named folder
// (hidden and temporary files left aside), in a stable order.
func collect(paths []string) ([]readFile, []leftOut) {
	var files []readFile
	var skipped []leftOut
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			skipped = append(skipped, leftOut{p, unwrapPath(err).Error(), true})
			continue
		}
		names := []string{p}
		if st.IsDir() {
			des, err := os.ReadDir(p)
			if err != nil {
				skipped = append(skipped, leftOut{p, unwrapPath(err).Error(), true})
				continue
			}
			names = names[:0]
			for _, de := range des {
				if !de.IsDir() && !strings.HasPrefix(de.Name(), ".") && strings.HasSuffix(de.Name(), ".json") && de.Name() != workshop.RoomFileName {
					names = append(names, filepath.Join(p, de.Name()))
				}
			}
			sort.Strings(names)
		}
		for _, n := range names {
			b, err := disk.ReadFile(n, results.MaxFileBytes)
			if err != nil {
				skipped = append(skipped, leftOut{n, unwrapPath(err).Error(), true})
				continue
			}
			files = append(files, readFile{n, b})
		}
	}
	return files, skipped
}

// checkGames parses and replays every file on all cores. A file that does not parse, does not
// replay, does not reproduce its result, or repeats a game already read is left out, with why.
// The per-sprint records used for the charts are the replay's, not the file's.
func checkGames(files []readFile) ([]debrief.Game, []leftOut) {
	type checked struct {
		game debrief.Game
		why  string
		key  [32]byte
	}
	out := make([]checked, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			rf, err := results.Parse(f.data)
			if err != nil {
				out[i].why = err.Error()
				return
			}
			ctx, cancel := context.WithTimeout(context.Background(), workshop.FileTimeout)
			defer cancel()
			g, diff, err := results.ReplayFile(ctx, rf)
			if err != nil {
				out[i].why = "cannot be replayed: " + err.Error()
				return
			}
			if len(diff) > 0 {
				out[i].why = "replay does not reproduce the result: " + strings.Join(diff, "; ")
				return
			}
			if !g.Over() {
				out[i].why = fmt.Sprintf("the game is not finished: it stopped in sprint %d of %d", g.State().Sprint, g.Scenario().Sprints)
				return
			}
			clean := results.FromGame(g, rf.Policy)
			clean.Player = workshop.PlayerName(rf.Player)
			if len(rf.Players) > 0 {
				clean.Players = map[string]string{}
				for seat, name := range rf.Players {
					clean.Players[seat] = workshop.PlayerName(name)
				}
			}
			clean.ScenarioSource, clean.ScenarioHash = rf.ScenarioSource, rf.ScenarioHash
			b, _ := clean.Marshal()
			out[i] = checked{game: debrief.Game{Source: f.path, File: clean, Syncs: g.State().Syncs}, key: sha256.Sum256(b)}
		}()
	}
	wg.Wait()
	var games []debrief.Game
	var skipped []leftOut
	first := map[[32]byte]string{}
	for i, c := range out {
		if c.why != "" {
			skipped = append(skipped, leftOut{path: files[i].path, why: c.why})
			continue
		}
		if p, dup := first[c.key]; dup {
			skipped = append(skipped, leftOut{path: files[i].path, why: "the same game as " + p})
			continue
		}
		first[c.key] = files[i].path
		games = append(games, c.game)
	}
	return games, skipped
}

// roomOf finds the room a debrief is of: a single folder that a workshop server wrote its
// room.json in. ok is false for anything else (files, several folders, a folder of `sim` runs).
func roomOf(paths []string) (workshop.Room, string, bool, error) {
	if len(paths) != 1 {
		return workshop.Room{}, "", false, nil
	}
	st, err := os.Stat(paths[0])
	if err != nil || !st.IsDir() {
		return workshop.Room{}, "", false, nil
	}
	room, ok, err := workshop.ReadRoom(paths[0])
	return room, paths[0], ok, err
}

func roleNames(r workshop.Room) string {
	var s []string
	for _, x := range r.Roles {
		s = append(s, x.String())
	}
	return strings.Join(s, ", ")
}

func nameOrAnon(p string) string {
	if p == "" {
		return "(no name)"
	}
	return strconv.Quote(p)
}
