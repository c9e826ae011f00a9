package scene

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"twohats/game/bot"
	"twohats/game/sim"
	"twohats/scenarios"
)

// The review board's promise lines agree with the engine: the totals are the outcome's kept and
// broken counts, a promise broken in a sprint is named on a review board, and every line is
// drawn in glyphs the board's font (Go Regular, widget.Small) has: a missing one shows as a box.
func TestReviewBoardShowsPromises(t *testing.T) {
	sc, err := scenarios.Load("enterprise")
	if err != nil {
		t.Fatal(err)
	}
	g, err := sim.New(sc, sim.RolePO, 3)
	if err != nil {
		t.Fatal(err)
	}
	pol, _ := bot.New("yes", 3)
	var v sim.View
	var pl promiseLines
	font, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	namedBroken := 0
	for !g.Over() {
		if err := g.Apply(pol.Next(g)); err != nil {
			t.Fatal(err)
		}
		g.View(&v)
		pl.build(&v, sc)
		for _, l := range pl.lines {
			if strings.HasPrefix(l, "▼ Broken") {
				namedBroken++
			}
			for _, r := range l {
				if gi, _ := font.GlyphIndex(&buf, r); gi == 0 {
					t.Fatalf("%q: the font has no glyph for %q", l, r)
				}
			}
		}
	}
	o := g.Outcome()
	if o.PromisesKept+o.PromisesBroken == 0 {
		t.Fatal("the yes bot made no promise that fell due: the test shows nothing")
	}
	if !strings.HasPrefix(pl.total, fmt.Sprintf("%d kept · %d broken", o.PromisesKept, o.PromisesBroken)) {
		t.Errorf("board says %q, outcome kept %d broken %d", pl.total, o.PromisesKept, o.PromisesBroken)
	}
	if o.PromisesBroken > 0 && namedBroken == 0 {
		t.Errorf("%d promises broke but no review board named one", o.PromisesBroken)
	}
}
