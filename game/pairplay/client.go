package pairplay

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"twohats/game/results"
	"twohats/game/scenario"
	"twohats/game/sim"
)

// PollWait is how long the server holds a poll open at most; the client's own timeout is longer.
const PollWait = 25 * time.Second

// maxAnswer bounds what the client reads of one answer: a whole game's actions with room to
// spare.
const maxAnswer = 4 << 20

// ErrStale is what Send's error matches (errors.Is) when the game moved on before the action
// arrived: poll, look again, decide again.
var ErrStale = errors.New("the game has moved on")

// RefusedError is a refusal from the server: its status and its one line.
type RefusedError struct {
	Status int
	Msg    string
	Seq    int // the game's action count, for a stale action; -1 otherwise
}

func (e *RefusedError) Error() string { return e.Msg }

// Is makes a stale action's refusal match ErrStale.
func (e *RefusedError) Is(target error) bool { return target == ErrStale && e.Seq >= 0 }

// Options tune a client. The zero value is ready to use.
type Options struct {
	// HTTP is the client requests go through; nil for one whose timeout outlasts a long poll.
	HTTP *http.Client
}

// Client is one seat of a pair game: it joins (or comes back with its token), follows the
// server's order of actions on a local copy of the game, and sends the seat's decisions. Each
// action is applied to that copy once: a sent one when the server takes it (Sent), the others
// when a poll brings them (Apply). It is not safe for concurrent use, with one exception: the
// network halves Fetch and Post read only the seat's token, so one goroutine may wait on them
// while another applies their answers (Apply, Sent) and reads the game (a screen that draws it).
type Client struct {
	base    string
	http    *http.Client
	seat    Seat
	sc      *scenario.Scenario
	game    *sim.Game
	pair    Pair
	version int
}

func newClient(base string, o Options) (*Client, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("server address %q: want http://host:port", base)
	}
	c := &Client{base: strings.TrimRight(base, "/"), http: o.HTTP, version: -1}
	if c.http == nil {
		c.http = &http.Client{Timeout: PollWait + 15*time.Second}
	}
	return c, nil
}

// Join takes a seat: a new pair without req.Code, the partner's pair with it.
func Join(ctx context.Context, base string, req JoinRequest, o Options) (*Client, error) {
	c, err := newClient(base, o)
	if err != nil {
		return nil, err
	}
	var seat Seat
	if err := c.do(ctx, http.MethodPost, JoinPath, req, &seat); err != nil {
		return nil, fmt.Errorf("join: %w", err)
	}
	if seat.Token == "" {
		return nil, errors.New("join: the server gave no seat token")
	}
	return c, c.start(ctx, seat)
}

// Rejoin comes back to a seat with its token (after a closed tab, a lost network, a restart of
// the client): the client then fetches every action since the first and goes on where it was.
func Rejoin(ctx context.Context, base, token string, o Options) (*Client, error) {
	c, err := newClient(base, o)
	if err != nil {
		return nil, err
	}
	c.seat.Token = token
	var seat Seat
	if err := c.do(ctx, http.MethodGet, SeatPath, nil, &seat); err != nil {
		return nil, fmt.Errorf("rejoin: %w", err)
	}
	seat.Token = token
	return c, c.start(ctx, seat)
}

// start resolves the room's scenario, checked by its content hash.
func (c *Client) start(ctx context.Context, seat Seat) error {
	c.seat, c.pair = seat, seat.Pair
	gm := seat.Game
	if gm.Role != sim.RolePair {
		return fmt.Errorf("the server plays role %s, not a pair game", gm.Role)
	}
	var sc results.Scenario
	var err error
	if gm.Shipped {
		sc, err = results.Resolve(gm.Scenario, "", nil)
	} else {
		var src []byte
		if src, err = c.get(ctx, gm.ScenarioURL, results.MaxSourceBytes); err == nil {
			sc, err = results.Resolve("", "the room's scenario", src)
		}
	}
	if err != nil {
		return fmt.Errorf("the room's scenario %s: %v", gm.Scenario, err)
	}
	if sc.Hash != gm.ScenarioHash {
		return fmt.Errorf("the room's scenario %s is not the one this build ships (its content differs)", gm.Scenario)
	}
	c.sc = sc.Sc
	c.version = seat.Pair.Version
	return c.ensureGame()
}

