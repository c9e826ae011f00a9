package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"twohats/game/scenario"
	"twohats/game/sim"
)

// Knob is one dimension of the knob policy: one habit of play a person could have, such as how
// often they research the market or what they do with a request they do not take. The tuner
// searches over knob settings, so every habit the judge must be able to try is a knob, and
// each knob takes one of a short list of values.
type Knob uint8

// The knobs, in the order they print.
const (
	KnobResearch  Knob = iota // market research: count per sprint / every N sprints
	KnobInterview             // customer interviews, on the least-known theme
	KnobExec                  // executive alignment meetings
	KnobKPI                   // KPI reviews
	KnobRoadmap               // how the PM sets the roadmap: keep, estimate, sharp, urgency, flat
	KnobSync                  // a PM–PO sync every N sprints; 0 never
	KnobOrder                 // how the PO orders the backlog: roadmap, value, urgency, none
	KnobRefine                // stories refined per sprint
	KnobClarity               // refine only stories less clear than this
	KnobCommit                // the plan's size, in percent of the forecast
	KnobReview                // whether the PO holds the sprint review
	KnobTake                  // take a request whose story would rank in the top N% of the backlog
	KnobVIP                   // a stakeholder kind whose requests are always taken
	KnobElse                  // what to do with a request not taken: decline, defer, escalate, ignore
	KnobCap                   // work at most this percent of the sprint's hours (rest excluded)
	KnobRest                  // when to rest: never, stressed, spare (every hour the duties leave)
	KnobRestAt                // the stress above which a stressed player rests
	KnobEvent                 // how to answer an event: best, first, last, cheap
	KnobPull                  // whether the PO pulls the next story into a sprint built early
	NumKnobs
)

type knobDef struct {
	name   string
	values []string
	help   string
}

var knobDefs = [NumKnobs]knobDef{
	KnobResearch:  {"research", []string{"0", "1/3", "1/2", "1", "2"}, "market research: N per sprint, or 1/K once every K sprints"},
	KnobInterview: {"interview", []string{"0", "1/2", "1", "2", "3"}, "customer interviews on the least-known theme"},
	KnobExec:      {"exec", []string{"0", "1/3", "1/2", "1", "2", "3"}, "executive alignment meetings"},
	KnobKPI:       {"kpi", []string{"0", "1/2", "1"}, "KPI reviews"},
	KnobRoadmap:   {"roadmap", []string{"estimate", "sharp", "keep", "urgency", "flat"}, "roadmap: the market estimate, the estimate sharpened, never changed, the loudest themes, all equal"},
	KnobSync:      {"sync", []string{"1", "2", "3", "0"}, "PM–PO sync every N sprints; 0 never"},
	KnobOrder:     {"order", []string{"roadmap", "value", "urgency", "none"}, "backlog order"},
	KnobRefine:    {"refine", []string{"0", "1", "2", "3", "4", "6"}, "stories refined per sprint"},
	KnobClarity:   {"clarity", []string{"0.4", "0.6", "0.8", "1"}, "refine only stories less clear than this"},
	KnobCommit:    {"commit", []string{"50", "60", "70", "80", "90", "100", "110", "120", "130"}, "plan size, percent of the forecast (never past capacity)"},
	KnobReview:    {"review", []string{"yes", "no"}, "hold the sprint review"},
	KnobTake:      {"take", []string{"0", "25", "50", "75", "100", "fits"}, "take a request whose story would rank in the top N% of the backlog; 100 takes all; fits takes one the team would build within the promise"},
	KnobVIP:       {"vip", []string{"none", scenario.KindExecutive, scenario.KindCustomer, scenario.KindSales, scenario.KindMarketing, scenario.KindTeam}, "a stakeholder kind whose requests are always taken"},
	KnobElse:      {"else", []string{"decline", "defer", "escalate", "ignore"}, "what to do with a request not taken"},
	KnobCap:       {"cap", []string{"50", "60", "70", "80", "90", "100"}, "work at most N% of the sprint's hours on optional work"},
	KnobRest:      {"rest", []string{"stressed", "spare", "never"}, "rest when stressed, with every spare hour, or never"},
	KnobRestAt:    {"restat", []string{"0.25", "0.35", "0.45", "0.6", "0.8"}, "stress above which a stressed player rests"},
	KnobEvent:     {"event", []string{"best", "first", "last", "cheap"}, "event answer: best for the meters, first, last, fewest hours"},
	KnobPull:      {"pull", []string{"yes", "no"}, "when the team has built the sprint early, pull in the next story the days left can build"},
}

