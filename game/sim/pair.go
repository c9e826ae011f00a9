package sim

import (
	"fmt"
)

// Pair games: two people, one hat each (RolePair). The rules, and why, are in
// docs/outcome-model.md ("Pair games"). In short:
//
//   - Every action names its seat (Action.Hat), and a seat does only its own hat's work and the
//     work of either hat (rest, an event's choice, a sync).
//   - Each seat is its own person: its own hours, stress, burnout and leave (Game.Seat).
//   - Turns: the strategy phase is the PM's, planning and review are the PO's, the working days
//     and the retrospective are both seats'. A seat ends its part with ActAdvance; the phase (or
//     the day) moves on when every seat that acts in it is done. A seat that does not act in a
//     phase is done already.
//   - A sync is proposed by one seat (free) and answered by the other, whose turn it then is even
//     in a phase it does not act in: accepted (both pay the sync's hours) or declined (the other
//     seat's ActAdvance). The phase does not move on past an open proposal the other seat can
//     accept; one it cannot pay for lapses when the phase ends.
//
// While an action is performed, the acting seat's person sits in State.Player and its sprint
// tallies in the Game's own fields (seatIn swaps them), so that every rule written for one
// person (the charge, overtime, burnout, leave) applies to the seat unchanged; between actions
// State.Player is always the Product Manager's seat.

// seatTally is what the engine counts for one person within a sprint.
type seatTally struct {
	sprintHrs, sprintWork, overHours, interrupts int
	overStress, overBurn                         float64
}

// soloSeats and pairSeats are the seats whose person a sprint's books close for.
var (
	soloSeats = []Hat{HatNone}
	pairSeats = []Hat{HatPM, HatPO}
)

// seats lists the game's seats: one with no hat in a solo game, the two hats in a pair game.
func (g *Game) seats() []Hat {
	if g.role == RolePair {
		return pairSeats
	}
	return soloSeats
}

// seatIn puts seat h's person in State.Player and its tallies in the Game's fields. It does
// nothing in a solo game or for HatNone.
func (g *Game) seatIn(h Hat) {
	if g.role == RolePair && h != HatNone && h != g.actor {
		g.swapSeat(h)
	}
}

// swapSeat exchanges the person in State.Player and the Game's tallies with seat h's.
func (g *Game) swapSeat(h Hat) {
	s := &g.s
	s.Player, s.Partner = s.Partner, s.Player
	o := g.other
	g.other = seatTally{g.sprintHrs, g.sprintWork, g.overHours, g.interrupts, g.overStress, g.overBurn}
	g.sprintHrs, g.sprintWork, g.overHours, g.interrupts, g.overStress, g.overBurn =
		o.sprintHrs, o.sprintWork, o.overHours, o.interrupts, o.overStress, o.overBurn
	g.actor = h
}

// Seat is the person wearing hat h: in a pair game the Product Manager's seat or the Product
// Owner's, each with its own hours, stress, burnout and leave; in a solo game the one player,
// whatever h is. Read it; change it only through Apply.
func (g *Game) Seat(h Hat) *PlayerState {
	if g.role != RolePair || h == HatNone || h == g.actor {
		return &g.s.Player
	}
	return &g.s.Partner
}

// worked is the hours seat h worked this sprint, rest excluded (what the overtime line counts).
func (g *Game) worked(h Hat) int {
	if g.role != RolePair || h == HatNone || h == g.actor {
		return g.sprintWork
	}
	return g.other.sprintWork
}

// Acts reports whether seat h works in the phase the game is in: in a pair game strategy is the
// PM's, planning and review the PO's, the working days and the retrospective both seats'; in a
// solo game the player works in every phase. A screen says from it why a seat waits.
func (g *Game) Acts(h Hat) bool {
	if g.role != RolePair {
		return !g.Over()
	}
	return g.acts(h)
}

// acts reports whether seat h acts in the phase the game is in.
func (g *Game) acts(h Hat) bool {
	switch g.s.Phase {
	case PhaseStrategy:
		return h == HatPM
	case PhasePlanning, PhaseReview:
		return h == HatPO
	case PhaseExecution, PhaseRetro:
		return h == HatPM || h == HatPO
	}
	return false
}

// Turn reports whether seat h may act now. In a solo game the player always may (until the game
// is over), whatever h is. In a pair game a seat may act in a phase it acts in until it is done,
// and in any phase to accept the other seat's sync proposal when both can pay for it. A seat
// whose turn it is always has a legal action (LegalAs is not empty).
func (g *Game) Turn(h Hat) bool {
	if g.Over() {
		return false
	}
	if g.role != RolePair {
		return true
	}
	if h != HatPM && h != HatPO {
		return false
	}
	return g.ownTurn(h) || g.mayAccept(h)
}

