package scene

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

// End is the debrief: the score, the grade, each part of the outcome, per-sprint charts and the
// decisions that helped and hurt most.
type End struct {
	o            sim.Outcome
	score, grade string
	dims         [6][3]string // name, value, weight
	page         int          // on a short screen, 0: the turning points, 1: the charts
	weightNote   string
	dimV         [6]float64
	helped, hurt []string
	sub          string
	role         string // the charts' label: the role, or the pair
	maxVal       float64
	sprintLbl    []string
	m            menu

	resultsFor   string   // the Ctx's Results the lines were made for
	resultsW     float64  // and the window's width
	resultsLines []string // "Results file: …", wrapped to the width
}

// resultsLines says where the results went, on one line when it fits; else each clause (a pair's
// copy is one) on a line of its own, a path broken only where it must be. At most three lines:
// past that the last is cut, so that the debrief below keeps its room.
func resultsLines(p *widget.Painter, results string, w float64) []string {
	if results == "" {
		return nil
	}
	line := "Results file: " + results
	if p.Width(line, widget.Small) <= w {
		return []string{line}
	}
	var lines []string
	head, copyAt, split := strings.Cut(results, copySep)
	lines = append(lines, p.WrapAll("Results file: "+head, widget.Small, w)...)
	if split {
		lines = append(lines, p.WrapAll("Your copy: "+copyAt, widget.Small, w)...)
	}
	if len(lines) > 3 {
		lines = append(lines[:2], p.Fit(strings.Join(lines[2:], " "), widget.Small, w))
	}
	return lines
}

// NewEnd makes the end screen. It does no I/O: the results were delivered when the game ended
// (Ctx.finish).
func NewEnd(c *Ctx) *End {
	v := c.V()
	e := &End{o: v.Outcome(), m: menu{hover: -1, down: -1, items: []menuItem{{key: 'G', label: "New game"}, {key: 'Q', label: "Quit"}}}}
	o := e.o
	t := v.Scenario().Tuning
	e.score = fmt.Sprintf("%.0f", o.Score)
	e.grade = o.Grade
	e.role = v.Role().Title()
	e.sub = fmt.Sprintf("%s · %s · seed %d · %d sprints played", v.Scenario().Title, e.role, v.Seed(), o.SprintsPlayed)
	if v.Pair() {
		// A pair's debrief names both players: the score is theirs together.
		e.role = sim.RolePair.Title()
		e.sub = fmt.Sprintf("%s · pair %s: %s · seed %d · %d sprints · %d syncs", v.Scenario().Title, c.News.Code, c.News.Players(), v.Seed(), o.SprintsPlayed, v.View().Syncs)
	}
	names := [6]string{"Value delivered", "Alignment (built vs roadmap)", "Strategy fit (roadmap vs market)", "Stakeholder trust", "Team health", "Burnout peak (counts against)"}
	vals := [6]float64{o.ValueShare, o.Alignment, o.StrategyFit, o.StakeholderTrust, o.TeamHealth, o.BurnoutPeak}
	weights := [6]float64{t.WeightValue, t.WeightAlignment, t.WeightFit, t.WeightTrust, t.WeightHealth, t.WeightBurnout}
	positive := weights[0] + weights[1] + weights[2] + weights[3] + weights[4]
	for i := range names {
		w := weights[i]
		if positive > 0 {
			w /= positive
		}
		sgn := "×"
		if i == 5 {
			sgn = "−×"
		}
		e.dims[i] = [3]string{names[i], pct(vals[i]), sgn + " " + pct(w)}
		e.dimV[i] = vals[i]
	}
	if o.BurnedOut {
		// In the name, not beside the figure: the figure's column is narrow.
		e.dims[5][0] = "Burnout peak (burned out)"
	}
	e.weightNote = "Score = the weighted sum of the first five, less the burnout peak at its weight (weights in the last column)."
	h, u := v.Turnings(5)
	for _, x := range h {
		e.helped = append(e.helped, fmt.Sprintf("+%.1f  %s", x.Impact, x.Text))
	}
	for _, x := range u {
		e.hurt = append(e.hurt, fmt.Sprintf("−%.1f  %s", -x.Impact, x.Text))
	}
	for i, r := range v.History() {
		e.maxVal = math.Max(e.maxVal, r.Value)
		e.sprintLbl = append(e.sprintLbl, fmt.Sprint(i+1))
	}
	return e
}

// Name is "end".
func (e *End) Name() string { return "end" }

// Tick does nothing.
func (e *End) Tick(c *Ctx) {}

