package workshop

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"twohats/game/bot"
	"twohats/game/disk"
	"twohats/game/results"
	"twohats/game/sim"
)

// Room is the one game a workshop plays: one scenario, known by its content, one seed, and the
// roles handed out. Everyone in a role then faces the same world, so differences between players
// come from their decisions; a result of any other game is refused, whatever it claims.
type Room struct {
	Scenario results.Scenario
	Seed     uint64
	Roles    []sim.Role
}

// HasRole says whether the room hands out role r.
func (r Room) HasRole(x sim.Role) bool {
	for _, y := range r.Roles {
		if x == y {
			return true
		}
	}
	return false
}

func (r Room) roleList() string {
	var s []string
	for _, x := range r.Roles {
		s = append(s, x.String())
	}
	return strings.Join(s, ", ")
}

// RoomFileName is the file, beside the results, that says which room they were played in, so
// that `twohats debrief` on the folder applies the server's rules and shows what /room showed.
const RoomFileName = "room.json"

type roomFile struct {
	Scenario       string     `json:"scenario"`
	ScenarioHash   string     `json:"scenario_hash"`
	ScenarioSource string     `json:"scenario_source,omitempty"`
	Seed           uint64     `json:"seed"`
	Roles          []sim.Role `json:"roles"`
}

// WriteRoom records the room in dir (durably, as results are).
func WriteRoom(dir string, r Room) error {
	rf := roomFile{Scenario: r.Scenario.ID, ScenarioHash: r.Scenario.Hash, Seed: r.Seed, Roles: r.Roles}
	if !r.Scenario.Shipped {
		rf.ScenarioSource = string(r.Scenario.Source)
	}
	b, err := json.MarshalIndent(rf, "", "  ")
	if err != nil {
		return err
	}
	return disk.WriteFile(filepath.Join(dir, RoomFileName), append(b, '\n'))
}

// ReadRoom reads the room recorded in dir; ok is false when there is none.
func ReadRoom(dir string) (r Room, ok bool, err error) {
	b, err := disk.ReadFile(filepath.Join(dir, RoomFileName), MaxBody)
	if errors.Is(err, os.ErrNotExist) {
		return Room{}, false, nil
	}
	if err != nil {
		return Room{}, false, err
	}
	var rf roomFile
	if err := json.Unmarshal(b, &rf); err != nil {
		return Room{}, false, fmt.Errorf("%s: %v", RoomFileName, err)
	}
	sc, err := results.Resolve(rf.Scenario, RoomFileName, []byte(rf.ScenarioSource))
	if err != nil {
		return Room{}, false, fmt.Errorf("%s: %v", RoomFileName, err)
	}
	if sc.Hash != rf.ScenarioHash {
		return Room{}, false, fmt.Errorf("%s: the scenario's hash does not match its content", RoomFileName)
	}
	if len(rf.Roles) == 0 {
		return Room{}, false, fmt.Errorf("%s: no roles", RoomFileName)
	}
	return Room{Scenario: sc, Seed: rf.Seed, Roles: rf.Roles}, true, nil
}

// Refusal is a results file the room does not store: the HTTP status and one line saying why.
type Refusal struct {
	Code int
	Msg  string
	seq  *int // a stale pair action's: the game's action count
}

func (e *Refusal) Error() string { return e.Msg }

func refuse(code int, format string, a ...any) *Refusal {
	return &Refusal{Code: code, Msg: fmt.Sprintf(format, a...)}
}

// MaxProblems is how many differences a refusal lists before "and N more".
const MaxProblems = 3

// fewProblems joins the first MaxProblems problems and counts the rest.
func fewProblems(ps []string) string {
	if len(ps) <= MaxProblems {
		return strings.Join(ps, "; ")
	}
	return fmt.Sprintf("%s; and %d more", strings.Join(ps[:MaxProblems], "; "), len(ps)-MaxProblems)
}

// IsBot says whether a policy names a bot. A file's policy is what it claims: the replay
// reproduces a game whoever made its decisions, so a bot's game relabelled "human" cannot be told
// from a person's. The room marks what the file claims.
func IsBot(policy string) bool { return policy != "human" }

