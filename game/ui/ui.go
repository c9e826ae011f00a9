// Package ui is the desktop (and later browser) face of Two Hats: an ebiten.Game that reads the
// devices into intents, runs the scene manager, draws only when something changed, and can save
// screenshots, print frame statistics and play itself with a bot.
//
// Only this package and its sub-packages import Ebitengine.
package ui

import (
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"twohats/game/save"
	"twohats/game/ui/input"
	"twohats/game/ui/scene"
	"twohats/game/ui/widget"
)

// Start is what the game starts with: from flags on the desktop, from the page's URL in a browser.
type Start = scene.Options

// ResultsSink receives the results file when a game ends.
type ResultsSink = scene.ResultsSink

// Store keeps the saved game.
type Store = save.Store

// Policy is a bot that plays (bot.Policy).
type Policy = scene.Policy

// Options configure Run.
type Options struct {
	Start       Start
	Store       Store       // nil: the platform's default (a file in the user config dir)
	SeatStore   Store       // a pair game's seat, for a reload; nil: the platform's default
	Results     ResultsSink // nil: the platform's default
	Screenshots string      // a directory: save a PNG of every screen visited
	ExitAtEnd   bool        // leave when the end screen shows
	FrameStats  bool        // print frame-time and allocation statistics at exit
	Width       int         // window size in logical pixels; 0 for 1280×720
	Height      int
	Log         io.Writer // statistics and notes; nil for os.Stderr
	Watch       bool      // restart the game when Start.ScenarioFile changes and checks (watch.go)
}