// Handle reacts to an intent.
func (e *End) Handle(c *Ctx, in input.Intent) {
	if in.Kind == input.NextBoard || in.Kind == input.PrevBoard {
		e.page = 1 - e.page // on a short screen: the turning points, or the charts
		return
	}
	switch e.m.handle(c, in) {
	case 0:
		if c.Seat != nil { // the pair's game is over: the next one is solo or a new pair
			c.Seat.Close()
			c.Seat, c.News, c.seatGame = nil, SeatNews{}, nil
		}
		c.Game, c.Track, c.Finished = nil, nil, false
		c.Goto(NewTitle(c))
	case 1:
		c.Quit = true
	}
}

// Auto stays.
func (e *End) Auto(c *Ctx, _ *sim.Action) (input.Intent, bool) { return input.Intent{}, false }

// Draw paints the debrief: the grade and the score's parts with their weights at the top left,
// the turning points under them, the charts in the right column.
func (e *End) Draw(c *Ctx, p *widget.Painter) {
	p.Fill(widget.R(0, 0, c.W, c.H), widget.Background)
	v := c.V()
	p.Text("Debrief", widget.Title, 40, 24, widget.Ink)
	// The subtitle and the results line sit under the menu's buttons, so they have the whole
	// width. The results line is wrapped, never cut: the player needs all of the path to find
	// their copy; what it takes beyond one line moves the rest of the screen down.
	p.Text(p.Fit(e.sub, widget.Body, c.W-80), widget.Body, 40, 76, widget.InkMuted)
	if e.resultsFor != c.Results || e.resultsW != c.W {
		e.resultsFor, e.resultsW, e.resultsLines = c.Results, c.W, resultsLines(p, c.Results, c.W-80)
	}
	lh := widget.LineHeight(widget.Small)
	for i, l := range e.resultsLines {
		p.Text(l, widget.Small, 40, 100+math.Round(float64(i)*lh), widget.InkMuted)
	}
	dy := 0.0
	if n := len(e.resultsLines); n > 1 {
		dy = math.Ceil(float64(n-1) * lh)
	}
	// Grade and score.
	gr := widget.R(40, 124+dy, 130, 130)
	col := gradeColor(e.grade)
	p.Panel(gr, 16, col, color.RGBA{}, 0)
	p.TextCenter(e.grade, widget.Title, gr.CX(), gr.Y+16, widget.InkOn(col))
	p.TextCenter(e.score+" / 100", widget.MonoBold, gr.CX(), gr.Y+84, widget.InkOn(col))
	// The columns: the score and the turning points at the left, the charts at the right. A
	// short screen has no room for both under the score: Tab shows one or the other, full width.
	short := c.H < 640
	cw := math.Max(300, math.Round(c.W*0.34))
	leftW := c.W - 80 - cw - 24
	listW := leftW
	if short {
		listW = c.W - 80
	}
	// Dimensions, with their weights.
	dx := gr.Right() + 24
	dw := leftW - (dx - 40)
	if short {
		dw = c.W - 40 - dx
	}
	nameW := math.Min(260, dw-130)
	for i, d := range e.dims {
		y := 120 + dy + float64(i)*24
		p.Text(p.Fit(d[0], widget.Body, nameW-8), widget.Body, dx, y, widget.Ink)
		x := dx + nameW
		if mw := dw - nameW - 150; mw >= 60 {
			fill := widget.Blue
			if i == 5 {
				fill = widget.Vermilion
			}
			p.Meter(widget.R(x, y+7, mw, 10), e.dimV[i], fill, widget.Sunken)
			x += mw + 8
		}
		p.Text(d[1], widget.Mono, x, y+1, widget.Ink)
		p.TextRight(d[2], widget.Mono, dx+dw, y+1, widget.InkMuted)
	}
	// The note under the parts, then the turning points below it, never under it: the note takes
	// two lines where the parts' column is narrow.
	noteH := p.Paragraph(e.weightNote, widget.Small, widget.R(dx, 266+dy, dw, 2*lh), widget.InkMuted)
	hist := v.History()
	ty := math.Max(300, math.Ceil(266+noteH+8)) + dy
	if !short || e.page == 0 {
		// Turnings.
		half := (listW - 16) / 2
		e.list(p, widget.R(40, ty, half, c.H-ty-48), "▲ Helped most", e.helped, widget.GreenInk)
		e.list(p, widget.R(40+half+16, ty, half, c.H-ty-48), "▼ Hurt most", e.hurt, widget.VermilionInk)
	}
	if !short {
		// Charts per sprint, stacked in the right column.
		cx := c.W - 40 - cw
		top := 124 + dy
		chH := math.Floor((c.H - top - 48 - 2*12) / 3)
		e.chart(c, p, widget.R(cx, top, cw, chH), "Value shipped per sprint", hist, func(r sim.SprintRecord) float64 { return r.Value }, math.Max(1, e.maxVal), widget.Green, true)
		e.chart(c, p, widget.R(cx, top+chH+12, cw, chH), "Alignment per sprint", hist, func(r sim.SprintRecord) float64 { return r.Alignment }, 1, widget.Blue, false)
		e.chart(c, p, widget.R(cx, top+2*(chH+12), cw, chH), "Burnout at each sprint's end", hist, func(r sim.SprintRecord) float64 { return r.Burnout }, 1, widget.Vermilion, false)
	} else if e.page == 1 {
		// The three charts side by side under the score.
		w := math.Floor((c.W - 80 - 2*16) / 3)
		h := c.H - ty - 48
		e.chart(c, p, widget.R(40, ty, w, h), "Value per sprint", hist, func(r sim.SprintRecord) float64 { return r.Value }, math.Max(1, e.maxVal), widget.Green, true)
		e.chart(c, p, widget.R(40+w+16, ty, w, h), "Alignment", hist, func(r sim.SprintRecord) float64 { return r.Alignment }, 1, widget.Blue, false)
		e.chart(c, p, widget.R(40+2*(w+16), ty, w, h), "Burnout at sprint end", hist, func(r sim.SprintRecord) float64 { return r.Burnout }, 1, widget.Vermilion, false)
	}
	// Menu at the top right; the results file's place under the title.
	e.m.drawRow(p, c.W-40-2*160-16, 30, 160)
	hint := "G: new game · Q: quit · F1: help"
	if short {
		hint = "Tab: the charts · G: new game · Q: quit · F1: help"
		if e.page == 1 {
			hint = "Tab: the turning points · G: new game · Q: quit · F1: help"
		}
	}
	statusLine(c, p, hint)
}

