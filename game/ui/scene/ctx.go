// Package scene holds the screens of Two Hats as state machines: each scene takes intents and
// changes its own state or the game's (only through sim.Game.Apply), and draws itself when asked.
// The logic needs no display: tests drive the scenes with intents and read their state. The
// Manager switches scenes and stacks overlays (help, pause); the Autoplayer turns a bot's
// decisions into the same intents a player's devices make.
package scene

import (
	"fmt"
	"math"
	"strings"

	"twohats/game/results"
	"twohats/game/save"
	"twohats/game/scenario"
	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
	"twohats/scenarios"
)

// Scene is one screen.
type Scene interface {
	// Name is the screen's name in screenshots and tests: title, role, scenario, strategy,
	// planning, execution, review, retro, end, help, pause.
	Name() string
	// Handle reacts to one intent.
	Handle(c *Ctx, in input.Intent)
	// Tick advances animations by a frame; it sets c.Dirty when the screen must be drawn again.
	Tick(c *Ctx)
	// Draw paints the whole screen (an overlay paints over the scene below).
	Draw(c *Ctx, p *widget.Painter)
	// Auto returns the next intent toward what the autoplayer wants: the action want (nil outside
	// a game), or the set-up choices in c.Opts. ok is false when the scene has nothing to do.
	Auto(c *Ctx, want *sim.Action) (in input.Intent, ok bool)
}

// ResultsSink receives the results file at the end of a game: a file on the desktop, a download
// in the browser. It returns where the results went, for the end screen.
type ResultsSink interface {
	Deliver(name string, b []byte) (where string, err error)
}

// Options are the start parameters: from flags on the desktop, from the URL in a browser.
type Options struct {
	Scenario       string   // a shipped scenario id, or "" to ask
	ScenarioFile   string   // the name of a scenario loaded from a file
	ScenarioSource []byte   // its TOML
	Role           sim.Role // 0 to ask
	Seed           uint64
	Autoplay       string // a bot policy name, or ""
	Policy         Policy // the bot itself when Autoplay is set
	Player         string // a display name for the results file (typed in the browser at a workshop)

	// A pair game at a workshop room (twohats --join URL, ?join= in the browser): the room's
	// address and, when given, the name, the partner's pair code and the hat asked for, which the
	// join screen fills in.
	Join     string
	JoinCode string
	JoinHat  sim.Hat
	// Room is the address the join screen offers when Join is empty: in the browser, the page's
	// own server when it referees pair games.
	Room string
	// SeatPolicy plays one seat of a pair game when Autoplay is set (bot.Seat with the policy).
	SeatPolicy func(g *sim.Game, h sim.Hat) sim.Action
}

// Policy is what the autoplayer asks for decisions; bot.Policy satisfies it.
type Policy interface {
	Name() string
	Next(g *sim.Game) sim.Action
}

// Entry is a scenario offered on the scenario screen.
type Entry struct {
	ID         string
	SourceName string // set for a scenario from a file
	Source     []byte
	Sc         *scenario.Scenario
	Err        error // a shipped scenario that does not load (a bug) is listed with its error
}

// Ctx is what the scenes share: the game in play, the set-up choices, the save and the results.
type Ctx struct {
	W, H  float64 // logical screen size
	P     *widget.Painter
	Opts  Options
	Game  *sim.Game
	Entry *Entry // the scenario of the game in play
	Track *Tracker
	Guard *save.Guard
	Saved *save.File // a save that can be continued, found at start
	Sink  ResultsSink
	list  []Entry // scenarios offered; parsed on first use (see Entries)

	Role     sim.Role // chosen on the role screen
	Dirty    bool     // the screen must be drawn again
	DirtyTop bool     // only the top bar must be drawn again
	Status   string   // a one-line message for the player (why an action is refused, saved...)
	Notice   string   // a message that stays until the player acts on it (the game is not saved)
	statusT  int
	Quit     bool   // the player asked to leave the program
	Finished bool   // the end screen is showing
	Results  string // where the results file went
	Frame    int

	view sim.View // the game as the player's hats know it (see V)

	// Seat is where decisions go in a pair game (seat.go); nil in a solo game, whose decisions
	// apply at once.
	Seat Seat
	// News is what the pair game's seat last heard from the room (names, code, state).
	News      SeatNews
	seatGame  *sim.Game  // the seat's game as last caught up (nil until it begins): Game once shown
	pairKept  bool       // the pair's results file went to the Sink (or could not)
	pairCopy  string     // where it went, or why it did not
	SeatStore save.Store // keeps a pair game's seat token for a reload; nil keeps none
	Dial      Dialer     // how the join screen reaches the room; nil for the network client
	problemN  int        // the last seat problem shown

	// What the scenes asked for, carried out by the Manager after each intent and tick: scenes ask
	// for transitions and never hold the Manager.
	next  Scene
	open  []Scene
	close int
	hold  int // frames during which pointer presses are ignored, after a change of screen

	replaceAsked bool // Save was pressed once over an unreadable save
}

