package sim

import (
	"fmt"
	"slices"
	"strings"
)

// Describe says in one line what a consequence was and what it moved, e.g. "Sprint 2: declined
// the request “Bulk export” from Sales: Sales trust −3". In a pair game a seat's own line names
// the seat: "Sprint 2, day 3 (PO): ...".
func (g *Game) Describe(c Consequence) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Sprint %d", c.Sprint)
	if c.Day > 0 {
		fmt.Fprintf(&b, ", day %d", c.Day)
	}
	if c.Hat != HatNone {
		fmt.Fprintf(&b, " (%s)", c.Hat) // a pair game's line says whose it is: both seats read the log
	}
	b.WriteString(": ")
	b.WriteString(g.what(c))
	if moved := moves(c); moved != "" {
		b.WriteString(": ")
		b.WriteString(moved)
	}
	if c.Blur >= 0.15 {
		b.WriteString(" (burnout blurred it)")
	}
	return b.String()
}

func (g *Game) holder(i int) string {
	if i < 0 || i >= len(g.sc.Stakeholders) {
		return "stakeholders"
	}
	return InSentence(g.sc.Stakeholders[i].Name)
}

// InSentence is a name as it reads inside a sentence: a leading "The" lower-cased ("from the
// development team"), the rest as written (names and acronyms keep their capitals).
func InSentence(name string) string {
	if rest, ok := strings.CutPrefix(name, "The "); ok {
		return "the " + rest
	}
	return name
}

// request names a request as "the request “Title” from Name": no possessive, since a name may
// hold a comma or a role ("Ravi, sales").
func (g *Game) request(i int) string {
	rq := g.s.Requests[i]
	return "the request " + quote(g.storyTitle(rq.Story)) + " from " + g.holder(rq.Stakeholder)
}

// quote puts a title in typographic quotes, as the screen prints it (not Go's %s escapes).
func quote(title string) string {
	if !strings.ContainsAny(title, "\"“”") {
		return "“" + title + "”"
	}
	// A quote inside the title (a story called "Sent with Paidly" referral link) becomes an inner
	// single quote, opening at the start or after a space, closing elsewhere, so the title does
	// not read as two quotations.
	var b strings.Builder
	b.WriteString("“")
	prev := ' '
	for _, r := range title {
		switch r {
		case '"', '“', '”':
			if prev == ' ' || prev == '(' {
				r = '‘'
			} else {
				r = '’'
			}
		}
		b.WriteRune(r)
		prev = r
	}
	b.WriteString("”")
	return b.String()
}

// lowerFirst lower-cases a title's first letter to start a phrase, unless it begins an acronym
// ("KPI review" stays).
func lowerFirst(title string) string {
	if len(title) >= 2 && title[1] >= 'A' && title[1] <= 'Z' {
		return title
	}
	return strings.ToLower(title[:1]) + title[1:]
}

