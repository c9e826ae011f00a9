package bot

import (
	"fmt"
	"os"
	"strconv"
	"testing"

	"twohats/game/sim"
	"twohats/scenarios"
)

func TestDevTrace(t *testing.T) {
	id := os.Getenv("TRACE")
	if id == "" {
		t.Skip()
	}
	sc, err := scenarios.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	seed, _ := strconv.Atoi(os.Getenv("SEED"))
	for _, r := range sim.Roles {
		g, _ := sim.New(sc, r, uint64(seed))
		p, _ := New(os.Getenv("POLICY"), 1)
		if err := Play(g, p); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("== %s %+v\n", r, g.Outcome())
		for i, h := range g.State().History {
			fmt.Printf("  s%d hrs %2d stress %.2f burnout %.2f value %5.1f pts %4.1f align %.2f trust %.2f\n", i+1, h.Hours, h.Stress, h.Burnout, h.Value, h.Points, h.Alignment, h.Trust)
		}
		if os.Getenv("LOG") != "" {
			for _, c := range g.State().Log {
				fmt.Printf("    %s [%.2f]\n", g.Describe(c), c.Impact)
			}
		}
	}
}
