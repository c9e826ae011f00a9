package workshop

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"sync"
	"time"

	"twohats/game/pairplay"
	"twohats/game/results"
	"twohats/game/sim"
)

// The referee of pair games. Players join with a name; the first of a pair gets a pair code to
// tell a partner, who joins with it and takes the free hat. Each seat gets a secret token that
// every later request carries. The referee holds each pair's game, applies the seats' actions in
// one order (an action sent against a game that has moved on is refused, so the two clients never
// apply them in different orders), wakes the seats' long polls, lets the colleague bot play a seat
// the facilitator gives it, and, when the game ends, stores the pair's results file through the
// room's own store, replay-checked like every other file.

// Defaults of the pair options (see Options).
const (
	DefaultMaxPairs       = 200
	DefaultMaxPairActions = 5000
	DefaultPollWait       = 25 * time.Second
	DefaultAwayAfter      = 60 * time.Second
	DefaultActBurst       = 300
	DefaultActEvery       = 10 * time.Millisecond
	DefaultBotPolicy      = "roadmap"
	// maxPollsPerSeat is how many long polls one seat may hold open at once (a few browser tabs).
	maxPollsPerSeat = 4
	// storeTimeout bounds the replay and write of a finished pair game.
	storeTimeout = 30 * time.Second
)

// referee holds the room's pairs. One lock guards them all: an action is microseconds of engine
// work, far less than its network round trip.
type referee struct {
	s   *Server
	key string // the facilitator's key, for the endpoints that change a pair from /room

	mu      sync.Mutex
	pairs   map[string]*pair   // by code
	seats   map[string]seatRef // by seatKey of the token
	changes int                // bumps with every pair's change, for the snapshot (pair_store.go)
	order   []*pair            // oldest first
	wg      sync.WaitGroup     // stores in flight
}

type seatRef struct {
	p   *pair
	hat sim.Hat
}

// pair is one pair's game and seats. Fields are guarded by referee.mu.
type pair struct {
	r       *referee
	code    string
	seats   [2]seat // the PM's, the PO's
	g       *sim.Game
	state   string
	version int
	changed chan struct{} // closed (and replaced) on every change: wakes the long polls
	result  *pairplay.Result
	note    string
	// retry says a failed store failed for a reason of the server's own (a full disk, a
	// read-only folder), which may be gone when it starts again: the next start stores the
	// game again. A refusal (the game counts once, it does not replay) is final.
	retry bool
	// lost is the stored results a pair taken up from the snapshot had, when their file has
	// left the folder: the pair is failed, and the snapshot keeps it as stored (pair_store.go).
	lost *pairplay.Result
}

type seat struct {
	name  string
	taken bool
	bot   string     // the policy the server plays the seat with, "" for a person
	auto  string     // the policy a headless client says plays the seat
	play  seatPlayer // the bot's seat player
	seen  time.Time  // the seat's client was last heard from
	polls int        // long polls open now
}

func seatIx(h sim.Hat) int {
	if h == sim.HatPO {
		return 1
	}
	return 0
}

func other(h sim.Hat) sim.Hat {
	if h == sim.HatPO {
		return sim.HatPM
	}
	return sim.HatPO
}

func newReferee(s *Server) (*referee, error) {
	key, err := secret(12)
	if err != nil {
		return nil, err
	}
	return &referee{s: s, key: key, pairs: map[string]*pair{}, seats: map[string]seatRef{}}, nil
}

// seatKey is what the referee keeps of a seat's token: its SHA-256, so the snapshot on disk
// (pair_store.go) holds no token a reader could use.
func seatKey(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// secret is n random bytes from the operating system, in hex: tokens nobody can guess.
func secret(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("no randomness for seat tokens: %v", err)
	}
	return hex.EncodeToString(b), nil
}

// newCode draws a pair code no pair holds.
func (r *referee) newCode() (string, error) {
	const n = len(pairplay.CodeAlphabet)
	for try := 0; try < 100; try++ {
		b := make([]byte, pairplay.CodeLen)
		if _, err := rand.Read(b); err != nil {
			return "", err
		}
		for i := range b {
			// 256 is not a multiple of 18: redraw the top values so every letter is as likely.
			for b[i] >= byte(256/n*n) {
				var one [1]byte
				if _, err := rand.Read(one[:]); err != nil {
					return "", err
				}
				b[i] = one[0]
			}
			b[i] = pairplay.CodeAlphabet[int(b[i])%n]
		}
		if _, taken := r.pairs[string(b)]; !taken {
			return string(b), nil
		}
	}
	return "", fmt.Errorf("no free pair code")
}

