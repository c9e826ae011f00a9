package sim_test

import (
	"fmt"
	"slices"
	"testing"

	"twohats/game/bot"
	"twohats/game/scenario"
	"twohats/game/sim"
	"twohats/scenarios"
)

// dealt is what a game saw of its world while it was played: what chance decided and no decision
// may move.
type dealt struct {
	world    string
	arrivals [][2]int    // per request: sprint and day of its first arrival, 0 0 if it never came
	market   [][]float64 // the true need at each sprint's start, up to the first pivot anyone chose
	due      [][]int     // per sprint, per event: the day it is due, -1 once it has fired
	fired    [][2]int    // per event not gated on the state: sprint and day it came up, 0 0 if never
}

// playDealt plays a whole game with a policy and notes what it was dealt.
func playDealt(t *testing.T, sc *scenario.Scenario, role sim.Role, policy string, seed uint64) dealt {
	t.Helper()
	g, err := sim.New(sc, role, seed)
	if err != nil {
		t.Fatal(err)
	}
	p, err := bot.New(policy, seed)
	if err != nil {
		t.Fatal(err)
	}
	next := func() (sim.Action, bool) { return p.Next(g), false }
	if role == sim.RolePair {
		// Two seats of the policy, taking turns an action at a time as bot.PlayPair does.
		po, _ := bot.New(policy, seed)
		turn := 0
		next = func() (sim.Action, bool) {
			hat, q := sim.HatPM, p
			if !g.Turn(sim.HatPM) || (turn%2 == 1 && g.Turn(sim.HatPO)) {
				hat, q = sim.HatPO, po
			}
			turn++
			return bot.Seat(g, hat, q), g.Done(hat)
		}
	}
	d := dealt{world: g.World(), arrivals: make([][2]int, len(sc.Requests)), fired: make([][2]int, len(sc.Events))}
	s := g.State()
	pivoted := false
	sprint := 0
	note := func() {
		if s.Sprint == sprint || g.Over() {
			return
		}
		sprint = s.Sprint
		if !pivoted {
			d.market = append(d.market, slices.Clone(s.Market.Need))
		}
		due := make([]int, len(s.Events))
		for i, ev := range s.Events {
			due[i] = ev.Day
			if ev.Fired {
				due[i] = -1
			}
		}
		d.due = append(d.due, due)
	}
	note()
	logged := 0
	for steps := 0; !g.Over(); steps++ {
		if steps > bot.MaxSteps {
			t.Fatalf("%s did not finish", policy)
		}
		if a, waiting := next(); g.Apply(a) != nil && !waiting {
			t.Fatal(g.Apply(a))
		}
		for _, c := range s.Log[logged:] {
			switch {
			case c.Kind == sim.ConRequest && d.arrivals[c.Subject] == [2]int{}:
				d.arrivals[c.Subject] = [2]int{c.Sprint, c.Day}
			case c.Kind == sim.ConEvent && c.Action.Kind != sim.ActChoose && sc.Events[c.Subject].When == nil:
				d.fired[c.Subject] = [2]int{c.Sprint, c.Day}
			case c.Kind == sim.ConEvent && c.Action.Kind == sim.ActChoose:
				for _, e := range sc.Events[c.Subject].Choices[c.Action.Choice].Effects {
					if e.Market != "" {
						pivoted = true
					}
				}
			}
		}
		logged = len(s.Log)
		note()
	}
	return d
}

// roles are the roles a scenario suits, a pair among them when it suits both one-hat roles.
func roles(sc *scenario.Scenario) []sim.Role {
	if len(sc.Roles) == 0 {
		return append(sim.Roles[:], sim.RolePair)
	}
	var out []sim.Role
	for _, name := range sc.Roles {
		r, _ := sim.ParseRole(name)
		out = append(out, r)
	}
	if slices.Contains(sc.Roles, "pm") && slices.Contains(sc.Roles, "po") {
		out = append(out, sim.RolePair)
	}
	return out
}

// TestSameSeedSameWorld: on every shipped scenario, the same seed deals the same world to every
// role (a pair of two bot seats too) and every policy (every bot, and a spammer of each action; -short: of three): the
// fingerprint, the requests' arrivals, the sprint and day every event not gated on the state comes
// up, the market's path until someone chooses a pivot, and the events' due days while unfired.
// Different seeds deal different worlds.
func TestSameSeedSameWorld(t *testing.T) {
	policies := slices.Clone(bot.Names)
	for k := sim.ActResearch; k < sim.ActChoose; k++ {
		if !testing.Short() || k == sim.ActResearch || k == sim.ActAnswer || k == sim.ActRest {
			policies = append(policies, "spam-"+k.String())
		}
	}
	for _, id := range scenarios.IDs() {
		sc, err := scenarios.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		worlds := map[string]uint64{}
		seeds := uint64(4)
		if testing.Short() {
			seeds = 2
		}
		for seed := uint64(1); seed <= seeds; seed++ {
			var first dealt
			firstName := ""
			for _, role := range roles(sc) {
				for _, policy := range policies {
					name := fmt.Sprintf("%s %s %s seed %d", id, role, policy, seed)
					d := playDealt(t, sc, role, policy, seed)
					if firstName == "" {
						first, firstName = d, name
						if other, ok := worlds[d.world]; ok {
							t.Errorf("%s: seeds %d and %d deal the same world %s", id, other, seed, d.world)
						}
						worlds[d.world] = seed
						continue
					}
					compareDealt(t, firstName, name, first, d)
				}
			}
		}
	}
}

func compareDealt(t *testing.T, aName, bName string, a, b dealt) {
	t.Helper()
	if a.world != b.world {
		t.Errorf("%s has world %s, %s has %s", bName, b.world, aName, a.world)
	}
	for i := range a.arrivals {
		if a.arrivals[i] != b.arrivals[i] {
			t.Errorf("request %d arrives at sprint, day %v in %s and %v in %s", i, a.arrivals[i], aName, b.arrivals[i], bName)
		}
	}
	for i := range a.fired {
		if a.fired[i] != b.fired[i] {
			t.Errorf("event %d comes up at sprint, day %v in %s and %v in %s", i, a.fired[i], aName, b.fired[i], bName)
		}
	}
	for k := range min(len(a.market), len(b.market)) {
		if !slices.Equal(a.market[k], b.market[k]) {
			t.Errorf("sprint %d: the need is %v in %s and %v in %s", k+1, a.market[k], aName, b.market[k], bName)
		}
	}
	if len(a.due) != len(b.due) {
		t.Fatalf("%s played %d sprints, %s %d", aName, len(a.due), bName, len(b.due))
	}
	for k := range a.due {
		for i := range a.due[k] {
			x, y := a.due[k][i], b.due[k][i]
			if x >= 0 && y >= 0 && x != y {
				t.Errorf("sprint %d: event %d is due on day %d in %s and %d in %s", k+1, i, x, aName, y, bName)
			}
		}
	}
}

// TestWorldFingerprintShape: sixteen hex digits, the same for a game and its replay.
func TestWorldFingerprintShape(t *testing.T) {
	sc, err := scenarios.Load("startup")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := sim.New(sc, sim.RolePM, 42)
	b, _ := sim.New(sc, sim.RoleBoth, 42)
	w := a.World()
	if len(w) != 16 || w != b.World() {
		t.Fatalf("fingerprints %q and %q: want the same 16 hex digits", w, b.World())
	}
	for _, r := range w {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			t.Fatalf("fingerprint %q is not hex", w)
		}
	}
}
