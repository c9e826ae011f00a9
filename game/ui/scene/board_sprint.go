package scene

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"

	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

// sprintBoard is the sprint board with its inbox: stakeholders' requests as cards with their four
// answers, the stories in the sprint, and the burndown.
type sprintBoard struct {
	Focus   int // index into the inbox, then into the committed stories
	pressed [2]int

	inbox     widget.Rect // the visible part of the inbox column
	reqCards  []widget.Rect
	answers   [][4]widget.Rect
	twoLine   bool // the answers' effects go under their titles (a narrow column)
	reqFirst  int  // the first request shown
	sprFirst  int  // the first sprint story shown
	sprCards  []widget.Rect
	reqAbove  int
	reqBelow  int
	sprHidden int
	chart     widget.Rect

	reqWho   []string // per request: who asks
	reqMeta  []string
	ansLine  [][4]string
	burnLbl  string
	reqMore  string
	sprMore  string
	idleNote string
}

func (b *sprintBoard) reset() { b.Focus, b.reqFirst, b.sprFirst, b.pressed = 0, 0, 0, [2]int{-1, -1} }

func (b *sprintBoard) sync(c *Ctx, s *Sprint) {
	st := c.V().View()
	b.Focus = clampFocus(b.Focus, len(st.Inbox)+len(st.Committed))
}

// focusedRequest is the request under the focus, or −1.
func (b *sprintBoard) focusedRequest(c *Ctx) int {
	st := c.V().View()
	if b.Focus < len(st.Inbox) {
		return st.Inbox[b.Focus]
	}
	return -1
}

// focusedStory is the sprint story under the focus, or −1.
func (b *sprintBoard) focusedStory(c *Ctx) int {
	st := c.V().View()
	if k := b.Focus - len(st.Inbox); k >= 0 && k < len(st.Committed) {
		return st.Committed[k]
	}
	return -1
}

func (b *sprintBoard) acts(c *Ctx, s *Sprint, bb *bar) {
	v := c.V()
	st := v.View()
	if len(st.Inbox) > 0 {
		req := b.focusedRequest(c)
		target := req
		if target < 0 {
			target = st.Inbox[0]
		}
		for _, ans := range sim.Answers {
			a := bb.game(sim.Action{Kind: sim.ActAnswer, Request: target, Answer: ans}, "")
			if req < 0 {
				a.disable("Pick a request in the inbox first")
			}
		}
	}
	if v.Role().Wears(sim.HatPO) {
		if story := b.focusedStory(c); story >= 0 {
			r := bb.game(sim.Action{Kind: sim.ActRefine, Story: story}, "")
			r.preview += " · clarity " + clarityGain(v, story)
		}
	}
	if pullShown(v) {
		pullButton(v, bb, st.Backlog[0], "")
	}
}

func (b *sprintBoard) operate(c *Ctx, s *Sprint, op int) {}

func (b *sprintBoard) handle(c *Ctx, s *Sprint, in input.Intent) bool {
	st := c.V().View()
	n := len(st.Inbox) + len(st.Committed)
	switch in.Kind {
	case input.Up, input.Left:
		b.Focus = max(0, b.Focus-1)
	case input.Down, input.Right:
		b.Focus = min(n-1, b.Focus+1)
	case input.Press:
		b.pressed = [2]int{-1, -1}
		for i, r := range b.reqCards {
			if !r.Contains(in.X, in.Y) {
				continue
			}
			b.Focus = b.reqFirst + i
			for k, ar := range b.answers[i] {
				if ar.Contains(in.X, in.Y) {
					b.pressed = [2]int{i, k}
				}
			}
			return true
		}
		for i, r := range b.sprCards {
			if r.Contains(in.X, in.Y) {
				b.Focus = len(st.Inbox) + b.sprFirst + i
				return true
			}
		}
		return false
	case input.Release:
		// An answer acts on release, on the answer it was pressed on.
		i, k := b.pressed[0], b.pressed[1]
		b.pressed = [2]int{-1, -1}
		if i < 0 || i >= len(b.answers) || !b.answers[i][k].Contains(in.X, in.Y) {
			return false
		}
		for j := range s.acts {
			if s.acts[j].key == rune('1'+k) {
				s.trigger(c, j)
				return false
			}
		}
		return false
	default:
		return false
	}
	b.layout(c, s, s.L.board)
	return true
}

