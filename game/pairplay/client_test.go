package pairplay

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"twohats/game/bot"
	"twohats/game/results"
	"twohats/game/sim"
	"twohats/scenarios"
)

func TestNormalizeCode(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"KXRWD", "KXRWD", true},
		{"kx-rwd", "KXRWD", true},
		{" k x r w d ", "KXRWD", true},
		{"KXRW", "", false},
		{"KXRWDA", "", false},
		{"KXRWO", "", false}, // O is not a code letter
		{"KXRW1", "", false},
		{strings.Repeat("A", 100), "", false},
		{"ＫXRWD", "", false},
	} {
		got, ok := NormalizeCode(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("NormalizeCode(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	for _, r := range "ILOSZBGQ01" {
		if strings.ContainsRune(CodeAlphabet, r) {
			t.Errorf("the code alphabet has the ambiguous %q", r)
		}
	}
}

func TestParseHat(t *testing.T) {
	for in, want := range map[string]sim.Hat{"pm": sim.HatPM, "PO": sim.HatPO, " po ": sim.HatPO, "": sim.HatNone} {
		if got, err := ParseHat(in); err != nil || got != want {
			t.Errorf("ParseHat(%q) = %v, %v", in, got, err)
		}
		if want != sim.HatNone && HatName(want) != strings.ToLower(strings.TrimSpace(in)) {
			t.Errorf("HatName(%v) = %q", want, HatName(want))
		}
	}
	if _, err := ParseHat("cto"); err == nil || !strings.Contains(err.Error(), `unknown hat "cto"`) {
		t.Errorf("ParseHat(cto): %v", err)
	}
}

// fake answers the client's requests from a bot pair game played here: the server's order is
// the game's actions, and a stale action gets a 409 with the game's seq.
type fake struct {
	actions []sim.Action
	served  int // actions the server has "applied"
}

func (f *fake) RoundTrip(r *http.Request) (*http.Response, error) {
	answer := func(code int, v any) (*http.Response, error) {
		b, _ := json.Marshal(v)
		return &http.Response{StatusCode: code, Status: http.StatusText(code), Body: io.NopCloser(bytes.NewReader(b)), Header: http.Header{}}, nil
	}
	pair := Pair{Code: "KXRWD", State: StatePlaying, Seq: f.served, Version: f.served}
	switch r.URL.Path {
	case JoinPath, SeatPath:
		sc, _ := results.Resolve("startup", "", nil)
		return answer(201, Seat{Code: "KXRWD", Hat: "po", Token: "t", Name: "Ada", Pair: pair,
			Game: Game{Scenario: "startup", ScenarioHash: sc.Hash, Shipped: true, Seed: 4, Role: sim.RolePair}})
	case ActionsPath:
		since, err := strconv.Atoi(r.URL.Query().Get("since"))
		if err != nil || since > f.served {
			return answer(400, Error{Error: "bad since"})
		}
		return answer(200, Update{Hat: "po", Pair: pair, Since: since, Actions: f.actions[since:f.served]})
	case ActionPath:
		var req ActionRequest
		_ = json.NewDecoder(r.Body).Decode(&req)
		if req.Seq != f.served {
			n := f.served
			return answer(409, Error{Error: "the game has moved on", Seq: &n})
		}
		f.served++
		return answer(200, ActionReply{Seq: f.served, Version: f.served})
	}
	return answer(404, Error{Error: "no such endpoint"})
}

// TestClientFollowsTheServer: the client applies the server's actions in its order, a stale
// send is ErrStale and changes nothing, and an accepted send is applied locally.
func TestClientFollowsTheServer(t *testing.T) {
	sc, err := scenarios.Load("startup")
	if err != nil {
		t.Fatal(err)
	}
	g, _ := sim.New(sc, sim.RolePair, 4)
	pm, _ := bot.New("roadmap", 1)
	po, _ := bot.New("roadmap", 2)
	if err := bot.PlayPair(g, pm, po); err != nil {
		t.Fatal(err)
	}
	f := &fake{actions: g.Actions()}
	// The server has applied the game up to the first PO action the PO client has not yet seen.
	for f.served < len(f.actions) && f.actions[f.served].Hat != sim.HatPO {
		f.served++
	}
	c, err := Join(context.Background(), "http://room.example", JoinRequest{Name: "Ada"}, Options{HTTP: &http.Client{Transport: f}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Hat() != sim.HatPO || c.Code() != "KXRWD" || c.Game() == nil {
		t.Fatalf("joined as %s of %s, game %v", c.Hat(), c.Code(), c.Game())
	}
	if _, err := c.Poll(context.Background()); err != nil {
		t.Fatal(err)
	}
	if c.Seq() != f.served || !c.MyTurn() || !equal(c.Game().Actions(), f.actions[:f.served]) {
		t.Fatalf("after the poll: %d actions (server %d), my turn %v", c.Seq(), f.served, c.MyTurn())
	}
	// The partner gets in first: the send is stale and changes nothing.
	next := f.actions[f.served]
	f.served++
	if err := c.Send(context.Background(), next); !errors.Is(err, ErrStale) {
		t.Fatalf("a send after the partner's: %v", err)
	}
	f.served--
	if c.Seq() != f.served {
		t.Fatalf("a stale send changed the game: %d actions", c.Seq())
	}
	if err := c.Send(context.Background(), next); err != nil {
		t.Fatal(err)
	}
	if c.Seq() != f.served {
		t.Fatalf("an accepted send: %d actions locally, %d on the server", c.Seq(), f.served)
	}
	// An action the local engine refuses never reaches the server.
	before := f.served
	if err := c.Send(context.Background(), sim.Action{Kind: sim.ActResearch}); err == nil || errors.Is(err, ErrStale) || f.served != before {
		t.Fatalf("the PM's work from the PO seat: %v (server at %d, was %d)", err, f.served, before)
	}
}

func equal(a, b []sim.Action) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}