// screen refuses, without replaying, a file that is not of the room's game.
func (r Room) screen(f results.File) *Refusal {
	if err := r.Scenario.Same(f); err != nil {
		return refuse(http.StatusUnprocessableEntity, "%v", err)
	}
	if f.Seed != r.Seed {
		return refuse(http.StatusUnprocessableEntity, "the game was played on seed %d; the room plays seed %d", f.Seed, r.Seed)
	}
	if !r.HasRole(f.Role) {
		return refuse(http.StatusUnprocessableEntity, "the game was played as %s; the room hands out %s", f.Role, r.roleList())
	}
	names := []string{f.Policy}
	if pm, po, apart := results.SeatPolicies(f.Policy); apart && f.Role == sim.RolePair {
		names = []string{pm, po} // a pair's seats played apart: each must be a person or a bot
	}
	for _, name := range names {
		if name == "human" {
			continue
		}
		if len(name) > 40 {
			return refuse(http.StatusUnprocessableEntity, "policy is neither \"human\" nor a bot's name")
		}
		if _, err := bot.New(name, 0); err != nil {
			return refuse(http.StatusUnprocessableEntity, "policy %s is neither \"human\" nor a bot's name", strconv.QuoteToASCII(name))
		}
	}
	return nil
}

// Check replays a results file on the room's scenario and returns the file to store: the
// replay's own record (so the sprints and turning points are as trustworthy as the score), the
// player's name normalised, and the scenario carried by content. A file of another game, one
// that does not reproduce or a game not played to its end is refused with one line.
func (r Room) Check(ctx context.Context, f results.File) (results.File, *Refusal) {
	clean, _, rf := r.check(ctx, f)
	return clean, rf
}

// check is Check that also counts the game's syncs (for a pair game, how often the two synced).
func (r Room) check(ctx context.Context, f results.File) (results.File, int, *Refusal) {
	if rf := r.screen(f); rf != nil {
		return results.File{}, 0, rf
	}
	g, diff, err := results.Replay(ctx, f, r.Scenario.Sc)
	switch {
	case ctx.Err() != nil:
		return results.File{}, 0, refuse(http.StatusServiceUnavailable, "the replay took too long or its sender left; send it again")
	case err != nil:
		return results.File{}, 0, refuse(http.StatusUnprocessableEntity, "the game cannot be replayed: %v", err)
	case len(diff) > 0:
		return results.File{}, 0, refuse(http.StatusUnprocessableEntity, "the replay does not reproduce the recorded result: %s", fewProblems(diff))
	case !g.Over():
		return results.File{}, 0, refuse(http.StatusUnprocessableEntity, "the game is not finished: it stopped in sprint %d of %d", g.State().Sprint, g.Scenario().Sprints)
	}
	clean := results.FromGame(g, f.Policy)
	clean.Player = PlayerName(f.Player)
	if f.Role == sim.RolePair {
		pm, po := pairNames(f)
		setPairNames(&clean, PlayerName(pm), PlayerName(po))
	}
	clean.Carry(r.Scenario)
	return clean, gameSyncs(g), nil
}

// Entry is one stored game as GET /api/results lists it: the summary, who played, whether it
// counts, and the per-sprint figures the room's charts draw.
type Entry struct {
	ID   string `json:"id"`   // content hash of the stored file, stable across restarts
	File string `json:"file"` // the file's name in the results folder
	results.Summary
	Player string `json:"player"` // for a pair, both names: "PM name & PO name"
	// PM and PO are a pair game's two players (empty in solo games).
	PM string `json:"pm,omitempty"`
	PO string `json:"po,omitempty"`
	// Syncs is how many syncs the game held (for a pair, the two people's).
	Syncs int `json:"syncs"`
	// Bot is true when the file says a bot played (its policy is not "human"): what the file
	// claims, which the replay cannot check.
	Bot bool `json:"bot"`
	// Try is 1 for a player's first game in a role, 2 for the next, ...: only the first counts
	// in the charts and the debrief's table, later ones are listed as further tries. Anonymous
	// games are each a first try.
	Try             int       `json:"try"`
	SprintAlignment []float64 `json:"sprint_alignment"` // per sprint; -1 when nothing shipped that sprint
	SprintBurnout   []float64 `json:"sprint_burnout"`   // per sprint, at its end
	// Clean is the stored file.
	Clean   results.File `json:"-"`
	pending bool         // being written: not listed yet
	seq     int
	game    string
	name    string
}

