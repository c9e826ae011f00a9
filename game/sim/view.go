package sim

// View is the game as the player's hat(s) know it: everything a screen may show during play, and
// nothing more. A screen reads the game through a View, never through State, because State holds
// what no hat knows:
//
//   - the true market need (Market.Need) and every figure computed from it: a story's value as the
//     market pays it, how much closer research or a roadmap came to the truth, strategy fit;
//   - the true effort of a story (beyond what the team's progress shows), a defect before the
//     review finds it, when a request will arrive, when a chance event is due;
//   - for a Product Owner who works with a colleague, the Product Manager's roadmap itself: the PO
//     sees the roadmap as last heard (POView), and the market only through it.
//
// A screen may show every field here. The figures that replace hidden ones are named so: Value is
// what shipped is worth by the player's own reckoning (the estimate for a Product Manager, the
// roadmap as heard for a Product Owner), Alignment is measured against the roadmap as the hat knows
// it, and in Log a consequence's Value, Fit and Insight are what the player could tell (value by
// that reckoning, fit to the estimate, doubt lost) while Impact, Standing and AlignWork are zero.
// The true figures are for the end of the game only: Game.Outcome, Game.Turnings, State.History.
//
// Game.View fills a View in place, reusing its slices, and does nothing when the game has not
// changed since it last filled that View, so a screen can ask for it every frame. Treat it as
// read-only: copy a list before reordering it.
type View struct {
	Role Role
	// The seat the view is for in a pair game (HatNone solo), whether it may act now
	// (Game.Turn), whether it is done with the phase or day (Game.Done), whether the phase is
	// one it works in at all (Game.Acts), and a line about the other seat (Game.Waiting).
	Hat     Hat
	Turn    bool
	Done    bool
	Acts    bool
	Waiting string

	Sprint, Sprints int
	Phase           Phase
	Day, Days       int

	Player PlayerState
	// The lines on the player's meters.
	BurnoutFrom  float64 // stress above which burnout builds, day by day
	LeaveAt      float64 // burnout at which the sprint's end sends the player on forced leave
	OvertimeFrom int     // hours worked this sprint past which work is overtime
	Worked       int     // hours worked this sprint (rest excluded): what the overtime line counts
	OvertimeIn   int     // hours of work left before overtime starts (0: it has)

	// The market as the Product Manager estimates it, one entry per theme; nil when the player does
	// not wear the PM hat (a Product Owner knows the market only through the roadmap).
	Estimate, Spread []float64
	// Roadmap is the roadmap's weight per theme as the player's hat knows it: the roadmap in force
	// for a Product Manager or both hats, the roadmap as last heard for a Product Owner.
	Roadmap      []float64
	Synced       bool // the hats synced since the roadmap last changed
	SinceSync    int  // sprints since the last sync
	Syncs        int  // syncs held this game
	SyncProposal Hat  // a pair game's seat whose sync proposal is open, or HatNone

	// Stories, by index as in Action; Realised and Defect are zero (hidden until the debrief and
	// the review).
	Stories   []StoryState
	Backlog   []int // story indexes in backlog order
	Committed []int // story indexes committed this sprint, in working order
	Team      TeamState
	Forecast  float64 // the points the team will likely get through this sprint
	// SprintLeft is the estimated points of the sprint not yet built (Game.SprintLeft, the
	// burndown), and PullOpen whether the sprint is open to a pull (Game.PullOpen).
	SprintLeft float64
	PullOpen   bool

	Stakeholders []StakeholderState
	// Requests, by index as in Action; one still to arrive shows as waiting, with no sprint or day.
	Requests []RequestState
	Inbox    []int // request indexes waiting for the player's answer, oldest first
	// Promises are every promise made (accepted requests, escalations the executives took): the
	// review board shows them kept, broken or open. Nothing in them is hidden.
	Promises []Promise
	Event    int // the scenario event on the table, or -1

	Planned, Reviewed bool
	Value             float64 // value shipped so far, by the player's reckoning
	Alignment         float64 // effort-weighted standing of what shipped on the roadmap as known
	Shipped           float64 // points shipped so far

	Log []Consequence // the consequences as the player may see them; Game.Describe words them

	// The actions legal now (as Game.Legal gives them) and, for each, what it would charge.
	Legal    []Action
	Previews []Preview

	game    *Game // the game, the seat and the decision count the view was filled at
	hat     Hat
	decided int
}

// View fills v with the game as the player's hats know it, reusing v's slices. In a pair game it
// is the Product Manager's seat's view (ViewAs gives either seat's).
func (g *Game) View(v *View) { g.ViewAs(HatNone, v) }

