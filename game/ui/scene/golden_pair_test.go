package scene

import (
	"fmt"
	"path/filepath"
	"testing"

	"twohats/game/bot"
	"twohats/game/pairplay"
	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
	"twohats/scenarios"
)

// stubSeat is a seat whose room is the test: nothing arrives unless the test applies it.
type stubSeat struct {
	hat  sim.Hat
	g    *sim.Game
	sent []sim.Action
}

func (s *stubSeat) Hat() sim.Hat                 { return s.hat }
func (s *stubSeat) Send(a sim.Action, _ int)     { s.sent = append(s.sent, a) }
func (s *stubSeat) Pending() bool                { return false }
func (s *stubSeat) Catch() (*sim.Game, SeatNews) { return s.g, stubNews(s.hat) }
func (s *stubSeat) Close()                       {}
func stubPair() pairplay.Pair {
	return pairplay.Pair{Code: "KEYPR", State: pairplay.StatePlaying, PM: pairplay.Player{Name: "Ada", Taken: true}, PO: pairplay.Player{Name: "Ben", Taken: true}}
}

func stubNews(h sim.Hat) SeatNews {
	return SeatNews{Pair: stubPair(), Started: true, Code: "KEYPR", Name: map[sim.Hat]string{sim.HatPM: "Ada", sim.HatPO: "Ben"}[h], Hat: h}
}

// pairScreen starts a pair game of startup, seed 7, at seat h, with a seat the test feeds.
func pairScreen(t *testing.T, h sim.Hat, w, ht float64) (*Manager, *Ctx, *widget.Painter) {
	t.Helper()
	p := widget.NewPainter(1)
	p.Rec = &widget.Recording{}
	c := NewCtx(Options{}, p)
	sc, _ := scenarios.Load("startup")
	g, err := sim.New(sc, sim.RolePair, 7)
	if err != nil {
		t.Fatal(err)
	}
	c.Seat = &stubSeat{hat: h, g: g}
	m := NewManager(c, NewTitle(c))
	m.Resize(w, ht)
	if err := c.StartPair(g, stubNews(h)); err != nil {
		t.Fatal(err)
	}
	m.Handle(input.Intent{})
	return m, c, p
}

// feed applies the room's actions to the screens' game, as the stream would.
func feed(t *testing.T, m *Manager, c *Ctx, acts ...sim.Action) {
	t.Helper()
	for _, a := range acts {
		if err := c.Game.Apply(a); err != nil {
			t.Fatalf("%s %s: %v", a.Hat, a.Kind, err)
		}
	}
	c.Track.Observe(c.Game, true)
	if c.Game.Over() && !c.Finished {
		c.finish()
	}
	m.Tick()
	m.Handle(input.Intent{})
}

func golden(t *testing.T, m *Manager, p *widget.Painter, name string, w, h float64) {
	t.Helper()
	p.Rec.Reset()
	m.Draw(p)
	path := filepath.Join("testdata", "layout", fmt.Sprintf("%s-%.0fx%.0f.txt", name, w, h))
	diff, err := widget.WriteGolden(path, p.Rec.String(), *update)
	if err != nil {
		t.Fatal(err)
	}
	if diff != "" {
		t.Error(diff)
	}
}

// TestPairLayoutGolden records the pair game's own screens at two window sizes: the join form,
// the pair code, the PO waiting while the PM works the strategy, the PM's sync proposal at the
// PO's seat, planning as the PO, the PM waiting for the PO's planning, and the debrief naming
// both players; and the help over the join screen and over the PO's board. go test -run
// PairLayoutGolden -update rewrites them.
func TestPairLayoutGolden(t *testing.T) {
	for _, size := range [][2]float64{{1280, 720}, {960, 540}} {
		w, h := size[0], size[1]
		// The join form, filled in from the link, and the code while the partner comes.
		p := widget.NewPainter(1)
		p.Rec = &widget.Recording{}
		c := NewCtx(Options{Join: "http://192.168.1.20:8080", Player: "Ben", JoinHat: sim.HatPO}, p)
		j := NewJoin(c, false)
		m := NewManager(c, j)
		m.Resize(w, h)
		golden(t, m, p, "pair-join", w, h)
		m.Handle(input.Of(input.Help)) // the join screen's help: its keys, the pair game's words first
		golden(t, m, p, "pair-join-help", w, h)
		m.Handle(input.Of(input.Back))
		c.News = stubNews(sim.HatPO)
		c.News.Pair.PM = pairplay.Player{}
		j.State = JoinWaiting
		golden(t, m, p, "pair-code", w, h)

		// The PO's seat.
		m, c, p = pairScreen(t, sim.HatPO, w, h)
		if m.Name() != "strategy" || c.V().View().Turn {
			t.Fatalf("the PO's seat opens on %s, turn %v", m.Name(), c.V().View().Turn)
		}
		feed(t, m, c, sim.Action{Kind: sim.ActResearch, Hat: sim.HatPM})
		golden(t, m, p, "pair-po-strategy-waiting", w, h)
		m.Handle(input.Of(input.Help)) // a pair game's help: the pair's keys too, its words first
		golden(t, m, p, "pair-help", w, h)
		m.Handle(input.Of(input.Back))
		feed(t, m, c, sim.Action{Kind: sim.ActSync, Hat: sim.HatPM})
		if st := c.V().View(); !st.Turn || st.SyncProposal != sim.HatPM {
			t.Fatalf("the PO has no sync to accept: turn %v, proposal %s", st.Turn, st.SyncProposal)
		}
		golden(t, m, p, "pair-po-sync-prompt", w, h)
		// S accepts: the seat sends the acceptance, naming its hat.
		m.Handle(input.Key('S'))
		seat := c.Seat.(*stubSeat)
		if len(seat.sent) != 1 || !seat.sent[0].Accept || seat.sent[0].Hat != sim.HatPO {
			t.Fatalf("S sent %+v, want the PO's acceptance", seat.sent)
		}
		feed(t, m, c, seat.sent[0], sim.Action{Kind: sim.ActAdvance, Hat: sim.HatPM})
		if m.Name() != "planning" || !c.V().View().Turn {
			t.Fatalf("after the PM's strategy the PO is on %s, turn %v", m.Name(), c.V().View().Turn)
		}
		golden(t, m, p, "pair-po-planning", w, h)

		// The PM's seat while the PO plans, and the debrief once the pair has played it out.
		m, c, p = pairScreen(t, sim.HatPM, w, h)
		feed(t, m, c, sim.Action{Kind: sim.ActAdvance, Hat: sim.HatPM})
		golden(t, m, p, "pair-pm-planning-waiting", w, h)
		g, _ := sim.New(c.Game.Scenario(), sim.RolePair, 7)
		pm, _ := bot.New("roadmap", 7)
		po, _ := bot.New("roadmap", 7)
		if err := bot.PlayPair(g, pm, po); err != nil {
			t.Fatal(err)
		}
		m, c, p = pairScreen(t, sim.HatPM, w, h)
		feed(t, m, c, g.Actions()...)
		m.Tick()
		if m.Name() != "end" {
			t.Fatalf("after the game the PM is on %s", m.Name())
		}
		golden(t, m, p, "pair-end", w, h)
	}
}
