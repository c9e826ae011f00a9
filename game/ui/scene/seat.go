package scene

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"twohats/game/pairplay"
	"twohats/game/sim"
)

// Seat is where the player's decisions go. In a solo game (no Seat: Ctx.Seat is nil) a decision is
// applied to the local game at once. In a pair game the decision is sent to the workshop server,
// and the seat's game applies it only when the server has taken it, in the server's order with
// the partner's decisions, so that both players' screens show one game. The seat holds that one
// game: the screens read it and never apply a move to it themselves.
//
// A Seat is used by the game's own goroutine only; RemoteSeat talks to the network on its own.
type Seat interface {
	// Hat is the seat's hat.
	Hat() sim.Hat
	// Send hands a decision, checked against the game after its seq-th action, to the server.
	// When the game has moved on since (the partner's move came first), the decision is dropped
	// with a line in the news: the player looks again.
	Send(a sim.Action, seq int)
	// Pending reports whether a decision is on its way and not yet applied to the seat's game.
	Pending() bool
	// Catch applies to the seat's game what the room has answered since the last call (the
	// partner's moves, the seat's own once taken), each once, and returns the game (nil until
	// both seats are taken) and the news.
	Catch() (*sim.Game, SeatNews)
	// Close stops the seat's network work.
	Close()
}

// SeatNews is what a seat last heard from the server: the pair, and what went wrong.
type SeatNews struct {
	Pair pairplay.Pair
	// Started says the game has begun (both seats are taken) and the seat's game has every
	// action the room had when it last answered: a seat that comes back shows its game once it
	// has the game so far, not the first sprint's empty board before the moves come.
	Started bool
	Problem string // the last failure, "" when all is well: a refused move, a lost connection
	// ProblemN counts problems, so that one said twice shows twice.
	ProblemN int
	Code     string
	Name     string
	Token    string
	Hat      sim.Hat
	// File is the pair's results file as the room stored it (named FileName), once fetched: the
	// player's own copy, kept as a solo game's results are.
	File     []byte
	FileName string
}

// Link is what a RemoteSeat needs of the network client (pairplay.Client satisfies it). Its
// network half (Fetch, Post) runs on the seat's goroutine and touches nothing the rest changes;
// the rest (Apply and Sent, which change the one game, and the readers) runs on the game's.
type Link interface {
	Fetch(ctx context.Context, since, version int) (pairplay.Update, error)
	Post(ctx context.Context, req pairplay.ActionRequest) (pairplay.ActionReply, error)
	ResultsFile(ctx context.Context) ([]byte, error)
	Apply(u pairplay.Update) (bool, error)
	Sent(a sim.Action, reply pairplay.ActionReply) error
	Game() *sim.Game
	Seq() int
	Version() int
	Pair() pairplay.Pair
	Hat() sim.Hat
	Code() string
	Name() string
	Token() string
}

// RemoteSeat is a seat of a pair game played through the server. One goroutine waits on the
// network: it long-polls, and a decision cancels the poll so that it leaves at once. What the
// room answers is queued, and the game's goroutine applies it to the client's game in Catch:
// the seat's one game, which the screens show.
type RemoteSeat struct {
	link   Link
	cancel context.CancelFunc

	// The network goroutine's own account of the room: the actions it has been sent, the
	// game's action count, the pair's version and state and the seat's hat as last heard, where
	// the results went and how often fetching them failed. Only that goroutine touches them.
	since, seq, version int
	state               string
	hat                 sim.Hat
	result              *pairplay.Result
	fileTries           int
	fileDone            bool

	file     []byte // the results file, once fetched (the game's goroutine's)
	fileName string

	mu       sync.Mutex
	out      []outgoing // decisions waiting to leave
	pending  int        // decisions sent and not yet applied (or dropped)
	pollStop context.CancelFunc
	wake     chan struct{}
	in       []answer // what the room answered, for Catch to apply in order
	problem  string
	problemN int
}

