// Package batch plays many games with bot policies on all cores. Each game owns its state and its
// generator, so the results do not depend on how the games were spread over the workers: the same
// jobs give the same results in the same order.
package batch

import (
	"runtime"
	"sync"

	"twohats/game/bot"
	"twohats/game/results"
	"twohats/game/scenario"
	"twohats/game/sim"
)

// Job is one game to play.
type Job struct {
	Scenario *scenario.Scenario
	Role     sim.Role
	Policy   string
	Seed     uint64
}

// Play plays one job to the end.
func Play(j Job) (*sim.Game, error) {
	g, err := sim.New(j.Scenario, j.Role, j.Seed)
	if err != nil {
		return nil, err
	}
	p, err := bot.New(j.Policy, j.Seed)
	if err != nil {
		return nil, err
	}
	if j.Role == sim.RolePair {
		// Two seats: two of the policy, each with its own memory.
		po, err := bot.New(j.Policy, j.Seed)
		if err != nil {
			return nil, err
		}
		if err := bot.PlayPair(g, p, po); err != nil {
			return nil, err
		}
		return g, nil
	}
	if err := bot.Play(g, p); err != nil {
		return nil, err
	}
	return g, nil
}

// Outcome is a finished job: its summary, and the game when keep was asked for.
type Outcome struct {
	Summary results.Summary
	Game    *sim.Game
	Err     error
}

// Run plays every job on up to workers goroutines (all cores when workers < 1) and returns the
// outcomes in the jobs' order. Games are kept only when keep is true, since a batch of thousands
// need not hold every state.
func Run(jobs []Job, workers int, keep bool) []Outcome {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([]Outcome, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				g, err := Play(jobs[i])
				if err != nil {
					out[i].Err = err
					continue
				}
				out[i].Summary = results.Summarise(g, jobs[i].Policy)
				if keep {
					out[i].Game = g
				}
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}
