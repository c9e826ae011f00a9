package workshop

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"twohats/game/bot"
	"twohats/game/disk"
	"twohats/game/pairplay"
)

// The pair endpoints (with Options.Pairs; the wire types are in package pairplay):
//
//	POST /api/pair/join            {"name", "code"?, "hat"?} → 201 Seat, with the seat's token
//	GET  /api/pair/seat            (X-Seat-Token) → Seat: who the token is, to come back after a drop
//	GET  /api/pair/actions?since=N&version=V  (X-Seat-Token) → Update, waiting up to PollWait
//	POST /api/pair/action          (X-Seat-Token) {"seq", "action"} → ActionReply
//	GET  /api/pair/result          (X-Seat-Token) → the pair's stored results file (409 until stored)
//	GET  /api/pair/room            (X-Room-Key) → RoomList
//	POST /api/pair/bot             (X-Room-Key) {"code", "hat"} → Pair: the bot takes the seat
//	POST /api/pair/match           (X-Room-Key) {"codes": [A, B]} → Pair: B's player joins A
//
// A refusal is a 4xx (or 503) with {"error": one line}; a stale action's also carries the
// game's "seq". The game is unchanged by any refusal.
//
// An action is applied at most once, and its sender may resend it: when the answer is lost
// after the room applied the action (a connection dropped, a timeout), the client sends the same
// request again, unchanged. If the game's action at that seq is this seat's and the same action,
// the room answers as it did the first time ({"seq": seq+1}) with "again": true and "version": 0
// (the pair may have moved on since; the client's next poll answers at once), whatever came
// after it, the partner's moves or the end of the game. So a resend is never refused as stale,
// which would tell the player the partner moved first when the move was their own. Any other
// action at an older seq is stale. Clients that ignore "again" lose nothing: the reply is an
// applied action's.

// Bounds of a decoded action: far more than a scenario has stories or themes, few enough that
// checking the action costs nothing.
const (
	maxActionStories = 4096
	maxActionWeights = 256
)

// decodeJoin reads a join body strictly: one JSON object of the known fields.
func decodeJoin(b []byte) (pairplay.JoinRequest, error) {
	var req pairplay.JoinRequest
	if len(b) > pairplay.MaxJoinBytes {
		return req, fmt.Errorf("a join is at most %d bytes", pairplay.MaxJoinBytes)
	}
	if err := strict(b, &req); err != nil {
		return pairplay.JoinRequest{}, fmt.Errorf("not a join: %v", err)
	}
	if len(req.Code) > 32 {
		return pairplay.JoinRequest{}, errors.New("not a join: the code is too long for a pair code")
	}
	if _, err := pairplay.ParseHat(req.Hat); err != nil {
		return pairplay.JoinRequest{}, fmt.Errorf("not a join: %v", err)
	}
	if req.Autoplay != "" {
		if len(req.Autoplay) > 40 || req.Autoplay == "human" {
			return pairplay.JoinRequest{}, errors.New("not a join: autoplay names no bot policy")
		}
		if _, err := bot.New(req.Autoplay, 0); err != nil {
			return pairplay.JoinRequest{}, fmt.Errorf("not a join: autoplay: %v", err)
		}
	}
	return req, nil
}

// decodeAction reads an action body strictly and bounds its lists.
func decodeAction(b []byte) (pairplay.ActionRequest, error) {
	var req pairplay.ActionRequest
	if len(b) > pairplay.MaxActionBody {
		return req, fmt.Errorf("an action is at most %d bytes", pairplay.MaxActionBody)
	}
	if err := strict(b, &req); err != nil {
		return pairplay.ActionRequest{}, fmt.Errorf("not an action: %v", err)
	}
	a := req.Action
	switch {
	case req.Seq < 0:
		return pairplay.ActionRequest{}, errors.New("not an action: seq is negative")
	case len(a.Stories) > maxActionStories:
		return pairplay.ActionRequest{}, fmt.Errorf("not an action: %d stories (at most %d)", len(a.Stories), maxActionStories)
	case len(a.Weights) > maxActionWeights:
		return pairplay.ActionRequest{}, fmt.Errorf("not an action: %d weights (at most %d)", len(a.Weights), maxActionWeights)
	}
	return req, nil
}

