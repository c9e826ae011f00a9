// Package workshop is the server a facilitator runs in the room. The room is pinned: one
// scenario (by content), one seed, the roles handed out. The server hands out the browser build,
// collects the results file of every finished game, stores only honest ones (the room's game,
// finished, and its replay reproduces the result), keeps them durably in a folder (one file per
// game), and shows the room a live page comparing the roles.
//
// The endpoints, for the browser build and anyone else:
//
//	GET  /api/config    the room and where to post (see Config)
//	GET  /api/scenario  the room's scenario TOML
//	POST /api/results   a results file as the body; 201 {"id", "file", ...} when stored
//	GET  /api/results   the stored games, oldest first, and the files not counted (see List)
//	GET  /api/qr?role=R the QR code of a role's link, as SVG
//	GET  /room          the facilitator's page
//	...  /api/pair/...  pair games, with Options.Pairs (see pair_api.go)
//	GET  /...           the browser build's static files (from the web folder)
//
// Every request's work is bounded: bodies are capped, replays run on a few workers behind a
// bounded queue with a deadline and stop when their client leaves, each address may post only so
// often, and error bodies and log lines are short and free of control characters.
package workshop

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"twohats/game/disk"
	"twohats/game/results"
	"twohats/game/sim"
)

// MaxBody is the largest results file the server takes, in bytes.
const MaxBody = results.MaxFileBytes

// APIVersion is the version of the endpoint contract in Config.
const APIVersion = 2

// Config is what GET /api/config answers: the room, so the page (and the game in it) plays the
// room's scenario, seed and a room's role whatever its address says.
type Config struct {
	Server       string     `json:"server"`              // always "twohats-serve"
	API          int        `json:"api"`                 // APIVersion
	ResultsURL   string     `json:"results_url"`         // where to POST a results file
	RoomURL      string     `json:"room_url"`            // the facilitator's page
	PairsURL     string     `json:"pairs_url,omitempty"` // where a pair player joins (POST), when the room referees pairs
	MaxBodyBytes int        `json:"max_body_bytes"`      // larger posts are refused with 413
	ResultFormat int        `json:"results_format"`      // the results file format the server reads
	Room         RoomConfig `json:"room"`
}

// RoomConfig is the room as the page needs it.
type RoomConfig struct {
	Scenario     string `json:"scenario"` // its id
	Title        string `json:"title"`
	ScenarioHash string `json:"scenario_hash"` // results.Hash of its TOML
	// Shipped is false for a facilitator's own scenario file: the page then fetches ScenarioURL
	// and hands the TOML to the game.
	Shipped     bool   `json:"shipped"`
	ScenarioURL string `json:"scenario_url"`
	Seed        uint64 `json:"seed"`
	Roles       []Link `json:"roles"`
}

// Link is one role's link, to hand out.
type Link struct {
	Role  sim.Role `json:"role"`
	Title string   `json:"title"`
	Path  string   `json:"path"`          // relative to the server, e.g. "/?role=pm"
	URL   string   `json:"url,omitempty"` // the whole address players open, when known
}

// List is the answer to GET /api/results.
type List struct {
	Games      []Entry      `json:"games"`
	NotCounted []NotCounted `json:"not_counted"`
}

// Stored is the answer to an accepted POST /api/results.
type Stored struct {
	ID        string  `json:"id"`
	File      string  `json:"file"`
	Duplicate bool    `json:"duplicate"` // true when this very game was already stored: nothing new was written
	Player    string  `json:"player"`
	Try       int     `json:"try"` // 1 when it counts; 2 or more for a further try, listed but not counted
	Score     float64 `json:"score"`
	Grade     string  `json:"grade"`
}