func (g *Game) what(c Consequence) string {
	a := c.Action
	switch c.Kind {
	case ConRequest:
		rq := g.s.Requests[c.Subject]
		return "a new request from " + g.holder(rq.Stakeholder) + ": " + quote(g.storyTitle(rq.Story))
	case ConIgnored:
		return "left " + g.request(c.Subject) + " unanswered"
	case ConPromiseBroken:
		if a.Kind == ActReview {
			return fmt.Sprintf("promised %s to %s and shipped it with a defect nobody reviewed", quote(g.storyTitle(c.Subject)), g.holder(c.Stakeholder))
		}
		return fmt.Sprintf("promised %s to %s and did not ship it in time", quote(g.storyTitle(c.Subject)), g.holder(c.Stakeholder))
	case ConShipped:
		worth := fmt.Sprintf("worth %.0f", c.Value)
		if c.Churned >= 0.005 {
			// Customers who lost trust took up less of it: say how much less, so the debrief ties
			// the lost value to the noes and silences that cost the trust.
			worth += fmt.Sprintf(", %.0f%% less: customers who lost trust took up less of it", 100*c.Churned)
		}
		if c.Promise == PromiseKept {
			return fmt.Sprintf("shipped %s (%s), keeping the promise to %s", quote(g.storyTitle(c.Subject)), worth, g.holder(c.Stakeholder))
		}
		return fmt.Sprintf("shipped %s (%s)", quote(g.storyTitle(c.Subject)), worth)
	case ConDefectShipped:
		return fmt.Sprintf("shipped %s with a defect nobody reviewed", quote(g.storyTitle(c.Subject)))
	case ConRejected:
		return fmt.Sprintf("the review sent %s back: it missed its acceptance criteria", quote(g.storyTitle(c.Subject)))
	case ConEvent:
		ev := g.sc.Events[c.Subject]
		if a.Kind == ActChoose && int(a.Choice) < len(ev.Choices) {
			return fmt.Sprintf("%s: chose %s", ev.Title, quote(ev.Choices[a.Choice].Label))
		}
		return ev.Title
	case ConBurnedOut:
		return "burned out: forced leave for the next sprint"
	case ConOvercommitted:
		if c.Subject >= 0 {
			return fmt.Sprintf("%s was pulled into the sprint with too few days left to build it, and work spilled over", quote(g.storyTitle(c.Subject)))
		}
		return "the sprint was planned past the team's forecast and work spilled over"
	case ConExecutives:
		if c.Subject < 0 {
			return "the executives heard of a broken promise"
		}
		rq := g.s.Requests[c.Subject]
		if rq.Status == RequestEscalated {
			return "escalated " + g.request(c.Subject) + ": the executives' patience wore thinner"
		}
		return fmt.Sprintf("%s went over your head about %s", g.holder(rq.Stakeholder), quote(g.storyTitle(rq.Story)))
	case ConOvertime:
		return fmt.Sprintf("worked %d h past the overtime line", c.Hours)
	case ConInterrupted:
		return g.request(c.Subject) + " pulled you into the other hat"
	case ConTeam:
		// Which of the team-health rules moved it, by the sign of what moved.
		var why []string
		switch {
		case c.Debt > 0:
			why = append(why, "planned past the forecast, corners were cut")
		case c.Debt < 0:
			why = append(why, "slack left in the plan paid debt down")
		}
		switch {
		case c.Morale > 0:
			why = append(why, "a sane pace lifted morale")
		case c.Morale < 0:
			why = append(why, "rework on unclear stories wore morale down")
		}
		if len(why) == 0 {
			return "the sprint told on the team"
		}
		return "the sprint told on the team: " + strings.Join(why, "; ")
	case ConSyncDeclined:
		return fmt.Sprintf("declined the %s's sync proposal", c.Hat.Other())
	case ConUnplanned:
		return "nobody planned the sprint, so the team took the loudest asks" + shippedNote(c)
	case ConUnreviewed:
		return "nobody held the sprint review: the team showed its work to no one"
	case ConColleague:
		who := "your colleague"
		switch g.role {
		case RolePM:
			who = "your Product Owner"
		case RolePO:
			who = "your Product Manager"
		}
		switch a.Kind {
		case ActResearch:
			return who + " researched the market" + redirectedNote(c)
		case ActRoadmap:
			return who + " updated the roadmap and briefed the executives"
		case ActPlan:
			return fmt.Sprintf("%s planned the sprint (%.0f%% by urgency)%s", who, 100*c.Drift, shippedNote(c))
		case ActReview:
			return who + " held the sprint review"
		case ActAnswer:
			return fmt.Sprintf("%s answered %s: %s", who, g.request(c.Subject), a.Answer)
		}
		return who + " worked"
	}
	switch a.Kind {
	case ActInterview:
		return "interviewed customers about " + g.sc.Themes[a.Theme].Name + redirectedNote(c)
	case ActResearch, ActKPI:
		return lowerFirst(a.Kind.Title()) + redirectedNote(c)
	case ActRefine:
		return fmt.Sprintf("wrote acceptance criteria for %s", quote(g.storyTitle(int(a.Story))))
	case ActPlan:
		return fmt.Sprintf("planned the sprint: %d stories%s", a.Count, shippedNote(c))
	case ActPull:
		return fmt.Sprintf("pulled %s into the sprint%s", quote(g.storyTitle(int(a.Story))), shippedNote(c))
	case ActAnswer:
		verb := map[Answer]string{AnswerAccept: "accepted", AnswerDefer: "deferred", AnswerDecline: "declined", AnswerEscalate: "escalated"}[a.Answer]
		return verb + " " + g.request(int(a.Request))
	case ActSync:
		return "held a PM–PO sync"
	}
	return lowerFirst(a.Kind.Title())
}

// redirectedNote tells what value the roadmap correction an insight made possible moved.
func redirectedNote(c Consequence) string {
	if c.Redirected < 0.5 {
		return ""
	}
	return fmt.Sprintf(", which redirected value %.0f to the right themes", c.Redirected)
}

// shippedNote tells what a plan went on to ship.
func shippedNote(c Consequence) string {
	if c.Value <= 0 {
		return ""
	}
	return fmt.Sprintf(", which shipped value %.0f", c.Value)
}

// moves lists what a consequence changed, signed, in whole points of a hundred.
func moves(c Consequence) string {
	var parts []string
	add := func(name string, v float64) {
		if p := int(v*100 + copysignHalf(v)); p != 0 {
			parts = append(parts, fmt.Sprintf("%s %+d", name, p))
		}
	}
	add("trust", c.Trust)
	add("insight", c.Insight)
	add("strategy fit", c.Fit)
	add("roadmap drift closed", c.Handoff)
	add("morale", c.Morale)
	add("debt", c.Debt)
	add("stress", c.Stress)
	add("burnout", c.Burnout)
	return strings.ReplaceAll(strings.Join(parts, ", "), "-", "−")
}

func copysignHalf(v float64) float64 {
	if v < 0 {
		return -0.5
	}
	return 0.5
}

// Turning is a decision the debrief singles out: its line and the score points it moved.
type Turning struct {
	Text   string  `json:"text"`
	Impact float64 `json:"impact"`
}

// Turnings returns up to n consequences that helped the score most and up to n that hurt it most,
// each best or worst first. Ties keep the order of play.
func (g *Game) Turnings(n int) (helped, hurt []Turning) {
	ix := make([]int, len(g.s.Log))
	for i := range ix {
		ix[i] = i
	}
	slices.SortStableFunc(ix, func(a, b int) int {
		x, y := g.s.Log[a].Impact, g.s.Log[b].Impact
		switch {
		case x > y:
			return -1
		case x < y:
			return 1
		}
		return 0
	})
	for _, i := range ix {
		if g.s.Log[i].Kind == ConShipped {
			continue // credited to the plan that committed it
		}
		if len(helped) == n || g.s.Log[i].Impact <= 0.05 {
			break
		}
		helped = append(helped, Turning{g.Describe(g.s.Log[i]), g.s.Log[i].Impact})
	}
	for k := len(ix) - 1; k >= 0; k-- {
		i := ix[k]
		if g.s.Log[i].Kind == ConShipped {
			continue
		}
		if len(hurt) == n || g.s.Log[i].Impact >= -0.05 {
			break
		}
		hurt = append(hurt, Turning{g.Describe(g.s.Log[i]), g.s.Log[i].Impact})
	}
	return helped, hurt
}
