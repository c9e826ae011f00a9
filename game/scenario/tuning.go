package scenario

// Tuning holds the outcome model's knobs. DefaultTuning is the one place their values live; a
// scenario's [tuning] table overrides some of them by the toml names below. Every knob is general
// (it never names a role, a policy or a scenario): the lessons the game teaches have to come out of
// hours, hand-offs, market insight and stress. docs/outcome-model.md explains each knob.
type Tuning struct {
	// Hours each action costs the player.
	HoursResearch  int `toml:"hours_research"`
	HoursInterview int `toml:"hours_interview"`
	HoursRoadmap   int `toml:"hours_roadmap"`
	HoursExecutive int `toml:"hours_executive"`
	HoursKPI       int `toml:"hours_kpi"`
	HoursSync      int `toml:"hours_sync"`
	HoursRefine    int `toml:"hours_refine"`
	HoursOrder     int `toml:"hours_order"`
	HoursPlan      int `toml:"hours_plan"`
	HoursAnswer    int `toml:"hours_answer"`
	HoursAccept    int `toml:"hours_accept"` // accepting also means writing the story up
	HoursReview    int `toml:"hours_review"`
	HoursRest      int `toml:"hours_rest"`
	HoursEscalate  int `toml:"hours_escalate"` // writing the case up for the executives
	HoursSwitch    int `toml:"hours_switch"`   // an interruption: a request for the hat the player is not working in
	HoursPull      int `toml:"hours_pull"`     // pulling the next story into a sprint the team has (nearly) built

	StressPerHour   float64 `toml:"stress_per_hour"`  // stress each hour worked adds
	StressSwitch    float64 `toml:"stress_switch"`    // stress a change of hat between two actions adds
	OvertimeFrom    float64 `toml:"overtime_from"`    // share of the sprint's hours past which work is overtime
	StressOvertime  float64 `toml:"stress_overtime"`  // stress each hour of overtime adds on top
	StressPending   float64 `toml:"stress_pending"`   // stress each unanswered request adds per day
	StressRest      float64 `toml:"stress_rest"`      // stress one rest removes
	StressRecovery  float64 `toml:"stress_recovery"`  // share of stress shed over the weekend between sprints
	BurnoutFrom     float64 `toml:"burnout_from"`     // stress above which burnout builds
	BurnoutRate     float64 `toml:"burnout_rate"`     // burnout per unit of stress above burnout_from, per day
	BurnoutOvertime float64 `toml:"burnout_overtime"` // burnout each hour of overtime adds: chronic overwork wears even with breaks
	BurnoutHeal     float64 `toml:"burnout_heal"`     // burnout shed per sprint while stress stays below burnout_from
	BurnoutSwitch   float64 `toml:"burnout_switch"`   // burnout an interruption adds for each one past switch_free before it this sprint: a fragmented sprint wears even with breaks
	SwitchFree      int     `toml:"switch_free"`      // interruptions a sprint takes in its stride before they wear on burnout
	BurnoutNoise    float64 `toml:"burnout_noise"`    // how much burnout blurs the player's decisions

	ResearchGain     float64 `toml:"research_gain"`  // share of the estimate error market research removes
	InterviewGain    float64 `toml:"interview_gain"` // share of one theme's estimate error an interview removes
	KPIGain          float64 `toml:"kpi_gain"`       // share of the estimate error a KPI review removes for delivered themes
	UrgencyDrift     float64 `toml:"urgency_drift"`  // how far an unsynced Product Owner drifts toward urgency per sprint
	InsightBlur      float64 `toml:"insight_blur"`   // noise on roadmap news that reaches the Product Owner without a sync
	SyncBlur         float64 `toml:"sync_blur"`      // noise on the roadmap a sync hands over: words, not the head it came from
	RefineClarity    float64 `toml:"refine_clarity"` // clarity one refinement adds to a story
	RefineInsight    float64 `toml:"refine_insight"` // extra share of refine_clarity when the one refining also wears the PM hat
	ReworkPerFog     float64 `toml:"rework_per_fog"` // extra effort per unit of missing clarity
	DefectPerFog     float64 `toml:"defect_per_fog"` // chance of a defect per unit of missing clarity
	MoraleOverrun    float64 `toml:"morale_overrun"` // morale lost when the team is pushed past its capacity
	DebtPerDefect    float64 `toml:"debt_per_defect"`
	MoraleRework     float64 `toml:"morale_rework"`     // morale lost per sprint of rework (in velocities) the fog caused
	MoraleSane       float64 `toml:"morale_sane"`       // morale a sane sprint (planned within the forecast, nothing spilled) adds
	MoraleBroken     float64 `toml:"morale_broken"`     // morale a broken promise costs the team that was meant to build it
	MoraleDrift      float64 `toml:"morale_drift"`      // share of the way morale returns to 0.75 each sprint
	MoraleChurn      float64 `toml:"morale_churn"`      // morale a roadmap update costs per unit it moves the roadmap, after the first sprint
	MoraleDecline    float64 `toml:"morale_decline"`    // morale a no to the team's own request (team, Scrum Master) costs the team
	MoraleUnreviewed float64 `toml:"morale_unreviewed"` // morale a sprint whose finished work nobody reviewed costs the team
	DebtCrunch       float64 `toml:"debt_crunch"`       // debt per unit of overcommitment (planned / forecast − 1): corners cut
	DebtPaydown      float64 `toml:"debt_paydown"`      // debt paid down per unit of slack left in the plan (1 − planned / forecast)

	TrustAccept     float64 `toml:"trust_accept"`     // requester trust gained by accepting a request
	TrustDecline    float64 `toml:"trust_decline"`    // requester trust lost by declining
	TrustIgnore     float64 `toml:"trust_ignore"`     // requester trust lost by a request left unanswered
	TrustBroken     float64 `toml:"trust_broken"`     // requester trust lost by an accepted request not shipped in time
	TrustSilence    float64 `toml:"trust_silence"`    // trust executives and customers lose in a sprint nobody showed them anything
	TrustDelivered  float64 `toml:"trust_delivered"`  // requester trust gained when the promised story ships
	PromiseSprints  int     `toml:"promise_sprints"`  // sprints within which an accepted request must ship
	TrustShipped    float64 `toml:"trust_shipped"`    // requester trust gained when a story they asked for ships unpromised
	TrustEscalate   float64 `toml:"trust_escalate"`   // executive trust the first escalation costs; each one pending in their memory adds as much again
	EscalateMemory  float64 `toml:"escalate_memory"`  // share of the escalations executives still remember at the next sprint
	EscalateUrgency float64 `toml:"escalate_urgency"` // an escalated request at least this urgent is taken by the executives; the rest are declined
	TrustOverhead   float64 `toml:"trust_overhead"`   // executive trust lost when an unhappy stakeholder goes over the player's head
	OverheadBelow   float64 `toml:"overhead_below"`   // satisfaction under which a declined or ignored stakeholder goes over the player's head
	TrustDecay      float64 `toml:"trust_decay"`      // share of the way trust returns to neutral (0.5) each sprint
	Churn           float64 `toml:"churn"`            // share of a story's value lost per unit of trust its customers lost since the game began
	RepeatDecay     float64 `toml:"repeat_decay"`     // share of its effect the same meeting keeps each time it is repeated within a sprint
	AlignContrast   float64 `toml:"align_contrast"`   // roadmap spread (highest − lowest, times themes) at which standing uses its whole range

	WeightValue     float64 `toml:"weight_value"` // score weights
	WeightAlignment float64 `toml:"weight_alignment"`
	WeightFit       float64 `toml:"weight_fit"`
	WeightTrust     float64 `toml:"weight_trust"`
	WeightHealth    float64 `toml:"weight_health"`
	WeightBurnout   float64 `toml:"weight_burnout"`
}

