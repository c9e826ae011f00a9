package scene

import (
	"context"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"twohats/game/bot"
	"twohats/game/pairplay"
	"twohats/game/save"
	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
	"twohats/scenarios"
)

// fakeRoom is a referee in the test's process: it holds the pair's game and plays the partner's
// seat with a bot, which takes its whole turn whenever the seat under test calls.
type fakeRoom struct {
	mu      sync.Mutex
	g       *sim.Game
	hat     sim.Hat // the seat under test
	partner bot.Policy
	sent    []sim.Action // the seat's decisions as they arrived
	refused []string
	waiting bool         // the partner has not come yet: the first polls say so
	queued  []sim.Action // the partner's moves the test asks for, made at the next poll (stillRoom)
	polls   int
}

func (f *fakeRoom) partnerMoves() {
	o := f.hat.Other()
	for n := 0; n < 200 && !f.g.Over() && f.g.Turn(o); n++ {
		if f.g.Done(o) && f.g.State().SyncProposal == f.hat && f.g.Check(sim.Action{Kind: sim.ActSync, Hat: o, Accept: true}) != nil {
			return
		}
		if err := f.g.Apply(bot.Seat(f.g, o, f.partner)); err != nil {
			panic(err)
		}
	}
}

func (f *fakeRoom) Poll(ctx context.Context) (bool, error) {
	f.mu.Lock()
	f.polls++
	if f.waiting && f.polls > 3 {
		f.waiting = false
	}
	n := len(f.g.Actions())
	if !f.waiting {
		f.partnerMoves()
	}
	changed := len(f.g.Actions()) > n
	f.mu.Unlock()
	if !changed {
		select {
		case <-time.After(time.Millisecond):
		case <-ctx.Done():
			return false, ctx.Err()
		}
	}
	return changed, nil
}

func (f *fakeRoom) Send(_ context.Context, a sim.Action) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	a.Hat = f.hat
	if err := f.g.Apply(a); err != nil {
		f.refused = append(f.refused, err.Error())
		return &pairplay.RefusedError{Status: 422, Msg: err.Error(), Seq: -1}
	}
	f.sent = append(f.sent, a)
	f.partnerMoves()
	return nil
}

func (f *fakeRoom) Game() *sim.Game {
	if f.waiting {
		return nil
	}
	return f.g
}

func (f *fakeRoom) Pair() pairplay.Pair {
	f.mu.Lock()
	defer f.mu.Unlock()
	p := pairplay.Pair{Code: "KEYPR", State: pairplay.StatePlaying, Seq: len(f.g.Actions()), Version: len(f.g.Actions()), Syncs: f.g.State().Syncs,
		PM: pairplay.Player{Name: "Ada", Taken: true}, PO: pairplay.Player{Name: "Ben", Taken: true}}
	switch {
	case f.waiting:
		p.State, p.PO = pairplay.StateWaiting, pairplay.Player{}
	case f.g.Over():
		p.State, p.Result = pairplay.StateStored, &pairplay.Result{ID: "0001", Score: f.g.Outcome().Score, Grade: f.g.Outcome().Grade}
	}
	return p
}

func (f *fakeRoom) Hat() sim.Hat { return f.hat }
func (f *fakeRoom) Code() string { return "KEYPR" }
func (f *fakeRoom) Name() string {
	return map[sim.Hat]string{sim.HatPM: "Ada", sim.HatPO: "Ben"}[f.hat]
}
func (f *fakeRoom) Token() string { return "token-" + f.Name() }
func (f *fakeRoom) Seed() uint64  { return f.g.Seed() }
func (f *fakeRoom) Finished() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.g.Over()
}

func newFakeRoom(t *testing.T, hat sim.Hat) *fakeRoom {
	t.Helper()
	sc, err := scenarios.Load("startup")
	if err != nil {
		t.Fatal(err)
	}
	g, err := sim.New(sc, sim.RolePair, 7)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := bot.New("roadmap", 7)
	return &fakeRoom{g: g, hat: hat, partner: p, waiting: true}
}

