package sim

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"twohats/game/scenario"
)

// Game is one play of a scenario by one role from one seed. It is not safe for concurrent use;
// run many games in parallel with one Game each.
type Game struct {
	sc      *scenario.Scenario
	t       *scenario.Tuning
	role    Role
	seed    uint64
	w       world  // what chance dealt: the same for every role and every decision
	noise   stream // burnout's blur on the decisions of whoever makes them
	team    stream // the team's building: defects
	handoff stream // roadmap news that reaches the Product Owner second-hand
	s       State
	actions []Action // every decision, for the replay

	storyStore  []int     // room for the recorded actions' story lists (keep)
	weightStore []float64 // room for the recorded actions' roadmap weights (keep)

	effects    [][]compiledEffect // per event, per choice: flattened by choiceStart
	choiceBase []int              // per event, index of its first choice in effects
	conds      []compiledCond     // per event
	potential  float64            // value that would count as a perfect game
	positive   float64            // Σ of the score's positive weights: impact's scale
	influence  float64            // Σ of the stakeholders' influence: impact's share of trust
	alignNum   float64            // Σ effort × roadmap standing of shipped stories
	alignDen   float64            // Σ effort of shipped stories
	fitSum     float64
	healthSum  float64
	sprintHrs  int     // hours spent this sprint, rest included
	sprintWork int     // hours worked this sprint, rest excluded: what overtime counts
	planned    float64 // estimated points committed this sprint
	sprintVal  float64
	sprintPts  float64
	sprintANum float64
	seenValue  float64   // value shipped as the player reckons it: View's figure, not the market's
	seenANum   float64   // Σ effort × standing on the roadmap as the player's hat knows it
	orderBuf   []int     // scratch: the backlog by urgency, for a sprint nobody planned
	keys       []float64 // per story: the sort key of the ordering being computed
	seen       []bool    // per story: scratch for checking a list of stories
	heard      [2]bool   // whether executives and customers saw anything of the product this sprint

	potSum      float64   // Σ over sprints played of what a perfect game ships in that sprint's market
	perfectUsed []bool    // per story: the perfect game has shipped it already
	potOrder    []int     // the stories the perfect game has not shipped that fit a sprint, ranked (perfectSprint)
	forecast    float64   // the forecast when the sprint's plan was made
	selfPlanned bool      // nobody planned: the team picked the sprint's work itself
	rework      float64   // points of rework the sprint's missing clarity cost
	escalations float64   // escalations the executives remember: each one costs more patience
	execMeets   int       // executive alignments this sprint
	interrupts  int       // interruptions this sprint: each wears more than the last
	kpiReviews  int       // KPI reviews this sprint
	interviews  []int     // per theme: interviews this sprint
	prevRoadmap []float64 // scratch: the roadmap before an update
	overHours   int       // hours worked past the overtime line this sprint
	overStress  float64   // stress those hours added
	overBurn    float64   // burnout those hours added
	overNow     float64   // overtime stress of the action being performed, not yet applied

	pulled float64 // estimated points pulled into the sprint after its plan

	promisesKept, promisesBroken int
	declines                     []int // per stakeholder: the noes they have heard
	arriving                     []int // the requests that may arrive this sprint, in request order
	lastInsight                  int   // the log index of the latest research, interview or KPI review, or -1

	// Pair games only (pair.go).
	actor       Hat           // the seat whose person is in State.Player: the PM's but while performing
	other       seatTally     // the sprint tallies of the seat not in State.Player
	done        [3]bool       // by hat: the seat said it is done with the phase (or the day)
	acted       [3]bool       // by hat: the seat acted in this phase
	doing       [3]ActionKind // by hat: the seat's last action in this phase
	seenValuePO float64       // seenValue as the Product Owner's seat reckons it
	seenANumPO  float64       // seenANum on the roadmap as the Product Owner's seat knows it
}

// Who must hear from the product every sprint or lose trust.
const (
	executivesHeard = iota
	customersHeard
)

