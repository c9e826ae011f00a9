package scene

import (
	"fmt"
	"slices"

	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

// ScenarioPick is the scenario choice: the shipped scenarios, and one from a file if given.
type ScenarioPick struct {
	m     menu
	lines []string
}

// NewScenarioPick makes the scenario screen for the chosen role.
func NewScenarioPick(c *Ctx) *ScenarioPick {
	s := &ScenarioPick{m: menu{hover: -1}}
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

// Handle reacts to an intent.
func (s *ScenarioPick) Handle(c *Ctx, in input.Intent) {
	if in.Kind == input.Back {
		c.Goto(NewRole(c))
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
	p.Text("Playing as: "+c.Role.Title()+" · seed "+fmt.Sprint(c.Opts.Seed)+" (the same seed gives everyone the same world)", widget.Body, 48, 100, widget.InkMuted)
	lw := min(560, c.W*0.5)
	s.m.draw(p, 48, 140, lw)
	r := widget.R(48+lw+32, 140, c.W-lw-48-32-48, c.H-140-64)
	p.Panel(r, 12, widget.Surface, widget.Border, 1)
	if s.m.Cur < len(c.Entries()) {
		e := c.Entries()[s.m.Cur]
		in := r.Inset(20)
		if e.Err != nil {
			p.Paragraph(e.Err.Error(), widget.Body, in, widget.Vermilion)
		} else {
			y := in.Y
			y += p.Paragraph(e.Sc.Title, widget.Heading, widget.R(in.X, y, in.W, 60), widget.Ink) + 8
			y += p.Paragraph(e.Sc.Summary, widget.Body, widget.R(in.X, y, in.W, in.Bottom()-y), widget.Ink) + 16
			p.Text("Themes", widget.BodyBold, in.X, y, widget.Ink)
			y += 26
			for i, th := range e.Sc.Themes {
				col := widget.ThemeColor(i)
				chip := widget.R(in.X, y, 24, 24)
				p.Panel(chip, 4, col, col, 0)
				p.TextCenter(th.Letter, widget.BodyBold, chip.CX(), y+(24-widget.LineHeight(widget.BodyBold))/2, widget.InkOn(col))
				p.Text(th.Name, widget.Body, in.X+34, y+2, widget.Ink)
				y += 30
			}
		}
	}
	statusLine(c, p, "↑ ↓ and Enter, or click · Esc: back · load your own with --scenario FILE")
}
