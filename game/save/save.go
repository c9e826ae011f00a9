// Package save keeps a game in progress. A save is simply the replay, the part of a results file
// that rebuilds the game: the scenario (its id, and its TOML when it was loaded from a file), the
// role, the seed and every decision so far. Loading rebuilds the game through results.Play, the
// same replay that checks results files, which the engine makes deterministic.
//
// It holds no Ebitengine: the desktop and the browser give it a Store, and the title screen asks
// Decide whether the game a link starts is the saved one.
//
// A save that cannot be read (damaged, or written by another version) is reported with a clear
// message and is never overwritten without the player's say-so: see Guard.
package save

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"twohats/game/disk"
	"twohats/game/results"
	"twohats/game/sim"
	"twohats/scenarios"
)

// Version is the save format this build writes and reads. Version 2: the engine's chance comes in
// strands, so a version 1 save's decisions no longer lead to the game it saved. Version 3: the
// outcome model and the shipped scenarios changed with results format 3, for the same reason.
// Version 4: they changed again, with results format 4. Version 5: again, with results format 5.
// Version 6: and with results format 6. Version 7: and with results format 7. Version 8: and
// with results format 8.
const Version = 8

// MaxBytes is the largest save read: a scenario's TOML (results.MaxSourceBytes) and far more
// decisions than a game has.
const MaxBytes = 4 << 20

// File is one saved game.
type File struct {
	Version    int          `json:"version"`
	Scenario   string       `json:"scenario"`
	SourceName string       `json:"source_name,omitempty"` // the file a non-shipped scenario came from
	Source     string       `json:"source,omitempty"`      // that scenario's TOML
	Role       sim.Role     `json:"role"`
	Seed       uint64       `json:"seed"`
	Actions    []sim.Action `json:"actions"`
}

// Of makes the save of a game. source and sourceName are empty for a shipped scenario.
func Of(g *sim.Game, sourceName string, source []byte) File {
	return File{Version: Version, Scenario: g.Scenario().ID, SourceName: sourceName, Source: string(source),
		Role: g.Role(), Seed: g.Seed(), Actions: append([]sim.Action(nil), g.Actions()...)}
}

