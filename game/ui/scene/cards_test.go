package scene

import (
	"strings"
	"testing"

	"twohats/game/sim"
	"twohats/scenarios"
)

// The inbox card's answer lines say what the engine's Stakes say: a no and a deferral to the
// team cost its morale, a no to anyone else does not, and the executives' verdict on an
// escalation follows the story's urgency, not the roadmap.
func TestAnswerLinesFollowTheStakes(t *testing.T) {
	for _, tt := range []struct {
		name, request string
		urgency       float64
		morale        bool // the defer, decline and a refused escalation cost the team's morale
		taken         bool
	}{
		{"the team's quiet ask", "devs-pdf", 0.1, true, false},
		{"the team's loud ask", "devs-pdf", 0.9, true, true},
		{"a customer's quiet ask", "harbour-recurring", 0.1, false, false},
		{"a customer's loud ask", "harbour-recurring", 0.9, false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := scenarios.Load("startup")
			if err != nil {
				t.Fatal(err)
			}
			req := -1
			for i, r := range sc.Requests {
				if r.ID == tt.request {
					req = i
					for k := range sc.Stories {
						if sc.Stories[k].ID == r.Story {
							sc.Stories[k].Urgency = tt.urgency
						}
					}
				}
			}
			g, err := sim.New(sc, sim.RoleBoth, 1)
			if err != nil || req < 0 {
				t.Fatal(err, req)
			}
			var v sim.View
			g.View(&v)
			lines := answerEffects(gameView{g, &v, sim.HatNone}, req)
			for ans, line := range lines {
				hasMorale := strings.Contains(line, "morale ▼")
				if want := tt.morale && (ans == int(sim.AnswerDefer) || ans == int(sim.AnswerDecline) || ans == int(sim.AnswerEscalate) && !tt.taken); hasMorale != want {
					t.Errorf("%s: %q, morale named: %v, want %v", sim.Answers[ans], line, hasMorale, want)
				}
			}
			esc := lines[sim.AnswerEscalate]
			if got := strings.Contains(esc, "say yes: urgent"); got != tt.taken || strings.Contains(esc, "say no") == tt.taken {
				t.Errorf("escalate: %q, want taken %v", esc, tt.taken)
			}
			if !strings.Contains(lines[sim.AnswerAccept], "promised by sprint 2") {
				t.Errorf("accept: %q, want the promise due in sprint 2", lines[sim.AnswerAccept])
			}
		})
	}
}
