// Package tune is the judge: it searches the knob policy's settings for the best play of a
// scenario in a role, so that the lessons can be measured against the best a person could do and
// not only against our own bots. The search samples settings at random, then evolves the best
// ((μ+λ) with mutation and crossover) on training seeds, and sweeps the best setting's neighbours
// one knob at a time; the finalists are compared on selection
// seeds, and the winner is reported on held-out seeds it never saw, beside the roadmap bot on the
// same seeds. The search's own chance comes from its seed through PCG and every batch of games is
// gathered in a fixed order, so the same arguments give the same result on any number of cores.
package tune

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"

	"twohats/game/bot"
	"twohats/game/scenario"
	"twohats/game/sim"
)

// Space is how far the search may go.
type Space uint8

// The two searches.
const (
	// Sensible keeps to what a Scrum coach would accept: reviews held, syncs at least every other
	// sprint, some refinement and research, a roadmap from the market, requests chosen rather than
	// all taken or all refused, no escalating or ignoring what is not taken.
	Sensible Space = iota
	// Unconstrained lets every knob take every value.
	Unconstrained
)

// String names the space.
func (s Space) String() string {
	if s == Unconstrained {
		return "unconstrained"
	}
	return "sensible"
}

// Arms fix knobs to test a lesson; the search tunes the rest.
var Arms = []string{"never-sync", "urgency-order", "roadmap-order", "no-research", "accept-all", "decline-all", "ignore-all"}

// armKnobs is what each arm fixes.
func armKnobs(arm string) (map[bot.Knob]string, error) {
	switch arm {
	case "":
		return nil, nil
	case "never-sync":
		return map[bot.Knob]string{bot.KnobSync: "0"}, nil
	case "urgency-order":
		return map[bot.Knob]string{bot.KnobOrder: "urgency", bot.KnobRoadmap: "urgency"}, nil
	case "roadmap-order":
		return map[bot.Knob]string{bot.KnobOrder: "roadmap"}, nil
	case "no-research":
		return map[bot.Knob]string{bot.KnobResearch: "0", bot.KnobInterview: "0", bot.KnobKPI: "0"}, nil
	case "accept-all":
		return map[bot.Knob]string{bot.KnobTake: "100"}, nil
	case "decline-all":
		return map[bot.Knob]string{bot.KnobTake: "0", bot.KnobVIP: "none", bot.KnobElse: "decline"}, nil
	case "ignore-all":
		return map[bot.Knob]string{bot.KnobTake: "0", bot.KnobVIP: "none", bot.KnobElse: "ignore"}, nil
	}
	return nil, fmt.Errorf("unknown arm %q (want one of %s)", arm, strings.Join(Arms, ", "))
}

// sensibleValues are the values a Scrum coach accepts, for the knobs the sensible search limits.
var sensibleValues = map[bot.Knob][]string{
	bot.KnobResearch: {"1/3", "1/2", "1", "2"},
	bot.KnobExec:     {"0", "1/3", "1/2", "1"},
	bot.KnobRoadmap:  {"estimate", "sharp"},
	bot.KnobSync:     {"1", "2"},
	bot.KnobOrder:    {"roadmap", "value"},
	bot.KnobRefine:   {"1", "2", "3", "4", "6"},
	bot.KnobCommit:   {"70", "80", "90", "100", "110"},
	bot.KnobReview:   {"yes"},
	bot.KnobTake:     {"25", "50", "75", "fits"},
	bot.KnobElse:     {"decline", "defer"},
}

// Relevant reports whether a knob changes anything for a role: the PM's work means nothing to a
// player who wears only the PO hat (the colleague does it), and the other way round; a sync means
// nothing to one person wearing both.
func Relevant(k bot.Knob, role sim.Role) bool {
	switch k {
	case bot.KnobResearch, bot.KnobInterview, bot.KnobExec, bot.KnobKPI, bot.KnobRoadmap:
		return role.Wears(sim.HatPM)
	case bot.KnobOrder, bot.KnobRefine, bot.KnobClarity, bot.KnobCommit, bot.KnobReview, bot.KnobPull:
		return role.Wears(sim.HatPO)
	case bot.KnobSync:
		return role != sim.RoleBoth
	}
	return true
}

// Domain is the values (as indexes into each knob's Values) the search may give each knob.
type Domain [bot.NumKnobs][]uint8