// holdFrames is how long pointer presses are ignored after the screen changes under the pointer:
// the second click of a double click must not land on the next screen.
const holdFrames = 12

// Hold ignores pointer presses for a moment: the screen under the pointer just changed.
func (c *Ctx) Hold() { c.hold = holdFrames }

// NewCtx makes a context offering the shipped scenarios and, if given, one from a file first.
func NewCtx(opts Options, p *widget.Painter) *Ctx {
	return &Ctx{Opts: opts, P: p, W: 1280, H: 720, Dirty: true}
}

// Entries are the scenarios offered. They are parsed when first asked for, not at start: the
// title screen needs none, and in the browser parsing them all delays the first frame.
func (c *Ctx) Entries() []Entry {
	if c.list != nil {
		return c.list
	}
	opts := c.Opts
	if opts.ScenarioSource != nil {
		sc, err := scenario.Parse(opts.ScenarioFile, opts.ScenarioSource)
		c.list = append(c.list, Entry{ID: idOf(sc), SourceName: opts.ScenarioFile, Source: opts.ScenarioSource, Sc: sc, Err: err})
	}
	for _, id := range scenarios.IDs() {
		sc, err := scenarios.Load(id)
		c.list = append(c.list, Entry{ID: id, Sc: sc, Err: err})
	}
	return c.list
}

func idOf(sc *scenario.Scenario) string {
	if sc == nil {
		return "file"
	}
	return sc.ID
}

// statusFrames is how long a message stays: four seconds.
const statusFrames = 240

// Say shows a one-line message for a few seconds.
func (c *Ctx) Say(format string, args ...any) {
	c.Status = fmt.Sprintf(format, args...)
	c.statusT = statusFrames
	c.Dirty = true
}

// Goto asks for a switch to another scene, with a short transition.
func (c *Ctx) Goto(s Scene) { c.next = s }

// Open asks for an overlay on top.
func (c *Ctx) Open(s Scene) { c.open = append(c.open, s) }

// Close asks for the top overlay to go.
func (c *Ctx) Close() { c.close++ }

// StartGame begins a new game of entry e in role r and goes to the first sprint screen.
func (c *Ctx) StartGame(e *Entry, r sim.Role) error {
	if e.Err != nil {
		return e.Err
	}
	g, err := sim.New(e.Sc, r, c.Opts.Seed)
	if err != nil {
		return err
	}
	c.Game, c.Entry, c.Role = g, e, r
	c.Track = NewTracker(g, &c.view)
	c.autosave()
	c.Goto(NewSprint(c))
	return nil
}

// Continue rebuilds the saved game and goes to it.
func (c *Ctx) Continue(f save.File) error {
	var tr *Tracker
	g, err := save.Rebuild(f, func(g *sim.Game) {
		if tr == nil {
			tr = NewTracker(g, &c.view)
		} else {
			tr.Observe(g, true)
		}
	})
	if err != nil {
		return err
	}
	e := &Entry{ID: f.Scenario, SourceName: f.SourceName, Source: []byte(f.Source), Sc: g.Scenario()}
	c.Game, c.Entry, c.Role, c.Track = g, e, f.Role, tr
	tr.Settle()
	if g.Over() {
		c.finish()
	} else {
		c.Goto(NewSprint(c))
	}
	return nil
}

// Hat is the seat the player plays in a pair game, HatNone in a solo game.
func (c *Ctx) Hat() sim.Hat {
	if c.Seat == nil {
		return sim.HatNone
	}
	return c.Seat.Hat()
}

// Apply performs a decision; a refused one is shown as the status line. It returns whether the
// decision was taken. In a pair game the decision is checked here and sent to the room; the game
// applies it when the room's stream brings it back (see Tick).
func (c *Ctx) Apply(a sim.Action) bool {
	if c.Seat != nil {
		return c.send(a)
	}
	clarity := -1.0
	if st := c.V().View(); a.Kind == sim.ActRefine && a.Story >= 0 && a.Story < len(st.Stories) {
		clarity = st.Stories[a.Story].Clarity
	}
	if err := c.Game.Apply(a); err != nil {
		c.Say("%s", capital(err.Error()))
		return false
	}
	if clarity >= 0 {
		// Say at once what the refinement bought.
		st := c.V().View()
		c.Say("Refined “%s”: clarity %s → %s", c.Game.Scenario().Stories[st.Stories[a.Story].Def].Title, pct(clarity), pct(st.Stories[a.Story].Clarity))
	}
	c.Track.Observe(c.Game, false)
	c.autosave()
	c.Dirty = true
	if c.Game.Over() {
		c.finish()
	}
	return true
}

