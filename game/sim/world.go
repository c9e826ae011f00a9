package sim

import (
	"math"
	"strconv"

	"twohats/game/scenario"
)

// world is everything chance decides about a game that no decision may move: drawn in full when the
// game starts, from the seed alone, so that the same scenario and seed are the same world whatever
// the role and whatever the player does. A workshop room that plays one seed plays one world.
//
// Events gated on the state (`when`) are not part of it: they fire when the state says so. A chance
// event is due in the sprints its draws say; that it fires then still needs it not to have fired
// before, and a day with no other event on the table.
type world struct {
	estimate []float64 // per theme: the factor on the scenario's first estimate
	effort   []float64 // per story: its true effort
	drift    []float64 // per sprint × theme: the factor on the need at the sprint's end
	arrival  []int     // per request: 2 ints, the sprint it arrives in (0: never) and its day
	due      []int     // per event × sprint: the day it is due, 0 when not due that sprint
}

// newWorld draws the world of a scenario and a seed.
func newWorld(sc *scenario.Scenario, seed uint64, days int) world {
	n, sprints := len(sc.Themes), sc.Sprints
	floats := make([]float64, n+len(sc.Stories)+sprints*n)
	ints := make([]int, 2*len(sc.Requests)+len(sc.Events)*sprints)
	w := world{
		estimate: floats[:n:n],
		effort:   floats[n : n+len(sc.Stories) : n+len(sc.Stories)],
		drift:    floats[n+len(sc.Stories):],
		arrival:  ints[: 2*len(sc.Requests) : 2*len(sc.Requests)],
		due:      ints[2*len(sc.Requests):],
	}
	var r stream
	r.seed(seed, strandEstimate, 0)
	for i := range sc.Themes {
		w.estimate[i] = 1 + sc.Market.Noise*r.gauss()
	}
	for i, st := range sc.Stories {
		r.seed(seed, strandEffort, uint64(i))
		te := float64(st.Effort) * (1 + st.Uncertainty*r.gauss())
		if min := 0.5 * float64(st.Effort); te < min {
			te = min
		}
		w.effort[i] = te
	}
	for k := range sprints {
		r.seed(seed, strandDrift, uint64(k))
		for i := range n {
			w.drift[k*n+i] = 1 + sc.Market.Volatility*r.gauss()*float64(n)
		}
	}
	for i, rq := range sc.Requests {
		r.seed(seed, strandRequest, uint64(i))
		sprint := rq.Sprint
		for k := 1; k <= sprints; k++ {
			// One draw per sprint whether or not it is needed, so the day below is the same draw
			// in every world where the request arrives.
			if u := r.float64(); sprint == 0 && u < rq.Chance {
				sprint = k
			}
		}
		day := rq.Day
		if d := 1 + r.intN(days); day == 0 {
			day = d
		}
		w.arrival[2*i], w.arrival[2*i+1] = sprint, day
	}
	for i, ev := range sc.Events {
		r.seed(seed, strandEvent, uint64(i))
		for k := 1; k <= sprints; k++ {
			u, d := r.float64(), 1+r.intN(days)
			due := ev.Sprint == k || (ev.Sprint == 0 && ev.Chance > 0 && u < ev.Chance)
			if !due {
				continue
			}
			if ev.Day != 0 {
				d = ev.Day
			}
			w.due[i*sprints+k-1] = d
		}
	}
	return w
}

// eventDay is the day event i is due in a sprint (1-based), 0 when it is not due then.
func (w *world) eventDay(i, sprint, sprints int) int {
	if sprint < 1 || sprint > sprints {
		return 0
	}
	return w.due[i*sprints+sprint-1]
}

// fireDue puts on the table, once an event has been answered, the next event the world's schedule
// has due by today. A day starts with at most one event on the table; without this, an event due
// on a day another event took (a `when` event that the state opened, say) would wait a day, or
// on the sprint's last day be lost for the sprint, and the same world would bring it at another
// time for another player.
func (g *Game) fireDue() {
	s := &g.s
	if s.Phase != PhaseExecution || s.Event >= 0 {
		return
	}
	for i := range s.Events {
		if ev := &s.Events[i]; !ev.Fired && g.timedDue(i) {
			ev.Fired = true
			s.Event = i
			g.log(Consequence{Sprint: s.Sprint, Day: s.Day, Kind: ConEvent, Subject: ev.Def, Stakeholder: -1})
			return
		}
	}
}

// timedDue reports whether event i, timed by a sprint or a chance, comes up now: the world's
// schedule has it due by today and its gate, if it has one, holds (AND).
func (g *Game) timedDue(i int) bool {
	s := &g.s
	ev := &s.Events[i]
	gate := g.conds[i]
	return ev.Day != 0 && ev.Day <= s.Day && (!gate.gated() || gate.holds(s))
}

// World is a short fingerprint of the game's world: 16 hex digits of a hash of what chance
// decided for it (the first estimate, every story's true effort, every request's arrival, every
// chance event's due days, and the market's path as it would drift with nobody moving it). Two
// games with the same fingerprint were dealt the same world, whatever their roles and decisions;
// a workshop can check that everyone in the room played one.
func (g *Game) World() string {
	w := &g.w
	h := fnvStart
	for _, x := range w.estimate {
		h = h.float(x)
	}
	for _, x := range w.effort {
		h = h.float(x)
	}
	for _, x := range w.arrival {
		h = h.int(x)
	}
	for _, x := range w.due {
		h = h.int(x)
	}
	n := len(g.sc.Themes)
	need := make([]float64, n)
	for i, th := range g.sc.Themes {
		need[i] = th.Need
	}
	normalise(need)
	for k := range g.sc.Sprints {
		for i := range need {
			h = h.float(need[i])
			need[i] *= w.drift[k*n+i]
		}
		normalise(need)
	}
	for i := range need {
		h = h.float(need[i])
	}
	s := strconv.FormatUint(uint64(h), 16)
	for len(s) < 16 {
		s = "0" + s
	}
	return s
}

// fnv is a 64-bit FNV-1a hash fed eight bytes at a time.
type fnv uint64

const fnvStart fnv = 14695981039346656037

func (h fnv) uint(x uint64) fnv {
	for range 8 {
		h ^= fnv(x & 0xff)
		h *= 1099511628211
		x >>= 8
	}
	return h
}

func (h fnv) int(x int) fnv { return h.uint(uint64(int64(x))) }

func (h fnv) float(x float64) fnv { return h.uint(math.Float64bits(x)) }
