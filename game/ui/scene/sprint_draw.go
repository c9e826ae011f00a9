package scene

import (
	"image/color"
	"math"

	"twohats/game/sim"
	"twohats/game/ui/widget"
)

const (
	cardH   = 64
	cardGap = 8
)

// layout places everything; it depends on the screen size, the board and the game, never on the
// frame, so it runs when one of those changes.
func (s *Sprint) layout(c *Ctx) {
	st := c.Game.State()
	s.lw, s.lh = c.W, c.H
	if s.barH == 0 {
		s.barH = 80
	}
	s.L = layoutShell(c, s.barH)
	// Tabs.
	x := s.L.tabs.X
	for b := range numBoards {
		w := c.P.Width(boardTitles[b], widget.BodyBold) + 32
		s.tabs[b] = widget.R(x, s.L.tabs.Y, w, s.L.tabs.H)
		x += w + 4
	}
	board := s.L.board
	s.rows, s.sliders = s.rows[:0], s.sliders[:0]
	s.cards, s.sideCards = s.cards[:0], s.sideCards[:0]
	s.reqCards, s.answers, s.sprCards = s.reqCards[:0], s.answers[:0], s.sprCards[:0]
	switch s.Board {
	case BMarket:
		n := float64(len(st.Roadmap))
		top := board.Y + 40
		h := math.Min(96, (board.Bottom()-top)/n)
		for i := range st.Roadmap {
			r := widget.R(board.X, top+float64(i)*h, board.W, h-8)
			s.rows = append(s.rows, r)
			bx := r.X + 200
			bw := r.W - 200 - 90
			s.sliders = append(s.sliders, widget.R(bx, r.Y+r.H*0.62, bw, 14))
		}
	case BBacklog:
		left, right := board.CutLeft(math.Round(board.W * 0.62))
		right.X += 16
		right.W -= 16
		y := left.Y + 36 - s.scroll
		for range s.Order {
			s.cards = append(s.cards, widget.R(left.X, y, left.W, cardH))
			y += cardH + cardGap
		}
		y = right.Y + 36
		for range st.Committed {
			s.sideCards = append(s.sideCards, widget.R(right.X, y, right.W, 48))
			y += 48 + cardGap
		}
	case BSprint:
		left, right := board.CutLeft(math.Round(board.W * 0.58))
		right.X += 16
		right.W -= 16
		y := left.Y + 36
		for range st.Inbox {
			r := widget.R(left.X, y, left.W, 176)
			s.reqCards = append(s.reqCards, r)
			var a [4]widget.Rect
			for k := range a {
				a[k] = widget.R(r.X+12, r.Y+64+float64(k)*26, r.W-24, 24)
			}
			s.answers = append(s.answers, a)
			y += 176 + cardGap
		}
		y = right.Y + 36
		for range st.Committed {
			s.sprCards = append(s.sprCards, widget.R(right.X, y, right.W, 40))
			y += 40 + 6
		}
	}
	// The strings depend on the drafts as well as the game: format them again with the layout.
	s.text.build(c, s)
	s.text.ver = c.Track.Version
}

// Draw paints the sprint screen.
func (s *Sprint) Draw(c *Ctx, p *widget.Painter) {
	if s.lw != c.W || s.lh != c.H {
		s.buildActs(c)
	}
	st := c.Game.State()
	p.Fill(widget.R(0, 0, c.W, c.H), widget.Background)
	drawTopBar(c, p, s.L.top, &s.top)
	s.drawTabs(c, p)
	switch s.Board {
	case BMarket:
		s.drawMarket(c, p)
	case BBacklog:
		s.drawBacklog(c, p)
	case BSprint:
		s.drawSprintBoard(c, p)
	case BReview:
		s.drawReview(c, p)
	case BRetro:
		s.drawRetro(c, p)
	}
	s.drawSide(c, p)
	hint := "Tab: other boards · ↑ ↓: pick · Enter: main action · F1: help · Esc: pause"
	drawBar(c, p, s.L.bar, s.acts, s.hover, s.pressed, hint)
	if s.Picker {
		s.drawPicker(c, p)
	}
	if st.Event >= 0 {
		s.drawEvent(c, p)
	}
}