// playPair plays the seat hat of a pair game through the screens (the join screen, the sprint
// boards, the debrief) with the roadmap bot, against a fake room whose partner is the same bot.
// It returns the context and every decision the seat's bot wanted.
func playPair(t *testing.T, hat sim.Hat) (*Manager, *Ctx, *fakeRoom, []sim.Action) {
	t.Helper()
	room := newFakeRoom(t, hat)
	pol, _ := bot.New("roadmap", 7)
	var wants []sim.Action
	opts := Options{Join: "http://room.test", Player: room.Name(), JoinHat: hat, Autoplay: "roadmap",
		SeatPolicy: func(g *sim.Game, h sim.Hat) sim.Action {
			a := bot.Seat(g, h, pol)
			w := a
			w.Stories = slices.Clone(a.Stories) // the bot reuses its buffers
			w.Weights = slices.Clone(a.Weights)
			wants = append(wants, w)
			return a
		}}
	c := NewCtx(opts, widget.NewPainter(1))
	c.Guard, _, _ = save.Open(&save.MemStore{})
	c.Sink = &memSink{}
	c.SeatStore = &save.MemStore{}
	c.Dial = func(context.Context, string, pairplay.JoinRequest, string) (Link, error) { return room, nil }
	m := NewManager(c, NewJoin(c, true))
	ap := &Autoplayer{}
	deadline := time.Now().Add(60 * time.Second)
	for m.Name() != "end" && time.Now().Before(deadline) {
		if in, ok := ap.Step(m); ok {
			m.Handle(in)
		}
		m.Tick()
		if c.Seat != nil && c.Seat.Pending() || m.Name() == "join" {
			time.Sleep(100 * time.Microsecond)
		}
	}
	if m.Name() != "end" {
		t.Fatalf("the %s seat is stuck on %s", hat, m.Name())
	}
	if ap.Fallbacks > 0 {
		t.Errorf("%d decisions could not go through the screens (last: %s)", ap.Fallbacks, ap.LastErr)
	}
	return m, c, room, wants
}

// TestPairSeatPlaysThroughTheScreens: each seat of a pair game, played through the screens
// against a room, ends the game; the local game is the room's, action for action; every move the
// screens sent is the one the seat's bot wanted; nothing was refused.
func TestPairSeatPlaysThroughTheScreens(t *testing.T) {
	for _, hat := range []sim.Hat{sim.HatPM, sim.HatPO} {
		t.Run(hat.String(), func(t *testing.T) {
			_, c, room, wants := playPair(t, hat)
			if len(room.refused) > 0 {
				t.Errorf("the room refused %d moves, first: %s", len(room.refused), room.refused[0])
			}
			mine, _ := json.Marshal(c.Game.Actions())
			theirs, _ := json.Marshal(room.g.Actions())
			if string(mine) != string(theirs) {
				t.Fatalf("the screens' game is not the room's: %d actions against %d", len(c.Game.Actions()), len(room.g.Actions()))
			}
			// What was sent is what was wanted, in order (a want the partner overtook is dropped).
			j := 0
			for _, a := range room.sent {
				aj, _ := json.Marshal(a)
				for ; j < len(wants); j++ {
					if sameMove(wants[j], a) {
						break
					}
				}
				if j == len(wants) {
					for k, w := range wants {
						wj, _ := json.Marshal(w)
						t.Logf("want %d: %s", k, wj)
					}
					for k, w := range room.sent {
						wj, _ := json.Marshal(w)
						t.Logf("sent %d: %s", k, wj)
					}
					t.Fatalf("the screens sent %s, which the bot never wanted", aj)
				}
				j++
			}
			if !c.Finished || c.Results == "" {
				t.Errorf("finished %v, results %q", c.Finished, c.Results)
			}
		})
	}
}

