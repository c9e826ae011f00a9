package scene

import (
	"math"
	"strconv"

	"twohats/game/results"
	"twohats/game/save"
	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
	"twohats/scenarios"
)

// Title is the first screen: continue, new game, help, quit. It asks before a new game replaces a
// saved game, whether that save is good or cannot be read, and when a link (flags or URL) names
// a game it offers to continue the saved game if it is the same one.
type Title struct {
	m       menu
	Asking  bool // a question is showing
	ask     askKind
	problem string
	link    *Entry // the game a link asked for, while the player decides
	linkR   sim.Role
	q, qb   string // the question and its detail
	keys    string // the answer keys
}

type askKind uint8

const (
	askNone       askKind = iota
	askBroken             // a new game would replace a save that cannot be read
	askReplace            // a new game would replace a good save
	askLinkSame           // a link names the saved game: continue it or start again
	askLinkOther          // a link names another game than the saved one
	askLinkBroken         // a link, and a save that cannot be read
)

// NewTitle makes the title screen.
func NewTitle(c *Ctx) *Title {
	t := &Title{m: menu{hover: -1, down: -1}}
	if c.Saved != nil {
		t.m.items = append(t.m.items, menuItem{key: 'C', label: "Continue", note: saveNote(c.Saved)})
	}
	t.m.items = append(t.m.items,
		menuItem{key: 'N', label: "New game"},
		menuItem{key: 'J', label: "Join a pair game", note: "two people, one hat each, at a workshop room"},
		menuItem{key: 'H', label: "How to play"},
		menuItem{key: 'Q', label: "Quit"})
	if c.Guard != nil && c.Guard.Problem != nil {
		t.problem = c.Guard.Problem.Error()
	}
	return t
}

// saveNote says which game a save holds: "startup · Product Owner · sprint 3 of 6 · seed 7". The
// sprint comes from replaying the save's decisions (a fraction of a millisecond).
func saveNote(f *save.File) string {
	note := f.Scenario + " · " + f.Role.Title()
	if g, err := save.Rebuild(*f, nil); err == nil {
		st := g.State()
		note += " · sprint " + num(float64(st.Sprint)) + " of " + num(float64(st.Sprints))
	}
	return note + " · seed " + strconv.FormatUint(f.Seed, 10)
}

// NewTitleLink makes the title screen for a link whose game would replace the saved one: it asks
// first.
func NewTitleLink(c *Ctx, e *Entry, r sim.Role) *Title {
	t := NewTitle(c)
	t.link, t.linkR = e, r
	var problem error
	if c.Guard != nil {
		problem = c.Guard.Problem
	}
	switch save.Decide(linkOf(e, r, c.Opts.Seed), c.Saved, problem) {
	case save.Continue:
		t.setAsk(askLinkSame)
	case save.Replace:
		t.setAsk(askLinkOther)
	case save.Unusable:
		t.setAsk(askLinkBroken)
	}
	return t
}

// linkOf is the game a link names, by the content of its scenario (a facilitator's edited copy of
// a shipped scenario is another game), its role and its seed: what the save package matches.
func linkOf(e *Entry, r sim.Role, seed uint64) save.Link {
	src := e.Source
	if len(src) == 0 {
		src, _ = scenarios.Source(e.ID)
	}
	return save.Link{ScenarioHash: results.Hash(src), Role: r, Seed: seed}
}

func (t *Title) setAsk(k askKind) {
	t.Asking, t.ask = k != askNone, k
	switch k {
	case askBroken:
		t.q = "Replace the unreadable saved game?"
		t.qb = "A new game saves as you play and will write over it. It cannot be recovered."
		t.keys = "Y  replace it      N / Esc  keep it"
	case askReplace:
		t.q = "Replace your saved game?"
		t.qb = "A new game saves as you play and will write over the game you can continue now."
		t.keys = "Y  replace it      C  continue it      N / Esc  keep it"
	case askLinkSame:
		t.q = "Continue your saved game?"
		t.qb = "The link names the game you have saved (same scenario, role and seed). Continue where you left off, or start it again from the beginning."
		t.keys = "C  continue      Y  start again (replaces the save)      Esc  title"
	case askLinkOther:
		t.q = "Replace your saved game?"
		t.qb = "The link starts another game than the one you have saved. Starting it replaces the save."
		t.keys = "Y  start it (replaces the save)      C  continue the saved game      Esc  title"
	case askLinkBroken:
		t.q = "An unreadable saved game is kept"
		t.qb = "The link's game can start, but it will not be saved while the old save is kept. Replace the old save, or play without saving."
		t.keys = "Y  replace it and save      P  play without saving      Esc  title"
	}
}

// Name is "title".
func (t *Title) Name() string { return "title" }

// Tick does nothing.
func (t *Title) Tick(c *Ctx) {}