// Options are the server's folders and limits. Zero values take the defaults.
type Options struct {
	Web         string // the browser build; "" for none
	Results     string // where results are stored; required
	AllowOrigin string // an origin (https://host) whose pages may call the API; "" for same origin only

	Workers       int           // replays at once (default: the cores)
	Queue         int           // replays waiting beyond those; more get 503 (default 128)
	ReplayTimeout time.Duration // one replay's deadline (default 10 s)
	PostBurst     int           // posts one address may make at once (default 10)
	PostEvery     time.Duration // then one more per this (default 3 s)

	Logf func(format string, args ...any) // where stored and refused games are reported

	// Pairs turns on pair rooms (see pairs.go): two players, one hat each, refereed here.
	Pairs          bool
	MaxPairs       int           // pairs held at once (default 200); the oldest stored ones make way
	MaxPairActions int           // actions one pair game may take (default 5000; a game takes ~150)
	PollWait       time.Duration // how long a long poll waits for news (default 25 s)
	AwayAfter      time.Duration // a seat unheard from this long is away (default 60 s)
	ActBurst       int           // actions and polls one address may send at once (default 300)
	ActEvery       time.Duration // then one more per this (default 10 ms: a person acts far slower, a bot pair on one machine is not held up)
	BotPolicy      string        // the colleague bot's policy for a seat the facilitator gives it (default roadmap)
}

// Server is the workshop server. Make one with New; it is an http.Handler, and Serve runs it.
type Server struct {
	room    Room
	o       Options
	web     *static
	logf    func(format string, args ...any)
	workers chan struct{}
	queue   chan struct{}
	limit   *limiter
	closing atomic.Bool

	ref       *referee               // the pair referee; nil without Options.Pairs
	joinLimit *limiter               // pair joins per address
	actLimit  *limiter               // pair actions and polls per address
	base      atomic.Pointer[string] // the address players open, once known

	mu         sync.Mutex
	led        *ledger
	notCounted []NotCounted
	nextSeq    int
	version    int // bumps when the list changes, for ETag
}

// New checks the folders, records the room beside the results, and reads (and replays) every
// result already stored there, so a restarted server lists every honest game and says which
// files it does not count.
func New(room Room, o Options) (*Server, error) {
	if room.Scenario.Sc == nil || len(room.Roles) == 0 {
		return nil, errors.New("workshop: the room needs a scenario and at least one role")
	}
	if o.Results == "" {
		return nil, errors.New("workshop: no results folder")
	}
	if o.Workers < 1 {
		o.Workers = max(1, runtime.GOMAXPROCS(0))
	}
	if o.Queue < 1 {
		o.Queue = 128
	}
	if o.ReplayTimeout <= 0 {
		o.ReplayTimeout = 10 * time.Second
	}
	if o.PostBurst < 1 {
		o.PostBurst = 10
	}
	if o.PostEvery <= 0 {
		o.PostEvery = 3 * time.Second
	}
	if o.MaxPairs < 1 {
		o.MaxPairs = DefaultMaxPairs
	}
	if o.MaxPairActions < 1 {
		o.MaxPairActions = DefaultMaxPairActions
	}
	if o.PollWait <= 0 {
		o.PollWait = DefaultPollWait
	}
	if o.AwayAfter <= 0 {
		o.AwayAfter = DefaultAwayAfter
	}
	if o.ActBurst < 1 {
		o.ActBurst = DefaultActBurst
	}
	if o.ActEvery <= 0 {
		o.ActEvery = DefaultActEvery
	}
	if o.BotPolicy == "" {
		o.BotPolicy = DefaultBotPolicy
	}
	if o.Pairs {
		if _, err := newSeatPlayer(o.BotPolicy, sim.HatPM); err != nil {
			return nil, fmt.Errorf("the colleague bot: %v", err)
		}
		if !room.HasRole(sim.RolePair) {
			room.Roles = append(room.Roles, sim.RolePair)
		}
	}
	if o.AllowOrigin != "" {
		u, err := url.Parse(o.AllowOrigin)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			return nil, fmt.Errorf("allowed origin %q: want scheme://host[:port], like https://example.org", o.AllowOrigin)
		}
		o.AllowOrigin = u.Scheme + "://" + u.Host
	}
	s := &Server{room: room, o: o, logf: func(string, ...any) {},
		workers: make(chan struct{}, o.Workers), queue: make(chan struct{}, o.Workers+o.Queue),
		limit: newLimiter(o.PostBurst, o.PostEvery), led: newLedger(), nextSeq: 1,
		joinLimit: newLimiter(o.PostBurst, o.PostEvery), actLimit: newLimiter(o.ActBurst, o.ActEvery)}
	if o.Logf != nil {
		s.logf = o.Logf
	}
	if err := os.MkdirAll(o.Results, 0o755); err != nil {
		return nil, fmt.Errorf("results folder: %w", err)
	}
	if o.Web != "" {
		if err := outside(o.Results, o.Web); err != nil {
			return nil, err
		}
		w, err := newStatic(o.Web, s.log)
		if err != nil {
			return nil, err
		}
		s.web = w
	}
	if err := disk.CheckWritable(o.Results); err != nil {
		return nil, fmt.Errorf("results folder %s cannot be written: %v", o.Results, unwrapPath(err))
	}
	if gone, err := disk.RemoveTemps(o.Results); err != nil {
		return nil, fmt.Errorf("results folder: %w", err)
	} else if len(gone) > 0 {
		s.log("removed %d temporary file(s) an interrupted write left", len(gone))
	}
	if old, ok, err := ReadRoom(o.Results); err == nil && ok && old.HasRole(sim.RolePair) && !room.HasRole(sim.RolePair) &&
		old.Scenario.Hash == room.Scenario.Hash && old.Seed == room.Seed {
		// The room played pairs before this start: their games still count (only no new ones).
		room.Roles = append(room.Roles, sim.RolePair)
		s.room = room
	}
	if err := WriteRoom(o.Results, room); err != nil {
		return nil, fmt.Errorf("results folder: %v", err)
	}
	fo, err := ReadFolder(context.Background(), o.Results, room)
	if err != nil {
		return nil, fmt.Errorf("results folder: %w", err)
	}
	s.led, s.notCounted, s.nextSeq = fo.ledger, fo.NotCounted, fo.nextSeq
	if o.Pairs {
		ref, err := newReferee(s)
		if err != nil {
			return nil, err
		}
		s.ref = ref
		// The pairs a stopped server left in play take up where they were.
		if err := ref.restore(); err != nil {
			return nil, fmt.Errorf("results folder: %v", err)
		}
	}
	return s, nil
}

