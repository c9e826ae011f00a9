package sim

import "twohats/game/scenario"

// Phase is the part of a sprint the game is in.
type Phase uint8

// The phases of a sprint, in order. PhaseOver follows the last sprint's retrospective.
const (
	PhaseStrategy  Phase = iota // PM work: market, roadmap, executives
	PhasePlanning               // PO work: refine, order, commit
	PhaseExecution              // working days: the team builds, requests and events arrive
	PhaseReview                 // the increment is accepted or rejected against acceptance criteria
	PhaseRetro                  // the team looks back; the player may rest
	PhaseOver                   // the game has ended
)

var phaseNames = [...]string{"strategy", "planning", "execution", "review", "retrospective", "over"}

// String names the phase.
func (p Phase) String() string {
	if int(p) < len(phaseNames) {
		return phaseNames[p]
	}
	return "phase?"
}

// StoryStatus is where a story is.
type StoryStatus uint8

// The story statuses.
const (
	StoryHeld      StoryStatus = iota // waiting off the board for a request or event
	StoryBacklog                      // in the product backlog
	StoryCommitted                    // in the current sprint
	StoryDone                         // built this sprint, waiting for review
	StoryAccepted                     // shipped
	StoryDropped                      // a declined request's story; never built
)

var storyStatusNames = [...]string{"held", "backlog", "committed", "done", "accepted", "dropped"}

// String names the status.
func (s StoryStatus) String() string {
	if int(s) < len(storyStatusNames) {
		return storyStatusNames[s]
	}
	return "status?"
}

// Market is the customer need over the roadmap's themes and what the Product Manager believes of it.
// Each slice has one entry per theme and sums to 1.
type Market struct {
	Need     []float64 // the true need: hidden from the player, drifting, moved by pivots
	Estimate []float64 // the Product Manager's estimate of Need
	Spread   []float64 // how unsure each estimate is, shown as ± on the market view
}

// StoryState is one story in play. Effort is the estimate the team gave; the true effort is hidden
// until the work is done.
type StoryState struct {
	Def        int // index into the scenario's stories
	Theme      int
	Value      float64
	Effort     int
	Clarity    float64
	Urgency    float64
	Requester  int // the stakeholder who asked for it (a request's stakeholder), or -1
	Status     StoryStatus
	Progress   float64 // points built so far
	Defect     bool    // built with a defect the review may catch
	DueSprint  int     // a promise made to the requester: ship by the end of this sprint, 0 if none
	Refined    int     // how many times acceptance criteria were written for it
	Shipped    int     // sprint it shipped in
	Realised   float64 // value it brought when it shipped
	trueEffort float64
	plannedBy  int // the log index of the plan that committed it this time, or -1
	promise    int // index into State.Promises of its open promise, or -1
}

// work is the story's true size including the rework its missing clarity causes.
func (s *StoryState) work(t *scenario.Tuning) float64 {
	return s.trueEffort * (1 + t.ReworkPerFog*(1-s.Clarity))
}

// RequestStatus is where a stakeholder request is.
type RequestStatus uint8

// The request statuses.
const (
	RequestWaiting   RequestStatus = iota // not arrived yet
	RequestPending                        // in the inbox
	RequestAccepted                       // its story is in the backlog, promised
	RequestDeferred                       // comes back next sprint
	RequestDeclined                       // said no
	RequestEscalated                      // decided by someone else
	RequestIgnored                        // the sprint ended without an answer
)

var requestStatusNames = [...]string{"waiting", "pending", "accepted", "deferred", "declined", "escalated", "ignored"}

// String names the status.
func (s RequestStatus) String() string {
	if int(s) < len(requestStatusNames) {
		return requestStatusNames[s]
	}
	return "status?"
}

// RequestState is a stakeholder request in play.
type RequestState struct {
	Def         int // index into the scenario's requests
	Stakeholder int
	Story       int // index into State.Stories
	Hat         Hat // whose inbox it reaches
	Status      RequestStatus
	Sprint, Day int // when it arrives (or arrived)
	Deferrals   int // how many times it was answered "not now"
}

// StakeholderState is a stakeholder's mood.
type StakeholderState struct {
	Satisfaction float64
	Trust        float64
	Hat          Hat // the hat this stakeholder talks to
}

