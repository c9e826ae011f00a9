package scene

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"twohats/game/pairplay"
	"twohats/game/scenario"
	"twohats/game/sim"
)

// Seat is where the player's decisions go. In a solo game (no Seat: Ctx.Seat is nil) a decision is
// applied to the local game at once. In a pair game the decision is sent to the workshop server,
// and the local game applies it only when the server's stream brings it back, in the server's
// order with the partner's decisions, so that both players' screens show one game.
//
// A Seat is used by the game's own goroutine only; RemoteSeat talks to the network on its own.
type Seat interface {
	// Hat is the seat's hat.
	Hat() sim.Hat
	// Send hands a decision, checked against the game after its seq-th action, to the server;
	// the stream brings it back. When the game has moved on since (the partner's move came
	// first), the decision is dropped with a line in the news: the player looks again.
	Send(a sim.Action, seq int)
	// Pending reports whether a decision is on its way and not yet back.
	Pending() bool
	// Take returns the actions the stream has brought since the local game's n-th, and the pair
	// as last heard.
	Take(n int) ([]sim.Action, SeatNews)
	// Close stops the seat's network work.
	Close()
}

// SeatNews is what a seat last heard from the server: the pair, and what went wrong.
type SeatNews struct {
	Pair    pairplay.Pair
	Started bool   // the game has begun (both seats are taken)
	Problem string // the last failure, "" when all is well: a refused move, a lost connection
	// ProblemN counts problems, so that one said twice shows twice.
	ProblemN int
	Sc       *scenario.Scenario // the room's scenario, once known
	Seed     uint64
	Code     string
	Name     string
	Token    string
	Hat      sim.Hat
}

// Link is what a RemoteSeat needs of the network client (pairplay.Client satisfies it); tests
// give it a fake.
type Link interface {
	Poll(ctx context.Context) (bool, error)
	Send(ctx context.Context, a sim.Action) error
	Game() *sim.Game
	Pair() pairplay.Pair
	Hat() sim.Hat
	Code() string
	Name() string
	Token() string
	Seed() uint64
	Finished() bool
}

// RemoteSeat is a seat of a pair game played through the server. One goroutine owns the client:
// it long-polls, and a decision cancels the poll so that it leaves at once. What the client
// learns is copied for the game's goroutine, which applies it to its own game in Tick.
type RemoteSeat struct {
	link   Link
	cancel context.CancelFunc

	mu       sync.Mutex
	out      []outgoing // decisions waiting to leave
	sending  bool       // a decision is on its way
	pollStop context.CancelFunc
	wake     chan struct{}
	actions  []sim.Action // every action of the game so far, in the server's order
	news     SeatNews
}

// NewRemoteSeat starts following the pair through link; Close stops it.
func NewRemoteSeat(link Link) *RemoteSeat {
	ctx, cancel := context.WithCancel(context.Background())
	r := &RemoteSeat{link: link, cancel: cancel, wake: make(chan struct{}, 1)}
	r.publish()
	go r.run(ctx)
	return r
}

// Hat is the seat's hat.
func (r *RemoteSeat) Hat() sim.Hat {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.news.Hat
}

// outgoing is a decision and the number of actions of the game it was made on.
type outgoing struct {
	a   sim.Action
	seq int
}

// Send queues a decision and wakes the network goroutine.
func (r *RemoteSeat) Send(a sim.Action, seq int) {
	r.mu.Lock()
	r.out = append(r.out, outgoing{a, seq})
	r.sending = true
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
	return r.sending
}

// Take returns the actions after the local game's n-th and the news.
func (r *RemoteSeat) Take(n int) ([]sim.Action, SeatNews) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var acts []sim.Action
	if n < len(r.actions) {
		acts = append(acts, r.actions[n:]...)
	}
	return acts, r.news
}

// Close stops the goroutine (a poll in flight is cancelled).
func (r *RemoteSeat) Close() { r.cancel() }

// publish copies what the client knows for the game's goroutine. Called by the network goroutine
// (and once before it starts).
func (r *RemoteSeat) publish() {
	l := r.link
	r.mu.Lock()
	defer r.mu.Unlock()
	r.news.Pair, r.news.Code, r.news.Name, r.news.Token, r.news.Hat, r.news.Seed = l.Pair(), l.Code(), l.Name(), l.Token(), l.Hat(), l.Seed()
	if g := l.Game(); g != nil {
		r.news.Started, r.news.Sc = true, g.Scenario()
		if acts := g.Actions(); len(acts) > len(r.actions) {
			r.actions = append(r.actions, acts[len(r.actions):]...)
		}
	}
}

func (r *RemoteSeat) problem(format string, args ...any) {
	r.mu.Lock()
	r.news.Problem = fmt.Sprintf(format, args...)
	r.news.ProblemN++
	r.mu.Unlock()
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
		finished := !has && r.link.Finished()
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
		} else if finished {
			select { // nothing more will come: wait for a decision (refused, there is no turn) or the end
			case <-ctx.Done():
			case <-r.wake:
			}
			continue
		} else {
			_, err = r.link.Poll(pctx)
			r.mu.Lock()
			r.pollStop()
			r.pollStop = nil
			r.mu.Unlock()
			if err != nil && pctx.Err() != nil && ctx.Err() == nil {
				err = nil // a decision cut the poll short
			}
		}
		r.publish()
		if err == nil {
			fails = 0
			continue
		}
		if ctx.Err() != nil {
			return
		}
		fails++
		r.problem("Connection to the room lost (%v); trying again…", err)
		select {
		case <-time.After(time.Duration(min(fails, 10)) * 300 * time.Millisecond):
		case <-ctx.Done():
			return
		}
	}
}

// send sends one decision. When the partner moved first (a stale sequence), the seat catches up
// and sends the decision again if it is still legal; a decision the server refuses is dropped
// with its reason.
func (r *RemoteSeat) send(ctx context.Context, o outgoing) error {
	defer func() {
		r.mu.Lock()
		r.sending = len(r.out) > 0
		r.mu.Unlock()
	}()
	if g := r.link.Game(); g == nil || len(g.Actions()) != o.seq {
		r.movedFirst()
		return nil
	}
	err := r.link.Send(ctx, o.a)
	var rf *pairplay.RefusedError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, pairplay.ErrStale):
		// The partner's move reached the room first: catch up, and let the player look again.
		if _, err := r.link.Poll(ctx); err != nil {
			return err
		}
		r.movedFirst()
		return nil
	case errors.As(err, &rf):
		r.problem("The room refused it: %s", rf.Msg)
		return nil
	}
	// The network failed: keep the decision for the next try.
	r.mu.Lock()
	r.out = append([]outgoing{o}, r.out...)
	r.mu.Unlock()
	return err
}

// movedFirst says that a decision was dropped because the partner's move came first.
func (r *RemoteSeat) movedFirst() {
	other := r.link.Hat().Other()
	r.problem("The %s moved first: look again and decide (your move was not sent)", other)
}
