// Package pairplay is the network side of a pair game: two people, each on their own machine,
// wear the two hats of one game that the workshop server referees. It holds the wire format both
// ends speak and the client that joins a pair, follows the game and sends its seat's decisions.
//
// Both clients and the server apply the same actions, in the server's order, to the same
// deterministic engine, so nothing but the actions crosses the network. The package is pure Go
// with no Ebitengine: the headless `twohats join`, the desktop game and the browser build
// (GOOS=js, where net/http fetches) share it.
package pairplay

import (
	"fmt"
	"strings"

	"twohats/game/sim"
)

// The endpoints, relative to the server. Every request that acts for a seat carries the seat's
// token in the TokenHeader.
const (
	JoinPath    = "/api/pair/join"    // POST JoinRequest → Seat (with the token)
	SeatPath    = "/api/pair/seat"    // GET → Seat: who this token is, for a client that comes back
	ActionsPath = "/api/pair/actions" // GET ?since=N[&version=V] → Update, waiting up to PollWait for news
	ActionPath  = "/api/pair/action"  // POST ActionRequest → ActionReply
	ResultPath  = "/api/pair/result"  // GET → the pair's results file as the room stored it (once the pair is stored)
	RoomPath    = "/api/pair/room"    // GET → RoomList (the facilitator's view of every pair)
	BotPath     = "/api/pair/bot"     // POST BotRequest (facilitator) → Pair: the colleague bot takes a seat
	MatchPath   = "/api/pair/match"   // POST MatchRequest (facilitator) → Pair: two waiting players become one pair
)

// TokenHeader carries a seat's secret token. KeyHeader carries the facilitator's key.
const (
	TokenHeader = "X-Seat-Token"
	KeyHeader   = "X-Room-Key"
)

// States of a pair, as the wire writes them.
const (
	StateWaiting = "waiting" // one seat is free: the game starts when a partner (or the bot) takes it
	StatePlaying = "playing"
	StateOver    = "over"   // the game ended; the server is storing its results
	StateStored  = "stored" // the results file is stored (Result says where)
	StateFailed  = "failed" // the game ended but could not be stored (Note says why)
)

// Settled reports whether a pair in this state is done for good: its results stored, or refused.
// Nothing more comes of it, for the room or for either seat.
func Settled(state string) bool { return state == StateStored || state == StateFailed }

// Limits both ends keep to.
const (
	CodeLen       = 5        // letters in a pair code
	MaxJoinBytes  = 2 << 10  // the largest join body
	MaxActionBody = 64 << 10 // the largest action body
)

// CodeAlphabet is the letters a pair code is made of: capitals that cannot be misread for one
// another or for a digit when said aloud or written on a sticky note (no I, L, O, S, Z, B, G, Q).
const CodeAlphabet = "ACDEFHJKMNPRTUVWXY"

// NormalizeCode reads a pair code as a person typed it: case, spaces and dashes do not matter.
// ok is false when it cannot be a code.
func NormalizeCode(typed string) (code string, ok bool) {
	if len(typed) > 32 {
		return "", false
	}
	var b strings.Builder
	for _, r := range typed {
		switch {
		case r == ' ' || r == '-' || r == '\t':
			continue
		case r >= 'a' && r <= 'z':
			r -= 'a' - 'A'
		}
		if !strings.ContainsRune(CodeAlphabet, r) {
			return "", false
		}
		b.WriteRune(r)
	}
	if b.Len() != CodeLen {
		return "", false
	}
	return b.String(), true
}

// HatName is a hat's name on the wire: "pm" or "po" ("" for none).
func HatName(h sim.Hat) string {
	switch h {
	case sim.HatPM:
		return "pm"
	case sim.HatPO:
		return "po"
	}
	return ""
}

// ParseHat reads "pm" or "po" (any case); "" is HatNone, which a join takes as "whichever is free".
func ParseHat(s string) (sim.Hat, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "pm":
		return sim.HatPM, nil
	case "po":
		return sim.HatPO, nil
	case "":
		return sim.HatNone, nil
	}
	if len(s) > 16 {
		s = s[:16] + "…"
	}
	return sim.HatNone, fmt.Errorf("unknown hat %q (want pm or po)", s)
}

// JoinRequest is the body of a join: a name, and the partner's pair code to join their pair, or
// no code to open a new one. Hat asks for a seat; "" takes whichever is free (the PM's in a new
// pair).
type JoinRequest struct {
	Name string `json:"name"`
	Code string `json:"code,omitempty"`
	Hat  string `json:"hat,omitempty"`
	// Autoplay names the bot policy that plays the seat for a headless client (twohats join
	// --autoplay), so the room marks the pair's game a bot's; "" for a person.
	Autoplay string `json:"autoplay,omitempty"`
}