// TeamState is the development team.
type TeamState struct {
	Capacity int     // nominal story points per sprint
	Morale   float64 // 0..1
	Debt     float64 // 0..1
}

// Velocity is what the team will really get through in a sprint: morale and debt bend it.
func (t TeamState) Velocity() float64 {
	return float64(t.Capacity) * (0.6 + 0.4*t.Morale) * (1 - 0.5*t.Debt)
}

// PlayerState is the person under the hats.
type PlayerState struct {
	Hours       int     // hours left this sprint
	Stress      float64 // 0..1, the day-to-day strain
	Burnout     float64 // 0..1, what stress left unrelieved becomes
	BurnoutPeak float64
	BurnedOut   bool // burnout reached 1 at least once: forced leave
	OnLeave     bool // this sprint is forced leave
	LastHat     Hat  // the hat of the last action, to count switches
	Switches    int  // hat switches this game
}

// SprintRecord is one sprint's line in the end-of-game charts.
type SprintRecord struct {
	Value     float64 // value shipped this sprint
	Points    float64 // points shipped
	Alignment float64 // how well what shipped matched the roadmap (0 if nothing shipped)
	Fit       float64 // roadmap vs the true market at the sprint's end
	Trust     float64
	Health    float64
	Stress    float64 // at the sprint's end, before the weekend
	Burnout   float64
	Hours     int // hours the player worked
	Overtime  int // hours worked past the overtime line
	Kept      int // promises kept this sprint (their story shipped in time)
	Broken    int // promises that fell due this sprint unshipped
}

// PromiseStatus is where a promise to a stakeholder stands.
type PromiseStatus uint8

// The promise statuses.
const (
	PromiseOpen   PromiseStatus = iota // the story has not shipped and is not yet due
	PromiseKept                        // the story shipped by the due sprint
	PromiseBroken                      // the due sprint ended without it, or it shipped with a defect
)

var promiseStatusNames = [...]string{"open", "kept", "broken"}

// String names the status.
func (p PromiseStatus) String() string {
	if int(p) < len(promiseStatusNames) {
		return promiseStatusNames[p]
	}
	return "status?"
}

// Promise is a story promised to the stakeholder who asked for it: an accepted request, or one
// the executives took on escalation. The review board reads these to show kept and broken.
type Promise struct {
	Story       int // index into State.Stories
	Stakeholder int
	Made, Due   int // the sprint it was made in; the sprint by whose end the story must ship
	Status      PromiseStatus
	Settled     int // the sprint it was kept or broken in, 0 while open
}

// EventState is an event in play.
type EventState struct {
	Def   int
	Fired bool
	Day   int // day it is due this sprint, 0 if not due
}

// State is everything the engine knows. Read it; change it only through Game.Apply.
type State struct {
	Sprint  int // 1-based
	Sprints int
	Phase   Phase
	Day     int // 1..Days during execution, 0 otherwise
	Days    int

	// Player is the person under the hats; in a pair game, the Product Manager's seat, and
	// Partner the Product Owner's (unused in solo games). Game.Seat finds either by hat.
	Player       PlayerState
	Partner      PlayerState
	Market       Market
	Roadmap      []float64 // the roadmap's weight per theme, summing to 1
	POView       []float64 // the roadmap as the Product Owner last heard it
	Stories      []StoryState
	Backlog      []int // story indexes in backlog order
	Committed    []int // story indexes committed this sprint, in working order
	Team         TeamState
	Stakeholders []StakeholderState
	Requests     []RequestState
	Inbox        []int // request indexes waiting for the player's answer, oldest first
	Events       []EventState
	Event        int // the event on the table, or -1

	Planned   bool // the sprint has a plan
	Reviewed  bool // the review has been held
	Synced    bool // the hats synced this sprint
	SinceSync int  // sprints since the last sync
	Syncs     int  // syncs held this game
	// SyncProposal is the seat whose sync proposal waits for the other's answer in a pair game,
	// HatNone when none does. The phase waits for the answer; a proposal the other seat cannot
	// pay for lapses when the phase ends.
	SyncProposal Hat
	Value        float64
	History      []SprintRecord
	Promises     []Promise // every promise made, in the order made
	Log          []Consequence
}
