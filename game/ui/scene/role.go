package scene

import (
	"fmt"
	"image/color"

	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

// Role is the role choice: Product Manager, Product Owner, or both hats.
type Role struct {
	Cur   int
	cards [3]widget.Rect
	hover int
	down  int // the card a press began on, −1
}

// NewRole makes the role screen.
func NewRole(c *Ctx) *Role {
	r := &Role{Cur: 2, hover: -1, down: -1}
	for i, x := range sim.Roles {
		if x == c.Opts.Role {
			r.Cur = i
		}
	}
	return r
}

// Name is "role".
func (r *Role) Name() string { return "role" }

// Tick does nothing.
func (r *Role) Tick(c *Ctx) {}

var roleText = [3]struct{ does, costs string }{
	{"You own the why and the what: research the market, interview customers, set the roadmap and keep the executives on side. A colleague Product Owner runs the backlog and the team day to day.",
		"Your strategy reaches the team only through your colleague. Unless you sync, they drift toward whoever shouts loudest."},
	{"You own the how and the when: order the backlog, write acceptance criteria, plan each sprint with the team, answer stakeholders and accept or reject the increment. A colleague Product Manager sets the roadmap.",
		"You hear about the market late and blurred unless you sync with your Product Manager."},
	{"You do both jobs, as in many startups: strategy and backlog, customers and team. Decisions are fast and strategy and execution stay aligned.",
		"One week of hours has to cover both jobs, and switching hats adds stress. Watch your burnout."},
}

// Handle reacts to an intent.
func (r *Role) Handle(c *Ctx, in input.Intent) {
	switch in.Kind {
	case input.Back:
		c.Goto(NewTitle(c))
	case input.Left, input.Up:
		r.Cur = max(0, r.Cur-1)
	case input.Right, input.Down:
		r.Cur = min(2, r.Cur+1)
	case input.Shortcut:
		if in.Rune >= '1' && in.Rune <= '3' {
			r.Cur = int(in.Rune - '1')
			r.pick(c)
		}
	case input.Confirm, input.Toggle:
		r.pick(c)
	case input.Hover:
		h := -1
		for i, cr := range r.cards {
			if cr.Contains(in.X, in.Y) {
				h = i
			}
		}
		if h != r.hover {
			r.hover, c.Dirty = h, true
		}
	case input.Press:
		r.down = -1
		for i, cr := range r.cards {
			if cr.Contains(in.X, in.Y) {
				r.down = i
			}
		}
	case input.Release:
		// A card is chosen on release, and only the card the press began on.
		d := r.down
		r.down = -1
		if d >= 0 && r.cards[d].Contains(in.X, in.Y) {
			r.Cur = d
			r.pick(c)
		}
	}
}

func (r *Role) pick(c *Ctx) {
	c.Role = sim.Roles[r.Cur]
	c.Goto(NewScenarioPick(c))
}

// Auto picks the role asked for on the command line, or both hats.
func (r *Role) Auto(c *Ctx, _ *sim.Action) (input.Intent, bool) {
	want := 2
	for i, x := range sim.Roles {
		if x == c.Opts.Role {
			want = i
		}
	}
	switch {
	case r.Cur < want:
		return input.Of(input.Right), true
	case r.Cur > want:
		return input.Of(input.Left), true
	}
	return input.Of(input.Confirm), true
}

// Draw paints the three role cards.
func (r *Role) Draw(c *Ctx, p *widget.Painter) {
	p.Fill(widget.R(0, 0, c.W, c.H), widget.Background)
	p.Text("Which hat will you wear?", widget.Title, 48, 40, widget.Ink)
	p.Text("Organisations use these titles differently; here is what each means in this game.", widget.Body, 48, 100, widget.InkMuted)
	gap := 24.0
	w := (c.W - 96 - 2*gap) / 3
	h := c.H - 140 - 40 - 56
	cols := [3]color.RGBA{widget.Orange, widget.SkyBlue, widget.Green}
	// Body text, or on every card the small size when a small window would cut one.
	f := widget.Body
	for i := range roleText {
		if 60+p.ParagraphHeight(roleText[i].does, f, w-40)+36+p.ParagraphHeight(roleText[i].costs, f, w-40) > h-12 {
			f = widget.Small
		}
	}
	for i, role := range sim.Roles {
		cr := widget.R(48+float64(i)*(w+gap), 136, w, h)
		r.cards[i] = cr
		line := widget.Border
		bw := 1.0
		if i == r.Cur {
			line, bw = widget.Focus, 3
		} else if i == r.hover {
			line, bw = widget.Orange, 2
		}
		p.Panel(cr, 12, widget.Surface, line, bw)
		p.Panel(widget.R(cr.X, cr.Y, cr.W, 10), 5, cols[i], color.RGBA{}, 0)
		p.Text(fmt.Sprint(i+1), widget.Mono, cr.X+20, cr.Y+24, widget.InkMuted)
		p.Text(role.Title(), widget.Heading, cr.X+44, cr.Y+20, widget.Ink)
		y := cr.Y + 60
		tw := cr.W - 40
		y += p.Paragraph(roleText[i].does, f, widget.R(cr.X+20, y, tw, cr.Bottom()-y-60), widget.Ink)
		p.Text("What it costs", widget.BodyBold, cr.X+20, y+12, widget.VermilionInk)
		p.Paragraph(roleText[i].costs, f, widget.R(cr.X+20, y+36, tw, cr.Bottom()-y-44), widget.Ink)
	}
	statusLine(c, p, "← → and Enter, 1–3, or click · Esc: back · F1: help")
}
