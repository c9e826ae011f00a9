package scene

import (
	"fmt"
	"image/color"
	"math"

	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

// marketBoard is the market and roadmap board: the market estimate of each theme with its doubt,
// and the Product Manager's draft roadmap as sliders.
type marketBoard struct {
	Theme   int       // the focused theme
	Weights []float64 // the draft roadmap
	edited  bool      // the draft differs from the roadmap in force
	sliding int       // the slider being dragged, −1

	rows    []widget.Rect
	sliders []widget.Rect
	est     []string // per theme: "45% ± 8"
	estLbl  []string // per theme: "est 45% ± 8"
	road    []string // per theme: the roadmap as known
	draft   []string // per theme: the draft's share
}

func (m *marketBoard) reset() { m.sliding = -1 }

func (m *marketBoard) sync(c *Ctx, s *Sprint) {
	road := c.V().Roadmap()
	if !m.edited || len(m.Weights) != len(road) {
		m.Weights = append(m.Weights[:0], road...)
		m.edited = false
	}
	m.Theme = clampFocus(m.Theme, len(road))
}

// clampFocus keeps a focus index inside n items.
func clampFocus(i, n int) int {
	if i >= n {
		i = n - 1
	}
	return max(i, 0)
}

// canEdit reports whether the player may change the roadmap now.
func (m *marketBoard) canEdit(c *Ctx) bool {
	v := c.V()
	return v.Role().Wears(sim.HatPM) && v.View().Phase == sim.PhaseStrategy
}

func (m *marketBoard) acts(c *Ctx, s *Sprint, b *bar) {
	if !m.canEdit(c) {
		return
	}
	b.op(opEstimate)
	u := b.game(sim.Action{Kind: sim.ActRoadmap, Weights: m.Weights}, "")
	if !m.edited {
		u.disable("Change the roadmap first: drag a slider, use ← → or press E")
	}
}

func (m *marketBoard) operate(c *Ctx, s *Sprint, op int) {
	if op == opEstimate {
		m.Weights = append(m.Weights[:0], c.V().View().Estimate...)
		m.edited = true
	}
}

func (m *marketBoard) setWeight(i int, w float64) {
	w = math.Round(math.Max(0, math.Min(1, w))*100) / 100
	m.Weights[i] = w
	m.edited = true
}

func (m *marketBoard) handle(c *Ctx, s *Sprint, in input.Intent) bool {
	n := len(m.Weights)
	switch in.Kind {
	case input.Up:
		m.Theme = max(0, m.Theme-1)
	case input.Down:
		m.Theme = min(n-1, m.Theme+1)
	case input.Left, input.Right:
		if !m.canEdit(c) {
			c.Say("Only the Product Manager changes the roadmap, in the strategy phase")
			return false
		}
		step := 0.05
		if in.Shift {
			step = 0.01
		}
		if in.Kind == input.Left {
			step = -step
		}
		m.setWeight(m.Theme, m.Weights[m.Theme]+step)
	case input.Press:
		for i, r := range m.sliders {
			if r.Inset(-6).Contains(in.X, in.Y) {
				m.Theme = i
				if m.canEdit(c) {
					m.sliding = i
					m.setWeight(i, (in.X-r.X)/r.W)
				}
				return true
			}
		}
		for i, r := range m.rows {
			if r.Contains(in.X, in.Y) {
				m.Theme = i
				return true
			}
		}
		return false
	case input.Drag:
		if m.sliding < 0 || m.sliding >= len(m.sliders) {
			return false
		}
		r := m.sliders[m.sliding]
		m.setWeight(m.sliding, (in.X-r.X)/r.W)
		c.Dirty = true
	case input.Release, input.Hover:
		// A release ends the drag; a hover with no button held means the release was missed.
		if m.sliding < 0 {
			return false
		}
		m.sliding = -1
	default:
		return false
	}
	return true
}

func (m *marketBoard) auto(c *Ctx, s *Sprint, a sim.Action) (input.Intent, bool) {
	st := c.V().View()
	target := normalised(a.Weights)
	if closeTo(normalised(m.Weights), target, 0.006) && m.edited {
		return s.key(a)
	}
	if closeTo(target, st.Estimate, 1e-9) {
		return keyOp(opEstimate)
	}
	for i, w := range target {
		q := math.Round(w*100) / 100
		if math.Abs(m.Weights[i]-q) > 0.004 || !m.edited {
			r := m.sliders[i]
			x := r.X + q*r.W + 0.25
			return input.Intent{Kind: input.Press, X: x, Y: r.CY()}, true
		}
	}
	return s.key(a)
}

func (m *marketBoard) layout(c *Ctx, s *Sprint, board widget.Rect) {
	v := c.V()
	st := v.View()
	road := v.Roadmap()
	m.rows, m.sliders = m.rows[:0], m.sliders[:0]
	n := float64(len(road))
	top := board.Y + 40
	h := math.Min(96, (board.Bottom()-top)/n)
	for i := range road {
		r := widget.R(board.X, top+float64(i)*h, board.W, h-8)
		m.rows = append(m.rows, r)
		bx := r.X + 200
		bw := r.W - 200 - 90
		m.sliders = append(m.sliders, widget.R(bx, r.Y+r.H*0.62, bw, 14))
	}
	m.estLbl = m.estLbl[:0]
	m.est, m.road, m.draft = m.est[:0], m.road[:0], m.draft[:0]
	sum := 0.0
	for _, w := range m.Weights {
		sum += w
	}
	for i := range road {
		if st.Estimate == nil {
			// A Product Owner knows the market only through the roadmap.
			m.est = append(m.est, "not known to the PO")
			m.estLbl = append(m.estLbl, "roadmap "+pct(road[i]))
		} else {
			m.est = append(m.est, fmt.Sprintf("%s ± %d", pct(st.Estimate[i]), int(100*st.Spread[i]+0.5)))
			m.estLbl = append(m.estLbl, "est "+m.est[len(m.est)-1])
		}
		m.road = append(m.road, pct(road[i]))
		sh := 0.0
		if sum > 0 {
			sh = m.Weights[i] / sum
		}
		m.draft = append(m.draft, pct(sh))
	}
}

func (m *marketBoard) side(c *Ctx, s *Sprint, sd *sidePanel) {
	v := c.V()
	st := v.View()
	sc := v.Scenario()
	if i := m.Theme; i < len(sc.Themes) && i < len(m.est) {
		th := sc.Themes[i]
		sd.add(th.Letter+" · "+th.Name, widget.Heading, widget.Ink, 0)
		if st.Estimate != nil {
			sd.add("Market estimate: "+m.est[i]+". The ± is how unsure you are: research and interviews shrink it.", widget.Body, widget.Ink, 8)
		}
		if v.Role().Wears(sim.HatPM) {
			sd.add("Roadmap weight now: "+m.road[i]+"; in your draft: "+m.draft[i]+".", widget.Body, widget.Ink, 8)
		} else {
			sd.add("Roadmap weight as last heard from your Product Manager: "+m.road[i]+".", widget.Body, widget.Ink, 8)
		}
		if v.Role() == sim.RolePM {
			if st.Synced {
				sd.add("Your Product Owner has this roadmap: you synced since it last changed.", widget.Body, widget.InkMuted, 8)
			} else {
				sd.add("Your Product Owner works from the roadmap as last heard, not this one: a sync hands it over.", widget.Body, widget.InkMuted, 8)
			}
		}
		n := 0
		for _, ix := range st.Backlog {
			if st.Stories[ix].Theme == i {
				n++
			}
		}
		sd.add(fmt.Sprintf("%d backlog stories in this theme.", n), widget.Body, widget.InkMuted, 8)
	}
	if !v.Role().Wears(sim.HatPM) {
		if v.Pair() {
			sd.add(partnerName(c.News)+", the Product Manager, owns the market view and the roadmap. You see the roadmap as last synced: accept a sync, or propose one (S).", widget.Body, widget.InkMuted, 16)
		} else {
			sd.add("Your colleague, the Product Manager, owns the market view and the roadmap. You see them as they reach you.", widget.Body, widget.InkMuted, 16)
		}
	} else {
		sd.add("Strategy fit = how close the roadmap is to what the market really needs. Nobody sees the real need; the estimate is your best guess.", widget.Small, widget.InkMuted, 16)
	}
}

func (m *marketBoard) draw(c *Ctx, s *Sprint, p *widget.Painter) {
	v := c.V()
	st := v.View()
	sc := v.Scenario()
	road := v.Roadmap()
	b := s.L.board
	note := "hatched bar: market estimate ± doubt · solid: your draft roadmap · ▼ roadmap in force"
	if st.Estimate == nil {
		note = "the roadmap as last heard from your Product Manager"
	}
	drawHeader(p, b, "Market and roadmap", note)
	edit := m.canEdit(c)
	for i, r := range m.rows {
		th := sc.Themes[i]
		focused := i == m.Theme
		line := widget.Border
		if focused {
			line = widget.Focus
		}
		p.Panel(r, 10, widget.Surface, line, 1+b2f(focused))
		chip := widget.R(r.X+12, r.Y+(r.H-32)/2, 32, 32)
		col := widget.ThemeColor(i)
		p.Panel(chip, 6, col, color.RGBA{}, 0)
		p.TextCenter(th.Letter, widget.Heading, chip.CX(), chip.Y+(32-widget.LineHeight(widget.Heading))/2, widget.InkOn(col))
		p.Text(p.Fit(th.Name, widget.BodyBold, 140), widget.BodyBold, chip.Right()+10, r.Y+r.H/2-20, widget.Ink)
		p.Text(m.estLbl[i], widget.Mono, chip.Right()+10, r.Y+r.H/2, widget.InkMuted)

		// Estimate: a hatched bar with a ± whisker (the PM's; a Product Owner has none).
		sl := m.sliders[i]
		if st.Estimate != nil {
			er := widget.R(sl.X, r.Y+r.H*0.18, sl.W, 14)
			p.Fill(er, widget.Sunken)
			ew := er.W * st.Estimate[i]
			p.Fill(widget.R(er.X, er.Y, ew, er.H), widget.Alpha(col, 0.45))
			p.Hatch(widget.R(er.X, er.Y, ew, er.H), widget.Ink, 6)
			sp := er.W * st.Spread[i]
			p.Fill(widget.R(er.X+ew-sp, er.CY()-1, 2*sp, 2), widget.Ink)
			p.Fill(widget.R(er.X+ew-sp, er.Y, 2, er.H), widget.Ink)
			p.Fill(widget.R(er.X+ew+sp-2, er.Y, 2, er.H), widget.Ink)
		}

		// Roadmap draft slider.
		p.Panel(sl, 7, widget.Sunken, color.RGBA{}, 0)
		sum := 0.0
		for _, w := range m.Weights {
			sum += w
		}
		share := 0.0
		if sum > 0 {
			share = m.Weights[i] / sum
		}
		if share > 0 {
			p.Panel(widget.R(sl.X, sl.Y, math.Max(14, sl.W*share), sl.H), 7, col, color.RGBA{}, 0)
		}
		// The roadmap in force (as known), as a marker.
		mx := sl.X + sl.W*road[i]
		p.TextCenter("▼", widget.Small, mx, sl.Y-16, widget.Ink)
		// The knob sits at the raw weight, for the one who may move it.
		if edit {
			kx := sl.X + sl.W*m.Weights[i]
			p.Knob(kx, sl.CY(), 9, widget.Surface, widget.Ink, 2)
		}
		p.TextRight(m.draft[i], widget.MonoBold, r.Right()-12, r.Y+(r.H-widget.LineHeight(widget.MonoBold))/2, widget.Ink)
	}
}

func normalised(w []float64) []float64 {
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	out := make([]float64, len(w))
	for i, x := range w {
		if sum > 0 {
			out[i] = x / sum
		}
	}
	return out
}

func closeTo(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > tol {
			return false
		}
	}
	return true
}
