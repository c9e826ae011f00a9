package bot

import (
	"testing"

	"twohats/game/sim"
	"twohats/scenarios"
)

// BenchmarkFullGame is one whole game of the startup scenario, both hats, with the roadmap
// policy: the unit of every batch run. Target: ≤ 100 µs and ≤ 500 allocations per game.
func BenchmarkFullGame(b *testing.B) {
	sc, err := scenarios.Load("startup")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		g, err := sim.New(sc, sim.RoleBoth, uint64(i))
		if err != nil {
			b.Fatal(err)
		}
		p, _ := New("roadmap", uint64(i))
		if err := Play(g, p); err != nil {
			b.Fatal(err)
		}
	}
}
