package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"twohats/game/batch"
	"twohats/game/bot"
	"twohats/game/scenario"
	"twohats/game/sim"
)

// reportPolicies are the bot policies a report plays by default: the sensible player, the loud
// one, the one who says yes to everything, and chance.
var reportPolicies = []string{"roadmap", "urgency", "yes", "random"}

// Report is what `twohats report` finds about a scenario: how it plays for each role and policy.
// It is an author's view: which events and requests ever happen and when, which stories never
// ship, how the scores spread.
type Report struct {
	Scenario string      `json:"scenario"`
	Runs     int         `json:"runs"`
	Seed     uint64      `json:"seed"`
	Arms     []ReportArm `json:"arms"`
	// NeverShipped lists the stories no game of any arm shipped.
	NeverShipped []string `json:"never_shipped"`
}

// ReportArm is one role played by one policy over the runs.
type ReportArm struct {
	Role        string  `json:"role"`
	Policy      string  `json:"policy"`
	ScoreMean   float64 `json:"score_mean"`
	ScoreP10    float64 `json:"score_p10"`
	ScoreP90    float64 `json:"score_p90"`
	BurnoutPeak float64 `json:"burnout_peak_mean"`
	BurnedOut   float64 `json:"burned_out_share"`
	// PromisesKept and PromisesBroken are means per game; nil when the engine does not count
	// promises (its outcome has no promises_kept / promises_broken).
	PromisesKept   *float64      `json:"promises_kept_mean"`
	PromisesBroken *float64      `json:"promises_broken_mean"`
	Events         []ReportFired `json:"events"`
	Requests       []ReportFired `json:"requests"`
	Stories        []ReportStory `json:"stories"`
}

// ReportFired is how often an event or request happened, and in which sprints.
type ReportFired struct {
	ID     string  `json:"id"`
	Share  float64 `json:"share"`     // of the games, 0..1
	Sprint []int   `json:"by_sprint"` // games in which it happened in sprint k+1
}

// ReportStory is how often a story shipped.
type ReportStory struct {
	ID    string  `json:"id"`
	Share float64 `json:"shipped_share"`
}

func reportCmd(args []string, w io.Writer) (int, error) {
	fs := newFlags("report")
	runs := fs.Int("runs", 100, "games per role and policy")
	seed := fs.Uint64("seed", 1, "first seed")
	asJSON := fs.Bool("json", false, "the report as one JSON object")
	policies := fs.String("policies", strings.Join(reportPolicies, ","), "bot policies, comma-separated")
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") { // FILE|ID first, flags after
		args = append(args[1:], args[0])
	}
	if err := parseFlags(fs, args); err != nil {
		return ExitUsage, err
	}
	if fs.NArg() != 1 {
		return ExitUsage, usagef("report needs one FILE or shipped scenario ID")
	}
	if *runs < 1 || *runs > 100_000 {
		return ExitUsage, usagef("report: --runs must be between 1 and 100000, not %d", *runs)
	}
	pols := strings.Split(*policies, ",")
	for _, p := range pols {
		if _, err := bot.New(p, 0); err != nil {
			return ExitUsage, usagef("report: %v", err)
		}
	}
	loaded, err := loadScenario(fs.Arg(0))
	if err != nil {
		return ExitFailed, err
	}
	sc := loaded.Sc
	rep, err := buildReport(sc, pols, *runs, *seed)
	if err != nil {
		return ExitFailed, err
	}
	if *asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return ExitOK, enc.Encode(rep)
	}
	return ExitOK, writeReport(w, sc, rep)
}

