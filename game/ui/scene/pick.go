package scene

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

// ScenarioPick is the scenario choice: the shipped scenarios, and one from a file if given.
type ScenarioPick struct {
	m       menu
	Editing bool   // the seed is being typed
	typed   string // the digits typed so far
	seedBox widget.Rect
	seedStr string // "Seed 7", made when the seed changes
	seedFor uint64
}

// NewScenarioPick makes the scenario screen for the chosen role.
func NewScenarioPick(c *Ctx) *ScenarioPick {
	s := &ScenarioPick{m: menu{hover: -1, down: -1}}
	for i, e := range c.Entries() {
		it := menuItem{key: rune('1' + i)}
		switch {
		case e.Err != nil:
			it.label = e.ID
			it.disabled = "This scenario does not load: " + e.Err.Error()
		default:
			it.label = e.Sc.Title
			it.note = fmt.Sprintf("%d sprints · %d h each", e.Sc.Sprints, e.Sc.HoursPerSprint)
			if len(e.Sc.Roles) > 0 && !slices.Contains(e.Sc.Roles, c.Role.String()) {
				it.disabled = fmt.Sprintf("This scenario is not made for the %s role", c.Role.Title())
			}
		}
		if e.SourceName != "" {
			it.note = "from " + e.SourceName
		}
		s.m.items = append(s.m.items, it)
		if e.ID == c.Opts.Scenario || (e.SourceName != "" && e.SourceName == c.Opts.ScenarioFile) {
			s.m.Cur = i
		}
	}
	return s
}

// Name is "scenario".
func (s *ScenarioPick) Name() string { return "scenario" }

// Tick does nothing.
func (s *ScenarioPick) Tick(c *Ctx) {}

// maxSeedDigits bounds a typed seed (a uint64 has 20 digits; 12 are plenty to share).
const maxSeedDigits = 12

// Handle reacts to an intent. E (or a click on the seed) types a seed: digits, Backspace, Enter.
func (s *ScenarioPick) Handle(c *Ctx, in input.Intent) {
	if s.Editing {
		switch {
		case in.Kind == input.Shortcut && in.Rune >= '0' && in.Rune <= '9':
			if len(s.typed) < maxSeedDigits {
				s.typed += string(in.Rune)
			}
		case in.Kind == input.Erase:
			if s.typed != "" {
				s.typed = s.typed[:len(s.typed)-1]
			}
		case in.Kind == input.Confirm || in.Kind == input.Back || (in.Kind == input.Shortcut && in.Rune == 'E'):
			s.Editing = false
			if n, err := strconv.ParseUint(s.typed, 10, 64); err == nil && s.typed != "" {
				c.Opts.Seed = n
				c.Say("Seed %d: everyone with this seed plays the same world.", n)
			}
		}
		return
	}
	if in.Kind == input.Back {
		c.Goto(NewRole(c))
		return
	}
	if (in.Kind == input.Shortcut && in.Rune == 'E') || (in.Kind == input.Release && s.seedBox.Contains(in.X, in.Y)) {
		s.Editing, s.typed = true, ""
		return
	}
	if i := s.m.handle(c, in); i >= 0 {
		if err := c.StartGame(&c.Entries()[i], c.Role); err != nil {
			c.Say("%v", err)
		}
	}
}

// Auto picks the scenario asked for on the command line.
func (s *ScenarioPick) Auto(c *Ctx, _ *sim.Action) (input.Intent, bool) {
	want := 0
	for i, e := range c.Entries() {
		if e.ID == c.Opts.Scenario || (e.SourceName != "" && e.SourceName == c.Opts.ScenarioFile) {
			want = i
		}
	}
	return s.m.toward(want), true
}

// Draw paints the list and the focused scenario's summary.
func (s *ScenarioPick) Draw(c *Ctx, p *widget.Painter) {
	p.Fill(widget.R(0, 0, c.W, c.H), widget.Background)
	p.Text("Choose a scenario", widget.Title, 48, 40, widget.Ink)
	if s.seedFor != c.Opts.Seed || s.seedStr == "" {
		s.seedFor, s.seedStr = c.Opts.Seed, "Seed "+strconv.FormatUint(c.Opts.Seed, 10)
	}
	label := s.seedStr
	if s.Editing {
		label = "Seed " + s.typed + "▏"
	}
	x := p.Text("Playing as: "+c.Role.Title()+" ·", widget.Body, 48, 100, widget.InkMuted) + 56
	s.seedBox = widget.R(x, 94, math.Max(120, p.Width(label, widget.Mono)+24), 30)
	line, bw := widget.Border, 1.0
	if s.Editing {
		line, bw = widget.Focus, 2
	}
	p.Panel(s.seedBox, 6, widget.Surface, line, bw)
	p.Text(label, widget.Mono, s.seedBox.X+12, s.seedBox.Y+(30-widget.LineHeight(widget.Mono))/2, widget.Ink)
	hint := "E: type a seed · the same seed gives everyone the same world"
	if s.Editing {
		hint = "type digits · Backspace · Enter: done"
	}
	p.Text(p.Fit(hint, widget.Small, c.W-s.seedBox.Right()-60), widget.Small, s.seedBox.Right()+12, 102, widget.InkMuted)
	lw := min(560, c.W*0.5)
	s.m.draw(p, 48, 140, lw)
	r := widget.R(48+lw+32, 140, c.W-lw-48-32-48, c.H-140-64)
	p.Panel(r, 12, widget.Surface, widget.Border, 1)
	if s.m.Cur < len(c.Entries()) {
		e := c.Entries()[s.m.Cur]
		in := r.Inset(20)
		if e.Err != nil {
			p.Paragraph(e.Err.Error(), widget.Body, in, widget.VermilionInk)
		} else {
			y := in.Y
			y += p.Paragraph(e.Sc.Title, widget.Heading, widget.R(in.X, y, in.W, 60), widget.Ink) + 8
			y += p.Paragraph(e.Sc.Summary, widget.Body, widget.R(in.X, y, in.W, in.Bottom()-y), widget.Ink) + 16
			p.Text("Themes", widget.BodyBold, in.X, y, widget.Ink)
			y += 26
			// The themes flow as chips, several to a line, so that a small window shows them all.
			x := in.X
			for i, th := range e.Sc.Themes {
				w := 34 + p.Width(th.Name, widget.Body) + 16
				if x > in.X && x+w > in.Right() {
					x, y = in.X, y+30
				}
				if y+24 > in.Bottom() {
					p.Text(moreStr(len(e.Sc.Themes)-i), widget.Small, in.X, y, widget.InkMuted)
					break
				}
				col := widget.ThemeColor(i)
				chip := widget.R(x, y, 24, 24)
				p.Panel(chip, 4, col, col, 0)
				p.TextCenter(th.Letter, widget.BodyBold, chip.CX(), y+(24-widget.LineHeight(widget.BodyBold))/2, widget.InkOn(col))
				p.Text(th.Name, widget.Body, x+34, y+2, widget.Ink)
				x += w
			}
		}
	}
	statusLine(c, p, "↑ ↓ and Enter, or click · E: seed · Esc: back · load your own with --scenario FILE")
}
