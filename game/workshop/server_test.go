package workshop

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"twohats/game/batch"
	"twohats/game/results"
	"twohats/game/scenario"
	"twohats/game/sim"
	"twohats/scenarios"
)

func load(id string, src []byte) (*scenario.Scenario, error) {
	if src != nil {
		return scenario.Parse(id+".toml", src)
	}
	return scenarios.Load(id)
}

// game plays a bot game and returns its results file.
func game(t testing.TB, scen string, role sim.Role, seed uint64, player string) results.File {
	t.Helper()
	sc, err := scenarios.Load(scen)
	if err != nil {
		t.Fatal(err)
	}
	g, err := batch.Play(batch.Job{Scenario: sc, Role: role, Policy: "roadmap", Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	f := results.FromGame(g, "roadmap")
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

func post(t testing.TB, url string, b []byte) (int, map[string]any) {
	t.Helper()
	res, err := http.Post(url+"/api/results", "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("answer is not JSON: %q", raw)
	}
	return res.StatusCode, out
}

func list(t testing.TB, url string) []Entry {
	t.Helper()
	res, err := http.Get(url + "/api/results")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/results: %s", res.Status)
	}
	var es []Entry
	if err := json.NewDecoder(res.Body).Decode(&es); err != nil {
		t.Fatal(err)
	}
	return es
}

func jsonFiles(t testing.TB, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, de := range des {
		if strings.HasPrefix(de.Name(), ".") {
			t.Errorf("left behind: %s", de.Name())
		}
		if strings.HasSuffix(de.Name(), ".json") {
			out = append(out, de.Name())
		}
	}
	return out
}

func start(t *testing.T, web, dir string) (*Server, *httptest.Server) {
	t.Helper()
	s, err := NewServer(web, dir, load)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s) // a real listener on 127.0.0.1, port chosen by the system
	t.Cleanup(ts.Close)
	return s, ts
}

// TestServeOverHTTP is the whole life of a workshop: sixty players post at once, a few posts
// are bad, the server restarts, and nothing is lost.
func TestServeOverHTTP(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "results")
	_, ts := start(t, "", dir)

	const players = 60
	bodies := make([][]byte, players)
	for i := range bodies {
		bodies[i] = body(t, game(t, "startup", sim.Roles[i%3], uint64(1+i/3), fmt.Sprintf("Player %d", i+1)))
	}
	var wg sync.WaitGroup
	codes := make([]int, players)
	ids := make([]string, players)
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := http.Post(ts.URL+"/api/results", "application/json", bytes.NewReader(bodies[i]))
			if err != nil {
				t.Error(err)
				return
			}
			defer res.Body.Close()
			var st Stored
			if err := json.NewDecoder(res.Body).Decode(&st); err != nil {
				t.Error(err)
			}
			codes[i], ids[i] = res.StatusCode, st.ID
		}()
	}
	wg.Wait()
	seen := map[string]bool{}
	for i, c := range codes {
		if c != http.StatusCreated {
			t.Errorf("post %d: status %d, want 201", i, c)
		}
		if ids[i] == "" || seen[ids[i]] {
			t.Errorf("post %d: id %q missing or repeated", i, ids[i])
		}
		seen[ids[i]] = true
	}
	if got := len(jsonFiles(t, dir)); got != players {
		t.Fatalf("%d files stored, want %d", got, players)
	}
	if got := len(list(t, ts.URL)); got != players {
		t.Fatalf("GET lists %d games, want %d", got, players)
	}

	// The same game again is recognised, not stored twice.
	if code, out := post(t, ts.URL, bodies[0]); code != http.StatusOK || out["duplicate"] != true || out["id"] != ids[0] {
		t.Errorf("repeat post: %d %v, want 200 duplicate with id %s", code, out, ids[0])
	}

	// Refusals: each with a message, none stored.
	big := bytes.Repeat([]byte(" "), MaxBody+1)
	tampered := game(t, "startup", sim.RolePM, 99, "Cheater")
	tampered.Score += 10
	badRole := strings.Replace(string(body(t, game(t, "startup", sim.RolePO, 98, ""))), `"role": "po"`, `"role": "cto"`, 1)
	refusals := []struct {
		name string
		body []byte
		code int
		want string
	}{
		{"oversize", big, http.StatusRequestEntityTooLarge, "at most"},
		{"bad JSON", []byte(`{"format": 1, "scenario": `), http.StatusBadRequest, "not a results file"},
		{"not a results file", []byte(`{"hello": "world"}`), http.StatusBadRequest, "not a results file"},
		{"bad role", []byte(badRole), http.StatusBadRequest, "unknown role"},
		{"tampered score", body(t, tampered), http.StatusUnprocessableEntity, "score:"},
		{"unknown scenario", []byte(strings.Replace(string(body(t, tampered)), `"scenario": "startup"`, `"scenario": "moonbase"`, 1)), http.StatusUnprocessableEntity, "moonbase"},
	}
	for _, tt := range refusals {
		code, out := post(t, ts.URL, tt.body)
		msg, _ := out["error"].(string)
		if code != tt.code || !strings.Contains(msg, tt.want) {
			t.Errorf("%s: %d %q, want %d with %q", tt.name, code, msg, tt.code, tt.want)
		}
	}
	// An oversize body of unknown length is cut off too.
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/results", io.MultiReader(bytes.NewReader(big)))
	req.ContentLength = -1
	if res, err := http.DefaultClient.Do(req); err != nil {
		t.Error(err)
	} else {
		res.Body.Close()
		if res.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("chunked oversize: %s, want 413", res.Status)
		}
	}
	if got := len(jsonFiles(t, dir)); got != players {
		t.Fatalf("after refusals %d files stored, want %d", got, players)
	}

	// A restarted server on the same folder lists every game, in the same order, and numbers on.
	before := list(t, ts.URL)
	ts.Close()
	_, ts2 := start(t, "", dir)
	after := list(t, ts2.URL)
	if len(after) != players {
		t.Fatalf("after restart %d games, want %d", len(after), players)
	}
	for i := range after {
		if after[i].ID != before[i].ID || after[i].Score != before[i].Score || after[i].Player != before[i].Player {
			t.Fatalf("after restart game %d is %+v, was %+v", i, after[i], before[i])
		}
	}
	code, out := post(t, ts2.URL, body(t, game(t, "startup", sim.RoleBoth, 500, "Late")))
	if code != http.StatusCreated || !strings.HasPrefix(out["file"].(string), fmt.Sprintf("%04d-", players+1)) {
		t.Errorf("post after restart: %d %v, want 201 numbered %d", code, out, players+1)
	}
}

