package scene

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

const (
	cardH   = 64
	cardGap = 8
)

// backlogBoard is the backlog and plan board: the product backlog as cards in the draft order, the
// capacity line, and beside it the plan preview (in planning) or the sprint's stories.
//
// The draft order is the plan: sorting and dragging change it, the plan preview and the capacity
// line follow it, and it is kept (not silently reset) while the backlog changes under it; "Save
// order" makes it the backlog's order in the game.
type backlogBoard struct {
	Order   []int  // the draft order of the backlog
	InPlan  []bool // by story index: ticked into the plan
	edited  bool   // Order differs from the game's backlog
	ticked  bool   // the player changed the ticks; else they follow the forecast from the top
	Cur     int    // focus: index into Order, then into the sprint column
	scroll  float64
	drag    dragState
	scratch []int

	cards     []widget.Rect
	sideCards []widget.Rect
	list      widget.Rect // the visible part of the backlog column
	below     int         // cards cut off below the list
	sideMore  int         // sprint stories not shown in the side column
	sideFirst int         // the first sprint story shown there
	capAfter  int         // the capacity line sits after this draft position, or −1
	capLine   string
	planPts   string
	more      string
	sideMoreS string
	orderNote string
}

type dragState struct {
	on, moved bool
	from      int
	y, dy     float64
	to        int
}

func (b *backlogBoard) reset() {
	b.Cur, b.scroll, b.ticked, b.sideFirst = 0, 0, false, 0
	b.drag = dragState{}
}

func (b *backlogBoard) sync(c *Ctx, s *Sprint) {
	st := c.V().View()
	if !b.edited {
		b.Order = append(b.Order[:0], st.Backlog...)
	} else {
		b.Order = keepOrder(b.Order, st.Backlog)
		b.edited = !slices.Equal(b.Order, st.Backlog)
	}
	if len(b.InPlan) != len(st.Stories) {
		b.InPlan = make([]bool, len(st.Stories))
	}
	for i := range b.InPlan {
		if st.Stories[i].Status != sim.StoryBacklog {
			b.InPlan[i] = false
		}
	}
	if !b.ticked {
		b.planFromTop(c)
	}
	b.Cur = clampFocus(b.Cur, len(b.Order)+len(st.Committed))
}

// keepOrder is the draft order draft brought up to date with the backlog: the stories still in
// the backlog keep their draft places, new ones join at the end in the backlog's order.
func keepOrder(draft, backlog []int) []int {
	out := draft[:0]
	for _, ix := range draft {
		if slices.Contains(backlog, ix) && !slices.Contains(out, ix) {
			out = append(out, ix)
		}
	}
	for _, ix := range backlog {
		if !slices.Contains(out, ix) {
			out = append(out, ix)
		}
	}
	return out
}

// planning reports whether the player is planning the sprint now.
func (b *backlogBoard) planning(c *Ctx) bool {
	v := c.V()
	st := v.View()
	return st.Phase == sim.PhasePlanning && !st.Planned && v.Role().Wears(sim.HatPO)
}

// planFromTop ticks the stories the forecast holds, from the top of the draft order.
func (b *backlogBoard) planFromTop(c *Ctx) {
	v := c.V()
	st := v.View()
	for i := range b.InPlan {
		b.InPlan[i] = false
	}
	if st.Phase != sim.PhasePlanning || st.Planned {
		return
	}
	for _, ix := range v.PlanFrom(b.scratch[:0], b.Order) {
		b.InPlan[ix] = true
	}
}

// Plan is the plan the board shows: the ticked stories in the draft order.
func (b *backlogBoard) Plan() []int {
	out := b.scratch[:0]
	for _, ix := range b.Order {
		if b.InPlan[ix] {
			out = append(out, ix)
		}
	}
	b.scratch = out
	return out
}