func (p *pair) bump() {
	p.version++
	p.r.changes++
	close(p.changed)
	p.changed = make(chan struct{})
}

// away says whether a person's seat has gone quiet: no poll open and none for a while.
func (r *referee) away(st *seat, now time.Time) bool {
	return st.taken && st.bot == "" && st.polls == 0 && now.Sub(st.seen) > r.s.o.AwayAfter
}

func (r *referee) view(p *pair, now time.Time) pairplay.Pair {
	live := p.state == pairplay.StateWaiting || p.state == pairplay.StatePlaying
	pl := func(st *seat) pairplay.Player {
		b := st.bot
		if b == "" {
			b = st.auto
		}
		return pairplay.Player{Name: st.name, Taken: st.taken, Away: live && r.away(st, now), Bot: b, Served: st.bot != ""}
	}
	out := pairplay.Pair{Code: p.code, State: p.state, Version: p.version, PM: pl(&p.seats[0]), PO: pl(&p.seats[1]),
		Result: p.result, Note: p.note}
	if p.g != nil {
		out.Seq = len(p.g.Actions())
		out.Sprint, out.Phase = p.g.State().Sprint, p.g.State().Phase.String()
		out.Syncs = gameSyncs(p.g)
	}
	return out
}

func (r *referee) gameInfo() pairplay.Game {
	sc := r.s.room.Scenario
	return pairplay.Game{Scenario: sc.ID, ScenarioHash: sc.Hash, Shipped: sc.Shipped, ScenarioURL: "/api/scenario",
		Seed: r.s.room.Seed, Role: sim.RolePair}
}

func (r *referee) seatAnswer(p *pair, h sim.Hat, token string, now time.Time) pairplay.Seat {
	return pairplay.Seat{Code: p.code, Hat: pairplay.HatName(h), Token: token, Name: p.seats[seatIx(h)].name,
		Game: r.gameInfo(), Pair: r.view(p, now)}
}

// makeRoom frees a place for a new pair when the room is full: the oldest pair whose game is
// stored (or failed) goes, its tokens with it, or else the oldest pair whose lone player went
// away before a partner came. It reports false when every pair is still live.
func (r *referee) makeRoom(now time.Time) bool {
	if len(r.pairs) < r.s.o.MaxPairs {
		return true
	}
	for i, p := range r.order {
		if pairplay.Settled(p.state) {
			r.drop(i)
			return true
		}
	}
	for i, p := range r.order {
		if p.state == pairplay.StateWaiting && (r.away(&p.seats[0], now) || r.away(&p.seats[1], now)) {
			r.drop(i)
			return true
		}
	}
	return false
}

func (r *referee) drop(i int) {
	p := r.order[i]
	delete(r.pairs, p.code)
	for tok, ref := range r.seats {
		if ref.p == p {
			delete(r.seats, tok)
		}
	}
	r.order = append(r.order[:i], r.order[i+1:]...)
}

