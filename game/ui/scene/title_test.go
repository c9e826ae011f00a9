package scene

import (
	"errors"
	"strings"
	"testing"

	"twohats/game/save"
	"twohats/game/sim"
	"twohats/game/ui/widget"
)

// TestTitleFits draws the title at the smallest window and at 1280x720, with and without a saved
// game and with a save that cannot be read: every button and the problem's panel stay above the
// status bar and apart, and no menu note runs into its label (the pair game's note used to be
// drawn over "Join a pair game" at every size).
func TestTitleFits(t *testing.T) {
	for _, size := range [][2]float64{{MinW, MinH}, {1280, 720}} {
		for _, state := range []string{"fresh", "saved", "unreadable"} {
			w, h := size[0], size[1]
			p := widget.NewPainter(1)
			p.Rec = &widget.Recording{}
			c := NewCtx(Options{}, p)
			switch state {
			case "saved":
				c.Saved = &save.File{Scenario: "startup", Role: sim.RolePO, Seed: 123456789}
			case "unreadable":
				c.Guard = &save.Guard{Problem: errors.New("the saved game cannot be read: unexpected end of JSON input.")}
			}
			ti := NewTitle(c)
			m := NewManager(c, ti)
			m.Resize(w, h)
			p.Rec.Reset()
			m.Draw(p)
			texts := drawnTexts(t, p.Rec.String())
			bar := h - 40
			prev := 0.0
			for i, r := range ti.m.rects {
				if r.Y < prev || r.Bottom() > bar-4 {
					t.Errorf("%s %.0fx%.0f: button %d at %v overlaps the one above or the status bar at %.0f", state, w, h, i, r, bar)
				}
				prev = r.Bottom()
				it := ti.m.items[i]
				var label, note *drawn
				for k := range texts {
					tx := &texts[k]
					if tx.y < r.Y || tx.y > r.Bottom() || tx.x < r.X || tx.x > r.Right() {
						continue
					}
					switch {
					case tx.font == widget.BodyBold && tx.s == it.label:
						label = tx
					case tx.font == widget.Small && it.note != "" && (tx.s == it.note || strings.HasSuffix(tx.s, "…")):
						note = tx
					}
				}
				if label == nil {
					t.Errorf("%s %.0fx%.0f: the label %q is not drawn whole", state, w, h, it.label)
					continue
				}
				if it.note == "" {
					continue
				}
				if note == nil || note.s != it.note {
					t.Errorf("%s %.0fx%.0f: the note %q is not drawn whole (%v)", state, w, h, it.note, note)
					continue
				}
				if end := label.x + p.Width(label.s, label.font); note.x < end+8 || note.x+p.Width(note.s, note.font) > r.Right() {
					t.Errorf("%s %.0fx%.0f: the note %q at x %.0f runs into its label, which ends at %.0f, or out of %v", state, w, h, note.s, note.x, end, r)
				}
			}
			if state == "unreadable" {
				found := false
				for _, tx := range texts {
					if tx.s == "! Saved game not usable" {
						found = true
						if tx.y < prev || tx.y+110 > bar {
							t.Errorf("%.0fx%.0f: the problem's panel at y %.0f is over the menu (ends %.0f) or the status bar", w, h, tx.y, prev)
						}
					}
				}
				if !found {
					t.Errorf("%.0fx%.0f: the unreadable save is not told", w, h)
				}
			}
		}
	}
}
