package workshop

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
//
// The pairs whose games failed (the room could not store the results) are kept too, in a third
// list, with the line that says why and the game's actions when there is a game: they are
// settled as the stored ones are, and a seat that comes back after a restart is told the failure
// (and shown its game's end) as it was before, not that its pair is unknown. A server built
// before the list skips it and forgets them, as it did, so the format stays the same here too. A
// stored pair whose file has left the folder is failed while the file is missing but kept as
// stored, so the next start finds it again if the facilitator puts the file back. Every kept
// pair takes one of the room's places, and the oldest settled ones make way first.

// PairsFileName is the snapshot of the pairs in play, beside the results (not a results file:
// the folder's readers skip it).
const PairsFileName = "pairs-in-play.state"

// pairsFormat is the snapshot's version; a snapshot of another is set aside, not read. Format 2:
// the outcome model changed with results format 3, so a format 1 snapshot's moves no longer lead
// to the games it kept. Format 3: the model changed again with results format 4. Format 4: and
// with results format 5. Format 5: and with results format 6. Format 6: and with results format 7.
// Format 7: and with results format 8.
const pairsFormat = 7

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
	Failed       []failedRecord `json:"failed,omitempty"` // oldest first, like Pairs
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

// failedRecord is a pair whose game failed: it is over, and its results are not stored.
type failedRecord struct {
	Code  string        `json:"code"`
	Seats [2]seatRecord `json:"seats"`
	Note  string        `json:"note"` // why, as the seats and /room were told
	// Actions are the game's, when there was one: a seat that comes back is shown its end.
	Actions []sim.Action `json:"actions,omitempty"`
	Place   int          `json:"place"` // as storedRecord's
	// Retry is set when the store failed for a reason of the server's own (pair.retry): the next
	// start stores the game again. An older server skips it and keeps the pair failed.
	Retry bool `json:"retry,omitempty"`
}

type seatRecord struct {
	Name   string   `json:"name,omitempty"`
	Taken  bool     `json:"taken,omitempty"`
	Auto   string   `json:"auto,omitempty"`
	Bot    string   `json:"bot,omitempty"`
	Tokens []string `json:"tokens,omitempty"` // seatKey of each token that sits here
}

