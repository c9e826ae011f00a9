package ui

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync/atomic"
	"syscall/js"

	"twohats/game/results"
	"twohats/game/save"
)

// The browser build. The page (assets/web/index.html) and the game talk through two objects:
//
//	window.twohatsPage  set by the page before the game starts: {player: "typed name"}, at a
//	                    workshop whose scenario is the facilitator's own file also
//	                    {scenarioName, scenarioSource} (the TOML the server serves), and
//	                    onResults(name, json), called when a game ends (a pair game's: the file
//	                    the room stored, once it is stored, for the player to keep)
//	window.twohats      set by the game: {scene, tooSmall, results, resultsName, firstFrame} and note(text),
//	                    which the page calls to show a line on the end screen (where the results went)
//
// Every change of screen is also logged to the console as "twohats: scene NAME", for tests.

// deviceRound floors in the browser: the canvas must not be larger than the page's box.
func deviceRound(v float64) float64 { return math.Floor(v) }

// pageNote is a line the page asked to show on the end screen; Update picks it up.
var pageNote atomic.Pointer[string]

// platformStart reads the display name and the room's own scenario the page hands over, and
// publishes window.twohats.
func platformStart(o *Options) {
	g := js.Global()
	if p := g.Get("twohatsPage"); p.Type() == js.TypeObject {
		if n := p.Get("player"); n.Type() == js.TypeString {
			o.Start.Player = n.String()
		}
		if r := p.Get("room"); r.Type() == js.TypeString {
			o.Start.Room = r.String() // a workshop room with pair games: the join screen's address
		}
		if src := p.Get("scenarioSource"); src.Type() == js.TypeString {
			name := "room.toml"
			if n := p.Get("scenarioName"); n.Type() == js.TypeString {
				name = n.String()
			}
			// The one resolver, as for a file on the desktop's --scenario.
			sc, err := results.Resolve("", name, []byte(src.String()))
			if err != nil {
				first, _, _ := strings.Cut(err.Error(), "\n")
				g.Get("console").Call("error", "twohats: the room's scenario: "+first)
			} else {
				// By file only (Scenario ""): the room's own file may reuse a shipped id, and the
				// screens match a shipped entry by id.
				o.Start.ScenarioFile, o.Start.ScenarioSource, o.Start.Scenario = name, sc.Source, ""
			}
		}
	}
	t := g.Get("twohats")
	if t.Type() != js.TypeObject {
		t = g.Get("Object").New()
		g.Set("twohats", t)
	}
	t.Set("note", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) > 0 && args[0].Type() == js.TypeString {
			s := args[0].String()
			pageNote.Store(&s)
		}
		return nil
	}))
}

// platformUpdate publishes the screen's name when it changes and shows a note from the page.
func (a *app) platformUpdate() {
	if a.updates == 1 {
		js.Global().Get("twohats").Set("firstUpdate", js.Global().Get("performance").Call("now"))
	}
	if s := pageNote.Swap(nil); s != nil {
		a.c.Results = *s
		a.c.Dirty = true
	}
	small := 1
	if a.c.TooSmall() {
		small = 2
	}
	if small != a.tooSmall {
		// Whether the too-small notice shows instead of the screen, for the page and for tests.
		a.tooSmall = small
		js.Global().Get("twohats").Set("tooSmall", small == 2)
		js.Global().Get("console").Call("log", fmt.Sprintf("twohats: too small %v (%.0f×%.0f)", small == 2, a.c.W, a.c.H))
	}
	if ps := a.pairSummary(); ps != a.lastPair {
		// A pair game's state, for the page and the browser test: whose turn, the code, the room.
		a.lastPair = ps
		js.Global().Get("twohats").Set("pair", ps)
	}
	if n := a.m.Name(); n != a.lastScene {
		a.lastScene = n
		js.Global().Get("twohats").Set("scene", n)
		js.Global().Get("console").Call("log", "twohats: scene "+n)
		pageCall("onScene", n)
	}
}

