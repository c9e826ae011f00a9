package sim

// Preview is what an action would charge the player if performed now: what a screen shows on
// hover or focus before the player commits. It is the very charge Apply makes (perform calls
// charge too), so the preview never drifts from the rule. It covers the cost of doing the work,
// not what the work then does: an event option's own effects, a request's trust, a review's
// findings are consequences, shown after. Advancing time is free; the day's end may still add
// the stress of unanswered requests.
type Preview struct {
	Hours        int     // hours it takes from those left this sprint
	Beyond       int     // hours it asks past those left: an event's choice works them anyway, as stress; Check refuses any other action
	Overtime     int     // of Hours, those past the sprint's overtime line
	Stress       float64 // stress it adds (negative for rest), before the meter's cap at 1
	Burnout      float64 // burnout its overtime adds, before the meter's cap at 1
	Switch       bool    // it changes hats, which costs stress_switch
	StressAfter  float64 // the stress meter after it, capped
	BurnoutAfter float64 // the burnout meter after it, capped
}

// Preview is what performing a would charge now. It does not check that a is legal (Check does)
// and changes nothing.
//
// In a pair game it is what the seat a.Hat names would be charged (the PM's seat when none).
func (g *Game) Preview(a Action) Preview {
	if a.Kind == ActAdvance {
		p := g.Seat(a.Hat)
		return Preview{StressAfter: p.Stress, BurnoutAfter: p.Burnout}
	}
	if g.role == RolePair {
		g.seatIn(a.Hat)
		p := g.charge(a)
		g.seatIn(HatPM)
		return p
	}
	return g.charge(a)
}

// overtimeFrom is the hour of work this sprint past which work is overtime.
func (g *Game) overtimeFrom() int {
	return int(g.t.OvertimeFrom * float64(g.sc.HoursPerSprint))
}

// offWork reports whether an action's hours are not work: resting, or an event's choice of time
// off. Overtime counts work only.
func (g *Game) offWork(a Action) bool { return a.Kind == ActRest || g.timeOff(a) }

// timeOff reports whether a is an event's choice whose hours are time away from work
// (scenario.Choice.TimeOff).
func (g *Game) timeOff(a Action) bool {
	ch, ok := g.choiceOf(a)
	return ok && ch.TimeOff
}

// charge is the cost rule of every action but advancing time: its hours, the stress of the hours,
// of the overtime among them and of a change of hat, and the burnout overtime brings.
func (g *Game) charge(a Action) Preview {
	s, t := &g.s, g.t
	var p Preview
	hours := g.Cost(a)
	if hours > s.Player.Hours {
		// Only an event's choice can ask for more than is left: the rest is worked anyway, as
		// stress, unless it is time off, which nobody works.
		p.Beyond = hours - s.Player.Hours
		if !g.timeOff(a) {
			p.Stress += float64(p.Beyond) * t.StressPerHour
		}
		hours = s.Player.Hours
	}
	p.Hours = hours
	stress := float64(hours) * t.StressPerHour
	switch {
	case a.Kind == ActRest:
		stress = -t.StressRest
	case g.timeOff(a):
		stress = 0 // nobody works them; the choice's effects say what the time off does
	default:
		// Hours past the sustainable share of the sprint are overtime, and wear twice.
		over := min(hours, g.sprintWork+hours-g.overtimeFrom())
		if over > 0 {
			p.Overtime = over
			stress += float64(over) * t.StressOvertime
			p.Burnout = float64(over) * t.BurnoutOvertime
		}
	}
	if h := g.hatOf(a); h != HatNone && s.Player.LastHat != HatNone && s.Player.LastHat != h {
		p.Switch = true
		stress += t.StressSwitch
	}
	p.Stress += stress
	p.StressAfter = clamp01(s.Player.Stress + p.Stress)
	p.BurnoutAfter = clamp01(s.Player.Burnout + p.Burnout)
	return p
}