// strict decodes exactly one JSON object with no unknown fields and nothing after it.
func strict(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return errors.New("data after the JSON object")
	}
	return nil
}

// servePair routes the pair endpoints.
func (s *Server) servePair(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	route := strings.TrimPrefix(r.URL.Path, "/api/pair/")
	method := map[string]string{"join": http.MethodPost, "seat": http.MethodGet, "actions": http.MethodGet,
		"action": http.MethodPost, "result": http.MethodGet, "room": http.MethodGet, "bot": http.MethodPost, "match": http.MethodPost}[route]
	if method == "" {
		apiError(w, http.StatusNotFound, "no such endpoint: "+oneLine(r.URL.Path))
		return
	}
	if r.Method != method {
		w.Header().Set("Allow", method+", OPTIONS")
		apiError(w, http.StatusMethodNotAllowed, "use "+method+" for "+r.URL.Path)
		return
	}
	if method == http.MethodPost && s.closing.Load() {
		w.Header().Set("Retry-After", "10")
		apiError(w, http.StatusServiceUnavailable, "the server is stopping; join again when it is back")
		return
	}
	switch route {
	case "join":
		if !s.paced(w, r, s.joinLimit, "too many joins from this address; wait a little and join again") {
			return
		}
		b, ok := readBody(w, r, pairplay.MaxJoinBytes)
		if !ok {
			return
		}
		req, err := decodeJoin(b)
		if err != nil {
			apiError(w, http.StatusBadRequest, oneLine(err.Error()))
			return
		}
		seat, rf := s.ref.join(req, time.Now())
		if rf != nil {
			pairError(w, rf)
			return
		}
		writeJSON(w, http.StatusCreated, seat)
	case "seat":
		seat, rf := s.ref.seat(r.Header.Get(pairplay.TokenHeader), time.Now())
		if rf != nil {
			pairError(w, rf)
			return
		}
		writeJSON(w, http.StatusOK, seat)
	case "actions":
		if !s.paced(w, r, s.actLimit, "too many requests from this address; wait a little") {
			return
		}
		q := r.URL.Query()
		since, err1 := count(q.Get("since"), 0)
		version, err2 := count(q.Get("version"), -1)
		if err1 != nil || err2 != nil {
			apiError(w, http.StatusBadRequest, "since and version are whole numbers (since=0 for the whole game)")
			return
		}
		u, rf := s.ref.updates(r.Context(), r.Header.Get(pairplay.TokenHeader), since, version)
		if rf != nil {
			pairError(w, rf)
			return
		}
		writeJSON(w, http.StatusOK, u)
	case "action":
		if !s.paced(w, r, s.actLimit, "too many actions from this address; wait a little") {
			return
		}
		b, ok := readBody(w, r, pairplay.MaxActionBody)
		if !ok {
			return
		}
		req, err := decodeAction(b)
		if err != nil {
			apiError(w, http.StatusBadRequest, oneLine(err.Error()))
			return
		}
		reply, rf := s.ref.act(r.Header.Get(pairplay.TokenHeader), req)
		if rf != nil {
			pairError(w, rf)
			return
		}
		writeJSON(w, http.StatusOK, reply)
	case "result":
		if !s.paced(w, r, s.actLimit, "too many requests from this address; wait a little") {
			return
		}
		name, b, rf := s.pairResult(r.Header.Get(pairplay.TokenHeader))
		if rf != nil {
			pairError(w, rf)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
		_, _ = w.Write(b) // a client gone away has nothing to be told
	default: // the facilitator's
		if !s.facilitator(w, r) {
			return
		}
		switch route {
		case "room":
			writeJSON(w, http.StatusOK, s.ref.list())
		case "bot":
			var req pairplay.BotRequest
			if b, ok := readBody(w, r, pairplay.MaxJoinBytes); !ok {
				return
			} else if err := strict(b, &req); err != nil {
				apiError(w, http.StatusBadRequest, "not a seat: "+oneLine(err.Error()))
				return
			}
			p, rf := s.ref.giveBot(req)
			if rf != nil {
				pairError(w, rf)
				return
			}
			writeJSON(w, http.StatusOK, p)
		case "match":
			var req pairplay.MatchRequest
			if b, ok := readBody(w, r, pairplay.MaxJoinBytes); !ok {
				return
			} else if err := strict(b, &req); err != nil {
				apiError(w, http.StatusBadRequest, "not a match: "+oneLine(err.Error()))
				return
			}
			p, rf := s.ref.match(req)
			if rf != nil {
				pairError(w, rf)
				return
			}
			writeJSON(w, http.StatusOK, p)
		}
	}
}

// pairResult is the results file the room stored for the token's pair, read back from the
// results folder: the very bytes the debrief reads, for the players to keep a copy.
func (s *Server) pairResult(token string) (name string, b []byte, rf *Refusal) {
	res, rf := s.ref.stored(token)
	if rf != nil {
		return "", nil, rf
	}
	b, err := disk.ReadFile(filepath.Join(s.o.Results, res.File), MaxBody)
	if err != nil {
		s.log("pair results %s: %s", res.File, oneLine(unwrapPath(err).Error()))
		return "", nil, refuse(http.StatusInternalServerError, "the room could not read the pair's results file; ask the facilitator for %s", res.File)
	}
	return res.File, b, nil
}

// count reads a query's whole number; "" is def.
func count(q string, def int) (int, error) {
	if q == "" {
		return def, nil
	}
	n, err := strconv.Atoi(q)
	if err != nil || n < 0 || n > 1<<30 {
		return 0, errors.New("not a count")
	}
	return n, nil
}

// paced applies a per-address limiter; false when the request was refused.
func (s *Server) paced(w http.ResponseWriter, r *http.Request, l *limiter, msg string) bool {
	if wait, ok := l.allow(clientAddr(r), time.Now()); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait/time.Second)+1))
		apiError(w, http.StatusTooManyRequests, msg)
		return false
	}
	return true
}

