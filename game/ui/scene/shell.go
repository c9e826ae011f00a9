package scene

import (
	"math"

	"twohats/game/sim"
	"twohats/game/ui/widget"
)

// shell is the one layout of every sprint screen: a top bar, the board in the middle, a context
// panel at the side and an action bar at the bottom.
type shell struct {
	top, tabs, board, side, bar widget.Rect
}

const (
	topH  = 64
	tabsH = 40
)

func layoutShell(c *Ctx, barH float64) shell {
	var L shell
	full := widget.R(0, 0, c.W, c.H)
	L.top, full = full.CutTop(topH)
	L.bar, full = full.CutBottom(barH)
	sideW := math.Round(math.Min(440, math.Max(280, c.W*0.3)))
	L.side, full = full.CutRight(sideW)
	full = full.Inset(widget.Grid * 2)
	L.tabs, L.board = full.CutTop(tabsH)
	L.board.Y += widget.Grid
	L.board.H -= widget.Grid
	L.side = L.side.Inset(widget.Grid * 2)
	return L
}

var phaseSteps = [...]string{"Strategy", "Planning", "Execution", "Review", "Retro"}

// topBar is the strings of the top bar, rebuilt when the game changes.
type topBar struct {
	ver               int
	sprint, day, role string
	scenario          string
	sub               string  // the role and the scenario's title, fitted
	subScale          float64 // the painter's scale sub was fitted at
	overtime          float64 // where overtime begins on the hours meter, as a share of it
	stressLine        float64 // where stress starts to build burnout (the scenario's burnout_from)
}

func (t *topBar) refresh(c *Ctx) {
	if t.ver == c.Track.Version && t.sprint != "" {
		return
	}
	v := c.V()
	s := v.View()
	t.ver = c.Track.Version
	t.overtime = math.Max(0, float64(v.OvertimeLine())/float64(v.Scenario().HoursPerSprint))
	t.stressLine = v.Scenario().Tuning.BurnoutFrom
	t.sprint = "Sprint " + num(float64(s.Sprint)) + " of " + num(float64(s.Sprints))
	t.day = ""
	if s.Phase == sim.PhaseExecution {
		t.day = "Day " + num(float64(s.Day)) + " of " + num(float64(s.Days))
	}
	if s.Player.OnLeave {
		t.day = "ON LEAVE"
	}
	t.role = v.Role().Title()
	if v.Pair() {
		t.role = s.Hat.String() + " in pair " + c.News.Code + " with " + partnerName(c.News)
	}
	t.scenario = v.Scenario().Title
	t.sub = ""
}

func drawTopBar(c *Ctx, p *widget.Painter, r widget.Rect, t *topBar) {
	t.refresh(c)
	s := c.V().View()
	p.Fill(r, widget.Bar)
	x := r.X + 16
	p.Text(t.sprint, widget.Heading, x, r.Y+8, widget.BarInk)
	if t.sub == "" || t.subScale != p.Scale {
		t.sub, t.subScale = t.role+" · "+p.Fit(t.scenario, widget.Small, 220), p.Scale
	}
	p.Text(t.sub, widget.Small, x, r.Y+36, widget.BarMuted)
	x += math.Max(p.Width(t.sprint, widget.Heading), 160) + 20

	// Phase steps: the current one is filled and underlined, past ones are ticked with a dot.
	meterW := 4 * 132.0
	stepsW := r.Right() - meterW - 16 - x
	// Too narrow for all five steps (below about 1100 px): only the current one, named in full.
	compact := stepsW < 5*86+110
	for i, name := range phaseSteps {
		if compact && int(s.Phase) != i {
			continue
		}
		label := name
		w := p.Width(label, widget.Small) + 16
		cr := widget.R(x, r.Y+12, w, 24)
		switch {
		case int(s.Phase) == i:
			p.Panel(cr, 12, widget.BarInk, widget.Alpha(widget.BarInk, 0), 0)
			p.TextCenter(label, widget.Small, cr.CX(), cr.Y+(24-widget.LineHeight(widget.Small))/2, widget.Bar)
		case int(s.Phase) > i:
			p.TextCenter(label, widget.Small, cr.CX(), cr.Y+(24-widget.LineHeight(widget.Small))/2, widget.BarMuted)
		default:
			p.Panel(cr, 12, widget.Bar, widget.BarRaised, 1)
			p.TextCenter(label, widget.Small, cr.CX(), cr.Y+(24-widget.LineHeight(widget.Small))/2, widget.BarMuted)
		}
		x += w + 4
	}
	if t.day != "" {
		cr := widget.R(x+8, r.Y+12, p.Width(t.day, widget.Mono)+16, 24)
		p.Panel(cr, 12, widget.Yellow, widget.Alpha(widget.Yellow, 0), 0)
		p.Text(t.day, widget.Mono, cr.X+8, cr.Y+(24-widget.LineHeight(widget.Mono))/2, widget.Ink)
	}

	// Meters, always in the same place at the right.
	mx := r.Right() - meterW - 8
	for i := range c.Track.Meters {
		drawMeter(c, p, widget.R(mx+float64(i)*132, r.Y+6, 124, r.H-12), &c.Track.Meters[i], i, t)
	}
}

func drawMeter(c *Ctx, p *widget.Painter, r widget.Rect, m *Meter, kind int, t *topBar) {
	p.Text(m.Label, widget.Small, r.X, r.Y, widget.BarMuted)
	val := m.Text
	if kind == MAlign && c.V().View().Value == 0 {
		val = "—" // nothing shipped yet
	}
	p.TextRight(val, widget.Mono, r.Right(), r.Y, widget.BarInk)
	fill := widget.SkyBlue
	v := m.Shown / m.Max
	// The danger zone of each meter, from the scenario's own thresholds: stress past burnout_from
	// builds burnout; hours left below the overtime line are overtime. It is hatched, so the level
	// reads without colour.
	z0, z1 := 0.0, 0.0
	switch kind {
	case MHours:
		z0, z1 = 0, t.overtime
		if v < t.overtime {
			fill = widget.Orange
		}
	case MStress:
		fill = widget.Orange
		z0, z1 = t.stressLine, 1
		if v > t.stressLine {
			fill = widget.Vermilion
		}
	case MBurnout:
		fill = widget.Vermilion
	case MAlign:
		fill = widget.Green
	}
	track := widget.R(r.X, r.Y+22, r.W, 10)
	p.Meter(track, v, fill, widget.BarRaised)
	if z1 > z0 {
		p.Hatch(widget.R(track.X+track.W*z0, track.Y, track.W*(z1-z0), track.H), widget.Alpha(widget.BarInk, 0.35), 4)
		// The line itself, a little taller than the track.
		lx := track.X + track.W*z0
		if kind == MHours {
			lx = track.X + track.W*z1
		}
		p.Fill(widget.R(lx-1, track.Y-3, 2, track.H+6), widget.BarInk)
	}
	if m.DeltaT > 0 {
		good := m.Delta > 0
		if m.HighBad {
			good = !good
		}
		col := widget.Green
		if !good {
			col = widget.Vermilion
		}
		if kind == MHours {
			col = widget.BarMuted // spending hours is neither good nor bad
		}
		a := math.Min(1, float64(m.DeltaT)/40)
		chip := widget.R(r.X, r.Y+36, p.Width(m.DChip, widget.Mono)+10, 18)
		p.PanelFade(chip, 4, col, widget.Alpha(col, 0), 0, a)
		p.Text(m.DChip, widget.Mono, chip.X+5, chip.Y+(18-widget.LineHeight(widget.Mono))/2, widget.Alpha(widget.InkOn(col), a))
	}
}