func (b *sprintBoard) auto(c *Ctx, s *Sprint, a sim.Action) (input.Intent, bool) {
	st := c.V().View()
	pos := -1
	switch a.Kind {
	case sim.ActAnswer:
		pos = slices.Index(st.Inbox, a.Request)
	case sim.ActRefine:
		if k := slices.Index(st.Committed, a.Story); k >= 0 {
			pos = len(st.Inbox) + k
		}
	case sim.ActPull:
		return s.key(a)
	}
	if pos < 0 {
		return input.Intent{}, false
	}
	if in, ok := focusTo(b.Focus, pos); ok {
		return in, true
	}
	return s.key(a)
}

func (b *sprintBoard) columns(board widget.Rect) (left, right widget.Rect) {
	left, right = board.CutLeft(math.Round(board.W * 0.58))
	right.X += 16
	right.W -= 16
	return left, right
}

func (b *sprintBoard) layout(c *Ctx, s *Sprint, board widget.Rect) {
	v := c.V()
	st := v.View()
	sc := v.Scenario()
	left, right := b.columns(board)
	b.inbox = widget.R(left.X, left.Y+36, left.W, left.H-36-20)
	// Request cards: a title line, a line of what is asked, and the four answers. In a narrow
	// column each answer's effect goes on a line of its own under the answer.
	b.twoLine = left.W < 560
	rowH := 26.0
	if b.twoLine {
		rowH = 37
	}
	cardH := 56 + 4*rowH + 8
	// The requests shown: a window over the inbox that holds the focused one.
	fit := max(1, int((b.inbox.H+cardGap)/(cardH+cardGap)))
	n := len(st.Inbox)
	if b.Focus < len(st.Inbox) {
		if b.Focus < b.reqFirst {
			b.reqFirst = b.Focus
		}
		if b.Focus >= b.reqFirst+fit {
			b.reqFirst = b.Focus - fit + 1
		}
	}
	b.reqFirst = max(0, min(b.reqFirst, n-fit))
	b.reqCards, b.answers = b.reqCards[:0], b.answers[:0]
	y := b.inbox.Y
	for i := b.reqFirst; i < n && i < b.reqFirst+fit; i++ {
		h := math.Min(cardH, b.inbox.Bottom()-y)
		r := widget.R(left.X, y, left.W, h)
		b.reqCards = append(b.reqCards, r)
		var a [4]widget.Rect
		for k := range a {
			a[k] = widget.R(r.X+12, r.Y+56+float64(k)*rowH, r.W-24, rowH-2)
		}
		b.answers = append(b.answers, a)
		y += cardH + cardGap
	}
	b.reqAbove, b.reqBelow = b.reqFirst, n-b.reqFirst-len(b.reqCards)
	b.reqMore = ""
	switch {
	case b.reqAbove > 0 && b.reqBelow > 0:
		b.reqMore = fmt.Sprintf("%d more above, %d below · ↑ ↓", b.reqAbove, b.reqBelow)
	case b.reqAbove > 0:
		b.reqMore = fmt.Sprintf("%d more above · ↑", b.reqAbove)
	case b.reqBelow > 0:
		b.reqMore = fmt.Sprintf("+%d more below · ↓", b.reqBelow)
	}

	// The sprint column: as many stories as fit above the burndown, a window that holds the focus.
	chartH := math.Min(190, math.Round(right.H*0.42)) // at 960×540 two sprint stories still show above it
	b.chart = widget.R(right.X, right.Bottom()-chartH, right.W, chartH)
	room := b.chart.Y - 10 - (right.Y + 36) - 18
	sfit := max(1, int((room+6)/46))
	m := len(st.Committed)
	if k := b.Focus - len(st.Inbox); k >= 0 {
		if k < b.sprFirst {
			b.sprFirst = k
		}
		if k >= b.sprFirst+sfit {
			b.sprFirst = k - sfit + 1
		}
	}
	b.sprFirst = max(0, min(b.sprFirst, m-sfit))
	b.sprCards = b.sprCards[:0]
	y = right.Y + 36
	for i := b.sprFirst; i < m && i < b.sprFirst+sfit; i++ {
		b.sprCards = append(b.sprCards, widget.R(right.X, y, right.W, 40))
		y += 40 + 6
	}
	b.sprHidden = m - len(b.sprCards)
	b.sprMore = ""
	if b.sprHidden > 0 {
		b.sprMore = fmt.Sprintf("+%d more · ↓ to see them", b.sprHidden)
	}

	// Strings.
	b.reqWho, b.reqMeta, b.ansLine = b.reqWho[:0], b.reqMeta[:0], b.ansLine[:0]
	for _, r := range st.Inbox {
		rq := st.Requests[r]
		story := st.Stories[rq.Story]
		b.reqWho = append(b.reqWho, sc.Stakeholders[rq.Stakeholder].Name+" asks")
		b.reqMeta = append(b.reqMeta, fmt.Sprintf("“%s” · %s · %d pt · day %d", sc.Stories[story.Def].Title, sc.Themes[story.Theme].Name, story.Effort, rq.Day))
		b.ansLine = append(b.ansLine, answerEffects(v, r))
	}
	b.burnLbl = fmt.Sprintf("Burndown: %.0f pt committed", c.Track.Committed)
	if st.Phase == sim.PhaseExecution {
		// Stories pulled in since the sprint began raise the line: say by how much.
		now := 0.0
		for _, ix := range st.Committed {
			now += float64(st.Stories[ix].Effort)
		}
		if pulled := now - c.Track.Committed; c.Track.Committed > 0 && pulled > 0.5 {
			b.burnLbl = fmt.Sprintf("Burndown: %.0f pt committed + %.0f pulled in", c.Track.Committed, pulled)
		}
	}
	b.idleNote = ""
	if pullShown(v) && len(st.Committed) > 0 {
		top := sc.Stories[st.Stories[st.Backlog[0]].Def].Title
		left := "has built everything in the sprint"
		if st.SprintLeft > 0 {
			left = "will have built the sprint's work by tonight"
		}
		b.idleNote = fmt.Sprintf("The team %s, with %s to go. Press L to pull in the next story (“%s”) and keep it busy, or leave the slack: a sprint finished within the forecast pays debt down. A pulled story that spills over costs morale.", left, daysWord(st.Days-st.Day), top)
	} else if st.Phase == sim.PhaseExecution && len(st.Committed) > 0 && st.SprintLeft == 0 && st.Day < st.Days {
		b.idleNote = fmt.Sprintf("The team has built everything in the sprint with %s to go; the backlog is empty, so the spare days pay debt down.", daysWord(st.Days-st.Day))
	}
}