// snapshot is the room's pairs as the file keeps them: those in play with every action, the
// stored ones with their results file, the failed ones with why. Call it with the lock held.
func (r *referee) snapshot() pairsFile {
	f := pairsFile{Format: pairsFormat, ScenarioHash: r.s.room.Scenario.Hash, Seed: r.s.room.Seed, Key: r.key, Pairs: []pairRecord{}}
	const (
		inPlay = iota
		inStored
		inFailed
	)
	type at struct {
		list, i int
	}
	index := map[*pair]at{} // where each kept pair's record is (an append may move the records)
	for _, p := range r.order {
		var rec [2]seatRecord
		for i, st := range p.seats {
			rec[i] = seatRecord{Name: st.name, Taken: st.taken, Auto: st.auto, Bot: st.bot}
		}
		place := len(f.Pairs) + len(f.Stored) + len(f.Failed) // its place in the room's order
		switch {
		case p.state == pairplay.StateStored && p.result != nil || p.lost != nil:
			// A stored pair whose file has left the folder stays a stored one here: the next
			// start looks for its file again, which the facilitator may have put back.
			res := p.result
			if res == nil {
				res = p.lost
			}
			f.Stored = append(f.Stored, storedRecord{Code: p.code, Seats: rec, ID: res.ID, File: res.File, Place: place})
			index[p] = at{inStored, len(f.Stored) - 1}
		case p.state == pairplay.StateFailed:
			failed := failedRecord{Code: p.code, Seats: rec, Note: p.note, Place: place, Retry: p.retry}
			if p.g != nil {
				failed.Actions = p.g.Actions()
			}
			f.Failed = append(f.Failed, failed)
			index[p] = at{inFailed, len(f.Failed) - 1}
		case p.state == pairplay.StateWaiting || p.state == pairplay.StatePlaying || p.state == pairplay.StateOver:
			live := pairRecord{Code: p.code, Seats: rec}
			if p.g != nil {
				live.Actions = p.g.Actions()
			}
			f.Pairs = append(f.Pairs, live)
			index[p] = at{inPlay, len(f.Pairs) - 1}
		}
	}
	for key, ref := range r.seats {
		w, ok := index[ref.p]
		if !ok {
			continue
		}
		var st *seatRecord
		switch w.list {
		case inStored:
			st = &f.Stored[w.i].Seats[seatIx(ref.hat)]
		case inFailed:
			st = &f.Failed[w.i].Seats[seatIx(ref.hat)]
		default:
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
// version is set aside under another name; a pair in play whose actions no longer replay is
// dropped, with a log line. When the snapshot holds more pairs than the room takes now, the
// oldest settled ones (stored or failed) make way first, as they do for a new pair (makeRoom).
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
	settled := settledRecords(f)
	over := len(f.Pairs) + len(settled) - r.s.o.MaxPairs // the oldest settled ones make way
	live := f.Pairs
	for taken := 0; len(live) > 0 || len(settled) > 0; taken++ {
		if len(settled) > 0 && (len(live) == 0 || settled[0].place <= taken) {
			k := settled[0]
			settled = settled[1:]
			if over > 0 {
				over--
				continue
			}
			if k.stored != nil {
				r.restoreStored(*k.stored, entries, now)
			} else {
				r.restoreFailed(*k.failed, now)
			}
			continue
		}
		rec := live[0]
		live = live[1:]
		if err := r.restoreLive(rec, now); err != nil {
			return err
		}
	}
	if len(r.pairs) > 0 {
		done, failed := 0, 0
		for _, p := range r.order {
			switch p.state {
			case pairplay.StateStored:
				done++
			case pairplay.StateFailed:
				failed++
			}
		}
		r.s.log("%d pair(s) taken up from %s, %d of them with their games stored, %d failed", len(r.pairs), PairsFileName, done, failed)
	}
	return nil
}

// settledRecord is a kept pair whose game is settled: one of stored and failed is set.
type settledRecord struct {
	place  int
	stored *storedRecord
	failed *failedRecord
}

// settledRecords are the snapshot's stored and failed pairs in the room's order, oldest first,
// for restore to take up between the pairs in play where they were.
func settledRecords(f pairsFile) []settledRecord {
	out := make([]settledRecord, 0, len(f.Stored)+len(f.Failed))
	for i := range f.Stored {
		out = append(out, settledRecord{place: f.Stored[i].Place, stored: &f.Stored[i]})
	}
	for i := range f.Failed {
		out = append(out, settledRecord{place: f.Failed[i].Place, failed: &f.Failed[i]})
	}
	slices.SortStableFunc(out, func(a, b settledRecord) int { return cmp.Compare(a.place, b.place) })
	return out
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
		p.lost = &pairplay.Result{ID: rec.ID, File: rec.File}
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

// restoreFailed takes up a pair whose game failed: its seats and tokens, the line that says why,
// and its game rebuilt from the kept actions when they replay to the end here (else it is kept
// without a game, still failed, and its seats are told why). Call it with the lock held.
func (r *referee) restoreFailed(rec failedRecord, now time.Time) {
	code, ok := pairplay.NormalizeCode(rec.Code)
	if !ok || r.pairs[code] != nil || len(r.pairs) >= r.s.o.MaxPairs {
		return
	}
	p := r.newPair(code, rec.Seats, pairplay.StateFailed, now)
	p.note = oneLine(rec.Note)
	if p.note == "" {
		p.note = "the results could not be stored"
	}
	for i, st := range rec.Seats {
		// Names for /room and for the results file of a store tried again: the game is over, no
		// bot plays it.
		p.seats[i].bot, p.seats[i].auto = st.Bot, st.Auto
	}
	if n := len(rec.Actions); n > 0 && n <= r.s.o.MaxPairActions {
		g, err := sim.New(r.s.room.Scenario.Sc, sim.RolePair, r.s.room.Seed)
		for i := 0; err == nil && i < n; i++ {
			err = g.Apply(rec.Actions[i])
		}
		if err == nil && g.Over() {
			p.g = g
		} else {
			r.s.log("pair %s: the failed game kept in %s does not replay to its end here; the pair is kept without it", code, PairsFileName)
		}
	}
	r.add(p, rec.Seats)
	if rec.Retry && p.g != nil {
		// The last start could not store the game for a reason of its own; this one tries again,
		// as the end of a game does, and the seats hear how it went.
		r.s.log("pair %s: storing the results again (%s)", code, p.note)
		p.note = ""
		r.finish(p)
	}
}