// Name is the knob's name in a knob setting.
func (k Knob) Name() string {
	if k < NumKnobs {
		return knobDefs[k].name
	}
	return fmt.Sprintf("knob(%d)", uint8(k))
}

// Values are the values the knob can take, in the order the tuner steps through them.
func (k Knob) Values() []string { return knobDefs[k].values }

// Help says what the knob does.
func (k Knob) Help() string { return knobDefs[k].help }

// Knobs is one setting: the index of each knob's value. The zero setting is a sensible player
// (research every sprint, sync every sprint, order by the roadmap, review, choose requests); see
// DefaultKnobs.
type Knobs [NumKnobs]uint8

// Value is a knob's value as text.
func (s Knobs) Value(k Knob) string { return knobDefs[k].values[s[k]] }

// With returns the setting with one knob set to the named value; it panics on a value the knob
// does not have, so it is for literals in code. Parse is for input.
func (s Knobs) With(k Knob, value string) Knobs {
	i := slices.Index(knobDefs[k].values, value)
	if i < 0 {
		panic(fmt.Sprintf("knob %s has no value %q", k.Name(), value))
	}
	s[k] = uint8(i)
	return s
}

// KnobPrefix starts a knob setting written as a policy name.
const KnobPrefix = "knobs:"

// String writes the setting as a policy name: knobs:research=1,interview=0,...
func (s Knobs) String() string {
	var b strings.Builder
	b.WriteString(KnobPrefix)
	for k := Knob(0); k < NumKnobs; k++ {
		if k > 0 {
			b.WriteByte(',')
		}
		b.WriteString(knobDefs[k].name)
		b.WriteByte('=')
		b.WriteString(s.Value(k))
	}
	return b.String()
}

// MarshalText writes the setting as String does, for JSON.
func (s Knobs) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a setting as ParseKnobs does.
func (s *Knobs) UnmarshalText(b []byte) error {
	k, err := ParseKnobs(string(b))
	if err != nil {
		return err
	}
	*s = k
	return nil
}

// DefaultKnobs is a sensible player, close to the roadmap bot: research every sprint, an
// executive meeting every other sprint, roadmap from the estimate, sync every sprint, order by the
// roadmap, refine the three foggiest planned stories, plan to the forecast, review, take requests
// that would stand in the better half of the backlog and decline the rest, rest when stressed,
// pull in the next story when the team finishes early.
func DefaultKnobs() Knobs {
	return Knobs{}.With(KnobResearch, "1").With(KnobExec, "1/2").With(KnobRefine, "3").
		With(KnobClarity, "0.6").With(KnobCommit, "100").With(KnobTake, "50").With(KnobCap, "100").
		With(KnobRestAt, "0.45")
}

