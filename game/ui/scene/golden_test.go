package scene

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"twohats/game/bot"
	"twohats/game/sim"
	"twohats/game/ui/widget"
)

var update = flag.Bool("update", false, "rewrite the golden layout files in testdata/layout")

// TestLayoutGolden plays a tutorial game through the screens with the roadmap bot, at two window
// sizes, and records what each screen draws, the first time it shows, as text (a recording
// Painter: no GPU). The recordings are golden files, so a layout change shows in a review as a
// diff of positions, sizes, colours and strings. go test -run LayoutGolden -update rewrites them.
func TestLayoutGolden(t *testing.T) {
	for _, size := range [][2]float64{{1280, 720}, {960, 540}} {
		pol, _ := bot.New("roadmap", 1)
		m, c, _ := newTest(t, Options{Scenario: "tutorial", Role: sim.RoleBoth, Seed: 3, Autoplay: "roadmap", Policy: pol})
		m.Resize(size[0], size[1])
		ap := &Autoplayer{Policy: pol}
		p := widget.NewPainter(1)
		p.Rec = &widget.Recording{}
		c.P = p
		seen := map[string]bool{}
		for f := 0; f < 200000; f++ {
			name := m.Name()
			if !seen[name] && m.Fade == 0 {
				seen[name] = true
				p.Rec.Reset()
				m.Draw(p)
				path := filepath.Join("testdata", "layout", fmt.Sprintf("%s-%.0fx%.0f.txt", name, size[0], size[1]))
				if *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
				}
				diff, err := widget.WriteGolden(path, p.Rec.String(), *update)
				if err != nil {
					t.Fatal(err)
				}
				if diff != "" {
					t.Error(diff)
				}
			}
			if name == "end" && seen["end"] {
				break
			}
			if in, ok := ap.Step(m); ok {
				m.Handle(in)
			}
			m.Tick()
		}
		if len(seen) < 11 {
			t.Errorf("%.0fx%.0f: only %d screens recorded: %v", size[0], size[1], len(seen), seen)
		}
	}
}

// TestGuideGolden plays the tutorial's first sprint through the screens with the guide on (the
// roadmap bot presses what a player would) and records the screen each time the guide moves to a
// new step, at two sizes, so the outline around what to press shows in review. Every step that
// names a key or a card must draw its outline.
func TestGuideGolden(t *testing.T) {
	for _, size := range [][2]float64{{1280, 720}, {960, 540}} {
		m, c := startAt(t, "tutorial", sim.RoleBoth, 3)
		m.Resize(size[0], size[1])
		pol, _ := bot.New("roadmap", 1)
		ap := &Autoplayer{Policy: pol}
		p := widget.NewPainter(1)
		p.Rec = &widget.Recording{}
		c.P = p
		seen := map[int]bool{}
		for f := 0; f < 20000; f++ {
			s, ok := m.Scene().(*Sprint)
			if !ok || !s.guiding() || s.guide.cur >= len(s.guide.steps) {
				break
			}
			if k := s.guide.cur; !seen[k] && m.Fade == 0 && c.V().View().Event < 0 {
				seen[k] = true
				p.Rec.Reset()
				m.Draw(p)
				rec := p.Rec.String()
				if !strings.Contains(rec, "none line #F0E442 4") && !strings.Contains(rec, "none line #D55E00 4") {
					t.Errorf("%.0fx%.0f step %d: no outline around what to press", size[0], size[1], k+1)
				}
				path := filepath.Join("testdata", "layout", fmt.Sprintf("guide-%02d-%.0fx%.0f.txt", k+1, size[0], size[1]))
				diff, err := widget.WriteGolden(path, rec, *update)
				if err != nil {
					t.Fatal(err)
				}
				if diff != "" {
					t.Error(diff)
				}
			}
			if in, ok := ap.Step(m); ok {
				m.Handle(in)
			}
			m.Tick()
		}
		if len(seen) < 8 {
			t.Errorf("%.0fx%.0f: the guide showed only %d steps: %v", size[0], size[1], len(seen), seen)
		}
	}
}
