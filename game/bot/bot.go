// Package bot holds the named policies that play Two Hats without a person: for batch runs, for
// the lessons the game must show, and for the game's autoplay. A policy only reads the state and
// returns an action that is legal now; it never changes the game.
package bot

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"twohats/game/sim"
)

// Policy chooses the next action.
type Policy interface {
	Name() string
	Next(g *sim.Game) sim.Action
}

// Names lists the policies, the sensible ones first.
var Names = []string{"roadmap", "roadmap-nosync", "roadmap-noresearch", "urgency", "yes", "random", "idle"}

// New returns the named policy. The seed feeds the random policy's own generator, kept apart
// from the game's so that a bot's dice never change the world's.
func New(name string, seed uint64) (Policy, error) {
	if p, ok, err := knobPolicy(name); ok {
		return p, err
	}
	switch name {
	case "roadmap":
		return &planner{name: name, research: true, sync: true, choose: true, rest: true, pull: true}, nil
	case "roadmap-nosync":
		return &planner{name: name, research: true, choose: true, rest: true, pull: true}, nil
	case "roadmap-noresearch":
		return &planner{name: name, sync: true, choose: true, rest: true, pull: true}, nil
	case "urgency":
		return &planner{name: name, research: true, sync: true, choose: true, rest: true, urgency: true, pull: true}, nil
	case "yes":
		return &planner{name: name, research: true, sync: true, rest: true, pull: true}, nil
	case "random":
		return &random{rng: rand.New(rand.NewPCG(seed, 0xb07)), buf: make([]sim.Action, 0, 64)}, nil
	case "idle":
		return idle{}, nil
	}
	if rest, ok := strings.CutPrefix(name, "spam-"); ok {
		var k sim.ActionKind
		if err := k.UnmarshalText([]byte(rest)); err == nil {
			return &spam{kind: k, buf: make([]sim.Action, 0, 64)}, nil
		}
	}
	return nil, fmt.Errorf("unknown policy %q (want one of %s, %s, spam-ACTION or %s...)", name, strings.Join(Names, ", "), strings.Join(Catalogue, ", "), KnobPrefix)
}

// idle does nothing it is not forced to: it takes an event's first option and lets time pass.
type idle struct{}

func (idle) Name() string { return "idle" }

func (idle) Next(g *sim.Game) sim.Action {
	if g.State().Event >= 0 {
		return sim.Action{Kind: sim.ActChoose}
	}
	return sim.Action{Kind: sim.ActAdvance}
}

// random picks uniformly among the legal actions, and fills an action's free parameters at
// random too: a random roadmap, a shuffled backlog, a random plan. Legal's defaults would make
// random play far better informed than random.
type random struct {
	rng *rand.Rand
	buf []sim.Action
}

func (*random) Name() string { return "random" }

func (r *random) Next(g *sim.Game) sim.Action {
	r.buf = g.Legal(r.buf[:0])
	if len(r.buf) == 0 {
		return sim.Action{Kind: sim.ActAdvance}
	}
	a := r.buf[r.rng.IntN(len(r.buf))]
	switch a.Kind {
	case sim.ActRoadmap:
		for i := range a.Weights {
			a.Weights[i] = 0.05 + r.rng.Float64()
		}
	case sim.ActOrder:
		r.rng.Shuffle(len(a.Stories), func(i, j int) { a.Stories[i], a.Stories[j] = a.Stories[j], a.Stories[i] })
	case sim.ActPlan:
		s := g.State()
		order := append([]int(nil), s.Backlog...)
		r.rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		a.Stories = a.Stories[:0]
		pts, limit := 0, s.Team.Capacity
		for _, ix := range order {
			if e := s.Stories[ix].Effort; pts+e <= limit && r.rng.IntN(2) == 0 {
				pts += e
				a.Stories = append(a.Stories, ix)
			}
		}
		if len(a.Stories) == 0 {
			return sim.Action{Kind: sim.ActAdvance}
		}
	}
	return a
}

// spam repeats one kind of action as often as the hours allow, then lets time pass: the balance
// check that no single action beats real play. Its name is "spam-" and the action's name.
type spam struct {
	kind sim.ActionKind
	buf  []sim.Action
}

func (s *spam) Name() string { return "spam-" + s.kind.String() }

func (s *spam) Next(g *sim.Game) sim.Action {
	s.buf = g.Legal(s.buf[:0])
	for _, a := range s.buf {
		if a.Kind == s.kind || a.Kind == sim.ActChoose {
			return a
		}
	}
	return sim.Action{Kind: sim.ActAdvance}
}
