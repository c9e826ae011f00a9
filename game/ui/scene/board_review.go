package scene

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"twohats/game/scenario"
	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

// reviewBoard is the review board: the increment, story by story, and each stakeholder's trust and
// how it moved this sprint.
type reviewBoard struct {
	status  []string // per committed story
	shipped []int    // stories accepted this sprint that left the sprint list
	stake   []string // per stakeholder: name (kind)
	stakeD  []string // per stakeholder: the change this sprint, in words
	stakeS  []int    // per stakeholder: the change's sign
	promise promiseLines
}

// promiseLines is what the review board says of the promises made to stakeholders: the totals, and
// each promise that falls due this sprint or was settled in it, so a broken one is seen the sprint
// it breaks, not only in the debrief. A promise breaks when its sprint closes, after that sprint's
// review (which warned that it was due and not shipped), so the next sprint's board names it too.
type promiseLines struct {
	total string
	lines []string
	cols  []color.RGBA
}

func (pl *promiseLines) build(st *sim.View, sc *scenario.Scenario) {
	kept, broken, open := 0, 0, 0
	pl.lines, pl.cols = pl.lines[:0], pl.cols[:0]
	for _, pr := range st.Promises {
		// ▲ and ▼, as on the stakeholders' trust: the Go fonts have no check mark or cross.
		switch pr.Status {
		case sim.PromiseKept:
			kept++
		case sim.PromiseBroken:
			broken++
		default:
			open++
		}
		thisSprint := pr.Settled == st.Sprint || (pr.Status == sim.PromiseOpen && pr.Due <= st.Sprint)
		brokeLastSprint := pr.Status == sim.PromiseBroken && pr.Settled == st.Sprint-1
		if !thisSprint && !brokeLastSprint {
			continue
		}
		who := sc.Stakeholders[pr.Stakeholder].Name
		title := sc.Stories[st.Stories[pr.Story].Def].Title
		// ▲ and ▼, as on the stakeholders' trust: the Go fonts have no check mark or cross.
		switch pr.Status {
		case sim.PromiseKept:
			pl.lines = append(pl.lines, "▲ Kept: "+title+" · "+who)
			pl.cols = append(pl.cols, widget.GreenInk)
		case sim.PromiseBroken:
			when := "▼ Broken: "
			if brokeLastSprint {
				when = "▼ Broken last sprint: "
			}
			pl.lines = append(pl.lines, when+title+" · "+who)
			pl.cols = append(pl.cols, widget.VermilionInk)
		default:
			pl.lines = append(pl.lines, "! Due this sprint, not shipped yet: "+title+" · "+who)
			pl.cols = append(pl.cols, widget.VermilionInk)
		}
	}
	pl.total = ""
	if len(st.Promises) > 0 {
		pl.total = fmt.Sprintf("%d kept · %d broken · %d open", kept, broken, open)
	}
}

func (pl *promiseLines) side(sd *sidePanel) {
	if pl.total == "" {
		return
	}
	sd.add("Promises", widget.BodyBold, widget.Ink, 12)
	sd.add(pl.total, widget.Body, widget.Ink, 4)
	for i, l := range pl.lines {
		sd.add(l, widget.Small, pl.cols[i], 4)
	}
}

func (b *reviewBoard) reset()                                         {}
func (b *reviewBoard) sync(c *Ctx, s *Sprint)                         {}
func (b *reviewBoard) acts(c *Ctx, s *Sprint, bb *bar)                {}
func (b *reviewBoard) operate(c *Ctx, s *Sprint, op int)              {}
func (b *reviewBoard) handle(c *Ctx, s *Sprint, in input.Intent) bool { return false }
func (b *reviewBoard) auto(c *Ctx, s *Sprint, a sim.Action) (input.Intent, bool) {
	return input.Intent{}, false
}