func TestStoredFileIsTheReplay(t *testing.T) {
	dir := t.TempDir()
	s, err := NewServer("", dir, load)
	if err != nil {
		t.Fatal(err)
	}
	f := game(t, "pivot", sim.RolePO, 3, "  Ana\tMaría \x07 de la Cruz y Fernández de Córdoba y Salazar  ")
	f.Sprints[0].Value = 1e9 // the per-sprint record is not trusted; the replay's is stored
	st, code, err := s.Submit(f)
	if err != nil || code != http.StatusCreated {
		t.Fatalf("submit: %d %v", code, err)
	}
	if st.Player != "Ana María de la Cruz y Fernández de Córd" {
		t.Errorf("player %q", st.Player)
	}
	b, err := os.ReadFile(filepath.Join(dir, st.File))
	if err != nil {
		t.Fatal(err)
	}
	got, err := results.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.Sprints[0].Value == 1e9 {
		t.Error("stored the posted sprint record, not the replay's")
	}
	if !strings.HasPrefix(st.File, "0001-pivot-po-ana_mara_de_la_cruz-") {
		t.Errorf("file name %q", st.File)
	}
}

func TestPagesAndStatic(t *testing.T) {
	web := t.TempDir()
	os.WriteFile(filepath.Join(web, "index.html"), []byte("<!doctype html><title>game</title>"), 0o644)
	os.WriteFile(filepath.Join(web, "twohats.wasm"), []byte("\x00asm\x01\x00\x00\x00"), 0o644)
	_, ts := start(t, web, t.TempDir())
	tests := []struct {
		path, ctype, contains string
		code                  int
	}{
		{"/", "text/html", "<title>game</title>", 200},
		{"/twohats.wasm", "application/wasm", "asm", 200},
		{"/room", "text/html", "Two Hats: the room", 200},
		{"/api/config", "application/json", `"results_url":"/api/results"`, 200},
		{"/api/results", "application/json", "[]", 200},
		{"/api/nothing", "application/json", "no such endpoint", 404},
		{"/missing.js", "text/plain", "404", 404},
	}
	for _, tt := range tests {
		res, err := http.Get(ts.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tt.code || !strings.HasPrefix(res.Header.Get("Content-Type"), tt.ctype) || !strings.Contains(string(b), tt.contains) {
			t.Errorf("GET %s: %d %q %.60q; want %d %q containing %q", tt.path, res.StatusCode, res.Header.Get("Content-Type"), b, tt.code, tt.ctype, tt.contains)
		}
	}
	req, _ := http.NewRequest(http.MethodDelete, ts.URL+"/api/results", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("DELETE: %s", res.Status)
	}
}

func TestRestartSkipsUnreadableFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.json"), []byte("not json"), 0o644)
	os.WriteFile(filepath.Join(dir, ".tmp-0001-x.json-123"), []byte("half"), 0o644)
	os.WriteFile(filepath.Join(dir, "readme.txt"), []byte("hello"), 0o644)
	b := body(t, game(t, "tutorial", sim.RolePM, 1, "Sim"))
	os.WriteFile(filepath.Join(dir, "tutorial-pm-roadmap-1.json"), b, 0o644)
	s, err := NewServer("", dir, load)
	if err != nil {
		t.Fatal(err)
	}
	if s.Len() != 1 || len(s.Skipped()) != 1 || !strings.HasPrefix(s.Skipped()[0], "notes.json:") {
		t.Errorf("len %d, skipped %q", s.Len(), s.Skipped())
	}
	if _, err := NewServer(filepath.Join(dir, "readme.txt"), dir, load); err == nil {
		t.Error("a file as the web folder was accepted")
	}
}