// join seats a player: in a new pair without a code, else in the code's pair.
func (r *referee) join(req pairplay.JoinRequest, now time.Time) (pairplay.Seat, *Refusal) {
	name := PlayerName(req.Name)
	if name == "" {
		return pairplay.Seat{}, refuse(http.StatusBadRequest, "a name is needed to join a pair")
	}
	hat, err := pairplay.ParseHat(req.Hat)
	if err != nil {
		return pairplay.Seat{}, refuse(http.StatusBadRequest, "%v", err)
	}
	token, err := secret(16)
	if err != nil {
		return pairplay.Seat{}, refuse(http.StatusInternalServerError, "%v", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	var p *pair
	if req.Code == "" {
		if !r.makeRoom(now) {
			return pairplay.Seat{}, refuse(http.StatusServiceUnavailable, "the room is full (%d pairs are playing); ask the facilitator", r.s.o.MaxPairs)
		}
		code, err := r.newCode()
		if err != nil {
			return pairplay.Seat{}, refuse(http.StatusServiceUnavailable, "%v", err)
		}
		if hat == sim.HatNone {
			hat = sim.HatPM
		}
		p = &pair{r: r, code: code, state: pairplay.StateWaiting, changed: make(chan struct{})}
		r.pairs[code] = p
		r.order = append(r.order, p)
	} else {
		code, ok := pairplay.NormalizeCode(req.Code)
		if !ok {
			return pairplay.Seat{}, refuse(http.StatusBadRequest, "%s is not a pair code (%d letters from %s)", quoteName(req.Code), pairplay.CodeLen, pairplay.CodeAlphabet)
		}
		if p = r.pairs[code]; p == nil {
			return pairplay.Seat{}, refuse(http.StatusNotFound, "no pair has the code %s; check it with your partner", code)
		}
		free := sim.HatNone
		for _, h := range []sim.Hat{sim.HatPM, sim.HatPO} {
			if !p.seats[seatIx(h)].taken {
				free = h
				break
			}
		}
		switch {
		case free == sim.HatNone:
			return pairplay.Seat{}, refuse(http.StatusConflict, "pair %s is complete: both hats are taken", code)
		case hat != sim.HatNone && hat != free:
			return pairplay.Seat{}, refuse(http.StatusConflict, "the %s hat of pair %s is taken; the %s hat is free", hat, code, free)
		}
		hat = free
	}
	p.seats[seatIx(hat)] = seat{name: name, taken: true, seen: now, auto: req.Autoplay}
	r.seats[seatKey(token)] = seatRef{p: p, hat: hat}
	r.s.log("pair %s: %s joined as %s", p.code, quoteName(name), hat)
	r.settle(p, now)
	return r.seatAnswer(p, hat, token, now), nil
}

// settle starts the game once both seats are taken and lets the bots play their turns. Call it
// with the lock held after anything changes a pair; it wakes the pair's polls.
func (r *referee) settle(p *pair, now time.Time) {
	defer p.bump()
	if p.state == pairplay.StateWaiting && p.seats[0].taken && p.seats[1].taken {
		g, err := sim.New(r.s.room.Scenario.Sc, sim.RolePair, r.s.room.Seed)
		if err != nil {
			p.state, p.note = pairplay.StateFailed, oneLine(err.Error())
			return
		}
		p.g, p.state = g, pairplay.StatePlaying
		r.s.log("pair %s: %s (PM) and %s (PO) start", p.code, quoteName(p.seats[0].name), quoteName(p.seats[1].name))
	}
	if p.state != pairplay.StatePlaying {
		return
	}
	for steps := 0; !p.g.Over() && steps < r.s.o.MaxPairActions; steps++ {
		moved := false
		for _, h := range []sim.Hat{sim.HatPM, sim.HatPO} {
			st := &p.seats[seatIx(h)]
			if st.bot == "" || p.g.Over() || !canMove(p.g, h) || len(p.g.Actions()) >= r.s.o.MaxPairActions {
				continue
			}
			a := st.play.Next(p.g)
			a.Hat = h
			if err := p.g.Apply(a); err != nil {
				if p.g.Done(h) {
					continue // waiting, its answer to the other seat's sync was refused: it passes
				}
				// A bot that cannot move leaves its seat to the facilitator rather than loop.
				r.s.log("pair %s: the bot in the %s seat chose an illegal %s: %s", p.code, h, a.Kind, oneLine(err.Error()))
				st.bot, st.play = "", nil
				continue
			}
			moved = true
		}
		if !moved {
			break
		}
	}
	if p.g.Over() {
		r.finish(p)
	}
}

// finish stores a finished game's results in the background: the replay check and the durable
// write take milliseconds, and the seats' polls learn the outcome when it is done.
func (r *referee) finish(p *pair) {
	p.state = pairplay.StateOver
	var seat [2]string // who decided in each seat: the room's bot, a client's autoplay, or a person
	for i, st := range p.seats {
		switch {
		case st.bot != "":
			seat[i] = st.bot
		case st.auto != "":
			seat[i] = st.auto
		default:
			seat[i] = "human"
		}
	}
	policy := results.PairPolicy(seat[0], seat[1])
	f := pairFile(p.g, p.seats[0].name, p.seats[1].name, policy)
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
		defer cancel()
		st, code, err := r.s.submit(ctx, f)
		for code == http.StatusServiceUnavailable && ctx.Err() == nil && !r.s.closing.Load() {
			// Busy replaying others' results: the pair's game waits its turn rather than be lost.
			select {
			case <-time.After(500 * time.Millisecond):
			case <-ctx.Done():
			}
			st, code, err = r.s.submit(ctx, f)
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		if err != nil && code != http.StatusOK {
			p.state, p.note = pairplay.StateFailed, "the results could not be stored: "+oneLine(err.Error())
			p.retry = code >= http.StatusInternalServerError
			r.s.log("pair %s: %s", p.code, p.note)
		} else {
			p.state = pairplay.StateStored
			p.result = &pairplay.Result{ID: st.ID, File: st.File, Score: st.Score, Grade: st.Grade}
		}
		p.bump()
	}()
}

// auth finds the seat a token belongs to and marks it heard from.
func (r *referee) auth(token string, now time.Time) (seatRef, *Refusal) {
	ref, ok := r.seats[seatKey(token)]
	if token == "" || !ok {
		return seatRef{}, refuse(http.StatusForbidden, "the seat token is not one of this room's seats; join again")
	}
	ref.p.seats[seatIx(ref.hat)].seen = now
	return ref, nil
}

// seat answers who a token is.
func (r *referee) seat(token string, now time.Time) (pairplay.Seat, *Refusal) {
	r.mu.Lock()
	defer r.mu.Unlock()
	ref, rf := r.auth(token, now)
	if rf != nil {
		return pairplay.Seat{}, rf
	}
	return r.seatAnswer(ref.p, ref.hat, "", now), nil
}

// updates waits, up to the room's poll wait, for the pair to have actions past since or a
// version other than version (-1: only actions count), then answers them.
func (r *referee) updates(ctx context.Context, token string, since, version int) (pairplay.Update, *Refusal) {
	r.mu.Lock()
	ref, rf := r.auth(token, time.Now())
	if rf != nil {
		r.mu.Unlock()
		return pairplay.Update{}, rf
	}
	st := &ref.p.seats[seatIx(ref.hat)]
	if st.polls >= maxPollsPerSeat {
		r.mu.Unlock()
		return pairplay.Update{}, refuse(http.StatusTooManyRequests, "this seat has %d polls open already; close the other tabs", maxPollsPerSeat)
	}
	st.polls++
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		ref := r.seats[seatKey(token)] // the facilitator may have moved the seat meanwhile
		if ref.p != nil {
			st := &ref.p.seats[seatIx(ref.hat)]
			st.polls = max(0, st.polls-1)
			st.seen = time.Now()
		}
		r.mu.Unlock()
	}()
	timer := time.NewTimer(r.s.o.PollWait)
	defer timer.Stop()
	waited := false
	for {
		r.mu.Lock()
		ref, ok := r.seats[seatKey(token)]
		if !ok {
			r.mu.Unlock()
			return pairplay.Update{}, refuse(http.StatusGone, "the pair is no longer in the room")
		}
		p := ref.p
		n := 0
		if p.g != nil {
			n = len(p.g.Actions())
		}
		if since > n {
			r.mu.Unlock()
			return pairplay.Update{}, refuse(http.StatusBadRequest, "since=%d is past the game's %d actions", since, n)
		}
		if since < n || (version >= 0 && version != p.version) || waited || r.closing() {
			u := pairplay.Update{Hat: pairplay.HatName(ref.hat), Pair: r.view(p, time.Now()), Since: since, Actions: []sim.Action{}}
			if p.g != nil {
				u.Actions = append(u.Actions, p.g.Actions()[since:]...)
			}
			r.mu.Unlock()
			return u, nil
		}
		ch := p.changed
		r.mu.Unlock()
		select {
		case <-ch:
		case <-timer.C:
			waited = true // answer what there is: the client polls again
		case <-ctx.Done():
			return pairplay.Update{}, refuse(http.StatusServiceUnavailable, "the poll was cancelled")
		}
	}
}

func (r *referee) closing() bool { return r.s.closing.Load() }

// stored is where the token's pair's results file went, once the room has stored it.
func (r *referee) stored(token string) (pairplay.Result, *Refusal) {
	r.mu.Lock()
	defer r.mu.Unlock()
	ref, rf := r.auth(token, time.Now())
	if rf != nil {
		return pairplay.Result{}, rf
	}
	p := ref.p
	switch {
	case p.state == pairplay.StateFailed:
		return pairplay.Result{}, refuse(http.StatusConflict, "the pair's results were not stored: %s", p.note)
	case p.state != pairplay.StateStored || p.result == nil:
		return pairplay.Result{}, refuse(http.StatusConflict, "the pair's game is %s: its results file is not stored yet", p.state)
	}
	return *p.result, nil
}

// act applies one seat's action, if it is that seat's to take now.
func (r *referee) act(token string, req pairplay.ActionRequest) (pairplay.ActionReply, *Refusal) {
	now := time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	ref, rf := r.auth(token, now)
	if rf != nil {
		return pairplay.ActionReply{}, rf
	}
	p, st := ref.p, &ref.p.seats[seatIx(ref.hat)]
	a := req.Action
	if reply, ok := again(p, ref.hat, req); ok {
		return reply, nil // before the checks below: the game may have ended with this very move
	}
	switch {
	case p.state == pairplay.StateWaiting:
		return pairplay.ActionReply{}, refuse(http.StatusConflict, "the game has not started: the %s seat is still free", other(ref.hat))
	case p.state != pairplay.StatePlaying:
		return pairplay.ActionReply{}, refuse(http.StatusConflict, "the game is over")
	case st.bot != "":
		return pairplay.ActionReply{}, refuse(http.StatusConflict, "the colleague bot plays the %s seat now (the facilitator gave it the seat)", ref.hat)
	case a.Hat != sim.HatNone && a.Hat != ref.hat:
		return pairplay.ActionReply{}, refuse(http.StatusForbidden, "this seat wears the %s hat; it cannot act for the %s", ref.hat, a.Hat)
	}
	n := len(p.g.Actions())
	if req.Seq != n {
		return pairplay.ActionReply{}, &Refusal{Code: http.StatusConflict, seq: &n,
			Msg: fmt.Sprintf("the game has moved on: it has %d actions and this one was sent after %d; fetch the new ones and decide again", n, req.Seq)}
	}
	if n >= r.s.o.MaxPairActions {
		return pairplay.ActionReply{}, refuse(http.StatusUnprocessableEntity, "the game has reached %d actions, the room's limit", r.s.o.MaxPairActions)
	}
	a.Hat = ref.hat
	if err := p.g.Apply(a); err != nil {
		return pairplay.ActionReply{}, refuse(http.StatusUnprocessableEntity, "%s refused: %s", a.Kind.Title(), oneLine(err.Error()))
	}
	r.settle(p, now)
	return pairplay.ActionReply{Seq: n + 1, Version: p.version}, nil
}

// again recognises a resend: the request is the very action the game holds at the request's
// seq, and that action was this seat's. It is what a client sends when the answer to its action
// was lost after the room applied it (a dropped connection, a timeout), and it gets the answer
// the first send should have had, marked Again, so the client applies its own move instead of
// taking it for the partner's. Version is left 0: the pair may have changed since (the partner's
// moves, the game's end), and a client's next poll with its older version answers at once.
func again(p *pair, hat sim.Hat, req pairplay.ActionRequest) (pairplay.ActionReply, bool) {
	if p.g == nil || (req.Action.Hat != sim.HatNone && req.Action.Hat != hat) {
		return pairplay.ActionReply{}, false
	}
	done := p.g.Actions()
	if req.Seq >= len(done) || done[req.Seq].Hat != hat {
		return pairplay.ActionReply{}, false
	}
	a := req.Action
	a.Hat = hat
	if !sameAction(done[req.Seq], a) {
		return pairplay.ActionReply{}, false
	}
	return pairplay.ActionReply{Seq: req.Seq + 1, Again: true}, true
}

// list is every pair, newest first.
func (r *referee) list() pairplay.RoomList {
	now := time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	out := pairplay.RoomList{Pairs: make([]pairplay.Pair, 0, len(r.order)), Max: r.s.o.MaxPairs}
	for i := len(r.order) - 1; i >= 0; i-- {
		out.Pairs = append(out.Pairs, r.view(r.order[i], now))
	}
	return out
}

// giveBot lets the colleague bot play a seat that is free or whose player is away.
func (r *referee) giveBot(req pairplay.BotRequest) (pairplay.Pair, *Refusal) {
	hat, err := pairplay.ParseHat(req.Hat)
	if err != nil || hat == sim.HatNone {
		return pairplay.Pair{}, refuse(http.StatusBadRequest, "name the seat: hat pm or po")
	}
	code, ok := pairplay.NormalizeCode(req.Code)
	if !ok {
		return pairplay.Pair{}, refuse(http.StatusBadRequest, "%s is not a pair code", quoteName(req.Code))
	}
	now := time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.pairs[code]
	if p == nil {
		return pairplay.Pair{}, refuse(http.StatusNotFound, "no pair has the code %s", code)
	}
	st := &p.seats[seatIx(hat)]
	switch {
	case p.state != pairplay.StateWaiting && p.state != pairplay.StatePlaying:
		return pairplay.Pair{}, refuse(http.StatusConflict, "the game of pair %s is over", code)
	case st.bot != "":
		return pairplay.Pair{}, refuse(http.StatusConflict, "the bot plays the %s seat of pair %s already", hat, code)
	case st.taken && !r.away(st, now):
		return pairplay.Pair{}, refuse(http.StatusConflict, "%s is still at the %s seat of pair %s (a seat can go to the bot when it has been quiet for %s)", quoteName(st.name), hat, code, r.s.o.AwayAfter)
	}
	play, err := newSeatPlayer(r.s.o.BotPolicy, hat)
	if err != nil {
		return pairplay.Pair{}, refuse(http.StatusInternalServerError, "%v", err)
	}
	if !st.taken {
		st.name = "colleague bot"
	}
	st.taken, st.bot, st.play = true, r.s.o.BotPolicy, play
	r.s.log("pair %s: the colleague bot (%s) takes the %s seat", code, r.s.o.BotPolicy, hat)
	r.settle(p, now)
	return r.view(p, now), nil
}

// match seats the player waiting alone under the second code in the free seat of the first
// code's pair; the second pair closes. The moved player's token follows them.
func (r *referee) match(req pairplay.MatchRequest) (pairplay.Pair, *Refusal) {
	if len(req.Codes) != 2 {
		return pairplay.Pair{}, refuse(http.StatusBadRequest, "name two waiting pairs' codes")
	}
	var codes [2]string
	for i, c := range req.Codes {
		code, ok := pairplay.NormalizeCode(c)
		if !ok {
			return pairplay.Pair{}, refuse(http.StatusBadRequest, "%s is not a pair code", quoteName(c))
		}
		codes[i] = code
	}
	if codes[0] == codes[1] {
		return pairplay.Pair{}, refuse(http.StatusBadRequest, "a pair cannot be matched with itself")
	}
	now := time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	var ps [2]*pair
	for i, c := range codes {
		p := r.pairs[c]
		if p == nil {
			return pairplay.Pair{}, refuse(http.StatusNotFound, "no pair has the code %s", c)
		}
		if p.state != pairplay.StateWaiting || (p.seats[0].taken && p.seats[1].taken) || (!p.seats[0].taken && !p.seats[1].taken) {
			return pairplay.Pair{}, refuse(http.StatusConflict, "pair %s is not one player waiting for a partner", c)
		}
		ps[i] = p
	}
	free := sim.HatPM
	if ps[0].seats[0].taken {
		free = sim.HatPO
	}
	moved := ps[1].seats[0]
	if !moved.taken {
		moved = ps[1].seats[1]
	}
	ps[0].seats[seatIx(free)] = moved
	for tok, ref := range r.seats {
		if ref.p == ps[1] {
			r.seats[tok] = seatRef{p: ps[0], hat: free}
		}
	}
	for i, p := range r.order {
		if p == ps[1] {
			r.order = append(r.order[:i], r.order[i+1:]...)
			break
		}
	}
	delete(r.pairs, codes[1])
	ps[1].bump() // its polls wake, find the token moved, and answer the new pair
	r.s.log("pair %s: the facilitator seats %s (from pair %s) as %s", codes[0], quoteName(moved.name), codes[1], free)
	r.settle(ps[0], now)
	return r.view(ps[0], now), nil
}

// wake answers every open long poll, for a server that is stopping.
func (r *referee) wake() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, p := range r.pairs {
		p.bump()
	}
}