// New starts a game. The role must be one the scenario suits.
func New(sc *scenario.Scenario, role Role, seed uint64) (*Game, error) {
	if sc == nil {
		return nil, errors.New("no scenario")
	}
	if !role.Valid() {
		_, err := role.MarshalText() // its refusal names the role
		return nil, err
	}
	if len(sc.Roles) > 0 && role != RolePair {
		ok := false
		for _, r := range sc.Roles {
			if r == role.String() {
				ok = true
			}
		}
		if !ok {
			return nil, fmt.Errorf("scenario %q is not made for role %s (it suits %s)", sc.ID, role, strings.Join(sc.Roles, ", "))
		}
	}
	if len(sc.Themes) == 0 || len(sc.Stories) == 0 || sc.Sprints < 1 || sc.HoursPerSprint < 1 {
		return nil, fmt.Errorf("scenario %q is incomplete (themes, stories, sprints and hours are required)", sc.ID)
	}
	if role == RolePair && len(sc.Roles) > 0 && (!slices.Contains(sc.Roles, RolePM.String()) || !slices.Contains(sc.Roles, RolePO.String())) {
		// Listing "pair" is not possible (the format knows pm, po, both): a pair plays a scenario
		// that suits both one-hat roles.
		return nil, fmt.Errorf("scenario %q is not made for role pair (it suits %s; a pair needs pm and po)", sc.ID, strings.Join(sc.Roles, ", "))
	}
	g := &Game{sc: sc, t: &sc.Tuning, role: role, seed: seed}
	if role == RolePair {
		g.actor = HatPM
	}
	g.noise.seed(seed, strandNoise, 0)
	g.team.seed(seed, strandTeam, 0)
	g.handoff.seed(seed, strandHandoff, 0)
	g.setup()
	return g, nil
}

