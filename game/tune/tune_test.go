package tune

import (
	"math"
	"reflect"
	"testing"

	"twohats/game/bot"
	"twohats/game/sim"
	"twohats/scenarios"
)

func load(t *testing.T, id string) Config {
	t.Helper()
	sc, err := scenarios.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	return Config{Scenario: sc, Role: sim.RoleBoth, Budget: 600, Train: 12, Select: 20, HeldOut: 40}
}

// The same arguments give the same result, whatever the number of workers.
func TestDeterministic(t *testing.T) {
	c := load(t, "tutorial")
	c.Role = sim.RolePO
	a, err := Run(c)
	if err != nil {
		t.Fatal(err)
	}
	c.Workers = 1
	b, err := Run(c)
	if err != nil {
		t.Fatal(err)
	}
	c.Workers = 3
	d, err := Run(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []Result{b, d} {
		if !reflect.DeepEqual(a, r) {
			t.Errorf("same config, different results:\n%s %v\n%s %v", a.Knobs, a.Best.Score, r.Knobs, r.Best.Score)
		}
	}
	c.Seed = 2
	e, err := Run(c)
	if err != nil {
		t.Fatal(err)
	}
	if e.Train == a.Train && e.Knobs == a.Knobs {
		t.Errorf("a different search seed trained on the same seeds to the same figure")
	}
}

// Started from a deliberately bad setting with no random sampling, evolution alone climbs well
// above it on a toy scenario, and on seeds it never trained on.
func TestBeatsBadStart(t *testing.T) {
	c := load(t, "tutorial")
	c.Space = Unconstrained
	lazy, _ := bot.CatalogueKnobs("lazy")
	bad := lazy.With(bot.KnobReview, "no").With(bot.KnobRefine, "0").With(bot.KnobCommit, "50").With(bot.KnobOrder, "urgency")
	c.Start, c.Random = []bot.Knobs{bad}, -1
	r, err := Run(c)
	if err != nil {
		t.Fatal(err)
	}
	start, err := HeldOut(c.Scenario, c.Role, bad.String(), c.HeldOut, 0)
	if err != nil {
		t.Fatal(err)
	}
	d := Diff(r.Best.Games(), start.Games(), func(g Game) float64 { return g.Score })
	t.Logf("bad start %v, search %v, gain %v", start.Score, r.Best.Score, d)
	if d.Mean < 3 || d.Mean < 3*d.SE {
		t.Errorf("the search gained only %v over its bad start (%v → %v)", d, start.Score, r.Best.Score)
	}
	if r.Knobs == bad {
		t.Errorf("the search kept its bad start")
	}
}

// An arm's knobs are fixed in the domain and in the result, in either space.
func TestArmsFixKnobs(t *testing.T) {
	for _, arm := range Arms {
		fixed, err := armKnobs(arm)
		if err != nil {
			t.Fatal(err)
		}
		for _, sp := range []Space{Sensible, Unconstrained} {
			for _, role := range sim.Roles {
				d, err := NewDomain(role, sp, arm)
				if err != nil {
					t.Fatal(err)
				}
				for k, v := range fixed {
					if len(d[k]) != 1 || k.Values()[d[k][0]] != v {
						t.Errorf("%s/%s/%s: knob %s may take %v, want only %s", arm, sp, role, k.Name(), d[k], v)
					}
				}
			}
		}
	}
	c := load(t, "tutorial")
	c.Arm, c.Space, c.Budget = "ignore-all", Unconstrained, 240
	r, err := Run(c)
	if err != nil {
		t.Fatal(err)
	}
	if r.Knobs.Value(bot.KnobElse) != "ignore" || r.Knobs.Value(bot.KnobTake) != "0" || r.Knobs.Value(bot.KnobVIP) != "none" {
		t.Errorf("ignore-all search returned %s", r.Knobs)
	}
	if _, err := NewDomain(sim.RolePM, Sensible, "always-win"); err == nil {
		t.Error("an unknown arm was accepted")
	}
}

// The sensible space holds the coach's limits; the unconstrained one every value; a knob that
// changes nothing for the role is pinned to its default.
func TestDomains(t *testing.T) {
	d, _ := NewDomain(sim.RolePO, Sensible, "")
	if !d.Contains(d.project(bot.DefaultKnobs())) {
		t.Error("the projected default is outside the sensible domain")
	}
	for _, s := range []string{"no"} {
		if d.Contains(bot.DefaultKnobs().With(bot.KnobReview, s)) {
			t.Errorf("sensible allows review=%s", s)
		}
	}
	if len(d[bot.KnobResearch]) != 1 {
		t.Errorf("a PO's research knob is free: %v", d[bot.KnobResearch])
	}
	u, _ := NewDomain(sim.RoleBoth, Unconstrained, "")
	if len(u[bot.KnobSync]) != 1 || len(u[bot.KnobElse]) != 4 || len(u[bot.KnobReview]) != 2 {
		t.Errorf("unconstrained both: sync %v else %v review %v", u[bot.KnobSync], u[bot.KnobElse], u[bot.KnobReview])
	}
}

// Held-out seeds never meet training or selection seeds, for any search seed.
func TestHeldOutSeedsApart(t *testing.T) {
	for _, search := range []uint64{0, 1, 2, 999, 1000, 1 << 40} {
		for _, i := range []int{0, 1, 23, seedBlock - 1} {
			for _, s := range []uint64{TrainSeed(search, i), SelectSeed(search, i)} {
				if s <= maxHeldOut {
					t.Errorf("search %d: seed %d is among the held-out seeds", search, s)
				}
			}
			if TrainSeed(search, i) == SelectSeed(search, i) {
				t.Errorf("training and selection share seed %d", TrainSeed(search, i))
			}
		}
	}
	if TrainSeed(1, 0) == TrainSeed(2, 0) {
		t.Error("two search seeds train on the same seeds")
	}
}

func TestBadConfig(t *testing.T) {
	c := load(t, "tutorial")
	for _, mod := range []func(*Config){
		func(c *Config) { c.Scenario = nil },
		func(c *Config) { c.Budget = 1 },
		func(c *Config) { c.HeldOut = maxHeldOut + 1 },
		func(c *Config) { c.Arm = "nope" },
	} {
		cc := c
		mod(&cc)
		if _, err := Run(cc); err == nil {
			t.Errorf("config %+v accepted", cc)
		}
	}
}

// A run-off keeps the search's winner against a setting outside its space, or against itself,
// and against a sensible setting takes whichever of the two plays better on the selection seeds:
// a bad setting loses, and a winner put up against the bad setting's search wins.
func TestRunOff(t *testing.T) {
	c := load(t, "tutorial")
	c.Role = sim.RolePO
	c.Space = Sensible
	win, err := Run(c)
	if err != nil {
		t.Fatal(err)
	}
	outside := win.Knobs.With(bot.KnobReview, "no") // the sensible space always reviews
	for _, s := range []bot.Knobs{outside, win.Knobs} {
		got, err := RunOff(c, win, s)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, win) {
			t.Errorf("a run-off against %s changed the result to %s", s, got.Knobs)
		}
	}
	poor := win.Knobs.With(bot.KnobCommit, "70").With(bot.KnobRefine, "1").With(bot.KnobTake, "25")
	if !domainOf(t, c).Contains(poor) {
		t.Fatalf("the poor setting %s is not sensible", poor)
	}
	got, err := RunOff(c, win, poor)
	if err != nil {
		t.Fatal(err)
	}
	if got.Knobs != win.Knobs || got.Games <= win.Games {
		t.Errorf("the winner against a poor setting: got %s after %d games (the search played %d)", got.Knobs, got.Games, win.Games)
	}
	// Put the other way round, the poor setting as the search's winner loses the run-off.
	loser := win
	loser.Knobs = poor
	if got, err = RunOff(c, loser, win.Knobs); err != nil {
		t.Fatal(err)
	}
	if got.Knobs != win.Knobs {
		t.Errorf("the run-off kept the poor setting %s over %s", got.Knobs, win.Knobs)
	}
}