// answer is one answer of the room: an update of a poll, the reply to a decision sent, a
// decision dropped (refused, or overtaken by the partner's move) with the line that says why,
// or the results file. Catch takes them in the order they came, so a decision stops being
// pending only once the game shows what the room made of it.
type answer struct {
	u       *pairplay.Update
	a       *sim.Action
	reply   pairplay.ActionReply
	dropped bool
	line    string // what to tell the player
	file    []byte
	name    string
}

// NewRemoteSeat starts following the pair through link; Close stops it.
func NewRemoteSeat(link Link) *RemoteSeat {
	ctx, cancel := context.WithCancel(context.Background())
	r := &RemoteSeat{link: link, cancel: cancel, wake: make(chan struct{}, 1),
		since: link.Seq(), seq: link.Pair().Seq, version: link.Version(), state: link.Pair().State, hat: link.Hat(),
		fileDone: link.Pair().State == pairplay.StateFailed} // a failed pair has no file to fetch
	go r.run(ctx)
	return r
}

// Hat is the seat's hat.
func (r *RemoteSeat) Hat() sim.Hat { return r.link.Hat() }

// outgoing is a decision and the number of actions of the game it was made on.
type outgoing struct {
	a   sim.Action
	seq int
}

// Send queues a decision and wakes the network goroutine.
func (r *RemoteSeat) Send(a sim.Action, seq int) {
	r.mu.Lock()
	r.out = append(r.out, outgoing{a, seq})
	r.pending++
	if r.pollStop != nil {
		r.pollStop()
	}
	r.mu.Unlock()
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Pending reports whether a decision has not come back yet.
func (r *RemoteSeat) Pending() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.pending > 0
}

// Catch applies the room's answers to the client's game, in the order they came.
func (r *RemoteSeat) Catch() (*sim.Game, SeatNews) {
	r.mu.Lock()
	in := r.in
	r.in = nil
	r.mu.Unlock()
	for _, x := range in {
		var err error
		switch {
		case x.u != nil:
			_, err = r.link.Apply(*x.u)
		case x.a != nil:
			err = r.link.Sent(*x.a, x.reply)
		case x.file != nil:
			r.file, r.fileName = x.file, x.name
		}
		if x.a != nil || x.dropped {
			r.mu.Lock()
			r.pending--
			r.mu.Unlock()
		}
		if x.line != "" {
			r.say("%s", x.line)
		}
		if err != nil {
			// Both ends run the one engine on the one order: this is a bug, said plainly.
			r.say("Out of step with the room: %v", err)
		}
	}
	l := r.link
	g := l.Game()
	r.mu.Lock()
	defer r.mu.Unlock()
	return g, SeatNews{Pair: l.Pair(), Started: g != nil && l.Seq() >= l.Pair().Seq, Problem: r.problem, ProblemN: r.problemN,
		Code: l.Code(), Name: l.Name(), Token: l.Token(), Hat: l.Hat(), File: r.file, FileName: r.fileName}
}

// Close stops the goroutine (a poll in flight is cancelled).
func (r *RemoteSeat) Close() { r.cancel() }

func (r *RemoteSeat) say(format string, args ...any) {
	r.mu.Lock()
	r.problem = fmt.Sprintf(format, args...)
	r.problemN++
	r.mu.Unlock()
}

// answered queues an answer for Catch.
func (r *RemoteSeat) answered(x answer) {
	r.mu.Lock()
	r.in = append(r.in, x)
	r.mu.Unlock()
}

// finished says whether the pair's game is over and its results stored or refused, and the room
// has sent every action of it. A seat that comes back to a settled pair has been sent none yet:
// it polls for them first, or its screens would end on an empty board.
func (r *RemoteSeat) finished() bool {
	return pairplay.Settled(r.state) && r.since >= r.seq
}