func (g *Game) setup() {
	sc := g.sc
	n := len(sc.Themes)
	s := &g.s
	s.Sprint, s.Sprints, s.Phase = 1, sc.Sprints, PhaseStrategy
	s.Days = sc.DaysPerSprint
	if s.Days < 1 {
		s.Days = 10
	}
	g.w = newWorld(sc, g.seed, s.Days)
	s.Event = -1
	// The game's many small lists of one type come from one allocation each.
	ns := len(sc.Stories)
	floats := make([]float64, 6*n+ns)
	s.Market.Need = carve(&floats, n)
	s.Market.Estimate = carve(&floats, n)
	s.Market.Spread = carve(&floats, n)
	s.Roadmap = carve(&floats, n)
	s.POView = carve(&floats, n)
	g.prevRoadmap = carve(&floats, n)
	g.keys = carve(&floats, ns)
	ints := make([]int, 4*ns+2*len(sc.Requests)+n+len(sc.Stakeholders)+len(sc.Events)+1)
	s.Backlog = carve(&ints, ns)[:0]
	s.Committed = carve(&ints, ns)[:0]
	g.potOrder = carve(&ints, ns)[:0]
	g.orderBuf = carve(&ints, ns)[:0]
	s.Inbox = carve(&ints, len(sc.Requests))[:0]
	g.arriving = carve(&ints, len(sc.Requests))[:0]
	g.interviews = carve(&ints, n)
	g.declines = carve(&ints, len(sc.Stakeholders))
	g.choiceBase = carve(&ints, len(sc.Events)+1)
	bools := make([]bool, 2*ns)
	g.seen = carve(&bools, ns)
	g.perfectUsed = carve(&bools, ns)
	for i, th := range sc.Themes {
		s.Market.Need[i] = th.Need
		s.Roadmap[i] = th.Roadmap
		s.Market.Estimate[i] = th.Estimate * g.w.estimate[i]
		s.Market.Spread[i] = sc.Market.Noise
	}
	normalise(s.Market.Need)
	normalise(s.Market.Estimate)
	normalise(s.Roadmap)
	copy(s.POView, s.Roadmap)
	if g.role != RoleBoth {
		// Two people: the Product Owner has the roadmap second-hand until the first sync.
		g.blurInto(s.POView, s.Roadmap, 1)
	}

	ids := lookup{sc}
	s.Stakeholders = make([]StakeholderState, len(sc.Stakeholders))
	for i := range sc.Stakeholders {
		h := &sc.Stakeholders[i]
		s.Stakeholders[i] = StakeholderState{Satisfaction: h.Satisfaction, Trust: h.Trust, Hat: hatOfKind(h.Kind)}
	}
	s.Stories = make([]StoryState, len(sc.Stories))
	for i := range sc.Stories {
		st := &sc.Stories[i]
		req := -1
		if j, ok := ids.holder(st.Requester); ok {
			req = j
		}
		theme, _ := ids.theme(st.Theme)
		s.Stories[i] = StoryState{Def: i, Theme: theme, Value: st.Value, Effort: st.Effort,
			Clarity: st.Clarity, Urgency: st.Urgency, Requester: req, trueEffort: g.w.effort[i], Status: StoryHeld, plannedBy: -1, promise: -1}
		if st.InBacklog {
			s.Stories[i].Status = StoryBacklog
			s.Backlog = append(s.Backlog, i)
		}
	}
	g.potential = g.perfectValue()
	t := g.t
	g.positive = t.WeightValue + t.WeightAlignment + t.WeightFit + t.WeightTrust + t.WeightHealth
	for _, h := range sc.Stakeholders {
		g.influence += h.Influence
	}
	s.Requests = make([]RequestState, len(sc.Requests))
	for i := range sc.Requests {
		rq := &sc.Requests[i]
		h, _ := ids.holder(rq.Stakeholder)
		story, _ := ids.story(rq.Story)
		s.Requests[i] = RequestState{Def: i, Stakeholder: h, Story: story,
			Hat: s.Stakeholders[h].Hat, Sprint: g.w.arrival[2*i], Day: g.w.arrival[2*i+1]}
		if st := &s.Stories[story]; st.Requester < 0 {
			st.Requester = h // a request's story is asked for by the request's stakeholder
		}
	}
	s.Promises = make([]Promise, 0, len(sc.Requests))
	g.lastInsight = -1
	s.Events = make([]EventState, len(sc.Events))
	g.conds = make([]compiledCond, len(sc.Events))
	choices, effects := 0, 0
	for i := range sc.Events {
		for _, ch := range sc.Events[i].Choices {
			choices++
			effects += len(ch.Effects)
		}
	}
	g.effects = make([][]compiledEffect, 0, choices)
	compiled := make([]compiledEffect, 0, effects) // every choice's effects, one after another
	for i := range sc.Events {
		ev := &sc.Events[i]
		s.Events[i].Def = i
		g.choiceBase[i] = len(g.effects)
		for _, ch := range ev.Choices {
			start := len(compiled)
			compiled = compileEffects(compiled, ch.Effects, ids)
			g.effects = append(g.effects, compiled[start:len(compiled):len(compiled)])
		}
		g.conds[i] = compileCond(ev.When, ids)
	}
	g.choiceBase[len(sc.Events)] = len(g.effects)
	s.Team = TeamState{Capacity: sc.Team.Capacity, Morale: sc.Team.Morale, Debt: sc.Team.Debt}
	s.History = make([]SprintRecord, 0, sc.Sprints)
	// Room for a typical game's decisions and consequences, so that neither grows while playing.
	perSprint := s.Days + 20
	if g.role == RolePair {
		perSprint = 2*s.Days + 30 // two seats, each saying when it is done with each day
	}
	g.actions = make([]Action, 0, sc.Sprints*perSprint)
	s.Log = make([]Consequence, 0, sc.Sprints*24)
	s.Player.Hours = sc.HoursPerSprint
	if g.role == RolePair {
		s.Partner.Hours = sc.HoursPerSprint
	}
	g.startSprint()
}

// carve cuts the next n items off *rest, for one of a game's lists. The piece is capped at n, so
// that an append past it moves the list to fresh memory instead of running into the next one.
func carve[T any](rest *[]T, n int) []T {
	piece := (*rest)[:n:n]
	*rest = (*rest)[n:]
	return piece
}

