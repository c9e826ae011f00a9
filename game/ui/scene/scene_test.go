package scene

import (
	"testing"

	"twohats/game/bot"
	"twohats/game/save"
	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

type memSink struct {
	name string
	b    []byte
}

func (m *memSink) Deliver(name string, b []byte) (string, error) {
	m.name, m.b = name, b
	return "memory:" + name, nil
}

func newTest(t *testing.T, opts Options) (*Manager, *Ctx, *memSink) {
	t.Helper()
	c := NewCtx(opts, widget.NewPainter(1))
	c.Guard, _, _ = save.Open(&save.MemStore{})
	sink := &memSink{}
	c.Sink = sink
	return NewManager(c, NewTitle(c)), c, sink
}

// play drives the screens with the autoplayer until the end screen, with no display.
func play(t *testing.T, scenarioID string, role sim.Role, policy string) (*Manager, *Ctx, *Autoplayer) {
	t.Helper()
	pol, err := bot.New(policy, 1)
	if err != nil {
		t.Fatal(err)
	}
	m, c, sink := newTest(t, Options{Scenario: scenarioID, Role: role, Seed: 7, Autoplay: policy, Policy: pol})
	ap := &Autoplayer{Policy: pol}
	for f := 0; f < 200000 && m.Name() != "end"; f++ {
		if in, ok := ap.Step(m); ok {
			m.Handle(in)
		}
		m.Tick()
	}
	if m.Name() != "end" {
		t.Fatalf("%s/%s/%s: stuck on %s", scenarioID, role, policy, m.Name())
	}
	if ap.Fallbacks > 0 {
		t.Errorf("%s/%s/%s: %d decisions could not go through the screens (last: %s)", scenarioID, role, policy, ap.Fallbacks, ap.LastErr)
	}
	if sink.b == nil {
		t.Errorf("no results delivered")
	}
	return m, c, ap
}

func TestAutoplayVisitsEveryScreen(t *testing.T) {
	m, c, _ := play(t, "tutorial", sim.RoleBoth, "roadmap")
	for _, name := range []string{"title", "role", "scenario", "strategy", "planning", "execution", "review", "retro", "end", "help", "pause"} {
		if !m.Visited()[name] {
			t.Errorf("screen %s never shown", name)
		}
	}
	// The screens must reach the same result as the bot playing the engine directly.
	pol, _ := bot.New("roadmap", 1)
	g, _ := sim.New(c.Game.Scenario(), sim.RoleBoth, 7)
	for !g.Over() {
		if err := g.Apply(pol.Next(g)); err != nil {
			t.Fatal(err)
		}
	}
	if g.Outcome() != c.Game.Outcome() {
		t.Errorf("screens and engine differ:\n%+v\n%+v", c.Game.Outcome(), g.Outcome())
	}
}

func TestAutoplayEveryRoleAndPolicy(t *testing.T) {
	for _, role := range sim.Roles {
		for _, pol := range bot.Names {
			play(t, "tutorial", role, pol)
		}
	}
	if !testing.Short() {
		play(t, "startup", sim.RolePO, "random")
		play(t, "startup", sim.RolePM, "urgency")
	}
}

func TestBacklogKeyboard(t *testing.T) {
	_, c, _ := newTest(t, Options{Seed: 3})
	c.Role = sim.RoleBoth
	if err := c.StartGame(&c.Entries()[0], sim.RoleBoth); err != nil {
		t.Fatal(err)
	}
	c.Apply(sim.Action{Kind: sim.ActAdvance}) // to planning
	s := NewSprint(c)
	if s.Name() != "planning" {
		t.Fatalf("board %s, want planning", s.Name())
	}
	before := append([]int(nil), s.Backlog.Order...)
	s.Handle(c, input.Of(input.Down))
	s.Handle(c, input.Intent{Kind: input.MoveUp, Shift: true})
	if s.Backlog.Order[0] != before[1] || s.Backlog.Order[1] != before[0] || s.Backlog.Cur != 0 {
		t.Fatalf("move up: %v from %v, cur %d", s.Backlog.Order, before, s.Backlog.Cur)
	}
	// The reorder is a draft: saving it is a decision that costs an hour.
	hours := c.Game.State().Player.Hours
	s.Handle(c, input.Key('O'))
	if c.Game.State().Backlog[0] != before[1] || c.Game.State().Player.Hours != hours-1 {
		t.Fatalf("save order: backlog %v, hours %d", c.Game.State().Backlog, c.Game.State().Player.Hours)
	}
	// Untick the first card and commit: the plan leaves it out.
	first := s.Backlog.Order[0]
	s.Handle(c, input.Of(input.Up))
	s.Handle(c, input.Of(input.Toggle))
	s.Handle(c, input.Key('P'))
	st := c.Game.State()
	if !st.Planned {
		t.Fatalf("not planned: %s", c.Status)
	}
	for _, ix := range st.Committed {
		if ix == first {
			t.Fatalf("unticked story %d was committed", first)
		}
	}
}

func TestDisabledSaysWhy(t *testing.T) {
	_, c, _ := newTest(t, Options{Seed: 3})
	if err := c.StartGame(&c.Entries()[0], sim.RolePO); err != nil {
		t.Fatal(err)
	}
	s := NewSprint(c)
	s.Handle(c, input.Key('P')) // no plan in strategy: the key is not on this board
	s.Handle(c, input.Of(input.NextBoard))
	s.Handle(c, input.Key('R'))
	if c.Status == "" {
		t.Fatal("a refused action gave no reason")
	}
}

func TestCorruptSaveNeedsConsent(t *testing.T) {
	st := &save.MemStore{B: []byte("{broken")}
	c := NewCtx(Options{Seed: 1}, widget.NewPainter(1))
	c.Guard, _, _ = save.Open(st)
	m := NewManager(c, NewTitle(c))
	m.Handle(input.Key('N'))
	if m.Name() != "title" || !m.Scene().(*Title).Asking {
		t.Fatalf("a new game over a broken save did not ask (on %s)", m.Name())
	}
	m.Handle(input.Of(input.Back))
	if string(st.B) != "{broken" {
		t.Fatal("save changed")
	}
	m.Handle(input.Key('N'))
	m.Handle(input.Key('Y'))
	if m.Name() != "role" {
		t.Fatalf("after consent: %s", m.Name())
	}
}

func TestContinue(t *testing.T) {
	st := &save.MemStore{}
	c := NewCtx(Options{Seed: 5}, widget.NewPainter(1))
	c.Guard, _, _ = save.Open(st)
	NewManager(c, NewTitle(c))
	if err := c.StartGame(&c.Entries()[0], sim.RolePM); err != nil {
		t.Fatal(err)
	}
	c.Apply(sim.Action{Kind: sim.ActResearch})
	c.Apply(sim.Action{Kind: sim.ActAdvance})
	want := c.Game.Outcome()
	c2 := NewCtx(Options{}, widget.NewPainter(1))
	var f save.File
	var ok bool
	c2.Guard, f, ok = save.Open(st)
	if !ok {
		t.Fatal("no save")
	}
	c2.Saved = &f
	m2 := NewManager(c2, NewTitle(c2))
	m2.Handle(input.Key('C'))
	if m2.Name() != "planning" || c2.Game.Outcome() != want {
		t.Fatalf("continue: on %s, %+v", m2.Name(), c2.Game.Outcome())
	}
}