// Counted says whether the entry is in the charts and the table.
func (e Entry) Counted() bool { return e.Try == 1 }

// NotCounted is a file in the results folder that the room does not count, and why.
type NotCounted struct {
	File string `json:"file"`
	Why  string `json:"why"`
}

// ledger is the room's list of games and the rules that decide what a new one is: a duplicate of
// one stored, a copy of another player's game, a further try, or a first game.
type ledger struct {
	entries []Entry
	byID    map[string]int
	byGame  map[string]int // the game's decisions, whoever played: one game, one entry
	tries   map[string]int // name key and role: how many games
}

func newLedger() *ledger {
	return &ledger{byID: map[string]int{}, byGame: map[string]int{}, tries: map[string]int{}}
}

// gameKey identifies the game apart from the name it was sent under and the policy it claims:
// the same decisions are the same game, whoever (or whatever) is said to have made them.
func gameKey(f results.File) string {
	f.Player, f.Policy = "", ""
	setPairNames(&f, "", "")
	b, _ := json.Marshal(f)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func contentID(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:6])
}

func (l *ledger) triesKey(name string, role sim.Role) string { return role.String() + "\x00" + name }

// admit decides what clean (whose stored bytes are b) is. dup is the index of the same game
// already stored under the same name (-1 when new); try is the entry's try number.
func (l *ledger) admit(clean results.File, b []byte, syncs int) (e Entry, dup int, rf *Refusal) {
	e = entryOf(clean, contentID(b))
	e.Syncs = syncs
	e.game, e.name = gameKey(clean), nameKey(clean.Player)
	if clean.Role == sim.RolePair {
		// A pair is its two names, in their seats: the same two in the other seats are another pair.
		if pm, po := nameKey(e.PM), nameKey(e.PO); pm != "" || po != "" {
			e.name = pm + "\x00" + po
		}
	}
	if i, ok := l.byGame[e.game]; ok {
		old := l.entries[i]
		if old.name == e.name {
			return old, i, nil
		}
		who := "anonymously"
		if old.Player != "" {
			who = "under the name " + strconv.QuoteToASCII(old.Player)
		}
		return Entry{}, -1, refuse(http.StatusConflict, "this very game is already stored %s (%s); one game counts once", who, old.File)
	}
	e.Try = 1
	if e.name != "" {
		e.Try = l.tries[l.triesKey(e.name, clean.Role)] + 1
	}
	return e, -1, nil
}

func (l *ledger) add(e Entry) {
	l.byID[e.ID] = len(l.entries)
	l.byGame[e.game] = len(l.entries)
	if e.name != "" {
		l.tries[l.triesKey(e.name, e.Role)]++
	}
	l.entries = append(l.entries, e)
}

// settle marks the entry written.
func (l *ledger) settle(id string) {
	if i, ok := l.byID[id]; ok {
		l.entries[i].pending = false
	}
}

// remove forgets an entry whose file could not be written.
func (l *ledger) remove(id string) {
	i, ok := l.byID[id]
	if !ok {
		return
	}
	old := l.entries
	*l = *newLedger()
	for j, e := range old {
		if j != i {
			l.add(e)
		}
	}
}

// settled is the list of entries that are on disk.
func (l *ledger) settled() []Entry {
	out := make([]Entry, 0, len(l.entries))
	for _, e := range l.entries {
		if !e.pending {
			out = append(out, e)
		}
	}
	return out
}