// Handle reacts to an intent.
func (t *Title) Handle(c *Ctx, in input.Intent) {
	if t.Asking {
		t.answer(c, in)
		return
	}
	if in.Kind == input.Back {
		return
	}
	i := t.m.handle(c, in)
	if i < 0 {
		return
	}
	switch t.m.items[i].key {
	case 'C':
		if err := c.Continue(*c.Saved); err != nil {
			c.Say("%v", err)
		}
	case 'N':
		switch {
		case c.Guard != nil && c.Guard.Blocked():
			t.setAsk(askBroken)
		case c.Saved != nil:
			t.setAsk(askReplace)
		default:
			c.Goto(NewRole(c))
		}
	case 'J':
		c.Goto(NewJoin(c, false))
	case 'H':
		c.Open(NewHelp())
	case 'Q':
		c.Quit = true
	}
}

func (t *Title) answer(c *Ctx, in input.Intent) {
	key := rune(0)
	if in.Kind == input.Shortcut {
		key = in.Rune
	}
	if in.Kind == input.Back || (key == 'N' && t.ask != askLinkSame) {
		t.setAsk(askNone)
		t.link = nil
		return
	}
	start := func() {
		if t.link != nil {
			if err := c.StartGame(t.link, t.linkR); err != nil {
				c.Say("%v", err)
			}
			return
		}
		c.Goto(NewRole(c))
	}
	switch {
	case key == 'Y':
		if c.Guard != nil {
			c.Guard.Allow()
		}
		t.setAsk(askNone)
		start()
	case key == 'C' && c.Saved != nil && t.ask != askBroken && t.ask != askLinkBroken:
		t.setAsk(askNone)
		if err := c.Continue(*c.Saved); err != nil {
			c.Say("%v", err)
		}
	case key == 'P' && t.ask == askLinkBroken:
		t.setAsk(askNone)
		start()
		c.Notice = "Not saving: an unreadable older save is kept. Pause (Esc) → Save replaces it."
	}
}

// Auto starts a new game.
func (t *Title) Auto(c *Ctx, _ *sim.Action) (input.Intent, bool) {
	if t.Asking {
		return input.Key('Y'), true
	}
	for i, it := range t.m.items {
		if it.key == 'N' {
			return t.m.toward(i), true
		}
	}
	return input.Intent{}, false
}

// Draw paints the title screen.
func (t *Title) Draw(c *Ctx, p *widget.Painter) {
	p.Fill(widget.R(0, 0, c.W, c.H), widget.Background)
	// The name, the tagline, the menu and, when the save cannot be read, the problem's panel, from
	// ty (the name's top) down. A short window (960x540 with a saved game, or with a problem) moves
	// them up so that nothing reaches the status bar, and drops the logo when it has no room.
	below := float64(len(t.m.items))*56 - 8
	if t.problem != "" {
		below += 12 + 110
	}
	ty := max(24, min(c.H*0.2+60, c.H-40-16-100-below))
	cx := c.W / 2
	if cy := ty - 60; cy-44 >= 8 {
		// Two hats: two overlapping discs, orange and sky blue, with letters.
		p.Dot(cx-30, cy, 44, widget.Orange)
		p.Dot(cx+30, cy, 44, widget.SkyBlue)
		p.TextCenter("PM", widget.Heading, cx-46, cy-14, widget.Ink)
		p.TextCenter("PO", widget.Heading, cx+46, cy-14, widget.Ink)
	}
	p.TextCenter("Two Hats", widget.Title, cx, ty, widget.Ink)
	p.TextCenter(p.Fit("A Scrum game about wearing the Product Manager hat, the Product Owner hat, or both.", widget.Body, c.W-48), widget.Body, cx, ty+56, widget.InkMuted)
	w := min(c.W-48, max(380, math.Ceil(t.m.width(p))))
	t.m.draw(p, cx-w/2, ty+100, w)
	if t.problem != "" {
		r := widget.R(cx-300, ty+100+float64(len(t.m.items))*56-8+12, 600, 110)
		p.Panel(r, 10, widget.Surface, widget.Vermilion, 2)
		p.Text("! Saved game not usable", widget.BodyBold, r.X+16, r.Y+10, widget.VermilionInk)
		p.Paragraph(t.problem+" It is kept as it is; a new game will ask before replacing it.", widget.Small, widget.R(r.X+16, r.Y+34, r.W-32, 70), widget.Ink)
	}
	if t.Asking {
		p.Fill(widget.R(0, 0, c.W, c.H), widget.Shade)
		qw := min(640, c.W-48)
		r := widget.R(cx-qw/2, c.H/2-90, qw, 180)
		p.Panel(r, 12, widget.Surface, widget.Vermilion, 2)
		p.Text(t.q, widget.Heading, r.X+20, r.Y+16, widget.Ink)
		p.Paragraph(t.qb, widget.Body, widget.R(r.X+20, r.Y+52, r.W-40, 70), widget.Ink)
		p.Text(p.Fit(t.keys, widget.BodyBold, r.W-40), widget.BodyBold, r.X+20, r.Y+136, widget.Blue)
	}
	statusLine(c, p, "↑ ↓ and Enter, or click · F1 help")
}