// facilitator checks the room key of the endpoints that change pairs from /room.
func (s *Server) facilitator(w http.ResponseWriter, r *http.Request) bool {
	key := r.Header.Get(pairplay.KeyHeader)
	if subtle.ConstantTimeCompare([]byte(key), []byte(s.ref.key)) != 1 {
		if !s.paced(w, r, s.joinLimit, "too many tries of the room key from this address") {
			return false
		}
		apiError(w, http.StatusForbidden, "the facilitator's key is missing or wrong: open /room with the key the server printed")
		return false
	}
	return true
}

// readBody reads a bounded body; on failure it has answered.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, bool) {
	if r.ContentLength > limit {
		apiError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is at most %d bytes", limit))
		return nil, false
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			apiError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is at most %d bytes", limit))
			return nil, false
		}
		apiError(w, http.StatusBadRequest, "could not read the body: "+oneLine(err.Error()))
		return nil, false
	}
	return b, true
}

// pairError answers a refusal, with the game's action count when the action was stale.
func pairError(w http.ResponseWriter, rf *Refusal) {
	if rf.Code == http.StatusServiceUnavailable || rf.Code == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "2")
	}
	writeJSON(w, rf.Code, pairplay.Error{Error: oneLine(rf.Msg), Seq: rf.seq})
}

func (s *Server) pairsURL() string {
	if s.ref == nil {
		return ""
	}
	return pairplay.JoinPath
}

// PairsOn says whether the room runs pair games.
func (s *Server) PairsOn() bool { return s.ref != nil }

// RoomKey is the facilitator's key for the pair endpoints /room uses (empty without pairs).
func (s *Server) RoomKey() string {
	if s.ref == nil {
		return ""
	}
	return s.ref.key
}

// Pairs lists the room's pairs, newest first (nil without pairs).
func (s *Server) Pairs() []pairplay.Pair {
	if s.ref == nil {
		return nil
	}
	return s.ref.list().Pairs
}
