package scene

import (
	"fmt"
	"image/color"
	"math"

	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

// End is the debrief: the score, the grade, each part of the outcome, per-sprint charts and the
// decisions that helped and hurt most.
type End struct {
	o            sim.Outcome
	score, grade string
	dims         [6][2]string
	dimV         [6]float64
	helped, hurt []string
	sub          string
	maxVal       float64
	sprintLbl    []string
	m            menu

	resultsFor, resultsLine string // "Results file: …", made when the results were delivered
}

// NewEnd makes the end screen and delivers the results file.
func NewEnd(c *Ctx) *End {
	g := c.Game
	e := &End{o: g.Outcome(), m: menu{hover: -1, items: []menuItem{{key: 'N', label: "New game"}, {key: 'Q', label: "Quit"}}}}
	o := e.o
	e.score = fmt.Sprintf("%.0f", o.Score)
	e.grade = o.Grade
	e.sub = fmt.Sprintf("%s · %s · seed %d · %d sprints played", g.Scenario().Title, g.Role().Title(), g.Seed(), o.SprintsPlayed)
	names := [6]string{"Value delivered", "Alignment (built vs roadmap)", "Strategy fit (roadmap vs market)", "Stakeholder trust", "Team health", "Burnout peak (counts against)"}
	vals := [6]float64{o.ValueShare, o.Alignment, o.StrategyFit, o.StakeholderTrust, o.TeamHealth, o.BurnoutPeak}
	for i := range names {
		e.dims[i] = [2]string{names[i], pct(vals[i])}
		e.dimV[i] = vals[i]
	}
	if o.BurnedOut {
		e.dims[5][1] += " · burned out"
	}
	h, u := g.Turnings(4)
	for _, t := range h {
		e.helped = append(e.helped, fmt.Sprintf("+%.1f  %s", t.Impact, t.Text))
	}
	for _, t := range u {
		e.hurt = append(e.hurt, fmt.Sprintf("−%.1f  %s", -t.Impact, t.Text))
	}
	for i, r := range g.State().History {
		e.maxVal = math.Max(e.maxVal, r.Value)
		e.sprintLbl = append(e.sprintLbl, fmt.Sprint(i+1))
	}
	c.Finished = true
	c.deliverResults()
	if c.Guard != nil {
		c.Guard.Clear() // a finished game leaves no save to continue
		c.Saved = nil
	}
	return e
}

// Name is "end".
func (e *End) Name() string { return "end" }

// Tick does nothing.
func (e *End) Tick(c *Ctx) {}

// Handle reacts to an intent.
func (e *End) Handle(c *Ctx, in input.Intent) {
	switch e.m.handle(c, in) {
	case 0:
		c.Game, c.Track, c.Finished = nil, nil, false
		c.Goto(NewTitle(c))
	case 1:
		c.Quit = true
	}
}

// Auto stays.
func (e *End) Auto(c *Ctx, _ *sim.Action) (input.Intent, bool) { return input.Intent{}, false }

// Draw paints the debrief.
func (e *End) Draw(c *Ctx, p *widget.Painter) {
	p.Fill(widget.R(0, 0, c.W, c.H), widget.Background)
	g := c.Game
	p.Text("Debrief", widget.Title, 40, 24, widget.Ink)
	p.Text(p.Fit(e.sub, widget.Body, c.W-440), widget.Body, 40, 76, widget.InkMuted)
	// Grade and score.
	gr := widget.R(40, 124, 150, 150)
	col := gradeColor(e.grade)
	p.Panel(gr, 16, col, color.RGBA{}, 0)
	p.TextCenter(e.grade, widget.Title, gr.CX(), gr.Y+22, widget.InkOn(col))
	p.TextCenter(e.score+" / 100", widget.MonoBold, gr.CX(), gr.Y+96, widget.InkOn(col))
	// Dimensions.
	dx := gr.Right() + 32
	dw := math.Min(460, math.Max(400, c.W*0.36))
	for i, d := range e.dims {
		y := 124 + float64(i)*26
		p.Text(d[0], widget.Body, dx, y, widget.Ink)
		mr := widget.R(dx+250, y+7, dw-250-70, 10)
		fill := widget.Blue
		if i == 5 {
			fill = widget.Vermilion
		}
		p.Meter(mr, e.dimV[i], fill, widget.Sunken)
		p.Text(d[1], widget.Mono, mr.Right()+8, y+1, widget.Ink)
	}
	// Charts per sprint.
	cx := dx + dw + 24
	cw := c.W - cx - 40
	hist := g.State().History
	if cw > 200 {
		ch := 150.0
		e.chart(c, p, widget.R(cx, 124, cw, ch), "Value shipped per sprint", hist, func(r sim.SprintRecord) float64 { return r.Value }, math.Max(1, e.maxVal), widget.Green, true)
	}
	chartsY := 290.0
	chH := math.Max(110, math.Min(150, (c.H-chartsY-50)/2-16))
	half := (c.W - 80 - 24) / 2
	e.chart(c, p, widget.R(40, chartsY, half, chH), "Alignment per sprint", hist, func(r sim.SprintRecord) float64 { return r.Alignment }, 1, widget.Blue, false)
	e.chart(c, p, widget.R(40+half+24, chartsY, half, chH), "Burnout at each sprint's end", hist, func(r sim.SprintRecord) float64 { return r.Burnout }, 1, widget.Vermilion, false)
	// Turnings.
	ty := chartsY + chH + 16
	tw := half
	e.list(p, widget.R(40, ty, tw, c.H-ty-56), "▲ Helped most", e.helped, widget.Green)
	e.list(p, widget.R(40+half+24, ty, tw, c.H-ty-56), "▼ Hurt most", e.hurt, widget.Vermilion)
	// Menu at the top right; the results file's place under the title.
	e.m.drawRow(p, c.W-40-2*160-16, 30, 160)
	if c.Results != "" {
		if e.resultsFor != c.Results {
			e.resultsFor, e.resultsLine = c.Results, "Results file: "+c.Results
		}
		p.Text(p.Fit(e.resultsLine, widget.Small, c.W-520), widget.Small, 40, 100, widget.InkMuted)
	}
	statusLine(c, p, "N: new game · Q: quit · F1: help")
}

func (e *End) list(p *widget.Painter, r widget.Rect, title string, lines []string, col color.RGBA) {
	p.Panel(r, 10, widget.Surface, widget.Border, 1)
	p.Text(title, widget.BodyBold, r.X+12, r.Y+8, col)
	y := r.Y + 34
	if len(lines) == 0 {
		p.Text("nothing stood out", widget.Small, r.X+12, y, widget.InkMuted)
	}
	for _, l := range lines {
		if y > r.Bottom()-20 {
			break
		}
		y += p.Paragraph(l, widget.Small, widget.R(r.X+12, y, r.W-24, math.Min(40, r.Bottom()-y)), widget.Ink) + 4
	}
}

func (e *End) chart(c *Ctx, p *widget.Painter, r widget.Rect, title string, hist []sim.SprintRecord, f func(sim.SprintRecord) float64, top float64, col color.RGBA, bars bool) {
	p.Panel(r, 10, widget.Surface, widget.Border, 1)
	p.Text(title, widget.BodyBold, r.X+12, r.Y+8, widget.Ink)
	if role := c.Game.Role().Title(); p.Width(title, widget.BodyBold)+p.Width(role, widget.Small)+40 < r.W {
		p.TextRight(role, widget.Small, r.Right()-12, r.Y+10, col)
	}
	plot := widget.R(r.X+44, r.Y+38, r.W-60, r.H-68)
	p.Fill(widget.R(plot.X, plot.Y, 1, plot.H), widget.InkMuted)
	p.Fill(widget.R(plot.X, plot.Bottom(), plot.W, 1), widget.InkMuted)
	topLbl := "100%"
	if bars {
		topLbl = num(top)
	}
	p.TextRight(topLbl, widget.Small, plot.X-4, plot.Y-8, widget.InkMuted)
	p.TextRight("0", widget.Small, plot.X-4, plot.Bottom()-10, widget.InkMuted)
	n := len(hist)
	if n == 0 {
		return
	}
	step := plot.W / float64(n)
	px, py := 0.0, 0.0
	for i, h := range hist {
		v := math.Max(0, math.Min(1, f(h)/top))
		x := plot.X + step*(float64(i)+0.5)
		y := plot.Bottom() - plot.H*v
		if bars {
			p.Fill(widget.R(x-step*0.3, y, step*0.6, plot.Bottom()-y), col)
		} else {
			if i > 0 {
				p.Line(px, py, x, y, 3, col)
			}
			p.Dot(x, y, 4, col)
		}
		px, py = x, y
		if i < len(e.sprintLbl) {
			p.TextCenter(e.sprintLbl[i], widget.Small, x, plot.Bottom()+2, widget.InkMuted)
		}
	}
	p.Text("sprint", widget.Small, plot.Right()-36, r.Bottom()-18, widget.InkMuted)
}

func gradeColor(g string) color.RGBA {
	switch g {
	case "A":
		return widget.Green
	case "B":
		return widget.SkyBlue
	case "C":
		return widget.Yellow
	case "D":
		return widget.Orange
	}
	return widget.Vermilion
}