// list draws the turning points: wrapped when they all fit so, else one line each.
func (e *End) list(p *widget.Painter, r widget.Rect, title string, lines []string, col color.RGBA) {
	p.Panel(r, 10, widget.Surface, widget.Border, 1)
	p.Text(title, widget.BodyBold, r.X+12, r.Y+8, col)
	y := r.Y + 34
	if len(lines) == 0 {
		p.Text("nothing stood out", widget.Small, r.X+12, y, widget.InkMuted)
		return
	}
	// As many lines per turning point as let all five show: up to three each, at least one,
	// the longer ones first served where room is short.
	w := r.W - 24
	lh := widget.LineHeight(widget.Small)
	for i, l := range lines {
		rest := float64(len(lines)-i-1) * (lh + 3) // one line for each still to come
		room := r.Bottom() - 4 - y - rest
		if room < lh {
			break
		}
		h := math.Min(3*lh, math.Min(room, p.ParagraphHeight(l, widget.Small, w)))
		y += p.Paragraph(l, widget.Small, widget.R(r.X+12, y, w, h), widget.Ink) + 3
	}
}

func (e *End) chart(c *Ctx, p *widget.Painter, r widget.Rect, title string, hist []sim.SprintRecord, f func(sim.SprintRecord) float64, top float64, col color.RGBA, bars bool) {
	p.Panel(r, 10, widget.Surface, widget.Border, 1)
	p.Text(title, widget.BodyBold, r.X+12, r.Y+8, widget.Ink)
	if role := e.role; p.Width(title, widget.BodyBold)+p.Width(role, widget.Body)+40 < r.W {
		p.TextRight(role, widget.Body, r.Right()-12, r.Y+8, widget.InkMuted)
	}
	plot := widget.R(r.X+52, r.Y+36, r.W-68, r.H-36-44)
	p.Fill(widget.R(plot.X, plot.Y, 1, plot.H), widget.InkMuted)
	p.Fill(widget.R(plot.X, plot.Bottom(), plot.W, 1), widget.InkMuted)
	topLbl := "100%"
	if bars {
		topLbl = num(top)
	}
	p.TextRight(topLbl, widget.Body, plot.X-6, plot.Y-10, widget.Ink)
	p.TextRight("0", widget.Body, plot.X-6, plot.Bottom()-10, widget.Ink)
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
			p.TextCenter(e.sprintLbl[i], widget.Body, x, plot.Bottom()+2, widget.Ink)
		}
	}
	p.TextRight("sprint →", widget.Body, plot.Right(), r.Bottom()-22, widget.Ink)
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
