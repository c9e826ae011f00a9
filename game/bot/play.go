package bot

import (
	"fmt"

	"twohats/game/sim"
)

// MaxSteps bounds a game: no shipped or sane scenario needs nearly this many decisions, so a
// policy that reaches it is stuck.
const MaxSteps = 20000

// Play lets the policy finish the game.
func Play(g *sim.Game, p Policy) error {
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