// storedEntry is the entry of the stored file with content ID id, once it is on disk.
func (s *Server) storedEntry(id string) (Entry, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.led.byID[id]
	if !ok || s.led.entries[i].pending {
		return Entry{}, false
	}
	return s.led.entries[i], true
}

// outside refuses a results folder inside the web folder: the server would hand every player's
// results to anyone who asks.
func outside(results, web string) error {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		if r, err := filepath.EvalSymlinks(a); err == nil {
			return r
		}
		return a
	}
	r, w := abs(results), abs(web)
	if rel, err := filepath.Rel(w, r); err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
		return fmt.Errorf("the results folder %s is inside the web folder %s: everyone could download everyone's results; put it elsewhere", results, web)
	}
	return nil
}

// NotCountedFiles lists the files in the results folder the room does not count, with why.
func (s *Server) NotCountedFiles() []NotCounted {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]NotCounted(nil), s.notCounted...)
}

// Len is the number of stored games (counted or further tries).
func (s *Server) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.led.entries)
}

// Links are the room's links, one per role; whole addresses once Serve knows where it listens.
func (s *Server) Links() []Link {
	base := ""
	if b := s.base.Load(); b != nil {
		base = *b
	}
	var out []Link
	for _, r := range s.room.Roles {
		if r == sim.RolePair {
			continue // a pair joins through /api/pair/join (twohats join), not a link of the page yet
		}
		l := Link{Role: r, Title: r.Title(), Path: "/?role=" + r.String()}
		if base != "" {
			l.URL = base + l.Path
		}
		out = append(out, l)
	}
	return out
}

// SetBase sets the address players open (http://192.168.1.23:8080), for the links and QR codes.
func (s *Server) SetBase(base string) {
	base = strings.TrimRight(base, "/")
	s.base.Store(&base)
}

// Timeouts of the http.Server Serve runs: a client gets this long for its headers, its whole
// request, the answer, and between requests on one connection. Static files get longer to
// download (see static.go) since the game is megabytes on a crowded Wi-Fi.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 30 * time.Second
	WriteTimeout      = 60 * time.Second
	IdleTimeout       = 60 * time.Second
	ShutdownTimeout   = 15 * time.Second
)

