package scene

import (
	"strconv"
	"strings"

	"twohats/game/sim"
	"twohats/game/ui/widget"
)

// Screen-only operations on the action bar: they change a board's draft, not the game.
const (
	opNone = iota
	opEstimate
	opSortRoadmap
	opToggle
)

// actDef is one row of the action table: a key, its label, and the game action (or screen-only
// operation) it stands for.
type actDef struct {
	key    rune
	label  string
	kind   sim.ActionKind
	answer sim.Answer // for ActAnswer
	op     int        // a screen-only operation, or opNone
}

// actionTable is every action of the sprint screens, in one place: the boards build their action
// bars from it and the autoplayer presses the key it gives, so a key is never written twice.
var actionTable = [...]actDef{
	{key: 'E', label: "Follow estimate", op: opEstimate},
	{key: 'U', label: "Update roadmap", kind: sim.ActRoadmap},
	{key: 'R', label: "Refine", kind: sim.ActRefine},
	{key: 'A', label: "Sort by roadmap", op: opSortRoadmap},
	{key: 'O', label: "Save order", kind: sim.ActOrder},
	{key: ' ', label: "In / out", op: opToggle},
	{key: 'P', label: "Commit plan", kind: sim.ActPlan},
	{key: 'L', label: "Pull in next story", kind: sim.ActPull},
	{key: '1', label: "Accept", kind: sim.ActAnswer, answer: sim.AnswerAccept},
	{key: '2', label: "Defer", kind: sim.ActAnswer, answer: sim.AnswerDefer},
	{key: '3', label: "Decline", kind: sim.ActAnswer, answer: sim.AnswerDecline},
	{key: '4', label: "Escalate", kind: sim.ActAnswer, answer: sim.AnswerEscalate},
	{key: 'M', label: "Research", kind: sim.ActResearch},
	{key: 'I', label: "Interview", kind: sim.ActInterview},
	{key: 'X', label: "Executives", kind: sim.ActExecutive},
	{key: 'K', label: "KPI review", kind: sim.ActKPI},
	{key: 'V', label: "Hold review", kind: sim.ActReview},
	{key: 'S', label: "Sync PM–PO", kind: sim.ActSync},
	{key: 'Z', label: "Rest", kind: sim.ActRest},
	{key: 'N', label: "Next", kind: sim.ActAdvance},
}

// defOf is the table row of a game action.
func defOf(a sim.Action) *actDef {
	for i := range actionTable {
		d := &actionTable[i]
		if d.op == opNone && d.kind == a.Kind && (a.Kind != sim.ActAnswer || d.answer == a.Answer) {
			return d
		}
	}
	return nil
}

// defOfOp is the table row of a screen-only operation.
func defOfOp(op int) *actDef {
	for i := range actionTable {
		if actionTable[i].op == op {
			return &actionTable[i]
		}
	}
	return nil
}

// keyName is how a key is written on its button.
func keyName(r rune) string {
	if r == ' ' {
		return "Space"
	}
	return string(r)
}

// act is one button of the action bar.
type act struct {
	key      rune
	keyName  string
	label    string
	cost     string
	preview  string // the cost in full, for the hint line when the button is hovered
	a        sim.Action
	local    int // a screen-only operation, or 0 for a game action
	enabled  bool
	reason   string
	notNowS  string // "Not now: " and the reason, made when first shown
	notNowR  string // the reason notNowS was made for
	primary  bool
	overtime bool // taking it now works overtime hours
	r        widget.Rect
}

// notNow is the hint line for a disabled button under the pointer.
func (a *act) notNow() string {
	if a.notNowS == "" || a.notNowR != a.reason {
		a.notNowS, a.notNowR = "Not now: "+a.reason, a.reason
	}
	return a.notNowS
}

// bar is the action bar being built for a board.
type bar struct {
	c    *Ctx
	acts []act
}

// game adds the game action a under its table row; label overrides the table's when not empty.
func (b *bar) game(a sim.Action, label string) *act {
	d := defOf(a)
	if label == "" {
		label = d.label
	}
	v := b.c.V()
	x := act{key: d.key, keyName: keyName(d.key), label: label, a: a, enabled: true}
	if err := v.Check(a); err != nil {
		x.enabled, x.reason = false, capital(err.Error())
	}
	if a.Kind != sim.ActAdvance {
		cost := v.Preview(a)
		x.cost, x.overtime = hoursLabel(cost), cost.Overtime > 0
		x.preview = label + ": " + costLine(cost)
	}
	b.acts = append(b.acts, x)
	return &b.acts[len(b.acts)-1]
}

// op adds a screen-only operation.
func (b *bar) op(op int) *act {
	d := defOfOp(op)
	b.acts = append(b.acts, act{key: d.key, keyName: keyName(d.key), label: d.label, local: op, enabled: true})
	return &b.acts[len(b.acts)-1]
}

// disable turns a button off with a reason, unless the game already refused it.
func (a *act) disable(reason string) {
	if a.enabled {
		a.enabled, a.reason = false, reason
	}
}

