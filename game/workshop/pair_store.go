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
// replays them, so a client that comes back with its token finds its game where it was.
//
// The pairs whose games are stored are kept too, without their actions (their results files
// have them): the code, the seats and their tokens, and which results file is theirs. So after a
// restart a seat's token still fetches the pair's copy of its results, and /room still lists the
// pair; the game is rebuilt from the stored file, which the server has read and replayed at
// start. They are in a list of their own, which a server built before it skips (forgetting the
// stored pairs, as it always did), so the format stays the same.

// PairsFileName is the snapshot of the pairs in play, beside the results (not a results file:
// the folder's readers skip it).
const PairsFileName = "pairs-in-play.state"

// pairsFormat is the snapshot's version; a snapshot of another is set aside, not read. Format 2:
// the outcome model changed with results format 3, so a format 1 snapshot's moves no longer lead
// to the games it kept. Format 3: the model changed again with results format 4. Format 4: and
// with results format 5.
const pairsFormat = 4

// keepEvery is how often a changed room's pairs are written.
const keepEvery = 2 * time.Second

// maxPairsFile bounds the snapshot read at start: every pair with every action it may take.
const maxPairsFile = 64 << 20

type pairsFile struct {
	Format       int            `json:"format"`
	ScenarioHash string         `json:"scenario_hash"`
	Seed         uint64         `json:"seed"`
	Key          string         `json:"key"`
	Pairs        []pairRecord   `json:"pairs"`
	Stored       []storedRecord `json:"stored,omitempty"` // oldest first, like Pairs
}

type pairRecord struct {
	Code    string        `json:"code"`
	Seats   [2]seatRecord `json:"seats"` // the PM's, the PO's
	Actions []sim.Action  `json:"actions"`
}

// storedRecord is a pair whose game the room has stored.
type storedRecord struct {
	Code  string        `json:"code"`
	Seats [2]seatRecord `json:"seats"`
	// ID and File are the stored results file's (Entry.ID, the content hash, finds it again).
	ID   string `json:"id"`
	File string `json:"file"`
	// Place is the pair's place in the room's order of all the pairs kept (Pairs and Stored,
	// oldest first), so the room lists them in the same order after a restart.
	Place int `json:"place"`
}

type seatRecord struct {
	Name   string   `json:"name,omitempty"`
	Taken  bool     `json:"taken,omitempty"`
	Auto   string   `json:"auto,omitempty"`
	Bot    string   `json:"bot,omitempty"`
	Tokens []string `json:"tokens,omitempty"` // seatKey of each token that sits here
}

