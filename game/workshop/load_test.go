//go:build unix

package workshop

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"twohats/game/sim"
)

// from is an HTTP client whose connections come from the loopback address 127.0.0.n, so that
// many players on one machine look like many laptops to the per-address limit.
func from(n int) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, byte(n/250), byte(2+n%250))}, Timeout: 5 * time.Second}
	return &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 1}}
}

func postFrom(c *http.Client, base string, b []byte) (int, time.Duration, error) {
	start := time.Now()
	res, err := c.Post(base+"/api/results", "application/json", bytes.NewReader(b))
	if err != nil {
		return 0, time.Since(start), err
	}
	_, err = io.Copy(io.Discard, res.Body)
	_ = res.Body.Close() // read to the end (or failed, which err reports): nothing is lost
	return res.StatusCode, time.Since(start), err
}

func quantiles(ds []time.Duration) (p50, p99, worst time.Duration) {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	at := func(p float64) time.Duration { return ds[min(len(ds)-1, int(p*float64(len(ds))))] }
	return at(0.50), at(0.99), ds[len(ds)-1]
}

// players makes n different finished games of the room under n names.
func players(t testing.TB, room Room, n int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		role := room.Roles[i%len(room.Roles)]
		out[i] = body(t, game(t, room, role, "random", uint64(1000+i), fmt.Sprintf("Player %03d", i)))
	}
	return out
}

// TestTwoHundredPlayersPostWithinTenSeconds: 200 players from 200 addresses post their games,
// their starts spread over 8 seconds; each sends again after Retry-After when told 503, as the
// page does; every one is stored. The latency is from a player's first try to its 201.
func TestTwoHundredPlayersPostWithinTenSeconds(t *testing.T) {
	room := testRoom(t)
	s, base := serve(t, room, Options{})
	games := players(t, room, 200)
	spread := 8 * time.Second
	var mu sync.Mutex
	var lat []time.Duration
	var failed []string
	var retried int
	var wg sync.WaitGroup
	start := time.Now()
	for i, b := range games {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(spread * time.Duration(i) / time.Duration(len(games)))
			c := from(i)
			first := time.Now()
			var code, tries int
			var err error
			for tries = 1; ; tries++ {
				code, _, err = postFrom(c, base, b)
				if code != http.StatusServiceUnavailable || tries == 10 {
					break
				}
				time.Sleep(time.Second)
			}
			d := time.Since(first)
			mu.Lock()
			if tries > 1 {
				retried++
			}
			defer mu.Unlock()
			lat = append(lat, d)
			if code != http.StatusCreated {
				failed = append(failed, fmt.Sprintf("player %d: %d %v", i, code, err))
			}
		}()
	}
	wg.Wait()
	total := time.Since(start)
	if len(failed) > 0 {
		t.Errorf("%d of 200 not stored: %s", len(failed), strings.Join(failed[:min(5, len(failed))], "; "))
	}
	if s.Len() != 200 {
		t.Errorf("%d games stored, want 200", s.Len())
	}
	p50, p99, worst := quantiles(lat)
	t.Logf("200 players posting over %v: all answered in %v, %d sent again after a 503; latency p50 %v, p99 %v, worst %v", spread, total.Round(time.Millisecond), retried, p50.Round(time.Microsecond), p99.Round(time.Microsecond), worst.Round(time.Microsecond))
}