func (b *reviewBoard) layout(c *Ctx, s *Sprint, board widget.Rect) {
	v := c.V()
	st := v.View()
	sc := v.Scenario()
	b.status = b.status[:0]
	for _, ix := range st.Committed {
		b.status = append(b.status, storyStatusLine(st, ix))
	}
	b.shipped = b.shipped[:0]
	for i := range st.Stories {
		story := &st.Stories[i]
		if story.Status == sim.StoryAccepted && story.Shipped == st.Sprint && !slices.Contains(st.Committed, i) {
			b.shipped = append(b.shipped, i)
		}
	}
	b.promise.build(st, sc)
	b.stake, b.stakeD, b.stakeS = b.stake[:0], b.stakeD[:0], b.stakeS[:0]
	for i, h := range sc.Stakeholders {
		b.stake = append(b.stake, fmt.Sprintf("%s (%s)", h.Name, kindName(h.Kind)))
		d := 0
		if i < len(c.Track.TrustStart) {
			x := st.Stakeholders[i].Trust - c.Track.TrustStart[i]
			d = int(100*x + sign(x)*0.5)
		}
		switch {
		case d > 0:
			b.stakeD = append(b.stakeD, "▲ "+signed(d)+" pleased")
			b.stakeS = append(b.stakeS, 1)
		case d < 0:
			b.stakeD = append(b.stakeD, "▼ "+signed(d)+" let down")
			b.stakeS = append(b.stakeS, -1)
		default:
			b.stakeD = append(b.stakeD, "= unchanged")
			b.stakeS = append(b.stakeS, 0)
		}
	}
}

func (b *reviewBoard) side(c *Ctx, s *Sprint, sd *sidePanel) {
	sd.add("Review", widget.Heading, widget.Ink, 0)
	sd.add("The review checks each built story against its acceptance criteria. A defect sends the story back; without a review, defects ship and cost trust and debt.", widget.Body, widget.Ink, 8)
	v := c.V()
	st := v.View()
	switch {
	case !v.Role().Wears(sim.HatPO):
		sd.add("Your Product Owner holds the review.", widget.Body, widget.InkMuted, 8)
	case st.Reviewed || st.Phase > sim.PhaseReview || len(st.Committed) == 0:
		// Held, over, or nothing built: no review to lose.
	case st.Player.OnLeave:
		// A first-time player on leave sees the review's buttons struck through and nothing else:
		// say what that sprint's end will do without them.
		sd.add("You are on leave: nobody holds this review, so what the team built ships as it is, defects and all.", widget.Body, widget.VermilionInk, 8)
	case st.Phase == sim.PhaseReview:
		if err := v.Check(sim.Action{Kind: sim.ActReview}); err != nil {
			sd.add(err.Error()+": what the team built ships unreviewed, defects and all.", widget.Body, widget.VermilionInk, 8)
		}
	}
	b.promise.side(sd)
}

func (b *reviewBoard) draw(c *Ctx, s *Sprint, p *widget.Painter) {
	v := c.V()
	st := v.View()
	sc := v.Scenario()
	board := s.L.board
	left, right := board.CutLeft(math.Round(board.W * 0.55))
	right.X += 16
	right.W -= 16
	drawHeader(p, left, "The increment", "")
	y := left.Y + 36
	total := len(st.Committed) + len(b.shipped)
	shown := 0
	for i, ix := range st.Committed {
		if y+52 > left.Bottom()-20 {
			break
		}
		s.drawReviewCard(c, p, widget.R(left.X, y, left.W, 52), ix, b.status[i])
		y += 60
		shown++
	}
	// After the review the committed list is gone: show what shipped this sprint.
	for _, ix := range b.shipped {
		if y+52 > left.Bottom()-20 {
			break
		}
		s.drawReviewCard(c, p, widget.R(left.X, y, left.W, 52), ix, "ACCEPTED · shipped")
		y += 60
		shown++
	}
	if total > shown {
		p.Text(moreStr(total-shown), widget.Small, left.X, y, widget.InkMuted)
	}
	if total == 0 {
		p.Paragraph("Nothing was built this sprint.", widget.Body, widget.R(left.X, y, left.W, 40), widget.InkMuted)
	}
	drawHeader(p, right, "Stakeholders", "trust, and how it moved this sprint")
	y = right.Y + 36
	for i := range sc.Stakeholders {
		if y+54 > right.Bottom()-20 {
			p.Text(moreStr(len(sc.Stakeholders)-i), widget.Small, right.X, y, widget.InkMuted)
			break
		}
		r := widget.R(right.X, y, right.W, 54)
		p.Panel(r, 8, widget.Surface, widget.Border, 1)
		p.Text(p.Fit(b.stake[i], widget.BodyBold, r.W-24), widget.BodyBold, r.X+12, r.Y+6, widget.Ink)
		p.Meter(widget.R(r.X+12, r.Y+34, r.W*0.45, 8), st.Stakeholders[i].Trust, widget.SkyBlue, widget.Sunken)
		col := widget.InkMuted
		switch b.stakeS[i] {
		case 1:
			col = widget.GreenInk
		case -1:
			col = widget.VermilionInk
		}
		p.TextRight(b.stakeD[i], widget.Small, r.Right()-12, r.Y+28, col)
		y += 62
	}
}

