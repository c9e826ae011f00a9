package bot

import (
	"strings"
	"testing"

	"twohats/game/sim"
	"twohats/scenarios"
)

// TestBotPairFinishesEveryScenario: two bot seats finish every shipped scenario a pair may play,
// with legal actions only, syncing through proposals and acceptances; the other named policies
// play a seat through Seat's fallback and finish too.
func TestBotPairFinishesEveryScenario(t *testing.T) {
	for _, id := range scenarios.IDs() {
		sc, err := scenarios.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range Names {
			g, err := sim.New(sc, sim.RolePair, 1)
			if err != nil {
				t.Fatal(err)
			}
			pm, _ := New(name, 1)
			po, _ := New(name, 2)
			if err := PlayPair(g, pm, po); err != nil {
				t.Fatalf("%s/%s: %v", id, name, err)
			}
			if o := g.Outcome(); o.SprintsPlayed != sc.Sprints {
				t.Errorf("%s/%s played %d of %d sprints", id, name, o.SprintsPlayed, sc.Sprints)
			}
			if name == "roadmap" && g.State().Syncs != sc.Sprints {
				t.Errorf("%s: the roadmap pair synced %d times in %d sprints", id, g.State().Syncs, sc.Sprints)
			}
			if name == "roadmap-nosync" && g.State().Syncs != 0 {
				t.Errorf("%s: the no-sync pair synced %d times", id, g.State().Syncs)
			}
		}
	}
}

// TestPlayRefusesAPair: one policy cannot play both seats (its memory is one person's).
func TestPlayRefusesAPair(t *testing.T) {
	sc, _ := scenarios.Load("startup")
	g, _ := sim.New(sc, sim.RolePair, 1)
	p, _ := New("roadmap", 1)
	if err := Play(g, p); err == nil || !strings.Contains(err.Error(), "a policy per seat") {
		t.Fatalf("Play on a pair game: %v", err)
	}
	if err := PlayPair(func() *sim.Game { g, _ := sim.New(sc, sim.RolePM, 1); return g }(), p, p); err == nil {
		t.Fatal("PlayPair played a solo game")
	}
}

// BenchmarkFullPairGame is one whole pair game of the startup scenario with two roadmap seats:
// what the room's bot-filled seats and `sim --role pair` cost, beside BenchmarkFullGame.
func BenchmarkFullPairGame(b *testing.B) {
	sc, err := scenarios.Load("startup")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		g, err := sim.New(sc, sim.RolePair, uint64(i))
		if err != nil {
			b.Fatal(err)
		}
		pm, _ := New("roadmap", uint64(i))
		po, _ := New("roadmap", uint64(i))
		if err := PlayPair(g, pm, po); err != nil {
			b.Fatal(err)
		}
	}
}