func (b *sprintBoard) side(c *Ctx, s *Sprint, sd *sidePanel) {
	v := c.V()
	st := v.View()
	sc := v.Scenario()
	if r := b.focusedRequest(c); r >= 0 {
		rq := st.Requests[r]
		def := sc.Requests[rq.Def]
		sd.add(sc.Stakeholders[rq.Stakeholder].Name+" asks:", widget.Heading, widget.Ink, 0)
		sd.add("“"+def.Text+"”", widget.Body, widget.Ink, 8)
		sd.add("Unanswered requests add stress every day; at the sprint's end they count as ignored.", widget.Small, widget.InkMuted, 12)
		storyBlocks(c, s, rq.Story, sd)
	} else if ix := b.focusedStory(c); ix >= 0 {
		storyBlocks(c, s, ix, sd)
	} else {
		sd.add("Days pass with N. The team builds the committed stories in order; requests and events arrive.", widget.Body, widget.InkMuted, 0)
	}
}

var answerTitles = [4]string{"Accept", "Defer", "Decline", "Escalate"}
var answerKeys = [4]string{"1", "2", "3", "4"}

func (b *sprintBoard) draw(c *Ctx, s *Sprint, p *widget.Painter) {
	v := c.V()
	st := v.View()
	left, right := b.columns(s.L.board)
	drawHeader(p, left, "Inbox", "requests wait for your answer · 1–4 answers the picked one")
	for i, r := range b.reqCards {
		ri := b.reqFirst + i
		focused := ri == b.Focus
		line := widget.Border
		if focused {
			line = widget.Focus
		}
		p.Panel(r, 10, widget.Surface, line, 1+b2f(focused))
		rq := st.Requests[st.Inbox[ri]]
		col := widget.ThemeColor(st.Stories[rq.Story].Theme)
		p.Panel(widget.R(r.X, r.Y, r.W, 6), 3, col, color.RGBA{}, 0)
		p.Text(p.Fit(b.reqWho[ri], widget.BodyBold, r.W-24), widget.BodyBold, r.X+12, r.Y+12, widget.Ink)
		p.Text(p.Fit(b.reqMeta[ri], widget.Small, r.W-24), widget.Small, r.X+12, r.Y+34, widget.InkMuted)
		for k, ar := range b.answers[i] {
			if ar.Bottom() > r.Bottom() {
				break
			}
			pressed := b.pressed[0] == i && b.pressed[1] == k
			fill := widget.SurfaceAlt
			if pressed {
				fill = widget.Sunken
			}
			p.Panel(ar, 5, fill, widget.Border, 1)
			kc := widget.R(ar.X+4, ar.Y+3, 18, 18)
			p.Panel(kc, 3, widget.Sunken, color.RGBA{}, 0)
			p.TextCenter(answerKeys[k], widget.Mono, kc.CX(), kc.Y+(18-widget.LineHeight(widget.Mono))/2, widget.Ink)
			if b.twoLine {
				p.Text(answerTitles[k], widget.BodyBold, kc.Right()+6, ar.Y+1, widget.Ink)
				p.Text(p.Fit(b.ansLine[ri][k], widget.Small, ar.W-kc.W-16), widget.Small, kc.Right()+6, ar.Y+18, widget.InkMuted)
				continue
			}
			w := p.Text(answerTitles[k], widget.BodyBold, kc.Right()+6, ar.Y+(ar.H-widget.LineHeight(widget.BodyBold))/2, widget.Ink)
			p.Text(p.Fit(b.ansLine[ri][k], widget.Small, ar.W-w-40), widget.Small, kc.Right()+w+14, ar.Y+(ar.H-widget.LineHeight(widget.Small))/2, widget.InkMuted)
		}
	}
	if b.reqMore != "" {
		y := b.inbox.Y
		if n := len(b.reqCards); n > 0 {
			y = b.reqCards[n-1].Bottom() + 4
		}
		p.Text(b.reqMore, widget.Small, left.X, y, widget.InkMuted)
	}
	if len(b.reqCards) == 0 {
		note := "No requests waiting. Press N to let a day pass; the team keeps building."
		if b.idleNote != "" {
			note = b.idleNote
		}
		p.Paragraph(note, widget.Body, widget.R(left.X, left.Y+40, left.W, left.H-60), widget.InkMuted)
	}
	// Sprint column and burndown.
	drawHeader(p, right, "In the sprint", "")
	for i, r := range b.sprCards {
		k := b.sprFirst + i
		s.drawMini(c, p, r, st.Committed[k], b.Focus == len(st.Inbox)+k)
	}
	if b.sprMore != "" {
		y := right.Y + 36
		if n := len(b.sprCards); n > 0 {
			y = b.sprCards[n-1].Bottom() + 2
		}
		p.Text(b.sprMore, widget.Small, right.X, y, widget.InkMuted)
	}
	b.drawBurndown(c, p, b.chart)
}

func (b *sprintBoard) drawBurndown(c *Ctx, p *widget.Painter, r widget.Rect) {
	st := c.V().View()
	t := c.Track
	p.Panel(r, 8, widget.Surface, widget.Border, 1)
	p.Text(b.burnLbl, widget.BodyBold, r.X+12, r.Y+8, widget.Ink)
	plot := widget.R(r.X+40, r.Y+40, r.W-56, r.H-72)
	p.Fill(widget.R(plot.X, plot.Y, 1, plot.H), widget.InkMuted)
	p.Fill(widget.R(plot.X, plot.Bottom(), plot.W, 1), widget.InkMuted)
	p.Text("pt", widget.Small, r.X+12, plot.Y-4, widget.InkMuted)

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
	p.Text("dashed: ideal · solid: to build", widget.Small, r.X+12, r.Bottom()-22, widget.InkMuted)
	p.TextRight("days →", widget.Small, r.Right()-12, r.Bottom()-22, widget.InkMuted)
}

// daysWord is a count of days in words: "1 day", "4 days".
func daysWord(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}
