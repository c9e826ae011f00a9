package scene

import (
	"strconv"
	"strings"
	"testing"

	"twohats/game/bot"
	"twohats/game/pairplay"
	"twohats/game/sim"
	"twohats/game/ui/widget"
)

// drawn is one text a recording Painter was asked to draw.
type drawn struct {
	x, y float64
	font widget.Font
	s    string
}

// drawnTexts are the texts in a recording, with their fonts, so that a test can measure them.
func drawnTexts(t *testing.T, rec string) []drawn {
	t.Helper()
	var out []drawn
	for _, l := range strings.Split(rec, "\n") {
		g := recText.FindStringSubmatch(l)
		if g == nil {
			continue
		}
		x, _ := strconv.ParseFloat(g[1], 64)
		y, _ := strconv.ParseFloat(g[2], 64)
		s, err := strconv.Unquote(g[5])
		f, ok := fontOf[g[3]]
		if err != nil || !ok {
			t.Fatalf("unreadable recording line %q", l)
		}
		out = append(out, drawn{x, y, f, s})
	}
	return out
}

// TestDebriefResultsLineFits: a pair's debrief says where the room stored the results and where
// the player's copy is, at every window size, the copy's path whole (a player has to find the
// file), inside the window's margins and above the grade: at 960×540 the one line, cut to fit
// beside nothing, used to end in "your cop…".
func TestDebriefResultsLineFits(t *testing.T) {
	where := "/home/bea-the-product-owner/.local/share/twohats/results/0001-startup-pair-ada_bea-5f81080035cd.json"
	for _, tc := range []struct {
		name string
		w, h float64
		copy string
	}{
		{"short path 960", 960, 540, "results/0001-startup-pair-ada_bea.json"},
		{"long path 960", 960, 540, where},
		{"long path 1280", 1280, 720, where},
		{"windows path 960", 960, 540, `C:\Users\bea-the-product-owner\AppData\Roaming\twohats\results\0001-startup-pair-ada_bea-5f81080035cd.json`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, c, p := pairScreen(t, sim.HatPM, tc.w, tc.h)
			g, _ := sim.New(c.Game.Scenario(), sim.RolePair, 7)
			pm, _ := bot.New("roadmap", 7)
			po, _ := bot.New("roadmap", 7)
			if err := bot.PlayPair(g, pm, po); err != nil {
				t.Fatal(err)
			}
			feed(t, m, c, g.Actions()...)
			m.Tick()
			if m.Name() != "end" {
				t.Fatalf("after the game the PM is on %s", m.Name())
			}
			c.News.Pair.State = pairplay.StateStored
			c.News.Pair.Result = &pairplay.Result{ID: "0001-startup-pair-ada_bea-5f81080035cd", Score: 73, Grade: "B"}
			c.pairCopy = tc.copy
			c.Results = c.pairResults()
			p.Rec.Reset()
			m.Draw(p)
			var got strings.Builder
			grade := 0.0
			for _, tx := range drawnTexts(t, p.Rec.String()) {
				if tx.s == "B" && tx.font == widget.Title {
					grade = tx.y
				}
				if tx.font != widget.Small || tx.x != 40 || tx.y < 100 || tx.y > 160 {
					continue // not the results' lines, which are under the subtitle
				}
				if right := tx.x + p.Width(tx.s, tx.font); right > tc.w-40 {
					t.Errorf("%q ends at x %.0f, past the margin at %.0f", tx.s, right, tc.w-40)
				}
				if strings.Contains(tx.s, "…") {
					t.Errorf("%q is cut", tx.s)
				}
				got.WriteString(tx.s)
			}
			if !strings.Contains(got.String(), tc.copy) {
				t.Errorf("the debrief does not show the whole copy's path %q: %q", tc.copy, got.String())
			}
			if !strings.Contains(got.String(), "score 73, B") {
				t.Errorf("the debrief does not say where the room stored it: %q", got.String())
			}
			// The grade's panel starts below the last line of the results.
			lines := resultsLines(p, c.Results, tc.w-80)
			if last := 100 + float64(len(lines))*widget.LineHeight(widget.Small); grade < last {
				t.Errorf("the grade at y %.0f is over the results' lines, which end at %.0f", grade, last)
			}
		})
	}
}

// TestRetroNoteWhole: the retrospective's summary under the meters shows all its lines at the
// smallest window (it used to end in "before the next …" at 960x540, cut at two lines).
func TestRetroNoteWhole(t *testing.T) {
	for _, size := range [][2]float64{{MinW, MinH}, {1280, 720}} {
		m, c := startAt(t, "tutorial", sim.RoleBoth, 3)
		m.Resize(size[0], size[1])
		pol, _ := bot.New("roadmap", 1)
		ap := &Autoplayer{Policy: pol}
		p := widget.NewPainter(1)
		p.Rec = &widget.Recording{}
		c.P = p
		for f := 0; f < 20000 && !(m.Name() == "retro" && m.Fade == 0 && m.Top() == m.Scene()); f++ {
			if in, ok := ap.Step(m); ok {
				m.Handle(in)
			}
			m.Tick()
		}
		if m.Name() != "retro" {
			t.Fatalf("%.0fx%.0f: never reached the retrospective", size[0], size[1])
		}
		p.Rec.Reset()
		m.Draw(p)
		note := m.Scene().(*Sprint).Retro.note
		var got []string
		for _, tx := range drawnTexts(t, p.Rec.String()) {
			// The note's lines: from the one that begins it, each Body text that is part of it.
			if tx.font == widget.Body && (len(got) > 0 || strings.HasPrefix(note, tx.s)) && strings.Contains(note, strings.TrimSuffix(tx.s, " …")) {
				got = append(got, tx.s)
			}
		}
		if strings.Join(got, " ") != strings.Join(strings.Fields(note), " ") {
			t.Errorf("%.0fx%.0f: the retrospective's note shows as %q, want %q", size[0], size[1], got, note)
		}
	}
}
