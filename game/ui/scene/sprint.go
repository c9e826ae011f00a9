package scene

import (
	"math"
	"slices"

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

// Screen-only operations on the action bar.
const (
	opNone = iota
	opEstimate
	opSortRoadmap
	opToggle
	opNextBoard
)

// Sprint is every sprint screen: one layout, five boards.
type Sprint struct {
	Board  Board
	phase  sim.Phase
	sprint int
	ver    int

	acts    []act
	hover   int
	pressed int
	L       shell
	barH    float64
	top     topBar
	lw, lh  float64

	// market board
	Theme   int
	Weights []float64
	wEdited bool
	sliding int // slider being dragged, −1
	rows    []widget.Rect
	sliders []widget.Rect

	// backlog board
	Order     []int  // the draft order of the backlog
	InPlan    []bool // by story index
	oEdited   bool
	pEdited   bool
	Cur       int // focus: index into Order, then into the sprint column
	cards     []widget.Rect
	sideCards []widget.Rect
	drag      dragState
	scroll    float64

	// sprint board
	Focus    int // index into the inbox, then into the committed stories
	reqCards []widget.Rect
	answers  [][4]widget.Rect
	sprCards []widget.Rect

	// modals
	Picker  bool
	choices []widget.Rect
	picks   []widget.Rect
	tabs    [numBoards]widget.Rect

	text      sprintText
	scratch   []int
	triedSort bool
}

type dragState struct {
	on, moved bool
	from      int
	y, dy     float64
	to        int
}

// NewSprint opens the sprint screens at the phase's board.
func NewSprint(c *Ctx) *Sprint {
	s := &Sprint{hover: -1, pressed: -1, sliding: -1, ver: -1}
	st := c.Game.State()
	s.Board, s.phase, s.sprint = boardOf(st.Phase), st.Phase, st.Sprint
	s.sync(c)
	return s
}

// Name is the board's name.
func (s *Sprint) Name() string { return boardNames[s.Board] }

// sync brings the drafts and the action bar up to date with the game.
func (s *Sprint) sync(c *Ctx) {
	g := c.Game
	st := g.State()
	if st.Phase != s.phase || st.Sprint != s.sprint {
		s.phase, s.sprint = st.Phase, st.Sprint
		s.Board = boardOf(st.Phase)
		s.Cur, s.Focus, s.scroll = 0, 0, 0
		s.pEdited = false
	}
	if s.ver != c.Track.Version {
		s.ver = c.Track.Version
		if !s.wEdited || len(s.Weights) != len(st.Roadmap) {
			s.Weights = append(s.Weights[:0], st.Roadmap...)
			s.wEdited = false
		}
		if !s.oEdited || !sameSet(s.Order, st.Backlog) {
			s.Order = append(s.Order[:0], st.Backlog...)
			s.oEdited = false
		}
		if len(s.InPlan) != len(st.Stories) {
			s.InPlan = make([]bool, len(st.Stories))
		}
		for i := range s.InPlan {
			if st.Stories[i].Status != sim.StoryBacklog {
				s.InPlan[i] = false
			}
		}
		if !s.pEdited {
			s.planFromTop(c)
		}
		s.text.ver = -1
		s.triedSort = false
	}
	s.clampFocus(c)
	s.buildActs(c)
}

func sameSet(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// planFromTop ticks the stories the forecast holds, from the top of the draft order.
func (s *Sprint) planFromTop(c *Ctx) {
	st := c.Game.State()
	for i := range s.InPlan {
		s.InPlan[i] = false
	}
	if st.Phase != sim.PhasePlanning || st.Planned {
		return
	}
	for _, ix := range c.Game.PlanFrom(s.scratch[:0], s.Order) {
		s.InPlan[ix] = true
	}
}

// Plan is the plan the board shows: the ticked stories in the draft order.
func (s *Sprint) Plan() []int {
	out := s.scratch[:0]
	for _, ix := range s.Order {
		if s.InPlan[ix] {
			out = append(out, ix)
		}
	}
	s.scratch = out
	return out
}

func (s *Sprint) planPoints(c *Ctx) int {
	st := c.Game.State()
	n := 0
	for _, ix := range s.Order {
		if s.InPlan[ix] {
			n += st.Stories[ix].Effort
		}
	}
	return n
}

// focusItems is how many items the board's focus moves over.
func (s *Sprint) focusItems(c *Ctx) int {
	st := c.Game.State()
	switch s.Board {
	case BMarket:
		return len(st.Roadmap)
	case BBacklog:
		return len(s.Order) + len(st.Committed)
	case BSprint:
		return len(st.Inbox) + len(st.Committed)
	}
	return 0
}

func (s *Sprint) clampFocus(c *Ctx) {
	n := s.focusItems(c)
	clampInt := func(v *int) {
		if *v >= n {
			*v = n - 1
		}
		if *v < 0 {
			*v = 0
		}
	}
	switch s.Board {
	case BMarket:
		clampInt(&s.Theme)
	case BBacklog:
		clampInt(&s.Cur)
	case BSprint:
		clampInt(&s.Focus)
	}
}

// FocusedStory is the story under the focus on the backlog or sprint board, or −1.
func (s *Sprint) FocusedStory(c *Ctx) int {
	st := c.Game.State()
	switch s.Board {
	case BBacklog:
		if s.Cur < len(s.Order) {
			return s.Order[s.Cur]
		}
		if k := s.Cur - len(s.Order); k < len(st.Committed) {
			return st.Committed[k]
		}
	case BSprint:
		if k := s.Focus - len(st.Inbox); k >= 0 && k < len(st.Committed) {
			return st.Committed[k]
		}
	}
	return -1
}

// FocusedRequest is the request under the focus on the sprint board, or −1.
func (s *Sprint) FocusedRequest(c *Ctx) int {
	st := c.Game.State()
	if s.Board == BSprint && s.Focus < len(st.Inbox) {
		return st.Inbox[s.Focus]
	}
	return -1
}

func (s *Sprint) add(c *Ctx, key rune, keyName, label string, a sim.Action, local int) {
	g := c.Game
	x := act{key: key, keyName: keyName, label: label, a: a, local: local, enabled: true}
	if local == opNone {
		if cost := g.Cost(a); cost > 0 {
			x.cost = num(float64(cost)) + " h"
		}
		if err := g.Check(a); err != nil {
			x.enabled, x.reason = false, capital(err.Error())
		}
	}
	s.acts = append(s.acts, x)
}

func (s *Sprint) disable(reason string) {
	a := &s.acts[len(s.acts)-1]
	if a.enabled {
		a.enabled, a.reason = false, reason
	}
}

// buildActs rebuilds the action bar for the board and the phase. It allocates, so it runs only when
// something changed.
func (s *Sprint) buildActs(c *Ctx) {
	g := c.Game
	st := g.State()
	role := g.Role()
	s.acts = s.acts[:0]
	if st.Event >= 0 {
		// The event card has the choices; the bar stays empty until it is answered.
		s.barH = layoutBar(c.P, s.acts, c.W)
		s.layout(c)
		return
	}
	pm, po := role.Wears(sim.HatPM), role.Wears(sim.HatPO)
	switch s.Board {
	case BMarket:
		if pm && st.Phase == sim.PhaseStrategy {
			s.add(c, 'E', "E", "Follow estimate", sim.Action{}, opEstimate)
			s.add(c, 'U', "U", "Update roadmap", sim.Action{Kind: sim.ActRoadmap, Weights: s.Weights}, 0)
			if !s.wEdited {
				s.disable("Change the roadmap first: drag a slider, use ← → or press E")
			}
		}
	case BBacklog:
		if po {
			story := s.FocusedStory(c)
			s.add(c, 'R', "R", "Refine", sim.Action{Kind: sim.ActRefine, Story: max(story, 0)}, 0)
			if story < 0 {
				s.disable("Pick a story first")
			}
			if st.Phase == sim.PhasePlanning || st.Phase == sim.PhaseExecution {
				s.add(c, 'A', "A", "Sort by roadmap", sim.Action{}, opSortRoadmap)
				s.add(c, 'O', "O", "Save order", sim.Action{Kind: sim.ActOrder, Stories: s.Order}, 0)
			}
			if st.Phase == sim.PhasePlanning && !st.Planned {
				s.add(c, ' ', "Space", "In / out", sim.Action{}, opToggle)
				s.add(c, 'P', "P", "Commit plan", sim.Action{Kind: sim.ActPlan, Stories: s.Plan()}, 0)
				s.acts[len(s.acts)-1].primary = true
			}
		}
	case BSprint:
		if req := s.FocusedRequest(c); req >= 0 || len(st.Inbox) > 0 {
			if req < 0 {
				req = st.Inbox[0]
			}
			for i, ans := range sim.Answers {
				s.add(c, rune('1'+i), string(rune('1'+i)), answerTitles[i], sim.Action{Kind: sim.ActAnswer, Request: req, Answer: ans}, 0)
				if s.FocusedRequest(c) < 0 {
					s.disable("Pick a request in the inbox first")
				}
			}
		}
		if po {
			if story := s.FocusedStory(c); story >= 0 {
				s.add(c, 'R', "R", "Refine", sim.Action{Kind: sim.ActRefine, Story: story}, 0)
			}
		}
	}
	// Work either hat may do in this phase.
	switch st.Phase {
	case sim.PhaseStrategy, sim.PhaseExecution:
		if pm {
			s.add(c, 'M', "M", "Research", sim.Action{Kind: sim.ActResearch}, 0)
			s.add(c, 'I', "I", "Interview", sim.Action{Kind: sim.ActInterview, Theme: s.Theme}, 0)
			s.add(c, 'X', "X", "Executives", sim.Action{Kind: sim.ActExecutive}, 0)
			s.add(c, 'K', "K", "KPIs", sim.Action{Kind: sim.ActKPI}, 0)
		}
	case sim.PhaseReview:
		if po {
			s.add(c, 'V', "V", "Hold review", sim.Action{Kind: sim.ActReview}, 0)
			s.acts[len(s.acts)-1].primary = !st.Reviewed
		}
	}
	if role != sim.RoleBoth && st.Phase <= sim.PhaseExecution {
		s.add(c, 'S', "S", "Sync PM–PO", sim.Action{Kind: sim.ActSync}, 0)
	}
	s.add(c, 'Z', "Z", "Rest", sim.Action{Kind: sim.ActRest}, 0)
	next := "Next phase"
	switch st.Phase {
	case sim.PhaseStrategy:
		next = "To planning"
	case sim.PhasePlanning:
		next = "Start sprint"
	case sim.PhaseExecution:
		next = "End day " + num(float64(st.Day))
		if st.Day == st.Days {
			next = "End sprint"
		}
	case sim.PhaseReview:
		next = "To retro"
	case sim.PhaseRetro:
		next = "Next sprint"
		if st.Sprint == st.Sprints {
			next = "Finish game"
		}
	}
	s.add(c, 'N', "N", next, sim.Action{Kind: sim.ActAdvance}, 0)
	if st.Phase != sim.PhasePlanning || st.Planned || !role.Wears(sim.HatPO) {
		s.acts[len(s.acts)-1].primary = st.Phase != sim.PhaseReview || st.Reviewed || !po
	}
	s.barH = layoutBar(c.P, s.acts, c.W)
	s.layout(c)
}

var answerTitles = [4]string{"Accept", "Defer", "Decline", "Escalate"}

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
	switch a.local {
	case opEstimate:
		s.Weights = append(s.Weights[:0], c.Game.State().Market.Estimate...)
		s.wEdited = true
	case opSortRoadmap:
		s.Order = c.Game.OrderByRoadmap(s.Order[:0], c.Game.State().POView)
		s.oEdited = !slices.Equal(s.Order, c.Game.State().Backlog)
		if !s.pEdited {
			s.planFromTop(c)
		}
	case opToggle:
		s.toggle(c)
	case opNone:
		if a.a.Kind == sim.ActInterview {
			s.Picker = true
			c.Dirty = true
			return
		}
		wasOrder, wasRoadmap := a.a.Kind == sim.ActOrder, a.a.Kind == sim.ActRoadmap
		if c.Apply(a.a) {
			if wasOrder {
				s.oEdited = false
			}
			if wasRoadmap {
				s.wEdited = false
			}
			s.ver = -1
		}
	}
	s.sync(c)
	c.Dirty = true
}

func (s *Sprint) toggle(c *Ctx) {
	st := c.Game.State()
	if st.Phase != sim.PhasePlanning || st.Planned || s.Cur >= len(s.Order) {
		return
	}
	ix := s.Order[s.Cur]
	s.InPlan[ix] = !s.InPlan[ix]
	s.pEdited = true
}

// Handle reacts to an intent.
func (s *Sprint) Handle(c *Ctx, in input.Intent) {
	st := c.Game.State()
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
			if s.acts[i].local == opToggle {
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
	case input.Up, input.Down, input.Left, input.Right:
		s.move(c, in)
	case input.MoveUp, input.MoveDown:
		if s.Board == BBacklog && s.Cur < len(s.Order) {
			d := -1
			if in.Kind == input.MoveDown {
				d = 1
			}
			s.reorder(c, s.Cur, s.Cur+d)
		}
	case input.Hover:
		h := actAt(s.acts, s.L.bar, in.X, in.Y)
		if h != s.hover {
			s.hover = h
			c.Dirty = true
		}
	case input.Press:
		s.press(c, in)
	case input.Drag:
		s.dragTo(c, in)
	case input.Release:
		s.release(c, in)
	case input.Scroll:
		if s.Board == BBacklog {
			s.scroll = math.Max(0, s.scroll+in.DY*48)
			s.layout(c)
		}
	}
}

func (s *Sprint) afterBoard(c *Ctx) {
	s.Picker = false
	s.clampFocus(c)
	s.buildActs(c)
	c.Dirty = true
}

func (s *Sprint) move(c *Ctx, in input.Intent) {
	st := c.Game.State()
	switch s.Board {
	case BMarket:
		switch in.Kind {
		case input.Up:
			s.Theme = max(0, s.Theme-1)
		case input.Down:
			s.Theme = min(len(st.Roadmap)-1, s.Theme+1)
		case input.Left, input.Right:
			if !c.Game.Role().Wears(sim.HatPM) || st.Phase != sim.PhaseStrategy {
				c.Say("Only the Product Manager changes the roadmap, in the strategy phase")
				return
			}
			step := 0.05
			if in.Shift {
				step = 0.01
			}
			if in.Kind == input.Left {
				step = -step
			}
			s.setWeight(s.Theme, s.Weights[s.Theme]+step)
		}
	case BBacklog:
		n := len(s.Order) + len(st.Committed)
		switch in.Kind {
		case input.Up:
			s.Cur = max(0, s.Cur-1)
		case input.Down:
			s.Cur = min(n-1, s.Cur+1)
		case input.Left:
			if s.Cur >= len(s.Order) {
				s.Cur = 0
			}
		case input.Right:
			if s.Cur < len(s.Order) && len(st.Committed) > 0 {
				s.Cur = len(s.Order)
			}
		}
		s.reveal(c)
	case BSprint:
		n := len(st.Inbox) + len(st.Committed)
		switch in.Kind {
		case input.Up, input.Left:
			s.Focus = max(0, s.Focus-1)
		case input.Down, input.Right:
			s.Focus = min(n-1, s.Focus+1)
		}
	}
	s.buildActs(c)
}

func (s *Sprint) setWeight(i int, w float64) {
	w = math.Round(math.Max(0, math.Min(1, w))*100) / 100
	s.Weights[i] = w
	s.wEdited = true
}

// reorder moves the card at draft position from to position to.
func (s *Sprint) reorder(c *Ctx, from, to int) {
	if from < 0 || from >= len(s.Order) || to < 0 || to >= len(s.Order) || from == to {
		return
	}
	ix := s.Order[from]
	s.Order = slices.Delete(s.Order, from, from+1)
	s.Order = slices.Insert(s.Order, to, ix)
	s.Cur = to
	s.oEdited = !slices.Equal(s.Order, c.Game.State().Backlog)
	if !s.pEdited {
		s.planFromTop(c)
	}
	s.reveal(c)
	s.buildActs(c)
}

// reveal scrolls the backlog so the focused card shows.
func (s *Sprint) reveal(c *Ctx) {
	if s.Cur >= len(s.Order) {
		return
	}
	s.layout(c)
	r := s.cards[s.Cur]
	top, bottom := s.L.board.Y+40, s.L.board.Bottom()
	if r.Y < top {
		s.scroll = math.Max(0, s.scroll-(top-r.Y))
	} else if r.Bottom() > bottom {
		s.scroll += r.Bottom() - bottom
	}
	s.layout(c)
}

func (s *Sprint) press(c *Ctx, in input.Intent) {
	x, y := in.X, in.Y
	if i := actAt(s.acts, s.L.bar, x, y); i >= 0 {
		s.pressed = i
		return
	}
	for b := range s.tabs {
		if s.tabs[b].Contains(x, y) {
			s.Board = Board(b)
			s.afterBoard(c)
			return
		}
	}
	switch s.Board {
	case BMarket:
		for i, r := range s.sliders {
			if r.Inset(-6).Contains(x, y) {
				s.Theme = i
				if c.Game.Role().Wears(sim.HatPM) && c.Game.State().Phase == sim.PhaseStrategy {
					s.sliding = i
					s.setWeight(i, (x-r.X)/r.W)
				}
				s.buildActs(c)
				return
			}
		}
		for i, r := range s.rows {
			if r.Contains(x, y) {
				s.Theme = i
				s.buildActs(c)
				return
			}
		}
	case BBacklog:
		for i, r := range s.cards {
			if r.Contains(x, y) && r.Y >= s.L.board.Y+32 {
				s.Cur = i
				s.drag = dragState{on: true, from: i, y: y, to: i}
				s.buildActs(c)
				return
			}
		}
		for i, r := range s.sideCards {
			if r.Contains(x, y) {
				s.Cur = len(s.Order) + i
				s.buildActs(c)
				return
			}
		}
	case BSprint:
		for i, r := range s.reqCards {
			if r.Contains(x, y) {
				s.Focus = i
				s.buildActs(c)
				for k, ar := range s.answers[i] {
					if ar.Contains(x, y) {
						for j := range s.acts {
							if s.acts[j].key == rune('1'+k) {
								s.trigger(c, j)
							}
						}
					}
				}
				return
			}
		}
		for i, r := range s.sprCards {
			if r.Contains(x, y) {
				s.Focus = len(c.Game.State().Inbox) + i
				s.buildActs(c)
				return
			}
		}
	}
}

func (s *Sprint) dragTo(c *Ctx, in input.Intent) {
	if s.sliding >= 0 && s.sliding < len(s.sliders) {
		r := s.sliders[s.sliding]
		s.setWeight(s.sliding, (in.X-r.X)/r.W)
		s.buildActs(c)
		c.Dirty = true
		return
	}
	if !s.drag.on {
		return
	}
	s.drag.dy = in.Y - s.drag.y
	if math.Abs(s.drag.dy) > 4 {
		s.drag.moved = true
	}
	// Where the card would land: the slot under the pointer.
	s.drag.to = s.drag.from
	for i, r := range s.cards {
		if in.Y >= r.Y && in.Y < r.Bottom()+8 {
			s.drag.to = i
		}
	}
	if len(s.cards) > 0 && in.Y >= s.cards[len(s.cards)-1].Bottom() {
		s.drag.to = len(s.cards) - 1
	}
	if len(s.cards) > 0 && in.Y < s.cards[0].Y {
		s.drag.to = 0
	}
	c.Dirty = true
}

func (s *Sprint) release(c *Ctx, in input.Intent) {
	if s.pressed >= 0 {
		i := s.pressed
		s.pressed = -1
		if i < len(s.acts) && s.acts[i].r.X+s.L.bar.X <= in.X && actAt(s.acts, s.L.bar, in.X, in.Y) == i {
			s.trigger(c, i)
		}
		return
	}
	if s.sliding >= 0 {
		s.sliding = -1
		return
	}
	if s.drag.on {
		d := s.drag
		s.drag = dragState{}
		if d.moved && d.to != d.from {
			s.reorder(c, d.from, d.to)
		} else if !d.moved {
			// A click on a card's check box toggles it in or out of the plan.
			if d.from < len(s.cards) {
				r := s.cards[d.from]
				if in.X > r.Right()-44 {
					s.toggle(c)
					s.buildActs(c)
				}
			}
		}
	}
}

func (s *Sprint) handleEvent(c *Ctx, in input.Intent) {
	pick := -1
	switch in.Kind {
	case input.Shortcut:
		if in.Rune >= '1' && in.Rune <= '9' {
			pick = int(in.Rune - '1')
		}
	case input.Press:
		for i, r := range s.choices {
			if r.Contains(in.X, in.Y) {
				pick = i
			}
		}
	}
	if pick >= 0 {
		a := sim.Action{Kind: sim.ActChoose, Choice: pick}
		c.Apply(a)
		s.sync(c)
	}
}

func (s *Sprint) handlePicker(c *Ctx, in input.Intent) {
	pick := -1
	n := len(c.Game.State().Roadmap)
	switch in.Kind {
	case input.Shortcut:
		if in.Rune >= '1' && in.Rune <= '9' {
			pick = int(in.Rune - '1')
		}
	case input.Up:
		s.Theme = max(0, s.Theme-1)
	case input.Down:
		s.Theme = min(n-1, s.Theme+1)
	case input.Confirm:
		pick = s.Theme
	case input.Press:
		for i, r := range s.picks {
			if r.Contains(in.X, in.Y) {
				pick = i
			}
		}
	}
	if pick >= 0 && pick < n {
		s.Picker = false
		s.Theme = pick
		c.Apply(sim.Action{Kind: sim.ActInterview, Theme: pick})
		s.ver = -1
		s.sync(c)
	}
}