// Run opens the window and plays until the player quits.
func Run(o Options) error {
	if o.Log == nil {
		o.Log = os.Stderr
	}
	platformStart(&o)
	a, err := newApp(o)
	if err != nil {
		return err
	}
	w, h := o.Width, o.Height
	if w == 0 || h == 0 {
		w, h = 1280, 720
	}
	ebiten.SetWindowTitle("Two Hats")
	ebiten.SetWindowSize(w, h)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetWindowSizeLimits(960, 540, -1, -1)
	ebiten.SetScreenClearedEveryFrame(false)
	ebiten.SetVsyncEnabled(true)
	if path := os.Getenv("TWOHATS_CPUPROFILE"); path != "" {
		if f, perr := os.Create(path); perr == nil {
			if err := pprof.StartCPUProfile(f); err != nil {
				fmt.Fprintf(o.Log, "cpu profile: %v\n", err)
			}
			defer func() {
				pprof.StopCPUProfile()
				if err := f.Close(); err != nil {
					fmt.Fprintf(o.Log, "cpu profile: %v\n", err)
				}
			}()
		}
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() { <-sig; a.stop.Store(true) }()
	err = ebiten.RunGame(a)
	signal.Stop(sig)
	a.report()
	if path := os.Getenv("TWOHATS_MEMPROFILE"); path != "" {
		if f, perr := os.Create(path); perr == nil {
			werr := pprof.Lookup("allocs").WriteTo(f, 0)
			if cerr := f.Close(); werr == nil {
				werr = cerr
			}
			if werr != nil {
				fmt.Fprintf(o.Log, "memory profile: %v\n", werr)
			}
		}
	}
	if errors.Is(err, ebiten.Termination) {
		err = nil
	}
	if err == nil && a.err != nil {
		err = a.err
	}
	return err
}

type app struct {
	o       Options
	m       *scene.Manager
	c       *scene.Ctx
	p       *widget.Painter
	reader  input.Reader
	intents []input.Intent
	ap      *scene.Autoplayer
	canvas  *ebiten.Image
	scale   float64
	err     error

	present  bool // the canvas changed: show it
	fadeSeen int

	// screenshots
	shotN    int
	shotPix  []byte
	seenShot map[string]bool
	endShot  bool
	endWait  int

	// frame statistics
	stats    frameStats
	skipStat bool
	stop     atomic.Bool
	updates  int

	// the browser's signals to its page (platform_js.go)
	//lint:ignore U1000 used in the js build
	lastScene string
	//lint:ignore U1000 used in the js build
	firstShown bool
	//lint:ignore U1000 used in the js build
	tooSmall int // 0 not yet told, 1 the screen fits, 2 the too-small notice shows
	//lint:ignore U1000 used in the js build
	lastPair string

	watched watcher // --watch
}

func newApp(o Options) (*app, error) {
	a := &app{o: o, scale: 1, seenShot: map[string]bool{}}
	a.p = widget.NewPainter(1)
	c := scene.NewCtx(o.Start, a.p)
	a.c = c
	st := o.Store
	if st == nil && o.Start.Autoplay == "" {
		st = defaultStore()
	}
	if o.Start.Autoplay != "" && st == nil {
		st = &save.MemStore{} // a bot never touches the player's save
	}
	guard, f, ok := save.Open(st)
	c.Guard = guard
	if ok {
		c.Saved = &f
	}
	c.Sink = o.Results
	if c.Sink == nil {
		c.Sink = defaultSink()
	}
	c.SeatStore = o.SeatStore
	if c.SeatStore == nil {
		if o.Start.Autoplay != "" {
			c.SeatStore = &save.MemStore{} // a bot never takes the player's seat
		} else {
			c.SeatStore = defaultSeatStore()
		}
	}
	var first scene.Scene = scene.NewTitle(c)
	if o.Start.Join != "" {
		first = scene.NewJoin(c, true) // --join URL, ?join=: straight to the room
	}
	a.m = scene.NewManager(c, first)
	if o.Start.Autoplay != "" {
		a.ap = &scene.Autoplayer{Policy: o.Start.Policy, Every: 2}
	}
	if o.Start.Join == "" && o.Start.Autoplay == "" && (o.Start.Scenario != "" || o.Start.ScenarioSource != nil) {
		// A scenario on the command line skips the title: straight into the game when the role is
		// known too, else to the role choice.
		if o.Start.Role != 0 {
			for i := range c.Entries() {
				e := &c.Entries()[i]
				if e.ID == o.Start.Scenario || (e.SourceName != "" && e.SourceName == o.Start.ScenarioFile) {
					if c.Saved != nil || guard.Blocked() {
						// A saved game is never replaced without asking.
						c.Goto(scene.NewTitleLink(c, e, o.Start.Role))
					} else if err := c.StartGame(e, o.Start.Role); err != nil {
						return nil, err
					}
				}
			}
		} else {
			c.Goto(scene.NewRole(c))
		}
		a.m.Handle(input.Intent{}) // settle the switch
	}
	a.stats = newFrameStats(o.FrameStats)
	if o.Screenshots != "" {
		if err := os.MkdirAll(o.Screenshots, 0o755); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// Update reads the devices and the autoplayer, and runs the scenes.
func (a *app) Update() error {
	a.stats.beginUpdate()
	defer a.stats.endUpdate()
	a.updates++
	a.intents = a.reader.Read(a.intents[:0], a.scale)
	if a.ap != nil {
		if in, ok := a.ap.Step(a.m); ok {
			a.intents = append(a.intents, in)
		}
	}
	for _, in := range a.intents {
		a.m.Handle(in)
	}
	a.m.Tick()
	if a.o.Watch {
		a.watch()
	}
	a.platformUpdate()
	if a.c.Quit || a.stop.Load() {
		return ebiten.Termination
	}
	if a.o.ExitAtEnd && a.m.Name() == "end" && a.m.Fade == 0 {
		a.endWait++
		if (a.o.Screenshots == "" || a.endShot) && a.endWait > 3 {
			return ebiten.Termination
		}
	}
	return nil
}

// Draw redraws the canvas only when something changed, and the screen only when the canvas or the
// transition changed.
func (a *app) Draw(screen *ebiten.Image) {
	var t0 time.Time
	if a.o.FrameStats {
		t0 = time.Now()
	}
	a.skipStat = false
	made := a.p.Made
	drawn, topOnly := false, false
	sw, sh := screen.Bounds().Dx(), screen.Bounds().Dy()
	if a.canvas == nil || a.canvas.Bounds().Dx() != sw || a.canvas.Bounds().Dy() != sh {
		if a.canvas != nil {
			a.canvas.Deallocate()
		}
		a.canvas = ebiten.NewImage(sw, sh)
		a.c.Dirty = true
	}
	if a.c.DirtyTop && !a.c.Dirty {
		a.p.Dst = a.canvas
		if a.m.DrawTop(a.p) {
			a.present = true
			topOnly = true
		} else {
			a.c.Dirty = true
		}
		a.c.DirtyTop = false
	}
	if a.c.Dirty {
		a.c.Dirty, a.c.DirtyTop = false, false
		a.p.Dst = a.canvas
		a.m.Draw(a.p)
		a.present = true
		drawn = true
	}
	fade := a.m.Fade
	if a.present || fade > 0 || fade != a.fadeSeen {
		screen.Fill(widget.Background)
		var op ebiten.DrawImageOptions
		if fade > 0 {
			op.ColorScale.ScaleAlpha(float32(1 - float64(fade)/scene.FadeFrames))
		}
		screen.DrawImage(a.canvas, &op)
		a.present = false
		a.platformPresented()
	}
	a.fadeSeen = fade
	if a.o.Screenshots != "" && fade == 0 {
		a.maybeShoot()
	}
	if a.o.FrameStats {
		kind := kindIdle
		switch {
		case drawn && a.p.Made != made:
			kind = kindNew
		case drawn:
			kind = kindCached
		case topOnly:
			kind = kindTop
		}
		a.stats.drew(time.Since(t0), kind, a.p.Made-made, a.skipStat)
	}
}

func (a *app) shotName() string {
	s, name := 0, a.m.Name()
	if a.c.Game != nil {
		st := a.c.V().View()
		s = st.Sprint
		// The sprint screen's modal states get shots of their own: an event on the table, the
		// sprint board with a request waiting, and with the pull offered (the team is done early).
		switch {
		case name == "end":
		case a.c.Seat != nil && st.Turn && st.SyncProposal == st.Hat.Other() && a.m.Top() == a.m.Scene():
			name = "sync-prompt" // a pair game's partner proposes a sync
		case a.c.Seat != nil && !st.Turn && a.m.Top() == a.m.Scene():
			name += "-waiting" // the partner's turn
		case st.Event >= 0 && a.m.Top() == a.m.Scene():
			name = "event"
		case name == "execution" && len(st.Inbox) > 0:
			name = "inbox"
		case name == "execution" && a.c.PullOffered():
			name = "pull"
		}
	}
	if j, ok := a.m.Top().(*scene.Join); ok && j.State == scene.JoinWaiting {
		name = "join-code"
	}
	return fmt.Sprintf("%s-sprint%d", name, s)
}

func (a *app) maybeShoot() {
	key := a.shotName()
	if a.seenShot[key] {
		if a.m.Name() == "end" {
			a.endShot = true
		}
		return
	}
	a.seenShot[key] = true
	a.shotN++
	w, h := a.canvas.Bounds().Dx(), a.canvas.Bounds().Dy()
	if len(a.shotPix) != 4*w*h {
		a.shotPix = make([]byte, 4*w*h)
	}
	a.canvas.ReadPixels(a.shotPix)
	img := &image.RGBA{Pix: a.shotPix, Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
	name := filepath.Join(a.o.Screenshots, fmt.Sprintf("%02d-%s.png", a.shotN, key))
	f, err := os.Create(name)
	if err == nil {
		err = png.Encode(f, img)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		a.err = err
	}
	a.skipStat = true
	if a.m.Name() == "end" {
		a.endShot = true
	}
}

func (a *app) report() {
	if a.ap != nil && a.ap.Fallbacks > 0 {
		fmt.Fprintf(a.o.Log, "autoplay: %d of %d decisions could not go through the screens (last: %s)\n", a.ap.Fallbacks, a.ap.Decisions+a.ap.Fallbacks, a.ap.LastErr)
	}
	if !a.o.FrameStats {
		return
	}
	w, h := 0, 0
	if a.canvas != nil {
		w, h = a.canvas.Bounds().Dx(), a.canvas.Bounds().Dy()
	}
	a.stats.report(a.o.Log, w, h, a.updates)
	if a.ap != nil {
		fmt.Fprintf(a.o.Log, "  autoplay: %d decisions through %d intents\n", a.ap.Decisions, a.ap.Intents)
	}
}

// LayoutF lays the screen out in device pixels so text stays crisp on HiDPI screens; the scenes
// work in logical pixels.
func (a *app) LayoutF(w, h float64) (float64, float64) {
	s := 1.0
	if m := ebiten.Monitor(); m != nil {
		s = m.DeviceScaleFactor()
	}
	if s <= 0 {
		s = 1
	}
	// Big windows zoom the whole interface so that a 2560×1440 window reads like 1280×720; the
	// layout works in logical pixels from 960×540 up.
	zoom := math.Max(1, math.Min(w/1280, h/720))
	if z := s * zoom; z != a.scale {
		a.scale = z
		a.p.SetScale(z)
		a.c.Dirty = true
	}
	a.m.Resize(math.Round(w/zoom), math.Round(h/zoom))
	return deviceRound(w * s), deviceRound(h * s)
}

// Layout is required by ebiten.Game; LayoutF is used instead.
func (a *app) Layout(w, h int) (int, int) {
	fw, fh := a.LayoutF(float64(w), float64(h))
	return int(fw), int(fh)
}
