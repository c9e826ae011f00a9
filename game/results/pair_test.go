package results

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"twohats/game/bot"
	"twohats/game/sim"
	"twohats/scenarios"
)

// playPair plays a pair game with two roadmap bot seats.
func playPair(t *testing.T, id string, seed uint64) *sim.Game {
	t.Helper()
	sc, err := scenarios.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	g, err := sim.New(sc, sim.RolePair, seed)
	if err != nil {
		t.Fatal(err)
	}
	pm, _ := bot.New("roadmap", seed)
	po, _ := bot.New("roadmap", seed)
	if err := bot.PlayPair(g, pm, po); err != nil {
		t.Fatal(err)
	}
	return g
}

// TestPairFileReplays: a pair game of two bot seats writes a results file naming both players
// by seat; the file parses back the same and replays to the same figures, every decision
// carrying its seat.
func TestPairFileReplays(t *testing.T) {
	g := playPair(t, "startup", 4)
	f := FromGame(g, "roadmap")
	f.Players = map[string]string{"pm": "Ada", "po": "Grace"}
	b, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"role": "pair"`) || !strings.Contains(string(b), `"hat": "po"`) || !strings.Contains(string(b), `"accept": true`) {
		t.Fatal("the file does not say it is a pair's, or its decisions do not name their seats")
	}
	back, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if back.Summary != f.Summary || back.PlayerOf(sim.HatPM) != "Ada" || back.PlayerOf(sim.HatPO) != "Grace" || len(back.Actions) != len(g.Actions()) {
		t.Fatalf("the pair file does not round-trip: %+v", back.Players)
	}
	for i, a := range back.Actions {
		if a.Hat != sim.HatPM && a.Hat != sim.HatPO {
			t.Fatalf("decision %d names no seat: %+v", i+1, a)
		}
	}
	r, diff, err := ReplayFile(context.Background(), back)
	if err != nil || len(diff) > 0 {
		t.Fatalf("replay: %v %v", err, diff)
	}
	if r.State().Syncs != g.State().Syncs || r.State().Syncs == 0 {
		t.Errorf("the replay held %d syncs, the game %d", r.State().Syncs, g.State().Syncs)
	}
	// The same decisions without their seats are not a pair game.
	bare := back
	bare.Actions = append([]sim.Action(nil), back.Actions...)
	bare.Actions[0].Hat = sim.HatNone
	if _, _, err := ReplayFile(context.Background(), bare); err == nil || !strings.Contains(err.Error(), "names its seat") {
		t.Errorf("a seatless decision replayed: %v", err)
	}
}

// TestParseRefusesPlayersThatDoNotFit: names by seat belong to pair games only, and a pair's
// seats are pm and po.
func TestParseRefusesPlayersThatDoNotFit(t *testing.T) {
	pair := FromGame(playPair(t, "tutorial", 1), "roadmap")
	solo := FromGame(play(t, "tutorial", sim.RolePM, "roadmap", 1), "roadmap")
	tests := []struct {
		name string
		f    File
		edit func(*File)
		want string
	}{
		{"solo with seats", solo, func(f *File) { f.Players = map[string]string{"pm": "Ada"} }, "a pm game has one player"},
		{"pair with one player", pair, func(f *File) { f.Player = "Ada" }, "a pair names both by seat"},
		{"pair with a third seat", pair, func(f *File) { f.Players = map[string]string{"pm": "Ada", "both": "Bob"} }, `seat "both"`},
		{"pair, fine", pair, func(f *File) { f.Players = map[string]string{"po": "Grace"} }, ""},
		{"solo, fine", solo, func(f *File) { f.Player = "Ada" }, ""},
	}
	for _, tt := range tests {
		f := tt.f
		tt.edit(&f)
		b, _ := f.Marshal()
		_, err := Parse(b)
		if (tt.want == "") != (err == nil) || (err != nil && (!strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n"))) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestGoldenPairReplay pins one whole pair game of two bot seats, as TestGoldenReplay pins a solo
// one: the file must replay to the same figures everywhere. Rewrite with -update when the model
// changes on purpose.
func TestGoldenPairReplay(t *testing.T) {
	const path = "testdata/golden-startup-pair-8.json"
	if *update {
		f := FromGame(playPair(t, "startup", 7), "roadmap")
		f.Players = map[string]string{"pm": "Ada", "po": "Grace"}
		b, err := f.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	g, diff, err := ReplayFile(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	if len(diff) > 0 {
		t.Fatalf("the golden pair game no longer reproduces:\n%s", strings.Join(diff, "\n"))
	}
	again := FromGame(g, f.Policy)
	again.Players = f.Players
	if b2, _ := again.Marshal(); !bytes.Equal(b2, b) {
		t.Fatal("the replayed pair game writes a different results file (sprints or turning points differ)")
	}
}
