package results

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"twohats/game/scenario"
	"twohats/game/sim"
	"twohats/scenarios"
)

// MaxSourceBytes is the largest scenario TOML a results file, a save or a room may carry: the
// loader's own cap, so a file the loader would refuse is refused before it is parsed.
const MaxSourceBytes = scenario.MaxFileBytes

// Scenario is a scenario as games name it: the id, the exact TOML it was parsed from, and that
// TOML's content hash. Two games are of the same scenario when their hashes are equal, whatever
// their ids say: an id is only a name anyone can reuse.
type Scenario struct {
	ID      string
	Source  []byte // the TOML, for a shipped scenario too
	Shipped bool   // the TOML is one of the shipped scenarios (then files need not carry it)
	Hash    string // Hash(Source)
	Sc      *scenario.Scenario
}

// Hash is the content hash of a scenario's TOML: hex SHA-256, the form results files, links and
// saves carry in scenario_hash.
func Hash(source []byte) string {
	sum := sha256.Sum256(source)
	return hex.EncodeToString(sum[:])
}

// Resolve is the one way a scenario is found from what a file or a link says: a shipped id when
// source is empty, else the TOML in source (name is what problems in it are reported against).
// It is pure: reading a file named on a command line is the caller's (see game/disk).
func Resolve(id, name string, source []byte) (Scenario, error) {
	if len(source) == 0 {
		src, ok := scenarios.Source(id)
		if !ok {
			return Scenario{}, fmt.Errorf("scenario %q is not shipped (shipped: %s) and no TOML came with it", id, strings.Join(scenarios.IDs(), ", "))
		}
		sc, err := scenarios.Load(id)
		if err != nil {
			return Scenario{}, err
		}
		return Scenario{ID: id, Source: src, Shipped: true, Hash: Hash(src), Sc: sc}, nil
	}
	if len(source) > MaxSourceBytes {
		return Scenario{}, fmt.Errorf("scenario %q: its TOML is %d bytes, more than the %d a scenario may have", id, len(source), MaxSourceBytes)
	}
	if name == "" {
		name = id + ".toml"
	}
	sc, err := scenario.Parse(name, source)
	if err != nil {
		return Scenario{}, err
	}
	s := Scenario{ID: sc.ID, Source: source, Hash: Hash(source), Sc: sc}
	if shipped, ok := scenarios.Source(sc.ID); ok && string(shipped) == string(source) {
		s.Shipped = true
	}
	return s, nil
}

// ScenarioOf resolves the scenario a results file names: the TOML it carries, or a shipped id.
func ScenarioOf(f File) (Scenario, error) {
	s, err := Resolve(f.Scenario, "", []byte(f.ScenarioSource))
	if err != nil {
		return Scenario{}, err
	}
	if f.ScenarioHash != "" && f.ScenarioHash != s.Hash {
		return Scenario{}, fmt.Errorf("the file's scenario_hash %.12s… is not the hash of the scenario it names (%.12s…)", f.ScenarioHash, s.Hash)
	}
	return s, nil
}

// Carry makes the file name the scenario by content: its hash always, its TOML when it is not
// shipped, so anyone can replay the file without the facilitator's scenario file.
func (f *File) Carry(s Scenario) {
	f.ScenarioHash = s.Hash
	f.ScenarioSource = ""
	if !s.Shipped {
		f.ScenarioSource = string(s.Source)
	}
}

// Same says whether a file is of scenario s, by content and without parsing anything the file
// carries: its TOML must be s's bytes, or its hash s's hash, or (carrying neither) its id must
// name s, shipped. This is the room's check; nil when it holds, else one line saying why not.
func (s Scenario) Same(f File) error {
	switch {
	case f.ScenarioSource != "":
		if f.ScenarioSource != string(s.Source) {
			return fmt.Errorf("the game's scenario is not the room's: the TOML it carries differs from the room's %s", s.ID)
		}
	case f.ScenarioHash != "":
		if f.ScenarioHash != s.Hash {
			return fmt.Errorf("the game's scenario is not the room's: its content hash differs from the room's %s", s.ID)
		}
	default:
		if !s.Shipped {
			return fmt.Errorf("the game names scenario %q without its content; the room plays its own %s", f.Scenario, s.ID)
		}
	}
	if f.Scenario != s.ID {
		return fmt.Errorf("the game names scenario %q; the room plays %s", f.Scenario, s.ID)
	}
	return nil
}

// DecisionError is a decision a replay cannot apply.
type DecisionError struct {
	N    int // 1-based
	Kind sim.ActionKind
	Err  error
}

func (e *DecisionError) Error() string {
	return fmt.Sprintf("decision %d (%s) does not apply: %v", e.N, e.Kind, e.Err)
}
func (e *DecisionError) Unwrap() error { return e.Err }

// Play is the one replay: saves, results files, the workshop and the debrief all rebuild a game
// through it. It starts the game and applies the decisions in order; observe, when set, sees the
// game at the start and after every decision. It stops with ctx's error between two decisions
// when ctx is done (a client gone, a deadline passed), so the engine itself needs no clock.
func Play(ctx context.Context, sc *scenario.Scenario, role sim.Role, seed uint64, actions []sim.Action, observe func(*sim.Game)) (*sim.Game, error) {
	if sc == nil {
		return nil, errors.New("no scenario to replay")
	}
	g, err := sim.New(sc, role, seed)
	if err != nil {
		return nil, err
	}
	if observe != nil {
		observe(g)
	}
	for i, a := range actions {
		if i&63 == 0 {
			if err := ctx.Err(); err != nil {
				return g, fmt.Errorf("replay stopped at decision %d of %d: %w", i+1, len(actions), err)
			}
		}
		if err := g.Apply(a); err != nil {
			return g, &DecisionError{N: i + 1, Kind: a.Kind, Err: err}
		}
		if observe != nil {
			observe(g)
		}
	}
	return g, nil
}