// platformPresented marks the first frame shown, with the time since the page's navigation began.
func (a *app) platformPresented() {
	if a.firstShown {
		return
	}
	a.firstShown = true
	t := js.Global().Get("performance").Call("now").Float()
	js.Global().Get("twohats").Set("firstFrame", t)
	js.Global().Get("console").Call("log", "twohats: first frame "+a.m.Name())
	pageCall("onFirstFrame", a.m.Name())
}

// pageCall calls window.twohatsPage[name](args...) when the page defines it. ok is false when it
// does not (the game runs without the page, e.g. in a test harness).
func pageCall(name string, args ...any) (r js.Value, ok bool) {
	p := js.Global().Get("twohatsPage")
	if p.Type() != js.TypeObject {
		return js.Undefined(), false
	}
	f := p.Get(name)
	if f.Type() != js.TypeFunction {
		return js.Undefined(), false
	}
	return f.Call("apply", p, js.ValueOf(args)), true
}

// localStore keeps the save in the browser's localStorage.
type localStore struct{ key string }

func defaultStore() Store {
	s := localStore{key: "twohats.save"}
	if _, err := s.storage(); err != nil {
		return nil // storage is off (a private window, a strict policy): play without saving
	}
	return s
}

// storage returns localStorage; reaching it can throw (a sandboxed frame, cookies blocked).
func (s localStore) storage() (st js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("this browser keeps no local storage for this page")
		}
	}()
	st = js.Global().Get("localStorage")
	if !st.Truthy() {
		return st, errors.New("this browser has no local storage")
	}
	return st, nil
}

func (s localStore) Load() (b []byte, err error) {
	st, err := s.storage()
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, errors.New("the browser refused to read the save")
		}
	}()
	v := st.Call("getItem", s.key)
	if v.Type() != js.TypeString {
		return nil, save.ErrNone
	}
	return []byte(v.String()), nil
}

func (s localStore) Save(b []byte) (err error) {
	st, err := s.storage()
	if err != nil {
		return err
	}
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("the browser refused to store the save (storage full or blocked)")
		}
	}()
	st.Call("setItem", s.key, string(b))
	return nil
}

func (s localStore) Remove() (err error) {
	st, err := s.storage()
	if err != nil {
		return err
	}
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("the browser refused to remove the save")
		}
	}()
	st.Call("removeItem", s.key)
	return nil
}

func (s localStore) Where() string { return "this browser" }

// pageSink hands the results file to the page: it offers the download and, at a workshop, sends
// the file to the server. The game also keeps it in window.twohats.results.
type pageSink struct{}

func (pageSink) Deliver(name string, b []byte) (string, error) {
	g := js.Global()
	t := g.Get("twohats")
	t.Set("resultsName", name)
	t.Set("results", string(b))
	g.Get("console").Call("log", "twohats: results "+name)
	r, ok := pageCall("onResults", name, string(b))
	switch {
	case !ok:
		return "kept in this page (window.twohats.results)", nil
	case r.Type() == js.TypeString:
		return r.String(), nil
	}
	return name + ": use “Download results” at the bottom right", nil
}

func defaultSink() ResultsSink { return pageSink{} }

// defaultSeatStore keeps a pair game's seat in localStorage, so that a reload comes back to it.
func defaultSeatStore() Store {
	s := localStore{key: "twohats.seat"}
	if _, err := s.storage(); err != nil {
		return nil
	}
	return s
}

// FileSink exists in the browser build so that the desktop's --results flag compiles; a page
// has no file system, so it hands the file to the page like the default sink.
type FileSink struct {
	Path string
	Dir  string
}

// Deliver hands the file to the page.
func (FileSink) Deliver(name string, b []byte) (string, error) { return pageSink{}.Deliver(name, b) }

// pairSummary is the pair game's summary, made every tenth of a second (it allocates).
func (a *app) pairSummary() string {
	if a.c.Seat == nil || a.updates%6 != 0 {
		return a.lastPair
	}
	return a.c.PairSummary()
}