// ViewAs fills v with the game as seat h of a pair game knows it, reusing v's slices: that
// seat's person, inbox, actions and reckoning; the Product Owner's seat sees the roadmap as last
// heard and no market estimate, exactly as a solo Product Owner does. HatNone is the Product
// Manager's seat. In a solo game h is ignored and it is View.
func (g *Game) ViewAs(h Hat, v *View) {
	if g.role != RolePair {
		h = HatNone
	} else if h != HatPO {
		h = HatPM
	}
	if v.game == g && v.hat == h && v.decided == len(g.actions) {
		return // only Apply changes a game
	}
	v.game, v.hat, v.decided = g, h, len(g.actions)
	s := &g.s
	v.Role = g.role
	v.Hat, v.Turn, v.Done, v.Acts, v.Waiting = h, g.Turn(h), g.Done(h), g.Acts(h), g.Waiting(h)
	v.Sprint, v.Sprints, v.Phase, v.Day, v.Days = s.Sprint, s.Sprints, s.Phase, s.Day, s.Days
	v.Player = *g.Seat(h)
	v.BurnoutFrom, v.LeaveAt = g.t.BurnoutFrom, 1
	v.OvertimeFrom, v.Worked = g.overtimeFrom(), g.worked(h)
	v.OvertimeIn = max(0, v.OvertimeFrom-v.Worked)

	v.Estimate, v.Spread = v.Estimate[:0], v.Spread[:0]
	if g.role.Wears(HatPM) && h != HatPO {
		v.Estimate = append(v.Estimate, s.Market.Estimate...)
		v.Spread = append(v.Spread, s.Market.Spread...)
	} else {
		v.Estimate, v.Spread = nil, nil
	}
	v.Roadmap = append(v.Roadmap[:0], g.knownRoadmap(h)...)
	v.Synced, v.SinceSync, v.Syncs, v.SyncProposal = s.Synced, s.SinceSync, s.Syncs, s.SyncProposal

	v.Stories = append(v.Stories[:0], s.Stories...)
	for i := range v.Stories {
		st := &v.Stories[i]
		st.Realised, st.Defect, st.trueEffort, st.plannedBy = 0, false, 0, 0
	}
	v.Backlog = append(v.Backlog[:0], s.Backlog...)
	v.Committed = append(v.Committed[:0], s.Committed...)
	v.Team = s.Team
	v.Forecast = g.Forecast()
	v.SprintLeft, v.PullOpen = g.SprintLeft(), g.PullOpen()

	v.Stakeholders = append(v.Stakeholders[:0], s.Stakeholders...)
	v.Requests = append(v.Requests[:0], s.Requests...)
	for i := range v.Requests {
		if rq := &v.Requests[i]; rq.Status == RequestWaiting {
			rq.Sprint, rq.Day = 0, 0
		}
	}
	v.Inbox = v.Inbox[:0]
	for _, r := range s.Inbox {
		if h == HatNone || s.Requests[r].Hat == h {
			v.Inbox = append(v.Inbox, r) // a pair's seat sees only its own hat's inbox
		}
	}
	v.Promises = append(v.Promises[:0], s.Promises...)
	v.Event = -1
	if s.Event >= 0 {
		v.Event = s.Events[s.Event].Def
	}

	v.Planned, v.Reviewed = s.Planned, s.Reviewed
	seenValue, seenANum := g.seenValue, g.seenANum
	if h == HatPO {
		seenValue, seenANum = g.seenValuePO, g.seenANumPO
	}
	v.Value, v.Shipped, v.Alignment = seenValue, g.alignDen, 0
	if g.alignDen > 0 {
		v.Alignment = seenANum / g.alignDen
	}

	v.Log = append(v.Log[:0], s.Log...)
	for i := range v.Log {
		c := &v.Log[i]
		c.Fit, c.Insight = c.seenFitOrInsight()
		c.Value = c.seenValue
		if h == HatPO {
			// The Product Owner's seat reckons value by the roadmap as heard, and does not see
			// the Product Manager's reading of the market.
			c.Value, c.Fit, c.Insight = c.seenValuePO, 0, 0
		}
		c.Impact, c.Standing, c.AlignWork = 0, 0, 0
		c.Redirected = 0 // priced by the true fit a correction gained: for the debrief
	}

	if h == HatNone {
		v.Legal = g.Legal(v.Legal[:0])
	} else {
		v.Legal = g.LegalAs(h, v.Legal[:0])
	}
	v.Previews = v.Previews[:0]
	for _, a := range v.Legal {
		v.Previews = append(v.Previews, g.Preview(a))
	}
}

// knownRoadmap is the roadmap as the player's hat knows it (seat h's, in a pair game).
func (g *Game) knownRoadmap(h Hat) []float64 {
	if g.role == RolePO || h == HatPO {
		return g.s.POView
	}
	return g.s.Roadmap
}

// belief is what the player's hat takes the market to want, per theme: the estimate for a wearer
// of the PM hat, the roadmap as heard for a Product Owner. The value the player sees shipped is
// reckoned by it.
func (g *Game) belief() []float64 {
	if g.role.Wears(HatPM) {
		return g.s.Market.Estimate
	}
	return g.s.POView
}

// seenStanding is where a theme stands on the roadmap as the player's hat knows it, given its
// standing on the roadmap in force. Only a Product Owner with a colleague knows another roadmap:
// the standing rule is then applied to that one, so the rule has one home.
func (g *Game) seenStanding(theme int, standing float64) float64 {
	if g.role != RolePO {
		return standing
	}
	return g.standingOn(g.s.POView, theme)
}

// standingOn is the standing rule applied to another roadmap than the one in force.
func (g *Game) standingOn(roadmap []float64, theme int) float64 {
	s := &g.s
	inForce := s.Roadmap
	s.Roadmap = roadmap
	seen := g.standing(theme)
	s.Roadmap = inForce
	return seen
}
