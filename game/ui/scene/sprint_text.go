package scene

import (
	"fmt"
	"image/color"
	"strings"

	"twohats/game/scenario"
	"twohats/game/sim"
	"twohats/game/ui/widget"
)

// block is a piece of the context panel: a line or a paragraph in a font and colour.
type block struct {
	text string
	font widget.Font
	col  color.RGBA
	gap  float64 // space above
	bar  float64 // when ≥ 0 and barOn, a meter drawn under the text
	on   bool
	fill color.RGBA
}

// sprintText is every string the sprint screens show, formatted when something changes and
// never during a frame.
type sprintText struct {
	ver       int
	effort    []string // per story: "5 pt"
	due       []string // per story: "due S3", or ""
	est       []string // per theme: "45% ± 8"
	estLbl    []string // per theme: "est 45% ± 8"
	road      []string // per theme: "40%"
	draft     []string // per theme: the draft roadmap share
	poview    []string
	side      []block
	capLine   string
	planPts   string
	hint      string
	log       []string
	reqWho    []string // per request
	reqMeta   []string
	ansLine   [][4]string
	review    []string
	stake     []string
	stakeD    []string
	retro     []block
	retroVals [4]string
	retroNote string
	burnLbl   string
	evOpts    []string
	evEff     [][]string

	logDesc []string  // the descriptions of the game's log so far, by index: the log only grows
	logGame *sim.Game // the game logDesc describes
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

// describe is g.Describe of log entry i, formatted once.
func (t *sprintText) describe(g *sim.Game, i int) string {
	st := g.State()
	if t.logGame != g || len(t.logDesc) > len(st.Log) {
		t.logGame, t.logDesc = g, t.logDesc[:0]
	}
	for len(t.logDesc) <= i {
		t.logDesc = append(t.logDesc, "")
	}
	if t.logDesc[i] == "" {
		t.logDesc[i] = g.Describe(st.Log[i])
	}
	return t.logDesc[i]
}

func (t *sprintText) build(c *Ctx, s *Sprint) {
	g := c.Game
	st := g.State()
	sc := g.Scenario()
	t.effort = t.effort[:0]
	t.due = t.due[:0]
	for i := range st.Stories {
		t.effort = append(t.effort, ptStr(st.Stories[i].Effort))
		d := ""
		if st.Stories[i].DueSprint > 0 {
			d = dueStr(st.Stories[i].DueSprint)
		}
		t.due = append(t.due, d)
	}
	t.estLbl = t.estLbl[:0]
	t.est, t.road, t.draft, t.poview = t.est[:0], t.road[:0], t.draft[:0], t.poview[:0]
	sum := 0.0
	for _, w := range s.Weights {
		sum += w
	}
	for i := range st.Roadmap {
		t.est = append(t.est, fmt.Sprintf("%s ± %d", pct(st.Market.Estimate[i]), int(100*st.Market.Spread[i]+0.5)))
		t.estLbl = append(t.estLbl, "est "+t.est[len(t.est)-1])
		t.road = append(t.road, pct(st.Roadmap[i]))
		sh := 0.0
		if sum > 0 {
			sh = s.Weights[i] / sum
		}
		t.draft = append(t.draft, pct(sh))
		t.poview = append(t.poview, pct(st.POView[i]))
	}
	fc := g.Forecast()
	t.capLine = fmt.Sprintf("capacity line: the team will likely finish %.1f pt (capacity %d)", fc, st.Team.Capacity)
	t.planPts = fmt.Sprintf("Plan: %d pt of %.1f forecast", s.planPoints(c), fc)

	// The latest consequences, newest first.
	t.log = t.log[:0]
	for i := len(st.Log) - 1; i >= 0 && len(t.log) < 4; i-- {
		if st.Log[i].Sprint != st.Sprint {
			break
		}
		t.log = append(t.log, t.describe(g, i))
	}

	// Inbox.
	t.reqWho, t.reqMeta, t.ansLine = t.reqWho[:0], t.reqMeta[:0], t.ansLine[:0]
	for _, r := range st.Inbox {
		rq := st.Requests[r]
		def := sc.Requests[rq.Def]
		story := st.Stories[rq.Story]
		holder := sc.Stakeholders[rq.Stakeholder]
		t.reqWho = append(t.reqWho, holder.Name)
		t.reqMeta = append(t.reqMeta, fmt.Sprintf("wants %q · %s · %d pt · day %d", sc.Stories[story.Def].Title, sc.Themes[story.Theme].Name, story.Effort, rq.Day))
		_ = def
		t.ansLine = append(t.ansLine, answerEffects(g, r))
	}

	// Review.
	t.review = t.review[:0]
	for _, ix := range st.Committed {
		t.review = append(t.review, storyStatusLine(st, ix))
	}
	t.stake, t.stakeD = t.stake[:0], t.stakeD[:0]
	for i, h := range sc.Stakeholders {
		t.stake = append(t.stake, fmt.Sprintf("%s (%s)", h.Name, kindName(h.Kind)))
		d := 0
		if i < len(c.Track.TrustStart) {
			d = int(100*(st.Stakeholders[i].Trust-c.Track.TrustStart[i]) + sign(st.Stakeholders[i].Trust-c.Track.TrustStart[i])*0.5)
		}
		switch {
		case d > 0:
			t.stakeD = append(t.stakeD, "▲ "+signed(d)+" pleased")
		case d < 0:
			t.stakeD = append(t.stakeD, "▼ "+signed(d)+" let down")
		default:
			t.stakeD = append(t.stakeD, "= unchanged")
		}
	}

	// Event.
	t.evOpts, t.evEff = t.evOpts[:0], t.evEff[:0]
	if st.Event >= 0 {
		ev := sc.Events[st.Events[st.Event].Def]
		for i, ch := range ev.Choices {
			h := "free"
			if ch.Hours > 0 {
				h = fmt.Sprintf("%d h", ch.Hours)
			}
			t.evOpts = append(t.evOpts, fmt.Sprintf("%d  %s  (%s)", i+1, ch.Label, h))
			var eff []string
			for _, e := range ch.Effects {
				eff = append(eff, effectLine(g, e))
			}
			if len(eff) == 0 {
				eff = append(eff, "nothing changes")
			}
			t.evEff = append(t.evEff, eff)
		}
	}
	t.burnLbl = fmt.Sprintf("Burndown: %.0f pt committed", c.Track.Committed)
	t.side = t.side[:0]
	t.sideBlocks(c, s)
	t.retroBlocks(c)
}

func sign(x float64) float64 {
	if x < 0 {
		return -1
	}
	return 1
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

func storyStatusLine(st *sim.State, ix int) string {
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

// answerEffects says what each answer to request r will move, before the player picks.
func answerEffects(g *sim.Game, r int) [4]string {
	st := g.State()
	sc := g.Scenario()
	t := &sc.Tuning
	rq := st.Requests[r]
	who := shortName(sc.Stakeholders[rq.Stakeholder].Name)
	story := st.Stories[rq.Story]
	due := st.Sprint + t.PromiseSprints - 1
	if st.Phase > sim.PhasePlanning {
		due++
	}
	n := float64(len(st.Roadmap))
	above := st.Roadmap[story.Theme]*n >= 1
	esc := "exec decides: likely no"
	if above {
		esc = "exec decides: likely yes (on roadmap)"
	}
	escTrust := -t.TrustDecline / 2
	if above {
		escTrust = t.TrustAccept / 2
	}
	return [4]string{
		fmt.Sprintf("%s trust %s · +%d pt of work, promised by sprint %d", who, dots(t.TrustAccept), story.Effort, due),
		fmt.Sprintf("%s trust %s · asks again next sprint", who, dots(-t.TrustDecline/3)),
		fmt.Sprintf("%s trust %s · story dropped, focus kept", who, dots(-t.TrustDecline)),
		fmt.Sprintf("%s trust %s · %s · executives ▼", who, dots(escTrust), esc),
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
func effectLine(g *sim.Game, e scenario.Effect) string {
	sc := g.Scenario()
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

func (t *sprintText) sideBlocks(c *Ctx, s *Sprint) {
	g := c.Game
	st := g.State()
	sc := g.Scenario()
	add := func(text string, f widget.Font, col color.RGBA, gap float64) {
		t.side = append(t.side, block{text: text, font: f, col: col, gap: gap})
	}
	meter := func(text string, v float64, fill color.RGBA) {
		t.side = append(t.side, block{text: text, font: widget.Small, col: widget.InkMuted, gap: 6, bar: v, on: true, fill: fill})
	}
	switch s.Board {
	case BMarket:
		i := s.Theme
		if i < len(sc.Themes) {
			th := sc.Themes[i]
			add(th.Letter+" · "+th.Name, widget.Heading, widget.Ink, 0)
			add("Market estimate: "+t.est[i]+". The ± is how unsure you are: research and interviews shrink it.", widget.Body, widget.Ink, 8)
			add("Roadmap weight now: "+t.road[i]+"; in your draft: "+t.draft[i]+".", widget.Body, widget.Ink, 8)
			if g.Role() != sim.RoleBoth {
				add("The Product Owner works from "+t.poview[i]+" for this theme (as last heard). A sync hands over the whole roadmap.", widget.Body, widget.InkMuted, 8)
			}
			n := 0
			for _, ix := range st.Backlog {
				if st.Stories[ix].Theme == i {
					n++
				}
			}
			add(fmt.Sprintf("%d backlog stories in this theme.", n), widget.Body, widget.InkMuted, 8)
		}
		if !g.Role().Wears(sim.HatPM) {
			add("Your colleague, the Product Manager, owns the market view and the roadmap. You see them as they reach you.", widget.Body, widget.InkMuted, 16)
		} else {
			add("Strategy fit = how close the roadmap is to what the market really needs. Nobody sees the real need; the estimate is your best guess.", widget.Small, widget.InkMuted, 16)
		}
	case BBacklog:
		ix := s.FocusedStory(c)
		if ix >= 0 {
			t.storyBlocks(c, ix, add, meter)
		} else {
			add("The backlog is empty.", widget.Body, widget.InkMuted, 0)
		}
		if st.Phase == sim.PhasePlanning && !st.Planned && g.Role().Wears(sim.HatPO) {
			add(t.planPts, widget.BodyBold, widget.Ink, 16)
			add("Ticked cards go into the sprint, in board order. Over the capacity line the team is likely not to finish.", widget.Small, widget.InkMuted, 4)
		}
		if !g.Role().Wears(sim.HatPO) {
			add("Your colleague, the Product Owner, orders and plans the backlog. Unsynced, they drift toward what is loudest.", widget.Body, widget.InkMuted, 16)
		}
	case BSprint:
		if r := s.FocusedRequest(c); r >= 0 {
			rq := st.Requests[r]
			def := sc.Requests[rq.Def]
			add(sc.Stakeholders[rq.Stakeholder].Name+" asks:", widget.Heading, widget.Ink, 0)
			add("“"+def.Text+"”", widget.Body, widget.Ink, 8)
			t.storyBlocks(c, rq.Story, add, meter)
			add("Unanswered requests add stress every day; at the sprint's end they count as ignored.", widget.Small, widget.InkMuted, 12)
		} else if ix := s.FocusedStory(c); ix >= 0 {
			t.storyBlocks(c, ix, add, meter)
		} else {
			add("Days pass with N. The team builds the committed stories in order; requests and events arrive.", widget.Body, widget.InkMuted, 0)
		}
	case BReview:
		add("Review", widget.Heading, widget.Ink, 0)
		add("The review checks each built story against its acceptance criteria. A defect sends the story back; without a review, defects ship and cost trust and debt.", widget.Body, widget.Ink, 8)
		if !g.Role().Wears(sim.HatPO) {
			add("Your Product Owner holds the review.", widget.Body, widget.InkMuted, 8)
		}
	case BRetro:
		add("Retrospective", widget.Heading, widget.Ink, 0)
		add("Rest (Z) lowers stress. Stress above the line turns into burnout; burnout blurs decisions and at the limit forces a sprint of leave.", widget.Body, widget.Ink, 8)
	}
	if len(t.log) > 0 {
		add("What just happened", widget.BodyBold, widget.Ink, 20)
		for _, l := range t.log {
			add(l, widget.Small, widget.InkMuted, 4)
		}
	}
}

func (t *sprintText) storyBlocks(c *Ctx, ix int, add func(string, widget.Font, color.RGBA, float64), meter func(string, float64, color.RGBA)) {
	g := c.Game
	st := g.State()
	sc := g.Scenario()
	story := st.Stories[ix]
	def := sc.Stories[story.Def]
	th := sc.Themes[story.Theme]
	add(def.Title, widget.Heading, widget.Ink, 0)
	add(fmt.Sprintf("%s · %s · %d pt · value %.0f", th.Letter, th.Name, story.Effort, story.Value), widget.Body, widget.InkMuted, 4)
	meter(fmt.Sprintf("Clarity %s (acceptance criteria written %d×)", pct(story.Clarity), story.Refined), story.Clarity, widget.Blue)
	meter("Urgency "+pct(story.Urgency), story.Urgency, widget.Orange)
	if story.Requester >= 0 {
		line := "Asked for by " + sc.Stakeholders[story.Requester].Name
		if story.DueSprint > 0 {
			line += fmt.Sprintf("; promised by the end of sprint %d", story.DueSprint)
		}
		add(line, widget.Body, widget.Ink, 6)
	}
	add("Acceptance criteria", widget.BodyBold, widget.Ink, 12)
	if len(def.Criteria) == 0 && story.Refined == 0 {
		if story.Clarity < 0.5 {
			add("! None written yet: low clarity means rework and defects. Refine (R) to write them.", widget.Body, widget.Vermilion, 4)
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

func (t *sprintText) retroBlocks(c *Ctx) {
	st := c.Game.State()
	t.retroVals = [4]string{pct(st.Team.Morale), pct(st.Team.Debt), pct(st.Player.Stress), pct(st.Player.Burnout)}
	shipped, value, pts := 0, 0.0, 0
	for i := range st.Stories {
		if s := &st.Stories[i]; s.Status == sim.StoryAccepted && s.Shipped == st.Sprint {
			shipped++
			value += s.Realised
			pts += s.Effort
		}
	}
	t.retroNote = fmt.Sprintf("This sprint shipped %d stories (%d pt) worth %.0f value. You have %d h left: resting now (Z) lowers stress before the next sprint. The team's velocity next sprint: about %.1f pt.",
		shipped, pts, value, st.Player.Hours, st.Team.Velocity())
	if st.Player.Stress > c.Game.Scenario().Tuning.BurnoutFrom {
		t.retroNote += " Your stress is in the hatched zone: burnout is building."
	}
}
