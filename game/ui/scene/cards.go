package scene

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"twohats/game/scenario"
	"twohats/game/sim"
	"twohats/game/ui/widget"
)

// This file holds what several boards share: the story card, the small card of a sprint story,
// the story's details in the context panel, and the words for answers and effects.

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

// cardStrings formats the strings every story card shows, once per change of the game.
func (s *Sprint) cardStrings(c *Ctx) {
	st := c.V().View()
	s.effort, s.due = s.effort[:0], s.due[:0]
	for i := range st.Stories {
		s.effort = append(s.effort, ptStr(st.Stories[i].Effort))
		d := ""
		if st.Stories[i].DueSprint > 0 {
			d = dueStr(st.Stories[i].DueSprint)
		}
		s.due = append(s.due, d)
	}
}

func (s *Sprint) drawCard(c *Ctx, p *widget.Painter, r widget.Rect, ix int, focused, planned, checkbox bool) {
	v := c.V()
	st := v.View()
	sc := v.Scenario()
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
	eb := s.effort[ix]
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
		cc = widget.VermilionInk
	}
	x += p.Text(clarityDots[lv], widget.Small, x, y, cc) + 14
	if story.Urgency >= 0.6 {
		x += p.Text("! urgent", widget.Small, x, y, widget.VermilionInk) + 14
	}
	if d := s.due[ix]; d != "" {
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

func (s *Sprint) drawMini(c *Ctx, p *widget.Painter, r widget.Rect, ix int, focused bool) {
	v := c.V()
	st := v.View()
	story := st.Stories[ix]
	line := widget.Border
	if focused {
		line = widget.Focus
	}
	p.Panel(r, 6, widget.Surface, line, 1+b2f(focused))
	col := widget.ThemeColor(story.Theme)
	chip := widget.R(r.X+6, r.Y+(r.H-22)/2, 22, 22)
	p.Panel(chip, 4, col, color.RGBA{}, 0)
	p.TextCenter(v.Scenario().Themes[story.Theme].Letter, widget.BodyBold, chip.CX(), chip.Y+(22-widget.LineHeight(widget.BodyBold))/2, widget.InkOn(col))
	p.Text(p.Fit(v.Scenario().Stories[story.Def].Title, widget.Small, r.W-110), widget.Small, chip.Right()+8, r.Y+4, widget.Ink)
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

// Small whole numbers with a unit, formatted once: a story's points and due sprint are formatted
// again with every layout.
var ptStrs, dueStrs []string

func ptStr(n int) string {
	if n < 0 || n >= 256 {
		return fmt.Sprintf("%d pt", n)
	}
	if ptStrs == nil {
		ptStrs = make([]string, 256)
	}
	if ptStrs[n] == "" {
		ptStrs[n] = fmt.Sprintf("%d pt", n)
	}
	return ptStrs[n]
}

func dueStr(n int) string {
	if n < 0 || n >= 256 {
		return fmt.Sprintf("due S%d", n)
	}
	if dueStrs == nil {
		dueStrs = make([]string, 256)
	}
	if dueStrs[n] == "" {
		dueStrs[n] = fmt.Sprintf("due S%d", n)
	}
	return dueStrs[n]
}

func sign(x float64) float64 {
	if x < 0 {
		return -1
	}
	return 1
}

// dots turns a change into one to three arrows: the size of a consequence at a glance.
func dots(d float64) string {
	a := d
	if a < 0 {
		a = -a
	}
	n := 1
	if a >= 0.05 {
		n = 2
	}
	if a >= 0.09 {
		n = 3
	}
	g := "▲"
	if d < 0 {
		g = "▼"
	}
	return strings.Repeat(g, n)
}

// answerEffects says what each answer to request r will move, before the player picks. The
// requester is named once, on the card; the answers say only what changes.
func answerEffects(v gameView, r int) [4]string {
	st := v.View()
	a := v.Stakes(r)
	story := st.Stories[st.Requests[r].Story]
	// A no to the people who build (the team, the Scrum Master) also costs the team's morale;
	// a deferral a share of it.
	morale := func(ans sim.Answer) string {
		if a.Morale[ans] < 0 {
			return " · morale " + dots(a.Morale[ans])
		}
		return ""
	}
	// The executives take what is loud (the story's urgency), so their verdict is known now.
	esc := "say no"
	if a.Taken {
		esc = "say yes: urgent"
	}
	return [4]string{
		fmt.Sprintf("trust %s · +%d pt of work, promised by sprint %d", dots(a.Trust[sim.AnswerAccept]), story.Effort, a.Due),
		fmt.Sprintf("trust %s · asks again next sprint%s", dots(a.Trust[sim.AnswerDefer]), morale(sim.AnswerDefer)),
		fmt.Sprintf("trust %s · story dropped, focus kept%s", dots(a.Trust[sim.AnswerDecline]), morale(sim.AnswerDecline)),
		fmt.Sprintf("trust %s · executives %s %s%s", dots(a.Trust[sim.AnswerEscalate]), dots(-a.Executives), esc, morale(sim.AnswerEscalate)),
	}
}

func shortName(n string) string {
	if i := strings.IndexByte(n, ','); i > 0 {
		return n[:i]
	}
	return n
}

// effectLine says what an event option moves, in words and arrows. A shift of the hidden market is
// named without its direction: the player learns that only by research.
func effectLine(v gameView, e scenario.Effect) string {
	sc := v.Scenario()
	switch {
	case e.AddStory != "":
		for _, st := range sc.Stories {
			if st.ID == e.AddStory {
				return "adds “" + st.Title + "” to the backlog"
			}
		}
		return "adds a story to the backlog"
	case e.Market != "":
		for _, th := range sc.Themes {
			if th.ID == e.Market {
				return "the market for " + th.Name + " shifts"
			}
		}
		return "the market shifts"
	}
	name := e.Meter
	switch e.Meter {
	case "team.morale":
		name = "team morale"
	case "team.debt":
		name = "technical debt"
	case "team.capacity":
		return fmt.Sprintf("team capacity %s pt", signed(int(e.Delta)))
	case "player.stress":
		name = "your stress"
	case "player.burnout":
		name = "your burnout"
	default:
		if rest, ok := strings.CutPrefix(e.Meter, "stakeholder."); ok {
			id, field, _ := strings.Cut(rest, ".")
			for _, h := range sc.Stakeholders {
				if h.ID == id {
					name = shortName(h.Name) + " " + field
				}
			}
		}
	}
	return name + " " + dots(e.Delta)
}

// storyBlocks adds a story's details to the context panel: theme, effort, clarity and urgency,
// who asked for it, and its acceptance criteria.
func storyBlocks(c *Ctx, s *Sprint, ix int, sd *sidePanel) {
	v := c.V()
	st := v.View()
	sc := v.Scenario()
	add, meter := sd.add, sd.meter
	story := st.Stories[ix]
	def := sc.Stories[story.Def]
	th := sc.Themes[story.Theme]
	gap := 0.0
	if len(sd.blocks) > 0 {
		gap = 16
	}
	add(def.Title, widget.Heading, widget.Ink, gap)
	add(fmt.Sprintf("%s · %s · %d pt · value %.0f", th.Letter, th.Name, story.Effort, story.Value), widget.Body, widget.InkMuted, 4)
	meter(fmt.Sprintf("Clarity %s (acceptance criteria written %d×)", pct(story.Clarity), story.Refined), story.Clarity, widget.Blue)
	meter("Urgency "+pct(story.Urgency), story.Urgency, widget.Orange)
	if story.Requester >= 0 {
		line := "Asked for by " + sim.InSentence(sc.Stakeholders[story.Requester].Name)
		if story.DueSprint > 0 {
			line += fmt.Sprintf("; promised by the end of sprint %d", story.DueSprint)
		}
		add(line, widget.Body, widget.Ink, 6)
	}
	add("Acceptance criteria", widget.BodyBold, widget.Ink, 12)
	if len(def.Criteria) == 0 && story.Refined == 0 {
		if story.Clarity < 0.5 {
			add("! None written yet: low clarity means rework and defects. Refine (R) to write them.", widget.Body, widget.VermilionInk, 4)
		} else {
			add("None written down yet; the team understands the story fairly well.", widget.Body, widget.InkMuted, 4)
		}
	}
	for _, cr := range def.Criteria {
		add("• "+cr, widget.Body, widget.Ink, 4)
	}
	switch {
	case story.Refined == 1 && len(def.Criteria) > 0:
		add("• and more, written with the team in one refinement", widget.Body, widget.Ink, 4)
	case story.Refined == 1:
		add("• written with the team in one refinement", widget.Body, widget.Ink, 4)
	case story.Refined > 1:
		add(fmt.Sprintf("• written and sharpened with the team in %d refinements", story.Refined), widget.Body, widget.Ink, 4)
	}
}
