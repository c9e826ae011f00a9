// Package lessons checks that the lessons Two Hats teaches emerge from the outcome model: it
// plays arms (a scenario, a role, a bot policy) over many seeds and compares their means. A
// comparison passes when the difference of the means exceeds three standard errors of that
// difference. Nothing here feeds back into the model: the lessons are measured, never scripted.
package lessons

import (
	"fmt"
	"math"
	"sort"

	"twohats/game/batch"
	"twohats/game/results"
	"twohats/game/scenario"
	"twohats/game/sim"
)

// Arm is one set-up played over many seeds.
type Arm struct {
	Scenario string   `json:"scenario"`
	Role     sim.Role `json:"role"`
	Policy   string   `json:"policy"`
}

func (a Arm) String() string { return fmt.Sprintf("%s/%s", a.Role, a.Policy) }

// Stat is a mean with its standard error.
type Stat struct {
	Mean float64 `json:"mean"`
	SE   float64 `json:"se"`
}

// Comparison is one measured claim: Left minus Right must exceed Margin standard errors (or, for
// a share, a threshold; see Note).
type Comparison struct {
	Scenario string  `json:"scenario"`
	Claim    string  `json:"claim"`
	Left     Stat    `json:"left"`
	Right    Stat    `json:"right"`
	Diff     float64 `json:"diff"`
	SE       float64 `json:"se"`
	Pass     bool    `json:"pass"`
	// Why says what a failing comparison is made of, where the check can tell: for a catalogue
	// exploit, how much of its shortfall the default player already has and what its one habit
	// adds. Empty when the comparison passes.
	Why string `json:"why,omitempty"`
}

// Lesson is one row of the report.
type Lesson struct {
	Number      int          `json:"number"`
	Title       string       `json:"title"`
	Pass        bool         `json:"pass"`
	Comparisons []Comparison `json:"comparisons"`
}

// Weakest is the comparison with the smallest margin, the one the report shows.
func (l Lesson) Weakest() Comparison {
	best, bestZ := Comparison{}, math.Inf(1)
	for _, c := range l.Comparisons {
		z := c.Diff / math.Max(c.SE, 1e-12)
		if !c.Pass {
			z -= 1e6
		}
		if z < bestZ {
			best, bestZ = c, z
		}
	}
	return best
}

// Loader finds a shipped scenario by id.
type Loader func(id string) (*scenario.Scenario, error)

// Runner plays arms on demand and remembers them.
type Runner struct {
	Runs      int
	FirstSeed uint64 // seeds FirstSeed..FirstSeed+Runs-1; 1 unless set
	Scenarios []string
	scenarioCache
	cache map[Arm][]results.Summary
}

// scenarioCache loads each scenario once: a lessons run asks for the same ids in every arm.
type scenarioCache struct {
	load   Loader
	loaded map[string]*scenario.Scenario
}

func newScenarioCache(load Loader) scenarioCache {
	return scenarioCache{load: load, loaded: map[string]*scenario.Scenario{}}
}

// NewRunner makes a runner over the given scenario ids with runs seeds per arm.
func NewRunner(load Loader, ids []string, runs int) *Runner {
	return &Runner{Runs: runs, FirstSeed: 1, Scenarios: ids, scenarioCache: newScenarioCache(load), cache: map[Arm][]results.Summary{}}
}

// Prepare plays every arm not yet played, all in one batch so every core stays busy.
func (r *Runner) Prepare(arms []Arm) error {
	var todo []Arm
	seen := map[Arm]bool{}
	for _, a := range arms {
		if _, ok := r.cache[a]; ok || seen[a] {
			continue
		}
		seen[a] = true
		todo = append(todo, a)
	}
	var jobs []batch.Job
	for _, a := range todo {
		sc, err := r.scenario(a.Scenario)
		if err != nil {
			return err
		}
		for i := 0; i < r.Runs; i++ {
			jobs = append(jobs, batch.Job{Scenario: sc, Role: a.Role, Policy: a.Policy, Seed: r.FirstSeed + uint64(i)})
		}
	}
	outs := batch.Run(jobs, 0, false)
	for k, a := range todo {
		ss := make([]results.Summary, r.Runs)
		for i := range ss {
			o := outs[k*r.Runs+i]
			if o.Err != nil {
				return fmt.Errorf("%s on %s: %w", a, a.Scenario, o.Err)
			}
			ss[i] = o.Summary
		}
		r.cache[a] = ss
	}
	return nil
}

func (r *scenarioCache) scenario(id string) (*scenario.Scenario, error) {
	if sc, ok := r.loaded[id]; ok {
		return sc, nil
	}
	sc, err := r.load(id)
	if err != nil {
		return nil, err
	}
	r.loaded[id] = sc
	return sc, nil
}

// Metric reads one number from a game's summary.
type Metric func(results.Summary) float64

// The metrics the lessons compare.
var (
	Score       Metric = func(s results.Summary) float64 { return s.Score }
	Value       Metric = func(s results.Summary) float64 { return s.Value }
	Alignment   Metric = func(s results.Summary) float64 { return s.Alignment }
	BurnoutPeak Metric = func(s results.Summary) float64 { return s.BurnoutPeak }
	BurnedOut   Metric = func(s results.Summary) float64 {
		if s.BurnedOut {
			return 1
		}
		return 0
	}
)

// Stat measures an arm.
func (r *Runner) Stat(a Arm, m Metric) Stat {
	ss := r.cache[a]
	n := float64(len(ss))
	if n == 0 {
		return Stat{}
	}
	sum := 0.0
	for _, s := range ss {
		sum += m(s)
	}
	mean := sum / n
	v := 0.0
	for _, s := range ss {
		d := m(s) - mean
		v += d * d
	}
	if n > 1 {
		v /= n - 1
	}
	return Stat{Mean: mean, SE: math.Sqrt(v / n)}
}

// greater compares left > right by more than three standard errors of the difference.
func greater(scen, claim string, left, right Stat) Comparison {
	diff := left.Mean - right.Mean
	se := math.Sqrt(left.SE*left.SE + right.SE*right.SE)
	return Comparison{Scenario: scen, Claim: claim, Left: left, Right: right, Diff: diff, SE: se, Pass: diff > 3*se}
}

// Sorted returns the arms' keys in a stable order, for reports.
func sortedArms(m map[Arm][]results.Summary) []Arm {
	out := make([]Arm, 0, len(m))
	for a := range m {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Scenario != out[j].Scenario {
			return out[i].Scenario < out[j].Scenario
		}
		if out[i].Role != out[j].Role {
			return out[i].Role < out[j].Role
		}
		return out[i].Policy < out[j].Policy
	})
	return out
}