func (s *Sprint) drawTabs(c *Ctx, p *widget.Painter) {
	cur := boardOf(c.Game.State().Phase)
	for b := range numBoards {
		r := s.tabs[b]
		fill, ink := widget.Sunken, widget.InkMuted
		if Board(b) == s.Board {
			fill, ink = widget.Surface, widget.Ink
		}
		p.Panel(r, 8, fill, widget.Border, 1)
		p.TextIn(boardTitles[b], widget.BodyBold, r, 16, ink)
		if Board(b) == cur {
			// The phase's own board carries a dot and an underline.
			p.Fill(widget.R(r.X+12, r.Bottom()-5, r.W-24, 3), widget.Blue)
		}
	}
}

func (s *Sprint) drawSide(c *Ctx, p *widget.Painter) {
	r := s.L.side
	p.Panel(r, 10, widget.Surface, widget.Border, 1)
	in := r.Inset(16)
	y := in.Y
	for _, b := range s.text.side {
		y += b.gap
		if y > in.Bottom()-widget.LineHeight(b.font) {
			break
		}
		h := p.Paragraph(b.text, b.font, widget.R(in.X, y, in.W, in.Bottom()-y), b.col)
		y += h
		if b.on {
			p.Meter(widget.R(in.X, y+2, in.W, 8), b.bar, b.fill, widget.Sunken)
			y += 12
		}
	}
}

// drawHeader writes a column's title at the top of r and, after it, a note cut to what fits.
func (s *Sprint) drawHeader(p *widget.Painter, r widget.Rect, title, note string) {
	w := p.Text(title, widget.Heading, r.X, r.Y, widget.Ink)
	if room := r.W - w - 12; note != "" && room > 40 {
		p.Text(p.Fit(note, widget.Small, room), widget.Small, r.X+w+12, r.Y+6, widget.InkMuted)
	}
}

