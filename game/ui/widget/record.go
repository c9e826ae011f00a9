package widget

import (
	"fmt"
	"image/color"
	"os"
	"strings"
)

// Recording is what a Painter with Rec set was asked to draw, one line per primitive, instead of
// drawing it: a screen's layout as text. Golden files of recordings show a layout change in a
// review without a GPU (see game/ui/scene's golden tests).
type Recording struct {
	b strings.Builder
}

// String is the recording so far.
func (r *Recording) String() string { return r.b.String() }

// Reset empties the recording.
func (r *Recording) Reset() { r.b.Reset() }

func (r *Recording) add(format string, a ...any) {
	fmt.Fprintf(&r.b, format, a...)
	r.b.WriteByte('\n')
}

func hex(c color.RGBA) string {
	if c.A == 0 {
		return "none"
	}
	if c.A == 0xff {
		return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B)
	}
	return fmt.Sprintf("#%02X%02X%02X%02X", c.R, c.G, c.B, c.A)
}

func (r Rect) rec() string { return fmt.Sprintf("%.0f,%.0f %.0fx%.0f", r.X, r.Y, r.W, r.H) }

var fontNames = [numFonts]string{"Small", "Body", "BodyBold", "Heading", "Title", "Mono", "MonoBold", "Display"}

// WriteGolden compares got with the golden file at path, or writes it when update is set. It
// returns a one-line difference, or "" when they agree.
func WriteGolden(path, got string, update bool) (string, error) {
	if update {
		return "", os.WriteFile(path, []byte(got), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("%v (run the test with -update to write it)", err)
	}
	if string(want) == got {
		return "", nil
	}
	wl, gl := strings.Split(string(want), "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("%s:%d: want %q, got %q (-update rewrites it)", path, i+1, w, g), nil
		}
	}
	return "", nil
}
