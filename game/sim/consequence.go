package sim

// ConsequenceKind says what happened. Most consequences are the player's own actions; the rest are
// what the world did in reply (a request arrived, a promise broke, a story shipped).
type ConsequenceKind uint8

// The consequence kinds.
const (
	ConAction        ConsequenceKind = iota // the player did Action
	ConRequest                              // a request reached the inbox
	ConIgnored                              // a request got no answer before the sprint ended
	ConPromiseBroken                        // an accepted request did not ship in time, or shipped with a defect (Action.Kind ActReview)
	ConShipped                              // a story shipped
	ConDefectShipped                        // a story shipped with a defect nobody reviewed
	ConRejected                             // the review sent a story back
	ConEvent                                // an event came up
	ConBurnedOut                            // burnout forced the player on leave
	ConColleague                            // the colleague wearing the other hat did something
	ConUnplanned                            // nobody planned: the team picked work itself
	ConOvercommitted                        // the team was pushed past its capacity
	ConExecutives                           // the executives lost patience over a request (an escalation, a stakeholder going over the player's head)
	ConOvertime                             // the sprint's hours past the overtime line
	ConInterrupted                          // a request for the other hat broke the player's focus
	ConTeam                                 // the sprint's effect on the team: rework, crunch, slack, a sane sprint
	ConSyncDeclined                         // a pair game's seat said no to the other seat's sync proposal
	ConUnreviewed                           // nobody held the sprint review: the team's work shipped unseen
)

// Consequence is one line of the game's story: what happened and what it moved. The debrief
// ranks them by Impact, the score points the change moved directly.
//
// A game logs a hundred or more of them, all allocated when it starts, so the small fields sit
// together (Kind, Hat and Promise share a word) to keep the record, and the log, small. At 224
// bytes, the 144 records a six-sprint game starts with fit the runtime's largest small size
// class (32 KiB); a byte more makes the log a large object, dearer to allocate and to collect.
type Consequence struct {
	Sprint, Day int
	Kind        ConsequenceKind
	Hat         Hat           // in a pair game, the seat it concerns (its action's, its overtime's, its leave's)
	Promise     PromiseStatus // for a shipped story, PromiseKept when it kept a promise; for a broken promise, PromiseBroken
	Action      Decision      // the action, for ConAction; Action.Kind also tells a colleague's move
	Subject     int           // a story, request, event or theme index, by kind; -1 if none
	Stakeholder int           // the stakeholder concerned, or -1
	Trust       float64       // change of the stakeholder's trust (the mean change when several moved)
	Stress      float64
	Value       float64 // value shipped; for a plan, everything it went on to ship
	Insight     float64 // how much closer the estimate came to the market
	Fit         float64 // how much closer the roadmap came to the market
	Handoff     float64 // for a sync, how far the PO's view of the roadmap had drifted from it
	Drift       float64 // for a colleague PO's plan, how far it leaned toward urgency (0..1)
	Standing    float64 // for a shipped story, where its theme stood on the roadmap (0..1)
	AlignWork   float64 // for a plan, Σ effort × (standing − ½) of what it shipped
	Morale      float64
	Debt        float64
	Burnout     float64 // burnout added, for overtime
	Redirected  float64 // for research, an interview or a KPI review: value the roadmap correction it made possible moved to the right themes
	Churned     float64 // for a shipped story, the share of its value customers who had lost trust did not take up (churn); known to the player, as trust is
	Hours       int
	Blur        float64 // how much burnout blurred the decision (burnout_noise × burnout)
	Impact      float64

	// What the player may see in place of the figures above that come from the hidden market
	// (Value, Fit, Insight): View's log shows these; the debrief and Impact use the true ones.
	// seenGain is the Fit of a roadmap update, or the Insight of research, an interview or a KPI
	// review: no record has both, so one field holds either (seenFitOrInsight reads it).
	seenValue, seenGain float64
	seenValuePO         float64 // a pair game's Product Owner seat's reckoning of Value
}

// Decision is what a consequence keeps of an action: its kind and what it acted on, without the
// action's lists. Keeping the log free of pointers keeps it cheap to allocate and to collect.
// Its numbers are 32-bit, half the room of an int: they index the scenario's themes, stories,
// requests and an event's options, or count the stories of a plan, a few dozen at most.
type Decision struct {
	Kind    ActionKind
	Answer  Answer
	Theme   int32
	Story   int32
	Request int32
	Choice  int32
	Count   int32 // how many stories a plan or an order named
}

func (a Action) decision() Decision {
	return Decision{Kind: a.Kind, Answer: a.Answer, Theme: int32(a.Theme), Story: int32(a.Story),
		Request: int32(a.Request), Choice: int32(a.Choice), Count: int32(len(a.Stories))}
}

// seenFitOrInsight is what the player's hat could tell of the record's Fit and Insight: its
// seenGain is the fit for a roadmap update (the only record with a Fit of its own making) and the
// insight for any other.
func (c *Consequence) seenFitOrInsight() (fit, insight float64) {
	if c.Action.Kind == ActRoadmap {
		return c.seenGain, 0
	}
	return 0, c.seenGain
}
