package scene

import (
	"testing"

	"twohats/game/bot"
	"twohats/game/scenario"
	"twohats/game/sim"
	"twohats/game/ui/input"
)

// playByHand plays a whole game through the screens with keys, as a person following a simple
// plan would: no bot decides anything. Strategy: research, follow the estimate into the roadmap,
// sync when wearing one hat; planning: sort by the roadmap, save the order, refine the two top
// stories, commit the proposed plan; each day answer every request (accept a story in a theme
// the roadmap ranks at least average, decline the rest), and when the team has finished early pull
// in the next story (L) if 4 h of work remain before the overtime line, then end the day; review; rest in the retro
// when there is time. An event gets its cheapest option.
func playByHand(t *testing.T, id string, r sim.Role, seed uint64) (*Ctx, int) {
	t.Helper()
	m, c := startAt(t, id, r, seed)
	presses := 0
	press := func(in input.Intent) {
		m.Handle(in)
		m.Tick()
		presses++
	}
	key := func(k rune) { press(input.Key(k)) }
	enabled := func(k rune) bool {
		s, ok := m.Scene().(*Sprint)
		if !ok {
			return false
		}
		for _, a := range s.acts {
			if a.key == k {
				return a.enabled
			}
		}
		return false
	}
	calm := func(k rune) bool { // enabled, and not worked as overtime
		s, ok := m.Scene().(*Sprint)
		if !ok {
			return false
		}
		for _, a := range s.acts {
			if a.key == k {
				return a.enabled && !a.overtime
			}
		}
		return false
	}
	for guard := 0; guard < 5000 && m.Name() != "end"; guard++ {
		st := c.V().View()
		s := m.Scene().(*Sprint)
		if st.Event >= 0 {
			ev := c.V().Scenario().Events[st.Event]
			best := 0
			for i, ch := range ev.Choices {
				if ch.Hours < ev.Choices[best].Hours {
					best = i
				}
			}
			key(rune('1' + best))
			continue
		}
		pm, po := r.Wears(sim.HatPM), r.Wears(sim.HatPO)
		switch st.Phase {
		case sim.PhaseStrategy:
			if pm {
				if enabled('M') && !didThisSprint(c, sim.ActResearch) {
					key('M')
				}
				if !didThisSprint(c, sim.ActRoadmap) {
					key('E')
					if enabled('U') {
						key('U')
					}
				}
			}
			if r != sim.RoleBoth && enabled('S') && !didThisSprint(c, sim.ActSync) {
				key('S')
			}
			key('N')
		case sim.PhasePlanning:
			if po && !st.Planned {
				if s.Board != BBacklog {
					press(input.Of(input.NextBoard))
				}
				key('A')
				if enabled('O') {
					key('O')
				}
				for i := 0; i < 2; i++ {
					for s.Backlog.Cur > i {
						press(input.Of(input.Up))
					}
					for s.Backlog.Cur < i {
						press(input.Of(input.Down))
					}
					if enabled('R') && st.Stories[s.Backlog.Order[i]].Clarity < 0.8 {
						key('R')
					}
				}
				key('P')
			}
			key('N')
		case sim.PhaseExecution:
			if len(st.Inbox) > 0 {
				if s.Board != BSprint {
					press(input.Of(input.NextBoard))
					continue
				}
				for s.Sprint.Focus > 0 {
					press(input.Of(input.Up))
				}
				rq := st.Requests[st.Inbox[0]]
				road := c.V().Roadmap()
				ans := '3'
				if road[st.Stories[rq.Story].Theme]*float64(len(road)) >= 1 && enabled('1') {
					ans = '1'
				}
				if !enabled(ans) {
					ans = '2'
				}
				if !enabled(ans) {
					// No hours left to answer (an answer takes hours_answer): the day goes on.
					key('N')
					continue
				}
				key(ans)
				continue
			}
			if po && calm('L') && st.OvertimeIn >= 4 {
				key('L')
				continue
			}
			key('N')
		case sim.PhaseReview:
			if po && enabled('V') {
				key('V')
			}
			key('N')
		case sim.PhaseRetro:
			if enabled('Z') {
				key('Z')
			}
			key('N')
		}
	}
	if m.Name() != "end" {
		t.Fatalf("%s/%s: the hand-played game did not end (on %s)", id, r, m.Name())
	}
	return c, presses
}

// didThisSprint reports whether the player made a decision of kind k this sprint.
func didThisSprint(c *Ctx, k sim.ActionKind) bool {
	st := c.V().View()
	for i := len(st.Log) - 1; i >= 0 && st.Log[i].Sprint == st.Sprint; i-- {
		if e := st.Log[i]; e.Kind == sim.ConAction && e.Action.Kind == k {
			return true
		}
	}
	return false
}

func botScore(t *testing.T, sc *scenario.Scenario, r sim.Role, seed uint64) float64 {
	t.Helper()
	pol, err := bot.New("roadmap", seed)
	if err != nil {
		t.Fatal(err)
	}
	g, err := sim.New(sc, r, seed)
	if err != nil {
		t.Fatal(err)
	}
	for !g.Over() {
		if err := g.Apply(pol.Next(g)); err != nil {
			t.Fatal(err)
		}
	}
	return g.Outcome().Score
}

// TestHandPlayedStartup plays startup in each role through the screens by keys alone and logs
// the score beside the roadmap bot's on the same seed (go test -v -run HandPlayed).
func TestHandPlayedStartup(t *testing.T) {
	for _, r := range sim.Roles {
		c, presses := playByHand(t, "startup", r, 7)
		o := c.Game.Outcome()
		b := botScore(t, c.Game.Scenario(), r, 7)
		t.Logf("startup seed 7 %-4s by hand: score %.1f (%s) in %d decisions, %d key presses; roadmap bot: %.1f",
			r, o.Score, o.Grade, len(c.Game.Actions()), presses, b)
		if o.Score <= 0 {
			t.Errorf("%s: score %.1f", r, o.Score)
		}
	}
}