// Marshal writes the save as indented JSON.
func (f File) Marshal() ([]byte, error) {
	f.Version = Version
	if f.Actions == nil {
		f.Actions = []sim.Action{}
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Error is a save that cannot be used. Its message is written for the player.
type Error struct {
	Reason string
	Err    error
}

func (e *Error) Error() string { return e.Reason }
func (e *Error) Unwrap() error { return e.Err }

// ErrNone is returned by a Store that holds no save.
var ErrNone = errors.New("no saved game")

// Parse reads a save. A damaged file or one of another version is an *Error saying so.
func Parse(b []byte) (File, error) {
	var probe struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(b, &probe); err != nil {
		return File{}, &Error{Reason: "The saved game is damaged and cannot be read (" + err.Error() + ").", Err: err}
	}
	if probe.Version == nil {
		return File{}, &Error{Reason: "The saved game has no version number; it was not written by Two Hats."}
	}
	if *probe.Version != Version {
		when := "an older"
		if *probe.Version > Version {
			when = "a newer"
		}
		return File{}, &Error{Reason: fmt.Sprintf("The saved game was written by %s version of Two Hats (save format %d; this one reads format %d).", when, *probe.Version, Version)}
	}
	var f File
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return File{}, &Error{Reason: "The saved game is damaged and cannot be read (" + err.Error() + ").", Err: err}
	}
	if f.Scenario == "" {
		return File{}, &Error{Reason: "The saved game does not say which scenario it belongs to."}
	}
	if !f.Role.Valid() {
		return File{}, &Error{Reason: "The saved game does not say which role it was played in."}
	}
	return f, nil
}

// Rebuild replays a save into a game (results.Play). observe, if not nil, sees the game at the
// start and after every decision (the screens use it to rebuild their charts).
func Rebuild(f File, observe func(*sim.Game)) (*sim.Game, error) {
	sc, err := results.Resolve(f.Scenario, f.SourceName, []byte(f.Source))
	if err != nil {
		return nil, &Error{Reason: fmt.Sprintf("The saved game's scenario %q cannot be loaded: %v", f.Scenario, err), Err: err}
	}
	g, err := results.Play(context.Background(), sc.Sc, f.Role, f.Seed, f.Actions, observe)
	var de *results.DecisionError
	switch {
	case errors.As(err, &de):
		return nil, &Error{Reason: fmt.Sprintf("The saved game does not replay: decision %d of %d is refused (%v). The scenario may have changed since.", de.N, len(f.Actions), de.Err), Err: err}
	case err != nil:
		return nil, &Error{Reason: "The saved game cannot be started again: " + err.Error(), Err: err}
	}
	return g, nil
}

// ScenarioHash is the content hash of the save's scenario (results.Hash): of the TOML it
// carries, or of the shipped scenario it names. ok is false when it names no shipped scenario
// and carries none.
func (f File) ScenarioHash() (hash string, ok bool) {
	if f.Source != "" {
		return results.Hash([]byte(f.Source)), true
	}
	src, ok := scenarios.Source(f.Scenario)
	if !ok {
		return "", false
	}
	return results.Hash(src), true
}

// Link is the game a link (the desktop's flags, the browser's address, a workshop room) starts:
// the scenario by content, the role and the seed.
type Link struct {
	ScenarioHash string
	Role         sim.Role
	Seed         uint64
}

// LinkTo is the link of a game of scenario s (results.Resolve), role r and seed.
func LinkTo(s results.Scenario, r sim.Role, seed uint64) Link {
	return Link{ScenarioHash: s.Hash, Role: r, Seed: seed}
}

// Matches says whether the save is the link's game: the same scenario content, role and seed.
func (f File) Matches(l Link) bool {
	h, ok := f.ScenarioHash()
	return ok && h == l.ScenarioHash && f.Role == l.Role && f.Seed == l.Seed
}

// Verdict is what the title screen does with a link and the save it finds.
type Verdict int

// The verdicts, for Decide.
const (
	Fresh    Verdict = iota // no save: start the link's game
	Continue                // the save is the link's game: offer to continue it
	Replace                 // another game is saved: start the link's only once the player agrees to lose it
	Unusable                // the save cannot be read: keep it, and say the new game is not saved until the player chooses
)

func (v Verdict) String() string {
	return [...]string{"fresh", "continue", "replace", "unusable"}[v]
}

// Decide compares the link with what Open found: saved is the save (nil when none or
// unusable), problem is Guard.Problem.
func Decide(l Link, saved *File, problem error) Verdict {
	switch {
	case problem != nil:
		return Unusable
	case saved == nil:
		return Fresh
	case saved.Matches(l):
		return Continue
	}
	return Replace
}

// Store is where saves live: a file on the desktop, localStorage in the browser.
type Store interface {
	Load() ([]byte, error) // ErrNone when there is no save
	Save(b []byte) error
	Remove() error
	Where() string // for messages: a path, or "this browser"
}

// DirStore keeps the save as save.json in a directory.
type DirStore struct{ Dir string }

// DefaultDir is the game's directory under the user's configuration directory.
func DefaultDir() (string, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "twohats"), nil
}

func (s DirStore) path() string { return filepath.Join(s.Dir, "save.json") }

// Where is the save file's path.
func (s DirStore) Where() string { return s.path() }

// Load reads the save file.
func (s DirStore) Load() ([]byte, error) {
	b, err := disk.ReadFile(s.path(), MaxBytes)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNone
	}
	return b, err
}

// Save writes the save file durably (disk.WriteFile).
func (s DirStore) Save(b []byte) error {
	if err := os.MkdirAll(s.Dir, 0o755); err != nil {
		return err
	}
	return disk.WriteFile(s.path(), b)
}

