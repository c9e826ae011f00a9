package scene

import (
	"fmt"
	"twohats/game/sim"
	"twohats/game/ui/input"
)

// Autoplayer plays through the screens like a person: a bot policy makes each decision, and the
// decision is carried out by the intents a player's keyboard and mouse would make (switch board,
// move the focus, press the key). It also opens the help and the pause menu once, so that a tour
// visits every screen; a pair seat's tour opens the help on the join screen and on the first
// board (each with the pair game's keys and words).
type Autoplayer struct {
	Policy Policy
	Every  int // frames between two intents

	want      *sim.Action
	wantBuf   sim.Action
	count     int
	steps     int
	wait      int
	tour      int
	joinTour  bool // the help has been opened over the join screen
	release   *input.Intent
	relBuf    input.Intent
	Decisions int // decisions carried out through the screens
	Fallbacks int // decisions the screens could not express, applied directly (a bug if > 0)
	Intents   int
	LastErr   string
	seen      string
}

// maxSteps is how many intents one decision may take before the autoplayer gives up on the screens.
const maxSteps = 4000

// Step returns the intent to feed this frame, if any.
func (a *Autoplayer) Step(m *Manager) (input.Intent, bool) {
	if m.Fade > 0 || m.C.hold > 0 {
		return input.Intent{}, false
	}
	if n := m.Name(); n != a.seen {
		a.seen = n
		a.wait = max(a.wait, 3*a.Every+4)
	}
	if a.wait > 0 {
		a.wait--
		return input.Intent{}, false
	}
	if a.release != nil {
		in := *a.release
		a.release = nil
		a.wait = a.Every
		return in, true
	}
	c := m.C
	top := m.Top()
	var want *sim.Action
	if sp, ok := m.Scene().(*Sprint); ok && c.Game != nil && !c.Game.Over() {
		g := c.Game
		if c.Seat != nil {
			return a.seatStep(m, sp)
		}
		if a.want != nil && len(g.Actions()) > a.count {
			a.want = nil
			a.Decisions++
		}
		if top == Scene(sp) {
			// The tour: help once, then the pause menu once, on the first board.
			switch a.tour {
			case 0:
				a.tour++
				return a.emit(input.Of(input.Help))
			case 1:
				a.tour++
				return a.emit(input.Of(input.Back))
			}
			if a.want == nil && a.Policy != nil {
				a.wantBuf = a.Policy.Next(g)
				a.want, a.count, a.steps = &a.wantBuf, len(g.Actions()), 0
			}
		}
		want = a.want
	}
	if j, isJoin := top.(*Join); isJoin && j.State == JoinForm && j.Err == "" && !a.joinTour {
		a.joinTour = true
		return a.emit(input.Of(input.Help))
	}
	in, ok := top.Auto(c, want)
	if want != nil && top == m.Scene() && (!ok || a.steps >= maxSteps) {
		// The screens could not carry the decision out: apply it directly and count it.
		a.Fallbacks++
		if err := c.Game.Check(*want); err != nil {
			a.LastErr = err.Error()
		} else {
			a.LastErr = fmt.Sprintf("no intent path for %s after %d steps (ok=%v, want %v)", want.Kind, a.steps, ok, want.Stories)
			if sp, isSp := m.Scene().(*Sprint); isSp {
				a.LastErr += fmt.Sprintf(" draft %v board %s", sp.Backlog.Order, sp.Name())
			}
		}
		c.Apply(*want)
		a.want = nil
		return input.Intent{}, false
	}
	if !ok {
		return input.Intent{}, false
	}
	a.steps++
	return a.emit(in)
}

func (a *Autoplayer) emit(in input.Intent) (input.Intent, bool) {
	a.Intents++
	a.wait = a.Every
	if in.Kind == input.Press {
		a.relBuf = input.Intent{Kind: input.Release, X: in.X, Y: in.Y}
		a.release = &a.relBuf
	}
	return in, true
}

// seatStep plays one seat of a pair game: a decision is made only on the seat's turn, with no
// move of its own on the way, and it is done when the seat's game shows it (the partner's moves
// also come in between, so the count alone does not say). The first board opens the help once.
func (a *Autoplayer) seatStep(m *Manager, sp *Sprint) (input.Intent, bool) {
	c := m.C
	g := c.Game
	if c.Seat.Pending() {
		return input.Intent{}, false
	}
	if a.want != nil && len(g.Actions()) > a.count {
		a.want = nil
		a.Decisions++
	}
	switch top := m.Top(); {
	case top != Scene(sp):
		return top.Auto(c, nil) // an overlay (the tour's help) closes
	case a.tour == 0:
		a.tour = 2 // a pair seat's tour is the help; its pause menu is a solo game's
		return a.emit(input.Of(input.Help))
	}
	st := c.V().View()
	if !st.Turn || c.Opts.SeatPolicy == nil {
		a.want = nil
		return input.Intent{}, false
	}
	if a.want == nil {
		a.wantBuf = c.Opts.SeatPolicy(g, c.Hat())
		a.want, a.count, a.steps = &a.wantBuf, len(g.Actions()), 0
	}
	in, ok := sp.Auto(c, a.want)
	if !ok || a.steps >= maxSteps {
		a.Fallbacks++
		a.LastErr = fmt.Sprintf("no intent path for %s after %d steps", a.want.Kind, a.steps)
		c.Apply(*a.want)
		a.count = -1 // done once the stream brings anything
		return input.Intent{}, false
	}
	a.steps++
	return a.emit(in)
}