func (b *backlogBoard) planPoints(st *sim.View) int {
	n := 0
	for _, ix := range b.Order {
		if b.InPlan[ix] {
			n += st.Stories[ix].Effort
		}
	}
	return n
}

// focused is the story under the focus, or −1.
func (b *backlogBoard) focused(c *Ctx) int {
	st := c.V().View()
	if b.Cur < len(b.Order) {
		return b.Order[b.Cur]
	}
	if k := b.Cur - len(b.Order); k < len(st.Committed) {
		return st.Committed[k]
	}
	return -1
}

func (b *backlogBoard) acts(c *Ctx, s *Sprint, bb *bar) {
	v := c.V()
	st := v.View()
	if !v.Role().Wears(sim.HatPO) {
		return
	}
	story := b.focused(c)
	r := bb.game(sim.Action{Kind: sim.ActRefine, Story: max(story, 0)}, "")
	if story < 0 {
		r.disable("Pick a story first")
	} else {
		r.preview += " · clarity " + clarityGain(v, story)
	}
	if st.Phase == sim.PhasePlanning || st.Phase == sim.PhaseExecution {
		bb.op(opSortRoadmap)
		o := bb.game(sim.Action{Kind: sim.ActOrder, Stories: b.Order}, "")
		if !b.edited {
			o.disable("The order is already the backlog's: move a card or sort first")
		}
	}
	if b.planning(c) {
		bb.op(opToggle)
		bb.game(sim.Action{Kind: sim.ActPlan, Stories: b.Plan()}, "").primary = true
	}
	if pullShown(v) {
		// The focused backlog card, or the top of the backlog.
		if story >= 0 && st.Stories[story].Status == sim.StoryBacklog {
			pullButton(v, bb, story, "Pull in this story")
		} else {
			pullButton(v, bb, st.Backlog[0], "")
		}
	}
}

// clarityGain says how much a refinement of story ix would add to its clarity.
func clarityGain(v gameView, ix int) string {
	st := v.View()
	t := v.Scenario().Tuning
	cl := st.Stories[ix].Clarity
	after := math.Min(1, cl+t.RefineClarity*(1-t.BurnoutNoise*st.Player.Burnout))
	return pct(cl) + " → " + pct(after)
}

func (b *backlogBoard) operate(c *Ctx, s *Sprint, op int) {
	v := c.V()
	switch op {
	case opSortRoadmap:
		b.Order = v.OrderByRoadmap(b.Order[:0], v.View().Roadmap)
		b.edited = !slices.Equal(b.Order, v.View().Backlog)
		if !b.ticked {
			b.planFromTop(c)
		}
		c.Say("Sorted by the roadmap as the Product Owner knows it. The plan preview follows; O saves the order.")
	case opToggle:
		b.toggle(c)
	}
}

func (b *backlogBoard) toggle(c *Ctx) {
	if !b.planning(c) || b.Cur >= len(b.Order) {
		return
	}
	ix := b.Order[b.Cur]
	b.InPlan[ix] = !b.InPlan[ix]
	b.ticked = true
}

// reorder moves the card at draft position from to position to.
func (b *backlogBoard) reorder(c *Ctx, s *Sprint, from, to int) {
	if from < 0 || from >= len(b.Order) || to < 0 || to >= len(b.Order) || from == to {
		return
	}
	ix := b.Order[from]
	b.Order = slices.Delete(b.Order, from, from+1)
	b.Order = slices.Insert(b.Order, to, ix)
	b.Cur = to
	b.edited = !slices.Equal(b.Order, c.V().View().Backlog)
	if !b.ticked {
		b.planFromTop(c)
	}
	b.layout(c, s, s.L.board)
	b.reveal()
}

// reveal scrolls the backlog so the focused card shows.
func (b *backlogBoard) reveal() {
	if b.Cur >= len(b.cards) {
		return
	}
	r := b.cards[b.Cur]
	if r.Y < b.list.Y {
		b.scroll = math.Max(0, b.scroll-(b.list.Y-r.Y))
	} else if r.Bottom() > b.list.Bottom() {
		b.scroll += r.Bottom() - b.list.Bottom()
	}
}