// NewDomain is the search space for a role, a space and an arm. A knob that changes nothing for
// the role stays at its default value, so the search spends nothing on it and the setting reads
// plainly; an arm's knobs are fixed whatever the space.
func NewDomain(role sim.Role, space Space, arm string) (Domain, error) {
	fixed, err := armKnobs(arm)
	if err != nil {
		return Domain{}, err
	}
	def := bot.DefaultKnobs()
	var d Domain
	for k := bot.Knob(0); k < bot.NumKnobs; k++ {
		vals := k.Values()
		switch v, ok := fixed[k]; {
		case ok:
			d[k] = []uint8{uint8(slices.Index(vals, v))}
		case !Relevant(k, role):
			d[k] = []uint8{def[k]}
		case space == Sensible && sensibleValues[k] != nil:
			for _, v := range sensibleValues[k] {
				d[k] = append(d[k], uint8(slices.Index(vals, v)))
			}
		default:
			for i := range vals {
				d[k] = append(d[k], uint8(i))
			}
		}
	}
	return d, nil
}

// Contains reports whether a setting lies in the domain.
func (d *Domain) Contains(s bot.Knobs) bool {
	for k := range d {
		if !slices.Contains(d[k], s[k]) {
			return false
		}
	}
	return true
}

// project moves each knob of a setting to the domain's nearest value.
func (d *Domain) project(s bot.Knobs) bot.Knobs {
	for k := range d {
		if slices.Contains(d[k], s[k]) {
			continue
		}
		best := d[k][0]
		for _, v := range d[k] {
			if absDiff(v, s[k]) < absDiff(best, s[k]) {
				best = v
			}
		}
		s[k] = best
	}
	return s
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func (d *Domain) random(r *rand.Rand) bot.Knobs {
	var s bot.Knobs
	for k := range d {
		s[k] = d[k][r.IntN(len(d[k]))]
	}
	return s
}

// free lists the knobs the search can move.
func (d *Domain) free() []bot.Knob {
	var out []bot.Knob
	for k := range d {
		if len(d[k]) > 1 {
			out = append(out, bot.Knob(k))
		}
	}
	return out
}

// mutate changes one to three free knobs: half the time to a neighbouring value (the values are
// in order), otherwise to any other.
func (d *Domain) mutate(s bot.Knobs, free []bot.Knob, r *rand.Rand) bot.Knobs {
	if len(free) == 0 {
		return s
	}
	n := 1
	for n < 3 && r.IntN(2) == 0 {
		n++
	}
	for ; n > 0; n-- {
		k := free[r.IntN(len(free))]
		vals := d[k]
		at := slices.Index(vals, s[k])
		if r.IntN(2) == 0 {
			step := 1
			if r.IntN(2) == 0 {
				step = -1
			}
			at = min(max(at+step, 0), len(vals)-1)
		} else {
			at = (at + 1 + r.IntN(len(vals)-1)) % len(vals)
		}
		s[k] = vals[at]
	}
	return s
}

// cross takes each knob from one parent or the other.
func cross(a, b bot.Knobs, r *rand.Rand) bot.Knobs {
	for k := range a {
		if r.IntN(2) == 0 {
			a[k] = b[k]
		}
	}
	return a
}

// DefaultBudget is a search's size, in training games, when none is given. Since every
// generation plays fresh training seeds and the parents play them too, a tenth to a fifth of the
// games re-measure settings rather than try new ones: at 20,000 one search in six as both hats
// in enterprise never left a basin 5 points below the best; at 30,000 six searches with
// different seeds agree within 0.8 points in every role tried.
const DefaultBudget = 30000

// Config is one search.
type Config struct {
	Scenario *scenario.Scenario
	Role     sim.Role
	Space    Space
	Arm      string
	Budget   int    // training games, the search's size
	Seed     uint64 // the search's own chance, and which training seeds it plays
	Train    int    // training seeds per candidate; 24 if 0
	Random   int    // settings sampled at random before evolving; a third of the candidates if 0; none, nor the default setting, if < 0
	Mu       int    // parents kept each generation; 6 if 0
	Lambda   int    // children per generation; 12 if 0
	Finalist int    // best candidates compared on the selection seeds; 4 if 0
	Recheck  int    // best candidates that play recheckBlocks more blocks of training seeds before the finalists are drawn; 4×Finalist if 0, none if < 0
	Select   int    // selection seeds; 100 if 0
	HeldOut  int    // held-out seeds 1..HeldOut, on which the result is reported; 200 if 0
	Start    []bot.Knobs
	Workers  int // all cores if < 1
}

// Seeds are apart by construction: held-out seeds are 1..HeldOut (the seeds `twohats sim` and the
// bot lessons use), training and selection seeds lie above a billion, in blocks set by the
// search's seed.
const (
	trainBase  = 1_000_000_000
	selectBase = 2_000_000_000
	seedBlock  = 1_000_000
	maxHeldOut = seedBlock - 1
)

// TrainSeed is the i-th training seed of a search.
func TrainSeed(search uint64, i int) uint64 {
	return trainBase + (search%1000)*seedBlock + uint64(i)
}

// SelectSeed is the i-th selection seed of a search.
func SelectSeed(search uint64, i int) uint64 {
	return selectBase + (search%1000)*seedBlock + uint64(i)
}

// Stat is a mean over seeds with its standard error.
type Stat struct {
	Mean float64 `json:"mean"`
	SE   float64 `json:"se"`
}

func (s Stat) String() string { return fmt.Sprintf("%.2f±%.2f", s.Mean, s.SE) }

// Game is the figures of one game the judge reads.
type Game struct {
	Score, Value, Alignment, BurnoutPeak, BurnedOut float64
}

// Figures are a policy's means over the held-out seeds.
type Figures struct {
	Score       Stat `json:"score"`
	Value       Stat `json:"value"`
	Alignment   Stat `json:"alignment"`
	BurnoutPeak Stat `json:"burnout_peak"`
	BurnedOut   Stat `json:"burned_out"`
	games       []Game
}

// Games are the per-seed figures behind the means, in seed order (for paired comparisons).
func (f Figures) Games() []Game { return f.games }

// FiguresOf summarises per-seed games, in seed order.
func FiguresOf(gs []Game) Figures { return figures(gs) }

func figures(gs []Game) Figures {
	get := func(m func(Game) float64) Stat {
		xs := make([]float64, len(gs))
		for i, g := range gs {
			xs[i] = m(g)
		}
		return stat(xs)
	}
	return Figures{
		Score:       get(func(g Game) float64 { return g.Score }),
		Value:       get(func(g Game) float64 { return g.Value }),
		Alignment:   get(func(g Game) float64 { return g.Alignment }),
		BurnoutPeak: get(func(g Game) float64 { return g.BurnoutPeak }),
		BurnedOut:   get(func(g Game) float64 { return g.BurnedOut }),
		games:       gs,
	}
}

func stat(xs []float64) Stat {
	n := float64(len(xs))
	if n == 0 {
		return Stat{}
	}
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	mean := sum / n
	v := 0.0
	for _, x := range xs {
		v += (x - mean) * (x - mean)
	}
	if n > 1 {
		v /= n - 1
	}
	return Stat{Mean: mean, SE: math.Sqrt(v / n)}
}

// Result is a search's answer.
type Result struct {
	Scenario  string    `json:"scenario"`
	Role      sim.Role  `json:"role"`
	Space     string    `json:"space"`
	Arm       string    `json:"arm,omitempty"`
	Knobs     bot.Knobs `json:"knobs"`
	Best      Figures   `json:"best"` // the winner on the held-out seeds
	Bot       Figures   `json:"bot"`  // the roadmap bot on the same seeds
	Train     float64   `json:"train_score"`
	TrainOn   int       `json:"train_seeds"` // training seeds behind Train
	Evaluated int       `json:"candidates"`
	Games     int       `json:"games"` // every game the search played, held-out included
	HeldOut   int       `json:"held_out_seeds"`
}

func (c *Config) defaults() error {
	if c.Scenario == nil {
		return errors.New("tune: no scenario")
	}
	def := func(p *int, v int) {
		if *p == 0 {
			*p = v
		}
	}
	def(&c.Train, 24)
	def(&c.Mu, 6)
	def(&c.Lambda, 12)
	def(&c.Finalist, 4)
	def(&c.Recheck, 4*c.Finalist)
	def(&c.Select, 100)
	def(&c.HeldOut, 200)
	if c.Budget < c.Train {
		return fmt.Errorf("tune: a budget of %d games does not cover one candidate (%d training seeds)", c.Budget, c.Train)
	}
	if c.Budget > 1<<30 || c.Train > seedBlock || c.Select > seedBlock || c.HeldOut > maxHeldOut || c.Train < 1 || c.Select < 1 || c.HeldOut < 2 || c.Mu < 1 || c.Lambda < 1 || c.Finalist < 1 {
		return errors.New("tune: a search size is out of range")
	}
	return nil
}

// Run searches. The same config gives the same result.
func Run(c Config) (Result, error) {
	if err := c.defaults(); err != nil {
		return Result{}, err
	}
	if _, err := sim.New(c.Scenario, c.Role, 1); err != nil {
		return Result{}, err
	}
	d, err := NewDomain(c.Role, c.Space, c.Arm)
	if err != nil {
		return Result{}, err
	}
	r := rand.New(rand.NewPCG(c.Seed, 0x7475_6e65))
	free := d.free()
	ev := &evaluator{c: &c, seen: map[bot.Knobs]float64{}, seeds: map[bot.Knobs]int{}}
	candidates := c.Budget / c.Train
	// The recheck's games come out of the budget, when the budget is large enough to spare them.
	recheck := max(c.Recheck, 0)
	if recheck*recheckBlocks*c.Train*2 > c.Budget {
		recheck = 0
	}
	search := c.Budget - recheck*recheckBlocks*c.Train

	// The starting population: the given settings, the default player, and random settings.
	var pop []bot.Knobs
	add := func(s bot.Knobs) {
		if _, ok := ev.seen[s]; !ok && !slices.Contains(pop, s) && len(pop) < candidates {
			pop = append(pop, s)
		}
	}
	for _, s := range c.Start {
		add(d.project(s))
	}
	if c.Random >= 0 {
		add(d.project(bot.DefaultKnobs()))
	}
	nRandom := c.Random
	if nRandom == 0 {
		nRandom = max(candidates/3, c.Mu)
	}
	for tries := 0; len(pop) < len(c.Start)+1+nRandom && nRandom > 0 && tries < 50*nRandom; tries++ {
		add(d.random(r))
	}
	if err := ev.train(pop); err != nil {
		return Result{}, err
	}
	parents := ev.best(c.Mu)

	// Evolution: each generation breeds children from the parents and keeps the best of both. A
	// fifth of the budget is kept for the sweep. Every generation plays a fresh block of training
	// seeds, and the parents play it too until they have a few blocks behind them: on one fixed
	// block the search learned that block's luck: a setting more than a point better in truth
	// could sit a point lower there than a lucky one, and the judge's answer moved by nearly two
	// points with its seed. A parent now survives on its record, and a child is compared with it
	// on the same seeds.
	evolve := search - search/5
	for ev.games < evolve {
		var kids []bot.Knobs
		for tries := 0; len(kids) < min(c.Lambda, (evolve-ev.games+c.Train-1)/c.Train) && tries < 50*c.Lambda; tries++ {
			kid := parents[r.IntN(len(parents))]
			if len(parents) > 1 && r.IntN(10) < 3 {
				kid = cross(kid, parents[r.IntN(len(parents))], r)
			}
			kid = d.mutate(kid, free, r)
			if _, ok := ev.seen[kid]; !ok && !slices.Contains(kids, kid) {
				kids = append(kids, kid)
			}
		}
		if len(kids) == 0 {
			break // the space is exhausted
		}
		ev.block++
		if err := ev.train(append(kids, ev.unsure(parents)...)); err != nil {
			return Result{}, err
		}
		parents = ev.best(c.Mu)
	}

	// The sweep: every setting one knob away from the best is tried, again from each new best,
	// until none is better or the budget is spent. Evolution samples the neighbourhood; the sweep
	// makes sure no single step is left untried.
	for ev.games < search {
		top := ev.best(1)[0]
		var near []bot.Knobs
		for _, k := range free {
			for _, v := range d[k] {
				n := top
				n[k] = v
				if _, ok := ev.seen[n]; !ok && !slices.Contains(near, n) && (len(near)+1)*c.Train <= search-ev.games {
					near = append(near, n)
				}
			}
		}
		if len(near) == 0 {
			break
		}
		ev.block++
		if err := ev.train(append(near, ev.unsure([]bot.Knobs{top})...)); err != nil {
			return Result{}, err
		}
		if ev.best(1)[0] == top {
			break
		}
	}

	// The best few play more fresh blocks, and the finalists are drawn from them on the longer
	// record, so that a child's one lucky block does not make it a finalist.
	finalists := ev.best(c.Finalist)
	if recheck > 0 {
		again := ev.best(recheck)
		for range recheckBlocks {
			ev.block++
			if err := ev.train(again); err != nil {
				return Result{}, err
			}
		}
		// From these alone: their means regressed on the fresh blocks, and a child that played
		// one lucky block would otherwise slip in above them.
		finalists = ev.bestOf(again, c.Finalist)
	}

	// The finalists meet on fresh seeds, so the winner is not merely the luckiest on training.
	jobs := make([]job, 0, len(finalists)*c.Select)
	for _, s := range finalists {
		for i := 0; i < c.Select; i++ {
			jobs = append(jobs, job{knobs: s, seed: SelectSeed(c.Seed, i)})
		}
	}
	games, err := play(c.Scenario, c.Role, jobs, c.Workers)
	if err != nil {
		return Result{}, err
	}
	win, winMean := finalists[0], math.Inf(-1)
	for f, s := range finalists {
		m := 0.0
		for _, g := range games[f*c.Select : (f+1)*c.Select] {
			m += g.Score
		}
		if m /= float64(c.Select); m > winMean {
			win, winMean = s, m
		}
	}
	best, err := HeldOut(c.Scenario, c.Role, win.String(), c.HeldOut, c.Workers)
	if err != nil {
		return Result{}, err
	}
	botFig, err := HeldOut(c.Scenario, c.Role, "roadmap", c.HeldOut, c.Workers)
	if err != nil {
		return Result{}, err
	}
	return Result{
		Scenario: c.Scenario.ID, Role: c.Role, Space: c.Space.String(), Arm: c.Arm, Knobs: win,
		Best: best, Bot: botFig, Train: ev.seen[win], TrainOn: ev.seeds[win], Evaluated: ev.count,
		Games: ev.games + len(jobs) + 2*c.HeldOut, HeldOut: c.HeldOut,
	}, nil
}

// HeldOut plays a named policy on the held-out seeds 1..n.
func HeldOut(sc *scenario.Scenario, role sim.Role, policy string, n, workers int) (Figures, error) {
	jobs := make([]job, n)
	for i := range jobs {
		jobs[i] = job{policy: policy, seed: uint64(i + 1)}
	}
	games, err := play(sc, role, jobs, workers)
	if err != nil {
		return Figures{}, err
	}
	return figures(games), nil
}

// evaluator plays candidates on blocks of training seeds and remembers each one's mean over all
// the blocks it played.
type evaluator struct {
	c     *Config
	seen  map[bot.Knobs]float64 // mean training score
	seeds map[bot.Knobs]int     // training seeds behind the mean
	order []bot.Knobs           // in the order first evaluated, for stable ties
	count int                   // distinct settings evaluated
	games int                   // training games played
	block int                   // the block of training seeds the next train plays
}

// Parents play each generation's block until they have played settledBlocks blocks; the recheck
// gives the best recheckBlocks more.
const (
	settledBlocks = 4
	recheckBlocks = 3
)

// unsure is those of the settings whose means rest on fewer than settledBlocks blocks.
func (e *evaluator) unsure(ss []bot.Knobs) []bot.Knobs {
	var out []bot.Knobs
	for _, s := range ss {
		if e.seeds[s] < settledBlocks*e.c.Train {
			out = append(out, s)
		}
	}
	return out
}

// train plays each setting on the current block of training seeds.
func (e *evaluator) train(cands []bot.Knobs) error {
	c := e.c
	jobs := make([]job, 0, len(cands)*c.Train)
	for _, s := range cands {
		for i := 0; i < c.Train; i++ {
			jobs = append(jobs, job{knobs: s, seed: TrainSeed(c.Seed, e.block*c.Train+i)})
		}
	}
	games, err := play(c.Scenario, c.Role, jobs, c.Workers)
	if err != nil {
		return err
	}
	for k, s := range cands {
		sum := 0.0
		for _, g := range games[k*c.Train : (k+1)*c.Train] {
			sum += g.Score
		}
		had, ok := e.seeds[s]
		if !ok {
			e.order = append(e.order, s)
			e.count++
		}
		e.seen[s] = (e.seen[s]*float64(had) + sum) / float64(had+c.Train)
		e.seeds[s] = had + c.Train
	}
	e.games += len(jobs)
	return nil
}

// bestOf is the n best of the given settings by training mean, in their order among equals.
func (e *evaluator) bestOf(ss []bot.Knobs, n int) []bot.Knobs {
	out := slices.Clone(ss)
	slices.SortStableFunc(out, func(a, b bot.Knobs) int { return cmp.Compare(e.seen[b], e.seen[a]) })
	return out[:min(n, len(out))]
}

// best is the n best settings so far by training mean, the earliest first among equals.
func (e *evaluator) best(n int) []bot.Knobs { return e.bestOf(e.order, n) }

// job is one game: a knob setting, or a named policy when policy is set.
type job struct {
	knobs  bot.Knobs
	policy string
	seed   uint64
}

// play plays the jobs on all cores and returns their figures in the jobs' order, whatever the
// number of workers: the pattern of game/batch, without the summaries a search does not need.
func play(sc *scenario.Scenario, role sim.Role, jobs []job, workers int) ([]Game, error) {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([]Game, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int, 64)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], errs[i] = playOne(sc, role, jobs[i])
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func playOne(sc *scenario.Scenario, role sim.Role, j job) (Game, error) {
	g, err := sim.New(sc, role, j.seed)
	if err != nil {
		return Game{}, err
	}
	var p bot.Policy
	if j.policy != "" {
		if p, err = bot.New(j.policy, j.seed); err != nil {
			return Game{}, err
		}
	} else {
		p = bot.NewKnobPolicy("knobs", j.knobs)
	}
	if err := bot.Play(g, p); err != nil {
		return Game{}, err
	}
	o := g.Outcome()
	out := Game{Score: o.Score, Value: o.Value, Alignment: o.Alignment, BurnoutPeak: o.BurnoutPeak}
	if o.BurnedOut {
		out.BurnedOut = 1
	}
	return out, nil
}

// Diff is the paired difference a − b over the same seeds: the mean and its standard error.
// Playing both on the same seeds cancels the luck they share, so a paired difference is sharper
// than two independent means.
func Diff(a, b []Game, m func(Game) float64) Stat {
	n := min(len(a), len(b))
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = m(a[i]) - m(b[i])
	}
	return stat(xs)
}

