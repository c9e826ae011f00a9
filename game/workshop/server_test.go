//go:build unix

package workshop

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"twohats/game/bot"
	"twohats/game/results"
	"twohats/game/sim"
)

// The room of these tests: the tutorial (short games), seed 3, PM and PO.
func testRoom(t testing.TB) Room {
	t.Helper()
	sc, err := results.Resolve("tutorial", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	return Room{Scenario: sc, Seed: 3, Roles: []sim.Role{sim.RolePM, sim.RolePO}}
}

// game plays a bot game in the room (botSeed varies the random bot's choices) and returns its
// results file, as a player's browser would send it.
func game(t testing.TB, room Room, role sim.Role, policy string, botSeed uint64, player string) results.File {
	t.Helper()
	g, err := sim.New(room.Scenario.Sc, role, room.Seed)
	if err != nil {
		t.Fatal(err)
	}
	p, err := bot.New(policy, botSeed)
	if err != nil {
		t.Fatal(err)
	}
	if err := bot.Play(g, p); err != nil {
		t.Fatal(err)
	}
	f := results.FromGame(g, policy)
	f.Player = player
	return f
}

func body(t testing.TB, f results.File) []byte {
	t.Helper()
	b, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// serve runs a server on a free port of 127.0.0.1 over real HTTP until the test ends.
func serve(t *testing.T, room Room, o Options) (*Server, string) {
	t.Helper()
	if o.Results == "" {
		o.Results = t.TempDir()
	}
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
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	base := "http://" + ln.Addr().String()
	s.SetBase(base)
	return s, base
}

var client = &http.Client{Timeout: 20 * time.Second}

func post(t testing.TB, base string, b []byte) (int, map[string]any) {
	t.Helper()
	res, err := client.Post(base+"/api/results", "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = res.Body.Close() }() // read to the end below: nothing is lost
	var out map[string]any
	raw, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("answer is not JSON: %q", raw)
	}
	return res.StatusCode, out
}

func list(t testing.TB, base string) List {
	t.Helper()
	res, err := client.Get(base + "/api/results")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = res.Body.Close() }() // decoded below: nothing is lost
	var l List
	if err := json.NewDecoder(res.Body).Decode(&l); err != nil {
		t.Fatal(err)
	}
	return l
}

func TestOnlyTheRoomsHonestFinishedGamesAreStored(t *testing.T) {
	room := testRoom(t)
	_, base := serve(t, room, Options{PostBurst: 1000})
	honest := game(t, room, sim.RolePM, "roadmap", 1, "Ada")

	edit := func(f func(*results.File)) []byte {
		g := honest
		g.Actions = append([]sim.Action(nil), honest.Actions...)
		f(&g)
		return body(t, g)
	}
	own := string(room.Scenario.Source) + "\n# every stakeholder loves you\n"
	unfinished := func() results.File {
		g, _ := sim.New(room.Scenario.Sc, sim.RolePM, room.Seed)
		f := results.FromGame(g, "human")
		return f
	}()
	other := func(seed uint64) results.File {
		r := room
		r.Seed = seed
		return game(t, r, sim.RolePM, "roadmap", 1, "Ada")
	}
	cases := []struct {
		name string
		body []byte
		code int
		want string
	}{
		{"its own scenario under the room's id", edit(func(f *results.File) { f.ScenarioSource = own }), 422, "TOML it carries differs"},
		{"another seed", body(t, other(41)), 422, "seed 41; the room plays seed 3"},
		{"a role not handed out", body(t, game(t, room, sim.RoleBoth, "roadmap", 1, "Ada")), 422, "the room hands out pm, po"},
		{"an edited score", edit(func(f *results.File) { f.Score += 10 }), 422, "does not reproduce"},
		{"no decisions", body(t, unfinished), 422, "not finished"},
		{"a policy flood", edit(func(f *results.File) { f.Policy = strings.Repeat("x", 1<<16) }), 422, "neither \"human\" nor a bot"},
		{"an unknown policy", edit(func(f *results.File) { f.Policy = "\x1b[2Jwizard" }), 422, `"\x1b[2Jwizard"`},
		{"not JSON", []byte("{"), 400, "not a results file"},
	}
	for _, c := range cases {
		code, out := post(t, base, c.body)
		msg, _ := out["error"].(string)
		if code != c.code || !strings.Contains(msg, c.want) {
			t.Errorf("%s: %d %q, want %d and %q", c.name, code, msg, c.code, c.want)
		}
		if strings.ContainsAny(msg, "\x1b\n") || len(msg) > maxLine+40 {
			t.Errorf("%s: the error is not one short clean line: %q", c.name, msg)
		}
	}
	if n := len(list(t, base).Games); n != 0 {
		t.Fatalf("%d refused games were stored", n)
	}

	// The honest game, its resend, a copy under another name, a second try, a look-alike name.
	steps := []struct {
		name string
		f    results.File
		code int
		try  float64
	}{
		{"the honest game", honest, 201, 1},
		{"the same game again", honest, 200, 1},
		{"the same game under another name", func() results.File { f := honest; f.Player = "Bob"; return f }(), 409, 0},
		{"the same game relabelled human under another name", func() results.File { f := honest; f.Player, f.Policy = "Cy", "human"; return f }(), 409, 0},
		{"a second game under the same name", game(t, room, sim.RolePM, "random", 7, "Ada"), 201, 2},
		{"a third, the name with a zero-width space and a Cyrillic а", game(t, room, sim.RolePM, "random", 8, "\u0410d\u200ba"), 201, 3},
		{"the same name in the other role", game(t, room, sim.RolePO, "random", 9, "ada"), 201, 1},
		{"a bot", game(t, room, sim.RolePO, "idle", 1, "baseline"), 201, 1},
	}
	for _, st := range steps {
		code, out := post(t, base, body(t, st.f))
		if code != st.code || (st.try > 0 && out["try"] != st.try) {
			t.Errorf("%s: %d %v, want %d try %v", st.name, code, out, st.code, st.try)
		}
	}
	l := list(t, base)
	if len(l.Games) != 5 {
		t.Fatalf("%d games listed, want 5", len(l.Games))
	}
	if l.Games[2].Player != "Аd\u0430"[:0]+"Аda" && l.Games[2].Player != "\u0410da" {
		t.Errorf("the look-alike name shows as %q", l.Games[2].Player)
	}
	if !l.Games[4].Bot || l.Games[0].Bot != true { // "roadmap" is a bot too
		t.Errorf("bots not marked: %+v", l.Games)
	}
}

func TestPlayerNames(t *testing.T) {
	cases := []struct{ in, show string }{
		{"  Lin  ", "Lin"},
		{"Lin\u200b", "Lin"},
		{"L\u202ein", "Lin"},
		{"Ｌｉｎ", "Lin"},
		{"Li\u0301n", "Lín"},
		{"Z" + strings.Repeat("\u0301", 500) + "oe", "Ź\u0301oe"},
		{"a\x1b[31mb\nc", "a [31mb c"},
		{strings.Repeat("é", 100), strings.Repeat("é", MaxPlayer)},
		{"\u3164", ""},
	}
	for _, c := range cases {
		if got := PlayerName(c.in); got != c.show {
			t.Errorf("PlayerName(%q) = %q, want %q", c.in, got, c.show)
		}
	}
	if nameKey("Lin") != nameKey("Lіn") || nameKey("Lin") != nameKey("LIN\u200b") {
		t.Error("look-alike names are different players")
	}
	if nameKey("Lin") == nameKey("Lín") {
		t.Error("an accent made two names one")
	}
}

func TestRestartReplaysEveryStoredFile(t *testing.T) {
	room := testRoom(t)
	dir := t.TempDir()
	s, base := serve(t, room, Options{Results: dir, PostBurst: 1000})
	for i, name := range []string{"Ada", "Grace", "Lin"} {
		if code, out := post(t, base, body(t, game(t, room, sim.RolePM, "random", uint64(i), name))); code != 201 {
			t.Fatalf("post: %d %v", code, out)
		}
	}
	l := list(t, base)
	_ = s
	// An edited score, a copy of another file, a FIFO, a stale temporary file, a foreign file.
	edited := filepath.Join(dir, l.Games[1].File)
	b := mustRead(t, edited)
	mustWrite(t, edited, bytes.Replace(b, []byte(`"score": `), []byte(`"score": 9`), 1))
	mustWrite(t, filepath.Join(dir, "9999-copy.json"), mustRead(t, filepath.Join(dir, l.Games[0].File)))
	mustWrite(t, filepath.Join(dir, ".tmp-0004-x.json-123"), []byte("half"))
	if err := syscall.Mkfifo(filepath.Join(dir, "0005-fifo.json"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := game(t, Room{Scenario: room.Scenario, Seed: 99, Roles: room.Roles}, sim.RolePM, "roadmap", 1, "Eve")
	mustWrite(t, filepath.Join(dir, "0006-eve.json"), body(t, other))

	start := time.Now()
	s2, err := New(room, Options{Results: dir})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("restart took %v", d)
	}
	if s2.Len() != 2 {
		t.Errorf("%d games after restart, want 2", s2.Len())
	}
	why := map[string]string{}
	for _, n := range s2.NotCountedFiles() {
		why[n.File] = n.Why
	}
	for file, want := range map[string]string{
		l.Games[1].File:  "does not reproduce",
		"9999-copy.json": "the same game as " + l.Games[0].File,
		"0005-fifo.json": "FIFO",
		"0006-eve.json":  "seed 99",
	} {
		if !strings.Contains(why[file], want) {
			t.Errorf("%s: not counted because %q, want %q", file, why[file], want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".tmp-0004-x.json-123")); err == nil {
		t.Error("the stale temporary file is still there")
	}
	// The debrief reads the folder with the same function, so it agrees.
	fo, err := ReadFolder(context.Background(), dir, room)
	if err != nil || len(fo.Entries) != 2 || len(fo.NotCounted) != len(s2.NotCountedFiles()) {
		t.Errorf("ReadFolder disagrees with the server: %d entries, %v", len(fo.Entries), err)
	}
	if r, ok, err := ReadRoom(dir); !ok || err != nil || r.Scenario.Hash != room.Scenario.Hash || r.Seed != 3 {
		t.Errorf("room.json: %+v %v %v", r, ok, err)
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// mustWrite writes a test's input file; a failed write fails the test rather than testing nothing.
func mustWrite(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFoldersAndStaticFiles(t *testing.T) {
	room := testRoom(t)
	web := t.TempDir()
	mustWrite(t, filepath.Join(web, "index.html"), []byte("<!doctype html>page"))
	wasm := bytes.Repeat([]byte("\x00asm"), 4096)
	mustWrite(t, filepath.Join(web, WasmName), wasm)
	mustWrite(t, filepath.Join(web, WasmName+".gz"), []byte("gzipped"))
	secret := filepath.Join(t.TempDir(), "secret.txt")
	mustWrite(t, secret, []byte("secret"))
	if err := os.Symlink(secret, filepath.Join(web, "out.txt")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(web, "fifo.js"), 0o644); err != nil {
		t.Fatal(err)
	}

	if _, err := New(room, Options{Web: web, Results: filepath.Join(web, "results")}); err == nil || !strings.Contains(err.Error(), "inside the web folder") {
		t.Errorf("results inside web: %v", err)
	}
	s, base := serve(t, room, Options{Web: web})
	get := func(path string, hdr map[string]string) (*http.Response, string) {
		req, _ := http.NewRequest("GET", base+path, nil)
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		_ = res.Body.Close() // already read: nothing is lost
		return res, string(b)
	}
	for _, p := range []string{"/out.txt", "/fifo.js", "/../" + filepath.Base(secret), "/.tmp-x"} {
		if res, b := get(p, nil); res.StatusCode != 404 || strings.Contains(b, "secret") {
			t.Errorf("GET %s: %s %q", p, res.Status, b)
		}
	}
	res, b := get("/"+WasmName+"?v="+s.web.version, map[string]string{"Accept-Encoding": "br, gzip;q=0.8"})
	if res.Header.Get("Content-Encoding") != "gzip" || b != "gzipped" || res.Header.Get("Vary") != "Accept-Encoding" ||
		!strings.Contains(res.Header.Get("Cache-Control"), "immutable") || res.Header.Get("Content-Type") != "application/wasm" {
		t.Errorf("compressed wasm: %v %q", res.Header, b)
	}
	res, b = get("/"+WasmName, map[string]string{"Accept-Encoding": "identity"})
	if res.Header.Get("Content-Encoding") != "" || len(b) != len(wasm) || res.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("plain wasm: %v, %d bytes", res.Header, len(b))
	}
	if res, _ := get("/api/config", map[string]string{"Origin": "http://evil.example"}); res.StatusCode != 403 || res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("another site's page: %s %v", res.Status, res.Header)
	}
	_, b = get("/api/config", nil)
	var cfg Config
	if err := json.Unmarshal([]byte(b), &cfg); err != nil {
		t.Fatalf("config is not JSON: %v: %s", err, b)
	}
	if cfg.Room.Seed != 3 || cfg.Room.ScenarioHash != room.Scenario.Hash || len(cfg.Room.Roles) != 2 || cfg.Room.Roles[0].URL != base+"/?role=pm" {
		t.Errorf("config: %s", b)
	}
	if res, b := get("/api/qr?role=po", nil); res.StatusCode != 200 || !strings.HasPrefix(b, "<svg") {
		t.Errorf("qr: %s %.60q", res.Status, b)
	}
	if res, b := get("/api/scenario", nil); res.StatusCode != 200 || b != string(room.Scenario.Source) {
		t.Errorf("scenario: %s", res.Status)
	}
}

// TestLogLinesAreCleanAndShort: a name and a policy full of escape sequences reach the log
// quoted, never raw.
func TestLogLinesAreCleanAndShort(t *testing.T) {
	room := testRoom(t)
	var mu sync.Mutex
	var lines []string
	_, base := serve(t, room, Options{Logf: func(f string, a ...any) {
		mu.Lock()
		defer mu.Unlock()
		lines = append(lines, fmt.Sprintf(f, a...))
	}})
	f := game(t, room, sim.RolePM, "roadmap", 1, "\x1b]0;server stopped\x07"+strings.Repeat("\u202e", 1000))
	f.Score++
	post(t, base, body(t, f))
	f.Score--
	post(t, base, body(t, f))
	mu.Lock()
	defer mu.Unlock()
	if len(lines) != 2 {
		t.Fatalf("log: %q", lines)
	}
	for _, l := range lines {
		if strings.ContainsAny(l, "\x1b\x07\n\u202e") || len(l) > maxLine+40 {
			t.Errorf("log line is not clean: %q", l)
		}
	}
}

func TestEachAddressPostsAtItsPace(t *testing.T) {
	room := testRoom(t)
	_, base := serve(t, room, Options{PostBurst: 3, PostEvery: time.Hour})
	b := body(t, game(t, room, sim.RolePM, "roadmap", 1, "Ada"))
	var codes []int
	for range 5 {
		code, _ := post(t, base, b)
		codes = append(codes, code)
	}
	if fmt.Sprint(codes) != "[201 200 200 429 429]" {
		t.Errorf("codes %v, want three answers then 429", codes)
	}
}

func TestAllowOriginNamesOneSite(t *testing.T) {
	room := testRoom(t)
	_, base := serve(t, room, Options{AllowOrigin: "https://game.example/"})
	for origin, want := range map[string]string{"https://game.example": "https://game.example", "https://other.example": ""} {
		req, _ := http.NewRequest("GET", base+"/api/config", nil)
		req.Header.Set("Origin", origin)
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = res.Body.Close() // only the status and headers are checked: nothing is lost
		if got := res.Header.Get("Access-Control-Allow-Origin"); got != want || (want == "") != (res.StatusCode == 403) {
			t.Errorf("Origin %s: %s, allow-origin %q", origin, res.Status, got)
		}
	}
}

// TestOwnScenarioRoom: a facilitator's own file is the room's scenario by content. Results that
// carry its TOML or its hash are stored (carrying the TOML, to replay anywhere); one naming
// only its id, or carrying the shipped file of that id, is not the room's game.
func TestOwnScenarioRoom(t *testing.T) {
	shipped := testRoom(t)
	own, err := results.Resolve("", "mine.toml", append(append([]byte(nil), shipped.Scenario.Source...), "\n# the facilitator's copy\n"...))
	if err != nil {
		t.Fatal(err)
	}
	room := Room{Scenario: own, Seed: 3, Roles: []sim.Role{sim.RolePM}}
	dir := t.TempDir()
	_, base := serve(t, room, Options{Results: dir, PostBurst: 100})
	g := game(t, room, sim.RolePM, "roadmap", 1, "Ada")
	withTOML, byHash, byID, shippedTOML := g, g, g, g
	withTOML.ScenarioSource = string(own.Source)
	byHash.ScenarioHash = own.Hash
	byHash.Player = "Bo"
	byHash.Actions = game(t, room, sim.RolePM, "random", 5, "Bo").Actions
	byHash.Summary = game(t, room, sim.RolePM, "random", 5, "Bo").Summary
	shippedTOML.ScenarioSource = string(shipped.Scenario.Source)
	for _, c := range []struct {
		name string
		f    results.File
		code int
	}{
		{"carrying the TOML", withTOML, 201},
		{"naming the hash", byHash, 201},
		{"naming only the id", byID, 422},
		{"carrying the shipped TOML of that id", shippedTOML, 422},
	} {
		if code, out := post(t, base, body(t, c.f)); code != c.code {
			t.Errorf("%s: %d %v, want %d", c.name, code, out, c.code)
		}
	}
	for _, e := range list(t, base).Games {
		f, err := results.Parse(mustRead(t, filepath.Join(dir, e.File)))
		if err != nil || f.ScenarioSource != string(own.Source) || f.ScenarioHash != own.Hash {
			t.Errorf("%s does not carry the room's scenario: %v", e.File, err)
		}
		if _, diff, err := results.ReplayFile(context.Background(), f); err != nil || len(diff) > 0 {
			t.Errorf("%s does not replay on its own: %v %v", e.File, err, diff)
		}
	}
	if r, ok, err := ReadRoom(dir); !ok || err != nil || r.Scenario.Shipped || r.Scenario.Hash != own.Hash {
		t.Errorf("room.json of an own scenario: %v %v", ok, err)
	}
}