func (s *Sprint) drawReviewCard(c *Ctx, p *widget.Painter, r widget.Rect, ix int, status string) {
	v := c.V()
	st := v.View()
	story := st.Stories[ix]
	p.Panel(r, 8, widget.Surface, widget.Border, 1)
	col := widget.ThemeColor(story.Theme)
	chip := widget.R(r.X+8, r.Y+(r.H-28)/2, 28, 28)
	p.Panel(chip, 5, col, color.RGBA{}, 0)
	p.TextCenter(v.Scenario().Themes[story.Theme].Letter, widget.BodyBold, chip.CX(), chip.Y+(28-widget.LineHeight(widget.BodyBold))/2, widget.InkOn(col))
	sc := widget.InkMuted
	switch story.Status {
	case sim.StoryAccepted:
		sc = widget.GreenInk
	case sim.StoryBacklog:
		sc = widget.VermilionInk
	}
	x := chip.Right() + 10
	sw := p.Width(status, widget.BodyBold)
	if r.W-sw-70 < 200 {
		// Narrow: the status goes on the second line, after the points, so the title can be read.
		p.Text(p.Fit(v.Scenario().Stories[story.Def].Title, widget.BodyBold, r.Right()-12-x), widget.BodyBold, x, r.Y+6, widget.Ink)
		w := p.Text(s.effort[ix], widget.Mono, x, r.Y+28, widget.InkMuted)
		p.Text(p.Fit(status, widget.Small, r.Right()-12-x-w-12), widget.Small, x+w+12, r.Y+29, sc)
		return
	}
	p.Text(p.Fit(v.Scenario().Stories[story.Def].Title, widget.BodyBold, r.W-sw-70), widget.BodyBold, x, r.Y+6, widget.Ink)
	p.Text(s.effort[ix], widget.Mono, x, r.Y+28, widget.InkMuted)
	p.TextRight(status, widget.BodyBold, r.Right()-12, r.Y+(r.H-widget.LineHeight(widget.BodyBold))/2, sc)
}

func storyStatusLine(st *sim.View, ix int) string {
	s := st.Stories[ix]
	switch s.Status {
	case sim.StoryDone:
		if st.Reviewed {
			return "built · waiting"
		}
		return "built · waiting for review"
	case sim.StoryCommitted:
		return fmt.Sprintf("not finished · %.0f%% built", 100*s.Progress/float64(max(s.Effort, 1)))
	case sim.StoryAccepted:
		return "ACCEPTED · shipped"
	case sim.StoryBacklog:
		return "SENT BACK · missed its criteria"
	}
	return s.Status.String()
}

func kindName(k string) string {
	switch k {
	case "scrum_master":
		return "Scrum Master"
	case "team":
		return "team"
	}
	return k
}
