package bot

import (
	"fmt"

	"twohats/game/sim"
)

// MaxSteps bounds a game: no shipped or sane scenario needs nearly this many decisions, so a
// policy that reaches it is stuck.
const MaxSteps = 20000

// Play lets the policy finish the game. A pair game needs a policy per seat: PlayPair.
func Play(g *sim.Game, p Policy) error {
	if g.Role() == sim.RolePair {
		return fmt.Errorf("policy %s cannot play both seats of a pair game alone: a pair game needs a policy per seat", p.Name())
	}
	for steps := 0; !g.Over(); steps++ {
		if steps >= MaxSteps {
			return fmt.Errorf("policy %s did not finish the game in %d decisions", p.Name(), MaxSteps)
		}
		a := p.Next(g)
		if err := g.Apply(a); err != nil {
			return fmt.Errorf("policy %s chose an illegal %s in sprint %d (%s): %w", p.Name(), a.Kind, g.State().Sprint, g.State().Phase, err)
		}
	}
	return nil
}

// seatPlayer is a policy that can play one seat of a pair game itself, with its own reckoning of
// what that hat knows and needs.
type seatPlayer interface {
	nextAs(g *sim.Game, hat sim.Hat) sim.Action
}

func (p *planner) nextAs(g *sim.Game, hat sim.Hat) sim.Action {
	p.hat = hat
	return p.Next(g)
}

// Seat is the next action of policy p playing seat hat of a pair game, to be called when
// g.Turn(hat): the policy's choices restricted to that hat's work, and a sync the other seat
// proposes accepted. A policy keeps what it remembers of the game between calls, so each seat
// needs its own (New twice). The roadmap family plays a seat as it plays that hat solo; any other
// policy's choice is sent under the seat's name, and when that is not legal the seat accepts a
// sync, takes an event's first option or says it is done.
func Seat(g *sim.Game, hat sim.Hat, p Policy) sim.Action {
	if sp, ok := p.(seatPlayer); ok {
		return sp.nextAs(g, hat)
	}
	a := p.Next(g)
	a.Hat = hat
	if g.Check(a) == nil {
		return a
	}
	for _, b := range g.LegalAs(hat, nil) {
		if b.Kind == sim.ActChoose || (b.Kind == sim.ActSync && b.Accept) {
			return b
		}
	}
	return sim.Action{Kind: sim.ActAdvance, Hat: hat}
}

// PlayPair lets two policies finish a pair game, pm in the Product Manager's seat and po in the
// Product Owner's (two separate policies, even of one name). The seats take turns an action at a
// time, the PM first, each while the game gives it the turn, so a proposed sync is answered
// before its proposer moves on. A seat that is done with the phase and whose policy's action is
// refused passes (its turn was only to answer the other seat's sync proposal).
func PlayPair(g *sim.Game, pm, po Policy) error {
	if g.Role() != sim.RolePair {
		return fmt.Errorf("PlayPair needs a pair game, not a %s game", g.Role())
	}
	seats := [2]struct {
		hat sim.Hat
		p   Policy
	}{{sim.HatPM, pm}, {sim.HatPO, po}}
	for steps := 0; !g.Over(); {
		moved := false
		for _, st := range seats {
			if g.Over() || !g.Turn(st.hat) {
				continue
			}
			if steps++; steps >= MaxSteps {
				return fmt.Errorf("policies %s and %s did not finish the pair game in %d decisions", pm.Name(), po.Name(), MaxSteps)
			}
			a := Seat(g, st.hat, st.p)
			if err := g.Apply(a); err != nil {
				if g.Done(st.hat) {
					continue // waiting, its answer to the other seat's sync was refused: it passes
				}
				return fmt.Errorf("policy %s in the %s seat chose an illegal %s in sprint %d (%s): %w", st.p.Name(), st.hat, a.Kind, g.State().Sprint, g.State().Phase, err)
			}
			moved = true
		}
		if !moved {
			return fmt.Errorf("the pair game is stuck in sprint %d (%s): neither seat can act", g.State().Sprint, g.State().Phase)
		}
	}
	return nil
}
