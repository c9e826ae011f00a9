package scene

import (
	"math"
	"strconv"
	"strings"

	"twohats/game/sim"
)

// Meter is one always-visible gauge of the top bar. It eases toward its value and shows the last
// change as a small "+3" or "−5" for a while.
type Meter struct {
	Label   string
	Value   float64 // the true value, 0..Max
	Max     float64
	Shown   float64 // what is drawn now, easing toward Value
	Delta   int     // the last change in whole units
	DeltaT  int     // frames left to show the delta
	Text    string  // the value formatted, cached
	DText   string  // the delta formatted, cached
	DChip   string  // the delta with its arrow ("▲ +3"), cached
	HighBad bool    // a high value is bad (stress, burnout)
	Unit    string
}

func (m *Meter) set(v float64, quiet bool) {
	if quiet {
		m.Value, m.Shown, m.Delta, m.DeltaT = v, v, 0, 0
		m.format()
		return
	}
	d := int(math.Round(v) - math.Round(m.Value))
	m.Value = v
	if d != 0 {
		m.Delta, m.DeltaT = d, 150
		m.DText = signed(d)
		m.DChip = "▲ " + m.DText
		if d < 0 {
			m.DChip = "▼ " + m.DText
		}
	}
	m.format()
}

func (m *Meter) format() {
	m.Text = strconv.Itoa(int(math.Round(m.Value))) + m.Unit
}

// signed writes a whole number with a sign, using the real minus sign.
func signed(d int) string {
	if d > 0 {
		return "+" + strconv.Itoa(d)
	}
	return "−" + strconv.Itoa(-d)
}

// tick eases the meter; it reports whether anything moved.
func (m *Meter) tick() bool {
	moved := false
	if m.Shown != m.Value {
		m.Shown += (m.Value - m.Shown) * 0.2
		if math.Abs(m.Shown-m.Value) < 0.05*m.Max/100+0.01 {
			m.Shown = m.Value
		}
		moved = true
	}
	if m.DeltaT > 0 {
		m.DeltaT--
		moved = moved || m.DeltaT%6 == 0 || m.DeltaT == 0
	}
	return moved
}

// The meters of the top bar.
const (
	MHours = iota
	MStress
	MBurnout
	MAlign
	numMeters
)

// Tracker watches the game after every decision: the meters and their changes, the burndown of
// each sprint, and stakeholders' trust when the sprint began (for the review's reactions).
type Tracker struct {
	Meters     [numMeters]Meter
	Burn       []float64 // remaining points at the start of each day of this sprint's execution (index 0: the plan)
	BurnSprint int
	Committed  float64 // points committed this sprint
	TrustStart []float64
	TrustSpr   int
	// The team when the sprint began, for the retro's explanation of velocity.
	VelStart, MoraleStart, DebtStart float64
	CapStart                         int
	Version                          int       // bumps on every observed change
	view                             *sim.View // the game as the player's hats know it, shared with the screens (one copy)
	hat                              sim.Hat   // the seat of a pair game whose view it is, HatNone solo
	lastDay                          int
	logDesc                          []string // the descriptions of the game's log so far, by index: the log only grows
}

// describe is log entry i in words, formatted once. The engine's line is completed with what the
// player needs to know and the line leaves out: whether an escalated request was taken.
func (t *Tracker) describe(v gameView, i int) string {
	st := v.View()
	if len(t.logDesc) > len(st.Log) {
		t.logDesc = t.logDesc[:0]
	}
	for len(t.logDesc) <= i {
		t.logDesc = append(t.logDesc, "")
	}
	if t.logDesc[i] == "" {
		e := st.Log[i]
		d := v.Describe(e)
		if e.Kind == sim.ConAction && e.Action.Kind == sim.ActAnswer && e.Action.Answer == sim.AnswerEscalate && e.Subject >= 0 {
			if st.Stories[st.Requests[e.Subject].Story].Status == sim.StoryDropped {
				d += " (the executives turned it down)"
			} else {
				d += " (the executives took it into the backlog)"
			}
		}
		t.logDesc[i] = d
	}
	return t.logDesc[i]
}

