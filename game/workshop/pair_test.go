//go:build unix

package workshop

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"twohats/game/bot"
	"twohats/game/pairplay"
	"twohats/game/pairplay/pairplaytest"
	"twohats/game/results"
	"twohats/game/sim"
)

// pairRoom is the startup scenario, seed 5, with pair rooms on.
func pairRoom(t testing.TB) Room {
	t.Helper()
	sc, err := results.Resolve("startup", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	return Room{Scenario: sc, Seed: 5, Roles: []sim.Role{sim.RolePM, sim.RolePO}}
}

// pairOptions are the room's pair options for the tests: no pacing in the way of bots that act
// as fast as the loopback lets them.
func pairOptions() Options {
	return Options{Pairs: true, ActBurst: 100000, ActEvery: time.Microsecond, PostBurst: 1000, PostEvery: time.Millisecond}
}

// chooser plays a seat with the seat's legal moves: it answers events and accepts syncs, and
// otherwise does some work (seeded) before saying it is done.
func chooser(seed uint64) pairplay.Chooser {
	rng := rand.New(rand.NewPCG(seed, 7))
	var buf []sim.Action
	return func(g *sim.Game, hat sim.Hat) sim.Action {
		buf = g.LegalAs(hat, buf[:0])
		var work []sim.Action
		for _, a := range buf {
			switch {
			case a.Kind == sim.ActChoose:
				return a
			case a.Kind == sim.ActSync && g.State().SyncProposal == hat.Other():
				a.Accept = true
				return a
			case a.Kind != sim.ActAdvance && a.Kind != sim.ActRest && a.Kind != sim.ActSync:
				work = append(work, a)
			}
		}
		if len(work) > 0 && rng.IntN(3) > 0 {
			return work[rng.IntN(len(work))]
		}
		return sim.Action{Kind: sim.ActAdvance, Hat: hat}
	}
}

// refused says whether err is the room's refusal with status code and a line containing want.
func refused(err error, code int, want string) bool {
	var rf *pairplay.RefusedError
	return errors.As(err, &rf) && rf.Status == code && strings.Contains(rf.Msg, want)
}

func join(t testing.TB, base string, req pairplay.JoinRequest, hc *http.Client) *pairplay.Client {
	t.Helper()
	c, err := pairplay.Join(context.Background(), base, req, pairplay.Options{HTTP: hc})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// joinWithBotPO joins a pair as its PM and gives the PO seat to the room's colleague bot, so the
// game starts at once.
func joinWithBotPO(t testing.TB, s *Server, base string, req pairplay.JoinRequest, hc *http.Client) *pairplay.Client {
	t.Helper()
	c := join(t, base, req, hc)
	if _, rf := s.ref.giveBot(pairplay.BotRequest{Code: c.Code(), Hat: "po"}); rf != nil {
		t.Fatal(rf)
	}
	return c
}

// roadmapSeat plays a seat as the roadmap bot does (bot.Seat), as `twohats join --autoplay
// roadmap` does.
func roadmapSeat(t testing.TB) pairplay.Chooser {
	p, err := bot.New("roadmap", 1)
	if err != nil {
		t.Fatal(err)
	}
	return func(g *sim.Game, h sim.Hat) sim.Action { return bot.Seat(g, h, p) }
}

// playBoth plays both clients to the end of their game, at once, each seat as the roadmap bot.
func playBoth(t testing.TB, a, b *pairplay.Client) {
	t.Helper()
	playWith(t, a, b, roadmapSeat(t), roadmapSeat(t))
}

// playWith plays both clients to the end of their game, at once, with their choosers.
func playWith(t testing.TB, a, b *pairplay.Client, ca, cb pairplay.Chooser) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	errs := make(chan error, 2)
	for i, c := range []*pairplay.Client{a, b} {
		choose := []pairplay.Chooser{ca, cb}[i]
		go func() { errs <- c.Play(ctx, choose) }()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

// storedFile reads and replays the one stored pair file.
func storedFile(t testing.TB, dir string, res *pairplay.Result) results.File {
	t.Helper()
	if res == nil {
		t.Fatal("the pair has no stored result")
	}
	f, err := results.Parse(mustRead(t.(*testing.T), filepath.Join(dir, res.File)))
	if err != nil {
		t.Fatal(err)
	}
	g, diff, err := results.ReplayFile(context.Background(), f)
	if err != nil || len(diff) > 0 {
		t.Fatalf("the stored file does not replay: %v %v", err, diff)
	}
	if !g.Over() || f.Role != sim.RolePair {
		t.Fatalf("stored a %s game that is over=%v", f.Role, g.Over())
	}
	return f
}

// TestPairGameThroughTheServer: two headless clients play a whole pair game of startup through
// a real server on 127.0.0.1; one results file is stored, its replay reproduces it, and its
// decisions are the server's order, which both clients applied.
func TestPairGameThroughTheServer(t *testing.T) {
	room := pairRoom(t)
	o := pairOptions()
	o.Results = t.TempDir()
	s, base := serve(t, room, o)
	pm := join(t, base, pairplay.JoinRequest{Name: "Ada"}, from(1))
	if pm.Hat() != sim.HatPM || len(pm.Code()) != pairplay.CodeLen || pm.Pair().State != pairplay.StateWaiting {
		t.Fatalf("first seat: hat %s, code %q, state %s", pm.Hat(), pm.Code(), pm.Pair().State)
	}
	po := join(t, base, pairplay.JoinRequest{Name: "Ben", Code: strings.ToLower(pm.Code()[:2]) + "-" + pm.Code()[2:]}, from(2))
	if po.Hat() != sim.HatPO || po.Code() != pm.Code() || po.Pair().State != pairplay.StatePlaying {
		t.Fatalf("second seat: hat %s, code %q, state %s", po.Hat(), po.Code(), po.Pair().State)
	}
	playBoth(t, pm, po)

	if s.Len() != 1 {
		t.Fatalf("%d games stored, want 1", s.Len())
	}
	f := storedFile(t, o.Results, pm.Pair().Result)
	// Each seat may keep a copy: the very bytes the room stored.
	disk := mustRead(t, filepath.Join(o.Results, pm.Pair().Result.File))
	for _, c := range []*pairplay.Client{pm, po} {
		if b, err := c.ResultsFile(context.Background()); err != nil || !bytes.Equal(b, disk) {
			t.Fatalf("the %s seat's copy of the results file: %v (%d bytes, the room's %d)", c.Hat(), err, len(b), len(disk))
		}
	}
	if !reflect.DeepEqual(f.Actions, pm.Game().Actions()) || !reflect.DeepEqual(f.Actions, po.Game().Actions()) {
		t.Fatal("the stored decisions are not the order both clients applied")
	}
	hats := map[sim.Hat]int{}
	for _, a := range f.Actions {
		hats[a.Hat]++
	}
	if hats[sim.HatPM] == 0 || hats[sim.HatPO] == 0 || hats[sim.HatNone] != 0 {
		t.Fatalf("decisions by hat: %v", hats)
	}
	e := list(t, base).Games[0]
	if e.Role != sim.RolePair || e.PM != "Ada" || e.PO != "Ben" || e.Player != "Ada & Ben" || e.Syncs != pm.Game().State().Syncs || e.Syncs == 0 || e.Bot {
		t.Fatalf("listed as %s %q (%q, %q), %d syncs", e.Role, e.Player, e.PM, e.PO, e.Syncs)
	}
	t.Logf("pair game: %d decisions (%d PM, %d PO), %d syncs, score %.1f", len(f.Actions), hats[sim.HatPM], hats[sim.HatPO], e.Syncs, e.Score)

	// A restarted server counts the stored pair game again, by the same rules.
	fo, err := ReadFolder(context.Background(), o.Results, s.room)
	if err != nil || len(fo.Entries) != 1 || len(fo.NotCounted) != 0 || fo.Entries[0].PM != "Ada" {
		t.Fatalf("reading the folder again: %v, %d entries, not counted %v", err, len(fo.Entries), fo.NotCounted)
	}
	// A server started on the folder without pairs still counts the pair's game.
	o2 := o
	o2.Pairs = false
	solo, err := New(room, o2)
	if err != nil || solo.Len() != 1 || len(solo.NotCountedFiles()) != 0 || solo.PairsOn() {
		t.Fatalf("without --pairs on the folder: %v, %d stored, not counted %v", err, solo.Len(), solo.NotCountedFiles())
	}
	// The solo results endpoint does not take a pair file: only the referee stores one.
	code, out := post(t, base, mustRead(t, filepath.Join(o.Results, e.File)))
	if code != http.StatusUnprocessableEntity || !strings.Contains(fmt.Sprint(out["error"]), "referee") {
		t.Fatalf("posting a pair file: %d %v", code, out)
	}
}

// TestPairSeatRejoins: the PM's client stops mid-sprint; a new client comes back with its token,
// gets every action since the first, and the game finishes with nothing lost.
func TestPairSeatRejoins(t *testing.T) {
	room := pairRoom(t)
	o := pairOptions()
	o.Results = t.TempDir()
	s, base := serve(t, room, o)
	pm := join(t, base, pairplay.JoinRequest{Name: "Ada", Hat: "po"}, nil)
	po := join(t, base, pairplay.JoinRequest{Name: "Ben", Code: pm.Code()}, nil)
	if pm.Hat() != sim.HatPO || po.Hat() != sim.HatPM {
		t.Fatalf("hats %s and %s: the first asked for the PO's", pm.Hat(), po.Hat())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- po.Play(ctx, chooser(3)) }()

	// The first client plays until sprint 2 has started and stops between two actions.
	stopCtx, stop := context.WithCancel(ctx)
	next := chooser(4)
	var sprint, at int
	err := pm.Play(stopCtx, func(g *sim.Game, h sim.Hat) sim.Action {
		if g.State().Sprint >= 2 && g.State().Phase == sim.PhaseExecution && at == 0 {
			sprint, at = g.State().Sprint, len(g.Actions())
			stop()
		}
		return next(g, h)
	})
	if !errors.Is(err, context.Canceled) || at == 0 {
		t.Fatalf("the first client did not stop mid-sprint: %v", err)
	}
	back, err := pairplay.Rejoin(ctx, base, pm.Token(), pairplay.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if back.Hat() != sim.HatPO || back.Code() != pm.Code() || back.Name() != "Ada" {
		t.Fatalf("came back as %s of %s named %q", back.Hat(), back.Code(), back.Name())
	}
	if err := back.Play(ctx, next); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	f := storedFile(t, o.Results, back.Pair().Result)
	if !reflect.DeepEqual(f.Actions, back.Game().Actions()) || !reflect.DeepEqual(f.Actions, po.Game().Actions()) {
		t.Fatal("the rejoined client's game is not the server's")
	}
	if !reflect.DeepEqual(f.Actions[:len(pm.Game().Actions())], pm.Game().Actions()) {
		t.Fatal("the actions before the drop changed")
	}
	if s.Len() != 1 {
		t.Fatalf("%d games stored", s.Len())
	}
	t.Logf("stopped in sprint %d at action %d of %d; the new client replayed them and finished", sprint, at, len(f.Actions))
}

// rawAct posts an action with a token and returns the status and the one-line error.
func rawAct(t *testing.T, base, token string, body any) (int, pairplay.Error) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, base+pairplay.ActionPath, bytes.NewReader(b))
	req.Header.Set(pairplay.TokenHeader, token)
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = res.Body.Close() }() // read below
	raw, _ := io.ReadAll(res.Body)
	var e pairplay.Error
	if err := json.Unmarshal(raw, &e); err != nil {
		t.Fatalf("answer is not JSON: %q", raw)
	}
	if strings.Count(string(raw), "\n") != 1 {
		t.Fatalf("answer is not one line: %q", raw)
	}
	return res.StatusCode, e
}

// TestPairRefusals: the other hat's action, an action out of turn, a forged sync acceptance, a
// forged token and a stale sequence are each refused with one line, and the game is unchanged.
func TestPairRefusals(t *testing.T) {
	room := pairRoom(t)
	s, base := serve(t, room, pairOptions())
	pm := join(t, base, pairplay.JoinRequest{Name: "Ada"}, nil)
	po := join(t, base, pairplay.JoinRequest{Name: "Ben", Code: pm.Code()}, nil)
	if _, err := pm.Poll(context.Background()); err != nil {
		t.Fatal(err)
	}
	// One honest action first, so the stale case has a past to be stale against.
	if err := pm.Send(context.Background(), sim.Action{Kind: sim.ActResearch}); err != nil {
		t.Fatal(err)
	}
	before := s.Pairs()[0]
	// No results file before the game is over and stored, and none for a forged token.
	if _, err := pm.ResultsFile(context.Background()); !refused(err, 409, "not stored yet") {
		t.Errorf("the results file of a game in play: %v", err)
	}
	req, _ := http.NewRequest(http.MethodGet, base+pairplay.ResultPath, nil)
	req.Header.Set(pairplay.TokenHeader, strings.Repeat("ab", 16))
	if res, err := http.DefaultClient.Do(req); err != nil {
		t.Error(err)
	} else {
		_ = res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("the results file for a forged token: %s", res.Status)
		}
	}
	act := func(seq int, a sim.Action) pairplay.ActionRequest { return pairplay.ActionRequest{Seq: seq, Action: a} }
	cases := []struct {
		name  string
		token string
		body  any
		code  int
		want  string
	}{
		{"a forged token", strings.Repeat("ab", 16), act(1, sim.Action{Kind: sim.ActResearch}), 403, "not one of this room's seats"},
		{"no token", "", act(1, sim.Action{Kind: sim.ActResearch}), 403, "not one of this room's seats"},
		{"the PM's token acting for the PO", pm.Token(), act(1, sim.Action{Kind: sim.ActRefine, Hat: sim.HatPO}), 403, "wears the PM hat; it cannot act for the PO"},
		{"the other hat's work", pm.Token(), act(1, sim.Action{Kind: sim.ActRefine, Story: 0}), 422, "PO work; you wear the PM hat"},
		{"out of turn", po.Token(), act(1, sim.Action{Kind: sim.ActRest}), 422, "strategy phase is the PM's"},
		{"a forged sync acceptance", pm.Token(), act(1, sim.Action{Kind: sim.ActSync, Accept: true}), 422, "no sync proposal to accept"},
		{"an acceptance out of turn", po.Token(), act(1, sim.Action{Kind: sim.ActSync, Accept: true}), 422, "strategy phase is the PM's"},
		{"a stale sequence", pm.Token(), act(0, sim.Action{Kind: sim.ActKPI}), 409, "has moved on"},
		{"the partner resending the PM's move", po.Token(), act(0, sim.Action{Kind: sim.ActResearch}), 409, "has moved on"},
		{"a sequence from the future", pm.Token(), act(7, sim.Action{Kind: sim.ActResearch}), 409, "has moved on"},
		{"not an action", pm.Token(), map[string]any{"seq": 1, "action": map[string]any{"kind": "fly"}}, 400, "unknown action"},
		{"an unknown field", pm.Token(), map[string]any{"seq": 1, "move": 1}, 400, "unknown field"},
		{"a flood of stories", pm.Token(), act(1, sim.Action{Kind: sim.ActOrder, Stories: make([]int, maxActionStories+1)}), 400, "stories"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, e := rawAct(t, base, c.token, c.body)
			if code != c.code || !strings.Contains(e.Error, c.want) {
				t.Fatalf("got %d %q, want %d with %q", code, e.Error, c.code, c.want)
			}
			if c.code == 409 && (e.Seq == nil || *e.Seq != 1) {
				t.Fatalf("a stale action's refusal carries the game's seq 1, got %v", e.Seq)
			}
			if after := s.Pairs()[0]; !reflect.DeepEqual(after, before) {
				t.Fatalf("the refusal changed the pair: %+v then %+v", before, after)
			}
		})
	}
	// The PM proposes a sync; the PM's own acceptance of it is refused, the PO's (in a phase
	// that is not the PO's) is taken, and both pay.
	if err := pm.Send(context.Background(), sim.Action{Kind: sim.ActSync}); err != nil {
		t.Fatal(err)
	}
	if code, e := rawAct(t, base, pm.Token(), act(2, sim.Action{Kind: sim.ActSync, Accept: true})); code != 422 || !strings.Contains(e.Error, "you proposed this sync") {
		t.Fatalf("the proposer's own acceptance: %d %q", code, e.Error)
	}
	if _, err := po.Poll(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := po.Send(context.Background(), sim.Action{Kind: sim.ActSync, Accept: true}); err != nil {
		t.Fatalf("the PO's acceptance: %v", err)
	}
	if n := s.Pairs()[0].Syncs; n != 1 {
		t.Fatalf("%d syncs after an accepted proposal", n)
	}
}