func (b *backlogBoard) maxScroll() float64 {
	n := float64(len(b.Order))
	return math.Max(0, 4+n*(cardH+cardGap)-cardGap-b.list.H) // the cards start 4 px into the list
}

func (b *backlogBoard) handle(c *Ctx, s *Sprint, in input.Intent) bool {
	st := c.V().View()
	n := len(b.Order) + len(st.Committed)
	switch in.Kind {
	case input.Up:
		b.Cur = max(0, b.Cur-1)
	case input.Down:
		b.Cur = min(n-1, b.Cur+1)
	case input.Left:
		if b.Cur >= len(b.Order) {
			b.Cur = 0
		}
	case input.Right:
		if b.Cur < len(b.Order) && len(st.Committed) > 0 {
			b.Cur = len(b.Order)
		}
	case input.MoveUp, input.MoveDown:
		if b.Cur >= len(b.Order) {
			return false
		}
		d := -1
		if in.Kind == input.MoveDown {
			d = 1
		}
		b.reorder(c, s, b.Cur, b.Cur+d)
		return true
	case input.Scroll:
		b.scroll = math.Min(b.maxScroll(), math.Max(0, b.scroll+in.DY*48))
		b.layout(c, s, s.L.board)
		c.Dirty = true
		return false
	case input.Press:
		for i, r := range b.cards {
			if r.Contains(in.X, in.Y) && b.list.Contains(in.X, in.Y) {
				b.Cur = i
				b.drag = dragState{on: true, from: i, y: in.Y, to: i}
				return true
			}
		}
		for i, r := range b.sideCards {
			if r.Contains(in.X, in.Y) {
				b.Cur = len(b.Order) + b.sideFirst + i
				return true
			}
		}
		return false
	case input.Drag:
		b.dragTo(c, in)
		return false
	case input.Release:
		return b.release(c, s, in)
	case input.Hover:
		if b.drag.on {
			// The button is up but no release came (it happened outside the window): end the drag.
			return b.release(c, s, in)
		}
		return false
	default:
		return false
	}
	b.layout(c, s, s.L.board)
	b.reveal()
	return true
}

func (b *backlogBoard) dragTo(c *Ctx, in input.Intent) {
	if !b.drag.on {
		return
	}
	b.drag.dy = in.Y - b.drag.y
	if math.Abs(b.drag.dy) > 4 {
		b.drag.moved = true
	}
	// Where the card would land: the slot under the pointer.
	b.drag.to = b.drag.from
	for i, r := range b.cards {
		if in.Y >= r.Y && in.Y < r.Bottom()+cardGap {
			b.drag.to = i
		}
	}
	if len(b.cards) > 0 && in.Y >= b.cards[len(b.cards)-1].Bottom() {
		b.drag.to = len(b.cards) - 1
	}
	if len(b.cards) > 0 && in.Y < b.cards[0].Y {
		b.drag.to = 0
	}
	c.Dirty = true
}

func (b *backlogBoard) release(c *Ctx, s *Sprint, in input.Intent) bool {
	if !b.drag.on {
		return false
	}
	d := b.drag
	b.drag = dragState{}
	c.Dirty = true
	if d.moved && d.to != d.from {
		b.reorder(c, s, d.from, d.to)
		return true
	}
	if !d.moved && d.from < len(b.cards) {
		// A click on a card's check box ticks it in or out of the plan.
		if r := b.cards[d.from]; in.X > r.Right()-44 && r.Contains(in.X, in.Y) {
			b.toggle(c)
		}
	}
	return true
}

