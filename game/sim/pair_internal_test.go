package sim

import (
	"fmt"
	"testing"
)

// FuzzPairActions plays random pair-game scripts, legal and not, by either seat or none, and
// checks after each decision that a refusal changed nothing, that between decisions State.Player
// is the PM's seat, and that both seats' meters stay in range.
func FuzzPairActions(f *testing.F) {
	f.Add(uint64(1), []byte{0, 1, 2, 3, 4, 5, 6, 7})
	f.Add(uint64(4), []byte{24, 1, 24, 2, 1, 1, 1, 2, 0, 0, 5, 5, 255, 7, 7, 7})
	f.Fuzz(func(t *testing.T, seed uint64, script []byte) {
		if len(script) > 600 {
			return // a game is a few hundred decisions; longer scripts add time, not cases
		}
		g, err := New(testScenario(), RolePair, seed)
		if err != nil {
			t.Fatal(err)
		}
		var buf []Action
		for i := 0; i+1 < len(script) && !g.Over(); i += 2 {
			op, arg := script[i], int(script[i+1])
			if op%4 == 0 {
				a := Action{Kind: ActionKind(op / 4 % 16), Hat: Hat(arg % 4), Accept: arg&8 != 0, Theme: arg % 5,
					Story: arg % 14, Request: arg % 3, Answer: Answer(arg % 5), Choice: arg % 3,
					Weights: []float64{float64(arg), 1, 2}, Stories: []int{arg % 14}}
				before := fmt.Sprintf("%+v %v %v", g.s, g.done, len(g.actions))
				if err := g.Apply(a); err != nil {
					if after := fmt.Sprintf("%+v %v %v", g.s, g.done, len(g.actions)); after != before {
						t.Fatalf("refused %+v (%v) changed the game", a, err)
					}
				}
			} else {
				buf = g.Legal(buf[:0])
				if len(buf) == 0 {
					t.Fatalf("no seat may act in sprint %d %s (done %v)", g.s.Sprint, g.s.Phase, g.done)
				}
				if err := g.Apply(buf[arg%len(buf)]); err != nil {
					t.Fatalf("listed action %+v refused: %v", buf[arg%len(buf)], err)
				}
			}
			checkInvariants(t, g)
			for _, h := range pairSeats {
				if g.Turn(h) && len(g.LegalAs(h, buf[:0])) == 0 {
					t.Fatalf("the %s has the turn and no legal action in sprint %d %s", h, g.s.Sprint, g.s.Phase)
				}
			}
			p := &g.s.Partner
			if g.actor != HatPM || p.Hours < 0 || p.Hours > g.sc.HoursPerSprint || !(p.Stress >= 0 && p.Stress <= 1) || !(p.Burnout >= 0 && p.Burnout <= 1) {
				t.Fatalf("seat %s in State.Player; the PO's seat %+v", g.actor, *p)
			}
		}
	})
}
