// Package scenario holds what a Two Hats scenario is made of (themes, roadmap, backlog, team,
// stakeholders, requests, events and the outcome model's tuning) and loads it strictly from TOML.
//
// The package is pure: it parses bytes handed to it and never opens files, so the same loader runs
// in the desktop game, the browser and the headless tools. The written format reference is
// docs/scenario-format.md.
package scenario

// Role names a scenario can suit; they match the engine's roles.
const (
	RolePM   = "pm"
	RolePO   = "po"
	RoleBoth = "both"
)

// Stakeholder kinds. The kind decides which hat a stakeholder's requests reach: executives,
// customers, marketing and sales talk to the Product Manager; the team and the Scrum Master talk
// to the Product Owner.
const (
	KindExecutive   = "executive"
	KindCustomer    = "customer"
	KindMarketing   = "marketing"
	KindSales       = "sales"
	KindTeam        = "team"
	KindScrumMaster = "scrum_master"
)

// Scenario is one playable situation. Slices keep the order of the file, which is what makes a
// game replay the same way everywhere.
type Scenario struct {
	ID             string   // short id used on the command line, e.g. "startup"
	Title          string   // shown on the scenario choice screen
	Summary        string   // two or three sentences for the player
	Lesson         string   // what the scenario teaches, for facilitators
	Roles          []string // roles the scenario suits: pm, po, both
	Sprints        int      // number of sprints in a game
	HoursPerSprint int      // the player's hours budget per sprint
	DaysPerSprint  int      // working days in the execution phase

	Market       Market
	Themes       []Theme
	Stories      []Story
	Team         Team
	Stakeholders []Stakeholder
	Requests     []Request
	Events       []Event
	Tuning       Tuning
}

// Market describes how the hidden customer need moves.
type Market struct {
	Volatility float64 // scale of the random drift of every theme's need per sprint
	Noise      float64 // how far the player's first estimate may sit from the truth
}

// Theme is a strand of the roadmap (checkout, onboarding, reporting...). Need is the hidden truth
// the market holds; Estimate is what the Product Manager believes at the start; Roadmap is the
// weight the initial roadmap gives it. All three are relative weights, normalised by the engine.
type Theme struct {
	ID       string
	Name     string
	Letter   string // one letter shown on cards next to the colour, so colour never carries meaning alone
	Need     float64
	Estimate float64
	Roadmap  float64
}

// Story is a backlog item. Stories with InBacklog false wait off-board until a request or an
// event brings them in.
type Story struct {
	ID          string
	Title       string
	Theme       string
	Value       float64  // business value when delivered to a market that needs its theme
	Effort      int      // estimated story points
	Uncertainty float64  // relative spread of the true effort around the estimate
	Clarity     float64  // 0..1: how well acceptance criteria pin it down
	Urgency     float64  // 0..1: how loudly someone wants it now
	Requester   string   // stakeholder id, or empty
	ReducesDebt float64  // technical debt it pays down when it ships clean
	Criteria    []string // acceptance criteria already written
	InBacklog   bool
}

// Team is the development team the Product Owner works with.
type Team struct {
	Capacity int     // story points per sprint at full morale and no debt
	Morale   float64 // 0..1
	Debt     float64 // 0..1 technical debt
}

// Stakeholder is a person or group whose trust the player keeps or loses.
type Stakeholder struct {
	ID           string
	Name         string
	Kind         string  // one of the Kind constants
	Satisfaction float64 // 0..1
	Trust        float64 // 0..1
	Influence    float64 // weight of this stakeholder in the trust outcome
	// DeclineCost is the trust lost when one of their requests is declined; nil means the
	// tuning's trust_decline. A compliance officer can take a no harder than a sales lead.
	DeclineCost *float64
}

// Request is a stakeholder asking for a story during a sprint's execution. It arrives once: on a
// given sprint and day when Sprint is set, otherwise with Chance per sprint from sprint 1 on.
type Request struct {
	ID          string
	Stakeholder string
	Story       string // id of a story with in_backlog = false
	Text        string // the ask, in the stakeholder's words
	Sprint      int    // 0: random arrival
	Day         int    // 0: a random day
	Chance      float64
	// DeclineCost overrides the stakeholder's decline cost for this request; nil: theirs.
	DeclineCost *float64
	// NonNegotiable (negotiable = false in the file): declining costs at least what breaking a
	// promise does, because this ask was never really a question.
	NonNegotiable bool
}

// Event is something that happens during execution, at most once, and asks the player to choose.
// Its timing is a scheduled sprint or a chance per sprint; When is a gate on the state. With a
// timing and a gate the event fires only when both hold (in its sprint, on its day or a later day
// of that sprint on which the gate holds); with only a gate it fires on the first day it holds.
type Event struct {
	ID      string
	Title   string
	Text    string
	Sprint  int     // scheduled sprint, or 0
	Day     int     // day of the execution phase, 0 = random
	Chance  float64 // chance per sprint when not scheduled
	When    *Condition
	Choices []Choice
}

// Condition gates an event on a meter: "team.morale < 0.4". Meters are team.morale, team.debt,
// player.stress, player.burnout, stakeholder.<id>.trust and .satisfaction, and
// theme.<id>.delivered: the share (0..1) of the theme's story value shipped so far.
type Condition struct {
	Meter string
	Op    string // <, <=, >, >=
	Value float64
}

// Choice is one answer to an event; its effects are data.
type Choice struct {
	Label string
	Hours int
	// TimeOff says the hours are time away from work (an afternoon off, a weekend unplugged):
	// they leave the sprint like any hours, but nobody works them, so they add no stress of their
	// own and no overtime. The relief is the choice's effects.
	TimeOff bool
	Effects []Effect
}

// Effect moves one thing. Exactly one of the target fields is used:
//   - Meter with Delta: "team.morale", "team.debt", "team.capacity", "player.stress",
//     "player.burnout", "stakeholder.<id>.trust", "stakeholder.<id>.satisfaction";
//   - Market with Delta: shifts the hidden need of a theme (a pivot when large);
//   - AddStory: puts a held-back story into the backlog.
type Effect struct {
	Meter    string
	Market   string
	Delta    float64
	AddStory string
	// Sprints > 0: the effect lasts that many sprints, the current one included, and then what it
	// moved moves back. 0: permanent. Only for team.morale, team.debt and team.capacity.
	Sprints int
}