// TestPairResendIsAnsweredAsApplied: a seat's resend of a move the room has applied (its answer
// was lost) is answered as applied, at the move's place, however far the game has gone since
// and after its end; the same move at that place from the other seat, another move, or the move
// at another place is stale. None of them changes the game.
func TestPairResendIsAnsweredAsApplied(t *testing.T) {
	room := pairRoom(t)
	s, base := serve(t, room, pairOptions())
	pm := join(t, base, pairplay.JoinRequest{Name: "Ada"}, nil)
	po := join(t, base, pairplay.JoinRequest{Name: "Ben", Code: pm.Code()}, nil)
	ctx := context.Background()
	if _, err := pm.Poll(ctx); err != nil {
		t.Fatal(err)
	}
	research := sim.Action{Kind: sim.ActResearch}
	interview := sim.Action{Kind: sim.ActInterview, Theme: 1}
	for _, a := range []sim.Action{research, interview} {
		if err := pm.Send(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	before := s.Pairs()[0]
	for _, c := range []struct {
		name  string
		seat  *pairplay.Client
		req   pairplay.ActionRequest
		again int // the reply's seq, 0 for a stale refusal
	}{
		{"the first move again", pm, pairplay.ActionRequest{Seq: 0, Action: research}, 1},
		{"the first move again, its hat named", pm, pairplay.ActionRequest{Seq: 0, Action: sim.Action{Kind: sim.ActResearch, Hat: sim.HatPM}}, 1},
		{"the second move again", pm, pairplay.ActionRequest{Seq: 1, Action: interview}, 2},
		{"another move at the first's place", pm, pairplay.ActionRequest{Seq: 0, Action: sim.Action{Kind: sim.ActKPI}}, 0},
		{"the second move with another theme", pm, pairplay.ActionRequest{Seq: 1, Action: sim.Action{Kind: sim.ActInterview, Theme: 2}}, 0},
		{"the first move at the second's place", pm, pairplay.ActionRequest{Seq: 1, Action: research}, 0},
		{"the PM's move from the PO's seat", po, pairplay.ActionRequest{Seq: 0, Action: research}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			reply, err := c.seat.Post(ctx, c.req)
			switch {
			case c.again == 0 && !errors.Is(err, pairplay.ErrStale):
				t.Fatalf("want stale, got %+v, %v", reply, err)
			case c.again > 0 && (err != nil || reply != pairplay.ActionReply{Seq: c.again, Again: true}):
				t.Fatalf("want answered as applied at %d, got %+v, %v", c.again, reply, err)
			}
			if after := s.Pairs()[0]; !reflect.DeepEqual(after, before) {
				t.Fatalf("the resend changed the pair: %+v then %+v", before, after)
			}
		})
	}
	// After the game's end (the move that ended it had its answer lost), its resend is answered
	// as applied too, not refused as over.
	solo := joinWithBotPO(t, s, base, pairplay.JoinRequest{Name: "Cy"}, nil)
	choose := roadmapSeat(t)
	var last pairplay.ActionRequest
	for !solo.Finished() {
		if !solo.MyTurn() {
			if _, err := solo.Poll(ctx); err != nil {
				t.Fatal(err)
			}
			continue
		}
		a := choose(solo.Game(), sim.HatPM)
		a.Stories, a.Weights = slices.Clone(a.Stories), slices.Clone(a.Weights)
		last = pairplay.ActionRequest{Seq: solo.Seq(), Action: a}
		if err := solo.Send(ctx, a); errors.Is(err, pairplay.ErrStale) {
			if _, err := solo.Poll(ctx); err != nil { // the bot moved first
				t.Fatal(err)
			}
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if reply, err := solo.Post(ctx, last); err != nil || reply.Seq != last.Seq+1 || !reply.Again {
		t.Fatalf("the last move again, after the end: %+v, %v", reply, err)
	}
}

// TestPairPlayResendsALostMove: the headless client plays a whole game against the colleague
// bot through a network that loses the answers of some of its applied moves, the game's last
// among them. It sends each such move again instead of choosing afresh, the room answers the
// resend as applied, and the game ends and is stored as the client played it.
func TestPairPlayResendsALostMove(t *testing.T) {
	room := pairRoom(t)
	o := pairOptions()
	o.Results = t.TempDir()
	s, base := serve(t, room, o)
	l := &pairplaytest.Lossy{Next: http.DefaultTransport}
	c := joinWithBotPO(t, s, base, pairplay.JoinRequest{Name: "Cleo", Hat: "pm"}, &http.Client{Transport: l, Timeout: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	choose, chosen := roadmapSeat(t), map[int]int{}
	err := c.Play(ctx, func(g *sim.Game, h sim.Hat) sim.Action {
		chosen[len(g.Actions())]++
		return choose(g, h)
	})
	if err != nil {
		t.Fatal(err)
	}
	for seq, n := range chosen {
		if n > 1 {
			t.Errorf("the move at %d was chosen %d times: a lost answer made the client decide again", seq, n)
		}
	}
	posts, lost, lostTheEnd, again := l.Counts()
	if lost < 3 || !lostTheEnd || again != lost {
		t.Fatalf("%d answers lost (the end's: %v), %d resends answered as applied", lost, lostTheEnd, again)
	}
	f := storedFile(t, o.Results, c.Pair().Result)
	if !reflect.DeepEqual(f.Actions, c.Game().Actions()) {
		t.Fatalf("the stored game is not the client's: %d actions, %d", len(f.Actions), len(c.Game().Actions()))
	}
	t.Logf("%d of the PM's %d moves lost their answer and were sent again", lost, posts)
}

// TestPairFacilitator: joins refused with one line; the facilitator matches two waiting players
// and gives an away seat to the colleague bot, which then plays it.
func TestPairFacilitator(t *testing.T) {
	room := pairRoom(t)
	o := pairOptions()
	o.AwayAfter = 200 * time.Millisecond
	o.Results = t.TempDir()
	s, base := serve(t, room, o)
	for _, c := range []struct {
		req  pairplay.JoinRequest
		code int
		want string
	}{
		{pairplay.JoinRequest{Name: "  "}, 400, "a name is needed"},
		{pairplay.JoinRequest{Name: "Ada", Code: "OOOOO"}, 400, "is not a pair code"},
		{pairplay.JoinRequest{Name: "Ada", Code: "AAAAA"}, 404, "no pair has the code AAAAA"},
		{pairplay.JoinRequest{Name: "Ada", Hat: "cto"}, 400, "unknown hat"},
	} {
		_, err := pairplay.Join(context.Background(), base, c.req, pairplay.Options{})
		var rf *pairplay.RefusedError
		if !errors.As(err, &rf) || rf.Status != c.code || !strings.Contains(rf.Msg, c.want) {
			t.Errorf("join %+v: %v, want %d with %q", c.req, err, c.code, c.want)
		}
	}
	a := join(t, base, pairplay.JoinRequest{Name: "Ada", Hat: "po"}, nil)
	b := join(t, base, pairplay.JoinRequest{Name: "Ben", Hat: "po"}, nil)
	if _, err := pairplay.Join(context.Background(), base, pairplay.JoinRequest{Name: "Cy", Code: a.Code(), Hat: "po"}, pairplay.Options{}); err == nil || !strings.Contains(err.Error(), "the PO hat of pair") {
		t.Errorf("a taken hat: %v", err)
	}
	facil := func(path string, body any, key string) (int, string) {
		bb, _ := json.Marshal(body)
		req, _ := http.NewRequest(http.MethodPost, base+path, bytes.NewReader(bb))
		req.Header.Set(pairplay.KeyHeader, key)
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = res.Body.Close() }() // read below
		raw, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(raw)
	}
	if code, out := facil(pairplay.MatchPath, pairplay.MatchRequest{Codes: []string{a.Code(), b.Code()}}, "guess"); code != 403 {
		t.Fatalf("a match without the key: %d %s", code, out)
	}
	if code, out := facil(pairplay.MatchPath, pairplay.MatchRequest{Codes: []string{a.Code(), b.Code()}}, s.RoomKey()); code != 200 {
		t.Fatalf("match: %d %s", code, out)
	}
	if _, err := b.Poll(context.Background()); err != nil {
		t.Fatal(err)
	}
	if b.Hat() != sim.HatPM || b.Code() != a.Code() || b.Pair().State != pairplay.StatePlaying || len(s.Pairs()) != 1 {
		t.Fatalf("after the match Ben is %s of %s (%s), %d pairs", b.Hat(), b.Code(), b.Pair().State, len(s.Pairs()))
	}
	// Ben plays on; Ada goes quiet, and her seat is handed to the bot once she shows as away.
	if code, out := facil(pairplay.BotPath, pairplay.BotRequest{Code: a.Code(), Hat: "po"}, s.RoomKey()); code != 409 || !strings.Contains(out, "still at the PO seat") {
		t.Fatalf("a present seat to the bot: %d %s", code, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	polled := make(chan error, 1)
	go func() { _, err := b.Poll(ctx); polled <- err }() // Ben's open poll keeps him present
	for deadline := time.Now().Add(10 * time.Second); !s.Pairs()[0].PO.Away && time.Now().Before(deadline); {
		time.Sleep(o.AwayAfter)
	}
	if p := s.Pairs()[0]; !p.PO.Away || p.PM.Away {
		t.Fatalf("away: PM %v, PO %v", p.PM.Away, p.PO.Away)
	}
	if code, out := facil(pairplay.BotPath, pairplay.BotRequest{Code: a.Code(), Hat: "po"}, s.RoomKey()); code != 200 {
		t.Fatalf("bot: %d %s", code, out)
	}
	if err := <-polled; err != nil {
		t.Fatal(err)
	}
	if err := b.Play(ctx, chooser(9)); err != nil {
		t.Fatal(err)
	}
	e := list(t, base).Games
	if len(e) != 1 || !e[0].Bot || e[0].PO != "Ada" || e[0].PM != "Ben" {
		t.Fatalf("stored %+v", e)
	}
	if _, err := os.Stat(filepath.Join(o.Results, e[0].File)); err != nil {
		t.Fatal(err)
	}
	if code, e := rawAct(t, base, a.Token(), pairplay.ActionRequest{Seq: 0}); code != 409 {
		t.Fatalf("Ada acts after the game: %d %q", code, e.Error)
	}
}

// TestThirtyPairsAtOnce: 30 pairs (60 clients from 60 loopback addresses) play startup at once;
// all are stored. The log reports the action round trip (send to the server's answer) and how
// long a partner waits to see an action, p50 and p99. The only bound asserted is a generous one
// against starvation.
func TestThirtyPairsAtOnce(t *testing.T) {
	room := pairRoom(t)
	o := pairOptions()
	o.Results = t.TempDir()
	s, base := serve(t, room, o)
	const pairs = 30
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var mu sync.Mutex
	var trips []time.Duration
	record := func(d time.Duration) {
		mu.Lock()
		trips = append(trips, d)
		mu.Unlock()
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2*pairs)
	start := time.Now()
	for i := range pairs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := pairplay.Join(ctx, base, pairplay.JoinRequest{Name: fmt.Sprintf("PM %02d", i)}, pairplay.Options{HTTP: timed(from(2*i), record)})
			if err != nil {
				errs <- err
				return
			}
			b, err := pairplay.Join(ctx, base, pairplay.JoinRequest{Name: fmt.Sprintf("PO %02d", i), Code: a.Code()}, pairplay.Options{HTTP: timed(from(2*i+1), record)})
			if err != nil {
				errs <- err
				return
			}
			var inner sync.WaitGroup
			for k, c := range []*pairplay.Client{a, b} {
				inner.Add(1)
				go func() {
					defer inner.Done()
					errs <- c.Play(ctx, chooser(uint64(100+2*i+k)))
				}()
			}
			inner.Wait()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	took := time.Since(start)
	if s.Len() != pairs {
		t.Fatalf("%d pair games stored, want %d", s.Len(), pairs)
	}
	mu.Lock()
	defer mu.Unlock()
	p50, p99, worst := quantiles(trips)
	t.Logf("%d pair games in %v: %d actions sent; action round trip p50 %v, p99 %v, worst %v",
		pairs, took.Round(time.Millisecond), len(trips), p50.Round(time.Microsecond), p99.Round(time.Microsecond), worst.Round(time.Microsecond))
	if worst > 10*time.Second {
		t.Errorf("an action waited %v for its answer: starved", worst)
	}
}

// timed records how long each action post takes, from the request to the answer's end.
func timed(c *http.Client, record func(time.Duration)) *http.Client {
	out := *c
	out.Transport = timing{next: c.Transport, record: record}
	return &out
}

type timing struct {
	next   http.RoundTripper
	record func(time.Duration)
}

func (t timing) RoundTrip(r *http.Request) (*http.Response, error) {
	start := time.Now()
	res, err := t.next.RoundTrip(r)
	if err == nil && r.Method == http.MethodPost && r.URL.Path == pairplay.ActionPath {
		t.record(time.Since(start))
	}
	return res, err
}

// TestPairBounds: the room takes so many pairs, a game so many actions, a join so many bytes,
// an address so many requests; each refusal is one line.
func TestPairBounds(t *testing.T) {
	room := pairRoom(t)
	o := pairOptions()
	o.MaxPairs, o.MaxPairActions = 2, 3
	s, base := serve(t, room, o)
	a := join(t, base, pairplay.JoinRequest{Name: "Ada"}, nil)
	join(t, base, pairplay.JoinRequest{Name: "Ben", Code: a.Code()}, nil)
	join(t, base, pairplay.JoinRequest{Name: "Cy"}, nil)
	_, err := pairplay.Join(context.Background(), base, pairplay.JoinRequest{Name: "Dee"}, pairplay.Options{})
	var rf *pairplay.RefusedError
	if !errors.As(err, &rf) || rf.Status != http.StatusServiceUnavailable || !strings.Contains(rf.Msg, "the room is full (2 pairs") {
		t.Fatalf("a third pair: %v", err)
	}
	if _, err := a.Poll(context.Background()); err != nil {
		t.Fatal(err)
	}
	for i, k := range []sim.ActionKind{sim.ActResearch, sim.ActResearch, sim.ActResearch} {
		if err := a.Send(context.Background(), sim.Action{Kind: k}); err != nil {
			t.Fatalf("action %d: %v", i+1, err)
		}
	}
	if code, e := rawAct(t, base, a.Token(), pairplay.ActionRequest{Seq: 3, Action: sim.Action{Kind: sim.ActRest}}); code != 422 || !strings.Contains(e.Error, "reached 3 actions") {
		t.Fatalf("the fourth action: %d %q", code, e.Error)
	}
	res, err := client.Post(base+pairplay.JoinPath, "application/json", strings.NewReader(`{"name":"`+strings.Repeat("x", pairplay.MaxJoinBytes)+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close() // only the status is checked
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("a huge join: %s", res.Status)
	}
	if s.Pairs()[0].Seq != 0 || s.Pairs()[1].Seq != 3 {
		t.Fatalf("the refusals changed a game: %+v", s.Pairs())
	}
	// A player who waited alone and went away makes way for a new pair; a live game does not.
	s.ref.mu.Lock()
	for _, p := range s.ref.pairs {
		for i := range p.seats {
			p.seats[i].seen = time.Now().Add(-2 * s.o.AwayAfter)
		}
	}
	s.ref.mu.Unlock()
	d := join(t, base, pairplay.JoinRequest{Name: "Dee"}, nil)
	if ps := s.Pairs(); len(ps) != 2 || ps[0].Code != d.Code() || ps[1].Code != a.Code() {
		t.Fatalf("after the lone player went away: %+v", ps)
	}

	// The per-address pace: a burst, then refusals with Retry-After.
	o2 := pairOptions()
	o2.ActBurst, o2.ActEvery = 5, time.Hour
	_, base2 := serve(t, room, o2)
	c := join(t, base2, pairplay.JoinRequest{Name: "Eve"}, nil)
	var codes []int
	for range 7 {
		req, _ := http.NewRequest(http.MethodGet, base2+pairplay.ActionsPath+"?since=0&version=0", nil)
		req.Header.Set(pairplay.TokenHeader, c.Token())
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = res.Body.Close() // only the status is checked
		codes = append(codes, res.StatusCode)
	}
	if fmt.Sprint(codes) != "[200 200 200 200 200 429 429]" {
		t.Fatalf("statuses %v: want five answers, then 429", codes)
	}
}

// TestPairServerStopsWithPollsOpen: a stopping server answers its open long polls at once
// rather than wait them out.
func TestPairServerStopsWithPollsOpen(t *testing.T) {
	room := pairRoom(t)
	o := pairOptions()
	o.Results = t.TempDir()
	s, err := New(room, o)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	base := "http://" + ln.Addr().String()
	c := join(t, base, pairplay.JoinRequest{Name: "Ada"}, nil)
	polled := make(chan error, 1)
	go func() { _, err := c.Poll(context.Background()); polled <- err }()
	time.Sleep(100 * time.Millisecond)
	start := time.Now()
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := <-polled; err != nil {
		t.Fatalf("the open poll: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("stopping took %v with a poll open", d)
	}
}

// BenchmarkPairGame: one pair game of startup between two headless clients through a real
// server on 127.0.0.1 (seeded choosers, so no two games are the same game and each is stored);
// it reports the time per action: a send and its answer, with the partner's poll in between.
func BenchmarkPairGame(b *testing.B) {
	room := pairRoom(b)
	o := pairOptions()
	o.Results = b.TempDir()
	s, err := New(room, o)
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	defer func() {
		cancel()
		if err := <-served; err != nil { // its last snapshot is written before the folder goes
			b.Error(err)
		}
	}()
	base := "http://" + ln.Addr().String()
	actions := 0
	b.ResetTimer()
	for i := range b.N {
		pm := join(b, base, pairplay.JoinRequest{Name: fmt.Sprintf("PM %d", i)}, from(2*i))
		po := join(b, base, pairplay.JoinRequest{Name: fmt.Sprintf("PO %d", i), Code: pm.Code()}, from(2*i+1))
		playWith(b, pm, po, chooser(uint64(2*i)), chooser(uint64(2*i+1)))
		actions += pm.Seq()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(actions)/1e3, "µs/action")
}

// startOn starts a server for room on loopback, on o's results folder; stop stops it (and
// restartableRoom is the room, options and deadline of a test that stops a server and starts
// another on the same results folder: the folder outlives the first server, the restart's log
// lines stay quiet, and the whole test has a minute.
func restartableRoom(t *testing.T) (Room, Options, context.Context) {
	t.Helper()
	o := pairOptions()
	o.Results = t.TempDir()
	o.Logf = func(string, ...any) {}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return pairRoom(t), o, ctx
}

// writes the pairs it holds, as Serve does when it ends).
func startOn(t *testing.T, room Room, o Options) (s *Server, base string, stop func()) {
	t.Helper()
	s, err := New(room, o)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	return s, "http://" + ln.Addr().String(), func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestStoredPairsSurviveARestart: pairs whose games are stored are kept across a restart with
// the pairs in play, in the room's order: each seat's token still fetches the very bytes of its
// pair's results file, and /room lists the pairs as before. A room restarted with fewer places
// lets its oldest stored pair go first; a pair whose file has left the folder says so.
func TestStoredPairsSurviveARestart(t *testing.T) {
	room, o, ctx := restartableRoom(t)
	s1, base, stop := startOn(t, room, o)
	// A plays to the end and is stored, B waits for a partner, C plays to the end and is stored.
	played := func(name string, choose pairplay.Chooser) *pairplay.Client {
		c := joinWithBotPO(t, s1, base, pairplay.JoinRequest{Name: name}, nil)
		if err := c.Play(ctx, choose); err != nil {
			t.Fatal(err)
		}
		return c
	}
	a := played("Ada", roadmapSeat(t))
	b := join(t, base, pairplay.JoinRequest{Name: "Ben"}, nil)
	c := played("Cy", chooser(3)) // another game: one game counts once
	copies := map[string][]byte{}
	for _, p := range []*pairplay.Client{a, c} {
		raw, err := p.ResultsFile(ctx)
		if err != nil {
			t.Fatal(err)
		}
		copies[p.Token()] = raw
	}
	listed := func(s *Server) []pairplay.Pair {
		ps := s.Pairs()
		for i := range ps {
			ps[i].Version = 0 // a pair taken up starts its count again
		}
		return ps
	}
	before := listed(s1)
	stop()

	s2, base2, stop2 := startOn(t, room, o)
	if after := listed(s2); !reflect.DeepEqual(after, before) {
		t.Fatalf("/room after the restart:\n%+v\nbefore:\n%+v", after, before)
	}
	for _, p := range []*pairplay.Client{a, c} {
		back, err := pairplay.Rejoin(ctx, base2, p.Token(), pairplay.Options{})
		if err != nil {
			t.Fatalf("%s comes back: %v", p.Name(), err)
		}
		raw, err := back.ResultsFile(ctx)
		if err != nil || !bytes.Equal(raw, copies[p.Token()]) {
			t.Fatalf("%s's copy after the restart: %v (%d bytes, %d before)", p.Name(), err, len(raw), len(copies[p.Token()]))
		}
		if stored := mustRead(t, filepath.Join(o.Results, back.Pair().Result.File)); !bytes.Equal(raw, stored) {
			t.Fatalf("%s's copy is not the stored file", p.Name())
		}
		// A seat whose poll the restart cut off still learns the end where it was.
		u, err := back.Fetch(ctx, p.Seq(), p.Version())
		if err != nil || u.Pair.State != pairplay.StateStored || len(u.Actions) != 0 || u.Pair.Seq != p.Seq() {
			t.Fatalf("%s's poll after the restart: %+v, %v", p.Name(), u.Pair, err)
		}
	}
	stop2()

	// Two places: the oldest stored pair (A) makes way; its token is no longer the room's.
	small := o
	small.MaxPairs = 2
	s3, base3, stop3 := startOn(t, room, small)
	if got := s3.Pairs(); len(got) != 2 || got[0].Code != c.Code() || got[1].Code != b.Code() {
		t.Fatalf("with two places the room keeps %+v", got)
	}
	if _, err := pairplay.Rejoin(ctx, base3, a.Token(), pairplay.Options{}); !refused(err, 403, "not one of this room's seats") {
		t.Fatalf("A's token once A made way: %v", err)
	}
	stop3()

	// C's file is taken out of the folder: the pair is kept, and its seat is told.
	if err := os.Remove(filepath.Join(o.Results, c.Pair().Result.File)); err != nil {
		t.Fatal(err)
	}
	s4, base4, stop4 := startOn(t, room, o)
	defer stop4()
	if got := s4.Pairs(); len(got) != 2 || got[0].State != pairplay.StateFailed || !strings.Contains(got[0].Note, "no longer in the results folder") {
		t.Fatalf("without C's file the room lists %+v", got)
	}
	back, err := pairplay.Rejoin(ctx, base4, c.Token(), pairplay.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := back.ResultsFile(ctx); !refused(err, 409, "no longer in the results folder") {
		t.Fatalf("C's copy without its file: %v", err)
	}
}

// TestPairsSurviveARestart: a server stops with a pair mid-game and a player waiting alone; a
// server started on the same folder takes both up, the players come back with their tokens, and
// the game finishes where it was, stored once.
func TestPairsSurviveARestart(t *testing.T) {
	room := pairRoom(t)
	o := pairOptions()
	o.Results = t.TempDir()
	start := func() (*Server, string, func()) { return startOn(t, room, o) }
	s1, base, stop := start()
	pm := join(t, base, pairplay.JoinRequest{Name: "Ada"}, nil)
	po := join(t, base, pairplay.JoinRequest{Name: "Ben", Code: pm.Code()}, nil)
	lone := join(t, base, pairplay.JoinRequest{Name: "Cy", Hat: "po"}, nil)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	// Both seats play some 40 actions; then both clients and the server stop.
	halt, halted := context.WithCancel(ctx)
	defer halted()
	errs := make(chan error, 2)
	for _, c := range []*pairplay.Client{pm, po} {
		choose := roadmapSeat(t)
		go func() {
			errs <- c.Play(halt, func(g *sim.Game, h sim.Hat) sim.Action {
				if len(g.Actions()) >= 40 {
					halted()
				}
				return choose(g, h)
			})
		}()
	}
	for range 2 {
		if err := <-errs; !errors.Is(err, context.Canceled) {
			t.Fatalf("a client did not stop: %v", err)
		}
	}
	at, key := min(pm.Seq(), po.Seq()), s1.RoomKey()
	stop()

	s2, base2, stop2 := start()
	defer stop2()
	if s2.RoomKey() != key || len(s2.Pairs()) != 2 {
		t.Fatalf("the new server has key %v and %d pairs", s2.RoomKey() == key, len(s2.Pairs()))
	}
	a, err := pairplay.Rejoin(ctx, base2, pm.Token(), pairplay.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := pairplay.Rejoin(ctx, base2, po.Token(), pairplay.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c, err := pairplay.Rejoin(ctx, base2, lone.Token(), pairplay.Options{}); err != nil || c.Code() != lone.Code() || c.Pair().State != pairplay.StateWaiting {
		t.Fatalf("the lone player after the restart: %v", err)
	}
	playBoth(t, a, b)
	f := storedFile(t, o.Results, a.Pair().Result)
	if !reflect.DeepEqual(f.Actions[:at], pm.Game().Actions()[:at]) || s2.Len() != 1 {
		t.Fatalf("the game did not go on where it was (stored %d)", s2.Len())
	}
}

// TestPairBotSeatWaitsForAcceptance: the colleague bot in the PM's seat proposes a sync in the
// strategy phase and waits for the PO's client to accept it before it ends the phase, as the
// bot pair does in one process, so a served seat plays as well as a bot on either side of it.
func TestPairBotSeatWaitsForAcceptance(t *testing.T) {
	room := pairRoom(t)
	s, base := serve(t, room, pairOptions())
	c := join(t, base, pairplay.JoinRequest{Name: "Cleo", Hat: "po", Autoplay: "roadmap"}, nil)
	if _, rf := s.ref.giveBot(pairplay.BotRequest{Code: c.Code(), Hat: "pm"}); rf != nil {
		t.Fatal(rf)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := c.Play(ctx, roadmapSeat(t)); err != nil {
		t.Fatal(err)
	}
	g := c.Game()
	var first sim.Action
	for _, a := range g.Actions() {
		if a.Hat == sim.HatPO {
			first = a
			break
		}
	}
	if first.Kind != sim.ActSync || !first.Accept || g.State().Syncs != room.Scenario.Sc.Sprints {
		t.Fatalf("the PO's first action is %s (accept %v); %d syncs in %d sprints", first.Kind, first.Accept, g.State().Syncs, room.Scenario.Sc.Sprints)
	}
	solo, _ := sim.New(room.Scenario.Sc, sim.RolePair, room.Seed)
	pm, _ := bot.New("roadmap", 1)
	po, _ := bot.New("roadmap", 2)
	if err := bot.PlayPair(solo, pm, po); err != nil {
		t.Fatal(err)
	}
	t.Logf("served PM bot and a PO client: score %.1f; the bot pair in one process: %.1f", g.Outcome().Score, solo.Outcome().Score)
}

// TestStoredPairSeatComesBack: a seat that comes back with its token to a pair whose game the
// room has stored, on the same server or after a restart, catches up with the whole game (the
// stored file's actions, the game over) before its client calls the game finished, so a screen
// shows the debrief, not an empty board.
func TestStoredPairSeatComesBack(t *testing.T) {
	room, o, ctx := restartableRoom(t)
	s1, base, stop := startOn(t, room, o)
	ada := joinWithBotPO(t, s1, base, pairplay.JoinRequest{Name: "Ada"}, nil)
	if err := ada.Play(ctx, roadmapSeat(t)); err != nil {
		t.Fatal(err)
	}
	f := storedFile(t, o.Results, ada.Pair().Result)
	// Ada played her seat and the room's bot the other: the file says so seat by seat.
	if f.Policy != "pm=human,po=roadmap" || !IsBot(f.Policy) {
		t.Errorf("the stored pair's policy is %q, want pm=human,po=roadmap", f.Policy)
	}
	for _, tc := range []struct {
		name    string
		restart bool
	}{{"same server", false}, {"after a restart", true}} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.restart {
				stop()
				var stop2 func()
				_, base, stop2 = startOn(t, room, o)
				stop = stop2
			}
			back, err := pairplay.Rejoin(ctx, base, ada.Token(), pairplay.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if back.Finished() {
				t.Fatalf("finished at once, with %d of the game's %d actions", back.Seq(), len(f.Actions))
			}
			if err := back.Play(ctx, func(*sim.Game, sim.Hat) sim.Action {
				t.Fatal("a seat of a stored game was asked for a move")
				return sim.Action{}
			}); err != nil {
				t.Fatal(err)
			}
			if g := back.Game(); g == nil || !g.Over() || !reflect.DeepEqual(g.Actions(), f.Actions) || !back.Finished() {
				t.Fatalf("the seat came back to %d actions (the stored game has %d), finished %v", back.Seq(), len(f.Actions), back.Finished())
			}
		})
	}
	stop()
}

// TestFailedPairsSurviveARestart: a pair whose game the room could not store, and a stored pair
// whose file has left the folder, are kept across restarts as the stored ones are: /room lists
// them failed where they were, and their seats come back to the failure they had (the game's end
// when there was a game, the line that says why), not to an unknown pair. A stored pair whose
// file comes back is stored again. Failed pairs take places like the others, and the oldest
// settled pairs make way first when the room has fewer.
func TestFailedPairsSurviveARestart(t *testing.T) {
	room, o, ctx := restartableRoom(t)
	s1, base, stop := startOn(t, room, o)
	played := func(name string, choose pairplay.Chooser) (*pairplay.Client, error) {
		c := joinWithBotPO(t, s1, base, pairplay.JoinRequest{Name: name}, nil)
		return c, c.Play(ctx, choose)
	}
	// A is stored; B plays the very same game under another name, which the room refuses (one
	// game counts once), so B fails; W waits for a partner; C is stored.
	a, err := played("Ada", roadmapSeat(t))
	if err != nil {
		t.Fatal(err)
	}
	b, err := played("Ben", roadmapSeat(t))
	if err == nil || b.Pair().State != pairplay.StateFailed || !strings.Contains(b.Pair().Note, "counts once") {
		t.Fatalf("B's game: %v, state %s, note %q", err, b.Pair().State, b.Pair().Note)
	}
	w := join(t, base, pairplay.JoinRequest{Name: "Wu"}, nil)
	c, err := played("Cy", chooser(3))
	if err != nil {
		t.Fatal(err)
	}
	listed := func(s *Server) []pairplay.Pair {
		ps := s.Pairs()
		for i := range ps {
			ps[i].Version = 0 // a pair taken up starts its count again
			ps[i].PM.Away, ps[i].PO.Away = false, false
		}
		return ps
	}
	before := listed(s1)
	stop()
	cFile := filepath.Join(o.Results, c.Pair().Result.File)
	cBytes := mustRead(t, cFile)

	type seatWant struct {
		seat    *pairplay.Client
		state   string
		note    string // in the pair's note and the refusal of its results file
		actions []sim.Action
	}
	// comeBack checks that each seat comes back with its token to the state it had.
	comeBack := func(t *testing.T, base string, wants []seatWant) {
		t.Helper()
		for _, w := range wants {
			back, err := pairplay.Rejoin(ctx, base, w.seat.Token(), pairplay.Options{})
			if err != nil {
				t.Fatalf("%s comes back: %v", w.seat.Name(), err)
			}
			if p := back.Pair(); p.State != w.state || !strings.Contains(p.Note, w.note) {
				t.Fatalf("%s came back to a %s pair (note %q), want %s (%q)", w.seat.Name(), p.State, p.Note, w.state, w.note)
			}
			err = back.Play(ctx, func(*sim.Game, sim.Hat) sim.Action {
				t.Fatal("a seat of a settled game was asked for a move")
				return sim.Action{}
			})
			if (err != nil) != (w.state == pairplay.StateFailed) || back.Game() == nil || !slices.EqualFunc(back.Game().Actions(), w.actions, sameAction) {
				t.Fatalf("%s played on: %v, with %d actions (want %d)", w.seat.Name(), err, back.Seq(), len(w.actions))
			}
			raw, err := back.ResultsFile(ctx)
			switch w.state {
			case pairplay.StateFailed:
				if !refused(err, http.StatusConflict, w.note) {
					t.Fatalf("%s's results file: %v", w.seat.Name(), err)
				}
			default:
				if err != nil || !bytes.Equal(raw, mustRead(t, filepath.Join(o.Results, back.Pair().Result.File))) {
					t.Fatalf("%s's results file: %v", w.seat.Name(), err)
				}
			}
		}
	}
	bWant := seatWant{b, pairplay.StateFailed, "counts once", b.Game().Actions()}
	const gone = "no longer in the results folder"

	for _, step := range []struct {
		name   string
		before func() // what changes in the folder while the server is stopped
		check  func(t *testing.T, s *Server, base string)
	}{
		{"B is kept failed", nil, func(t *testing.T, s *Server, base string) {
			if after := listed(s); !reflect.DeepEqual(after, before) {
				t.Fatalf("/room after the restart:\n%+v\nbefore:\n%+v", after, before)
			}
			comeBack(t, base, []seatWant{bWant, {c, pairplay.StateStored, "", c.Game().Actions()}})
		}},
		{"C's file leaves", func() {
			if err := os.Remove(cFile); err != nil {
				t.Fatal(err)
			}
		}, func(t *testing.T, s *Server, base string) {
			comeBack(t, base, []seatWant{bWant, {c, pairplay.StateFailed, gone, nil}})
		}},
		{"C is still failed", nil, func(t *testing.T, s *Server, base string) {
			if got := s.Pairs(); len(got) != 4 || got[0].State != pairplay.StateFailed || got[2].State != pairplay.StateFailed {
				t.Fatalf("the room lists %+v", got)
			}
			comeBack(t, base, []seatWant{bWant, {c, pairplay.StateFailed, gone, nil}})
		}},
		{"C's file is back", func() {
			if err := os.WriteFile(cFile, cBytes, 0o644); err != nil {
				t.Fatal(err)
			}
		}, func(t *testing.T, s *Server, base string) {
			if after := listed(s); !reflect.DeepEqual(after, before) {
				t.Fatalf("/room with C's file back:\n%+v\nbefore:\n%+v", after, before)
			}
			comeBack(t, base, []seatWant{bWant, {c, pairplay.StateStored, "", c.Game().Actions()}})
		}},
	} {
		t.Run(step.name, func(t *testing.T) {
			if step.before != nil {
				step.before()
			}
			s, base, stop := startOn(t, room, o)
			defer stop()
			step.check(t, s, base)
		})
	}

	// Fewer places: the oldest settled pairs make way first, failed or stored alike.
	for _, tc := range []struct {
		places int
		kept   []*pairplay.Client // newest first
	}{
		{3, []*pairplay.Client{c, w, b}},
		{2, []*pairplay.Client{c, w}},
		{1, []*pairplay.Client{w}},
	} {
		t.Run(fmt.Sprintf("%d places", tc.places), func(t *testing.T) {
			small := o
			small.MaxPairs = tc.places
			s, base, stop := startOn(t, room, small)
			defer stop()
			var got, want []string
			for _, p := range s.Pairs() {
				got = append(got, p.Code)
			}
			for _, k := range tc.kept {
				want = append(want, k.Code())
			}
			if !slices.Equal(got, want) {
				t.Fatalf("the room keeps %v, want %v (A %s, B %s, W %s, C %s)", got, want, a.Code(), b.Code(), w.Code(), c.Code())
			}
			if _, err := pairplay.Rejoin(ctx, base, a.Token(), pairplay.Options{}); !refused(err, 403, "not one of this room's seats") {
				t.Fatalf("A's token once A made way: %v", err)
			}
		})
	}
}

// TestFailedStoreIsTriedAgainAtRestart: a pair whose results the room could not write (the
// folder was gone) is failed while that server runs; the next start stores the game, and its seats
// come back to it stored. A refused store (the game counts once) is not tried again:
// TestFailedPairsSurviveARestart keeps that one failed.
func TestFailedStoreIsTriedAgainAtRestart(t *testing.T) {
	room, o, ctx := restartableRoom(t)
	s1, base, stop := startOn(t, room, o)
	c := joinWithBotPO(t, s1, base, pairplay.JoinRequest{Name: "Ada"}, nil)
	// The results folder goes away while the game is played, and a file stands in its place, so
	// the results cannot be written there.
	away := o.Results + ".away"
	if err := os.Rename(o.Results, away); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(o.Results, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := c.Play(ctx, roadmapSeat(t))
	if p := c.Pair(); err == nil || p.State != pairplay.StateFailed || !strings.Contains(p.Note, "could not store") {
		t.Fatalf("the game with no folder to store it in: %v, state %s, note %q", err, p.State, p.Note)
	}
	if err := os.Remove(o.Results); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(away, o.Results); err != nil {
		t.Fatal(err)
	}
	stop()
	if got := storedResults(t, o.Results); len(got) != 0 {
		t.Fatalf("results stored before the restart: %v", got)
	}

	s2, base2, stop2 := startOn(t, room, o)
	defer stop2()
	back, err := pairplay.Rejoin(ctx, base2, c.Token(), pairplay.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := back.Play(ctx, func(*sim.Game, sim.Hat) sim.Action {
		t.Fatal("a seat of a finished game was asked for a move")
		return sim.Action{}
	}); err != nil {
		t.Fatalf("coming back to the game stored again: %v", err)
	}
	p := back.Pair()
	if p.State != pairplay.StateStored || p.Result == nil || p.Note != "" {
		t.Fatalf("after the restart the pair is %s (note %q, result %+v), want stored", p.State, p.Note, p.Result)
	}
	if !slices.EqualFunc(back.Game().Actions(), c.Game().Actions(), sameAction) {
		t.Fatal("the game stored again is not the one played")
	}
	raw, err := back.ResultsFile(ctx)
	if err != nil || !bytes.Equal(raw, mustRead(t, filepath.Join(o.Results, p.Result.File))) {
		t.Fatalf("the results file of the pair stored again: %v", err)
	}
	if got := storedResults(t, o.Results); len(got) != 1 {
		t.Fatalf("results in the folder after the restart: %v, want the pair's one", got)
	}
	if ps := s2.Pairs(); len(ps) != 1 || ps[0].State != pairplay.StateStored {
		t.Fatalf("the room lists %+v", ps)
	}
}

// storedResults are the results files in a folder (not the room's own files).
func storedResults(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "[0-9][0-9][0-9][0-9]-*.json"))
	if err != nil {
		t.Fatal(err)
	}
	return names
}
