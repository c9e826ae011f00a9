package scene

import (
	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

// Title is the first screen: continue, new game, help, quit. It also asks before a new game
// replaces a saved game that cannot be read.
type Title struct {
	m       menu
	Asking  bool // "replace the unreadable save?"
	problem string
}

// NewTitle makes the title screen.
func NewTitle(c *Ctx) *Title {
	t := &Title{m: menu{hover: -1}}
	if c.Saved != nil {
		note := c.Saved.Scenario + " · " + c.Saved.Role.Title() + " · " + num(float64(len(c.Saved.Actions))) + " decisions"
		t.m.items = append(t.m.items, menuItem{key: 'C', label: "Continue", note: note})
	}
	t.m.items = append(t.m.items,
		menuItem{key: 'N', label: "New game"},
		menuItem{key: 'H', label: "How to play"},
		menuItem{key: 'Q', label: "Quit"})
	if c.Guard != nil && c.Guard.Problem != nil {
		t.problem = c.Guard.Problem.Error()
	}
	return t
}

// Name is "title".
func (t *Title) Name() string { return "title" }

// Tick does nothing.
func (t *Title) Tick(c *Ctx) {}

// Handle reacts to an intent.
func (t *Title) Handle(c *Ctx, in input.Intent) {
	if t.Asking {
		switch {
		case in.Kind == input.Shortcut && in.Rune == 'Y':
			c.Guard.Allow()
			t.Asking = false
			c.Goto(NewRole(c))
		case in.Kind == input.Back || (in.Kind == input.Shortcut && in.Rune == 'N'):
			t.Asking = false
		}
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
		if c.Guard != nil && c.Guard.Blocked() {
			t.Asking = true
			return
		}
		c.Goto(NewRole(c))
	case 'H':
		c.Open(NewHelp())
	case 'Q':
		c.Quit = true
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
	// Two hats: two overlapping discs, orange and sky blue, with letters.
	cx, cy := c.W/2, c.H*0.2
	p.Dot(cx-30, cy, 44, widget.Orange)
	p.Dot(cx+30, cy, 44, widget.SkyBlue)
	p.TextCenter("PM", widget.Heading, cx-46, cy-14, widget.Ink)
	p.TextCenter("PO", widget.Heading, cx+46, cy-14, widget.Ink)
	p.TextCenter("Two Hats", widget.Title, cx, cy+60, widget.Ink)
	p.TextCenter("A Scrum game about wearing the Product Manager hat, the Product Owner hat, or both.", widget.Body, cx, cy+116, widget.InkMuted)
	w := 380.0
	t.m.draw(p, cx-w/2, cy+160, w)
	if t.problem != "" {
		r := widget.R(cx-300, c.H-170, 600, 110)
		p.Panel(r, 10, widget.Surface, widget.Vermilion, 2)
		p.Text("! Saved game not usable", widget.BodyBold, r.X+16, r.Y+10, widget.Vermilion)
		p.Paragraph(t.problem+" It is kept as it is; a new game will ask before replacing it.", widget.Small, widget.R(r.X+16, r.Y+34, r.W-32, 70), widget.Ink)
	}
	if t.Asking {
		p.Fill(widget.R(0, 0, c.W, c.H), widget.Shade)
		r := widget.R(cx-280, c.H/2-80, 560, 160)
		p.Panel(r, 12, widget.Surface, widget.Vermilion, 2)
		p.Text("Replace the unreadable saved game?", widget.Heading, r.X+20, r.Y+16, widget.Ink)
		p.Paragraph("A new game saves as you play and will write over it. It cannot be recovered.", widget.Body, widget.R(r.X+20, r.Y+52, r.W-40, 50), widget.Ink)
		p.Text("Y  replace it      N / Esc  keep it", widget.BodyBold, r.X+20, r.Y+116, widget.Blue)
	}
	statusLine(c, p, "↑ ↓ and Enter, or click · F1 help")
}

var _ = sim.RoleBoth