// Remove deletes the save.
func (s DirStore) Remove() error {
	err := os.Remove(s.path())
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// MemStore keeps a save in memory: for tests and for autoplay, which must not touch the player's save.
type MemStore struct{ B []byte }

// Load returns the saved bytes.
func (m *MemStore) Load() ([]byte, error) {
	if m.B == nil {
		return nil, ErrNone
	}
	return m.B, nil
}

// Save keeps a copy, reusing the memory of the last one.
func (m *MemStore) Save(b []byte) error { m.B = append(m.B[:0], b...); return nil }

// Remove forgets the save.
func (m *MemStore) Remove() error { m.B = nil; return nil }

// Where says where it lives.
func (m *MemStore) Where() string { return "memory" }

// Guard is the one way the game writes saves. It reads what the store holds first; if that is a
// save it cannot read, it refuses to write over it until Allow is called (after asking the player).
type Guard struct {
	Store   Store
	Problem error // why the existing save is unusable, nil when it is fine or absent
	allowed bool
	inc     incremental
}

// incremental writes the save of a game in play after each decision without encoding it all
// again: the decisions already made never change, so their JSON is kept and only the new ones are
// encoded. The bytes are exactly File.Marshal's.
type incremental struct {
	g          *sim.Game
	sourceName string
	source     []byte
	head       []byte // the file up to the actions' opening bracket
	acts       []byte // the encoded actions so far, comma-separated
	n          int    // how many actions acts holds
	out        []byte
}

const actionsTail = "[]\n}\n"

func (w *incremental) encode(g *sim.Game, sourceName string, source []byte) ([]byte, error) {
	if w.g != g || w.sourceName != sourceName || string(w.source) != string(source) || len(g.Actions()) < w.n {
		f := File{Version: Version, Scenario: g.Scenario().ID, SourceName: sourceName, Source: string(source),
			Role: g.Role(), Seed: g.Seed()}
		b, err := f.Marshal()
		if err != nil {
			return nil, err
		}
		if !bytes.HasSuffix(b, []byte(actionsTail)) {
			return nil, errors.New("save: unexpected encoding")
		}
		w.g, w.sourceName, w.source = g, sourceName, append(w.source[:0], source...)
		w.head = b[:len(b)-len(actionsTail)]
		w.acts, w.n = w.acts[:0], 0
	}
	acts := g.Actions()
	for ; w.n < len(acts); w.n++ {
		b, err := json.MarshalIndent(acts[w.n], "    ", "  ")
		if err != nil {
			return nil, err
		}
		if w.n > 0 {
			w.acts = append(w.acts, ',')
		}
		w.acts = append(w.acts, "\n    "...)
		w.acts = append(w.acts, b...)
	}
	w.out = append(w.out[:0], w.head...)
	if w.n == 0 {
		w.out = append(w.out, actionsTail...)
		return w.out, nil
	}
	w.out = append(w.out, '[')
	w.out = append(w.out, w.acts...)
	w.out = append(w.out, "\n  ]\n}\n"...)
	return w.out, nil
}

// Open looks at the store and returns a Guard and the save found there (ok false when none or
// unusable; then Problem says why, if it is unusable).
func Open(st Store) (*Guard, File, bool) {
	g := &Guard{Store: st}
	if st == nil {
		return g, File{}, false
	}
	b, err := st.Load()
	if errors.Is(err, ErrNone) {
		return g, File{}, false
	}
	if err != nil {
		g.Problem = &Error{Reason: "The saved game cannot be read: " + err.Error(), Err: err}
		return g, File{}, false
	}
	f, err := Parse(b)
	if err != nil {
		g.Problem = err
		return g, File{}, false
	}
	return g, f, true
}

// Blocked reports whether writing would destroy a save the player has not agreed to lose.
func (g *Guard) Blocked() bool { return g.Problem != nil && !g.allowed }

// Allow lets the guard write over an unusable save: the player said yes.
func (g *Guard) Allow() { g.allowed = true }

// ErrBlocked is returned by Write while an unusable save is protected.
var ErrBlocked = errors.New("an unreadable saved game is kept until you agree to replace it")

// Write saves f, unless an unusable save is protected.
func (g *Guard) Write(f File) error {
	return g.store(f.Marshal)
}

// WriteGame saves the game in play, as Write(Of(g, sourceName, source)) would, but encodes only
// the decisions made since the last call for the same game. The store must not keep the bytes it
// is given past its Save call (both stores here copy or write them).
func (g *Guard) WriteGame(game *sim.Game, sourceName string, source []byte) error {
	return g.store(func() ([]byte, error) { return g.inc.encode(game, sourceName, source) })
}

// store encodes and saves, unless there is no store or an unusable save is protected.
func (g *Guard) store(encode func() ([]byte, error)) error {
	if g.Store == nil {
		return nil
	}
	if g.Blocked() {
		return ErrBlocked
	}
	b, err := encode()
	if err != nil {
		return err
	}
	if err := g.Store.Save(b); err != nil {
		return err
	}
	g.Problem = nil
	return nil
}

// Clear removes the save (a finished game leaves none), unless it is protected.
func (g *Guard) Clear() error {
	if g.Store == nil || g.Blocked() {
		return nil
	}
	return g.Store.Remove()
}