// DefaultTuning returns the model's calibrated defaults.
func DefaultTuning() Tuning {
	return Tuning{
		HoursResearch: 6, HoursInterview: 3, HoursRoadmap: 3, HoursExecutive: 2, HoursKPI: 2, HoursSync: 2,
		HoursRefine: 2, HoursOrder: 1, HoursPlan: 3, HoursAnswer: 2, HoursAccept: 2, HoursReview: 3, HoursRest: 4,
		HoursEscalate: 2, HoursSwitch: 1,
		HoursPull: 1,

		StressPerHour: 0.008, StressSwitch: 0.02, OvertimeFrom: 0.6, StressOvertime: 0.025, StressPending: 0.004, StressRest: 0.08,
		StressRecovery: 0.5, BurnoutFrom: 0.45, BurnoutRate: 0.5, BurnoutOvertime: 0.006, BurnoutHeal: 0.1, BurnoutSwitch: 0.16, SwitchFree: 3, BurnoutNoise: 0.5,

		ResearchGain: 0.6, InterviewGain: 0.5, KPIGain: 0.3, UrgencyDrift: 0.25, InsightBlur: 1.0, SyncBlur: 0.1,
		RefineClarity: 0.35, RefineInsight: 1.0, ReworkPerFog: 0.6, DefectPerFog: 0.35, MoraleOverrun: 0.05, DebtPerDefect: 0.05,
		MoraleRework: 0.05, MoraleSane: 0.03, MoraleBroken: 0.02, MoraleDrift: 0.05, MoraleChurn: 0.2, MoraleDecline: 0.03, MoraleUnreviewed: 0.03, DebtCrunch: 0.1, DebtPaydown: 0.1,

		TrustAccept: 0.02, TrustDecline: 0.05, TrustIgnore: 0.08, TrustBroken: 0.25, TrustDelivered: 0.05,
		TrustSilence:   0.03,
		PromiseSprints: 2,
		TrustShipped:   0.01, TrustEscalate: 0.04, EscalateMemory: 1, EscalateUrgency: 0.6, TrustOverhead: 0.03, OverheadBelow: 0.35,
		TrustDecay: 0.1, Churn: 2, RepeatDecay: 0.35, AlignContrast: 0.5,

		WeightValue: 0.3, WeightAlignment: 0.2, WeightFit: 0.1, WeightTrust: 0.2, WeightHealth: 0.1,
		WeightBurnout: 0.1,
	}
}