// perfectValue is what a perfect game could ship: the stories that pay most per point in today's
// market, as many as the team's nominal capacity holds over all sprints. It is the yardstick of
// the value share, so a score reads the same across scenarios of different sizes. Its ranking,
// less the stories too big for any one sprint, is where the perfect game's sprints start
// (potOrder, perfectSprint).
func (g *Game) perfectValue() float64 {
	s := &g.s
	n := float64(len(s.Market.Need))
	order := g.potOrder[:0]
	for i := range s.Stories {
		order = append(order, i)
	}
	pay := func(ix int) float64 {
		st := &s.Stories[ix]
		return st.Value * s.Market.Need[st.Theme] * n
	}
	for i := range s.Stories {
		g.keys[i] = pay(i) / float64(s.Stories[i].Effort)
	}
	g.rankByKey(order)
	room := float64(g.sc.Team.Capacity * g.sc.Sprints)
	total := 0.0
	for _, ix := range order {
		if e := float64(s.Stories[ix].Effort); e <= room {
			room -= e
			total += pay(ix)
		}
	}
	kept := 0
	for _, ix := range order {
		if s.Stories[ix].Effort <= g.sc.Team.Capacity {
			order[kept] = ix
			kept++
		}
	}
	g.potOrder = order[:kept]
	if total <= 0 {
		return 1
	}
	return total
}

// perfectSprint is what a perfect game ships in this sprint's market: of the stories it has not
// shipped yet (held-back ones included), the ones that pay most per point now, as many as the
// team's nominal capacity holds. Summed over the sprints played it is the value share's
// yardstick: the perfect game played through the market as it really moved, so a pivot raises
// the bar with the pay.
func (g *Game) perfectSprint() float64 {
	s := &g.s
	n := float64(len(s.Market.Need))
	// potOrder ranks the stories the perfect game has not shipped that could fit a sprint at all.
	// Re-ranked by pay per point now: the market moves a little between sprints, so last
	// sprint's ranking is mostly right and the insertion sort moves only what the drift
	// reordered (a few times cheaper than picking the best that fits again and again).
	for _, ix := range g.potOrder {
		st := &s.Stories[ix]
		g.keys[ix] = st.Value * s.Market.Need[st.Theme] * n / float64(st.Effort)
	}
	g.rankByKey(g.potOrder)
	// Down the ranking, each story that still fits: the best that fits, until none does. The
	// rest stay ranked for the next sprint.
	room := g.sc.Team.Capacity
	total, kept := 0.0, 0
	for _, ix := range g.potOrder {
		st := &s.Stories[ix]
		if st.Effort > room {
			g.potOrder[kept] = ix
			kept++
			continue
		}
		g.perfectUsed[ix] = true
		room -= st.Effort
		total += st.Value * s.Market.Need[st.Theme] * n
	}
	g.potOrder = g.potOrder[:kept]
	return total
}

func hatOfKind(kind string) Hat {
	switch kind {
	case scenario.KindTeam, scenario.KindScrumMaster:
		return HatPO
	}
	return HatPM
}

// Scenario is the scenario being played.
func (g *Game) Scenario() *scenario.Scenario { return g.sc }

// Role is the player's role.
func (g *Game) Role() Role { return g.role }

// Seed is the game's seed.
func (g *Game) Seed() uint64 { return g.seed }

// State is the game's state, to read. Changing it breaks the game's invariants; use Apply. It
// holds the hidden truth (the market's need, true efforts, the world's schedule): a screen reads
// View instead, and State is for the engine's own tools, the bots and the debrief.
func (g *Game) State() *State { return &g.s }

// Actions are the decisions applied so far, in order: with the scenario, role and seed they are
// the replay.
func (g *Game) Actions() []Action { return g.actions }

// Over reports whether the game has ended.
func (g *Game) Over() bool { return g.s.Phase == PhaseOver }

// Cost is the hours an action costs the player.
func (g *Game) Cost(a Action) int {
	t := g.t
	switch a.Kind {
	case ActResearch:
		return t.HoursResearch
	case ActInterview:
		return t.HoursInterview
	case ActRoadmap:
		return t.HoursRoadmap
	case ActExecutive:
		return t.HoursExecutive
	case ActKPI:
		return t.HoursKPI
	case ActSync:
		return t.HoursSync
	case ActRefine:
		return t.HoursRefine
	case ActOrder:
		return t.HoursOrder
	case ActPlan:
		return t.HoursPlan
	case ActAnswer:
		switch a.Answer {
		case AnswerAccept:
			return t.HoursAccept
		case AnswerEscalate:
			return t.HoursEscalate
		}
		return t.HoursAnswer
	case ActReview:
		return t.HoursReview
	case ActRest:
		return t.HoursRest
	case ActPull:
		return t.HoursPull
	case ActChoose:
		if ch, ok := g.choiceOf(a); ok {
			return ch.Hours
		}
	}
	return 0
}