// Serve answers on ln until ctx ends, then stops gracefully: new posts are refused with 503,
// the posts in flight are finished and stored, and Serve returns.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          nil,
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	if s.ref != nil {
		stopKeep := s.ref.keep()
		defer stopKeep()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.closing.Store(true)
	if s.ref != nil {
		s.ref.wake() // long polls answer now instead of holding the shutdown up
	}
	shut, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	err := hs.Shutdown(shut)
	if s.ref != nil {
		s.ref.wg.Wait() // finished pair games are stored before Serve returns
	}
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

// ServeHTTP routes a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	switch p := r.URL.Path; {
	case strings.HasPrefix(p, "/api/"):
		if !s.cors(w, r) {
			return
		}
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		switch p {
		case "/api/results":
			switch r.Method {
			case http.MethodPost:
				s.post(w, r)
			case http.MethodGet, http.MethodHead:
				s.list(w, r)
			default:
				h.Set("Allow", "GET, POST, OPTIONS")
				apiError(w, http.StatusMethodNotAllowed, "use GET to list results or POST to send one")
			}
		case "/api/config":
			h.Set("Cache-Control", "no-store")
			writeJSON(w, http.StatusOK, s.config())
		case "/api/scenario":
			h.Set("Content-Type", "text/plain; charset=utf-8")
			h.Set("Cache-Control", "no-cache")
			h.Set("ETag", `"`+s.room.Scenario.Hash[:16]+`"`)
			http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(s.room.Scenario.Source))
		case "/api/qr":
			s.qr(w, r)
		default:
			if s.ref != nil && strings.HasPrefix(p, "/api/pair/") {
				s.servePair(w, r)
				return
			}
			apiError(w, http.StatusNotFound, "no such endpoint: "+oneLine(p))
		}
	case p == "/room" || p == "/room/":
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:")
		_, _ = w.Write(roomPage)
	case s.web != nil:
		s.web.ServeHTTP(w, r)
	case p == "/":
		h.Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><title>Two Hats</title><p style="font:24px sans-serif">This server has no browser build (start it with --web). The facilitator's page is <a href="/room">/room</a>.</p>`)
	default:
		http.NotFound(w, r)
	}
}

// cors allows the API to the page's own origin and, when set, the one allowed origin. A request
// from any other origin that could change something is refused: a page a player happens to open
// must not post results in their name or read the room.
func (s *Server) cors(w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true // not from a browser page, or a same-origin GET
	}
	if u, err := url.Parse(origin); err == nil && u.Host == r.Host {
		return true
	}
	if s.o.AllowOrigin != "" && origin == s.o.AllowOrigin {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", s.o.AllowOrigin)
		h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Content-Type, X-Seat-Token, X-Room-Key")
		h.Add("Vary", "Origin")
		return true
	}
	apiError(w, http.StatusForbidden, "requests from other sites are refused (the server allows only its own pages; see --allow-origin)")
	return false
}