// buildReport plays runs games (seeds seed..seed+runs-1) for every role the scenario suits and
// every policy, on all cores, one arm at a time so only one arm's games are held at once.
func buildReport(sc *scenario.Scenario, policies []string, runs int, seed uint64) (*Report, error) {
	rep := &Report{Scenario: sc.ID, Runs: runs, Seed: seed}
	shippedAnywhere := make([]bool, len(sc.Stories))
	for _, rn := range sc.Roles {
		role, err := sim.ParseRole(rn)
		if err != nil {
			return nil, err
		}
		for _, p := range policies {
			jobs := make([]batch.Job, runs)
			for i := range jobs {
				jobs[i] = batch.Job{Scenario: sc, Role: role, Policy: p, Seed: seed + uint64(i)}
			}
			outs := batch.Run(jobs, 0, true)
			arm, err := reportArm(sc, rn, p, outs, shippedAnywhere)
			if err != nil {
				return nil, err
			}
			rep.Arms = append(rep.Arms, arm)
		}
	}
	rep.NeverShipped = []string{}
	for i, ok := range shippedAnywhere {
		if !ok {
			rep.NeverShipped = append(rep.NeverShipped, sc.Stories[i].ID)
		}
	}
	return rep, nil
}

func reportArm(sc *scenario.Scenario, role, policy string, outs []batch.Outcome, shippedAnywhere []bool) (ReportArm, error) {
	arm := ReportArm{Role: role, Policy: policy}
	n := float64(len(outs))
	events := newFired(len(sc.Events), sc.Sprints)
	requests := newFired(len(sc.Requests), sc.Sprints)
	shipped := make([]int, len(sc.Stories))
	scores := make([]float64, 0, len(outs))
	var kept, broken float64
	counted := true
	for _, o := range outs {
		if o.Err != nil {
			return arm, o.Err
		}
		g := o.Game
		out := g.Outcome()
		scores = append(scores, out.Score)
		arm.BurnoutPeak += out.BurnoutPeak / n
		if out.BurnedOut {
			arm.BurnedOut += 1 / n
		}
		k, b, ok := promiseCounts(out)
		counted = counted && ok
		kept, broken = kept+k, broken+b
		s := g.State()
		seenEvent := make([]bool, len(sc.Events))
		seenRequest := make([]bool, len(sc.Requests))
		for _, c := range s.Log {
			switch {
			case c.Kind == sim.ConEvent && c.Action.Kind != sim.ActChoose && c.Subject >= 0 && c.Subject < len(seenEvent) && !seenEvent[c.Subject]:
				seenEvent[c.Subject] = true
				events.add(c.Subject, c.Sprint)
			case c.Kind == sim.ConRequest && c.Subject >= 0 && c.Subject < len(seenRequest) && !seenRequest[c.Subject]:
				seenRequest[c.Subject] = true
				requests.add(s.Requests[c.Subject].Def, c.Sprint)
			}
		}
		for i := range s.Stories {
			if st := &s.Stories[i]; st.Status == sim.StoryAccepted {
				shipped[st.Def]++
				shippedAnywhere[st.Def] = true
			}
		}
	}
	sorted := sortedCopy(scores)
	arm.ScoreMean = mean(scores)
	arm.ScoreP10, arm.ScoreP90 = percentile(sorted, 0.1), percentile(sorted, 0.9)
	if counted {
		k, b := kept/n, broken/n
		arm.PromisesKept, arm.PromisesBroken = &k, &b
	}
	for i, e := range sc.Events {
		arm.Events = append(arm.Events, events.row(i, e.ID, n))
	}
	for i, r := range sc.Requests {
		arm.Requests = append(arm.Requests, requests.row(i, r.ID, n))
	}
	for i, st := range sc.Stories {
		arm.Stories = append(arm.Stories, ReportStory{ID: st.ID, Share: float64(shipped[i]) / n})
	}
	return arm, nil
}

