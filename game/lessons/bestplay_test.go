package lessons

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"twohats/game/bot"
	"twohats/game/scenario"
	"twohats/game/sim"
	"twohats/game/tune"
	"twohats/scenarios"
)

// bestPlayHoldsThrough is the last best-play statement of issue 10 §5 that must pass: statements 1
// to 6 hold at best play and are asserted (the search is deterministic, so a failure is a change
// in the model, not luck). Statement 7 (every catalogue policy 5 points below best play) does not
// hold yet in five comparisons: declining every request as an enterprise PO and a burnout PM
// (habits that cost, just short of 5 points), resting spare hours as an enterprise PM, and never
// reviewing or resting spare hours wearing both hats in the tutorial (see the report of
// `twohats lessons --best`); it is only logged, unless TWOHATS_BEST_LESSONS=1.
// Statements 1 to 6 also pass with search seeds 2 and 3 (twohats lessons --best --seed N), whose
// best sensible scores are within 0.58 points of seed 1's.
const bestPlayHoldsThrough = 6

// strictBest reports whether best-play statement n is asserted.
func strictBest(n int) bool {
	return n <= bestPlayHoldsThrough || os.Getenv("TWOHATS_BEST_LESSONS") == "1"
}

// TestBestPlay is `twohats lessons --best` on the shipped scenarios: every arm tuned, the seven
// statements measured. make test runs the full budget (what the report's figures use); -short a
// much smaller one. The machinery is always checked: every lesson measures something, the
// not-applicable cases are named, and the tuned sensible play is not below the roadmap bot (within
// a slack that the -short budget widens). Whether a statement holds is asserted at the full budget
// when strictBest says so; the -short budget's searches are too small to judge.
func TestBestPlay(t *testing.T) {
	r := NewBestRunner(scenarios.Load, scenarios.IDs(), BestBudget, BestHeldOut)
	if testing.Short() {
		r = NewBestRunner(scenarios.Load, scenarios.IDs(), ShortBudget, ShortHeldOut)
		r.Train, r.Select = 12, 24
	}
	rep, err := r.CheckBest()
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Lessons) != 7 {
		t.Fatalf("got %d best-play lessons, want 7", len(rep.Lessons))
	}
	for _, l := range rep.Lessons {
		if len(l.Comparisons) == 0 {
			t.Errorf("best-play lesson %d compares nothing", l.Number)
		}
		for _, c := range l.Comparisons {
			if !c.Pass {
				msg := fmt.Sprintf("best-play lesson %d fails: [%s] %s: %.3f vs %.3f, diff %+.3f ± %.3f", l.Number, c.Scenario, c.Claim, c.Left.Mean, c.Right.Mean, c.Diff, c.SE)
				if c.Why != "" {
					msg += "; " + c.Why
				}
				knobExploit := slices.ContainsFunc(bot.Catalogue, func(pol string) bool { return strings.HasSuffix(c.Claim, "/"+pol+" ≥ 5") })
				if l.Number == 7 && c.Why == "" && knobExploit {
					t.Errorf("lesson 7's failing %s does not say what its shortfall is made of", c.Claim)
				}
				if strictBest(l.Number) && !testing.Short() {
					t.Error(msg)
				} else {
					t.Log(msg)
				}
			}
		}
	}
	// At the full budget the tuned sensible play is at least the roadmap bot's equal. The -short
	// budget (a few hundred games) barely moves the search from the default knobs, which sit up to
	// about 2 points below the bot in some roles; there the check is only that the search works: a
	// broken one lands 10 to 40 points below.
	slack := 1.0
	if testing.Short() {
		slack = 4
	}
	for _, s := range rep.Searches {
		if s.Space == "sensible" && s.Arm == "" && s.Best.Score.Mean < s.Bot.Score.Mean-slack {
			t.Errorf("%s/%s: tuned sensible play %.2f is more than %.0f below the roadmap bot %.2f", s.Scenario, s.Role, s.Best.Score.Mean, slack, s.Bot.Score.Mean)
		}
	}
	if !slices.ContainsFunc(rep.NotApplied, func(n NotApplied) bool { return n.Number == 2 && n.Scenario == "tutorial" }) {
		t.Errorf("lesson 2 is not reported as not applying to the tutorial: %v", rep.NotApplied)
	}
	// Resting spare hours changes nothing for a tutorial PO, who has none to spare: every game ends
	// as the default player's does, so lesson 7 does not hold it below best play there.
	if !slices.ContainsFunc(rep.NotApplied, func(n NotApplied) bool {
		return n.Number == 7 && n.Scenario == "tutorial" && strings.HasPrefix(n.Why, "rest-spare as Product Owner")
	}) {
		t.Errorf("rest-spare is not reported as changing nothing for the tutorial PO: %v", rep.NotApplied)
	}
	for _, l := range rep.Lessons {
		for _, c := range l.Comparisons {
			if l.Number == 7 && c.Scenario == "tutorial" && c.Claim == "score po/best sensible − po/rest-spare ≥ 5" {
				t.Errorf("lesson 7 still compares a habit that changes nothing: %s", c.Claim)
			}
		}
	}
	t.Logf("%d searches, %d games", len(rep.Searches), rep.Games)
	for _, line := range r.Table() {
		t.Log(line)
	}
}

