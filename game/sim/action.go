package sim

import "fmt"

// ActionKind is what the player does. Every kind costs hours (set in the scenario's tuning) except
// answering an event, which costs what the chosen option says, and advancing time, which is free.
type ActionKind uint8

// The action kinds. Their order is the order of the action bar. A new kind goes last, before
// numActionKinds, so the kinds saved games and results files name keep their meaning.
const (
	ActAdvance   ActionKind = iota // end the phase, or the day during execution
	ActResearch                    // PM: market research, sharpens the estimate of every theme
	ActInterview                   // PM: a customer interview about one theme
	ActRoadmap                     // PM: set the roadmap's weights over the themes
	ActExecutive                   // PM: an alignment meeting with the executives
	ActKPI                         // PM: read the KPIs of what shipped, which sharpens those themes
	ActSync                        // either hat: PM–PO sync, hands the roadmap to the Product Owner
	ActRefine                      // PO: write acceptance criteria for one story
	ActOrder                       // PO: put the backlog in a new order
	ActPlan                        // PO: commit stories to the sprint within capacity
	ActAnswer                      // answer a stakeholder request in the inbox
	ActReview                      // PO: sprint review, accept or reject each increment
	ActRest                        // take time off: less stress
	ActChoose                      // pick an option of the event on the table
	ActPull                        // PO: pull the next story into a sprint whose work is (nearly) built
	numActionKinds
)

var actionNames = [numActionKinds]string{
	"advance", "research", "interview", "roadmap", "executive", "kpi", "sync",
	"refine", "order", "plan", "answer", "review", "rest", "choose", "pull",
}

var actionTitles = [numActionKinds]string{
	"Next", "Market research", "Customer interview", "Update roadmap", "Executive alignment",
	"KPI review", "PM–PO sync", "Refine story", "Order backlog", "Plan sprint",
	"Answer request", "Sprint review", "Rest", "Choose", "Pull in next story",
}

var actionHats = [numActionKinds]Hat{
	HatNone, HatPM, HatPM, HatPM, HatPM, HatPM, HatNone,
	HatPO, HatPO, HatPO, HatNone, HatPO, HatNone, HatNone, HatPO,
}

// String is the kind's name in replay files and on the command line.
func (k ActionKind) String() string {
	if k < numActionKinds {
		return actionNames[k]
	}
	return fmt.Sprintf("action(%d)", uint8(k))
}

// Title is the kind's name on buttons.
func (k ActionKind) Title() string {
	if k < numActionKinds {
		return actionTitles[k]
	}
	return k.String()
}

// Hat is the hat whose work this is; HatNone for work either hat does.
func (k ActionKind) Hat() Hat {
	if k < numActionKinds {
		return actionHats[k]
	}
	return HatNone
}

// MarshalText writes the kind's name.
func (k ActionKind) MarshalText() ([]byte, error) {
	if k >= numActionKinds {
		return nil, fmt.Errorf("invalid action kind %d", uint8(k))
	}
	return []byte(actionNames[k]), nil
}

// UnmarshalText reads a kind's name.
func (k *ActionKind) UnmarshalText(b []byte) error {
	for i, n := range actionNames {
		if n == string(b) {
			*k = ActionKind(i)
			return nil
		}
	}
	return fmt.Errorf("unknown action %q", b)
}

// Answer is the player's reply to a stakeholder request.
type Answer uint8

// The answers.
const (
	AnswerAccept   Answer = iota // take the story into the backlog and promise it soon
	AnswerDefer                  // ask again next sprint
	AnswerDecline                // say no, and say why
	AnswerEscalate               // pass it up: the executives decide, by how urgent it is
	numAnswers
)

var answerNames = [numAnswers]string{"accept", "defer", "decline", "escalate"}

// Answers lists every answer in display order.
var Answers = [...]Answer{AnswerAccept, AnswerDefer, AnswerDecline, AnswerEscalate}

// String names the answer.
func (a Answer) String() string {
	if a < numAnswers {
		return answerNames[a]
	}
	return fmt.Sprintf("answer(%d)", uint8(a))
}

// MarshalText writes the answer's name.
func (a Answer) MarshalText() ([]byte, error) {
	if a >= numAnswers {
		return nil, fmt.Errorf("invalid answer %d", uint8(a))
	}
	return []byte(answerNames[a]), nil
}

// UnmarshalText reads an answer's name.
func (a *Answer) UnmarshalText(b []byte) error {
	for i, n := range answerNames {
		if n == string(b) {
			*a = Answer(i)
			return nil
		}
	}
	return fmt.Errorf("unknown answer %q", b)
}

// Action is one decision. Only the fields its kind uses are read: Theme for an interview, Weights
// for a roadmap update (one per theme), Story for a refinement or a pull, Stories for a backlog order (every
// backlog story, once) or a sprint plan (the stories to commit, in working order), Request and
// Answer for an answer, Choice for an event. Stories and themes are indexes into State.Stories and
// the scenario's themes, which never reorder, so an action means the same thing in a replay.
//
// Hat is the seat that acts, in a pair game only (HatNone in solo games, so their files keep
// their meaning). Accept marks a pair game's sync as the acceptance of the other seat's
// proposal: a sync from a seat without it proposes, or accepts when the other seat's proposal is
// open; with it, the sync is refused when there is no proposal to accept.
type Action struct {
	Kind    ActionKind `json:"kind"`
	Hat     Hat        `json:"hat,omitempty"`
	Accept  bool       `json:"accept,omitempty"`
	Theme   int        `json:"theme,omitempty"`
	Story   int        `json:"story,omitempty"`
	Stories []int      `json:"stories,omitempty"`
	Weights []float64  `json:"weights,omitempty"`
	Request int        `json:"request,omitempty"`
	Answer  Answer     `json:"answer,omitempty"`
	Choice  int        `json:"choice,omitempty"`
}

// keep copies an action's lists for the replay, so that a recorded action does not change when
// the caller reuses its slices. The copies are cut from the game's own stores (one allocation
// for many actions' lists, not one per list); an empty list is kept as none.
func (g *Game) keep(a Action) Action {
	a.Stories = keepList(&g.storyStore, a.Stories, 4*len(g.s.Stories))
	a.Weights = keepList(&g.weightStore, a.Weights, 4*len(g.s.Roadmap))
	return a
}

// keepList copies xs into the free room of *store, taking a fresh chunk of at least chunk items
// when the room is short; earlier copies keep the chunk they were cut from. Each copy is capped
// at its length, so that an append to it cannot run into the next.
func keepList[T any](store *[]T, xs []T, chunk int) []T {
	if len(xs) == 0 {
		return nil
	}
	if cap(*store)-len(*store) < len(xs) {
		*store = make([]T, 0, max(chunk, len(xs)))
	}
	start := len(*store)
	*store = append(*store, xs...)
	return (*store)[start:len(*store):len(*store)]
}