func (s *Server) config() Config {
	sc := s.room.Scenario
	return Config{
		Server: "twohats-serve", API: APIVersion, ResultsURL: "/api/results", RoomURL: "/room", PairsURL: s.pairsURL(),
		MaxBodyBytes: int(s.maxBody()), ResultFormat: results.Format,
		Room: RoomConfig{Scenario: sc.ID, Title: sc.Sc.Title, ScenarioHash: sc.Hash, Shipped: sc.Shipped,
			ScenarioURL: "/api/scenario", Seed: s.room.Seed, Roles: s.Links()},
	}
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	tag := fmt.Sprintf(`"%d-%d"`, s.version, len(s.led.entries))
	var out List
	if r.Header.Get("If-None-Match") != tag {
		out = List{Games: s.led.settled(), NotCounted: append([]NotCounted{}, s.notCounted...)}
	}
	s.mu.Unlock()
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("ETag", tag)
	if r.Header.Get("If-None-Match") == tag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) post(w http.ResponseWriter, r *http.Request) {
	from := clientAddr(r)
	if s.closing.Load() {
		w.Header().Set("Retry-After", "10")
		w.Header().Set("Connection", "close")
		apiError(w, http.StatusServiceUnavailable, "the server is stopping; send the results again when it is back")
		return
	}
	if wait, ok := s.limit.allow(from, time.Now()); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait/time.Second)+1))
		apiError(w, http.StatusTooManyRequests, "too many results from this address; wait a little and send again")
		return
	}
	limit := s.maxBody()
	if r.ContentLength > limit {
		apiError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("a results file of this room is at most %d bytes", limit))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			apiError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("a results file of this room is at most %d bytes", limit))
			return
		}
		apiError(w, http.StatusBadRequest, "could not read the body: "+oneLine(err.Error()))
		return
	}
	f, err := results.Parse(body)
	if err != nil {
		s.log("refused a post from %s: %s", from, oneLine(err.Error()))
		apiError(w, http.StatusBadRequest, oneLine(err.Error()))
		return
	}
	stored, code, err := s.Submit(r.Context(), f)
	if err != nil {
		if code == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", "2")
		}
		s.log("refused %s (%s, seed %d) from %s: %s", quoteName(f.Player), oneLine(f.Role.String()), f.Seed, from, oneLine(err.Error()))
		apiError(w, code, oneLine(err.Error()))
		return
	}
	writeJSON(w, code, stored)
}

// GameBytes is how large a results file's own part (everything but a carried scenario) may be:
// a whole game's records and decisions take about 15 KiB.
const GameBytes = 256 << 10

// maxBody is the largest post the room takes: a game and, for a facilitator's own scenario, its
// TOML (the page sends it back); never more than MaxBody. Anything larger is refused unread.
func (s *Server) maxBody() int64 {
	n := int64(GameBytes)
	if !s.room.Scenario.Shipped {
		n += 2 * int64(len(s.room.Scenario.Source)) // JSON may escape some of it
	}
	return min(n, MaxBody)
}

// Submit checks a parsed results file (Room.Check, on a worker behind the bounded queue) and
// stores it durably before answering. It returns what was stored and the HTTP status: 201 stored,
// 200 already stored, 409 another player's game, 422 not the room's honest finished game, 503
// busy or stopping, 500 when the folder could not be written.
func (s *Server) Submit(ctx context.Context, f results.File) (Stored, int, error) {
	if f.Role == sim.RolePair {
		return Stored{}, http.StatusUnprocessableEntity, errors.New("a pair game's results are stored by the room's referee as the game ends; they cannot be posted")
	}
	return s.submit(ctx, f)
}