// TestBestPlayOnAnAuthorsFile: a scenario nobody shipped, made only for the PO, gets the lessons
// that apply to one role and a reason for each that does not.
func TestBestPlayOnAnAuthorsFile(t *testing.T) {
	sc := synthetic(5)
	sc.Roles = []string{"po"}
	load := func(id string) (*scenario.Scenario, error) {
		if id != "mine.toml" {
			return nil, fmt.Errorf("no file %s", id)
		}
		return sc, nil
	}
	r := NewBestRunner(load, []string{"mine.toml"}, 200, 12)
	r.Train, r.Select = 10, 10
	rep, err := r.CheckBest()
	if err != nil {
		t.Fatal(err)
	}
	na := map[int]string{}
	for _, n := range rep.NotApplied {
		na[n.Number] = n.Why
	}
	for _, n := range []int{1, 2, 3, 6} {
		if na[n] == "" {
			t.Errorf("lesson %d is not reported as not applying (got %v)", n, na)
		}
	}
	for _, l := range rep.Lessons {
		applies := l.Number == 4 || l.Number == 5 || l.Number == 7
		if applies != (len(l.Comparisons) > 0) {
			t.Errorf("lesson %d: %d comparisons, applies %v", l.Number, len(l.Comparisons), applies)
		}
		for _, c := range l.Comparisons {
			if c.Scenario != sc.ID {
				t.Errorf("lesson %d compares on %q", l.Number, c.Scenario)
			}
		}
	}
	for _, s := range rep.Searches {
		if s.Role != sim.RolePO {
			t.Errorf("a search in role %s, which the file does not suit", s.Role)
		}
	}
}

// TestBestPlayUnseen: with TWOHATS_BEST_LESSONS=1, the lessons that apply to generated scenarios
// hold there too at best play. It is not run by default because they do not all hold yet.
// Lessons 1 and 3 do. On synthetic-1 the themes the stakeholders press hardest are the ones the
// market wants most, in the same order, so urgency order delivers as much value for a PM (4) and
// a roadmap drawn from the loudest themes is the unconstrained PM's winner, 3.5 points above the
// sensible one (7); wearing both hats there, never researching a market the first estimate already
// knows wins 2.7 points (7). The generated inboxes hold no ask clearly worth a no, so a PO who
// accepts everything comes within a point of choosing (5). The bot lessons do hold there
// (TestLessonsOnUnseenScenarios). The table is logged, for the knob settings behind each figure.
func TestBestPlayUnseen(t *testing.T) {
	if os.Getenv("TWOHATS_BEST_LESSONS") != "1" || testing.Short() {
		t.Skip("the strict best-play lessons on generated scenarios run with TWOHATS_BEST_LESSONS=1")
	}
	ids := []string{"synthetic-1", "synthetic-2"}
	load := func(id string) (*scenario.Scenario, error) {
		var n uint64
		if _, err := fmt.Sscanf(id, "synthetic-%d", &n); err != nil {
			return nil, err
		}
		return synthetic(n), nil
	}
	r := NewBestRunner(load, ids, BestBudget/2, BestHeldOut)
	rep, err := r.CheckBest()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range rep.Lessons {
		for _, c := range l.Comparisons {
			if !c.Pass {
				msg := fmt.Sprintf("best-play lesson %d fails on [%s] %s: diff %+.3f ± %.3f", l.Number, c.Scenario, c.Claim, c.Diff, c.SE)
				if c.Why != "" {
					msg += "; " + c.Why
				}
				t.Error(msg)
			}
		}
	}
	for _, line := range r.Table() {
		t.Log(line)
	}
}

