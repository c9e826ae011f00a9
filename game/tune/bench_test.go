package tune

import (
	"testing"

	"twohats/game/sim"
	"twohats/scenarios"
)

// BenchmarkSearch is one small search on startup, both hats: run with -cpu 2 (or more) it gives
// the games per second a search reaches on that many cores, which sets the lessons' budget.
func BenchmarkSearch(b *testing.B) {
	sc, err := scenarios.Load("startup")
	if err != nil {
		b.Fatal(err)
	}
	games := 0
	for i := 0; b.Loop(); i++ {
		r, err := Run(Config{Scenario: sc, Role: sim.RoleBoth, Budget: 2400, Seed: uint64(i), Select: 50, HeldOut: 50})
		if err != nil {
			b.Fatal(err)
		}
		games += r.Games
	}
	b.ReportMetric(float64(games)/b.Elapsed().Seconds(), "games/s")
}