// run is the network goroutine: send what is queued, else poll, until the game's results are
// stored and the seat is closed.
func (r *RemoteSeat) run(ctx context.Context) {
	fails := 0
	for ctx.Err() == nil {
		r.mu.Lock()
		var a outgoing
		has := len(r.out) > 0
		if has {
			a, r.out = r.out[0], r.out[1:]
		}
		finished := !has && r.finished()
		var pctx context.Context
		if !has && !finished {
			var stop context.CancelFunc
			pctx, stop = context.WithCancel(ctx)
			r.pollStop = stop
		}
		r.mu.Unlock()
		var err error
		if has {
			err = r.send(ctx, a)
		} else if finished && !r.fileDone {
			err = r.fetchFile(ctx)
		} else if finished {
			select { // nothing more will come: wait for a decision (refused, there is no turn) or the end
			case <-ctx.Done():
			case <-r.wake:
			}
			continue
		} else {
			err = r.fetch(pctx)
			r.mu.Lock()
			r.pollStop()
			r.pollStop = nil
			r.mu.Unlock()
			if err != nil && pctx.Err() != nil && ctx.Err() == nil {
				err = nil // a decision cut the poll short
			}
		}
		if err == nil {
			fails = 0
			continue
		}
		if ctx.Err() != nil {
			return
		}
		fails++
		r.say("Connection to the room lost (%v); trying again…", err)
		select {
		case <-time.After(time.Duration(min(fails, 10)) * 300 * time.Millisecond):
		case <-ctx.Done():
			return
		}
	}
}

// fetch waits for news past what the room has sent and queues it.
func (r *RemoteSeat) fetch(ctx context.Context) error {
	u, err := r.link.Fetch(ctx, r.since, r.version)
	if err != nil {
		return err
	}
	r.since, r.seq, r.version, r.state, r.result = u.Since+len(u.Actions), u.Pair.Seq, u.Pair.Version, u.Pair.State, u.Pair.Result
	r.fileDone = r.fileDone || r.state == pairplay.StateFailed // no file to fetch
	if h, err := pairplay.ParseHat(u.Hat); err == nil && h != sim.HatNone {
		r.hat = h // the facilitator may seat a waiting player in another pair
	}
	r.answered(answer{u: &u})
	return nil
}

// send sends one decision. When the partner moved first (a stale sequence), the seat catches up
// and the decision is dropped, with a line: the player looks again. A decision the server
// refuses is dropped with its reason.
func (r *RemoteSeat) send(ctx context.Context, o outgoing) error {
	if r.state == pairplay.StateWaiting || r.since != o.seq {
		r.movedFirst() // made on a game the room's answers have overtaken
		return nil
	}
	reply, err := r.link.Post(ctx, pairplay.ActionRequest{Seq: o.seq, Action: o.a})
	var rf *pairplay.RefusedError
	switch {
	case err == nil:
		r.since, r.version = reply.Seq, max(r.version, reply.Version) // the next poll waits for the partner
		r.answered(answer{a: &o.a, reply: reply})
		return nil
	case errors.Is(err, pairplay.ErrStale):
		// The partner's move reached the room first: catch up, and let the player look again.
		err := r.fetch(ctx)
		r.movedFirst()
		return err
	case errors.As(err, &rf):
		r.answered(answer{dropped: true, line: "The room refused it: " + rf.Msg})
		return nil
	}
	// The network failed, perhaps after the room applied the decision: keep it for the next try,
	// the same action at the same seq, which the room then answers as applied (Again).
	r.mu.Lock()
	r.out = append([]outgoing{o}, r.out...)
	r.mu.Unlock()
	return err
}

// movedFirst drops a decision because the partner's move came first, and says so.
func (r *RemoteSeat) movedFirst() {
	r.answered(answer{dropped: true, line: fmt.Sprintf("The %s moved first: look again and decide (your move was not sent)", r.hat.Other())})
}

// fileTriesMax is how often the seat tries to fetch the stored results file before it says so.
const fileTriesMax = 5

// fetchFile fetches the results file the room stored, for the player to keep; a failure is
// tried again a few times, then said.
func (r *RemoteSeat) fetchFile(ctx context.Context) error {
	b, err := r.link.ResultsFile(ctx)
	if err == nil {
		r.fileDone = true
		name := "results-pair.json"
		if r.result != nil && r.result.File != "" {
			name = r.result.File
		}
		r.answered(answer{file: b, name: name})
		return nil
	}
	if r.fileTries++; r.fileTries < fileTriesMax && ctx.Err() == nil {
		return err
	}
	r.fileDone = true
	r.answered(answer{line: "The room stored the results; your copy could not be fetched: " + err.Error()})
	return nil
}