func entryOf(f results.File, id string) Entry {
	e := Entry{ID: id, Summary: f.Summary, Player: f.Player, Bot: IsBot(f.Policy), Clean: f,
		SprintAlignment: make([]float64, len(f.Sprints)), SprintBurnout: make([]float64, len(f.Sprints))}
	if f.Role == sim.RolePair {
		e.PM, e.PO = pairNames(f)
		e.Player = pairLabel(e.PM, e.PO)
	}
	for i, sp := range f.Sprints {
		e.SprintAlignment[i] = sp.Alignment
		if sp.Points <= 0 {
			e.SprintAlignment[i] = -1
		}
		e.SprintBurnout[i] = sp.Burnout
	}
	return e
}

// Folder is what a results folder holds for a room: the games it counts and lists, in the order
// they arrived, and the files it does not count, with why.
type Folder struct {
	Entries    []Entry
	NotCounted []NotCounted
	nextSeq    int
	ledger     *ledger
}

// FileTimeout bounds the replay of one stored file when a folder is read.
const FileTimeout = 10 * time.Second

// ReadFolder reads a room's results folder as the server does at start and `twohats debrief`
// does after: every *.json file is read (regular files only, at most MaxBody bytes), replayed on
// the room's game and passed through the same rules as a new result, in the order the files'
// names give (their arrival number). The server and the debrief call this one function, so the
// projector and the debrief always agree.
func ReadFolder(ctx context.Context, dir string, room Room) (*Folder, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	fo := &Folder{nextSeq: 1, ledger: newLedger()}
	type item struct {
		name  string
		seq   int
		clean results.File
		b     []byte
		why   string
		syncs int
	}
	var items []*item
	for _, de := range des {
		name := de.Name()
		if strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".json") || name == RoomFileName {
			continue
		}
		if !de.Type().IsRegular() {
			why := "not a regular file: not opened"
			switch {
			case de.IsDir():
				why = "a folder: not read"
			case de.Type()&os.ModeSymlink != 0:
				why = "a symbolic link: not followed"
			case de.Type()&os.ModeNamedPipe != 0:
				why = "a FIFO, not a regular file: not opened"
			case de.Type()&os.ModeDevice != 0:
				why = "a device, not a regular file: not opened"
			}
			fo.NotCounted = append(fo.NotCounted, NotCounted{name, why})
			continue
		}
		items = append(items, &item{name: name, seq: seqOf(name)})
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].seq != items[j].seq {
			return items[i].seq < items[j].seq
		}
		return items[i].name < items[j].name
	})
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for _, it := range items {
		if it.seq >= fo.nextSeq {
			fo.nextSeq = it.seq + 1
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			b, err := disk.ReadFile(filepath.Join(dir, it.name), MaxBody)
			if err != nil {
				it.why = oneLine(unwrapPath(err).Error())
				return
			}
			f, err := results.Parse(b)
			if err != nil {
				it.why = oneLine(err.Error())
				return
			}
			fctx, cancel := context.WithTimeout(ctx, FileTimeout)
			defer cancel()
			clean, syncs, rf := room.check(fctx, f)
			if rf != nil {
				it.why = oneLine(rf.Msg)
				return
			}
			it.clean, it.syncs = clean, syncs
			it.b, err = clean.Marshal()
			if err != nil {
				it.why = err.Error()
			}
		}()
	}
	wg.Wait()
	for _, it := range items {
		if it.why != "" {
			fo.NotCounted = append(fo.NotCounted, NotCounted{it.name, it.why})
			continue
		}
		e, dup, rf := fo.ledger.admit(it.clean, it.b, it.syncs)
		switch {
		case rf != nil:
			fo.NotCounted = append(fo.NotCounted, NotCounted{it.name, rf.Msg})
			continue
		case dup >= 0:
			fo.NotCounted = append(fo.NotCounted, NotCounted{it.name, "the same game as " + fo.ledger.entries[dup].File})
			continue
		}
		e.File, e.seq = it.name, it.seq
		fo.ledger.add(e)
	}
	fo.Entries = fo.ledger.entries
	sort.SliceStable(fo.NotCounted, func(i, j int) bool { return fo.NotCounted[i].File < fo.NotCounted[j].File })
	return fo, nil
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

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