// ensureGame starts the local game once the server's has started.
func (c *Client) ensureGame() error {
	if c.game != nil || c.pair.State == StateWaiting {
		return nil
	}
	g, err := sim.New(c.sc, sim.RolePair, c.seat.Game.Seed)
	if err != nil {
		return err
	}
	c.game = g
	return nil
}

// Token is the seat's secret: keep it to Rejoin.
func (c *Client) Token() string { return c.seat.Token }

// Code is the pair code to tell a partner.
func (c *Client) Code() string { return c.seat.Code }

// Name is the player's name as the room shows it.
func (c *Client) Name() string { return c.seat.Name }

// Hat is the seat's hat.
func (c *Client) Hat() sim.Hat {
	h, _ := ParseHat(c.seat.Hat)
	return h
}

// Seed is the room's seed.
func (c *Client) Seed() uint64 { return c.seat.Game.Seed }

// Pair is the pair as last heard from the server.
func (c *Client) Pair() Pair { return c.pair }

// Game is the local copy of the game, nil until both seats are taken. Read it; change it only
// through Send.
func (c *Client) Game() *sim.Game { return c.game }

// Seq is the number of actions the local game has applied.
func (c *Client) Seq() int {
	if c.game == nil {
		return 0
	}
	return len(c.game.Actions())
}

// MyTurn says whether the seat may act now: the game is on, the seat is a person's, and the
// engine gives the hat the turn.
func (c *Client) MyTurn() bool {
	if c.game == nil || c.pair.State != StatePlaying || c.game.Over() {
		return false
	}
	me := c.pair.PM
	if c.Hat() == sim.HatPO {
		me = c.pair.PO
	}
	// The engine's turn says it whole: a waiting seat has the turn only to answer a sync
	// proposal both seats can pay for.
	return !me.Served && c.game.Turn(c.Hat())
}

// Finished says whether the pair's game is over and its results stored or refused (Pair().Result
// or Pair().Note says which), and the local game has every action the room has. A seat that
// comes back to a settled pair starts with none of them: it is not finished until a poll has
// brought the game it comes back to, or it would end on an empty board.
func (c *Client) Finished() bool {
	return Settled(c.pair.State) && c.CaughtUp()
}

// CaughtUp says whether the local game has every action the room had when it last answered: a
// seat that comes back has the game so far only after its first poll, and a screen waits for
// it rather than show the first sprint and then jump.
func (c *Client) CaughtUp() bool {
	return c.Seq() >= c.pair.Seq
}

// Version is the pair's version as last heard: with Seq, what Fetch asks news beyond.
func (c *Client) Version() int { return c.version }

// Poll waits (up to the server's poll wait) for news and applies it: the partner's actions, a
// seat taken, the results stored. It reports whether anything changed. It is Fetch then Apply.
func (c *Client) Poll(ctx context.Context) (bool, error) {
	u, err := c.Fetch(ctx, c.Seq(), c.version)
	if err != nil {
		return false, err
	}
	return c.Apply(u)
}

// Fetch is Poll's network half: it waits for news past since actions and version (c.Seq() and
// c.Version(), read by the caller) and returns it without touching the local game, so a screen
// can fetch on a goroutine of its own and Apply on the one that draws.
func (c *Client) Fetch(ctx context.Context, since, version int) (Update, error) {
	q := url.Values{"since": {strconv.Itoa(since)}, "version": {strconv.Itoa(version)}}
	var u Update
	err := c.do(ctx, http.MethodGet, ActionsPath+"?"+q.Encode(), nil, &u)
	return u, err
}

