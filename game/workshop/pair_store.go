package workshop

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"twohats/game/disk"
	"twohats/game/pairplay"
	"twohats/game/sim"
)

// The pairs in play survive a stopped or crashed server: every few seconds (and when Serve
// stops) the referee writes the live pairs (their codes, seats, the hashes of the seats' tokens
// and every action) to PairsFileName in the results folder, and a server started on the folder
// replays them, so a client that comes back with its token finds its game where it was. Stored
// games are not in it: their results files are.

// PairsFileName is the snapshot of the pairs in play, beside the results (not a results file:
// the folder's readers skip it).
const PairsFileName = "pairs-in-play.state"

// pairsFormat is the snapshot's version; a snapshot of another is set aside, not read. Format 2:
// the outcome model changed with results format 3, so a format 1 snapshot's moves no longer lead
// to the games it kept.
const pairsFormat = 2

// keepEvery is how often a changed room's pairs are written.
const keepEvery = 2 * time.Second

// maxPairsFile bounds the snapshot read at start: every pair with every action it may take.
const maxPairsFile = 64 << 20

type pairsFile struct {
	Format       int          `json:"format"`
	ScenarioHash string       `json:"scenario_hash"`
	Seed         uint64       `json:"seed"`
	Key          string       `json:"key"`
	Pairs        []pairRecord `json:"pairs"`
}

type pairRecord struct {
	Code    string        `json:"code"`
	Seats   [2]seatRecord `json:"seats"` // the PM's, the PO's
	Actions []sim.Action  `json:"actions"`
}

type seatRecord struct {
	Name   string   `json:"name,omitempty"`
	Taken  bool     `json:"taken,omitempty"`
	Auto   string   `json:"auto,omitempty"`
	Bot    string   `json:"bot,omitempty"`
	Tokens []string `json:"tokens,omitempty"` // seatKey of each token that sits here
}

// snapshot is the live pairs as the file keeps them. Call it with the lock held.
func (r *referee) snapshot() pairsFile {
	f := pairsFile{Format: pairsFormat, ScenarioHash: r.s.room.Scenario.Hash, Seed: r.s.room.Seed, Key: r.key, Pairs: []pairRecord{}}
	index := map[*pair]int{}
	for _, p := range r.order {
		if p.state != pairplay.StateWaiting && p.state != pairplay.StatePlaying && p.state != pairplay.StateOver {
			continue
		}
		rec := pairRecord{Code: p.code}
		for i, st := range p.seats {
			rec.Seats[i] = seatRecord{Name: st.name, Taken: st.taken, Auto: st.auto, Bot: st.bot}
		}
		if p.g != nil {
			rec.Actions = p.g.Actions()
		}
		index[p] = len(f.Pairs)
		f.Pairs = append(f.Pairs, rec)
	}
	for key, ref := range r.seats {
		if i, ok := index[ref.p]; ok {
			st := &f.Pairs[i].Seats[seatIx(ref.hat)]
			st.Tokens = append(st.Tokens, key)
		}
	}
	return f
}

// save writes the snapshot when the pairs changed since the last one.
func (r *referee) save(written *int) {
	r.mu.Lock()
	if r.changes == *written {
		r.mu.Unlock()
		return
	}
	f, changes := r.snapshot(), r.changes
	b, err := json.Marshal(f) // under the lock: the actions' slices are the games' own
	r.mu.Unlock()
	if err == nil {
		err = disk.WriteFile(filepath.Join(r.s.o.Results, PairsFileName), b)
	}
	if err != nil {
		r.s.log("could not keep the pairs in play: %s", oneLine(err.Error()))
		return
	}
	*written = changes
}

// keep writes the snapshot every keepEvery while the server runs; the function it returns stops
// it after a last write (call it once the stores in flight are done).
func (r *referee) keep() (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	written := -1
	go func() {
		defer close(finished)
		t := time.NewTicker(keepEvery)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				r.save(&written)
			case <-done:
				return
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		r.wg.Wait()
		r.save(&written)
	}
}

// restore replays the snapshot a server left in the folder. A snapshot of another room or
// version is set aside under another name; a pair whose actions no longer replay is dropped,
// with a log line.
func (r *referee) restore() error {
	path := filepath.Join(r.s.o.Results, PairsFileName)
	b, err := disk.ReadFile(path, maxPairsFile)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %v", PairsFileName, unwrapPath(err))
	}
	var f pairsFile
	if err := json.Unmarshal(b, &f); err != nil || f.Format != pairsFormat || f.ScenarioHash != r.s.room.Scenario.Hash || f.Seed != r.s.room.Seed {
		aside := path + ".old"
		r.s.log("the pairs in play in %s are of another room or version: set aside as %s", PairsFileName, filepath.Base(aside))
		return os.Rename(path, aside)
	}
	if f.Key != "" {
		r.key = f.Key
	}
	now := time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, rec := range f.Pairs {
		code, ok := pairplay.NormalizeCode(rec.Code)
		if !ok || r.pairs[code] != nil || len(r.pairs) >= r.s.o.MaxPairs {
			continue
		}
		p := &pair{r: r, code: code, state: pairplay.StateWaiting, changed: make(chan struct{})}
		for i, st := range rec.Seats {
			p.seats[i] = seat{name: PlayerName(st.Name), taken: st.Taken, auto: st.Auto, seen: now}
			if st.Bot != "" {
				play, err := newSeatPlayer(st.Bot, []sim.Hat{sim.HatPM, sim.HatPO}[i])
				if err == nil {
					p.seats[i].bot, p.seats[i].play = st.Bot, play
				}
			}
		}
		if p.seats[0].taken && p.seats[1].taken {
			g, err := sim.New(r.s.room.Scenario.Sc, sim.RolePair, r.s.room.Seed)
			if err != nil {
				return err
			}
			bad := len(rec.Actions) > r.s.o.MaxPairActions
			for i, a := range rec.Actions {
				if bad {
					break
				}
				if err := g.Apply(a); err != nil {
					r.s.log("pair %s: action %d of the kept game does not replay (%s): dropped", code, i+1, oneLine(err.Error()))
					bad = true
				}
			}
			if bad {
				continue
			}
			p.g, p.state = g, pairplay.StatePlaying
		}
		r.pairs[code] = p
		r.order = append(r.order, p)
		for i, st := range rec.Seats {
			for _, key := range st.Tokens {
				if len(key) == 64 {
					r.seats[key] = seatRef{p: p, hat: []sim.Hat{sim.HatPM, sim.HatPO}[i]}
				}
			}
		}
		r.settle(p, now) // a bot's turn, or a finished game to store
	}
	if len(r.pairs) > 0 {
		r.s.log("%d pair(s) in play taken up from %s", len(r.pairs), PairsFileName)
	}
	return nil
}
