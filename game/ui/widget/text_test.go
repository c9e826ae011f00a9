package widget

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// monoSamples are strings like those the screens draw in the Mono faces.
func monoSamples() []string {
	ss := []string{"—", "Day 3 of 10", "ON LEAVE", "est 37% ± 2", "▲ +4", "▼ −12", "1", "Esc", "Tab", "⏎", "87 / 100", "5 pt", "2.5 h"}
	for v := 0; v <= 240; v += 7 {
		n := strconv.Itoa(v)
		ss = append(ss, n, n+" h", n+"%", "+"+n, "−"+n, "▲ +"+n, "▼ −"+n, "est "+n+"% ± "+strconv.Itoa(v%13), n+" pt", strings.Repeat(n, 3))
	}
	return ss
}

// The glyph-by-glyph path must give what a laid-out label gives: the same width as text.AdvanceAt,
// and each rune's glyph (image, position) the same as in the whole string's layout.
func TestMonoRunsMatchLayout(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no DISPLAY: run under xvfb-run")
	}
	for _, scale := range []float64{1, 1.25, 1.5, 2} {
		p := NewPainter(scale)
		for _, f := range []Font{Mono, MonoBold} {
			face := p.faces.Face(f)
			for _, s := range monoSamples() {
				n, ok := p.monoRun(s, f)
				if !ok {
					continue
				}
				if got, want := p.Width(s, f), text.AdvanceAt(s, len(s), face)/scale; got != want {
					t.Errorf("scale %v font %d %q: width %v, want %v", scale, f, s, got, want)
				}
				lo := text.LayoutOptions{LineSpacing: LineHeight(f) * scale}
				whole := text.AppendGlyphs(nil, s, face, &lo)
				i := 0
				for bi, r := range s {
					one := text.AppendGlyphs(nil, strings.Repeat(" ", i)+string(r), face, &lo)
					var a, b []text.Glyph
					for _, g := range whole {
						if g.StartIndexInBytes == bi {
							a = append(a, g)
						}
					}
					for _, g := range one {
						if g.StartIndexInBytes >= i {
							b = append(b, g)
						}
					}
					if len(a) != len(b) {
						t.Fatalf("scale %v font %d %q rune %d: %d glyphs, want %d", scale, f, s, i, len(b), len(a))
					}
					for k := range a {
						if a[k].GID != b[k].GID || a[k].X != b[k].X || a[k].Y != b[k].Y || a[k].Image != b[k].Image {
							t.Fatalf("scale %v font %d %q rune %d: glyph %+v, want %+v", scale, f, s, i, b[k], a[k])
						}
					}
					i++
				}
				if i != n {
					t.Fatalf("%q: %d runes, monoRun says %d", s, i, n)
				}
			}
		}
	}
}

// Wrap measures words, not every candidate line: it must break exactly where measuring each
// candidate line whole does.
func TestWrapMatchesWholeLineMeasure(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no DISPLAY: run under xvfb-run")
	}
	fs, _ := filepath.Glob("../../../scenarios/*.toml")
	var paras []string
	for _, f := range fs {
		b, _ := os.ReadFile(f)
		for _, l := range strings.Split(string(b), "\n") {
			if len(l) > 40 {
				paras = append(paras, l)
			}
		}
	}
	for _, sc := range []float64{1, 1.5, 2} {
		p := NewPainter(sc)
		for _, f := range []Font{Small, Body, BodyBold, Heading} {
			face := p.faces.Face(f)
			for i, para := range paras {
				w := float64(120 + (i*37)%400)
				got := p.Wrap(para, f, w)
				// The reference: the greedy wrap measuring every candidate line.
				var want []string
				words := strings.Fields(para)
				line := words[0]
				for _, wd := range words[1:] {
					if try := line + " " + wd; text.AdvanceAt(try, len(try), face) <= w*sc {
						line = try
						continue
					}
					want = append(want, line)
					line = wd
				}
				want = append(want, line)
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Fatalf("scale %v font %d width %v:\n%q\nwant\n%q", sc, f, w, got, want)
				}
			}
		}
	}
}

// Fit's binary search must pick what scanning from the longest prefix down picks.
func TestFitMatchesScan(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no DISPLAY: run under xvfb-run")
	}
	fs, _ := filepath.Glob("../../../scenarios/*.toml")
	var lines []string
	for _, f := range fs {
		b, _ := os.ReadFile(f)
		for _, l := range strings.Split(string(b), "\n") {
			if len(l) > 10 && len(lines) < 400 {
				lines = append(lines, l)
			}
		}
	}
	for _, sc := range []float64{1, 1.5} {
		p := NewPainter(sc)
		for _, f := range []Font{Small, Body, BodyBold, Heading} {
			face := p.faces.Face(f)
			for i, s := range lines {
				w := float64(20 + (i*53)%300)
				got := p.Fit(s, f, w)
				want := s
				if text.AdvanceAt(s, len(s), face)/sc > w {
					rs := []rune(s)
					want = "…"
					for n := len(rs) - 1; n > 0; n-- {
						c := strings.TrimRight(string(rs[:n]), " ") + "…"
						if text.AdvanceAt(c, len(c), face)/sc <= w {
							want = c
							break
						}
					}
				}
				if got != want {
					t.Fatalf("scale %v font %d width %v: %q, want %q", sc, f, w, got, want)
				}
			}
		}
	}
}

// WrapAll keeps every rune, in order, and never leaves a line wider than the width: a path too
// long for one line breaks after a separator, a run with none anywhere it must.
func TestWrapAllNeverOverflows(t *testing.T) {
	p := NewPainter(1)
	long := "/home/a-player-with-a-long-name/.local/share/twohats/results/0001-startup-pair-ada_bea-5f81080035cd.json"
	for _, tc := range []struct {
		name string
		s    string
		w    float64
		min  int // lines at least
	}{
		{"fits", "Results file: memory:results.json", 400, 1},
		{"words", "Results file: stored by the room as 5f81080035cd (score 73, B)", 200, 2},
		{"path", "Your copy: " + long, 300, 3},
		{"windows path", `Your copy: C:\Users\a-player-with-a-long-name\AppData\Roaming\twohats\results\0001-startup-pair-ada_bea.json`, 250, 3},
		{"no separator", strings.Repeat("x", 200), 100, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := p.WrapAll(tc.s, Small, tc.w)
			if len(lines) < tc.min {
				t.Errorf("%d lines, want at least %d: %q", len(lines), tc.min, lines)
			}
			for _, l := range lines {
				if got := p.Width(l, Small); got > tc.w {
					t.Errorf("line %q is %.0f wide, more than %.0f", l, got, tc.w)
				}
			}
			if got, want := strings.ReplaceAll(strings.Join(lines, ""), " ", ""), strings.ReplaceAll(tc.s, " ", ""); got != want {
				t.Errorf("the lines lose text: %q, want %q", got, want)
			}
		})
	}
}