func (s *Sprint) drawMarket(c *Ctx, p *widget.Painter) {
	g := c.Game
	st := g.State()
	sc := g.Scenario()
	b := s.L.board
	s.drawHeader(p, b, "Market and roadmap", "hatched bar: market estimate ± doubt · solid: your draft roadmap · ▼ roadmap in force")
	for i, r := range s.rows {
		th := sc.Themes[i]
		focused := i == s.Theme
		line := widget.Border
		if focused {
			line = widget.Focus
		}
		p.Panel(r, 10, widget.Surface, line, 1+b2f(focused))
		chip := widget.R(r.X+12, r.Y+(r.H-32)/2, 32, 32)
		col := widget.ThemeColor(i)
		p.Panel(chip, 6, col, color.RGBA{}, 0)
		p.TextCenter(th.Letter, widget.Heading, chip.CX(), chip.Y+(32-widget.LineHeight(widget.Heading))/2, widget.InkOn(col))
		p.Text(p.Fit(th.Name, widget.BodyBold, 140), widget.BodyBold, chip.Right()+10, r.Y+r.H/2-20, widget.Ink)
		p.Text(s.text.estLbl[i], widget.Mono, chip.Right()+10, r.Y+r.H/2, widget.InkMuted)

		// Estimate: a hatched bar with a ± whisker.
		sl := s.sliders[i]
		er := widget.R(sl.X, r.Y+r.H*0.18, sl.W, 14)
		p.Fill(er, widget.Sunken)
		ew := er.W * st.Market.Estimate[i]
		p.Fill(widget.R(er.X, er.Y, ew, er.H), widget.Alpha(col, 0.45))
		p.Hatch(widget.R(er.X, er.Y, ew, er.H), widget.Ink, 6)
		sp := er.W * st.Market.Spread[i]
		p.Fill(widget.R(er.X+ew-sp, er.CY()-1, 2*sp, 2), widget.Ink)
		p.Fill(widget.R(er.X+ew-sp, er.Y, 2, er.H), widget.Ink)
		p.Fill(widget.R(er.X+ew+sp-2, er.Y, 2, er.H), widget.Ink)

		// Roadmap draft slider.
		p.Panel(sl, 7, widget.Sunken, color.RGBA{}, 0)
		sum := 0.0
		for _, w := range s.Weights {
			sum += w
		}
		share := 0.0
		if sum > 0 {
			share = s.Weights[i] / sum
		}
		if share > 0 {
			p.Panel(widget.R(sl.X, sl.Y, math.Max(14, sl.W*share), sl.H), 7, col, color.RGBA{}, 0)
		}
		// The roadmap in force, as a marker.
		mx := sl.X + sl.W*st.Roadmap[i]
		p.TextCenter("▼", widget.Small, mx, sl.Y-16, widget.Ink)
		// The knob sits at the raw weight.
		kx := sl.X + sl.W*s.Weights[i]
		p.Knob(kx, sl.CY(), 9, widget.Surface, widget.Ink, 2)
		p.TextRight(s.text.draft[i], widget.MonoBold, r.Right()-12, r.Y+(r.H-widget.LineHeight(widget.MonoBold))/2, widget.Ink)
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

var clarityDots = [...]string{"AC ○○○", "AC ●○○", "AC ●●○", "AC ●●●"}

func clarityLevel(v float64) int {
	switch {
	case v >= 0.8:
		return 3
	case v >= 0.5:
		return 2
	case v >= 0.25:
		return 1
	}
	return 0
}

func (s *Sprint) drawCard(c *Ctx, p *widget.Painter, r widget.Rect, ix int, focused, planned, checkbox bool) {
	g := c.Game
	st := g.State()
	sc := g.Scenario()
	story := st.Stories[ix]
	def := sc.Stories[story.Def]
	line := widget.Border
	if focused {
		line = widget.Focus
	}
	fill := widget.Surface
	if checkbox && !planned {
		fill = widget.SurfaceAlt
	}
	p.Panel(r, 8, fill, line, 1+b2f(focused))
	col := widget.ThemeColor(story.Theme)
	strip := widget.R(r.X, r.Y, 30, r.H)
	p.Panel(strip, 8, col, color.RGBA{}, 0)
	p.Fill(widget.R(strip.X+22, strip.Y, 8, strip.H), col)
	p.TextCenter(sc.Themes[story.Theme].Letter, widget.Heading, strip.CX()-2, strip.Y+(strip.H-widget.LineHeight(widget.Heading))/2, widget.InkOn(col))
	x := r.X + 42
	right := r.Right() - 12
	if checkbox {
		right -= 36
	}
	// Effort badge.
	eb := s.text.effort[ix]
	bw := p.Width(eb, widget.Mono) + 14
	badge := widget.R(right-bw, r.Y+10, bw, 22)
	p.Panel(badge, 11, widget.Sunken, color.RGBA{}, 0)
	p.TextCenter(eb, widget.Mono, badge.CX(), badge.Y+(22-widget.LineHeight(widget.Mono))/2, widget.Ink)
	p.Text(p.Fit(def.Title, widget.BodyBold, badge.X-x-8), widget.BodyBold, x, r.Y+10, widget.Ink)
	// Second line: clarity marker, urgency, promise, status.
	y := r.Y + r.H - 26
	lv := clarityLevel(story.Clarity)
	cc := widget.InkMuted
	if lv == 0 {
		cc = widget.Vermilion
	}
	x += p.Text(clarityDots[lv], widget.Small, x, y, cc) + 14
	if story.Urgency >= 0.6 {
		x += p.Text("! urgent", widget.Small, x, y, widget.Vermilion) + 14
	}
	if d := s.text.due[ix]; d != "" {
		x += p.Text(d, widget.Small, x, y, widget.Blue) + 14
	}
	if story.Status == sim.StoryCommitted || story.Status == sim.StoryDone {
		pr := math.Min(1, story.Progress/math.Max(1, float64(story.Effort)))
		if story.Status == sim.StoryDone {
			pr = 1
		}
		p.Meter(widget.R(x, y+6, math.Max(40, right-x-8), 6), pr, widget.Green, widget.Sunken)
	}
	if checkbox {
		cb := widget.R(r.Right()-36, r.Y+(r.H-24)/2, 24, 24)
		p.Panel(cb, 4, widget.Surface, widget.Ink, 2)
		if planned {
			p.Panel(cb.Inset(5), 2, widget.Blue, color.RGBA{}, 0)
		}
	}
}

func (s *Sprint) drawBacklog(c *Ctx, p *widget.Painter) {
	g := c.Game
	st := g.State()
	b := s.L.board
	left, right := b.CutLeft(math.Round(b.W * 0.62))
	right.X += 16
	right.W -= 16
	planning := st.Phase == sim.PhasePlanning && !st.Planned && g.Role().Wears(sim.HatPO)
	note := "order = priority · Shift+↑↓ or drag to move"
	if planning {
		note = "Space ticks a card into the plan"
	}
	s.drawHeader(p, left, "Product backlog", note)
	clip := widget.R(left.X, left.Y+32, left.W, left.H-32)
	// Cards, with the capacity line where the running total passes the forecast.
	fc := g.Forecast()
	run := 0.0
	lineDrawn := false
	for i, r := range s.cards {
		ix := s.Order[i]
		run += float64(st.Stories[ix].Effort)
		if r.Bottom() < clip.Y || r.Y > clip.Bottom() {
			continue
		}
		if s.drag.on && s.drag.moved && i == s.drag.from {
			p.Panel(r, 8, widget.Sunken, widget.Border, 1)
			continue
		}
		s.drawCard(c, p, r, ix, i == s.Cur, s.InPlan[ix], planning)
		if !lineDrawn && run > fc && i > 0 {
			lineDrawn = true
		}
		if !lineDrawn && i+1 < len(s.cards) && run+float64(st.Stories[s.Order[i+1]].Effort) > fc {
			ly := r.Bottom() + cardGap/2
			p.Fill(widget.R(left.X-4, ly-1, left.W+8, 3), widget.Vermilion)
			p.Text(s.text.capLine, widget.Small, left.X+40, ly+1, widget.Vermilion)
			lineDrawn = true
		}
	}
	// Where a dragged card will land.
	if s.drag.on && s.drag.moved && s.drag.from < len(s.cards) {
		to := s.cards[s.drag.to]
		ly := to.Y - cardGap/2
		if s.drag.to > s.drag.from {
			ly = to.Bottom() + cardGap/2
		}
		p.Fill(widget.R(left.X, ly-2, left.W, 4), widget.Blue)
		r := s.cards[s.drag.from]
		r.Y += s.drag.dy
		s.drawCard(c, p, r, s.Order[s.drag.from], true, s.InPlan[s.Order[s.drag.from]], planning)
	}
	if len(s.cards) == 0 {
		p.Text("The backlog is empty.", widget.Body, left.X, left.Y+40, widget.InkMuted)
	}
	// The sprint column.
	title := "This sprint"
	if planning {
		title = "Plan preview"
	}
	s.drawHeader(p, right, title, "")
	if planning {
		y := right.Y + 36
		for _, ix := range s.Order {
			if !s.InPlan[ix] {
				continue
			}
			r := widget.R(right.X, y, right.W, 32)
			p.Panel(r, 6, widget.SurfaceAlt, widget.Border, 1)
			col := widget.ThemeColor(st.Stories[ix].Theme)
			p.Panel(widget.R(r.X, r.Y, 8, r.H), 3, col, color.RGBA{}, 0)
			p.Text(p.Fit(g.Scenario().Stories[st.Stories[ix].Def].Title, widget.Small, r.W-70), widget.Small, r.X+14, r.Y+7, widget.Ink)
			p.TextRight(s.text.effort[ix], widget.Mono, r.Right()-8, r.Y+7, widget.InkMuted)
			y += 36
			if y > right.Bottom()-40 {
				break
			}
		}
		p.Text(s.text.planPts, widget.BodyBold, right.X, math.Min(y+4, right.Bottom()-24), widget.Ink)
	}
	for i, r := range s.sideCards {
		ix := st.Committed[i]
		s.drawMini(c, p, r, ix, s.Cur == len(s.Order)+i)
	}
}

func (s *Sprint) drawMini(c *Ctx, p *widget.Painter, r widget.Rect, ix int, focused bool) {
	g := c.Game
	st := g.State()
	story := st.Stories[ix]
	line := widget.Border
	if focused {
		line = widget.Focus
	}
	p.Panel(r, 6, widget.Surface, line, 1+b2f(focused))
	col := widget.ThemeColor(story.Theme)
	chip := widget.R(r.X+6, r.Y+(r.H-22)/2, 22, 22)
	p.Panel(chip, 4, col, color.RGBA{}, 0)
	p.TextCenter(g.Scenario().Themes[story.Theme].Letter, widget.BodyBold, chip.CX(), chip.Y+(22-widget.LineHeight(widget.BodyBold))/2, widget.InkOn(col))
	p.Text(p.Fit(g.Scenario().Stories[story.Def].Title, widget.Small, r.W-110), widget.Small, chip.Right()+8, r.Y+4, widget.Ink)
	pr := math.Min(1, story.Progress/math.Max(1, float64(story.Effort)))
	label := "building"
	switch story.Status {
	case sim.StoryDone:
		pr, label = 1, "built ■"
	case sim.StoryCommitted:
		if story.Progress == 0 {
			label = "to do"
		}
	}
	p.Meter(widget.R(chip.Right()+8, r.Bottom()-12, r.W-110, 6), pr, widget.Green, widget.Sunken)
	p.TextRight(label, widget.Small, r.Right()-8, r.Y+(r.H-widget.LineHeight(widget.Small))/2, widget.InkMuted)
}

func (s *Sprint) drawSprintBoard(c *Ctx, p *widget.Painter) {
	g := c.Game
	st := g.State()
	b := s.L.board
	left, right := b.CutLeft(math.Round(b.W * 0.58))
	right.X += 16
	right.W -= 16
	s.drawHeader(p, left, "Inbox", "requests wait for your answer · 1–4 answers the picked one")
	for i, r := range s.reqCards {
		if r.Bottom() > left.Bottom() {
			p.Text("…more requests below: answer these first", widget.Small, left.X, r.Y, widget.InkMuted)
			break
		}
		focused := i == s.Focus
		line := widget.Border
		if focused {
			line = widget.Focus
		}
		p.Panel(r, 10, widget.Surface, line, 1+b2f(focused))
		rq := st.Requests[st.Inbox[i]]
		col := widget.ThemeColor(st.Stories[rq.Story].Theme)
		p.Panel(widget.R(r.X, r.Y, r.W, 6), 3, col, color.RGBA{}, 0)
		p.Text(p.Fit(s.text.reqWho[i], widget.BodyBold, r.W-24), widget.BodyBold, r.X+12, r.Y+12, widget.Ink)
		p.Text(p.Fit(s.text.reqMeta[i], widget.Small, r.W-24), widget.Small, r.X+12, r.Y+34, widget.InkMuted)
		for k, ar := range s.answers[i] {
			p.Panel(ar, 5, widget.SurfaceAlt, widget.Alpha(widget.Border, 1), 1)
			kc := widget.R(ar.X+4, ar.Y+3, 18, 18)
			p.Panel(kc, 3, widget.Sunken, color.RGBA{}, 0)
			p.TextCenter(answerKeys[k], widget.Mono, kc.CX(), kc.Y+(18-widget.LineHeight(widget.Mono))/2, widget.Ink)
			w := p.Text(answerTitles[k], widget.BodyBold, kc.Right()+6, ar.Y+(ar.H-widget.LineHeight(widget.BodyBold))/2, widget.Ink)
			p.Text(p.Fit(s.text.ansLine[i][k], widget.Small, ar.W-w-40), widget.Small, kc.Right()+w+14, ar.Y+(ar.H-widget.LineHeight(widget.Small))/2, widget.InkMuted)
		}
	}
	if len(s.reqCards) == 0 {
		p.Paragraph("No requests waiting. Press N to let a day pass; the team keeps building.", widget.Body, widget.R(left.X, left.Y+40, left.W, 60), widget.InkMuted)
	}
	// Sprint column and burndown.
	s.drawHeader(p, right, "In the sprint", "")
	chartH := math.Min(190, math.Round(right.H*0.45))
	for i, r := range s.sprCards {
		if r.Bottom() > right.Bottom()-chartH-10 {
			break
		}
		s.drawMini(c, p, r, st.Committed[i], s.Focus == len(st.Inbox)+i)
	}
	chart := widget.R(right.X, right.Bottom()-chartH, right.W, chartH)
	s.drawBurndown(c, p, chart)
}

var answerKeys = [4]string{"1", "2", "3", "4"}

func (s *Sprint) drawBurndown(c *Ctx, p *widget.Painter, r widget.Rect) {
	st := c.Game.State()
	t := c.Track
	p.Panel(r, 8, widget.Surface, widget.Border, 1)
	p.Text(s.text.burnLbl, widget.BodyBold, r.X+12, r.Y+8, widget.Ink)
	plot := widget.R(r.X+40, r.Y+40, r.W-56, r.H-72)
	p.Fill(widget.R(plot.X, plot.Y, 1, plot.H), widget.InkMuted)
	p.Fill(widget.R(plot.X, plot.Bottom(), plot.W, 1), widget.InkMuted)
	p.Text("pt", widget.Small, r.X+12, plot.Y-4, widget.InkMuted)
	p.Text("days →", widget.Small, plot.Right()-44, plot.Bottom()+4, widget.InkMuted)
	top := math.Max(1, t.Committed)
	days := float64(st.Days)
	xAt := func(d float64) float64 { return plot.X + plot.W*d/days }
	yAt := func(v float64) float64 { return plot.Bottom() - plot.H*v/top }
	// Ideal: dashed straight line.
	for d := 0.0; d < days; d += 0.5 {
		p.Line(xAt(d), yAt(top*(1-d/days)), xAt(d+0.25), yAt(top*(1-(d+0.25)/days)), 1.5, widget.InkFaint)
	}
	for i := 1; i < len(t.Burn); i++ {
		p.Line(xAt(float64(i-1)), yAt(t.Burn[i-1]), xAt(float64(i)), yAt(t.Burn[i]), 3, widget.Blue)
	}
	for i, v := range t.Burn {
		p.Dot(xAt(float64(i)), yAt(v), 4, widget.Blue)
	}
	p.Text("dashed: ideal · solid: left to build", widget.Small, r.X+12, r.Bottom()-22, widget.InkMuted)
}

func (s *Sprint) drawReview(c *Ctx, p *widget.Painter) {
	g := c.Game
	st := g.State()
	sc := g.Scenario()
	b := s.L.board
	left, right := b.CutLeft(math.Round(b.W * 0.55))
	right.X += 16
	right.W -= 16
	s.drawHeader(p, left, "The increment", "")
	y := left.Y + 36
	shown := 0
	for i, ix := range st.Committed {
		if y+52 > left.Bottom() {
			break
		}
		r := widget.R(left.X, y, left.W, 52)
		s.drawReviewCard(c, p, r, ix, s.text.review[i])
		y += 60
		shown++
	}
	// After the review the committed list is gone: show what shipped this sprint.
	for i := range st.Stories {
		story := &st.Stories[i]
		if story.Status != sim.StoryAccepted || story.Shipped != st.Sprint || containsInt(st.Committed, i) {
			continue
		}
		if y+52 > left.Bottom() {
			break
		}
		s.drawReviewCard(c, p, widget.R(left.X, y, left.W, 52), i, "ACCEPTED · shipped")
		y += 60
		shown++
	}
	if shown == 0 {
		p.Paragraph("Nothing was built this sprint.", widget.Body, widget.R(left.X, y, left.W, 40), widget.InkMuted)
	}
	s.drawHeader(p, right, "Stakeholders", "trust, and how it moved this sprint")
	y = right.Y + 36
	for i := range sc.Stakeholders {
		if y+54 > right.Bottom() {
			break
		}
		r := widget.R(right.X, y, right.W, 54)
		p.Panel(r, 8, widget.Surface, widget.Border, 1)
		p.Text(p.Fit(s.text.stake[i], widget.BodyBold, r.W-24), widget.BodyBold, r.X+12, r.Y+6, widget.Ink)
		tr := st.Stakeholders[i].Trust
		p.Meter(widget.R(r.X+12, r.Y+34, r.W*0.45, 8), tr, widget.SkyBlue, widget.Sunken)
		d := s.text.stakeD[i]
		col := widget.InkMuted
		switch d[0] {
		case 0xe2:
			if d[2] == 0xb2 { // ▲
				col = widget.Green
			} else {
				col = widget.Vermilion
			}
		}
		p.TextRight(d, widget.Small, r.Right()-12, r.Y+28, col)
		y += 62
	}
}

func containsInt(xs []int, v int) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
}

func (s *Sprint) drawReviewCard(c *Ctx, p *widget.Painter, r widget.Rect, ix int, status string) {
	g := c.Game
	st := g.State()
	story := st.Stories[ix]
	p.Panel(r, 8, widget.Surface, widget.Border, 1)
	col := widget.ThemeColor(story.Theme)
	chip := widget.R(r.X+8, r.Y+(r.H-28)/2, 28, 28)
	p.Panel(chip, 5, col, color.RGBA{}, 0)
	p.TextCenter(g.Scenario().Themes[story.Theme].Letter, widget.BodyBold, chip.CX(), chip.Y+(28-widget.LineHeight(widget.BodyBold))/2, widget.InkOn(col))
	p.Text(p.Fit(g.Scenario().Stories[story.Def].Title, widget.BodyBold, r.W-260), widget.BodyBold, chip.Right()+10, r.Y+6, widget.Ink)
	p.Text(s.text.effort[ix], widget.Mono, chip.Right()+10, r.Y+28, widget.InkMuted)
	sc := widget.InkMuted
	switch story.Status {
	case sim.StoryAccepted:
		sc = widget.Green
	case sim.StoryBacklog:
		sc = widget.Vermilion
	}
	p.TextRight(status, widget.BodyBold, r.Right()-12, r.Y+(r.H-widget.LineHeight(widget.BodyBold))/2, sc)
}

func (s *Sprint) drawRetro(c *Ctx, p *widget.Painter) {
	g := c.Game
	st := g.State()
	b := s.L.board
	s.drawHeader(p, b, "How the sprint felt", "")
	y := b.Y + 44
	rows := [...]struct {
		label string
		v     float64
		col   color.RGBA
		bad   bool
	}{
		{"Team morale", st.Team.Morale, widget.Green, false},
		{"Technical debt", st.Team.Debt, widget.Orange, true},
		{"Your stress", st.Player.Stress, widget.Orange, true},
		{"Your burnout", st.Player.Burnout, widget.Vermilion, true},
	}
	for i, rw := range rows {
		r := widget.R(b.X, y, b.W, 64)
		p.Panel(r, 8, widget.Surface, widget.Border, 1)
		p.Text(rw.label, widget.BodyBold, r.X+12, r.Y+8, widget.Ink)
		p.TextRight(s.text.retroVals[i], widget.MonoBold, r.Right()-12, r.Y+8, widget.Ink)
		mr := widget.R(r.X+12, r.Y+38, r.W-24, 12)
		p.Meter(mr, rw.v, rw.col, widget.Sunken)
		if rw.bad {
			p.Hatch(widget.R(mr.X+mr.W*0.55, mr.Y, mr.W*0.45, mr.H), widget.Alpha(widget.Ink, 0.3), 5)
		}
		y += 72
	}
	p.Paragraph(s.text.retroNote, widget.Body, widget.R(b.X, y+8, b.W, b.Bottom()-y-8), widget.Ink)
}

func (s *Sprint) drawEvent(c *Ctx, p *widget.Painter) {
	g := c.Game
	st := g.State()
	ev := g.Scenario().Events[st.Events[st.Event].Def]
	p.Fill(widget.R(0, 0, c.W, c.H), widget.Shade)
	w := math.Min(720, c.W-64)
	n := len(ev.Choices)
	h := 150 + float64(n)*84
	r := widget.R((c.W-w)/2, math.Max(topH+8, (c.H-h)/2), w, h)
	p.Panel(r, 14, widget.Surface, widget.Orange, 3)
	p.Text("EVENT", widget.Small, r.X+24, r.Y+16, widget.Orange)
	p.Text(p.Fit(ev.Title, widget.Heading, r.W-48), widget.Heading, r.X+24, r.Y+34, widget.Ink)
	p.Paragraph(ev.Text, widget.Body, widget.R(r.X+24, r.Y+66, r.W-48, 60), widget.Ink)
	s.choices = s.choices[:0]
	y := r.Y + 134
	for i := range ev.Choices {
		cr := widget.R(r.X+24, y, r.W-48, 76)
		s.choices = append(s.choices, cr)
		p.Panel(cr, 8, widget.SurfaceAlt, widget.Border, 1)
		if i < len(s.text.evOpts) {
			p.Text(p.Fit(s.text.evOpts[i], widget.BodyBold, cr.W-24), widget.BodyBold, cr.X+12, cr.Y+8, widget.Ink)
			yy := cr.Y + 32
			for _, e := range s.text.evEff[i] {
				if yy > cr.Bottom()-16 {
					break
				}
				p.Text(e, widget.Small, cr.X+28, yy, widget.InkMuted)
				yy += 18
			}
		}
		y += 84
	}
}

func (s *Sprint) drawPicker(c *Ctx, p *widget.Painter) {
	sc := c.Game.Scenario()
	p.Fill(widget.R(0, 0, c.W, c.H), widget.Shade)
	w := 420.0
	h := 80 + float64(len(sc.Themes))*44
	r := widget.R((c.W-w)/2, (c.H-h)/2, w, h)
	p.Panel(r, 12, widget.Surface, widget.Blue, 2)
	p.Text("Interview customers about…", widget.Heading, r.X+20, r.Y+16, widget.Ink)
	s.picks = s.picks[:0]
	for i, th := range sc.Themes {
		pr := widget.R(r.X+20, r.Y+56+float64(i)*44, w-40, 38)
		s.picks = append(s.picks, pr)
		line := widget.Border
		if i == s.Theme {
			line = widget.Focus
		}
		p.Panel(pr, 6, widget.SurfaceAlt, line, 1+b2f(i == s.Theme))
		col := widget.ThemeColor(i)
		chip := widget.R(pr.X+40, pr.Y+7, 24, 24)
		p.Panel(chip, 4, col, color.RGBA{}, 0)
		p.TextCenter(th.Letter, widget.BodyBold, chip.CX(), chip.Y+(24-widget.LineHeight(widget.BodyBold))/2, widget.InkOn(col))
		p.Text(answerKeysN[i%len(answerKeysN)], widget.Mono, pr.X+12, pr.Y+10, widget.InkMuted)
		p.Text(th.Name, widget.BodyBold, chip.Right()+10, pr.Y+9, widget.Ink)
	}
}

var answerKeysN = [...]string{"1", "2", "3", "4", "5", "6", "7", "8"}