func (b *backlogBoard) auto(c *Ctx, s *Sprint, a sim.Action) (input.Intent, bool) {
	v := c.V()
	st := v.View()
	switch a.Kind {
	case sim.ActOrder:
		if slices.Equal(b.Order, a.Stories) {
			return s.key(a)
		}
		if slices.Equal(a.Stories, v.OrderByRoadmap(nil, st.Roadmap)) {
			return keyOp(opSortRoadmap)
		}
		return b.towardOrder(a.Stories)
	case sim.ActRefine:
		pos := slices.Index(b.Order, a.Story)
		if pos < 0 {
			if k := slices.Index(st.Committed, a.Story); k >= 0 {
				pos = len(b.Order) + k
			}
		}
		if pos < 0 {
			return input.Intent{}, false
		}
		if in, ok := focusTo(b.Cur, pos); ok {
			return in, true
		}
		return s.key(a)
	case sim.ActPull:
		pos := slices.Index(b.Order, a.Story)
		if pos < 0 {
			return input.Intent{}, false
		}
		if in, ok := focusTo(b.Cur, pos); ok {
			return in, true
		}
		return s.key(a)
	case sim.ActPlan:
		// First the order the plan's stories run in, then the ticks, then commit.
		want := b.orderFor(a.Stories)
		if !slices.Equal(b.Order, want) {
			return b.towardOrder(want)
		}
		for pos, ix := range b.Order {
			if b.InPlan[ix] != slices.Contains(a.Stories, ix) {
				if in, ok := focusTo(b.Cur, pos); ok {
					return in, true
				}
				return keyOp(opToggle)
			}
		}
		return s.key(a)
	}
	return input.Intent{}, false
}

// towardOrder returns the next focus move or card move that brings the draft order closer to want.
func (b *backlogBoard) towardOrder(want []int) (input.Intent, bool) {
	for i := range want {
		if i >= len(b.Order) || b.Order[i] == want[i] {
			continue
		}
		j := slices.Index(b.Order, want[i])
		if j < 0 {
			return input.Intent{}, false
		}
		if in, ok := focusTo(b.Cur, j); ok {
			return in, true
		}
		return input.Intent{Kind: input.MoveUp, Shift: true}, true
	}
	return input.Intent{}, false
}

// orderFor is the draft order with the plan's stories put in the plan's order, in the slots they
// hold now.
func (b *backlogBoard) orderFor(plan []int) []int {
	out := append([]int(nil), b.Order...)
	k := 0
	for i, ix := range out {
		if slices.Contains(plan, ix) {
			out[i] = plan[k]
			k++
		}
	}
	return out
}

func (b *backlogBoard) columns(board widget.Rect) (left, right widget.Rect) {
	left, right = board.CutLeft(math.Round(board.W * 0.62))
	right.X += 16
	right.W -= 16
	return left, right
}