// choiceOf is the choice of the event on the table that a names, if a is such a choice.
func (g *Game) choiceOf(a Action) (scenario.Choice, bool) {
	if a.Kind != ActChoose || g.s.Event < 0 {
		return scenario.Choice{}, false
	}
	chs := g.sc.Events[g.s.Events[g.s.Event].Def].Choices
	if a.Choice < 0 || a.Choice >= len(chs) {
		return scenario.Choice{}, false
	}
	return chs[a.Choice], true
}

// hatOf is the hat whose work an action is. Answering a request is the work of the hat its
// stakeholder talks to: wearing both hats, the two inboxes are two kinds of work.
func (g *Game) hatOf(a Action) Hat {
	if a.Kind == ActAnswer && a.Request >= 0 && a.Request < len(g.s.Requests) {
		return g.s.Requests[a.Request].Hat
	}
	return a.Kind.Hat()
}

// Forecast is the points the team will likely get through this sprint: the capacity line on the
// planning board.
func (g *Game) Forecast() float64 { return g.s.Team.Velocity() }

// Apply performs one action. An action that is not legal now returns an error that says why and
// changes nothing.
func (g *Game) Apply(a Action) error {
	if err := g.Check(a); err != nil {
		return err
	}
	a = g.keep(a) // the log and the replay keep it; the caller may reuse its slices
	g.actions = append(g.actions, a)
	g.perform(a)
	return nil
}

// Affords reports whether the hours left to the action's seat pay for it. Check refuses an action
// they do not, except an event's choice, which works past the hours as stress. A policy that only
// needs to know can ask this first: a refusal it never reads still costs Check an allocation.
func (g *Game) Affords(a Action) bool {
	return a.Kind == ActChoose || g.Cost(a) <= g.Seat(a.Hat).Hours
}

