// Package workshop is the server a facilitator runs in the room: it hands out the browser build,
// collects the results file of every finished game, checks each by replaying it, stores it in a
// folder (one file per game), and shows the room a live page comparing the roles.
//
// The endpoints, for the browser build and anyone else:
//
//	GET  /api/config   what this server is and where to post (see Config)
//	POST /api/results  a results file as the body; 201 {"id", "file", ...} when stored
//	GET  /api/results  the stored games, oldest first (see Entry)
//	GET  /room         the facilitator's page
//	GET  /...          the browser build's static files (from the web folder)
package workshop

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"twohats/game/results"
)

// MaxBody is the largest results file the server takes, in bytes.
const MaxBody = 1 << 20

// MaxPlayer is the longest display name kept, in characters; longer names are cut.
const MaxPlayer = 40

// APIVersion is the version of the endpoint contract in Config.
const APIVersion = 1

// Config is what GET /api/config answers, so a page can tell it was loaded from `twohats serve`.
type Config struct {
	Server       string `json:"server"`         // always "twohats-serve"
	API          int    `json:"api"`            // APIVersion
	ResultsURL   string `json:"results_url"`    // where to POST a results file
	RoomURL      string `json:"room_url"`       // the facilitator's page
	MaxBodyBytes int    `json:"max_body_bytes"` // larger posts are refused with 413
	ResultFormat int    `json:"results_format"` // the results file format the server reads
}

// Entry is one stored game as GET /api/results lists it: the summary, who played, and the
// per-sprint figures the room's charts draw.
type Entry struct {
	ID   string `json:"id"`   // content hash, stable across restarts
	File string `json:"file"` // the file's name in the results folder
	results.Summary
	Player          string    `json:"player"`
	SprintAlignment []float64 `json:"sprint_alignment"` // per sprint; -1 when nothing shipped that sprint
	SprintBurnout   []float64 `json:"sprint_burnout"`   // per sprint, at its end
	seq             int
}

// Stored is the answer to an accepted POST /api/results.
type Stored struct {
	ID        string  `json:"id"`
	File      string  `json:"file"`
	Duplicate bool    `json:"duplicate"` // true when this very game was already stored: nothing new was written
	Player    string  `json:"player"`
	Score     float64 `json:"score"`
	Grade     string  `json:"grade"`
}

// Server is the workshop server. It is an http.Handler; make one with NewServer.
type Server struct {
	web     http.Handler
	dir     string
	load    results.Loader
	logf    func(format string, args ...any)
	replays chan struct{} // bounds the replays running at once

	mu      sync.Mutex
	entries []Entry
	byID    map[string]int
	nextSeq int
	skipped []string
}

// NewServer serves the browser build from webDir (may be "" for none) and stores results in
// resultsDir, which it creates if needed. It reads the results already in the folder, so a
// restarted server lists every game. Files it cannot read are reported by Skipped and left alone.
func NewServer(webDir, resultsDir string, loader results.Loader) (*Server, error) {
	if loader == nil {
		return nil, errors.New("workshop: no scenario loader")
	}
	if resultsDir == "" {
		return nil, errors.New("workshop: no results folder")
	}
	s := &Server{
		dir: resultsDir, load: loader, byID: map[string]int{}, nextSeq: 1,
		logf:    func(string, ...any) {},
		replays: make(chan struct{}, max(1, runtime.GOMAXPROCS(0))),
	}
	if webDir != "" {
		st, err := os.Stat(webDir)
		if err != nil {
			return nil, fmt.Errorf("web folder: %w", err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("web folder %s is not a folder", webDir)
		}
		s.web = http.FileServer(http.Dir(webDir))
	}
	if err := os.MkdirAll(resultsDir, 0o755); err != nil {
		return nil, fmt.Errorf("results folder: %w", err)
	}
	if err := s.readFolder(); err != nil {
		return nil, err
	}
	return s, nil
}

// SetLog sets where the server reports stored and refused games (nothing by default).
func (s *Server) SetLog(logf func(format string, args ...any)) {
	if logf != nil {
		s.logf = logf
	}
}

// Skipped lists the files in the results folder that could not be read at start, with why.
func (s *Server) Skipped() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.skipped...)
}