// Apply brings the local game to a fetched update's: Poll's local half. An update fetched from
// an older action count than the game's now is out of step (fetch again).
func (c *Client) Apply(u Update) (bool, error) {
	changed := u.Pair.Version != c.version || len(u.Actions) > 0
	if u.Hat != "" && u.Hat != c.seat.Hat { // the facilitator seated this player in another pair
		c.seat.Hat = u.Hat
	}
	c.seat.Code = u.Pair.Code
	c.pair, c.version = u.Pair, u.Pair.Version
	if err := c.ensureGame(); err != nil {
		return changed, err
	}
	if u.Since != c.Seq() {
		return changed, fmt.Errorf("out of step: the server sent actions from %d, the game has %d", u.Since, c.Seq())
	}
	for i, a := range u.Actions {
		if c.game == nil {
			return changed, errors.New("out of step: actions came before the game started")
		}
		if err := c.game.Apply(a); err != nil {
			return changed, fmt.Errorf("out of step: the server's action %d (%s) does not apply here: %v", u.Since+i+1, a.Kind, err)
		}
	}
	return changed, nil
}

// Send sends the seat's action. When the server applies it, the local game applies it too;
// a refusal (a *RefusedError, errors.Is ErrStale when the game moved on) changes nothing. After
// any other error (no answer came), send the same action again before deciding anew: the server
// may have applied it, and answers its resend as applied.
func (c *Client) Send(ctx context.Context, a sim.Action) error {
	if c.game == nil {
		return errors.New("the game has not started")
	}
	a.Hat = c.Hat()
	seq := c.Seq()
	if err := c.game.Check(a); err != nil {
		return &RefusedError{Status: http.StatusUnprocessableEntity, Msg: err.Error(), Seq: -1}
	}
	reply, err := c.Post(ctx, ActionRequest{Seq: seq, Action: a})
	if err != nil {
		return err
	}
	return c.Sent(a, reply)
}

// Post is Send's network half: it sends req (its Seq c.Seq() and its action's Hat c.Hat(), read
// by the caller) without touching the local game, for a screen that sends on a goroutine of
// its own; hand the reply to Sent on the goroutine that draws.
func (c *Client) Post(ctx context.Context, req ActionRequest) (ActionReply, error) {
	var reply ActionReply
	err := c.do(ctx, http.MethodPost, ActionPath, req, &reply)
	return reply, err
}

// Sent applies an action the server took (Post's reply) to the local game: Send's local half.
func (c *Client) Sent(a sim.Action, reply ActionReply) error {
	if c.game == nil {
		return errors.New("the game has not started")
	}
	seq := c.Seq()
	if reply.Seq != seq+1 {
		return fmt.Errorf("out of step: the server put the action at %d, the game has %d", reply.Seq, seq)
	}
	if err := c.game.Apply(a); err != nil {
		return fmt.Errorf("out of step: the server applied %s, this game refuses it: %v", a.Kind, err)
	}
	c.pair.Seq = reply.Seq
	if reply.Version > c.version {
		c.version = reply.Version // the next poll waits for the partner instead of answering at once
	}
	return nil
}

// Chooser picks a seat's next action; it is called only when the seat has the turn.
type Chooser func(g *sim.Game, hat sim.Hat) sim.Action

