// Package pairplaytest holds what tests of the pair-play protocol share on both sides of it (the
// room in game/workshop, the seats in game/ui/scene and the headless client): a network that
// drops answers the way a Wi-Fi drop does.
package pairplaytest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"

	"twohats/game/pairplay"
)

// Lossy is an http.RoundTripper that forwards every request to the room and loses the answer of
// some actions the room has applied, as a network that drops after the server acted: the first
// action, every tenth and the one that ended the game (it asks the room, as a seat would, once
// the answer is in). It counts the lost answers and the resends the room answered as applied, so
// a test can check that every lost move was sent again and taken as the same move.
type Lossy struct {
	Next http.RoundTripper // the real network, e.g. http.DefaultTransport

	mu         sync.Mutex
	posts      int
	lost       int
	lostTheEnd bool
	again      int
}

// Counts are what the network did: actions the room applied and answered at first sight
// (posts), answers it lost, whether the game's last action was among them, and resends the room
// answered as applied.
func (l *Lossy) Counts() (posts, lost int, lostTheEnd bool, again int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.posts, l.lost, l.lostTheEnd, l.again
}

// RoundTrip forwards the request and, for an applied action, may lose its answer.
func (l *Lossy) RoundTrip(r *http.Request) (*http.Response, error) {
	res, err := l.Next.RoundTrip(r)
	if err != nil || r.URL.Path != pairplay.ActionPath || res.StatusCode != http.StatusOK {
		return res, err
	}
	b, err := io.ReadAll(res.Body)
	_ = res.Body.Close() // read to its end
	if err != nil {
		return nil, err
	}
	var reply pairplay.ActionReply
	if err := json.Unmarshal(b, &reply); err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if reply.Again {
		l.again++
	} else {
		l.posts++
		ended, err := l.ended(r)
		if err != nil {
			return nil, err
		}
		if l.posts == 1 || l.posts%10 == 0 || (ended && !l.lostTheEnd) {
			l.lost++
			l.lostTheEnd = l.lostTheEnd || ended
			return nil, errors.New("connection reset (the test lost the answer)")
		}
	}
	res.Body = io.NopCloser(bytes.NewReader(b))
	return res, nil
}

// ended asks the room whether the seat's game is over.
func (l *Lossy) ended(r *http.Request) (bool, error) {
	req, err := http.NewRequest(http.MethodGet, strings.TrimSuffix(r.URL.String(), pairplay.ActionPath)+pairplay.SeatPath, nil)
	if err != nil {
		return false, err
	}
	req.Header.Set(pairplay.TokenHeader, r.Header.Get(pairplay.TokenHeader))
	res, err := l.Next.RoundTrip(req)
	if err != nil {
		return false, err
	}
	defer func() { _ = res.Body.Close() }() // decoded below
	var seat pairplay.Seat
	if err := json.NewDecoder(res.Body).Decode(&seat); err != nil {
		return false, err
	}
	return seat.Pair.State != pairplay.StatePlaying, nil
}