// Len is the number of stored games.
func (s *Server) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}

// readFolder indexes the results already stored. It trusts them (they were checked when stored,
// or the facilitator put them there) and only parses them.
func (s *Server) readFolder() error {
	des, err := os.ReadDir(s.dir)
	if err != nil {
		return fmt.Errorf("results folder: %w", err)
	}
	for _, de := range des {
		name := de.Name()
		if de.IsDir() || strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".json") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(s.dir, name))
		if err != nil {
			s.skipped = append(s.skipped, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		f, err := results.Parse(b)
		if err != nil {
			s.skipped = append(s.skipped, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		id := contentID(b)
		if _, dup := s.byID[id]; dup {
			continue
		}
		seq := seqOf(name)
		if seq >= s.nextSeq {
			s.nextSeq = seq + 1
		}
		s.add(entryOf(f, id, name, seq))
	}
	sort.SliceStable(s.entries, func(i, j int) bool {
		a, b := s.entries[i], s.entries[j]
		if a.seq != b.seq {
			return a.seq < b.seq
		}
		return a.File < b.File
	})
	for i, e := range s.entries {
		s.byID[e.ID] = i
	}
	return nil
}

func (s *Server) add(e Entry) {
	s.byID[e.ID] = len(s.entries)
	s.entries = append(s.entries, e)
}

// seqOf reads the arrival number a stored file's name starts with (0 for other names).
func seqOf(name string) int {
	digits, _, ok := strings.Cut(name, "-")
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

func contentID(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:6])
}

func entryOf(f results.File, id, name string, seq int) Entry {
	e := Entry{ID: id, File: name, Summary: f.Summary, Player: f.Player, seq: seq,
		SprintAlignment: make([]float64, len(f.Sprints)), SprintBurnout: make([]float64, len(f.Sprints))}
	for i, sp := range f.Sprints {
		e.SprintAlignment[i] = sp.Alignment
		if sp.Points <= 0 {
			e.SprintAlignment[i] = -1
		}
		e.SprintBurnout[i] = sp.Burnout
	}
	return e
}

// ServeHTTP routes a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch p := r.URL.Path; {
	case p == "/api/results":
		cors(w)
		switch r.Method {
		case http.MethodPost:
			s.post(w, r)
		case http.MethodGet, http.MethodHead:
			s.list(w)
		case http.MethodOptions:
			w.WriteHeader(http.StatusNoContent)
		default:
			w.Header().Set("Allow", "GET, POST, OPTIONS")
			apiError(w, http.StatusMethodNotAllowed, "use GET to list results or POST to send one")
		}
	case p == "/api/config":
		cors(w)
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		writeJSON(w, http.StatusOK, Config{
			Server: "twohats-serve", API: APIVersion, ResultsURL: "/api/results", RoomURL: "/room",
			MaxBodyBytes: MaxBody, ResultFormat: results.Format,
		})
	case strings.HasPrefix(p, "/api/"):
		apiError(w, http.StatusNotFound, "no such endpoint: "+p)
	case p == "/room" || p == "/room/":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(roomPage)
	case s.web != nil:
		s.web.ServeHTTP(w, r)
	case p == "/":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><title>Two Hats</title><p style="font:24px sans-serif">This server has no browser build (start it with --web). The facilitator's page is <a href="/room">/room</a>.</p>`)
	default:
		http.NotFound(w, r)
	}
}

func cors(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
	h.Set("Access-Control-Allow-Headers", "Content-Type")
}