// TestPairWaitingOffersNothing: while the partner's phase runs, the bar has no button, and the
// screen says who acts.
func TestPairWaitingOffersNothing(t *testing.T) {
	room := newFakeRoom(t, sim.HatPO)
	room.waiting = false
	c := NewCtx(Options{}, widget.NewPainter(1))
	c.Seat = NewRemoteSeat(stillRoom{room})
	defer c.Seat.Close()
	c.tickSeat()
	if err := c.StartPair(c.News); err != nil {
		t.Fatal(err)
	}
	m := NewManager(c, NewTitle(c))
	m.Handle(input.Intent{})
	sp, ok := m.Scene().(*Sprint)
	if !ok {
		t.Fatalf("on %s, not the sprint screens", m.Name())
	}
	st := c.V().View()
	if st.Phase != sim.PhaseStrategy || st.Turn {
		t.Fatalf("phase %s, turn %v: want the PM's strategy", st.Phase, st.Turn)
	}
	if len(sp.acts) != 0 {
		t.Errorf("the PO is offered %d buttons in the PM's phase", len(sp.acts))
	}
	m.Handle(input.Key('N'))
	m.Tick()
	if c.Seat.Pending() {
		t.Errorf("a key sent a move out of turn")
	}
	// The PM's strategy ends: the PO plans, and the bar has the PO's work and none of the PM's.
	room.mu.Lock()
	room.queued = append(room.queued, sim.Action{Kind: sim.ActAdvance, Hat: sim.HatPM})
	room.mu.Unlock()
	for deadline := time.Now().Add(5 * time.Second); m.Name() != "planning" && time.Now().Before(deadline); {
		m.Tick()
		m.Handle(input.Intent{})
	}
	if m.Name() != "planning" || !c.V().View().Turn {
		t.Fatalf("on %s, turn %v: want the PO's planning", m.Name(), c.V().View().Turn)
	}
	keys := ""
	for _, a := range sp.acts {
		keys += string(a.key)
		if a.a.Kind.Title() != "" && a.local == opNone && (a.a.Kind == sim.ActResearch || a.a.Kind == sim.ActRoadmap || a.a.Kind == sim.ActExecutive || a.a.Kind == sim.ActKPI || a.a.Kind == sim.ActInterview) {
			t.Errorf("the PO is offered the PM's %s", a.a.Kind.Title())
		}
	}
	if !strings.Contains(keys, "P") || !strings.Contains(keys, "R") {
		t.Errorf("the PO's planning bar lacks plan or refine: keys %q", keys)
	}
}

// stillRoom is a room whose partner never moves: the state stays as the test set it.
type stillRoom struct{ *fakeRoom }

func (s stillRoom) Poll(ctx context.Context) (bool, error) {
	s.mu.Lock()
	for _, a := range s.queued {
		if err := s.g.Apply(a); err != nil {
			panic(err)
		}
	}
	s.queued = nil
	s.mu.Unlock()
	select {
	case <-time.After(time.Millisecond):
	case <-ctx.Done():
	}
	return false, nil
}

// sameMove compares two decisions; a roadmap's weights go through the sliders, whose steps round
// them a little.
func sameMove(a, b sim.Action) bool {
	if a.Kind == sim.ActRoadmap && b.Kind == sim.ActRoadmap && len(a.Weights) == len(b.Weights) {
		for i := range a.Weights {
			if math.Abs(a.Weights[i]-b.Weights[i]) > 0.03 {
				return false
			}
		}
		return true
	}
	aj, _ := json.Marshal(a)
	bj, _ := json.Marshal(b)
	return string(aj) == string(bj)
}

