package scene

import (
	"image/color"
	"strconv"

	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

// guide is the tutorial's teacher: in the first sprint of the `tutorial` scenario it says, step by
// step, what to press and why, and moves on when the player has done it (or the phase has passed).
// T skips it. It never presses anything itself and never blocks a key: the player learns by doing.
type guide struct {
	steps []guideStep
	cur   int
	off   bool
	head  string // "Tutorial · step 2 of 9", made when the step changes
	headN int
}

type guideStep struct {
	phase  sim.Phase
	hat    sim.Hat // the hat the step needs, or HatNone
	text   string
	done   func(v gameView, s *Sprint) bool // the player did what the step asks
	target func(c *Ctx, s *Sprint) target   // what to press: outlined on the screen
}

// target is what a tutorial step asks the player to press: a key of the action bar, and a card
// on the board to pick first (zero when none).
type target struct {
	key  rune
	card widget.Rect
}

// press targets one key of the action bar.
func press(r rune) func(*Ctx, *Sprint) target {
	return func(*Ctx, *Sprint) target { return target{key: r} }
}

// followThenUpdate targets E until the draft roadmap follows the estimate (or was edited), then U.
func followThenUpdate(_ *Ctx, s *Sprint) target {
	if s.Market.edited {
		return target{key: 'U'}
	}
	return target{key: 'E'}
}

// foggyCard targets the first card of the plan with no acceptance criteria yet (clarity under a
// half), or the first such card of the backlog, and R; the focused card once it is foggy.
func foggyCard(c *Ctx, s *Sprint) target {
	st := c.V().View()
	b := s.Backlog
	if ix := b.focused(c); ix >= 0 && st.Stories[ix].Clarity < 0.5 {
		return target{key: 'R'}
	}
	pick := -1
	for i, ix := range b.Order {
		if st.Stories[ix].Clarity < 0.5 && (b.InPlan[ix] || pick < 0) {
			if pick = i; b.InPlan[ix] {
				break
			}
		}
	}
	t := target{key: 'R'}
	if pick >= 0 && pick < len(b.cards) && b.cards[pick].Y >= b.list.Y && b.cards[pick].Bottom() <= b.list.Bottom() {
		t.card = b.cards[pick]
	}
	return t
}

// firstRequest targets the first request in the inbox, or N when none waits.
func firstRequest(_ *Ctx, s *Sprint) target {
	if len(s.Sprint.reqCards) > 0 {
		return target{card: s.Sprint.reqCards[0]}
	}
	return target{key: 'N'}
}

func did(k sim.ActionKind) func(gameView, *Sprint) bool {
	return func(v gameView, _ *Sprint) bool { return v.Did(k) }
}

func never(gameView, *Sprint) bool { return false }

func sorted(v gameView, s *Sprint) bool { return s.Backlog.edited || v.Did(sim.ActOrder) }

var tutorialSteps = []guideStep{
	{sim.PhaseStrategy, sim.HatPM, "The market board shows each theme: the hatched bar is your estimate of what customers need, the ± how unsure you are. Press M to research the market: the estimate sharpens (the button shows the hours it takes from your sprint).", did(sim.ActResearch), press('M')},
	{sim.PhaseStrategy, sim.HatPM, "The sliders are your draft roadmap: how the product should invest. Press E to follow the estimate (or drag a slider), then U to make it the roadmap.", did(sim.ActRoadmap), followThenUpdate},
	{sim.PhaseStrategy, sim.HatNone, "Strategy is set. Press N to go to sprint planning.", never, press('N')},
	{sim.PhasePlanning, sim.HatPO, "This is the product backlog, top first. Press A to sort it by the roadmap, so the team builds what the strategy says matters.", sorted, press('A')},
	{sim.PhasePlanning, sim.HatPO, "A story with AC ○○○ has no acceptance criteria: the team guesses. Pick a card with ↑ ↓ and press R to refine it; the line at the bottom says how much clarity it gains.", did(sim.ActRefine), foggyCard},
	{sim.PhasePlanning, sim.HatPO, "The ticked cards are the plan; the red capacity line is where the team likely runs out. Space ticks or unticks the focused card. Press P to commit the plan.", did(sim.ActPlan), press('P')},
	{sim.PhasePlanning, sim.HatNone, "Press N to start the sprint.", never, press('N')},
	{sim.PhaseExecution, sim.HatNone, "Each day the team builds and stakeholders ask for things. A request waits in the inbox: pick it and answer with 1–4; each answer says what it moves. Press N to end the day. Watch Hours left: past the overtime line each hour costs more stress.", never, firstRequest},
	{sim.PhaseReview, sim.HatPO, "Press V to hold the review: built stories are checked against their criteria, so defects do not ship.", did(sim.ActReview), press('V')},
	{sim.PhaseReview, sim.HatNone, "Press N to go to the retrospective.", never, press('N')},
	{sim.PhaseRetro, sim.HatNone, "The retro says how the sprint felt and what moved the team's velocity. Rest (Z) lowers stress. Press N for the next sprint: from here on, you play on your own.", never, press('N')},
}

// newGuide starts the tutorial's guide, or returns nil outside the tutorial's first sprint.
func newGuide(c *Ctx) *guide {
	v := c.V()
	if c.Game == nil || v.Scenario().ID != "tutorial" || v.View().Sprint != 1 || c.Opts.Autoplay != "" {
		return nil
	}
	return &guide{steps: tutorialSteps}
}

// step is the step that applies now, or nil.
func (g *guide) step(c *Ctx) *guideStep {
	if g == nil || g.off || g.cur >= len(g.steps) {
		return nil
	}
	return &g.steps[g.cur]
}

// observe moves on past the steps the player has done, or that do not apply to the hat or phase.
func (g *guide) observe(c *Ctx, s *Sprint) {
	v := c.V()
	st := v.View()
	if st.Sprint > 1 {
		g.off = true
		return
	}
	for g.cur < len(g.steps) {
		x := &g.steps[g.cur]
		switch {
		case x.phase < st.Phase:
		case x.phase == st.Phase && x.hat != sim.HatNone && !v.Role().Wears(x.hat):
		case x.phase == st.Phase && x.done(v, s):
		default:
			return
		}
		g.cur++
	}
}

// handle takes T, which skips the guide.
func (g *guide) handle(c *Ctx, s *Sprint, in input.Intent) bool {
	if g.off || in.Kind != input.Shortcut || in.Rune != 'T' {
		return false
	}
	g.off = true
	c.Say("Tutorial guide off. F1 shows the keys at any time.")
	s.buildActs(c)
	return true
}

// side puts the step at the top of the context panel.
func (g *guide) side(c *Ctx, s *Sprint, sd *sidePanel) {
	x := g.step(c)
	if x == nil {
		return
	}
	if g.head == "" || g.headN != g.cur {
		g.head, g.headN = "Tutorial · step "+strconv.Itoa(g.cur+1)+" of "+strconv.Itoa(len(g.steps))+" · T skips", g.cur
	}
	sd.add(g.head, widget.BodyBold, widget.Blue, 0)
	sd.add(x.text, widget.Body, widget.Ink, 4)
	sd.add("", widget.Small, widget.Ink, 8)
}

// guiding reports whether the tutorial's guide is showing.
func (s *Sprint) guiding() bool { return s.guide != nil && !s.guide.off }

// draw outlines what the step asks the player to press: the bar's button (or, when the step's
// work is on another board, that board's tab) and the card to pick. The outline is thick and in a
// colour of its own (yellow on the dark bar, vermilion on the light boards), so it reads on a
// projector, and it goes once the step is done.
func (g *guide) draw(c *Ctx, s *Sprint, p *widget.Painter) {
	x := g.step(c)
	if x == nil || x.target == nil {
		return
	}
	t := x.target(c, s)
	if want := boardOf(x.phase); want != s.Board {
		outline(p, s.tabs[want], widget.Vermilion)
		return
	}
	if t.card.W > 0 {
		outline(p, t.card, widget.Vermilion)
	}
	for i := range s.acts {
		if a := &s.acts[i]; a.key == t.key && t.key != 0 {
			r := a.r
			r.X += s.L.bar.X
			r.Y += s.L.bar.Y
			outline(p, r, widget.Yellow)
			break
		}
	}
}

// outline rings r with a 4-pixel line 3 pixels outside it.
func outline(p *widget.Painter, r widget.Rect, col color.RGBA) {
	p.Panel(r.Inset(-7), 10, color.RGBA{}, col, 4)
}