// snapshot is the room's pairs as the file keeps them: those in play with every action, the
// stored ones with their results file. Call it with the lock held.
func (r *referee) snapshot() pairsFile {
	f := pairsFile{Format: pairsFormat, ScenarioHash: r.s.room.Scenario.Hash, Seed: r.s.room.Seed, Key: r.key, Pairs: []pairRecord{}}
	type at struct {
		stored bool
		i      int
	}
	index := map[*pair]at{} // where each kept pair's record is (an append may move the records)
	for _, p := range r.order {
		var rec [2]seatRecord
		for i, st := range p.seats {
			rec[i] = seatRecord{Name: st.name, Taken: st.taken, Auto: st.auto, Bot: st.bot}
		}
		switch {
		case p.state == pairplay.StateStored && p.result != nil:
			place := len(f.Pairs) + len(f.Stored)
			f.Stored = append(f.Stored, storedRecord{Code: p.code, Seats: rec, ID: p.result.ID, File: p.result.File, Place: place})
			index[p] = at{true, len(f.Stored) - 1}
		case p.state == pairplay.StateWaiting || p.state == pairplay.StatePlaying || p.state == pairplay.StateOver:
			live := pairRecord{Code: p.code, Seats: rec}
			if p.g != nil {
				live.Actions = p.g.Actions()
			}
			f.Pairs = append(f.Pairs, live)
			index[p] = at{false, len(f.Pairs) - 1}
		}
	}
	for key, ref := range r.seats {
		w, ok := index[ref.p]
		if !ok {
			continue
		}
		var st *seatRecord
		if w.stored {
			st = &f.Stored[w.i].Seats[seatIx(ref.hat)]
		} else {
			st = &f.Pairs[w.i].Seats[seatIx(ref.hat)]
		}
		st.Tokens = append(st.Tokens, key)
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
// with a log line. When the snapshot holds more pairs than the room takes now, the oldest stored
// ones make way first, as they do for a new pair (makeRoom).
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
	entries := map[string]Entry{} // the stored pairs' files, as the server read the folder
	for _, rec := range f.Stored {
		if e, ok := r.s.storedEntry(rec.ID); ok && e.Role == sim.RolePair {
			entries[rec.ID] = e
		}
	}
	now := time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	over := len(f.Pairs) + len(f.Stored) - r.s.o.MaxPairs // the oldest stored ones make way
	live, stored := f.Pairs, f.Stored
	for taken := 0; len(live) > 0 || len(stored) > 0; taken++ {
		if len(stored) > 0 && (len(live) == 0 || stored[0].Place <= taken) {
			rec := stored[0]
			stored = stored[1:]
			if over > 0 {
				over--
				continue
			}
			r.restoreStored(rec, entries, now)
			continue
		}
		rec := live[0]
		live = live[1:]
		if err := r.restoreLive(rec, now); err != nil {
			return err
		}
	}
	if len(r.pairs) > 0 {
		done := 0
		for _, p := range r.order {
			if p.state == pairplay.StateStored {
				done++
			}
		}
		r.s.log("%d pair(s) taken up from %s, %d of them with their games stored", len(r.pairs), PairsFileName, done)
	}
	return nil
}

// newPair is a pair taken up from the snapshot, with its seats as kept, not yet in the room.
func (r *referee) newPair(code string, seats [2]seatRecord, state string, now time.Time) *pair {
	p := &pair{r: r, code: code, state: state, changed: make(chan struct{})}
	for i, st := range seats {
		p.seats[i] = seat{name: PlayerName(st.Name), taken: st.Taken, auto: st.Auto, seen: now}
	}
	return p
}

// add puts a pair taken up from the snapshot in the room, with its seats' tokens.
func (r *referee) add(p *pair, seats [2]seatRecord) {
	r.pairs[p.code] = p
	r.order = append(r.order, p)
	for i, st := range seats {
		for _, key := range st.Tokens {
			if len(key) == 64 {
				r.seats[key] = seatRef{p: p, hat: []sim.Hat{sim.HatPM, sim.HatPO}[i]}
			}
		}
	}
}

// restoreLive takes up a pair in play: its game replayed, a bot's turn taken, a finished game
// stored. Call it with the lock held.
func (r *referee) restoreLive(rec pairRecord, now time.Time) error {
	code, ok := pairplay.NormalizeCode(rec.Code)
	if !ok || r.pairs[code] != nil || len(r.pairs) >= r.s.o.MaxPairs {
		return nil
	}
	p := r.newPair(code, rec.Seats, pairplay.StateWaiting, now)
	for i, st := range rec.Seats {
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
		if len(rec.Actions) > r.s.o.MaxPairActions {
			return nil
		}
		for i, a := range rec.Actions {
			if err := g.Apply(a); err != nil {
				r.s.log("pair %s: action %d of the kept game does not replay (%s): dropped", code, i+1, oneLine(err.Error()))
				return nil
			}
		}
		p.g, p.state = g, pairplay.StatePlaying
	}
	r.add(p, rec.Seats)
	r.settle(p, now) // a bot's turn, or a finished game to store
	return nil
}

// restoreStored takes up a stored pair: its seats and tokens, and its results file as the server
// read it from the folder, whose decisions rebuild the game (for /room and for a seat's poll).
// A pair whose file has left the folder is kept as failed, saying so, for the seats to be told.
// Call it with the lock held.
func (r *referee) restoreStored(rec storedRecord, entries map[string]Entry, now time.Time) {
	code, ok := pairplay.NormalizeCode(rec.Code)
	if !ok || r.pairs[code] != nil || len(r.pairs) >= r.s.o.MaxPairs {
		return
	}
	p := r.newPair(code, rec.Seats, pairplay.StateStored, now)
	for i, st := range rec.Seats {
		p.seats[i].bot = st.Bot // a name for /room: the game is over, no bot plays it
	}
	e, ok := entries[rec.ID]
	if !ok {
		p.state, p.note = pairplay.StateFailed, fmt.Sprintf("its results file %s is no longer in the results folder", oneLine(filepath.Base(rec.File)))
		r.s.log("pair %s: %s", code, p.note)
		r.add(p, rec.Seats)
		return
	}
	p.result = &pairplay.Result{ID: e.ID, File: e.File, Score: e.Score, Grade: e.Grade}
	g, err := sim.New(r.s.room.Scenario.Sc, sim.RolePair, r.s.room.Seed)
	for i := 0; err == nil && i < len(e.Clean.Actions); i++ {
		err = g.Apply(e.Clean.Actions[i])
	}
	if err == nil && g.Over() {
		p.g = g
	} else {
		// Not a reason to lose the pair: its file is still the players' to fetch.
		r.s.log("pair %s: the stored game in %s does not replay here; its seats can still fetch the file", code, e.File)
	}
	r.add(p, rec.Seats)
}