// A catalogue policy counts in lesson 7 only in a role where it changes what the player does.
func TestChangesAnything(t *testing.T) {
	sc, err := scenarios.Load("startup")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		policy string
		role   sim.Role
		want   bool
	}{
		{"never-refine", sim.RolePM, false}, // the colleague PO refines
		{"never-refine", sim.RolePO, true},
		{"never-review", sim.RolePM, false},
		{"flat-roadmap", sim.RolePO, false}, // the colleague PM sets the roadmap
		{"flat-roadmap", sim.RoleBoth, true},
		{"decline-all", sim.RolePM, true},
		{"lazy", sim.RolePO, true},
		{"idle", sim.RolePM, true},
		{"spam-rest", sim.RolePO, true},
	}
	for _, tt := range tests {
		if got := changesAnything(sc, tt.role, tt.policy); got != tt.want {
			t.Errorf("changesAnything(startup, %s, %s) = %v, want %v", tt.role, tt.policy, got, tt.want)
		}
	}
	quiet := *sc
	quiet.Requests = nil
	if changesAnything(&quiet, sim.RolePM, "decline-all") {
		t.Error("decline-all changes something where no request ever comes")
	}
}

// A habit changes nothing when every held-out game ends alike, seed by seed; one game apart, or no
// games at all, and it is measured.
func TestSameGames(t *testing.T) {
	g := func(score float64) tune.Game { return tune.Game{Score: score, Value: 10 * score, Alignment: 0.5} }
	base := []tune.Game{g(70), g(71), g(72)}
	tests := []struct {
		name string
		a, b []tune.Game
		want bool
	}{
		{"every game alike", base, slices.Clone(base), true},
		{"one score apart", base, []tune.Game{g(70), g(71), g(72.001)}, false},
		{"same scores, one burnout apart", base, []tune.Game{g(70), {Score: 71, Value: 710, Alignment: 0.5, BurnoutPeak: 0.1}, g(72)}, false},
		{"same games, another order", base, []tune.Game{g(71), g(70), g(72)}, false},
		{"fewer games", base, base[:2], false},
		{"no games", nil, nil, false},
	}
	for _, tt := range tests {
		if got := sameGames(tune.FiguresOf(tt.a), tune.FiguresOf(tt.b)); got != tt.want {
			t.Errorf("%s: sameGames = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestHabitCost: a failing catalogue exploit's shortfall splits, seed by seed, into the default
// player's gap to best play and the habit's own cost, and the note says which way the habit goes.
func TestHabitCost(t *testing.T) {
	best := games(80, 82, 81, 83)
	def := games(79, 81, 80, 82) // one point below best on every seed
	for _, tc := range []struct {
		name   string
		policy tune.Figures
		want   string
	}{
		{"habit costs nothing", games(79, 81, 80, 82), "stands 1.00±0.00 below best sensible play; the habit costs 0.00±0.00 on it"},
		{"habit costs", games(77, 79, 78, 80), "the habit costs 2.00±0.00 on it"},
		{"habit pays", games(79.5, 81.5, 80.5, 82.5), "the habit gains 0.50±0.00 on it"},
		{"habit gains next to nothing", games(79.001, 81.001, 80.001, 82.001), "the habit costs 0.00±0.00 on it"},
		{"noisy habit", games(79, 80, 80, 81), "the habit costs 0.50±0.29 on it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := habitCost(best, def, tc.policy); !strings.Contains(got, tc.want) {
				t.Errorf("habitCost = %q, want it to contain %q", got, tc.want)
			}
		})
	}
}

// games is a policy's held-out figures from its scores alone, seed by seed.
func games(scores ...float64) tune.Figures {
	gs := make([]tune.Game, len(scores))
	for i, s := range scores {
		gs[i].Score = s
	}
	return tune.FiguresOf(gs)
}

// A habit changes nothing lesson 7 can measure when its paired score change from the default
// player is within 3 SE of zero and under a quarter point; a small change that is clearly there,
// or a large one hidden by noise, is measured.
func TestHabitChangesNothing(t *testing.T) {
	def := games(70, 72, 71, 73, 70, 72)
	for _, tc := range []struct {
		name   string
		policy tune.Figures
		want   bool
	}{
		{"every game alike", games(70, 72, 71, 73, 70, 72), true},
		{"small, noisy change", games(70.1, 71.9, 71.2, 72.9, 70, 72), true},
		{"small change on every seed", games(69.9, 71.9, 70.9, 72.9, 69.9, 71.9), false},
		{"small gain on every seed", games(70.1, 72.1, 71.1, 73.1, 70.1, 72.1), false},
		{"large change hidden by noise", games(72, 70, 73, 71, 72, 75), false},
		{"a cost past a quarter point, noisy", games(69.2, 72.3, 70.4, 73.2, 69.5, 71.6), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d, got := habitChangesNothing(def, tc.policy); got != tc.want {
				t.Errorf("habitChangesNothing = %v (change %+.3f ± %.3f), want %v", got, -d.Mean, d.SE, tc.want)
			}
		})
	}
	if _, got := habitChangesNothing(games(), games()); got {
		t.Error("habitChangesNothing with no games = true, want false: nothing was measured")
	}
}
