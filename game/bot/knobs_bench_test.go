package bot

import (
	"testing"

	"twohats/game/sim"
	"twohats/scenarios"
)

// BenchmarkKnobGame is BenchmarkFullGame with the knob policy at its default setting: the unit
// of every search the tuner runs.
func BenchmarkKnobGame(b *testing.B) {
	sc, err := scenarios.Load("startup")
	if err != nil {
		b.Fatal(err)
	}
	k := DefaultKnobs()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		g, err := sim.New(sc, sim.RoleBoth, uint64(i))
		if err != nil {
			b.Fatal(err)
		}
		if err := Play(g, NewKnobPolicy("knobs", k)); err != nil {
			b.Fatal(err)
		}
	}
}