// Play plays the seat to the end of the game with choose, polling while the other seat acts,
// and returns when the results are stored (nil) or refused. A lost connection is retried for a
// while with the same token, so a server restart or a Wi-Fi drop costs a pause, not the game.
// A seat may say it is done while its own sync proposal is open: the engine holds the phase
// until the partner answers it.
//
// A decision whose answer did not come (the connection failed on the way out or back) is sent
// again, the same action at the same seq, rather than chosen afresh: the room may have applied
// it, and then it answers the resend as applied (see ActionReply).
func (c *Client) Play(ctx context.Context, choose Chooser) error {
	fails := 0
	var unsent *sim.Action // the decision whose answer was lost, made on the game at unsentAt
	unsentAt := -1
	for !c.Finished() {
		var err error
		if c.MyTurn() {
			var a sim.Action
			if unsent != nil && unsentAt == c.Seq() {
				a = *unsent
			} else {
				a = choose(c.game, c.Hat())
			}
			unsent = nil
			err = c.Send(ctx, a)
			switch {
			case errors.Is(err, ErrStale):
				_, err = c.Poll(ctx) // the partner moved first: catch up, then decide again
			case err != nil && retryable(err):
				// No answer (the room may have applied it) or a busy room: keep the decision
				// for the next try (its lists are the chooser's, which may reuse them).
				a.Stories, a.Weights = slices.Clone(a.Stories), slices.Clone(a.Weights)
				unsent, unsentAt = &a, c.Seq()
			}
		} else {
			_, err = c.Poll(ctx)
		}
		if err == nil {
			fails = 0
			continue
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if !retryable(err) {
			return err
		}
		if fails++; fails > 30 {
			return fmt.Errorf("gave up after %d tries: %w", fails, err)
		}
		select {
		case <-time.After(time.Duration(min(fails, 10)) * 300 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if c.pair.State == StateFailed {
		return errors.New(c.pair.Note)
	}
	return nil
}

// retryable says whether a failed request is worth another try: the network failed, or the room
// was busy (it applied nothing then).
func retryable(err error) bool {
	var rf *RefusedError
	return !errors.As(err, &rf) || rf.Status == http.StatusTooManyRequests || rf.Status == http.StatusServiceUnavailable
}

// do sends a JSON request (body nil for none) and decodes the JSON answer into out; a 4xx or 5xx
// becomes a *RefusedError with the server's line.
func (c *Client) do(ctx context.Context, method, path string, body, out any) error {
	raw, err := c.send(ctx, method, path, body, maxAnswer)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("the server's answer to %s is not what a Two Hats server sends: %v", path, err)
	}
	return nil
}

// send makes one request with the seat's token (a JSON body, nil for none) and reads at most
// limit bytes of the answer; a 4xx or 5xx becomes a *RefusedError with the server's line.
func (c *Client) send(ctx context.Context, method, path string, body any, limit int64) ([]byte, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.seat.Token != "" {
		req.Header.Set(TokenHeader, c.seat.Token)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() { _ = res.Body.Close() }() // read below to its end or its bound; nothing to lose
	raw, err := io.ReadAll(io.LimitReader(res.Body, limit))
	if err != nil {
		return nil, err
	}
	if res.StatusCode >= 400 {
		var e Error
		if json.Unmarshal(raw, &e) != nil || e.Error == "" {
			e.Error = fmt.Sprintf("the server answered %s", res.Status)
		}
		rf := &RefusedError{Status: res.StatusCode, Msg: e.Error, Seq: -1}
		if e.Seq != nil {
			rf.Seq = *e.Seq
		}
		return nil, rf
	}
	return raw, nil
}

// ResultsFile fetches the pair's results file as the room stored it, once the pair's state is
// StateStored: the player's own copy, the same bytes the room's debrief reads. Like Fetch and
// Post it reads nothing but the seat's token.
func (c *Client) ResultsFile(ctx context.Context) ([]byte, error) {
	raw, err := c.send(ctx, http.MethodGet, ResultPath, nil, results.MaxFileBytes+1)
	if err != nil {
		return nil, err
	}
	if len(raw) > results.MaxFileBytes {
		return nil, fmt.Errorf("the room's results file is larger than %d bytes", results.MaxFileBytes)
	}
	if f, err := results.Parse(raw); err != nil {
		return nil, fmt.Errorf("the room's answer is not a results file: %v", err)
	} else if f.Role != sim.RolePair {
		return nil, fmt.Errorf("the room's answer is a %s game's results file, not a pair's", f.Role)
	}
	return raw, nil
}

// get reads a plain resource of at most limit bytes.
func (c *Client) get(ctx context.Context, path string, limit int64) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return nil, err
	}
	res, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() { _ = res.Body.Close() }() // read below; nothing to lose
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: the server answered %s", path, res.Status)
	}
	b, err := io.ReadAll(io.LimitReader(res.Body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, limit)
	}
	return b, nil
}
