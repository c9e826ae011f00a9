package scene

import (
	"image/color"
	"math"

	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

// Board is one of the sprint screens. Each phase opens its own board; the player can look at the
// others with Tab.
type Board uint8

// The boards.
const (
	BMarket Board = iota
	BBacklog
	BSprint
	BReview
	BRetro
	numBoards
)

var boardNames = [numBoards]string{"strategy", "planning", "execution", "review", "retro"}
var boardTitles = [numBoards]string{"Market & roadmap", "Backlog", "Sprint board", "Review", "Retrospective"}

func boardOf(p sim.Phase) Board {
	switch p {
	case sim.PhaseStrategy:
		return BMarket
	case sim.PhasePlanning:
		return BBacklog
	case sim.PhaseExecution:
		return BSprint
	case sim.PhaseReview:
		return BReview
	}
	return BRetro
}

// board is one board of the sprint screen, in its own file (board_market.go, board_backlog.go,
// board_sprint.go, board_review.go, board_retro.go): its state, layout, drawing, intents and the
// keys the autoplayer presses on it. The shell (this file) keeps the tabs, the top bar, the action
// bar, the context panel and the modals.
type board interface {
	// reset clears the focus when a new phase or sprint begins.
	reset()
	// sync brings the board's drafts in step with the game after a change.
	sync(c *Ctx, s *Sprint)
	// acts adds the board's own buttons to the action bar, from the action table.
	acts(c *Ctx, s *Sprint, b *bar)
	// layout places the board's items in r and formats its strings.
	layout(c *Ctx, s *Sprint, r widget.Rect)
	// draw paints the board.
	draw(c *Ctx, s *Sprint, p *widget.Painter)
	// side adds the board's blocks to the context panel.
	side(c *Ctx, s *Sprint, sd *sidePanel)
	// handle takes the intents the shell leaves to the board: arrows, the pointer, the wheel. It
	// reports whether the action bar must be built again.
	handle(c *Ctx, s *Sprint, in input.Intent) bool
	// operate carries out a screen-only operation of the action table.
	operate(c *Ctx, s *Sprint, op int)
	// auto is the next intent toward want on this board; ok is false when the board cannot.
	auto(c *Ctx, s *Sprint, want sim.Action) (in input.Intent, ok bool)
}

// Sprint is every sprint screen: one shell, five boards.
type Sprint struct {
	Board  Board
	phase  sim.Phase
	sprint int
	ver    int

	Market  *marketBoard
	Backlog *backlogBoard
	Sprint  *sprintBoard
	Review  *reviewBoard
	Retro   *retroBoard
	boards  [numBoards]board

	acts    []act
	hover   int
	pressed int
	L       shell
	barH    float64
	top     topBar
	lw, lh  float64
	side    sidePanel
	log     []string // the latest consequences, newest first
	effort  []string // per story: "5 pt"
	due     []string // per story: "due S3", or ""

	// modals
	Picker  bool // the interview's theme choice
	choices []widget.Rect
	picks   []widget.Rect
	tabs    [numBoards]widget.Rect
	evOpts  []string
	evEff   [][]string

	// the tutorial's guide, or nil
	guide *guide
}

// NewSprint opens the sprint screens at the phase's board.
func NewSprint(c *Ctx) *Sprint {
	s := &Sprint{hover: -1, pressed: -1, ver: -1}
	s.Market = &marketBoard{sliding: -1}
	s.Backlog = &backlogBoard{}
	s.Sprint = &sprintBoard{}
	s.Review = &reviewBoard{}
	s.Retro = &retroBoard{}
	s.boards = [numBoards]board{s.Market, s.Backlog, s.Sprint, s.Review, s.Retro}
	st := c.V().View()
	s.Board, s.phase, s.sprint = boardOf(st.Phase), st.Phase, st.Sprint
	s.guide = newGuide(c)
	s.sync(c)
	return s
}

// Name is the board's name.
func (s *Sprint) Name() string { return boardNames[s.Board] }

func (s *Sprint) cur() board { return s.boards[s.Board] }

// sync brings the drafts and the action bar up to date with the game.
func (s *Sprint) sync(c *Ctx) {
	st := c.V().View()
	if st.Phase != s.phase || st.Sprint != s.sprint {
		s.phase, s.sprint = st.Phase, st.Sprint
		s.Board = boardOf(st.Phase)
		for _, b := range s.boards {
			b.reset()
		}
		s.pressed = -1
		c.Hold() // a second click of a double click must not land on the next phase's bar
		if c.statusT > 0 && c.statusT < statusFrames-1 {
			// A message about the last phase's board does not follow the player into the next.
			c.Status, c.statusT = "", 0
		}
	}
	if s.ver != c.Track.Version {
		s.ver = c.Track.Version
		s.cardStrings(c)
		for _, b := range s.boards {
			b.sync(c, s)
		}
		s.log = s.log[:0]
		v := c.V()
		for i := len(st.Log) - 1; i >= 0 && len(s.log) < 4; i-- {
			if st.Log[i].Sprint != st.Sprint {
				break
			}
			s.log = append(s.log, c.Track.describe(v, i))
		}
		if s.guide != nil {
			s.guide.observe(c, s)
		}
	}
	s.buildActs(c)
}

// buildActs rebuilds the action bar for the board and the phase. It allocates, so it runs only when
// something changed.
func (s *Sprint) buildActs(c *Ctx) {
	v := c.V()
	st := v.View()
	role := v.Role()
	b := bar{c: c, acts: s.acts[:0]}
	pair := v.Pair()
	switch {
	case pair && (!st.Turn || c.News.Me().Served):
		// The other seat's turn: nothing to press; the bar says who acts (drawWait).
	case pair && st.Done:
		// Done with the phase (or not acting in it), and the partner proposes a sync: the phase
		// waits for the answer, yes or no.
		b.game(sim.Action{Kind: sim.ActSync, Accept: true}, "Accept sync").primary = true
		b.game(sim.Action{Kind: sim.ActAdvance}, "No sync")
	case st.Event < 0:
		s.cur().acts(c, s, &b)
		pm, po := role.Wears(sim.HatPM), role.Wears(sim.HatPO)
		// Work either hat may do in this phase.
		switch st.Phase {
		case sim.PhaseStrategy, sim.PhaseExecution:
			if pm {
				b.game(sim.Action{Kind: sim.ActResearch}, "")
				b.game(sim.Action{Kind: sim.ActInterview, Theme: s.Market.Theme}, "")
				b.game(sim.Action{Kind: sim.ActExecutive}, "")
				b.game(sim.Action{Kind: sim.ActKPI}, "")
			}
		case sim.PhaseReview:
			if po {
				b.game(sim.Action{Kind: sim.ActReview}, "").primary = !st.Reviewed
			}
		}
		switch {
		case pair && st.SyncProposal == st.Hat.Other():
			b.game(sim.Action{Kind: sim.ActSync, Accept: true}, "Accept sync").primary = true
		case pair && st.SyncProposal == st.Hat:
			b.game(sim.Action{Kind: sim.ActSync}, "Sync proposed")
		case pair && st.Phase <= sim.PhaseExecution:
			b.game(sim.Action{Kind: sim.ActSync}, "Propose sync")
		case role != sim.RoleBoth && st.Phase <= sim.PhaseExecution:
			b.game(sim.Action{Kind: sim.ActSync}, "")
		}
		b.game(sim.Action{Kind: sim.ActRest}, "")
		label := nextLabel(st)
		if pair && !v.OtherDone() {
			label = doneLabel(st)
		}
		next := b.game(sim.Action{Kind: sim.ActAdvance}, label)
		if st.Phase != sim.PhasePlanning || st.Planned || !po {
			next.primary = st.Phase != sim.PhaseReview || st.Reviewed || !po
		}
		if pair && st.SyncProposal == st.Hat.Other() {
			next.primary = false // Enter answers the partner first
		}
	}
	// The event card has the choices; the bar stays empty until it is answered.
	s.acts = b.acts
	s.barH = layoutBar(c.P, s.acts, c.W)
	s.layout(c)
}

// doneLabel is the advance button's label in a pair game while the partner still works in the
// phase: the seat says it is done, and the phase waits for the partner.
func doneLabel(st *sim.View) string {
	if st.Phase == sim.PhaseExecution {
		return "Done with day " + num(float64(st.Day))
	}
	return "Done with " + lower(st.Phase.String())
}

func nextLabel(st *sim.View) string {
	switch st.Phase {
	case sim.PhaseStrategy:
		return "To planning"
	case sim.PhasePlanning:
		return "Start sprint"
	case sim.PhaseExecution:
		if st.Day == st.Days {
			return "End sprint"
		}
		return "End day " + num(float64(st.Day))
	case sim.PhaseReview:
		return "To retro"
	case sim.PhaseRetro:
		if st.Sprint == st.Sprints {
			return "Finish game"
		}
		return "Next sprint"
	}
	return "Next phase"
}

// Tick keeps the screen in step with the game.
func (s *Sprint) Tick(c *Ctx) {
	if c.Track.Tick() {
		c.DirtyTop = true // only the meters moved: redraw the top bar alone
	}
	if s.ver != c.Track.Version || c.W != s.lw || c.H != s.lh {
		s.sync(c)
		c.Dirty = true
	}
}

func (s *Sprint) trigger(c *Ctx, i int) {
	a := &s.acts[i]
	if !a.enabled {
		c.Say("%s", a.reason)
		return
	}
	if a.local != opNone {
		s.cur().operate(c, s, a.local)
	} else {
		if a.a.Kind == sim.ActInterview {
			s.Picker = true
			c.Dirty = true
			return
		}
		if c.Apply(a.a) {
			s.ver = -1
			switch a.a.Kind {
			case sim.ActRoadmap:
				s.Market.edited = false
			case sim.ActOrder:
				s.Backlog.edited = false
			}
		}
	}
	s.sync(c)
	c.Dirty = true
}

// press carries out the bar's button for want, as its key would.
func (s *Sprint) key(want sim.Action) (input.Intent, bool) {
	d := defOf(want)
	if d == nil {
		return input.Intent{}, false
	}
	if d.key == ' ' {
		return input.Of(input.Toggle), true
	}
	return input.Key(d.key), true
}

// keyOp is the intent of a screen-only operation's key.
func keyOp(op int) (input.Intent, bool) {
	d := defOfOp(op)
	if d.key == ' ' {
		return input.Of(input.Toggle), true
	}
	return input.Key(d.key), true
}

// Handle reacts to an intent.
func (s *Sprint) Handle(c *Ctx, in input.Intent) {
	st := c.V().View()
	if in.Kind == input.Back {
		if s.Picker {
			s.Picker = false
			return
		}
		c.Open(NewPause())
		return
	}
	if st.Event >= 0 {
		s.handleEvent(c, in)
		return
	}
	if s.Picker {
		s.handlePicker(c, in)
		return
	}
	if s.guide != nil && s.guide.handle(c, s, in) {
		return
	}
	switch in.Kind {
	case input.NextBoard:
		s.Board = (s.Board + 1) % numBoards
		s.afterBoard(c)
	case input.PrevBoard:
		s.Board = (s.Board + numBoards - 1) % numBoards
		s.afterBoard(c)
	case input.Shortcut:
		for i := range s.acts {
			if s.acts[i].key == in.Rune {
				s.trigger(c, i)
				return
			}
		}
	case input.Toggle:
		for i := range s.acts {
			if s.acts[i].key == ' ' {
				s.trigger(c, i)
				return
			}
		}
	case input.Confirm:
		for i := range s.acts {
			if s.acts[i].primary && s.acts[i].enabled {
				s.trigger(c, i)
				return
			}
		}
	case input.Hover:
		h := actAt(s.acts, s.L.bar, in.X, in.Y)
		if h != s.hover {
			s.hover = h
			c.Dirty = true
		}
		if s.cur().handle(c, s, in) {
			s.buildActs(c)
		}
	case input.Press:
		if i := actAt(s.acts, s.L.bar, in.X, in.Y); i >= 0 {
			s.pressed = i
			return
		}
		for b := range s.tabs {
			if s.tabs[b].Contains(in.X, in.Y) {
				s.Board = Board(b)
				s.afterBoard(c)
				return
			}
		}
		if s.cur().handle(c, s, in) {
			s.buildActs(c)
		}
	case input.Release:
		if s.pressed >= 0 {
			// A button acts on release, and only when the pointer is still on it.
			i := s.pressed
			s.pressed = -1
			if i < len(s.acts) && actAt(s.acts, s.L.bar, in.X, in.Y) == i {
				s.trigger(c, i)
			}
			c.Dirty = true
			return
		}
		if s.cur().handle(c, s, in) {
			s.buildActs(c)
		}
	default:
		if s.cur().handle(c, s, in) {
			s.buildActs(c)
		}
	}
}

func (s *Sprint) afterBoard(c *Ctx) {
	s.Picker = false
	s.pressed = -1
	s.buildActs(c)
	c.Dirty = true
}

func (s *Sprint) handleEvent(c *Ctx, in input.Intent) {
	pick := -1
	switch in.Kind {
	case input.Shortcut:
		if in.Rune >= '1' && in.Rune <= '9' {
			pick = int(in.Rune - '1')
		}
	case input.Release:
		for i, r := range s.choices {
			if r.Contains(in.X, in.Y) {
				pick = i
			}
		}
	}
	if pick >= 0 {
		c.Apply(sim.Action{Kind: sim.ActChoose, Choice: pick})
		s.sync(c)
	}
}

func (s *Sprint) handlePicker(c *Ctx, in input.Intent) {
	pick := -1
	m := s.Market
	n := len(c.V().View().Roadmap)
	switch in.Kind {
	case input.Shortcut:
		if in.Rune >= '1' && in.Rune <= '9' {
			pick = int(in.Rune - '1')
		}
	case input.Up:
		m.Theme = max(0, m.Theme-1)
	case input.Down:
		m.Theme = min(n-1, m.Theme+1)
	case input.Confirm:
		pick = m.Theme
	case input.Release:
		for i, r := range s.picks {
			if r.Contains(in.X, in.Y) {
				pick = i
			}
		}
	}
	if pick >= 0 && pick < n {
		s.Picker = false
		m.Theme = pick
		c.Apply(sim.Action{Kind: sim.ActInterview, Theme: pick})
		s.ver = -1
		s.sync(c)
	}
}

// Auto returns the next intent a player would make toward the action want: switch to the board
// that shows it, move the focus, then press the action's key from the action table.
func (s *Sprint) Auto(c *Ctx, want *sim.Action) (input.Intent, bool) {
	if want == nil {
		return input.Intent{}, false
	}
	st := c.V().View()
	a := *want
	if st.Event >= 0 {
		if a.Kind != sim.ActChoose {
			return input.Intent{}, false
		}
		return input.Key(rune('1' + a.Choice)), true
	}
	if s.Picker {
		if a.Kind == sim.ActInterview {
			return input.Key(rune('1' + a.Theme)), true
		}
		return input.Of(input.Back), true
	}
	var on Board
	switch a.Kind {
	case sim.ActRoadmap:
		on = BMarket
	case sim.ActOrder, sim.ActPlan:
		on = BBacklog
	case sim.ActAnswer:
		on = BSprint
	case sim.ActPull:
		// The sprint board pulls the backlog's top story; the backlog board the focused one.
		on = BSprint
		if len(st.Backlog) > 0 && st.Backlog[0] != a.Story {
			on = BBacklog
		}
	case sim.ActRefine:
		on = BBacklog
		if st.Stories[a.Story].Status != sim.StoryBacklog && st.Phase == sim.PhaseExecution {
			on = BSprint
		}
	case sim.ActChoose:
		return input.Intent{}, false
	default:
		// Actions of the phase, on every board's bar.
		return s.key(a)
	}
	if s.Board != on {
		return s.to(on)
	}
	return s.boards[on].auto(c, s, a)
}

// to is the intent that brings board b up: Tab, Shift+Tab, or a click on its tab.
func (s *Sprint) to(b Board) (input.Intent, bool) {
	if (s.Board+1)%numBoards == b {
		return input.Of(input.NextBoard), true
	}
	if (b+1)%numBoards == s.Board {
		return input.Of(input.PrevBoard), true
	}
	r := s.tabs[b]
	return input.Intent{Kind: input.Press, X: r.CX(), Y: r.CY()}, true
}

// focusTo returns the arrow key that moves the focus cur toward pos, or ok false when it is there.
func focusTo(cur, pos int) (input.Intent, bool) {
	switch {
	case cur < pos:
		return input.Of(input.Down), true
	case cur > pos:
		return input.Of(input.Up), true
	}
	return input.Intent{}, false
}

// layout places everything; it depends on the screen size, the board and the game, never on the
// frame, so it runs when one of those changes.
func (s *Sprint) layout(c *Ctx) {
	s.lw, s.lh = c.W, c.H
	if s.barH == 0 {
		s.barH = 80
	}
	s.L = layoutShell(c, s.barH)
	x := s.L.tabs.X
	for b := range numBoards {
		w := c.P.Width(boardTitles[b], widget.BodyBold) + 32
		s.tabs[b] = widget.R(x, s.L.tabs.Y, w, s.L.tabs.H)
		x += w + 4
	}
	s.cur().layout(c, s, s.L.board)
	s.eventText(c)
	s.side.blocks = s.side.blocks[:0]
	if s.guide != nil {
		s.guide.side(c, s, &s.side)
	}
	s.cur().side(c, s, &s.side)
	if len(s.log) > 0 {
		s.side.add("What just happened", widget.BodyBold, widget.Ink, 20)
		for _, l := range s.log {
			s.side.add(l, widget.Small, widget.InkMuted, 4)
		}
	}
}

// Draw paints the sprint screen.
func (s *Sprint) Draw(c *Ctx, p *widget.Painter) {
	if s.lw != c.W || s.lh != c.H {
		s.buildActs(c)
	}
	st := c.V().View()
	p.Fill(widget.R(0, 0, c.W, c.H), widget.Background)
	drawTopBar(c, p, s.L.top, &s.top)
	s.drawTabs(c, p)
	s.cur().draw(c, s, p)
	s.drawSide(p)
	hint := "Tab: other boards · ↑ ↓: pick · Enter: main action · F1: help · Esc: pause"
	for i := range s.acts {
		if s.acts[i].overtime {
			hint = "“!” = overtime: past the line on Hours left each hour adds extra stress and burnout · hover a button for its cost"
			break
		}
	}
	if s.guiding() {
		hint = "Tutorial · T: skip the guide · Tab: other boards · F1: help"
	}
	if v := c.V(); v.Pair() && !st.Turn {
		hint = waitWhy(st)
	}
	drawBar(c, p, s.L.bar, s.acts, s.hover, s.pressed, hint)
	if s.guiding() && st.Event < 0 && !s.Picker {
		s.guide.draw(c, s, p)
	}
	if c.V().Pair() {
		s.drawPair(c, p)
	}
	if s.Picker {
		s.drawPicker(c, p)
	}
	if st.Event >= 0 {
		s.drawEvent(c, p)
	}
}

// DrawTop redraws only the top bar, when nothing covers it; it reports false when the whole
// screen must be drawn instead.
func (s *Sprint) DrawTop(c *Ctx, p *widget.Painter) bool {
	if c.V().View().Event >= 0 || s.Picker {
		return false
	}
	drawTopBar(c, p, s.L.top, &s.top)
	return true
}

func (s *Sprint) drawTabs(c *Ctx, p *widget.Painter) {
	cur := boardOf(c.V().View().Phase)
	for b := range numBoards {
		r := s.tabs[b]
		fill, ink := widget.Sunken, widget.InkMuted
		if Board(b) == s.Board {
			fill, ink = widget.Surface, widget.Ink
		}
		p.Panel(r, 8, fill, widget.Border, 1)
		p.TextIn(boardTitles[b], widget.BodyBold, r, 16, ink)
		if Board(b) == cur {
			// The phase's own board carries an underline.
			p.Fill(widget.R(r.X+12, r.Bottom()-5, r.W-24, 3), widget.Blue)
		}
	}
}

// block is one piece of the context panel: a line or a paragraph in a font and colour.
type block struct {
	text string
	font widget.Font
	col  color.RGBA
	gap  float64 // space above
	bar  float64 // when on, a meter drawn under the text
	on   bool
	fill color.RGBA
}

// sidePanel is the context panel's content, made with the layout.
type sidePanel struct{ blocks []block }

func (sd *sidePanel) add(text string, f widget.Font, col color.RGBA, gap float64) {
	sd.blocks = append(sd.blocks, block{text: text, font: f, col: col, gap: gap})
}

func (sd *sidePanel) meter(text string, v float64, fill color.RGBA) {
	sd.blocks = append(sd.blocks, block{text: text, font: widget.Small, col: widget.InkMuted, gap: 6, bar: v, on: true, fill: fill})
}

func (s *Sprint) drawSide(p *widget.Painter) {
	r := s.L.side
	p.Panel(r, 10, widget.Surface, widget.Border, 1)
	in := r.Inset(16)
	y := in.Y
	for i, b := range s.side.blocks {
		y += b.gap
		if y > in.Bottom()-widget.LineHeight(b.font) {
			break
		}
		if head := b.font == widget.BodyBold || b.font == widget.Heading; head && i+1 < len(s.side.blocks) {
			// A heading shows only with the first line of what it heads: an empty "What just
			// happened" reads as if nothing did.
			next := s.side.blocks[i+1]
			if y+widget.LineHeight(b.font)+next.gap+widget.LineHeight(next.font) > in.Bottom() {
				break
			}
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
func drawHeader(p *widget.Painter, r widget.Rect, title, note string) {
	w := p.Text(title, widget.Heading, r.X, r.Y, widget.Ink)
	if room := r.W - w - 12; note != "" && room > 40 {
		p.Text(p.Fit(note, widget.Small, room), widget.Small, r.X+w+12, r.Y+6, widget.InkMuted)
	}
}

// eventText formats the event card's options.
func (s *Sprint) eventText(c *Ctx) {
	v := c.V()
	st := v.View()
	s.evOpts, s.evEff = s.evOpts[:0], s.evEff[:0]
	if st.Event < 0 {
		return
	}
	ev := v.Scenario().Events[st.Event]
	for i, ch := range ev.Choices {
		cost := v.Preview(sim.Action{Kind: sim.ActChoose, Choice: i})
		s.evOpts = append(s.evOpts, num(float64(i+1))+"  "+ch.Label+"  ("+costLine(cost)+")")
		var eff []string
		for _, e := range ch.Effects {
			eff = append(eff, effectLine(v, e))
		}
		if len(eff) == 0 {
			eff = append(eff, "nothing changes")
		}
		s.evEff = append(s.evEff, eff)
	}
}

func (s *Sprint) drawEvent(c *Ctx, p *widget.Painter) {
	v := c.V()
	st := v.View()
	ev := v.Scenario().Events[st.Event]
	p.Fill(widget.R(0, 0, c.W, c.H), widget.Shade)
	w := math.Min(720, c.W-64)
	n := len(ev.Choices)
	h := math.Min(150+float64(n)*84, c.H-topH-16)
	r := widget.R((c.W-w)/2, math.Max(topH+8, (c.H-h)/2), w, h)
	p.Panel(r, 14, widget.Surface, widget.Orange, 3)
	p.Text("EVENT", widget.Small, r.X+24, r.Y+16, widget.Ink)
	p.Text(p.Fit(ev.Title, widget.Heading, r.W-48), widget.Heading, r.X+24, r.Y+34, widget.Ink)
	p.Paragraph(ev.Text, widget.Body, widget.R(r.X+24, r.Y+66, r.W-48, 60), widget.Ink)
	s.choices = s.choices[:0]
	y := r.Y + 134
	ch := math.Min(76, (r.Bottom()-y-8)/float64(max(n, 1))-8)
	for i := range ev.Choices {
		cr := widget.R(r.X+24, y, r.W-48, ch)
		s.choices = append(s.choices, cr)
		p.Panel(cr, 8, widget.SurfaceAlt, widget.Border, 1)
		if i < len(s.evOpts) {
			p.Text(p.Fit(s.evOpts[i], widget.BodyBold, cr.W-24), widget.BodyBold, cr.X+12, cr.Y+8, widget.Ink)
			yy := cr.Y + 32
			for _, e := range s.evEff[i] {
				if yy > cr.Bottom()-16 {
					break
				}
				p.Text(p.Fit(e, widget.Small, cr.W-40), widget.Small, cr.X+28, yy, widget.InkMuted)
				yy += 18
			}
		}
		y += ch + 8
	}
}

func (s *Sprint) drawPicker(c *Ctx, p *widget.Painter) {
	sc := c.V().Scenario()
	p.Fill(widget.R(0, 0, c.W, c.H), widget.Shade)
	w := 420.0
	h := math.Min(80+float64(len(sc.Themes))*44, c.H-16)
	r := widget.R((c.W-w)/2, (c.H-h)/2, w, h)
	p.Panel(r, 12, widget.Surface, widget.Blue, 2)
	p.Text("Interview customers about…", widget.Heading, r.X+20, r.Y+16, widget.Ink)
	s.picks = s.picks[:0]
	for i, th := range sc.Themes {
		pr := widget.R(r.X+20, r.Y+56+float64(i)*44, w-40, 38)
		s.picks = append(s.picks, pr)
		line := widget.Border
		if i == s.Market.Theme {
			line = widget.Focus
		}
		p.Panel(pr, 6, widget.SurfaceAlt, line, 1+b2f(i == s.Market.Theme))
		col := widget.ThemeColor(i)
		chip := widget.R(pr.X+40, pr.Y+7, 24, 24)
		p.Panel(chip, 4, col, color.RGBA{}, 0)
		p.TextCenter(th.Letter, widget.BodyBold, chip.CX(), chip.Y+(24-widget.LineHeight(widget.BodyBold))/2, widget.InkOn(col))
		p.Text(num(float64(i+1)), widget.Mono, pr.X+12, pr.Y+10, widget.InkMuted)
		p.Text(th.Name, widget.BodyBold, chip.Right()+10, pr.Y+9, widget.Ink)
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
