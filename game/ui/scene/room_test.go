package scene

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"testing"
	"time"

	"twohats/game/pairplay"
	"twohats/game/results"
	"twohats/game/sim"
	"twohats/game/workshop"
)

// pairServer is a workshop room with pair games on the test's loopback: startup, seed 7, the
// real referee. It returns the room's address, the facilitator's key and the results folder.
func pairServer(t *testing.T) (base, key, dir string) {
	t.Helper()
	dir = t.TempDir()
	sc, err := results.Resolve("startup", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	room := workshop.Room{Scenario: sc, Seed: 7, Roles: []sim.Role{sim.RolePM, sim.RolePO}}
	s, err := workshop.New(room, workshop.Options{Results: dir, Pairs: true, PollWait: 2 * time.Second,
		ActBurst: 100000, ActEvery: time.Microsecond, PostBurst: 1000, PostEvery: time.Millisecond,
		Logf: func(string, ...any) {}})
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
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	base = "http://" + ln.Addr().String()
	s.SetBase(base)
	return base, s.RoomKey(), dir
}

// roomCall sends one request to the room (body nil for a GET) and decodes its answer into out.
func roomCall(t *testing.T, method, url string, header http.Header, body, out any) {
	t.Helper()
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header = header
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = res.Body.Close() }()
	if res.StatusCode >= 300 {
		t.Fatalf("%s %s: %s", method, url, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		t.Fatal(err)
	}
}

// giveBot has the room's colleague bot take a seat, as the facilitator's button does.
func giveBot(t *testing.T, base, key, code string, hat sim.Hat) {
	t.Helper()
	var p pairplay.Pair
	roomCall(t, http.MethodPost, base+pairplay.BotPath, http.Header{pairplay.KeyHeader: {key}, "Content-Type": {"application/json"}},
		pairplay.BotRequest{Code: code, Hat: pairplay.HatName(hat)}, &p)
}

// roomActions is the referee's game so far, as a seat with token may fetch it.
func roomActions(t *testing.T, base, token string) []sim.Action {
	t.Helper()
	var u pairplay.Update
	roomCall(t, http.MethodGet, base+pairplay.ActionsPath+"?since=0", http.Header{pairplay.TokenHeader: {token}}, nil, &u)
	return u.Actions
}

func sameActions(a, b []sim.Action) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}