func (b *backlogBoard) layout(c *Ctx, s *Sprint, board widget.Rect) {
	v := c.V()
	st := v.View()
	left, right := b.columns(board)
	b.list = widget.R(left.X, left.Y+32, left.W, left.H-32-20) // room for "+N more" under the list
	b.scroll = math.Min(b.scroll, b.maxScroll())
	b.cards, b.sideCards = b.cards[:0], b.sideCards[:0]
	y := b.list.Y + 4 - b.scroll
	b.below = 0
	for range b.Order {
		r := widget.R(left.X, y, left.W, cardH)
		b.cards = append(b.cards, r)
		if r.Y > b.list.Bottom()-cardH/2 {
			b.below++
		}
		y += cardH + cardGap
	}
	// The sprint column: a window over the sprint's stories that holds the focus.
	fit := max(1, int((right.Bottom()-24-(right.Y+36)+cardGap)/(48+cardGap)))
	m := len(st.Committed)
	if k := b.Cur - len(b.Order); k >= 0 {
		if k < b.sideFirst {
			b.sideFirst = k
		}
		if k >= b.sideFirst+fit {
			b.sideFirst = k - fit + 1
		}
	}
	b.sideFirst = max(0, min(b.sideFirst, m-fit))
	y = right.Y + 36
	for i := b.sideFirst; i < m && i < b.sideFirst+fit; i++ {
		b.sideCards = append(b.sideCards, widget.R(right.X, y, right.W, 48))
		y += 48 + cardGap
	}
	b.sideMore = m - len(b.sideCards)
	// The capacity line: where the running total of the plan (in planning, the ticked cards; else
	// every card) passes the forecast.
	fc := v.Forecast()
	planning := b.planning(c)
	run := 0.0
	b.capAfter = -1
	for i, ix := range b.Order {
		if planning && !b.InPlan[ix] {
			continue
		}
		if run+float64(st.Stories[ix].Effort) > fc {
			break
		}
		run += float64(st.Stories[ix].Effort)
		b.capAfter = i
	}
	b.capLine = fmt.Sprintf("capacity line: likely %.1f pt (capacity %d)", fc, st.Team.Capacity)
	b.planPts = fmt.Sprintf("Plan: %d pt of %.1f forecast", b.planPoints(st), fc)
	b.more = ""
	if b.below > 0 {
		b.more = fmt.Sprintf("+%d more below · scroll or ↓", b.below)
	}
	b.sideMoreS = ""
	if b.sideMore > 0 {
		b.sideMoreS = fmt.Sprintf("+%d more", b.sideMore)
	}
	b.orderNote = ""
	if b.edited {
		b.orderNote = "draft order, not saved: O saves it"
	}
}

func (b *backlogBoard) side(c *Ctx, s *Sprint, sd *sidePanel) {
	v := c.V()
	if ix := b.focused(c); ix >= 0 {
		storyBlocks(c, s, ix, sd)
	} else {
		sd.add("The backlog is empty.", widget.Body, widget.InkMuted, 0)
	}
	if b.planning(c) {
		sd.add(b.planPts, widget.BodyBold, widget.Ink, 16)
		sd.add("Ticked cards go into the sprint, in board order. Below the capacity line the team is likely not to finish.", widget.Small, widget.InkMuted, 4)
	}
	if !v.Role().Wears(sim.HatPO) {
		if v.Pair() {
			sd.add(partnerName(c.News)+", the Product Owner, orders and plans the backlog, from the roadmap as last synced.", widget.Body, widget.InkMuted, 16)
		} else {
			sd.add("Your colleague, the Product Owner, orders and plans the backlog. Unsynced, they drift toward what is loudest.", widget.Body, widget.InkMuted, 16)
		}
	}
}

