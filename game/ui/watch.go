package ui

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"twohats/game/disk"
	"twohats/game/results"
	"twohats/game/scenario"
)

// watcher is --watch: the author edits the scenario file in one window and plays it in this one.
// Once a second (counted in updates, so the engine never sees a clock) the file's size and time
// are compared; when they change and the file checks, the game starts again with it. A broken
// edit keeps the running game and shows its first problem in the window title and the log.
type watcher struct {
	mod  time.Time
	size int64
	seen bool
}

// watch looks at the scenario file once a second and restarts the game when it changed.
func (a *app) watch() {
	path := a.o.Start.ScenarioFile
	if path == "" || a.updates%ebiten.TPS() != 1 {
		return
	}
	fi, err := os.Stat(path)
	if err != nil {
		return // an editor may be replacing it: look again next second
	}
	w := &a.watched
	if w.seen && fi.ModTime().Equal(w.mod) && fi.Size() == w.size {
		return
	}
	first := !w.seen
	w.mod, w.size, w.seen = fi.ModTime(), fi.Size(), true
	if first {
		return // the file as the game started with it
	}
	// The one bounded reader: a FIFO or device put in the file's place is refused, never opened.
	src, err := disk.ReadFile(path, results.MaxSourceBytes)
	if err == nil {
		_, err = scenario.Parse(path, src)
	}
	if err != nil {
		line, _, _ := strings.Cut(err.Error(), "\n")
		fmt.Fprintf(a.o.Log, "watch: %s (the game goes on)\n", line)
		ebiten.SetWindowTitle("Two Hats: " + line)
		return
	}
	o := a.o
	// By file, as at the start: a file that reuses a shipped id is not taken for the shipped one.
	o.Start.ScenarioSource = src
	n, err := newApp(o)
	if err != nil {
		fmt.Fprintf(a.o.Log, "watch: %v (the game goes on)\n", err)
		return
	}
	n.p.SetScale(a.scale)
	a.o, a.p, a.c, a.m, a.ap = o, n.p, n.c, n.m, n.ap
	a.c.Dirty = true
	ebiten.SetWindowTitle("Two Hats")
	fmt.Fprintf(a.o.Log, "watch: %s changed and checks; the game starts again\n", path)
}
