package scene

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

var (
	recText  = regexp.MustCompile(`^text (-?\d+),(-?\d+) (\w+) (\S+) (".*")$`)
	recPanel = regexp.MustCompile(`^panel (-?\d+),(-?\d+) (\d+)x(\d+) r14 #FFFFFF line #0072B2 2 `)
	fontOf   = map[string]widget.Font{"Small": widget.Small, "Body": widget.Body, "BodyBold": widget.BodyBold, "Heading": widget.Heading,
		"Title": widget.Title, "Mono": widget.Mono, "MonoBold": widget.MonoBold, "Display": widget.Display}
)

// TestHelpFits opens the help over a solo game's board, a pair game's board and the join screen,
// at the smallest window the layout supports and at 1280x720, and reads every page as drawn:
// every line lies inside the help's panel, no line is cut short, and every keys line and every
// glossary entry of that screen's help shows whole on some page. The pair game's keys and words
// show over the pair's screens and the join screen, and nowhere else.
func TestHelpFits(t *testing.T) {
	for _, size := range [][2]float64{{MinW, MinH}, {1280, 720}} {
		w, h := size[0], size[1]
		for _, where := range []string{"solo", "pair", "join"} {
			p := widget.NewPainter(1)
			p.Rec = &widget.Recording{}
			var m *Manager
			switch where {
			case "solo":
				c := NewCtx(Options{Seed: 3}, p)
				if err := c.StartGame(&c.Entries()[0], sim.RoleBoth); err != nil {
					t.Fatal(err)
				}
				m = NewManager(c, NewTitle(c))
				m.Resize(w, h)
				m.Handle(input.Intent{}) // on to the game's first board
			case "pair":
				m, _, p = pairScreen(t, sim.HatPO, w, h)
			case "join":
				c := NewCtx(Options{Join: "http://192.168.1.20:8080", Player: "Ben", JoinHat: sim.HatPO}, p)
				m = NewManager(c, NewJoin(c, false))
				m.Resize(w, h)
			}
			m.Handle(input.Of(input.Help))
			help, ok := m.Top().(*Help)
			if !ok {
				t.Fatalf("%s: F1 opened %s", where, m.Top().Name())
			}
			keys := strings.Join(help.keys, " ")
			pair := strings.Contains(keys, pairKeys) || keys == joinKeys
			if pair != (where != "solo") || (where == "join") != (keys == joinKeys) || (len(help.words) > len(glossary)) != pair {
				t.Errorf("%s: the help's keys %q and %d entries are not this screen's", where, help.keys, len(help.words))
			}
			var shown []string // what the pages drew, in order
			for page := 0; ; page++ {
				p.Rec.Reset()
				m.Draw(p)
				lines := strings.Split(p.Rec.String(), "\n")
				var in widget.Rect
				at := -1
				for i, l := range lines {
					if g := recPanel.FindStringSubmatch(l); g != nil {
						n := func(k int) float64 { v, _ := strconv.ParseFloat(g[k], 64); return v }
						in, at = widget.R(n(1), n(2), n(3), n(4)).Inset(8), i // clear of the panel's rounded border
					}
				}
				if at < 0 {
					t.Fatalf("%s %.0fx%.0f: no help panel drawn", where, w, h)
				}
				for _, d := range drawnTexts(t, strings.Join(lines[at+1:], "\n")) {
					x, y, s, f := d.x, d.y, d.s, d.font
					if x < in.X-1 || x+p.Width(s, f) > in.Right()+1 || y+widget.LineHeight(f) > in.Bottom()+1 {
						t.Errorf("%s %.0fx%.0f page %d: %q (font %v at %.0f,%.0f) leaves the panel %v", where, w, h, page+1, s, f, x, y, in)
					}
					if strings.HasSuffix(s, "…") && !strings.HasPrefix(s, "page ") {
						t.Errorf("%s %.0fx%.0f page %d: a line is cut: %q", where, w, h, page+1, s)
					}
					shown = append(shown, s)
				}
				if page+1 >= help.pages {
					break
				}
				m.Handle(input.Of(input.Right))
			}
			all := " " + strings.Join(shown, " ") + " "
			words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
			for _, k := range help.keys {
				if !strings.Contains(words(all), words(k)) {
					t.Errorf("%s %.0fx%.0f: the keys do not show whole: %q", where, w, h, k)
				}
			}
			for _, e := range help.words {
				if !strings.Contains(words(all), words(e[0]+" "+e[1])) {
					t.Errorf("%s %.0fx%.0f: the entry %q does not show whole", where, w, h, e[0])
				}
			}
			t.Logf("%s %.0fx%.0f: %d entries on %d page(s)", where, w, h, len(help.words), help.pages)
		}
	}
}