// ParseKnobs reads a setting: "knobs:" then name=value pairs separated by commas, in any order.
// A knob not named keeps its DefaultKnobs value, so "knobs:sync=0" is the default never syncing.
func ParseKnobs(text string) (Knobs, error) {
	s := DefaultKnobs()
	rest, ok := strings.CutPrefix(text, KnobPrefix)
	if !ok {
		return s, fmt.Errorf("a knob setting starts with %q", KnobPrefix)
	}
	if len(rest) > 4096 {
		return s, fmt.Errorf("knob setting too long (%d bytes)", len(rest))
	}
	if rest == "" {
		return s, nil
	}
	var seen [NumKnobs]bool
	for _, pair := range strings.Split(rest, ",") {
		name, value, ok := strings.Cut(pair, "=")
		if !ok {
			return s, fmt.Errorf("knob setting: %q is not name=value", clip(pair))
		}
		k := knobByName(name)
		if k >= NumKnobs {
			return s, fmt.Errorf("knob setting: unknown knob %q (want one of %s)", clip(name), strings.Join(KnobNames(), ", "))
		}
		if seen[k] {
			return s, fmt.Errorf("knob setting: knob %s is set twice", k.Name())
		}
		seen[k] = true
		i := slices.Index(knobDefs[k].values, value)
		if i < 0 {
			return s, fmt.Errorf("knob setting: %s=%q is not one of %s", k.Name(), clip(value), strings.Join(knobDefs[k].values, ", "))
		}
		s[k] = uint8(i)
	}
	return s, nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// KnobNames lists the knobs' names in order.
func KnobNames() []string {
	out := make([]string, NumKnobs)
	for k := range out {
		out[k] = knobDefs[k].name
	}
	return out
}

func knobByName(name string) Knob {
	for k := Knob(0); k < NumKnobs; k++ {
		if knobDefs[k].name == name {
			return k
		}
	}
	return NumKnobs
}

// Catalogue lists the exploit policies: each is a knob setting (the default player with one habit
// pushed to the edge) that the judge expects to score well below sensible best play. The lessons
// measure them; `twohats sim --policy NAME` plays them.
var Catalogue = []string{"decline-all", "ignore-all", "defer-all", "escalate-all", "accept-all",
	"flat-roadmap", "never-review", "never-refine", "rest-spare", "lazy"}

// CatalogueKnobs is the knob setting of a catalogue policy.
func CatalogueKnobs(name string) (Knobs, bool) {
	// New asks here first for every policy name, the roadmap family's too: a name that is not in
	// the catalogue is answered before the default setting is built knob by knob.
	if !slices.Contains(Catalogue, name) {
		return Knobs{}, false
	}
	d := DefaultKnobs()
	none := func(answer string) Knobs {
		return d.With(KnobTake, "0").With(KnobVIP, "none").With(KnobElse, answer)
	}
	switch name {
	case "decline-all":
		return none("decline"), true
	case "ignore-all":
		return none("ignore"), true
	case "defer-all":
		return none("defer"), true
	case "escalate-all":
		return none("escalate"), true
	case "accept-all":
		return d.With(KnobTake, "100"), true
	case "flat-roadmap":
		return d.With(KnobRoadmap, "flat"), true
	case "never-review":
		return d.With(KnobReview, "no"), true
	case "never-refine":
		return d.With(KnobRefine, "0"), true
	case "rest-spare":
		// Research every other sprint, stay under the overtime line, rest with every spare hour.
		return d.With(KnobResearch, "1/2").With(KnobCap, "60").With(KnobRest, "spare"), true
	case "lazy":
		// A flat roadmap, no meetings, every request escalated, every spare hour rested.
		return none("escalate").With(KnobRoadmap, "flat").With(KnobResearch, "0").With(KnobInterview, "0").
			With(KnobExec, "0").With(KnobKPI, "0").With(KnobSync, "0").With(KnobRest, "spare"), true
	}
	return Knobs{}, false
}

// knobPolicy resolves a knob-policy name: a catalogue name or a "knobs:" setting. ok is false
// when the name is neither, so New goes on to its other policies.
func knobPolicy(name string) (Policy, bool, error) {
	if k, found := CatalogueKnobs(name); found {
		return NewKnobPolicy(name, k), true, nil
	}
	if strings.HasPrefix(name, KnobPrefix) {
		k, err := ParseKnobs(name)
		if err != nil {
			return nil, true, err
		}
		return NewKnobPolicy(name, k), true, nil
	}
	return nil, false, nil
}

// cadence is how often an action is taken: count times in every sprint whose number, less one,
// divides by every.
type cadence struct{ count, every int }

func parseCadence(v string) cadence {
	c, e, frac := strings.Cut(v, "/")
	n, _ := strconv.Atoi(c)
	every := 1
	if frac {
		every, _ = strconv.Atoi(e)
	}
	return cadence{n, max(every, 1)}
}

func (c cadence) on(sprint int) bool { return c.count > 0 && (sprint-1)%c.every == 0 }

// The roadmap, order, answer, rest and event modes, decoded.
const (
	roadmapEstimate = iota
	roadmapSharp
	roadmapKeep
	roadmapUrgency
	roadmapFlat
)

const (
	orderRoadmap = iota
	orderValue
	orderUrgency
	orderNone
)

const (
	restStressed = iota
	restSpare
	restNever
)

const (
	eventBest = iota
	eventFirst
	eventLast
	eventCheap
)

// knobbed plays a knob setting through the engine's public API, as a person with these habits
// would: it only reads the state and returns a legal action.
type knobbed struct {
	name  string
	knobs Knobs

	research, interview, exec, kpi cadence
	roadmap, order, rest, event    int
	sync, refine, take             int
	clarity, commit, restAt, cap   float64
	review, ignore, pull           bool
	other                          sim.Answer
	vip                            string

	sprint   int
	phase    sim.Phase
	n        [16]int  // actions of each kind this sprint
	done     [16]bool // actions of each kind this phase
	weights  []float64
	orderBuf []int
	planBuf  []int
	flat     []float64
}

// NewKnobPolicy makes the policy that plays a knob setting under the given name.
func NewKnobPolicy(name string, k Knobs) Policy {
	p := &knobbed{name: name, knobs: k,
		research: parseCadence(k.Value(KnobResearch)), interview: parseCadence(k.Value(KnobInterview)),
		exec: parseCadence(k.Value(KnobExec)), kpi: parseCadence(k.Value(KnobKPI)),
		roadmap: int(k[KnobRoadmap]), order: int(k[KnobOrder]), rest: int(k[KnobRest]), event: int(k[KnobEvent]),
		review: k.Value(KnobReview) == "yes", vip: k.Value(KnobVIP), pull: k.Value(KnobPull) == "yes", sprint: -1,
	}
	p.sync, _ = strconv.Atoi(k.Value(KnobSync))
	p.refine, _ = strconv.Atoi(k.Value(KnobRefine))
	p.take, _ = strconv.Atoi(k.Value(KnobTake))
	if k.Value(KnobTake) == "fits" {
		p.take = takeFits
	}
	p.clarity, _ = strconv.ParseFloat(k.Value(KnobClarity), 64)
	p.commit, _ = strconv.ParseFloat(k.Value(KnobCommit), 64)
	p.restAt, _ = strconv.ParseFloat(k.Value(KnobRestAt), 64)
	p.cap, _ = strconv.ParseFloat(k.Value(KnobCap), 64)
	p.commit /= 100
	p.cap /= 100
	switch k.Value(KnobElse) {
	case "defer":
		p.other = sim.AnswerDefer
	case "escalate":
		p.other = sim.AnswerEscalate
	case "ignore":
		p.ignore = true
	default:
		p.other = sim.AnswerDecline
	}
	if p.vip == "none" {
		p.vip = ""
	}
	return p
}

func (p *knobbed) Name() string { return p.name }

func (p *knobbed) Next(g *sim.Game) sim.Action {
	s := g.State()
	if s.Sprint != p.sprint {
		p.sprint, p.n = s.Sprint, [16]int{}
		p.phase, p.done = s.Phase, [16]bool{}
	}
	if s.Phase != p.phase {
		p.phase, p.done = s.Phase, [16]bool{}
	}
	a := p.decide(g, s)
	if g.Check(a) != nil {
		a = sim.Action{Kind: sim.ActAdvance}
		if s.Event >= 0 {
			a = sim.Action{Kind: sim.ActChoose}
		}
	}
	p.n[a.Kind]++
	p.done[a.Kind] = true
	return a
}

// reserve is the hours the sprint's remaining duties will take: answers, and for the PO hat the
// order, the plan, a couple of refinements and the review.
func (p *knobbed) reserve(g *sim.Game, s *sim.State) int {
	t := &g.Scenario().Tuning
	po := g.Role().Wears(sim.HatPO)
	h := 0
	switch s.Phase {
	case sim.PhaseStrategy, sim.PhasePlanning:
		h += 4
		if po && !s.Planned {
			h += t.HoursOrder + t.HoursPlan + min(p.refine, 2)*t.HoursRefine
		}
	case sim.PhaseExecution:
		h += 2
	}
	if po && p.review && s.Phase <= sim.PhaseReview && !s.Reviewed {
		h += t.HoursReview
	}
	return h
}

// optional reports whether an optional action fits: legal, leaving keep hours for the duties, and
// under the hours cap (rest is not work, so the cap does not count it).
func (p *knobbed) optional(g *sim.Game, s *sim.State, a sim.Action, keep int) bool {
	if g.Check(a) != nil {
		return false
	}
	c := g.Cost(a)
	if s.Player.Hours-c < keep {
		return false
	}
	if a.Kind == sim.ActRest {
		return true
	}
	per := g.Scenario().HoursPerSprint
	worked := per - s.Player.Hours - p.n[sim.ActRest]*g.Cost(sim.Action{Kind: sim.ActRest})
	return float64(worked+c) <= p.cap*float64(per)+1e-9
}

func (p *knobbed) decide(g *sim.Game, s *sim.State) sim.Action {
	role := g.Role()
	if s.Event >= 0 {
		return sim.Action{Kind: sim.ActChoose, Choice: p.choice(g, s)}
	}
	if s.Player.OnLeave {
		return sim.Action{Kind: sim.ActAdvance}
	}
	for _, r := range s.Inbox {
		if a, ok := p.answer(g, s, r); ok {
			return a
		}
	}
	keep := p.reserve(g, s)
	if p.rest != restNever && s.Phase >= sim.PhaseExecution && s.Phase != sim.PhaseRetro {
		rest := sim.Action{Kind: sim.ActRest}
		if (p.rest == restSpare || s.Player.Stress > p.restAt) && s.Player.Stress > 0 && p.optional(g, s, rest, keep) {
			return rest
		}
	}
	switch s.Phase {
	case sim.PhaseStrategy:
		if !role.Wears(sim.HatPM) {
			break
		}
		if a := (sim.Action{Kind: sim.ActResearch}); p.research.on(s.Sprint) && p.n[a.Kind] < p.research.count && p.optional(g, s, a, keep) {
			return a
		}
		if a := (sim.Action{Kind: sim.ActInterview, Theme: leastKnown(s)}); p.interview.on(s.Sprint) && p.n[a.Kind] < p.interview.count && p.optional(g, s, a, keep) {
			return a
		}
		// Setting the roadmap is the PM's duty, as ordering the backlog is the PO's: the hours cap
		// is for optional work. Under the cap a policy could "set the roadmap by urgency" and never
		// set it, so an arm that fixes the roadmap's mode would not test that mode.
		if p.roadmap != roadmapKeep {
			if a := (sim.Action{Kind: sim.ActRoadmap, Weights: p.roadmapWeights(s)}); !p.done[a.Kind] && differs(a.Weights, s.Roadmap) && g.Check(a) == nil {
				return a
			}
		}
		if a := (sim.Action{Kind: sim.ActExecutive}); p.exec.on(s.Sprint) && p.n[a.Kind] < p.exec.count && p.optional(g, s, a, keep) {
			return a
		}
		if a := (sim.Action{Kind: sim.ActKPI}); p.kpi.on(s.Sprint) && p.n[a.Kind] < p.kpi.count && p.optional(g, s, a, keep) {
			return a
		}
		if a := (sim.Action{Kind: sim.ActSync}); p.syncNow(s) && p.optional(g, s, a, keep) {
			return a
		}
	case sim.PhasePlanning:
		if !role.Wears(sim.HatPO) {
			break
		}
		if a := (sim.Action{Kind: sim.ActSync}); p.syncNow(s) && p.optional(g, s, a, keep) {
			return a
		}
		if p.order != orderNone && !p.done[sim.ActOrder] {
			if a := (sim.Action{Kind: sim.ActOrder, Stories: p.ordered(g, s)}); !slices.Equal(a.Stories, s.Backlog) && g.Check(a) == nil {
				return a
			}
		}
		plan := p.plan(g, s)
		if p.n[sim.ActRefine] < p.refine {
			cost := g.Cost(sim.Action{Kind: sim.ActPlan})
			for _, ix := range plan {
				a := sim.Action{Kind: sim.ActRefine, Story: ix}
				if s.Stories[ix].Clarity < p.clarity && p.optional(g, s, a, keep+cost) {
					return a
				}
			}
		}
		if a := (sim.Action{Kind: sim.ActPlan, Stories: plan}); len(plan) > 0 && g.Check(a) == nil {
			return a
		}
	case sim.PhaseExecution:
		if a, ok := pullWorth(g, s, sim.HatNone); p.pull && ok && p.optional(g, s, a, keep) {
			return a
		}
	case sim.PhaseReview:
		if a := (sim.Action{Kind: sim.ActReview}); p.review && role.Wears(sim.HatPO) && g.Check(a) == nil {
			return a
		}
	case sim.PhaseRetro:
		rest := sim.Action{Kind: sim.ActRest}
		want := (p.rest == restSpare && s.Player.Stress > 0) || (p.rest == restStressed && s.Player.Stress > p.restAt/2)
		if want && g.Check(rest) == nil {
			return rest
		}
	}
	return sim.Action{Kind: sim.ActAdvance}
}

// syncNow: two people sync in the sprints of the cadence, once the roadmap has changed.
func (p *knobbed) syncNow(s *sim.State) bool {
	return p.sync > 0 && (s.Sprint-1)%p.sync == 0 && !s.Synced && !p.done[sim.ActSync]
}

// leastKnown is the theme whose estimate is least sure: where an interview teaches most.
func leastKnown(s *sim.State) int {
	best := 0
	for i, x := range s.Market.Spread {
		if x > s.Market.Spread[best] {
			best = i
		}
	}
	return best
}

// roadmapWeights is the roadmap the knob asks for.
func (p *knobbed) roadmapWeights(s *sim.State) []float64 {
	w := p.weights[:0]
	switch p.roadmap {
	case roadmapSharp:
		for _, x := range s.Market.Estimate {
			w = append(w, x*x)
		}
	case roadmapUrgency:
		w = loudestThemes(s, w)
	case roadmapFlat:
		for range s.Roadmap {
			w = append(w, 1)
		}
	default:
		w = append(w, s.Market.Estimate...)
	}
	p.weights = w
	return w
}

// view is the roadmap as the player's hat knows it.
func view(g *sim.Game, s *sim.State) []float64 {
	if g.Role().Wears(sim.HatPM) {
		return s.Roadmap
	}
	return s.POView
}

// ordered is the backlog in the order the knob asks for.
func (p *knobbed) ordered(g *sim.Game, s *sim.State) []int {
	switch p.order {
	case orderUrgency:
		p.orderBuf = g.OrderByUrgency(p.orderBuf[:0])
	case orderValue:
		if len(p.flat) != len(s.Roadmap) {
			p.flat = make([]float64, len(s.Roadmap))
			for i := range p.flat {
				p.flat[i] = 1 / float64(len(p.flat))
			}
		}
		p.orderBuf = g.OrderByRoadmap(p.orderBuf[:0], p.flat)
	default:
		p.orderBuf = g.OrderByRoadmap(p.orderBuf[:0], view(g, s))
	}
	return p.orderBuf
}

// plan is the stories the plan would commit: from the top of the backlog, each that still fits
// under the commit share of the forecast and the team's capacity.
func (p *knobbed) plan(g *sim.Game, s *sim.State) []int {
	limit := min(p.commit*g.Forecast(), float64(s.Team.Capacity))
	pts := 0.0
	p.planBuf = p.planBuf[:0]
	for _, ix := range s.Backlog {
		e := float64(s.Stories[ix].Effort)
		if pts+e > limit {
			continue
		}
		pts += e
		p.planBuf = append(p.planBuf, ix)
	}
	return p.planBuf
}

// answer settles one request by the knobs, or reports false to leave it unanswered (ignored).
func (p *knobbed) answer(g *sim.Game, s *sim.State, r int) (sim.Action, bool) {
	a := sim.Action{Kind: sim.ActAnswer, Request: r, Answer: sim.AnswerAccept}
	if !p.takes(g, s, r) {
		if p.ignore {
			return a, false
		}
		a.Answer = p.other
	}
	if g.Check(a) != nil && a.Answer == sim.AnswerAccept {
		a.Answer = p.other // no hours left to take it on: say what is said to the rest
	}
	if p.ignore && a.Answer != sim.AnswerAccept {
		return a, false
	}
	return a, g.Check(a) == nil
}

// takes reports whether the knobs take a request: always from the VIP kind, otherwise when its
// story would rank in the top take percent of the backlog by the roadmap the hat knows.
func (p *knobbed) takes(g *sim.Game, s *sim.State, r int) bool {
	rq := s.Requests[r]
	if p.vip != "" && g.Scenario().Stakeholders[rq.Stakeholder].Kind == p.vip {
		return true
	}
	switch p.take {
	case 0:
		return false
	case 100:
		return true
	}
	if len(s.Backlog) == 0 {
		return true
	}
	v := view(g, s)
	key := g.RoadmapKey(rq.Story, v)
	above, ahead := 0, 0
	for _, ix := range s.Backlog {
		if g.RoadmapKey(ix, v) > key {
			above++
			ahead += s.Stories[ix].Effort
		}
	}
	if p.take == takeFits {
		// The work ranked ahead of it, and it, fit in the sprints the promise allows.
		sprints := max(g.Scenario().Tuning.PromiseSprints, 1)
		return float64(ahead+s.Stories[rq.Story].Effort) <= float64(sprints)*g.Forecast()
	}
	return float64(above) < float64(p.take)/100*float64(len(s.Backlog))
}

// takeFits is the take knob's "fits": a request is taken when the team would build it within the
// promise anyway.
const takeFits = -1

// choice answers the event on the table by the event knob.
func (p *knobbed) choice(g *sim.Game, s *sim.State) int {
	ev := &g.Scenario().Events[s.Events[s.Event].Def]
	switch p.event {
	case eventFirst:
		return 0
	case eventLast:
		return len(ev.Choices) - 1
	case eventCheap:
		best := 0
		for i, ch := range ev.Choices {
			if ch.Hours < ev.Choices[best].Hours {
				best = i
			}
		}
		return best
	}
	return bestChoice(ev)
}

// differs reports whether weights, normalised, stand more than 0.04 (summed over the themes)
// from the roadmap: a smaller change is not worth the hours.
func differs(w, roadmap []float64) bool {
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	d := 0.0
	for i, x := range w {
		e := x/sum - roadmap[i]
		if e < 0 {
			e = -e
		}
		d += e
	}
	return d > 0.04
}