// promiseCounts reads promises_kept and promises_broken from the outcome when the engine counts
// them; ok is false when it does not.
func promiseCounts(o sim.Outcome) (kept, broken float64, ok bool) {
	b, err := json.Marshal(o)
	if err != nil {
		return 0, 0, false
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return 0, 0, false
	}
	k, ok1 := m["promises_kept"].(float64)
	br, ok2 := m["promises_broken"].(float64)
	return k, br, ok1 && ok2
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// fired counts, per event or request, the games it happened in by sprint.
type fired struct {
	games    []int
	bySprint [][]int
}

func newFired(n, sprints int) *fired {
	f := &fired{games: make([]int, n), bySprint: make([][]int, n)}
	for i := range f.bySprint {
		f.bySprint[i] = make([]int, sprints)
	}
	return f
}

func (f *fired) add(i, sprint int) {
	if i < 0 || i >= len(f.games) {
		return
	}
	f.games[i]++
	if sprint >= 1 && sprint <= len(f.bySprint[i]) {
		f.bySprint[i][sprint-1]++
	}
}

func (f *fired) row(i int, id string, n float64) ReportFired {
	return ReportFired{ID: id, Share: float64(f.games[i]) / n, Sprint: slices.Clone(f.bySprint[i])}
}

// writeReport prints the report as tables: one row per role and policy, then events, requests
// and stories with one column per arm.
func writeReport(w io.Writer, sc *scenario.Scenario, rep *Report) error {
	fmt.Fprintf(w, "%s: %s; %d games per role and policy, seeds %d..%d\n\n", sc.ID, sc.Title, rep.Runs, rep.Seed, rep.Seed+uint64(rep.Runs)-1)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "role\tpolicy\tscore mean\tp10\tp90\tburnout peak\tburned out\tpromises kept\tbroken")
	for _, a := range rep.Arms {
		kept, broken := "n/a", "n/a"
		if a.PromisesKept != nil {
			kept, broken = fmt.Sprintf("%.2f", *a.PromisesKept), fmt.Sprintf("%.2f", *a.PromisesBroken)
		}
		fmt.Fprintf(tw, "%s\t%s\t%.1f\t%.1f\t%.1f\t%.2f\t%.0f%%\t%s\t%s\n", a.Role, a.Policy, a.ScoreMean, a.ScoreP10, a.ScoreP90,
			a.BurnoutPeak, 100*a.BurnedOut, kept, broken)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(rep.Arms) > 0 && rep.Arms[0].PromisesKept == nil {
		fmt.Fprintln(w, "promises: n/a, this engine does not count promises kept and broken yet")
	}
	head := ""
	for _, a := range rep.Arms {
		head += "\t" + a.Role + "/" + a.Policy
	}
	section := func(title string, rows func(a ReportArm) []ReportFired) error {
		if len(rep.Arms) == 0 || len(rows(rep.Arms[0])) == 0 {
			return nil
		}
		fmt.Fprintf(w, "\n%s: share of games, and the sprints it came in most (sprint:share)\n", title)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, head)
		for i, r := range rows(rep.Arms[0]) {
			line := r.ID
			for _, a := range rep.Arms {
				line += "\t" + firedCell(rows(a)[i], rep.Runs)
			}
			fmt.Fprintln(tw, line)
		}
		return tw.Flush()
	}
	if err := section("events", func(a ReportArm) []ReportFired { return a.Events }); err != nil {
		return err
	}
	if err := section("requests", func(a ReportArm) []ReportFired { return a.Requests }); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nstories: share of games that shipped them")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, head)
	for i, st := range sc.Stories {
		line := st.ID
		for _, a := range rep.Arms {
			line += fmt.Sprintf("\t%.0f%%", 100*a.Stories[i].Share)
		}
		fmt.Fprintln(tw, line)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(rep.NeverShipped) > 0 {
		fmt.Fprintf(w, "\nnever shipped in any game: %s\n", strings.Join(rep.NeverShipped, ", "))
	} else {
		fmt.Fprintln(w, "\nevery story shipped in some game")
	}
	return nil
}

// firedCell is "62% 2:40 3:22": the share of games, then the two sprints it came in most.
func firedCell(f ReportFired, runs int) string {
	if f.Share == 0 {
		return "never"
	}
	type ks struct{ sprint, n int }
	var top []ks
	for k, n := range f.Sprint {
		if n > 0 {
			top = append(top, ks{k + 1, n})
		}
	}
	slices.SortStableFunc(top, func(a, b ks) int { return b.n - a.n })
	cell := fmt.Sprintf("%.0f%%", 100*f.Share)
	for i, t := range top {
		if i == 2 {
			break
		}
		cell += fmt.Sprintf(" %d:%.0f", t.sprint, 100*float64(t.n)/float64(runs))
	}
	return cell
}