// NewTracker starts watching g.
func NewTracker(g *sim.Game, v *sim.View) *Tracker { return NewSeatTracker(g, v, sim.HatNone) }

// NewSeatTracker starts watching g through seat h's view (a pair game's seat).
func NewSeatTracker(g *sim.Game, v *sim.View, h sim.Hat) *Tracker {
	if v == nil {
		v = &sim.View{}
	}
	t := &Tracker{view: v, hat: h}
	t.Meters[MHours] = Meter{Label: "Hours left", Max: float64(g.Scenario().HoursPerSprint), Unit: " h"}
	t.Meters[MStress] = Meter{Label: "Stress", Max: 100, HighBad: true}
	t.Meters[MBurnout] = Meter{Label: "Burnout", Max: 100, HighBad: true}
	t.Meters[MAlign] = Meter{Label: "Alignment", Max: 100}
	t.Observe(g, true)
	return t
}

// Observe reads the game after a decision, through the player's view of it. quiet skips the
// animation (when replaying a save).
func (t *Tracker) Observe(g *sim.Game, quiet bool) {
	g.ViewAs(t.hat, t.view)
	s := t.view
	t.Version++
	t.Meters[MHours].set(float64(s.Player.Hours), quiet)
	t.Meters[MStress].set(100*s.Player.Stress, quiet)
	t.Meters[MBurnout].set(100*s.Player.Burnout, quiet)
	t.Meters[MAlign].set(100*s.Alignment, quiet)
	if t.TrustSpr != s.Sprint || t.TrustStart == nil {
		t.TrustSpr = s.Sprint
		t.VelStart, t.MoraleStart, t.DebtStart, t.CapStart = s.Team.Velocity(), s.Team.Morale, s.Team.Debt, s.Team.Capacity
		t.TrustStart = t.TrustStart[:0]
		for _, h := range s.Stakeholders {
			t.TrustStart = append(t.TrustStart, h.Trust)
		}
	}
	if t.BurnSprint != s.Sprint {
		t.BurnSprint, t.Burn, t.Committed, t.lastDay = s.Sprint, t.Burn[:0], 0, 0
	}
	if s.Phase == sim.PhaseExecution && s.Day != t.lastDay {
		if len(t.Burn) == 0 {
			t.Committed = 0
			for _, ix := range s.Committed {
				t.Committed += float64(s.Stories[ix].Effort)
			}
		}
		for len(t.Burn) < s.Day-1 { // days passed without a look (should not happen)
			t.Burn = append(t.Burn, s.SprintLeft)
		}
		t.Burn = append(t.Burn, s.SprintLeft)
		t.lastDay = s.Day
	}
	if s.Phase == sim.PhaseReview && t.lastDay != -1 && len(t.Burn) > 0 {
		t.Burn = append(t.Burn, remainingDone(s.Stories, s.Committed))
		t.lastDay = -1
	}
}

// Settle stops every animation (after loading).
func (t *Tracker) Settle() {
	for i := range t.Meters {
		t.Meters[i].Shown, t.Meters[i].DeltaT = t.Meters[i].Value, 0
	}
}

// Tick animates the meters and reports whether the top bar must be drawn again.
func (t *Tracker) Tick() bool {
	moved := false
	for i := range t.Meters {
		if t.Meters[i].tick() {
			moved = true
		}
	}
	return moved
}

// remainingDone is what was left when the sprint's work ended.
func remainingDone(stories []sim.StoryState, committed []int) float64 {
	r := 0.0
	for _, ix := range committed {
		if st := &stories[ix]; st.Status == sim.StoryCommitted || st.Status == sim.StoryBacklog {
			r += math.Max(0, float64(st.Effort)-st.Progress)
		}
	}
	return r
}

// pct formats a share as a whole percentage.
func pct(v float64) string { return strconv.Itoa(int(math.Round(100*v))) + "%" }

// num formats a number with no decimals.
func num(v float64) string { return strconv.Itoa(int(math.Round(v))) }

// lower makes the first letter lower case.
func lower(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