// finish ends the game: the results file is delivered, the save is cleared, and the debrief opens.
// The I/O is here, not in the debrief's constructor.
func (c *Ctx) finish() {
	c.Finished = true
	c.Status, c.statusT = "", 0 // a line from the last sprint must not replace the debrief's hints
	c.deliverResults()
	if c.Guard != nil {
		// A finished game leaves no save to continue.
		if err := c.Guard.Clear(); err != nil {
			c.Results += " (the finished game's save could not be removed: " + err.Error() + ")"
		}
		c.Saved = nil
	}
	c.Goto(NewEnd(c))
}

func (c *Ctx) autosave() {
	if c.Guard == nil || c.Game == nil || c.Seat != nil { // a pair game is kept by the room
		return
	}
	var src []byte
	if c.Entry != nil && c.Entry.SourceName != "" {
		src = c.Entry.Source
	}
	name := ""
	if c.Entry != nil {
		name = c.Entry.SourceName
	}
	if err := c.Guard.WriteGame(c.Game, name, src); err != nil && err != save.ErrBlocked {
		c.Say("Could not save: %v", err)
	}
}

// SaveNow saves on request (pause menu) and says so.
func (c *Ctx) SaveNow() {
	if c.Guard == nil || c.Guard.Store == nil {
		c.Say("Saving is off in this session.")
		return
	}
	if c.Guard.Blocked() {
		if !c.replaceAsked {
			c.replaceAsked = true
			c.Say("Not saved: an unreadable older save is kept. Press S again to replace it with this game.")
			return
		}
		c.Guard.Allow()
		c.Notice = ""
	}
	c.autosave()
	if c.Status == "" || !strings.HasPrefix(c.Status, "Could not") {
		c.Say("Saved to %s", c.Guard.Store.Where())
	}
}

