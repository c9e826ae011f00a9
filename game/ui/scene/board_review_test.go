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

// The review board's side panel says when nobody will hold the review: the player on leave, or
// short of the review's hours. Both happen in a burnout game wearing both hats (the bot works
// itself onto leave in sprints 4 and 6 and has no hours left for the other reviews), and a startup
// Product Owner holds every review, which carries no such warning; every case must show, so none
// passes unseen.
func TestReviewBoardSaysWhenNobodyReviews(t *testing.T) {
	seen := map[string]int{}
	for _, game := range []struct {
		id   string
		role sim.Role
	}{{"burnout", sim.RoleBoth}, {"startup", sim.RolePO}} {
		m, c := startAt(t, game.id, game.role, 3)
		pol, _ := bot.New("roadmap", 3)
		var b reviewBoard
		for step := 0; step < 2000 && !c.Game.Over(); step++ {
			st := c.Game.State()
			if st.Phase == sim.PhaseReview && !st.Reviewed && len(st.Committed) > 0 && st.Event < 0 {
				var sd sidePanel
				b.side(c, m.Scene().(*Sprint), &sd)
				var text []string
				for _, bl := range sd.blocks {
					text = append(text, bl.text)
				}
				all := strings.Join(text, " | ")
				leave := strings.Contains(all, "You are on leave: nobody holds this review")
				short := strings.Contains(all, "review needs 3 h and") && strings.Contains(all, "ships unreviewed")
				switch {
				case st.Player.OnLeave:
					seen["leave"]++
					if !leave {
						t.Errorf("%s sprint %d, on leave: the panel does not say nobody reviews: %s", game.id, st.Sprint, all)
					}
				case c.Game.Check(sim.Action{Kind: sim.ActReview}) != nil:
					seen["short"]++
					if !short {
						t.Errorf("%s sprint %d, %d h left: the panel does not say the review cannot be held: %s", game.id, st.Sprint, st.Player.Hours, all)
					}
				default:
					seen["held"]++
					if leave || short {
						t.Errorf("%s sprint %d: a review the player can hold is said to be lost: %s", game.id, st.Sprint, all)
					}
				}
			}
			c.Apply(pol.Next(c.Game))
			m.Tick()
		}
	}
	if seen["leave"] == 0 || seen["short"] == 0 || seen["held"] == 0 {
		t.Fatalf("the games did not show every case (%v): the test shows nothing", seen)
	}
}