// TestHonestPostsStayFastUnderAttack: while 4 clients post hostile files in a loop, without a
// Content-Length (one carries its own 1 MiB scenario and one 1 MiB of decisions, both cut off
// at the room's cap; one a 230 KiB name and one a 230 KiB policy, parsed and refused) and 50
// clients trickle a body a byte at a time, honest players' posts are all stored and never starved.
func TestHonestPostsStayFastUnderAttack(t *testing.T) {
	room := testRoom(t)
	_, base := serve(t, room, Options{PostBurst: 1 << 20})
	n := 200
	if testing.Short() {
		n = 60
	}
	honest := players(t, room, n)
	seedGame := game(t, room, sim.RolePM, "roadmap", 1, "x")
	big := strings.Repeat("k", 1<<20-4096)
	hostile := make([][]byte, 4)
	for i := range hostile {
		f := seedGame
		switch i {
		case 0:
			f.ScenarioSource = "[" + strings.Repeat("a.", len(big)/2-2) + "b]\n"
		case 1:
			for len(f.Actions) < 40000 {
				f.Actions = append(f.Actions, sim.Action{Kind: sim.ActAdvance})
			}
		case 2: // these two fit under the room's cap, so they are parsed and screened
			f.Player = big[:GameBytes-len(body(t, f))-1024]
		case 3:
			f.Policy = big[:GameBytes-len(body(t, f))-1024]
		}
		hostile[i] = body(t, f)
		if len(hostile[i]) > MaxBody {
			hostile[i] = hostile[i][:MaxBody]
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	var bg sync.WaitGroup
	var hostileAnswers sync.Map
	for i, b := range hostile {
		bg.Add(1)
		go func() {
			defer bg.Done()
			c := from(500 + i)
			for ctx.Err() == nil {
				// No Content-Length: the server must read the body to find it too large.
				res, err := c.Post(base+"/api/results", "application/json", struct{ io.Reader }{bytes.NewReader(b)})
				if err == nil {
					// A hostile client: the server may cut its answer short; only the status is checked.
					_, _ = io.Copy(io.Discard, res.Body)
					_ = res.Body.Close()
					hostileAnswers.Store(i, res.StatusCode)
				}
			}
		}()
	}
	var slow []net.Conn
	addr := strings.TrimPrefix(base, "http://")
	for i := range 50 {
		d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 3, byte(2+i))}}
		c, err := d.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		slow = append(slow, c)
		fmt.Fprintf(c, "POST /api/results HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n{", addr, MaxBody)
	}
	bg.Add(1)
	go func() {
		defer bg.Done()
		for ctx.Err() == nil {
			for _, c := range slow {
				// The server may drop a slow client, which is what this tests: a failed write is expected.
				_, _ = c.Write([]byte(" "))
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
	time.Sleep(300 * time.Millisecond) // let the attack get going

	var lat []time.Duration
	for i, b := range honest {
		code, d, err := postFrom(from(i), base, b)
		if code != http.StatusCreated {
			t.Errorf("honest post %d: %d %v", i, code, err)
		}
		lat = append(lat, d)
	}
	cancel()
	for _, c := range slow {
		_ = c.Close() // the attack is over; the server may have dropped it already
	}
	bg.Wait()
	p50, p99, worst := quantiles(lat)
	t.Logf("%d honest posts under attack: p50 %v, p99 %v, worst %v", n, p50.Round(time.Microsecond), p99.Round(time.Microsecond), worst.Round(time.Microsecond))
	// The target is p99 under 1 s, measured by running this test alone (go test -run Attack -v) and
	// reported from its log line. Asserted here is what the bounded queue and the replay deadline
	// guarantee whatever else the machine is doing (CI runs every package's tests at once on two
	// cores): honest posts are never starved behind hostile ones, as they once were for minutes.
	if p99 > 5*time.Second {
		t.Errorf("p99 %v: honest posts starved behind hostile ones (want well under the 10 s replay deadline)", p99)
	}
	hostileAnswers.Range(func(k, v any) bool {
		t.Logf("hostile client %v: last answer %v", k, v)
		// Client 2's game is honest apart from its name, which is cut to MaxPlayer: stored once, then duplicates.
		if k.(int) != 2 && v.(int) == http.StatusCreated || k.(int) == 2 && v.(int) != http.StatusOK {
			t.Errorf("hostile post %v was stored", k)
		}
		return true
	})
}

// TestStopFinishesPostsInFlight: a post whose body is still arriving when the server is told to
// stop is stored and answered 201; once stopping, new posts get 503 or no connection.
func TestStopFinishesPostsInFlight(t *testing.T) {
	room := testRoom(t)
	dir := t.TempDir()
	s, err := New(room, Options{Results: dir})
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
	b := body(t, game(t, room, sim.RolePO, "roadmap", 1, "Ada"))
	pr, pw := io.Pipe()
	answer := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest("POST", "http://"+ln.Addr().String()+"/api/results", pr)
		req.ContentLength = int64(len(b))
		res, err := client.Do(req)
		if err != nil {
			answer <- 0
			return
		}
		_ = res.Body.Close() // only the status is checked: nothing is lost
		answer <- res.StatusCode
	}()
	if _, err := pw.Write(b[:len(b)/2]); err != nil {
		t.Errorf("sending the first half: %v", err)
	}
	time.Sleep(200 * time.Millisecond)
	cancel() // Ctrl+C
	time.Sleep(200 * time.Millisecond)
	if _, err := pw.Write(b[len(b)/2:]); err != nil {
		t.Errorf("sending the second half: %v", err)
	}
	if err := pw.Close(); err != nil {
		t.Error(err)
	}
	if code := <-answer; code != http.StatusCreated {
		t.Errorf("the post in flight got %d, want 201", code)
	}
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
	if s.Len() != 1 {
		t.Errorf("%d stored", s.Len())
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("POST", "/api/results", bytes.NewReader(b)))
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Errorf("a post after the stop: %d %v", rec.Code, rec.Header())
	}
	if _, err := http.Post("http://"+ln.Addr().String()+"/api/results", "application/json", bytes.NewReader(b)); err == nil {
		t.Error("the stopped server still takes connections")
	}
}
