package scene

import (
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
	phase sim.Phase
	hat   sim.Hat // the hat the step needs, or HatNone
	text  string
	done  func(v gameView, s *Sprint) bool // the player did what the step asks
}

func did(k sim.ActionKind) func(gameView, *Sprint) bool {
	return func(v gameView, _ *Sprint) bool { return v.Did(k) }
}

func never(gameView, *Sprint) bool { return false }

func sorted(v gameView, s *Sprint) bool { return s.Backlog.edited || v.Did(sim.ActOrder) }

var tutorialSteps = []guideStep{
	{sim.PhaseStrategy, sim.HatPM, "The market board shows each theme: the hatched bar is your estimate of what customers need, the ± how unsure you are. Press M to research the market: the estimate sharpens (4 h of your week).", did(sim.ActResearch)},
	{sim.PhaseStrategy, sim.HatPM, "The sliders are your draft roadmap: how the product should invest. Press E to follow the estimate (or drag a slider), then U to make it the roadmap.", did(sim.ActRoadmap)},
	{sim.PhaseStrategy, sim.HatNone, "Strategy is set. Press N to go to sprint planning.", never},
	{sim.PhasePlanning, sim.HatPO, "This is the product backlog, top first. Press A to sort it by the roadmap, so the team builds what the strategy says matters.", sorted},
	{sim.PhasePlanning, sim.HatPO, "A story with AC ○○○ has no acceptance criteria: the team guesses. Pick a card with ↑ ↓ and press R to refine it; the line at the bottom says how much clarity it gains.", did(sim.ActRefine)},
	{sim.PhasePlanning, sim.HatPO, "The ticked cards are the plan; the red capacity line is where the team likely runs out. Space ticks or unticks the focused card. Press P to commit the plan.", did(sim.ActPlan)},
	{sim.PhasePlanning, sim.HatNone, "Press N to start the sprint.", never},
	{sim.PhaseExecution, sim.HatNone, "Each day the team builds and stakeholders ask for things. A request waits in the inbox: pick it and answer with 1–4; each answer says what it moves. Press N to end the day. Watch Hours left: past the overtime line each hour costs more stress.", never},
	{sim.PhaseReview, sim.HatPO, "Press V to hold the review: built stories are checked against their criteria, so defects do not ship.", did(sim.ActReview)},
	{sim.PhaseReview, sim.HatNone, "Press N to go to the retrospective.", never},
	{sim.PhaseRetro, sim.HatNone, "The retro says how the sprint felt and what moved the team's velocity. Rest (Z) lowers stress. Press N for the next sprint: from here on, you play on your own.", never},
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
