package bot

import (
	"testing"

	"twohats/game/sim"
	"twohats/scenarios"
)

// TestEveryPolicyFinishesEveryScenario: every named policy, and every spam policy, plays every
// shipped scenario to the end in every role with legal actions only.
func TestEveryPolicyFinishesEveryScenario(t *testing.T) {
	names := append([]string(nil), Names...)
	for k := sim.ActResearch; k <= sim.ActRest; k++ {
		names = append(names, "spam-"+k.String())
	}
	for _, id := range scenarios.IDs() {
		sc, err := scenarios.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range sim.Roles {
			for _, name := range names {
				g, err := sim.New(sc, r, 1)
				if err != nil {
					t.Fatal(err)
				}
				p, err := New(name, 1)
				if err != nil {
					t.Fatal(err)
				}
				if err := Play(g, p); err != nil {
					t.Fatalf("%s/%s/%s: %v", id, r, name, err)
				}
				if o := g.Outcome(); o.SprintsPlayed != sc.Sprints {
					t.Errorf("%s/%s/%s played %d of %d sprints", id, r, name, o.SprintsPlayed, sc.Sprints)
				}
			}
		}
	}
}

func TestUnknownPolicy(t *testing.T) {
	for _, name := range []string{"", "best", "spam-", "spam-dance"} {
		if _, err := New(name, 1); err == nil {
			t.Errorf("New(%q) accepted", name)
		}
	}
}