// mayAccept reports whether seat h can accept the other seat's open sync proposal now: no event
// waits, h is not on leave, and both seats have the sync's hours.
func (g *Game) mayAccept(h Hat) bool {
	s, c := &g.s, g.t.HoursSync
	return s.SyncProposal == h.Other() && s.Event < 0 && !g.Seat(h).OnLeave && g.Seat(h).Hours >= c && g.Seat(h.Other()).Hours >= c
}

// ownTurn reports whether the phase (or the day) is still seat h's to work in.
func (g *Game) ownTurn(h Hat) bool { return g.acts(h) && !g.done[h] }

// Done reports whether seat h is done with the phase, or with the working day during execution:
// it said so (ActAdvance), or it does not act in this phase. Always false in a solo game, where
// the player's ActAdvance ends the phase at once.
func (g *Game) Done(h Hat) bool {
	if g.role != RolePair {
		return false
	}
	return g.Over() || !g.ownTurn(h)
}

// checkSeat is a pair game's part of Check: the seat named, its turn, its hat's work, a sync's
// proposal and acceptance. In a solo game it refuses only a named seat.
func (g *Game) checkSeat(a Action) error {
	if g.role != RolePair {
		if a.Hat != HatNone {
			return fmt.Errorf("the action names the %s seat, and only a pair game has seats", a.Hat)
		}
		if a.Accept {
			return refusal("only a pair game's sync is proposed and accepted")
		}
		return nil
	}
	h := a.Hat
	if h != HatPM && h != HatPO {
		if h == HatNone {
			return refusal("in a pair game every action names its seat: pm or po")
		}
		return fmt.Errorf("unknown seat %d", uint8(h))
	}
	s := &g.s
	o := h.Other()
	if !g.ownTurn(h) {
		if g.mayAccept(h) {
			if a.Kind != ActSync && a.Kind != ActAdvance {
				return fmt.Errorf("the %s phase is not yours; you may only accept or decline the sync the %s proposed", s.Phase, o)
			}
		} else if g.acts(h) {
			return fmt.Errorf("you are done with %s; waiting for the %s", g.phaseWord(), o)
		} else {
			return fmt.Errorf("the %s phase is the %s's; waiting for the %s", s.Phase, o, o)
		}
	}
	if k := g.hatOf(a); k != HatNone && k != h {
		if a.Kind == ActAnswer {
			return fmt.Errorf("request %d is for the %s's inbox; you wear the %s hat", a.Request, k, h)
		}
		return fmt.Errorf("%s is %s work; you wear the %s hat", a.Kind.Title(), k, h)
	}
	if a.Accept && a.Kind != ActSync {
		return fmt.Errorf("only a sync is accepted, not %s", a.Kind.Title())
	}
	if a.Kind == ActSync {
		switch s.SyncProposal {
		case HatNone:
			if a.Accept {
				return refusal("there is no sync proposal to accept")
			}
			if g.Seat(o).OnLeave {
				return fmt.Errorf("the %s is on leave this sprint; nobody can accept a sync", o)
			}
			if c, left := g.t.HoursSync, g.Seat(o).Hours; c > left {
				return fmt.Errorf("the %s has %d h left and the sync needs %d h", o, left, c)
			}
		case h:
			if a.Accept {
				return fmt.Errorf("you proposed this sync; the %s accepts it", o)
			}
			return fmt.Errorf("you have proposed a sync already; the %s has yet to accept it", o)
		default:
			if c, left := g.t.HoursSync, g.Seat(o).Hours; c > left {
				return fmt.Errorf("the %s has %d h left and the sync needs %d h", o, left, c)
			}
		}
	}
	return nil
}

// phaseWord names what a seat is done with: the working day during execution, else the phase.
func (g *Game) phaseWord() string {
	if g.s.Phase == PhaseExecution {
		return fmt.Sprintf("day %d", g.s.Day)
	}
	return "the " + g.s.Phase.String() + " phase"
}

