package scene

import (
	"fmt"
	"image/color"
	"strings"

	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

// retroBoard is the retrospective: how the sprint felt (morale, debt, stress, burnout), what moved
// the team's velocity and why, from the engine's consequence log.
type retroBoard struct {
	vals   [4]string
	note   string
	causes []string
}

func (b *retroBoard) reset()                                         {}
func (b *retroBoard) sync(c *Ctx, s *Sprint)                         {}
func (b *retroBoard) acts(c *Ctx, s *Sprint, bb *bar)                {}
func (b *retroBoard) operate(c *Ctx, s *Sprint, op int)              {}
func (b *retroBoard) handle(c *Ctx, s *Sprint, in input.Intent) bool { return false }
func (b *retroBoard) auto(c *Ctx, s *Sprint, a sim.Action) (input.Intent, bool) {
	return input.Intent{}, false
}

func (b *retroBoard) layout(c *Ctx, s *Sprint, board widget.Rect) {
	v := c.V()
	st := v.View()
	t := c.Track
	b.vals = [4]string{pct(st.Team.Morale), pct(st.Team.Debt), pct(st.Player.Stress), pct(st.Player.Burnout)}
	shipped, value, pts := 0, 0.0, 0
	for i := range st.Stories {
		if x := &st.Stories[i]; x.Status == sim.StoryAccepted && x.Shipped == st.Sprint {
			shipped++
			pts += x.Effort
		}
	}
	for i := len(st.Log) - 1; i >= 0 && st.Log[i].Sprint == st.Sprint; i-- {
		if e := &st.Log[i]; e.Kind == sim.ConShipped || e.Kind == sim.ConDefectShipped {
			value += e.Value // worth by the player's own reckoning: the true value waits for the debrief
		}
	}
	var w strings.Builder
	fmt.Fprintf(&w, "This sprint shipped %d stories (%d pt) worth about %.0f by your reckoning.", shipped, pts, value)
	vel := st.Team.Velocity()
	last := st.Sprint == st.Sprints
	if !last {
		if d := vel - t.VelStart; d > 0.05 || d < -0.05 {
			fmt.Fprintf(&w, " The team's velocity moves from %.1f to %.1f pt next sprint:", t.VelStart, vel)
			var parts []string
			if t.MoraleStart != st.Team.Morale {
				parts = append(parts, "morale "+pct(t.MoraleStart)+" → "+pct(st.Team.Morale))
			}
			if t.DebtStart != st.Team.Debt {
				parts = append(parts, "technical debt "+pct(t.DebtStart)+" → "+pct(st.Team.Debt))
			}
			if t.CapStart != st.Team.Capacity {
				parts = append(parts, fmt.Sprintf("capacity %d → %d pt", t.CapStart, st.Team.Capacity))
			}
			w.WriteString(" " + strings.Join(parts, ", ") + " (velocity = capacity × morale × (1 − debt/2)).")
		} else {
			fmt.Fprintf(&w, " The team's velocity next sprint: about %.1f pt.", vel)
		}
	}
	if err := v.Check(sim.Action{Kind: sim.ActRest}); err == nil {
		when := "before the next sprint"
		if last {
			when = "before the game ends"
		}
		fmt.Fprintf(&w, " You have %d h left: resting now (Z) lowers stress %s.", st.Player.Hours, when)
	} else if st.Player.Hours > 0 {
		fmt.Fprintf(&w, " No rest now: %s.", lower(err.Error()))
	}
	if st.Player.Stress > v.Scenario().Tuning.BurnoutFrom {
		w.WriteString(" Your stress is in the hatched zone, above " + pct(v.Scenario().Tuning.BurnoutFrom) + ": burnout is building.")
	}
	b.note = w.String()
	// What moved morale and debt this sprint, from the consequence log.
	b.causes = b.causes[:0]
	for i := len(st.Log) - 1; i >= 0 && len(b.causes) < 5; i-- {
		e := &st.Log[i]
		if e.Sprint != st.Sprint {
			break
		}
		if e.Morale != 0 || e.Debt != 0 {
			b.causes = append(b.causes, t.describe(v, i))
		}
	}
}

func (b *retroBoard) side(c *Ctx, s *Sprint, sd *sidePanel) {
	sd.add("Retrospective", widget.Heading, widget.Ink, 0)
	sd.add("Rest lowers stress. Stress above the hatched line ("+pct(c.V().Scenario().Tuning.BurnoutFrom)+") turns into burnout; burnout blurs decisions and at 100% forces a sprint of leave.", widget.Body, widget.Ink, 8)
	if len(b.causes) > 0 {
		sd.add("What moved the team this sprint", widget.BodyBold, widget.Ink, 16)
		for _, l := range b.causes {
			sd.add(l, widget.Small, widget.Ink, 4)
		}
	}
}

func (b *retroBoard) draw(c *Ctx, s *Sprint, p *widget.Painter) {
	v := c.V()
	st := v.View()
	from := v.Scenario().Tuning.BurnoutFrom
	board := s.L.board
	drawHeader(p, board, "How the sprint felt", "")
	y := board.Y + 44
	rows := [...]struct {
		label string
		v     float64
		col   color.RGBA
		hatch float64 // where the danger zone begins, or 0 for none
	}{
		{"Team morale", st.Team.Morale, widget.Green, 0},
		{"Technical debt", st.Team.Debt, widget.Orange, 0},
		{"Your stress", st.Player.Stress, widget.Orange, from},
		{"Your burnout", st.Player.Burnout, widget.Vermilion, 0},
	}
	// The note under the meters is the sprint's summary, so it gets all its lines: where four
	// meters stacked leave it too little room (a short window), they go two by two.
	noteH := p.ParagraphHeight(b.note, widget.Body, board.W)
	cols, rowsN := 1.0, 4.0
	if (board.Bottom()-y-noteH-16)/4-8 < 44 {
		cols, rowsN = 2, 2
	}
	rowH := min(64, (board.Bottom()-y-max(60, noteH+16))/rowsN-8)
	colW := (board.W - (cols-1)*16) / cols
	top := y
	for i, rw := range rows {
		col := float64(i % int(cols))
		y = top + float64(i/int(cols))*(rowH+8)
		r := widget.R(board.X+col*(colW+16), y, colW, rowH)
		p.Panel(r, 8, widget.Surface, widget.Border, 1)
		p.Text(rw.label, widget.BodyBold, r.X+12, r.Y+6, widget.Ink)
		p.TextRight(b.vals[i], widget.MonoBold, r.Right()-12, r.Y+4, widget.Ink)
		mr := widget.R(r.X+12, r.Bottom()-20, r.W-24, 12)
		p.Meter(mr, rw.v, rw.col, widget.Sunken)
		if rw.hatch > 0 {
			p.Hatch(widget.R(mr.X+mr.W*rw.hatch, mr.Y, mr.W*(1-rw.hatch), mr.H), widget.Alpha(widget.Ink, 0.3), 5)
		}
	}
	y = top + rowsN*(rowH+8)
	p.Paragraph(b.note, widget.Body, widget.R(board.X, y+8, board.W, board.Bottom()-y-8), widget.Ink)
}