// TestJoinScreen: typing fills the fields (a code only in its alphabet's capitals), a bad form
// says why, a join keeps the seat's token, and the screen opened again at start comes back to
// the seat with that token.
func TestJoinScreen(t *testing.T) {
	room := newFakeRoom(t, sim.HatPO)
	var mu sync.Mutex
	var dials []string // the token each dial came with
	dialled := func() []string { mu.Lock(); defer mu.Unlock(); return slices.Clone(dials) }
	store := &save.MemStore{}
	newCtx := func() *Ctx {
		c := NewCtx(Options{Join: "http://room.test/"}, widget.NewPainter(1))
		c.SeatStore = store
		c.Dial = func(_ context.Context, server string, req pairplay.JoinRequest, token string) (Link, error) {
			if server != "http://room.test" {
				t.Errorf("dialled %q", server)
			}
			mu.Lock()
			dials = append(dials, token)
			mu.Unlock()
			if token == "" && (req.Name != "Bé Ada" || req.Code != "KEYPR" || req.Hat != "po") {
				t.Errorf("join request %+v", req)
			}
			return room, nil
		}
		return c
	}
	c := newCtx()
	j := NewJoin(c, true)
	m := NewManager(c, j)
	if j.Focus != fName || j.State != JoinForm {
		t.Fatalf("focus %d state %d: want the name, on the form", j.Focus, j.State)
	}
	m.Handle(input.Of(input.Confirm))
	if j.Err == "" || j.State != JoinForm {
		t.Errorf("an empty name joined (err %q)", j.Err)
	}
	for _, r := range "Bé" {
		m.Handle(input.Char(r))
	}
	m.Handle(input.Of(input.Toggle)) // Space types a space in the name
	for _, r := range "Ada" {
		m.Handle(input.Char(r))
	}
	m.Handle(input.Of(input.Down))
	for _, r := range "keIpr-1r" { // I, - and 1 are not in a code; it stops at five letters
		m.Handle(input.Char(r))
	}
	m.Handle(input.Of(input.Down))
	m.Handle(input.Key('O'))
	if j.Player != "Bé Ada" || j.Code != "KEPRR" || j.Hat != sim.HatPO {
		t.Fatalf("typed %q, code %q, hat %s", j.Player, j.Code, j.Hat)
	}
	m.Handle(input.Of(input.Up))
	m.Handle(input.Of(input.Erase))
	m.Handle(input.Of(input.Erase))
	m.Handle(input.Char('r'))
	m.Handle(input.Of(input.Erase))
	m.Handle(input.Char('R'))
	if j.Code != "KEPR" {
		t.Fatalf("code %q after erasing", j.Code)
	}
	m.Handle(input.Char('y'))
	j.Code = "KEYPR"
	m.Handle(input.Of(input.Confirm))
	for deadline := time.Now().Add(5 * time.Second); j.State != JoinWaiting && time.Now().Before(deadline); {
		m.Tick()
	}
	if d := dialled(); j.State != JoinWaiting || len(d) != 1 || d[0] != "" {
		t.Fatalf("state %d after the join, dials %q", j.State, d)
	}
	rec, ok := loadRecord(store)
	if !ok || rec.Token != room.Token() || rec.Code != "KEYPR" || rec.Server != "http://room.test" || rec.Hat != "po" {
		t.Fatalf("kept %+v", rec)
	}
	// The partner comes: the game starts.
	for deadline := time.Now().Add(5 * time.Second); m.Name() == "join" && time.Now().Before(deadline); {
		m.Tick()
		m.Handle(input.Intent{})
	}
	if m.Name() != "strategy" {
		t.Fatalf("on %s once the partner came", m.Name())
	}
	c.Seat.Close()

	// A reload: the screen at start comes back with the kept token.
	c2 := newCtx()
	j2 := NewJoin(c2, true)
	if j2.State != JoinConnecting {
		t.Fatalf("at start with a kept seat: state %d, not connecting", j2.State)
	}
	for deadline := time.Now().Add(5 * time.Second); j2.State == JoinConnecting && time.Now().Before(deadline); {
		j2.Tick(c2)
	}
	if d := dialled(); j2.State != JoinWaiting || len(d) != 2 || d[1] != room.Token() {
		t.Fatalf("at start with a kept seat: state %d, dials %q", j2.State, d)
	}
	c2.Seat.Close()
	// From the title (no comeback), the kept seat is offered, not taken.
	c3 := newCtx()
	j3 := NewJoin(c3, false)
	if d := dialled(); j3.State != JoinForm || !j3.hasRec || len(d) != 2 {
		t.Fatalf("from the title: state %d, offered %v, dials %q", j3.State, j3.hasRec, d)
	}
}