// Check reports why an action is not legal now, or nil when it is.
func (g *Game) Check(a Action) error {
	s := &g.s
	if s.Phase == PhaseOver {
		return refusal("the game is over")
	}
	if a.Kind >= numActionKinds {
		return fmt.Errorf("unknown action kind %d", a.Kind)
	}
	if g.role == RolePair || a.Hat != HatNone || a.Accept {
		if err := g.checkSeat(a); err != nil {
			return err
		}
	}
	if s.Event >= 0 && a.Kind != ActChoose {
		return fmt.Errorf("an event needs an answer first: %s", g.sc.Events[s.Events[s.Event].Def].Title)
	}
	if h := a.Kind.Hat(); h != HatNone && !g.role.Wears(h) {
		return fmt.Errorf("%s is %s work, and you do not wear that hat", a.Kind.Title(), h)
	}
	p := g.Seat(a.Hat)
	if p.OnLeave && a.Kind != ActAdvance && a.Kind != ActChoose {
		return refusal("you are on leave this sprint")
	}
	if !g.Affords(a) {
		return shortOfHours{kind: a.Kind, need: g.Cost(a), left: p.Hours}
	}
	switch a.Kind {
	case ActAdvance, ActRest:
		return nil
	case ActResearch, ActExecutive, ActKPI:
		return g.inPhase(a.Kind, PhaseStrategy, PhaseExecution)
	case ActInterview:
		if a.Theme < 0 || a.Theme >= len(s.Roadmap) {
			return fmt.Errorf("no theme %d", a.Theme)
		}
		return g.inPhase(a.Kind, PhaseStrategy, PhaseExecution)
	case ActRoadmap:
		if len(a.Weights) != len(s.Roadmap) {
			return fmt.Errorf("a roadmap needs %d weights, got %d", len(s.Roadmap), len(a.Weights))
		}
		sum := 0.0
		for _, w := range a.Weights {
			if !(w >= 0 && w <= 1e6) {
				return fmt.Errorf("roadmap weight %v is out of range", w)
			}
			sum += w
		}
		if sum <= 0 {
			return refusal("a roadmap needs at least one positive weight")
		}
		return g.inPhase(a.Kind, PhaseStrategy)
	case ActSync:
		if g.role == RoleBoth {
			return refusal("wearing both hats, you are already in sync with yourself")
		}
		if s.Synced {
			return refusal("the hats already synced since the roadmap last changed")
		}
		return g.inPhase(a.Kind, PhaseStrategy, PhasePlanning, PhaseExecution)
	case ActRefine:
		if err := g.checkStory(a.Story); err != nil {
			return err
		}
		st := &s.Stories[a.Story]
		if st.Status != StoryBacklog && st.Status != StoryCommitted {
			return fmt.Errorf("story %q is %s; only backlog and sprint stories can be refined", g.storyTitle(a.Story), st.Status)
		}
		if st.Clarity >= 1 {
			return fmt.Errorf("story %q is already fully specified", g.storyTitle(a.Story))
		}
		return g.inPhase(a.Kind, PhasePlanning, PhaseExecution)
	case ActOrder:
		if len(a.Stories) != len(s.Backlog) {
			return fmt.Errorf("an order must list all %d backlog stories, got %d", len(s.Backlog), len(a.Stories))
		}
		if err := g.checkBacklogList(a.Stories); err != nil {
			return err
		}
		return g.inPhase(a.Kind, PhasePlanning, PhaseExecution)
	case ActPlan:
		if s.Planned {
			return refusal("the sprint is already planned")
		}
		if len(a.Stories) == 0 {
			return refusal("a plan needs at least one story")
		}
		if err := g.checkBacklogList(a.Stories); err != nil {
			return err
		}
		pts := 0
		for _, ix := range a.Stories {
			pts += s.Stories[ix].Effort
		}
		if pts > s.Team.Capacity {
			return fmt.Errorf("the plan holds %d points and the team's capacity is %d", pts, s.Team.Capacity)
		}
		return g.inPhase(a.Kind, PhasePlanning)
	case ActAnswer:
		if a.Answer >= numAnswers {
			return fmt.Errorf("unknown answer %d", a.Answer)
		}
		for _, r := range s.Inbox {
			if r == a.Request {
				return nil
			}
		}
		return fmt.Errorf("request %d is not in the inbox", a.Request)
	case ActReview:
		if s.Reviewed {
			return refusal("the review has been held")
		}
		return g.inPhase(a.Kind, PhaseReview)
	case ActPull:
		return g.checkPull(a.Story)
	case ActChoose:
		if s.Event < 0 {
			return refusal("no event is waiting for a choice")
		}
		n := len(g.sc.Events[s.Events[s.Event].Def].Choices)
		if a.Choice < 0 || a.Choice >= n {
			return fmt.Errorf("the event has %d options, not option %d", n, a.Choice+1)
		}
		return nil
	}
	return fmt.Errorf("unknown action %s", a.Kind)
}

// refusal is one of Check's reasons that needs no figures. Unlike errors.New, a constant refusal
// costs no allocation: a bot or a screen asks Check about many actions each decision, and is
// refused some every time (a sync, wearing both hats, always).
type refusal string

func (r refusal) Error() string { return string(r) }

// shortOfHours is Check's refusal of an action the hours left do not pay for, the reason bots and
// screens meet most. Its message is written only when someone reads it: most callers only ask
// whether there is one.
type shortOfHours struct {
	kind       ActionKind
	need, left int
}

func (e shortOfHours) Error() string {
	return fmt.Sprintf("%s needs %d h and %d h are left", e.kind.Title(), e.need, e.left)
}

// inPhase is Check's refusal of an action of kind k outside the phases it belongs to, or nil.
func (g *Game) inPhase(k ActionKind, phases ...Phase) error {
	for _, p := range phases {
		if g.s.Phase == p {
			return nil
		}
	}
	return fmt.Errorf("%s cannot be done in the %s phase", k.Title(), g.s.Phase)
}

