package scene

import (
	"math"
	"slices"
	"strings"
	"testing"

	"twohats/game/bot"
	"twohats/game/save"
	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

// startAt starts a game of the shipped scenario id in role r and returns the manager on its first
// sprint screen.
func startAt(t *testing.T, id string, r sim.Role, seed uint64) (*Manager, *Ctx) {
	t.Helper()
	m, c, _ := newTest(t, Options{Seed: seed})
	for i := range c.Entries() {
		if e := &c.Entries()[i]; e.ID == id {
			if err := c.StartGame(e, r); err != nil {
				t.Fatal(err)
			}
		}
	}
	m.Handle(input.Intent{})
	for range holdFrames + 1 {
		m.Tick()
	}
	if _, ok := m.Scene().(*Sprint); !ok {
		t.Fatalf("not on a sprint screen: %s", m.Name())
	}
	return m, c
}

// The cost shown before an action is what the action then costs: hours, stress and burnout,
// overtime included, for every enabled button over a whole game played by the bar's own buttons.
func TestPreviewIsWhatTheActionCosts(t *testing.T) {
	m, c := startAt(t, "startup", sim.RoleBoth, 7)
	checked, overtime := 0, 0
	for step := 0; step < 400 && !c.Game.Over(); step++ {
		s, ok := m.Scene().(*Sprint)
		if !ok || c.Game.State().Event >= 0 {
			c.Apply(sim.Action{Kind: sim.ActChoose})
			m.Tick()
			continue
		}
		// Take the first enabled game action that is not Next, else Next.
		pick := -1
		for i, a := range s.acts {
			if a.enabled && a.local == opNone && a.a.Kind != sim.ActAdvance && a.a.Kind != sim.ActInterview && step%3 != 0 {
				pick = i
				break
			}
		}
		if pick < 0 {
			c.Apply(sim.Action{Kind: sim.ActAdvance})
			m.Tick()
			continue
		}
		a := s.acts[pick].a
		want := c.V().Preview(a)
		st := c.Game.State()
		stress, burnout, hours := st.Player.Stress, st.Player.Burnout, st.Player.Hours
		if !c.Apply(a) {
			t.Fatalf("enabled %v refused: %s", a.Kind, c.Status)
		}
		st = c.Game.State()
		if st.Phase == sim.PhaseExecution && st.Day > 1 {
			// An action does not end a day, so its stress is all its own; but clamping at 0 or 1
			// hides part of it.
		}
		gotS := st.Player.Stress - stress
		gotB := st.Player.Burnout - burnout
		if hours-st.Player.Hours != want.Hours {
			t.Errorf("%v: %d h spent, preview said %d", a.Kind, hours-st.Player.Hours, want.Hours)
		}
		if st.Player.Stress > 0 && st.Player.Stress < 1 && math.Abs(gotS-want.Stress) > 1e-9 {
			t.Errorf("%v: stress %+.4f, preview said %+.4f", a.Kind, gotS, want.Stress)
		}
		if st.Player.Burnout < 1 && math.Abs(gotB-want.Burnout) > 1e-9 {
			t.Errorf("%v: burnout %+.4f, preview said %+.4f", a.Kind, gotB, want.Burnout)
		}
		checked++
		if want.Overtime > 0 {
			overtime++
		}
		m.Tick()
	}
	if checked < 30 || overtime == 0 {
		t.Fatalf("checked %d actions, %d in overtime: the test did not reach overtime", checked, overtime)
	}
}

// A press and a release in the same frame is a click; the second click of a double click that
// changed the phase does not land on the next phase's bar.
func TestShortClickAndNoClickThrough(t *testing.T) {
	m, c := startAt(t, "startup", sim.RoleBoth, 7)
	s := m.Scene().(*Sprint)
	next := -1
	for i, a := range s.acts {
		if a.a.Kind == sim.ActAdvance && a.local == opNone {
			next = i
		}
	}
	r := s.acts[next].r
	x, y := r.CX()+s.L.bar.X, r.CY()+s.L.bar.Y
	for _, in := range input.Click(x, y) {
		m.Handle(in) // no Tick between: both in one frame
	}
	if c.Game.State().Phase != sim.PhasePlanning {
		t.Fatalf("a one-frame click on Next did nothing: phase %v", c.Game.State().Phase)
	}
	hours := c.Game.State().Player.Hours
	n := len(c.Game.Actions())
	m.Tick()
	for _, in := range input.Click(x, y) {
		m.Handle(in) // the double click's second half
	}
	if len(c.Game.Actions()) != n || c.Game.State().Player.Hours != hours {
		t.Fatalf("the second click of a double click went through to the planning board")
	}
	for range holdFrames {
		m.Tick()
	}
	// Later clicks work again: a press on Refine (focused story) and a release elsewhere does nothing.
	s = m.Scene().(*Sprint)
	for i, a := range s.acts {
		if a.a.Kind == sim.ActRefine {
			r := a.r
			m.Handle(input.Intent{Kind: input.Press, X: r.CX() + s.L.bar.X, Y: r.CY() + s.L.bar.Y})
			m.Handle(input.Intent{Kind: input.Release, X: 1, Y: 1})
			if len(c.Game.Actions()) != n {
				t.Fatalf("a release off the button (%d) still acted", i)
			}
		}
	}
}

// A drag whose release never arrives ends at the next move with the button up.
func TestDragCannotStick(t *testing.T) {
	m, c := startAt(t, "startup", sim.RoleBoth, 7)
	c.Apply(sim.Action{Kind: sim.ActAdvance})
	m.Tick()
	s := m.Scene().(*Sprint)
	b := s.Backlog
	r := b.cards[0]
	m.Handle(input.Intent{Kind: input.Press, X: r.CX() - 60, Y: r.CY()})
	if !b.drag.on {
		// the hold after the phase change
		for range holdFrames {
			m.Tick()
		}
		m.Handle(input.Intent{Kind: input.Press, X: r.CX() - 60, Y: r.CY()})
	}
	m.Handle(input.Intent{Kind: input.Drag, X: r.CX() - 60, Y: r.CY() + 80})
	if !b.drag.on || !b.drag.moved {
		t.Fatalf("no drag: %+v", b.drag)
	}
	m.Handle(input.Intent{Kind: input.Hover, X: r.CX() - 60, Y: r.CY() + 90})
	if b.drag.on {
		t.Fatal("the drag stuck after the button went up")
	}
}

// The backlog order is the plan: a sort sticks through other decisions, the plan preview follows
// it, and the committed plan is the sorted one.
func TestSortIsThePlan(t *testing.T) {
	m, c := startAt(t, "startup", sim.RolePO, 7)
	c.Apply(sim.Action{Kind: sim.ActAdvance}) // to planning
	m.Tick()
	s := m.Scene().(*Sprint)
	m.Handle(input.Key('A'))
	want := c.Game.OrderByRoadmap(nil, c.Game.State().POView)
	if !slices.Equal(s.Backlog.Order, want) {
		t.Fatalf("sort: %v, want %v", s.Backlog.Order, want)
	}
	m.Handle(input.Key('R')) // refine the focused story: a decision that changes the game
	m.Tick()
	if !slices.Equal(s.Backlog.Order, want) {
		t.Fatalf("the sort was undone by a refinement: %v, want %v", s.Backlog.Order, want)
	}
	plan := slices.Clone(s.Backlog.Plan())
	if len(plan) == 0 || plan[0] != want[0] {
		t.Fatalf("the plan preview does not follow the sorted order: %v", plan)
	}
	m.Handle(input.Key('P'))
	if !slices.Equal(c.Game.State().Committed, plan) {
		t.Fatalf("committed %v, the preview showed %v", c.Game.State().Committed, plan)
	}
	m.Tick()
	// The rest of the draft keeps its sorted order.
	rest := slices.DeleteFunc(slices.Clone(want), func(ix int) bool { return slices.Contains(plan, ix) })
	if got := s.Backlog.Order; !slices.Equal(got[:len(rest)], rest) {
		t.Fatalf("after planning the draft lost its order: %v, want %v first", got, rest)
	}
}

// The stress hatch and the overtime line come from the scenario's own thresholds.
func TestMeterThresholdsFromScenario(t *testing.T) {
	m, c := startAt(t, "startup", sim.RoleBoth, 7)
	s := m.Scene().(*Sprint)
	p := widget.NewPainter(1)
	p.Rec = &widget.Recording{}
	s.Draw(c, p)
	tu := c.Game.Scenario().Tuning
	if s.top.stressLine != tu.BurnoutFrom {
		t.Fatalf("stress line %.2f, scenario's burnout_from %.2f", s.top.stressLine, tu.BurnoutFrom)
	}
	wantOT := float64(c.Game.Scenario().HoursPerSprint-c.V().View().OvertimeFrom) / float64(c.Game.Scenario().HoursPerSprint)
	if math.Abs(s.top.overtime-wantOT) > 1e-9 {
		t.Fatalf("overtime line at %.3f of the hours meter, want %.3f", s.top.overtime, wantOT)
	}
}

// New game asks before replacing a good save; a link naming the saved game offers Continue.
func TestSaveIsNeverReplacedWithoutAsking(t *testing.T) {
	st := &save.MemStore{}
	c := NewCtx(Options{Seed: 5}, widget.NewPainter(1))
	c.Guard, _, _ = save.Open(st)
	NewManager(c, NewTitle(c))
	if err := c.StartGame(&c.Entries()[0], sim.RolePM); err != nil {
		t.Fatal(err)
	}
	c.Apply(sim.Action{Kind: sim.ActResearch})
	saved := string(st.B)
	e0 := c.Entries()[0]

	open := func(opts Options) (*Manager, *Ctx) {
		c := NewCtx(opts, widget.NewPainter(1))
		var f save.File
		var ok bool
		c.Guard, f, ok = save.Open(st)
		if !ok {
			t.Fatal("no save")
		}
		c.Saved = &f
		return NewManager(c, NewTitle(c)), c
	}
	m, _ := open(Options{Seed: 5})
	m.Handle(input.Key('N'))
	if tt := m.Scene().(*Title); !tt.Asking || tt.ask != askReplace {
		t.Fatalf("New game over a save did not ask")
	}
	m.Handle(input.Of(input.Back))
	if string(st.B) != saved || m.Name() != "title" {
		t.Fatal("the save changed or the screen moved after Esc")
	}
	m.Handle(input.Key('N'))
	m.Handle(input.Key('Y'))
	if m.Name() != "role" {
		t.Fatalf("after Y: %s", m.Name())
	}

	// A link with the saved game's scenario, role and seed offers Continue.
	m, c2 := open(Options{Seed: 5})
	c2.Goto(NewTitleLink(c2, &e0, sim.RolePM))
	m.Handle(input.Intent{})
	if tt := m.Scene().(*Title); tt.ask != askLinkSame {
		t.Fatalf("a link to the saved game asked %v", tt.ask)
	}
	m.Handle(input.Key('C'))
	if m.Name() != "strategy" || len(c2.Game.Actions()) != 1 {
		t.Fatalf("continue from a link: on %s with %d decisions", m.Name(), len(c2.Game.Actions()))
	}
	// Another seed is another game: it asks before replacing.
	m, c3 := open(Options{Seed: 6})
	c3.Goto(NewTitleLink(c3, &e0, sim.RolePM))
	m.Handle(input.Intent{})
	if tt := m.Scene().(*Title); tt.ask != askLinkOther {
		t.Fatalf("a link to another game asked %v", tt.ask)
	}
	if string(st.B) != saved {
		t.Fatal("the save changed before the player chose")
	}
}

// The seed can be typed on the scenario screen.
func TestSeedTyped(t *testing.T) {
	m, c, _ := newTest(t, Options{Seed: 1})
	c.Role = sim.RoleBoth
	c.Goto(NewScenarioPick(c))
	m.Handle(input.Intent{})
	for _, in := range []input.Intent{input.Key('E'), input.Key('4'), input.Key('2'), input.Key('9'), input.Of(input.Erase), input.Of(input.Confirm)} {
		m.Handle(in)
	}
	if c.Opts.Seed != 42 {
		t.Fatalf("seed %d, want 42", c.Opts.Seed)
	}
	m.Handle(input.Of(input.Confirm))
	if c.Game == nil || c.Game.Seed() != 42 {
		t.Fatal("the game did not start with the typed seed")
	}
}

// A window below 960×540 shows a notice instead of overlapping panels, and clicks do nothing.
func TestTooSmallWindow(t *testing.T) {
	m, c := startAt(t, "startup", sim.RoleBoth, 7)
	m.Resize(800, 600)
	p := widget.NewPainter(1)
	p.Rec = &widget.Recording{}
	m.Draw(p)
	rec := p.Rec.String()
	if !strings.Contains(rec, "The window is too small") || strings.Contains(rec, "Sprint 1 of") {
		t.Fatalf("a small window drew:\n%s", rec)
	}
	n := len(c.Game.Actions())
	for _, in := range input.Click(600, 560) {
		m.Handle(in)
	}
	if len(c.Game.Actions()) != n {
		t.Fatal("a click went through to the hidden screen")
	}
	m.Resize(960, 540)
	p.Rec.Reset()
	m.Draw(p)
	if !strings.Contains(p.Rec.String(), "Sprint 1 of") {
		t.Fatal("at 960×540 the game does not show")
	}
}

// The tutorial's guide teaches by doing: it moves on when the player does what it asks, skips
// steps of a hat the player does not wear, and T turns it off.
func TestTutorialGuide(t *testing.T) {
	m, c := startAt(t, "tutorial", sim.RoleBoth, 3)
	s := m.Scene().(*Sprint)
	if !s.guiding() || s.guide.cur != 0 {
		t.Fatal("no guide in the tutorial's first sprint")
	}
	m.Handle(input.Key('M')) // research, as step 1 asks
	m.Tick()
	if s.guide.cur != 1 {
		t.Fatalf("after research the guide is at step %d, want 2", s.guide.cur+1)
	}
	m.Handle(input.Key('T'))
	if s.guiding() {
		t.Fatal("T did not turn the guide off")
	}
	// A Product Owner alone starts at the planning steps: the strategy steps are the PM's.
	m2, _ := startAt(t, "tutorial", sim.RolePO, 3)
	if g := m2.Scene().(*Sprint).guide; g == nil || g.steps[g.cur].hat == sim.HatPM {
		t.Fatalf("a PO is shown a PM step")
	}
	_ = c
}

// Focus never lands on a card that is not drawn: moving it through every card of the backlog and
// the sprint board keeps the focused card inside its column, at the smallest window.
func TestFocusStaysOnScreen(t *testing.T) {
	m, c := startAt(t, "startup", sim.RoleBoth, 7)
	m.Resize(960, 540)
	c.Apply(sim.Action{Kind: sim.ActAdvance}) // planning
	m.Tick()
	s := m.Scene().(*Sprint)
	b := s.Backlog
	n := len(b.Order) + len(c.V().View().Committed)
	for i := 0; i < n; i++ {
		if b.Cur < len(b.Order) {
			r := b.cards[b.Cur]
			if r.Y < b.list.Y-1 || r.Bottom() > b.list.Bottom()+1 {
				t.Fatalf("backlog focus %d at y %.0f–%.0f, outside the list %.0f–%.0f", b.Cur, r.Y, r.Bottom(), b.list.Y, b.list.Bottom())
			}
		}
		m.Handle(input.Of(input.Down))
	}
	m.Handle(input.Key('P'))
	c.Apply(sim.Action{Kind: sim.ActAdvance}) // execution
	m.Tick()
	sb := s.Sprint
	n = len(c.V().View().Inbox) + len(c.V().View().Committed)
	for i := 0; i < n; i++ {
		shown := false
		if k := sb.Focus - len(c.V().View().Inbox); k >= 0 {
			shown = k >= sb.sprFirst && k < sb.sprFirst+len(sb.sprCards)
		} else {
			shown = sb.Focus >= sb.reqFirst && sb.Focus < sb.reqFirst+len(sb.reqCards)
		}
		if !shown {
			t.Fatalf("sprint board focus %d is not drawn", sb.Focus)
		}
		m.Handle(input.Of(input.Down))
	}
}

// When the team has built the sprint early, the sprint board offers the pull with its cost and
// the story it takes, the note under the inbox says so, and L pulls the story in.
func TestPullOnTheSprintBoard(t *testing.T) {
	m, c := startAt(t, "startup", sim.RolePO, 7)
	pol, _ := bot.New("knobs:pull=no", 7) // plays on, leaving the pull to the test
	for step := 0; step < 2000 && !c.Game.Over() && !pullShown(c.V()); step++ {
		c.Apply(pol.Next(c.Game))
		m.Tick()
	}
	if !pullShown(c.V()) {
		t.Fatal("the team never finished a sprint early")
	}
	s := m.Scene().(*Sprint)
	s.Board = BSprint
	s.afterBoard(c)
	m.Tick()
	st := c.V().View()
	top := st.Backlog[0]
	title := c.Game.Scenario().Stories[st.Stories[top].Def].Title
	pull := -1
	for i, a := range s.acts {
		if a.a.Kind == sim.ActPull {
			pull = i
		}
	}
	if pull < 0 || !s.acts[pull].enabled || s.acts[pull].a.Story != top {
		t.Fatalf("no enabled pull of the top story %d on the sprint board: %+v", top, s.acts)
	}
	if p := s.acts[pull].preview; !strings.Contains(p, "1 h") || !strings.Contains(p, title) {
		t.Errorf("the pull's preview %q does not say its hours and its story", p)
	}
	if sb := s.Sprint; !strings.Contains(sb.idleNote, "Press L") || !strings.Contains(sb.idleNote, title) {
		t.Errorf("the note under the inbox %q does not offer the pull", sb.idleNote)
	}
	m.Handle(input.Key('L'))
	acts := c.Game.Actions()
	if a := acts[len(acts)-1]; a.Kind != sim.ActPull || a.Story != top {
		t.Fatalf("L did %v, want the pull of story %d", a, top)
	}
}
