package scene

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"twohats/game/bot"
	"twohats/game/pairplay"
	"twohats/game/pairplay/pairplaytest"
	"twohats/game/results"
	"twohats/game/save"
	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

// playPair plays the seat hat of a pair game through the screens (the join screen, the sprint
// boards, the debrief) with the roadmap bot, at a room on loopback (the real referee) whose
// colleague bot plays the other seat. After every move it checks the seat's game against the
// referee's. It returns the context, the seat's network client, every decision the seat's bot
// wanted, the room's game, the problems the seat reported and the room's results folder.
func playPair(t *testing.T, hat sim.Hat) (m *Manager, c *Ctx, cl *pairplay.Client, wants []sim.Action, room []sim.Action, problems []string, dir string) {
	t.Helper()
	base, key, dir := pairServer(t)
	pol, _ := bot.New("roadmap", 7)
	opts := Options{Join: base, Player: map[sim.Hat]string{sim.HatPM: "Ada", sim.HatPO: "Ben"}[hat], JoinHat: hat, Autoplay: "roadmap",
		SeatPolicy: func(g *sim.Game, h sim.Hat) sim.Action {
			a := bot.Seat(g, h, pol)
			w := a
			w.Stories = slices.Clone(a.Stories) // the bot reuses its buffers
			w.Weights = slices.Clone(a.Weights)
			wants = append(wants, w)
			return a
		}}
	c = NewCtx(opts, widget.NewPainter(1))
	c.Guard, _, _ = save.Open(&save.MemStore{})
	c.Sink = &memSink{}
	c.SeatStore = &save.MemStore{}
	c.Dial = func(ctx context.Context, server string, req pairplay.JoinRequest, token string) (Link, error) {
		l, err := DialRoom(ctx, server, req, token)
		if err == nil {
			cl = l.(*pairplay.Client) // read once the join screen has the seat
		}
		return l, err
	}
	m = NewManager(c, NewJoin(c, true))
	ap := &Autoplayer{}
	gave, seen, problemN := false, 0, 0
	deadline := time.Now().Add(90 * time.Second)
	for m.Name() != "end" && time.Now().Before(deadline) {
		if in, ok := ap.Step(m); ok {
			m.Handle(in)
		}
		m.Tick()
		if !gave && c.Seat != nil {
			gave = true
			giveBot(t, base, key, cl.Code(), hat.Other())
		}
		if c.News.ProblemN != problemN {
			problemN = c.News.ProblemN
			problems = append(problems, c.News.Problem)
		}
		if c.Game != nil && len(c.Game.Actions()) != seen {
			// After every move, the seat's game is the referee's so far.
			seen = len(c.Game.Actions())
			if theirs := roomActions(t, base, cl.Token()); len(theirs) < seen || !sameActions(c.Game.Actions(), theirs[:seen]) {
				t.Fatalf("after %d actions the seat's game is not the room's (%d actions)", seen, len(theirs))
			}
		}
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
	// The room stores the game; the seat then keeps its copy of the stored file.
	for deadline := time.Now().Add(10 * time.Second); !c.pairKept && time.Now().Before(deadline); {
		m.Tick()
		time.Sleep(time.Millisecond)
	}
	return m, c, cl, wants, roomActions(t, base, cl.Token()), problems, dir
}

// TestPairSeatPlaysThroughTheScreens: each seat of a pair game, played through the screens
// against a room, ends the game; the local game is the room's, action for action, after every
// move; each move is applied once in the seat's process (the screens show the network client's
// own copy, and nothing else applies it); every move the screens sent is the one the seat's bot
// wanted; nothing was refused.
func TestPairSeatPlaysThroughTheScreens(t *testing.T) {
	for _, hat := range []sim.Hat{sim.HatPM, sim.HatPO} {
		t.Run(hat.String(), func(t *testing.T) {
			m, c, cl, wants, room, problems, dir := playPair(t, hat)
			if !m.Visited()["help"] {
				t.Errorf("the seat's tour never opened the help")
			}
			for _, p := range problems {
				if !strings.Contains(p, "moved first") { // a race with the partner is the protocol at work
					t.Errorf("the seat said: %s", p)
				}
			}
			if !sameActions(c.Game.Actions(), room) {
				t.Fatalf("the screens' game is not the room's: %d actions against %d", len(c.Game.Actions()), len(room))
			}
			// Every engine in the seat's process that holds the game counts its moves.
			applied := len(c.Game.Actions())
			if g := cl.Game(); g != c.Game {
				applied += len(g.Actions())
			}
			if applied != len(room) {
				t.Errorf("the seat's process applied %d moves for the room's %d", applied, len(room))
			}
			t.Logf("%d moves, each applied once; %d dropped as the partner moved first", len(room), len(problems))
			// What was sent is what was wanted, in order (a want the partner overtook is dropped).
			var sent []sim.Action
			for _, a := range room {
				if a.Hat == hat {
					sent = append(sent, a)
				}
			}
			j := 0
			for _, a := range sent {
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
					for k, w := range sent {
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
			// The seat keeps the room's file, as a solo game keeps its own: the very bytes stored.
			sink := c.Sink.(*memSink)
			res := c.News.Pair.Result
			if res == nil || sink.name != res.File || !strings.HasSuffix(c.Results, "; your copy: memory:"+res.File) {
				t.Fatalf("the seat kept %q (the room stored %+v); results line %q", sink.name, res, c.Results)
			}
			if stored, err := os.ReadFile(filepath.Join(dir, res.File)); err != nil || !bytes.Equal(sink.b, stored) {
				t.Fatalf("the seat's copy is not the stored file (%v; %d bytes, %d stored)", err, len(sink.b), len(stored))
			}
		})
	}
}

// TestPairWaitingOffersNothing: while the partner's phase runs, the bar has no button, and the
// screen says who acts.
func TestPairWaitingOffersNothing(t *testing.T) {
	base, _, _ := pairServer(t)
	ctx := context.Background()
	pm, err := pairplay.Join(ctx, base, pairplay.JoinRequest{Name: "Ada", Hat: "pm"}, pairplay.Options{})
	if err != nil {
		t.Fatal(err)
	}
	po, err := pairplay.Join(ctx, base, pairplay.JoinRequest{Name: "Ben", Code: pm.Code()}, pairplay.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := NewCtx(Options{}, widget.NewPainter(1))
	c.Seat = NewRemoteSeat(po)
	defer c.Seat.Close()
	c.tickSeat()
	if err := c.StartPair(c.seatGame, c.News); err != nil {
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
	if _, err := pm.Poll(ctx); err != nil { // the PM's client learns that the game has begun
		t.Fatal(err)
	}
	if err := pm.Send(ctx, sim.Action{Kind: sim.ActAdvance}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); m.Name() != "planning" && time.Now().Before(deadline); {
		m.Tick()
		m.Handle(input.Intent{})
		time.Sleep(time.Millisecond)
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
	base, _, _ := pairServer(t)
	pm, err := pairplay.Join(context.Background(), base, pairplay.JoinRequest{Name: "Ada", Hat: "pm"}, pairplay.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var dials []string // the token each dial came with
	dialled := func() []string { mu.Lock(); defer mu.Unlock(); return slices.Clone(dials) }
	store := &save.MemStore{}
	newCtx := func() *Ctx {
		c := NewCtx(Options{Join: base + "/"}, widget.NewPainter(1))
		c.SeatStore = store
		c.Dial = func(ctx context.Context, server string, req pairplay.JoinRequest, token string) (Link, error) {
			if server != base {
				t.Errorf("dialled %q", server)
			}
			mu.Lock()
			dials = append(dials, token)
			mu.Unlock()
			if token == "" && (req.Name != "Bé Ada" || req.Code != pm.Code() || req.Hat != "po") {
				t.Errorf("join request %+v", req)
			}
			return DialRoom(ctx, server, req, token)
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
	j.Code = pm.Code() // the partner's, from their screen
	m.Handle(input.Of(input.Confirm))
	for deadline := time.Now().Add(5 * time.Second); j.State != JoinWaiting && time.Now().Before(deadline); {
		m.Tick()
	}
	if d := dialled(); j.State != JoinWaiting || len(d) != 1 || d[0] != "" {
		t.Fatalf("state %d after the join, dials %q", j.State, d)
	}
	rec, ok := loadRecord(store)
	if !ok || rec.Token == "" || rec.Code != pm.Code() || rec.Server != base || rec.Hat != "po" {
		t.Fatalf("kept %+v", rec)
	}
	// The partner is there: the game starts.
	for deadline := time.Now().Add(5 * time.Second); m.Name() == "join" && time.Now().Before(deadline); {
		m.Tick()
		m.Handle(input.Intent{})
	}
	if m.Name() != "strategy" || c.News.Token != rec.Token {
		t.Fatalf("on %s once the partner came (token %q, kept %q)", m.Name(), c.News.Token, rec.Token)
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
	if d := dialled(); j2.State != JoinWaiting || len(d) != 2 || d[1] != rec.Token {
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

// TestPairSeatResendsALostMove: the seat plays a whole game against the colleague bot through a
// network that loses the answers of some of its applied moves, the game's last among them. The
// seat sends each again, the room answers the resend as applied, and the seat shows its own
// move: it never says the partner moved first, nothing is refused, and its game is the room's,
// whose stored file it keeps.
func TestPairSeatResendsALostMove(t *testing.T) {
	base, key, dir := pairServer(t)
	l := &pairplaytest.Lossy{Next: http.DefaultTransport}
	cl, err := pairplay.Join(context.Background(), base, pairplay.JoinRequest{Name: "Ada", Hat: "pm"},
		pairplay.Options{HTTP: &http.Client{Transport: l, Timeout: time.Minute}})
	if err != nil {
		t.Fatal(err)
	}
	giveBot(t, base, key, cl.Code(), sim.HatPO)
	seat := NewRemoteSeat(cl)
	defer seat.Close()
	pol, _ := bot.New("roadmap", 7)
	var news SeatNews
	var g *sim.Game
	var problems []string
	problemN := 0
	for deadline := time.Now().Add(time.Minute); news.File == nil && time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		g, news = seat.Catch()
		if news.ProblemN != problemN {
			problemN = news.ProblemN
			problems = append(problems, news.Problem)
		}
		// The seat moves on the room's game as it is (the bot moves while the room applies the
		// seat's move, before it answers): a race with the partner is not what this test is about.
		if g != nil && news.Pair.State == pairplay.StatePlaying && !g.Over() && !seat.Pending() && g.Turn(sim.HatPM) &&
			(len(g.Actions()) == 0 || len(roomActions(t, base, cl.Token())) == len(g.Actions())) {
			a := bot.Seat(g, sim.HatPM, pol)
			a.Stories, a.Weights = slices.Clone(a.Stories), slices.Clone(a.Weights) // the bot reuses its buffers
			seat.Send(a, len(g.Actions()))
		}
	}
	if news.File == nil {
		t.Fatalf("the seat did not keep the stored file (state %s, problems %q)", news.Pair.State, problems)
	}
	for _, p := range problems {
		if !strings.HasPrefix(p, "Connection to the room lost") {
			t.Errorf("the seat said: %s", p)
		}
	}
	posts, lost, lostTheEnd, again := l.Counts()
	if lost < 3 || !lostTheEnd || again != lost {
		t.Fatalf("%d answers lost (the end's: %v), %d resends answered as applied", lost, lostTheEnd, again)
	}
	if room := roomActions(t, base, cl.Token()); !g.Over() || !sameActions(g.Actions(), room) {
		t.Fatalf("the seat's game (over %v, %d actions) is not the room's (%d)", g.Over(), len(g.Actions()), len(room))
	}
	if stored, err := os.ReadFile(filepath.Join(dir, news.FileName)); err != nil || !bytes.Equal(stored, news.File) {
		t.Fatalf("the seat's copy is not the stored file: %v", err)
	}
	t.Logf("%d of the PM's %d moves lost their answer and were sent again", lost, posts)
}

// TestPairSeatComesBackToTheDebrief: a seat that comes back with its kept token (a reload, the
// desktop game started again) to a pair whose game the room has stored lands on the debrief of
// that game, without a sprint board on the way, and keeps its copy of the stored file as a live
// finish does.
func TestPairSeatComesBackToTheDebrief(t *testing.T) {
	_, c, _, _, room, _, dir := playPair(t, sim.HatPM)
	c.Seat.Close()
	if !c.pairKept || c.News.Pair.State != pairplay.StateStored {
		t.Fatalf("the first seat's game: kept %v, state %s", c.pairKept, c.News.Pair.State)
	}
	c2 := NewCtx(Options{Join: c.Opts.Join}, widget.NewPainter(1))
	c2.SeatStore = c.SeatStore // the seat kept on this machine
	c2.Sink = &memSink{}
	m := NewManager(c2, NewJoin(c2, true))
	for deadline := time.Now().Add(10 * time.Second); (m.Name() != "end" || !c2.pairKept) && time.Now().Before(deadline); {
		m.Tick()
		m.Handle(input.Intent{})
		time.Sleep(time.Millisecond)
	}
	defer c2.Seat.Close()
	if m.Name() != "end" || c2.Game == nil || !c2.Game.Over() || !sameActions(c2.Game.Actions(), room) {
		n := 0
		if c2.Game != nil {
			n = len(c2.Game.Actions())
		}
		t.Fatalf("came back to %s with %d of the stored game's %d actions", m.Name(), n, len(room))
	}
	for name := range m.Visited() {
		if name != "join" && name != "end" {
			t.Errorf("on the way to the debrief the seat showed %s", name)
		}
	}
	sink := c2.Sink.(*memSink)
	res := c2.News.Pair.Result
	if res == nil || sink.name != res.File || !strings.HasSuffix(c2.Results, copySep+"memory:"+res.File) {
		t.Fatalf("the seat kept %q (the room stored %+v); results line %q", sink.name, res, c2.Results)
	}
	if stored, err := os.ReadFile(filepath.Join(dir, res.File)); err != nil || !bytes.Equal(sink.b, stored) {
		t.Fatalf("the seat's copy is not the stored file (%v)", err)
	}
}

// settledLink is a seat's link to a pair the room has settled: the pair as given, the game the
// room sent (g, every action of it already applied), no news to come, and no results file.
type settledLink struct {
	pair  pairplay.Pair
	g     *sim.Game
	mu    sync.Mutex
	files int // ResultsFile calls
}

func (l *settledLink) Fetch(ctx context.Context, _, _ int) (pairplay.Update, error) {
	<-ctx.Done() // nothing more comes of a settled pair
	return pairplay.Update{}, ctx.Err()
}
func (l *settledLink) Post(context.Context, pairplay.ActionRequest) (pairplay.ActionReply, error) {
	return pairplay.ActionReply{}, &pairplay.RefusedError{Status: http.StatusConflict, Msg: "the game is over", Seq: -1}
}
func (l *settledLink) ResultsFile(context.Context) ([]byte, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.files++
	return nil, &pairplay.RefusedError{Status: http.StatusConflict, Msg: "no file", Seq: -1}
}
func (l *settledLink) Apply(pairplay.Update) (bool, error)         { return false, nil }
func (l *settledLink) Sent(sim.Action, pairplay.ActionReply) error { return nil }
func (l *settledLink) Game() *sim.Game                             { return l.g }
func (l *settledLink) Seq() int                                    { return len(l.g.Actions()) }
func (l *settledLink) Version() int                                { return l.pair.Version }
func (l *settledLink) Pair() pairplay.Pair                         { return l.pair }
func (l *settledLink) Hat() sim.Hat                                { return sim.HatPM }
func (l *settledLink) Code() string                                { return l.pair.Code }
func (l *settledLink) Name() string                                { return "Ada" }
func (l *settledLink) Token() string                               { return "0123456789abcdef" }

// TestJoinComesBackToASettledPair: a seat that comes back to a pair whose game is over lands on
// the debrief when it has the game, with the room's line on where the results went; when the room
// kept the pair's end but not its game (a stored file taken out of the folder), the join screen
// says so instead of opening an empty first sprint. A failed pair's seat never asks for a file
// the room does not have.
func TestJoinComesBackToASettledPair(t *testing.T) {
	sc, err := results.Resolve("startup", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	played, _ := sim.New(sc.Sc, sim.RolePair, 7)
	pm, _ := bot.New("roadmap", 1)
	po, _ := bot.New("roadmap", 2)
	if err := bot.PlayPair(played, pm, po); err != nil {
		t.Fatal(err)
	}
	const note = "the results could not be stored: this very game is already stored"
	for _, tc := range []struct {
		name    string
		state   string
		game    bool   // the room sent the game
		scene   string // where the seat lands
		results string // the debrief's line, or the join screen's
	}{
		{"failed with its game", pairplay.StateFailed, true, "end", "the room could not store it: this very game is already stored"},
		{"failed without a game", pairplay.StateFailed, false, "join", "Pair KEPRR is over: " + note},
		{"stored without a game", pairplay.StateStored, false, "join", "is over: the room stored it, but has no game of it to show"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, _ := sim.New(sc.Sc, sim.RolePair, 7)
			p := pairplay.Pair{Code: "KEPRR", State: tc.state, Version: 3, PM: pairplay.Player{Name: "Ada", Taken: true},
				PO: pairplay.Player{Name: "Ben", Taken: true}}
			if tc.state == pairplay.StateFailed {
				p.Note = note
			} else {
				p.Result = &pairplay.Result{ID: "abc", File: "0001-startup-pair-ada_ben-abc.json", Score: 70, Grade: "B"}
			}
			if tc.game {
				for _, a := range played.Actions() {
					if err := g.Apply(a); err != nil {
						t.Fatal(err)
					}
				}
				p.Seq = len(g.Actions())
			}
			l := &settledLink{pair: p, g: g}
			store := &save.MemStore{}
			if err := store.Save([]byte(`{"server":"http://room.test","token":"0123456789abcdef","code":"KEPRR","name":"Ada","hat":"pm"}`)); err != nil {
				t.Fatal(err)
			}
			c := NewCtx(Options{Join: "http://room.test"}, widget.NewPainter(1))
			c.SeatStore, c.Sink = store, &memSink{}
			c.Dial = func(context.Context, string, pairplay.JoinRequest, string) (Link, error) { return l, nil }
			j := NewJoin(c, true)
			m := NewManager(c, j)
			for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline) && m.Name() == "join" && (j.State != JoinForm || j.Err == ""); {
				m.Tick()
				time.Sleep(time.Millisecond)
			}
			for range 50 { // a seat that would fetch a file has time to try
				m.Tick()
				time.Sleep(time.Millisecond)
			}
			line := j.Err
			if m.Name() == "end" {
				line = c.Results
			}
			if m.Name() != tc.scene || !strings.Contains(line, tc.results) {
				t.Fatalf("on %s saying %q; want %s saying %q", m.Name(), line, tc.scene, tc.results)
			}
			for name := range m.Visited() {
				if name != "join" && name != "end" {
					t.Errorf("on the way the seat showed %s", name)
				}
			}
			if c.Seat != nil {
				c.Seat.Close()
			}
			l.mu.Lock()
			defer l.mu.Unlock()
			if tc.state == pairplay.StateFailed && l.files > 0 {
				t.Errorf("the seat of a failed pair asked %d times for a results file", l.files)
			}
		})
	}
}
