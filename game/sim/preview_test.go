package sim

import (
	"math"
	"testing"
)

// TestPreviewIsWhatApplyCharges: in states that exercise every part of the cost rule (a first
// action, a change of hat, work across the overtime line, rest, an event asking more hours than
// are left), the preview of an action is what applying it then takes.
func TestPreviewIsWhatApplyCharges(t *testing.T) {
	research, refine := Action{Kind: ActResearch}, Action{Kind: ActRefine, Story: 0}
	tests := []struct {
		name     string
		role     Role
		prep     func(t *testing.T, g *Game)
		act      Action
		switches bool
		overtime bool
		beyond   bool
	}{
		{"first action", RoleBoth, func(*testing.T, *Game) {}, research, false, false, false},
		{"same hat again", RoleBoth, func(t *testing.T, g *Game) { mustApply(t, g, research) }, Action{Kind: ActExecutive}, false, false, false},
		{"switch of hat", RoleBoth, func(t *testing.T, g *Game) {
			mustApply(t, g, research, Action{Kind: ActAdvance})
		}, refine, true, false, false},
		{"no hat, no switch", RolePM, func(t *testing.T, g *Game) { mustApply(t, g, research) }, Action{Kind: ActSync}, false, false, false},
		{"across the overtime line", RolePM, func(t *testing.T, g *Game) {
			for range 3 { // 18 of 40 h: the line is at 24
				mustApply(t, g, research)
			}
			mustApply(t, g, Action{Kind: ActInterview, Theme: 1}, Action{Kind: ActKPI})
		}, research, false, true, false},
		{"deep in overtime", RolePM, func(t *testing.T, g *Game) {
			for range 5 {
				mustApply(t, g, research)
			}
		}, Action{Kind: ActInterview, Theme: 0}, false, true, false},
		{"rest", RolePO, func(t *testing.T, g *Game) {
			mustApply(t, g, Action{Kind: ActAdvance}, refine, refine)
		}, Action{Kind: ActRest}, false, false, false},
		{"an event asks more than is left", RoleBoth, func(t *testing.T, g *Game) {
			advanceTo(t, g, PhaseRetro)
			advanceTo(t, g, PhaseExecution) // sprint 2; the outage is due on day 3
			for g.s.Player.Hours >= g.t.HoursRest {
				mustApply(t, g, Action{Kind: ActRest})
			}
			for g.s.Event < 0 {
				mustApply(t, g, Action{Kind: ActAdvance})
			}
		}, Action{Kind: ActChoose, Choice: 0}, false, false, true},
	}
	for _, tt := range tests {
		g := newTestGame(t, tt.role, 1)
		tt.prep(t, g)
		p := g.Preview(tt.act)
		before, work := g.s.Player, g.sprintWork
		mustApply(t, g, tt.act)
		after := g.s.Player
		if got := before.Hours - after.Hours; p.Hours != got {
			t.Errorf("%s: preview %d h, Apply took %d h", tt.name, p.Hours, got)
		}
		if p.StressAfter != after.Stress || p.BurnoutAfter != after.Burnout {
			t.Errorf("%s: preview stress %v burnout %v, after Apply %v %v", tt.name, p.StressAfter, p.BurnoutAfter, after.Stress, after.Burnout)
		}
		// The consequence carries the action's own stress; its overtime is booked to the sprint's.
		if c := g.s.Log[len(g.s.Log)-1]; math.Abs(c.Stress-(p.Stress-float64(p.Overtime)*g.t.StressOvertime)) > 1e-12 && tt.act.Kind != ActChoose {
			t.Errorf("%s: preview stress %+v with %d h overtime, the consequence logs %+v", tt.name, p.Stress, p.Overtime, c.Stress)
		}
		if p.Switch != tt.switches || (after.Switches-before.Switches == 1) != tt.switches {
			t.Errorf("%s: preview switch %v, switches %d → %d, want a switch = %v", tt.name, p.Switch, before.Switches, after.Switches, tt.switches)
		}
		from := g.overtimeFrom()
		wantOver := 0
		if tt.act.Kind != ActRest {
			if got := g.sprintWork - work; got != p.Hours {
				t.Errorf("%s: %d hours of work counted, preview %d", tt.name, got, p.Hours)
			}
			wantOver = max(0, min(p.Hours, g.sprintWork-from))
		}
		if p.Overtime != wantOver || (p.Overtime > 0) != tt.overtime {
			t.Errorf("%s: preview overtime %d h, want %d (expected some: %v)", tt.name, p.Overtime, wantOver, tt.overtime)
		}
		if (p.Beyond > 0) != tt.beyond {
			t.Errorf("%s: preview beyond %d h, expected some: %v", tt.name, p.Beyond, tt.beyond)
		}
		if tt.overtime && (p.Burnout <= 0 || after.Burnout <= before.Burnout) {
			t.Errorf("%s: overtime should add burnout: preview %v, %v → %v", tt.name, p.Burnout, before.Burnout, after.Burnout)
		}
	}
}

// TestPreviewChangesNothing: previewing every legal action leaves the game as it was.
func TestPreviewChangesNothing(t *testing.T) {
	g := newTestGame(t, RoleBoth, 6)
	mustApply(t, g, Action{Kind: ActResearch}, Action{Kind: ActAdvance})
	before := snapshot(t, g)
	for _, a := range g.Legal(nil) {
		g.Preview(a)
	}
	if snapshot(t, g) != before {
		t.Fatal("a preview changed the game")
	}
	if p := g.Preview(Action{Kind: ActAdvance}); p.Hours != 0 || p.Stress != 0 || p.StressAfter != g.s.Player.Stress {
		t.Fatalf("advancing time previews as %+v", p)
	}
}

// TestPreviewMatchesApplyThroughoutAGame: in whole games of every role, every action taken is
// charged exactly what its preview (and the view's preview of it) said.
func TestPreviewMatchesApplyThroughoutAGame(t *testing.T) {
	for _, role := range Roles {
		for seed := uint64(1); seed <= 3; seed++ {
			g := newTestGame(t, role, seed)
			var v View
			for step := 0; !g.Over(); step++ {
				if step > 5000 {
					t.Fatal("game did not end")
				}
				g.View(&v)
				if len(v.Legal) == 0 || len(v.Legal) != len(v.Previews) {
					t.Fatalf("%s: %d legal actions, %d previews", role, len(v.Legal), len(v.Previews))
				}
				pick := 0
				if step%4 != 0 {
					pick = (step * 7) % len(v.Legal)
				}
				a, p := v.Legal[pick], v.Previews[pick]
				if p != g.Preview(a) {
					t.Fatalf("%s: the view's preview of %s differs from Game.Preview", role, a.Kind)
				}
				before := g.s.Player
				mustApply(t, g, a)
				after := g.s.Player
				if a.Kind == ActAdvance {
					continue
				}
				if before.Hours-after.Hours != p.Hours {
					t.Fatalf("%s step %d: %s previewed %d h, took %d h", role, step, a.Kind, p.Hours, before.Hours-after.Hours)
				}
				if a.Kind != ActChoose && (after.Stress != p.StressAfter || after.Burnout != p.BurnoutAfter) {
					t.Fatalf("%s step %d: %s previewed stress %v burnout %v, got %v %v", role, step, a.Kind,
						p.StressAfter, p.BurnoutAfter, after.Stress, after.Burnout)
				}
			}
		}
	}
}