func (b *backlogBoard) draw(c *Ctx, s *Sprint, p *widget.Painter) {
	v := c.V()
	st := v.View()
	left, right := b.columns(s.L.board)
	planning := b.planning(c)
	note := "order = priority · Shift+↑↓ or drag to move"
	if planning {
		note = "Space ticks a card into the plan"
	}
	if b.orderNote != "" {
		note = b.orderNote
	}
	drawHeader(p, left, "Product backlog", note)
	clip := b.list
	for i, r := range b.cards {
		ix := b.Order[i]
		if r.Y < clip.Y-1 || r.Bottom() > clip.Bottom()+1 {
			continue // only whole cards show: a cut card cannot be read
		}
		if b.drag.on && b.drag.moved && i == b.drag.from {
			p.Panel(r, 8, widget.Sunken, widget.Border, 1)
		} else {
			s.drawCard(c, p, r, ix, i == b.Cur, b.InPlan[ix], planning)
		}
		if i == b.capAfter && i+1 < len(b.cards) {
			ly := r.Bottom() + cardGap/2
			p.Fill(widget.R(left.X-4, ly-1, left.W+8, 3), widget.Vermilion)
			p.Text(b.capLine, widget.Small, left.X+40, ly+1, widget.VermilionInk)
		}
	}
	if b.more != "" {
		p.TextRight(b.more, widget.Small, left.Right(), clip.Bottom()+4, widget.InkMuted)
	}
	if b.scroll > 0 {
		p.TextRight("▲ more above", widget.Small, left.Right(), left.Y+8, widget.InkMuted)
	}
	// Where a dragged card will land.
	if b.drag.on && b.drag.moved && b.drag.from < len(b.cards) {
		to := b.cards[b.drag.to]
		ly := to.Y - cardGap/2
		if b.drag.to > b.drag.from {
			ly = to.Bottom() + cardGap/2
		}
		p.Fill(widget.R(left.X, ly-2, left.W, 4), widget.Blue)
		r := b.cards[b.drag.from]
		r.Y += b.drag.dy
		s.drawCard(c, p, r, b.Order[b.drag.from], true, b.InPlan[b.Order[b.drag.from]], planning)
	}
	if len(b.cards) == 0 {
		p.Text("The backlog is empty.", widget.Body, left.X, left.Y+40, widget.InkMuted)
	}
	// The sprint column.
	title := "This sprint"
	if planning {
		title = "Plan preview"
	}
	drawHeader(p, right, title, "")
	if planning {
		y := right.Y + 36
		shown, total := 0, 0
		for _, ix := range b.Order {
			if !b.InPlan[ix] {
				continue
			}
			total++
			if y > right.Bottom()-76 {
				continue
			}
			r := widget.R(right.X, y, right.W, 32)
			p.Panel(r, 6, widget.SurfaceAlt, widget.Border, 1)
			col := widget.ThemeColor(st.Stories[ix].Theme)
			p.Panel(widget.R(r.X, r.Y, 8, r.H), 3, col, color.RGBA{}, 0)
			p.Text(p.Fit(v.Scenario().Stories[st.Stories[ix].Def].Title, widget.Small, r.W-70), widget.Small, r.X+14, r.Y+7, widget.Ink)
			p.TextRight(s.effort[ix], widget.Mono, r.Right()-8, r.Y+7, widget.InkMuted)
			y += 36
			shown++
		}
		if total > shown {
			p.Text(moreStr(total-shown), widget.Small, right.X, y, widget.InkMuted)
			y += 20
		}
		p.Text(b.planPts, widget.BodyBold, right.X, math.Min(y+4, right.Bottom()-24), widget.Ink)
	}
	if !planning && len(st.Committed) == 0 {
		p.Paragraph(emptySprintNote(v), widget.Small, widget.R(right.X, right.Y+40, right.W, 120), widget.InkMuted)
	}
	for i, r := range b.sideCards {
		k := b.sideFirst + i
		s.drawMini(c, p, r, st.Committed[k], b.Cur == len(b.Order)+k)
	}
	if b.sideMoreS != "" {
		p.Text(b.sideMoreS, widget.Small, right.X, right.Bottom()-20, widget.InkMuted)
	}
}

// moreStr is "+N more", formatted once per N.
func moreStr(n int) string {
	if n < 0 || n >= len(moreStrs) {
		return fmt.Sprintf("+%d more", n)
	}
	if moreStrs[n] == "" {
		moreStrs[n] = fmt.Sprintf("+%d more", n)
	}
	return moreStrs[n]
}

var moreStrs [64]string

// emptySprintNote says why the sprint column is empty, so an empty column is not mistaken for
// a plan that went missing.
func emptySprintNote(v gameView) string {
	st := v.View()
	switch {
	case st.Phase >= sim.PhaseReview:
		return "Nothing left in the sprint: what was built went to the review; unfinished stories went back to the top of the backlog."
	case !v.Role().Wears(sim.HatPO) && v.Pair():
		return "Your partner, the Product Owner, plans the sprint: the stories they commit show here."
	case !v.Role().Wears(sim.HatPO):
		return "Your Product Owner plans the sprint as planning ends (N): the stories they commit show here."
	}
	return "Nothing committed yet: you plan the sprint in the planning phase."
}