func (g *Game) checkStory(ix int) error {
	if ix < 0 || ix >= len(g.s.Stories) {
		return fmt.Errorf("no story %d", ix)
	}
	return nil
}

// checkBacklogList checks that every story of a list exists, is in the backlog, and is listed once.
func (g *Game) checkBacklogList(stories []int) error {
	seen := g.seen
	clear(seen)
	for _, ix := range stories {
		if err := g.checkStory(ix); err != nil {
			return err
		}
		if g.s.Stories[ix].Status != StoryBacklog {
			return fmt.Errorf("story %q is not in the backlog", g.storyTitle(ix))
		}
		if seen[ix] {
			return fmt.Errorf("story %q is listed twice", g.storyTitle(ix))
		}
		seen[ix] = true
	}
	return nil
}

func (g *Game) storyTitle(ix int) string { return g.sc.Stories[g.s.Stories[ix].Def].Title }

// Legal appends the actions legal now to buf and returns it. Actions with free parameters come
// with a sensible default: a roadmap that follows the estimate, a backlog ordered by the roadmap as
// the Product Owner knows it, a plan that fills the forecast from the top of the backlog, a pull of
// the backlog's top story.
//
// In a pair game it lists the actions of every seat whose turn it is, each naming its seat
// (LegalAs gives one seat's).
func (g *Game) Legal(buf []Action) []Action {
	if g.role == RolePair {
		buf = g.legal(buf, HatPM)
		return g.legal(buf, HatPO)
	}
	return g.legal(buf, HatNone)
}

// legal is Legal for seat h of a pair game, or (HatNone) for the one player of a solo game.
func (g *Game) legal(buf []Action, h Hat) []Action {
	s := &g.s
	if s.Phase == PhaseOver || !g.Turn(h) {
		return buf
	}
	wearsPM, wearsPO := g.role.Wears(HatPM), g.role.Wears(HatPO)
	if h != HatNone {
		wearsPM, wearsPO = h == HatPM, h == HatPO
	}
	if s.Event >= 0 {
		for i := range g.sc.Events[s.Events[s.Event].Def].Choices {
			if a := (Action{Kind: ActChoose, Hat: h, Choice: i}); g.Check(a) == nil {
				buf = append(buf, a)
			}
		}
		return buf
	}
	try := func(a Action) {
		a.Hat = h
		if g.Check(a) == nil {
			buf = append(buf, a)
		}
	}
	try(Action{Kind: ActAdvance})
	if g.Seat(h).OnLeave {
		return buf
	}
	try(Action{Kind: ActResearch})
	for i := range s.Roadmap {
		try(Action{Kind: ActInterview, Theme: i})
	}
	if wearsPM && s.Phase == PhaseStrategy {
		try(Action{Kind: ActRoadmap, Weights: append([]float64(nil), s.Market.Estimate...)})
	}
	try(Action{Kind: ActExecutive})
	try(Action{Kind: ActKPI})
	try(Action{Kind: ActSync, Accept: h != HatNone && s.SyncProposal == h.Other()})
	if wearsPO {
		for _, ix := range s.Backlog {
			try(Action{Kind: ActRefine, Story: ix})
		}
		for _, ix := range s.Committed {
			try(Action{Kind: ActRefine, Story: ix})
		}
		if s.Phase == PhasePlanning || s.Phase == PhaseExecution {
			try(Action{Kind: ActOrder, Stories: g.OrderByRoadmap(nil, s.POView)})
		}
		if s.Phase == PhasePlanning && !s.Planned {
			if p := g.PlanFromTop(nil); len(p) > 0 {
				try(Action{Kind: ActPlan, Stories: p})
			}
		}
		try(Action{Kind: ActReview})
		if s.Phase == PhaseExecution && len(s.Backlog) > 0 {
			try(Action{Kind: ActPull, Story: s.Backlog[0]})
		}
	}
	for _, r := range s.Inbox {
		for _, ans := range Answers {
			try(Action{Kind: ActAnswer, Request: r, Answer: ans})
		}
	}
	try(Action{Kind: ActRest})
	return buf
}