// Pair runs both searches: the sensible one, then the unconstrained one starting from the
// sensible winner (which lies in its space too), so the unconstrained optimum is never worse for
// want of a starting point; and when the unconstrained winner is itself a sensible setting, the
// two winners meet in a run-off (RunOff) for the sensible answer. c.Space is ignored.
func Pair(c Config) (sensible, unconstrained Result, err error) {
	c.Space = Sensible
	if sensible, err = Run(c); err != nil {
		return
	}
	c.Space = Unconstrained
	c.Start = append(append([]bot.Knobs(nil), c.Start...), sensible.Knobs)
	if unconstrained, err = Run(c); err != nil {
		return
	}
	c.Space = Sensible
	sensible, err = RunOff(c, sensible, unconstrained.Knobs)
	return
}

// RunOff gives a search of c's space a second chance at a setting another search found: when s
// lies in the space and is not already the winner, the winner and s meet on the training and
// selection seeds, as a search's finalists do, and the better of the two is the answer (with
// the games of both searches counted). Otherwise the winner stands. Two searches of different
// spaces sample differently, and a wider one may find a setting the narrower one holds but
// missed; then the narrower optimum is that setting, not its own miss. The held-out seeds are
// never used to choose.
func RunOff(c Config, winner Result, s bot.Knobs) (Result, error) {
	if err := c.defaults(); err != nil {
		return Result{}, err
	}
	d, err := NewDomain(c.Role, c.Space, c.Arm)
	if err != nil {
		return Result{}, err
	}
	if s == winner.Knobs || !d.Contains(s) {
		return winner, nil
	}
	c.Start, c.Random, c.Budget = []bot.Knobs{winner.Knobs, s}, -1, 2*c.Train
	res, err := Run(c)
	if err != nil {
		return Result{}, err
	}
	res.Evaluated += winner.Evaluated
	res.Games += winner.Games
	return res, nil
}