// Seat is a player's place in a pair: the answer to a join (the only time Token is sent) and to
// GET SeatPath.
type Seat struct {
	Code  string `json:"code"`            // the pair code to tell a partner
	Hat   string `json:"hat"`             // this seat's hat: "pm" or "po"
	Token string `json:"token,omitempty"` // the seat's secret: every later request carries it
	Name  string `json:"name"`            // the name as the room shows it
	Game  Game   `json:"game"`
	Pair  Pair   `json:"pair"`
}

// Game is what a client needs to start the same game as the server: the room's scenario (by id
// and content hash; ScenarioURL serves its TOML for a scenario that is not shipped), seed and
// role (always "pair").
type Game struct {
	Scenario     string   `json:"scenario"`
	ScenarioHash string   `json:"scenario_hash"`
	Shipped      bool     `json:"shipped"`
	ScenarioURL  string   `json:"scenario_url"`
	Seed         uint64   `json:"seed"`
	Role         sim.Role `json:"role"`
}

// Player is one seat as the other seat and the room see it.
type Player struct {
	Name string `json:"name"`
	// Taken is false while the seat is free.
	Taken bool `json:"taken"`
	// Away is true when the seat's client has not been heard from for a while (see
	// workshop.Options.AwayAfter): the facilitator may give the seat to the colleague bot.
	Away bool `json:"away"`
	// Bot names the bot policy playing the seat, "" for a person: the colleague bot the server
	// plays (Served) or a headless client's autoplay.
	Bot    string `json:"bot,omitempty"`
	Served bool   `json:"served,omitempty"`
}

// Pair is one pair as the room lists it and as its own clients see it.
type Pair struct {
	Code    string `json:"code"`
	State   string `json:"state"`
	Seq     int    `json:"seq"`     // actions applied so far
	Version int    `json:"version"` // bumps on every change (an action, a seat taken, stored)
	PM      Player `json:"pm"`
	PO      Player `json:"po"`
	Sprint  int    `json:"sprint,omitempty"`
	Phase   string `json:"phase,omitempty"`
	Syncs   int    `json:"syncs"` // syncs the two have held so far
	// Result is set once the results file is stored.
	Result *Result `json:"result,omitempty"`
	Note   string  `json:"note,omitempty"` // why the game could not be stored, when it could not
}

// Result is the stored results file of a finished pair game.
type Result struct {
	ID    string  `json:"id"`
	File  string  `json:"file"`
	Score float64 `json:"score"`
	Grade string  `json:"grade"`
}

// Update is the answer to GET ActionsPath: the pair and the actions from Since on. A client
// applies Actions to its game (whose action count is Since) in order; afterwards it has Pair.Seq.
type Update struct {
	Hat     string       `json:"hat"` // this seat's hat (the facilitator may move a waiting player)
	Pair    Pair         `json:"pair"`
	Since   int          `json:"since"`
	Actions []sim.Action `json:"actions"`
}

// ActionRequest is one decision of a seat. Seq is the number of actions the client has applied:
// the server refuses the action when the game has moved on since, so both clients apply every
// action in the one order (unless it is this seat's resend of the very action the game holds at
// Seq: see ActionReply).
type ActionRequest struct {
	Seq    int        `json:"seq"`
	Action sim.Action `json:"action"`
}

// ActionReply is the answer to an applied action: the game's action count after it (the bot's
// moves that followed at once come by the next poll) and the pair's version.
//
// A resend of an action the room has applied already (the same action, from the same seat, with
// the same Seq: its first answer was lost) is answered as the first send should have been, with
// Again set and Version 0, since the pair may have moved on since: the client applies its move,
// and its next poll (with its own older version) answers at once with whatever followed.
type ActionReply struct {
	Seq     int  `json:"seq"`
	Version int  `json:"version"`
	Again   bool `json:"again,omitempty"`
}

// Error is every refusal's body: one line, and for a stale action the server's action count.
type Error struct {
	Error string `json:"error"`
	Seq   *int   `json:"seq,omitempty"`
}

// BotRequest asks the room to let the colleague bot play a seat that is free or away.
type BotRequest struct {
	Code string `json:"code"`
	Hat  string `json:"hat"`
}

// MatchRequest asks the room to make two waiting players one pair: the player waiting under the
// second code takes the free seat of the first code's pair.
type MatchRequest struct {
	Codes []string `json:"codes"`
}

// RoomList is the answer to GET RoomPath: every pair, newest first.
type RoomList struct {
	Pairs []Pair `json:"pairs"`
	Max   int    `json:"max"` // how many pairs the room takes
}