// domainOf is the domain of c's role and space.
func domainOf(t *testing.T, c Config) *Domain {
	t.Helper()
	d, err := NewDomain(c.Role, c.Space, c.Arm)
	if err != nil {
		t.Fatal(err)
	}
	return &d
}

// A setting's training mean is over every block of training seeds it played, and a setting that
// has played settledBlocks blocks is no longer re-measured.
func TestTrainingMeanIsOverEveryBlock(t *testing.T) {
	c := load(t, "tutorial")
	if err := c.defaults(); err != nil {
		t.Fatal(err)
	}
	s := bot.DefaultKnobs()
	ev := &evaluator{c: &c, seen: map[bot.Knobs]float64{}, seeds: map[bot.Knobs]int{}}
	for b := 0; b < settledBlocks; b++ {
		if got := ev.unsure([]bot.Knobs{s}); len(got) != 1 {
			t.Fatalf("after %d blocks the setting is settled already", b)
		}
		ev.block = b
		if err := ev.train([]bot.Knobs{s}); err != nil {
			t.Fatal(err)
		}
	}
	if got := ev.unsure([]bot.Knobs{s}); len(got) != 0 {
		t.Errorf("after %d blocks the setting is still re-measured", settledBlocks)
	}
	jobs := make([]job, settledBlocks*c.Train)
	for i := range jobs {
		jobs[i] = job{knobs: s, seed: TrainSeed(c.Seed, i)}
	}
	games, err := play(c.Scenario, c.Role, jobs, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := 0.0
	for _, g := range games {
		want += g.Score
	}
	want /= float64(len(games))
	if math.Abs(ev.seen[s]-want) > 1e-9 || ev.seeds[s] != len(games) || ev.count != 1 || ev.games != len(games) {
		t.Errorf("mean %v on %d seeds (%d settings, %d games), want %v on %d", ev.seen[s], ev.seeds[s], ev.count, ev.games, want, len(games))
	}
}

// With a budget that can spare it, the winner rests on the recheck's blocks as well as its own;
// without, the search does without the recheck and stays within its budget.
func TestWinnerIsRechecked(t *testing.T) {
	c := load(t, "tutorial")
	c.Role, c.Budget = sim.RolePM, 6000
	r, err := Run(c)
	if err != nil {
		t.Fatal(err)
	}
	if r.TrainOn < (1+recheckBlocks)*c.Train {
		t.Errorf("the winner's training mean rests on %d seeds, want at least %d", r.TrainOn, (1+recheckBlocks)*c.Train)
	}
	// The last generation's parents and the sweep's best may play a block past the budget.
	d := c
	if err := d.defaults(); err != nil {
		t.Fatal(err)
	}
	if played := r.Games - d.Finalist*d.Select - 2*d.HeldOut; played > d.Budget+d.Train*(d.Mu+1) || played < d.Budget-d.Train*d.Lambda {
		t.Errorf("%d training games for a budget of %d", played, d.Budget)
	}
	c.Budget = 600
	small, err := Run(c)
	if err != nil {
		t.Fatal(err)
	}
	// A recheck there would take 16 × 3 blocks of 12 seeds, 576 of the 600 games, and leave the
	// search two candidates; skipped, the budget goes to exploring.
	if small.Evaluated < c.Budget/c.Train/2 {
		t.Errorf("at a budget of 600 the search tried only %d settings: a recheck the budget cannot spare", small.Evaluated)
	}
}