// deliverResults writes the results file of the finished game.
func (c *Ctx) deliverResults() {
	if c.Sink == nil || c.Game == nil {
		return
	}
	if c.Seat != nil {
		c.keepPairFile(c.News)
		c.Results = c.pairResults()
		return
	}
	policy := "human"
	if c.Opts.Policy != nil {
		policy = c.Opts.Policy.Name()
	}
	f := results.FromGame(c.Game, policy)
	f.Player = c.Opts.Player
	if c.Entry != nil && c.Entry.SourceName != "" {
		f.ScenarioSource = string(c.Entry.Source)
	}
	b, err := f.Marshal()
	if err != nil {
		c.Results = "results not written: " + err.Error()
		return
	}
	name := fmt.Sprintf("results-%s-%s-%d.json", c.Game.Scenario().ID, c.Game.Role(), c.Game.Seed())
	where, err := c.Sink.Deliver(name, b)
	if err != nil {
		c.Results = "results not written: " + err.Error()
		return
	}
	c.Results = where
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Manager runs the current scene and the overlays above it.
type Manager struct {
	C        *Ctx
	scene    Scene
	overlays []Scene
	Fade     int // frames of the transition left
	visited  map[string]bool
}

// FadeFrames is how long a transition lasts.
const FadeFrames = 10

// NewManager starts at scene s.
func NewManager(c *Ctx, s Scene) *Manager {
	m := &Manager{C: c, scene: s, visited: map[string]bool{}}
	m.visited[s.Name()] = true
	return m
}

// Top is the scene that receives intents: the top overlay, or the scene.
func (m *Manager) Top() Scene {
	if n := len(m.overlays); n > 0 {
		return m.overlays[n-1]
	}
	return m.scene
}

// Scene is the scene under the overlays.
func (m *Manager) Scene() Scene { return m.scene }

// Name is the name of what the player sees: the top overlay or the scene.
func (m *Manager) Name() string { return m.Top().Name() }

// Visited lists the scene names seen so far.
func (m *Manager) Visited() map[string]bool { return m.visited }

// Handle passes an intent to the top scene. Help and pause are handled here, for every screen.
func (m *Manager) Handle(in input.Intent) {
	c := m.C
	if in.Kind != input.Hover && in.Kind != input.Drag {
		c.Dirty = true
	}
	if c.TooSmall() && in.IsPointer() {
		return // nothing under the pointer is where it is drawn
	}
	if in.Kind == input.Press && c.hold > 0 {
		return // the screen just changed under the pointer
	}
	top := m.Top()
	switch {
	case in.Kind == input.Help && top.Name() != "help":
		c.Open(helpOver(c, top))
	default:
		top.Handle(c, in)
	}
	m.settle()
}

func (m *Manager) settle() {
	c := m.C
	before := m.Top()
	for ; c.close > 0 && len(m.overlays) > 0; c.close-- {
		m.overlays = m.overlays[:len(m.overlays)-1]
		c.Dirty = true
	}
	c.close = 0
	if len(c.open) > 0 {
		m.overlays = append(m.overlays, c.open...)
		c.open = c.open[:0]
		c.Dirty = true
	}
	if c.next != nil {
		m.scene, c.next = c.next, nil
		m.overlays = m.overlays[:0]
		m.Fade = FadeFrames
		c.Dirty = true
	}
	if m.Top() != before {
		c.Hold() // the click that changed the screen must not reach the next one
	}
	m.visited[m.Name()] = true
}

// Tick advances a frame.
func (m *Manager) Tick() {
	c := m.C
	c.Frame++
	if c.hold > 0 {
		c.hold--
	}
	if c.statusT > 0 {
		c.statusT--
		if c.statusT == 0 {
			c.Status = ""
			c.Dirty = true
		}
	}
	if m.Fade > 0 {
		m.Fade--
	}
	c.tickSeat()
	m.scene.Tick(c)
	for _, o := range m.overlays {
		o.Tick(c)
	}
	m.settle()
}

// MinW and MinH are the smallest logical screen the layout is made for. Below it (a small browser
// window, a phone) the game shows a notice instead of panels drawn over each other.
const MinW, MinH = 960, 540

// TooSmall reports whether the screen is below the size the layout needs.
func (c *Ctx) TooSmall() bool { return c.W < MinW-0.5 || c.H < MinH-0.5 }

// Draw paints the scene and the overlays.
func (m *Manager) Draw(p *widget.Painter) {
	c := m.C
	if c.TooSmall() {
		drawTooSmall(c, p)
		return
	}
	m.scene.Draw(c, p)
	for _, o := range m.overlays {
		p.Fill(widget.R(0, 0, c.W, c.H), widget.Shade)
		o.Draw(c, p)
	}
}

// topDrawer is a scene that can redraw its top bar alone (the meters' animation).
type topDrawer interface {
	DrawTop(c *Ctx, p *widget.Painter) bool
}

// DrawTop redraws only the scene's top bar, when nothing covers it; it reports false when the
// whole screen must be drawn instead.
func (m *Manager) DrawTop(p *widget.Painter) bool {
	t, ok := m.scene.(topDrawer)
	if !ok || len(m.overlays) > 0 || m.C.Game == nil || m.C.TooSmall() {
		return false
	}
	return t.DrawTop(m.C, p)
}

// Resize sets the logical screen size.
func (m *Manager) Resize(w, h float64) {
	if w != m.C.W || h != m.C.H {
		m.C.W, m.C.H = w, h
		m.C.Dirty = true
	}
}

// drawTooSmall says the window is too small, and how to make room.
func drawTooSmall(c *Ctx, p *widget.Painter) {
	p.Fill(widget.R(0, 0, c.W, c.H), widget.Background)
	const title = "The window is too small"
	msg := fmt.Sprintf("Two Hats needs at least %d × %d; this window gives %.0f × %.0f. Make the window larger, zoom the page out (Ctrl and −), or turn a tablet sideways; a phone is too small. The game is paused and waits.", MinW, MinH, c.W, c.H)
	// The panel fits its text, centred, within the window.
	w := math.Min(520, c.W-32)
	th, mh := p.ParagraphHeight(title, widget.Heading, w-40), p.ParagraphHeight(msg, widget.Body, w-40)
	h := math.Min(th+8+mh+40, c.H-32)
	r := widget.R((c.W-w)/2, math.Max(16, (c.H-h)/2), w, h)
	p.Panel(r, 12, widget.Surface, widget.Blue, 2)
	in := r.Inset(20)
	y := in.Y + p.Paragraph(title, widget.Heading, in, widget.Ink) + 8
	p.Paragraph(msg, widget.Body, widget.R(in.X, y, in.W, in.Bottom()-y), widget.Ink)
}