// performPair carries out a checked action of a pair game: an advance marks the seat done and
// moves the game on when every acting seat is; a sync with no open proposal proposes; the rest
// is the one-person rule, performed on the acting seat's person.
func (g *Game) performPair(a Action) {
	s := &g.s
	g.doing[a.Hat], g.acted[a.Hat] = a.Kind, true
	switch {
	case a.Kind == ActAdvance:
		if s.SyncProposal == a.Hat.Other() {
			// Done with an open proposal of the other seat's: no sync this time.
			s.SyncProposal = HatNone
			g.log(Consequence{Sprint: s.Sprint, Day: s.Day, Kind: ConSyncDeclined, Subject: -1, Stakeholder: -1, Hat: a.Hat})
		}
		if g.ownTurn(a.Hat) {
			g.done[a.Hat] = true
		}
		g.moveOn()
		return
	case a.Kind == ActSync && s.SyncProposal == HatNone:
		s.SyncProposal = a.Hat
		return
	}
	g.seatIn(a.Hat)
	g.performOne(a)
	g.seatIn(HatPM)
	if a.Kind == ActSync {
		g.moveOn() // the acceptance may have been all the phase waited for
	}
}

// moveOn ends the phase (or the day) once every seat that acts in it is done and no proposal
// waits for an answer the other seat can give: over a network the proposer's "done" can arrive
// before the partner has even seen the proposal, so the phase waits for the answer. A proposal
// the other seat cannot pay for lapses with the phase.
func (g *Game) moveOn() {
	s := &g.s
	if p := s.SyncProposal; p != HatNone && g.mayAccept(p.Other()) {
		return
	}
	if !g.Done(HatPM) || !g.Done(HatPO) {
		return
	}
	phase := s.Phase
	g.advance()
	g.done = [3]bool{}
	if s.Phase != phase {
		s.SyncProposal = HatNone
		g.acted = [3]bool{}
	}
}

// chargeProposer makes the seat that proposed a sync pay for it as the acceptor did, and adds
// its hours and stress to the sync's consequence c. Called on the acceptor's seat, after the
// acceptor's own charge.
func (g *Game) chargeProposer(proposer Hat, c *Consequence) {
	acceptor, now := g.actor, g.overNow
	g.overNow = 0
	g.seatIn(proposer)
	ch := g.charge(Action{Kind: ActSync, Hat: proposer})
	s := &g.s
	s.Player.Hours -= ch.Hours
	g.sprintHrs += ch.Hours
	g.overtime(ch.Hours)
	s.Player.Stress = clamp01(s.Player.Stress + ch.Stress)
	c.Hours += ch.Hours
	c.Stress += ch.Stress - g.overNow
	g.overNow = now
	g.seatIn(acceptor)
}

// pendingFor is how many requests in the inbox wait for hat h's answer.
func (g *Game) pendingFor(h Hat) int {
	n := 0
	for _, r := range g.s.Inbox {
		if g.s.Requests[r].Hat == h {
			n++
		}
	}
	return n
}

// doingWords say what a seat is doing after each kind of action, for the other seat's waiting line.
var doingWords = [numActionKinds]string{
	"is done and waits for you", "is researching the market", "is interviewing a customer",
	"is updating the roadmap", "is meeting the executives", "is reading the KPIs",
	"is syncing with you", "is refining a story", "is ordering the backlog", "is planning the sprint",
	"is answering a request", "is holding the sprint review", "is resting", "is deciding on an event",
}

// Waiting is a line for seat h about what the other seat is doing ("The PM is researching the
// market"), from the other seat's last action in this phase; "" in a solo game or once the game
// is over. A room shows it to the seat whose turn it is not, and beside the game to both.
func (g *Game) Waiting(h Hat) string {
	if g.role != RolePair || g.Over() || (h != HatPM && h != HatPO) {
		return ""
	}
	o := h.Other()
	s := &g.s
	switch {
	case s.SyncProposal == h:
		return fmt.Sprintf("The %s has your sync proposal to accept", o)
	case s.SyncProposal == o && g.mayAccept(h):
		return fmt.Sprintf("The %s proposes a sync", o)
	case s.SyncProposal == o:
		return fmt.Sprintf("The %s proposes a sync, and one of you lacks the hours for it", o)
	case !g.acts(o):
		return fmt.Sprintf("The %s waits for you to finish %s", o, g.phaseWord())
	case g.done[o]:
		return fmt.Sprintf("The %s is done with %s and waits for you", o, g.phaseWord())
	case g.acted[o]:
		return fmt.Sprintf("The %s %s", o, doingWords[g.doing[o]])
	}
	return fmt.Sprintf("The %s is at work on %s", o, g.phaseWord())
}

// LegalAs appends the actions seat h may take now to buf, each naming its seat, with the same
// defaults as Legal. In a solo game it is Legal.
func (g *Game) LegalAs(h Hat, buf []Action) []Action {
	if g.role != RolePair {
		return g.Legal(buf)
	}
	if h != HatPM && h != HatPO {
		return buf
	}
	return g.legal(buf, h)
}