// costLine says what an action costs: "2 h · stress +4 · 1 h overtime: burnout +1".
func costLine(c sim.Preview) string {
	var b strings.Builder
	if c.Hours+c.Beyond == 0 {
		b.WriteString("free")
	} else {
		b.WriteString(strconv.Itoa(c.Hours + c.Beyond))
		b.WriteString(" h")
	}
	if c.Beyond > 0 {
		// Fewer hours are left than it takes (Hours is what is left): short, for an event's line.
		b.WriteString(" (")
		b.WriteString(strconv.Itoa(c.Hours))
		b.WriteString(" left)")
	}
	if s := int(100*c.Stress + sign(c.Stress)*0.5); s != 0 {
		b.WriteString(" · stress ")
		b.WriteString(signed(s))
	}
	if c.Overtime > 0 {
		b.WriteString(" · ")
		b.WriteString(strconv.Itoa(c.Overtime))
		b.WriteString(" h overtime")
		if bo := c.Burnout * 100; bo >= 0.05 {
			b.WriteString(": burnout +")
			b.WriteString(strconv.FormatFloat(bo, 'f', 1, 64))
		}
	}
	return b.String()
}

// hoursLabel is a button's cost: the hours the action takes, all of them, even when fewer are left
// (the engine then refuses it, or, for an event's choice, works the rest as stress), and "!" when
// some are overtime. A button that read only the hours left would offer a four-hour rest for the
// one hour there is.
func hoursLabel(c sim.Preview) string {
	h := c.Hours + c.Beyond
	if h == 0 {
		return ""
	}
	label := strconv.Itoa(h) + " h"
	if c.Overtime > 0 {
		label += " !"
	}
	return label
}

// layoutBar places the buttons in rows and returns the bar height needed.
func layoutBar(p *widget.Painter, acts []act, width float64) float64 {
	x, y := 16.0, 12.0
	const h = 36
	for i := range acts {
		b := widget.Button{Key: acts[i].keyName, Label: acts[i].label, Cost: acts[i].cost}
		w := p.ButtonWidth(&b)
		if x+w > width-16 && x > 16 {
			x, y = 16, y+h+8
		}
		acts[i].r = widget.R(x, y, w, h)
		x += w + 8
	}
	return y + h + 12 + 22 // room for the hint line
}

func drawBar(c *Ctx, p *widget.Painter, r widget.Rect, acts []act, hover, pressed int, hint string) {
	p.Fill(r, widget.Bar)
	for i := range acts {
		a := &acts[i]
		b := widget.Button{Key: a.keyName, Label: a.label, Cost: a.cost, Primary: a.primary}
		switch {
		case !a.enabled:
			b.State = widget.Disabled
		case i == pressed:
			b.State = widget.Pressed
		case i == hover:
			b.State = widget.Hovered
		}
		br := a.r
		br.X += r.X
		br.Y += r.Y
		p.DrawButton(br, &b, true)
	}
	line := hint
	col := widget.BarMuted
	if c.Notice != "" {
		line, col = c.Notice, widget.Yellow
	}
	if c.Status != "" {
		line, col = c.Status, widget.Yellow
	}
	if hover >= 0 && hover < len(acts) {
		switch a := &acts[hover]; {
		case !a.enabled && a.reason != "":
			line, col = a.notNow(), widget.Yellow
		case a.enabled && a.preview != "":
			line, col = a.preview, widget.BarInk
		}
	}
	p.Text(p.Fit(line, widget.Small, r.W-32), widget.Small, r.X+16, r.Bottom()-24, col)
}

// actAt is the action-bar button under a point, or −1.
func actAt(acts []act, bar widget.Rect, x, y float64) int {
	for i := range acts {
		r := acts[i].r
		r.X += bar.X
		r.Y += bar.Y
		if r.Contains(x, y) {
			return i
		}
	}
	return -1
}

// pullShown reports whether the pull belongs on the bar now: for the PO hat, once the engine says
// the sprint is open to a pull (its work built, or built by the day's end, and a day remains).
// Check still decides whether the button is enabled; before that moment the button would only
// crowd the bar.
func pullShown(v gameView) bool { return v.Role().Wears(sim.HatPO) && v.View().PullOpen }

// PullOffered reports whether the sprint's bar offers the pull now (the team has built the
// sprint early): a state of the sprint board that screenshots name "pull".
func (c *Ctx) PullOffered() bool { return c.Game != nil && pullShown(c.V()) }

// pullButton adds the pull of story to the bar, its preview naming the story and the risk.
func pullButton(v gameView, bb *bar, story int, label string) *act {
	st := v.View()
	a := bb.game(sim.Action{Kind: sim.ActPull, Story: story}, label)
	s := st.Stories[story]
	a.preview += " · “" + v.Scenario().Stories[s.Def].Title + "”, " + strconv.Itoa(s.Effort) + " pt, clarity " + pct(s.Clarity) +
		" · spilled over it costs morale"
	return a
}