// submit is Submit for any of the room's games, the pair referee's included.
func (s *Server) submit(ctx context.Context, f results.File) (Stored, int, error) {
	if rf := s.room.screen(f); rf != nil {
		return Stored{}, rf.Code, rf
	}
	select {
	case s.queue <- struct{}{}:
	default:
		return Stored{}, http.StatusServiceUnavailable, errors.New("the server is busy replaying other results; send again in a moment")
	}
	defer func() { <-s.queue }()
	ctx, cancel := context.WithTimeout(ctx, s.o.ReplayTimeout)
	defer cancel()
	select {
	case s.workers <- struct{}{}:
	case <-ctx.Done():
		return Stored{}, http.StatusServiceUnavailable, errors.New("the server was too busy to replay the game in time; send again")
	}
	clean, syncs, rf := s.room.check(ctx, f)
	<-s.workers
	if rf != nil {
		return Stored{}, rf.Code, rf
	}
	b, err := clean.Marshal()
	if err != nil {
		return Stored{}, http.StatusInternalServerError, err
	}

	// Decide and reserve under the lock; write (and fsync, the slow part) outside it, so one
	// player's disk write does not queue everyone else's.
	s.mu.Lock()
	e, dup, rf := s.led.admit(clean, b, syncs)
	if rf != nil {
		s.mu.Unlock()
		return Stored{}, rf.Code, rf
	}
	if dup >= 0 {
		s.mu.Unlock()
		if e.pending {
			return Stored{}, http.StatusServiceUnavailable, errors.New("this game is being stored right now; send again in a moment to see it stored")
		}
		return Stored{ID: e.ID, File: e.File, Duplicate: true, Player: e.Player, Try: e.Try, Score: e.Score, Grade: e.Grade}, http.StatusOK, nil
	}
	e.seq = s.nextSeq
	e.File = fmt.Sprintf("%04d-%s-%s-%s%s.json", e.seq, slug(clean.Scenario), clean.Role, slugPlayer(e.Player), e.ID)
	e.pending = true
	s.nextSeq++
	s.led.add(e)
	s.mu.Unlock()

	werr := disk.WriteFile(filepath.Join(s.o.Results, e.File), b)
	s.mu.Lock()
	if werr != nil {
		s.led.remove(e.ID)
		s.mu.Unlock()
		s.log("could not store %s: %s", e.File, oneLine(werr.Error()))
		return Stored{}, http.StatusInternalServerError, errors.New("the server could not store the result; tell the facilitator")
	}
	s.led.settle(e.ID)
	s.version++
	s.mu.Unlock()
	what := ""
	if e.Try > 1 {
		what = fmt.Sprintf(", try %d (listed, not counted)", e.Try)
	}
	if e.Bot {
		what += ", bot " + clean.Policy
	}
	s.log("stored %s: %s, %s, score %.1f (%s)%s", e.File, quoteName(e.Player), clean.Role.Title(), clean.Score, clean.Grade, what)
	return Stored{ID: e.ID, File: e.File, Player: e.Player, Try: e.Try, Score: e.Score, Grade: e.Grade}, http.StatusCreated, nil
}

// log writes one line, whatever the arguments hold: no control characters reach the terminal.
func (s *Server) log(format string, args ...any) {
	s.logf("%s", oneLine(fmt.Sprintf(format, args...)))
}

// maxLine is the longest error body or log line, in bytes.
const maxLine = 400

func oneLine(s string) string { return OneLine(s) }

// OneLine makes text safe for one line of a terminal or an error body: control and format
// characters (escape sequences, bidi overrides, new lines) are written as \x.. or \u....
// escapes, and it is cut to a few hundred bytes.
func OneLine(s string) string {
	var b strings.Builder
	for i, r := range s {
		if b.Len() >= maxLine {
			b.WriteString(fmt.Sprintf("… (%d more bytes)", len(s)-i))
			break
		}
		switch {
		case r == utf8.RuneError:
			b.WriteString(`\ufffd`)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// quoteName shows a typed name in a log line, quoted, or "(no name)".
func quoteName(p string) string {
	if p == "" {
		return "(no name)"
	}
	if len(p) > 4*MaxPlayer {
		p = p[:4*MaxPlayer]
	}
	return strconv.QuoteToGraphic(p)
}

// clientAddr is the address a request came from (its IP; proxies' headers are not believed).
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
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

// limiter lets each address post a burst, then one more every so often: a player posts once a
// game, a script that posts hundreds of files a second is slowed to that pace.
type limiter struct {
	mu    sync.Mutex
	burst int
	every time.Duration
	seen  map[string]bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(burst int, every time.Duration) *limiter {
	return &limiter{burst: burst, every: every, seen: map[string]bucket{}}
}

// allow takes a token for addr; when none is left it says how long until one is.
func (l *limiter) allow(addr string, now time.Time) (time.Duration, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.seen[addr]
	if !ok {
		b = bucket{tokens: float64(l.burst), at: now}
	}
	b.tokens = min(float64(l.burst), b.tokens+float64(now.Sub(b.at))/float64(l.every))
	b.at = now
	if b.tokens < 1 {
		l.seen[addr] = b
		return time.Duration((1 - b.tokens) * float64(l.every)), false
	}
	b.tokens--
	l.seen[addr] = b
	if len(l.seen) > 10000 { // forget the addresses whose buckets are full again
		for a, x := range l.seen {
			if x.tokens+float64(now.Sub(x.at))/float64(l.every) >= float64(l.burst) {
				delete(l.seen, a)
			}
		}
	}
	return 0, true
}

//go:embed room.html
var roomPage []byte