func (s *Server) list(w http.ResponseWriter) {
	s.mu.Lock()
	out := append([]Entry{}, s.entries...)
	s.mu.Unlock()
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) post(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength > MaxBody {
		apiError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("a results file is at most %d bytes", MaxBody))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			apiError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("a results file is at most %d bytes", MaxBody))
			return
		}
		apiError(w, http.StatusBadRequest, "could not read the body: "+err.Error())
		return
	}
	f, err := results.Parse(body)
	if err != nil {
		s.logf("refused a post from %s: %v", r.RemoteAddr, err)
		apiError(w, http.StatusBadRequest, err.Error())
		return
	}
	stored, code, err := s.Submit(f)
	if err != nil {
		s.logf("refused %s (%s, %s, seed %d) from %s: %v", displayName(f.Player), f.Scenario, f.Role, f.Seed, r.RemoteAddr, err)
		apiError(w, code, err.Error())
		return
	}
	writeJSON(w, code, stored)
}

// Refusal is a results file that parsed but is not a game the server will store.
type Refusal struct{ Msg string }

func (e Refusal) Error() string { return e.Msg }

// Submit replays a parsed results file and stores it when it reproduces. It returns what was
// stored and the HTTP status: 201 stored, 200 already stored, 422 refused (with the error), 500
// when the folder could not be written.
func (s *Server) Submit(f results.File) (Stored, int, error) {
	s.replays <- struct{}{}
	g, diff, err := results.Replay(f, s.load)
	<-s.replays
	if err != nil {
		return Stored{}, http.StatusUnprocessableEntity, Refusal{"the game cannot be replayed: " + err.Error()}
	}
	if len(diff) > 0 {
		return Stored{}, http.StatusUnprocessableEntity, Refusal{"the replay does not reproduce the recorded result: " + strings.Join(diff, "; ")}
	}
	// Store what the replay produced, so the sprint records and turning points are as
	// trustworthy as the score.
	clean := results.FromGame(g, f.Policy)
	clean.Player = cleanPlayer(f.Player)
	clean.ScenarioSource = f.ScenarioSource
	b, err := clean.Marshal()
	if err != nil {
		return Stored{}, http.StatusInternalServerError, err
	}
	id := contentID(b)

	s.mu.Lock()
	defer s.mu.Unlock()
	if i, ok := s.byID[id]; ok {
		e := s.entries[i]
		return Stored{ID: id, File: e.File, Duplicate: true, Player: e.Player, Score: e.Score, Grade: e.Grade}, http.StatusOK, nil
	}
	seq := s.nextSeq
	name := fmt.Sprintf("%04d-%s-%s-%s%s.json", seq, slug(clean.Scenario), clean.Role, slugPlayer(clean.Player), id)
	if err := writeAtomic(filepath.Join(s.dir, name), b); err != nil {
		s.logf("could not store %s: %v", name, err)
		return Stored{}, http.StatusInternalServerError, errors.New("the server could not store the result; tell the facilitator")
	}
	s.nextSeq++
	s.add(entryOf(clean, id, name, seq))
	s.logf("stored %s: %s, %s, score %.1f (%s)", name, displayName(clean.Player), clean.Role.Title(), clean.Score, clean.Grade)
	return Stored{ID: id, File: name, Player: clean.Player, Score: clean.Score, Grade: clean.Grade}, http.StatusCreated, nil
}

func displayName(p string) string {
	if p == "" {
		return "(no name)"
	}
	return strconv.Quote(p)
}

// cleanPlayer trims a display name, drops control characters and cuts it to MaxPlayer.
func cleanPlayer(p string) string {
	p = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, p)
	p = strings.Join(strings.Fields(p), " ")
	if utf8.RuneCountInString(p) > MaxPlayer {
		p = string([]rune(p)[:MaxPlayer])
	}
	return p
}

// slug keeps letters and digits of a name for a file name.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if b.Len() >= 20 {
			break
		}
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			// kept in the file, left out of its name
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
	}
	return strings.Trim(b.String(), "_")
}

func slugPlayer(p string) string {
	if s := slug(p); s != "" {
		return s + "-"
	}
	return ""
}

// writeAtomic writes a file whole or not at all: a synced temporary file in the same folder,
// renamed over the name.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write(buf.Bytes())
}

// apiError answers {"error": msg} with the status.
func apiError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}

//go:embed room.html
var roomPage []byte
