// Package debrief turns a room's results files into what a facilitator shows after the game: a
// table comparing the roles, one CSV row per game, and a picture with three charts. It is pure:
// it takes results that were already read and checked, and writes to an io.Writer or returns an
// image. Reading folders and replaying files is the caller's job (see `twohats debrief`).
package debrief

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"twohats/game/results"
	"twohats/game/sim"
)

// Game is one checked results file and where it came from.
type Game struct {
	Source string // the file's path, for the CSV
	results.File
	// Try is the player's try in the role at a workshop (1 or 0: counted; 2 and more: a further
	// try, in the CSV but not in the table or the charts).
	Try int
	// Syncs is how many PM–PO syncs the game held, from its replay: for a pair, how often the two
	// people sat down together.
	Syncs int
}

// Stat is the centre and spread of one measure over a group of games.
type Stat struct {
	Mean, SD, P10, P90 float64
}

// Row is one role's games in one scenario.
type Row struct {
	Scenario    string
	Role        sim.Role
	N           int
	Score       Stat // 0..100
	Value       Stat
	Alignment   Stat // 0..1
	StrategyFit Stat // 0..1
	BurnoutPeak Stat // 0..1
	BurnedOut   int  // games that ended in burnout
	Syncs       Stat // syncs a game
}

// roleOrder places roles as the brief lists them: PM, PO, both, then pairs.
func roleOrder(r sim.Role) int {
	for i, x := range sim.Roles {
		if x == r {
			return i
		}
	}
	return len(sim.Roles)
}

// Scenarios lists the scenarios the games come from, the one with most games first (ties by id).
func Scenarios(games []Game) []string {
	n := map[string]int{}
	for _, g := range games {
		n[g.Scenario]++
	}
	ids := make([]string, 0, len(n))
	for id := range n {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if n[ids[i]] != n[ids[j]] {
			return n[ids[i]] > n[ids[j]]
		}
		return ids[i] < ids[j]
	})
	return ids
}

// OfScenario keeps the games of one scenario.
func OfScenario(games []Game, id string) []Game {
	var out []Game
	for _, g := range games {
		if g.Scenario == id {
			out = append(out, g)
		}
	}
	return out
}

// Rows groups the games by scenario and role, scenarios by id and roles as PM, PO, both.
func Rows(games []Game) []Row {
	type key struct {
		scen string
		role sim.Role
	}
	groups := map[key][]Game{}
	var keys []key
	for _, g := range games {
		k := key{g.Scenario, g.Role}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], g)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].scen != keys[j].scen {
			return keys[i].scen < keys[j].scen
		}
		return roleOrder(keys[i].role) < roleOrder(keys[j].role)
	})
	rows := make([]Row, 0, len(keys))
	for _, k := range keys {
		gs := groups[k]
		stat := func(get func(results.Summary) float64) Stat {
			xs := make([]float64, len(gs))
			for i, g := range gs {
				xs[i] = get(g.Summary)
			}
			return Describe(xs)
		}
		r := Row{
			Scenario: k.scen, Role: k.role, N: len(gs),
			Score:       stat(func(s results.Summary) float64 { return s.Score }),
			Value:       stat(func(s results.Summary) float64 { return s.Value }),
			Alignment:   stat(func(s results.Summary) float64 { return s.Alignment }),
			StrategyFit: stat(func(s results.Summary) float64 { return s.StrategyFit }),
			BurnoutPeak: stat(func(s results.Summary) float64 { return s.BurnoutPeak }),
		}
		syncs := make([]float64, len(gs))
		for i, g := range gs {
			syncs[i] = float64(g.Syncs)
		}
		r.Syncs = Describe(syncs)
		for _, g := range gs {
			if g.BurnedOut {
				r.BurnedOut++
			}
		}
		rows = append(rows, r)
	}
	return rows
}

// Describe gives the mean, the sample standard deviation (0 for fewer than two values) and the
// 10th and 90th percentiles (linear between ranks) of xs.
func Describe(xs []float64) Stat {
	if len(xs) == 0 {
		return Stat{}
	}
	sorted := append([]float64(nil), xs...)
	sort.Float64s(sorted)
	sum := 0.0
	for _, x := range sorted {
		sum += x
	}
	m := sum / float64(len(sorted))
	sd := 0.0
	if len(sorted) > 1 {
		ss := 0.0
		for _, x := range sorted {
			ss += (x - m) * (x - m)
		}
		sd = math.Sqrt(ss / float64(len(sorted)-1))
	}
	return Stat{Mean: m, SD: sd, P10: quantile(sorted, 0.1), P90: quantile(sorted, 0.9)}
}

func quantile(sorted []float64, p float64) float64 {
	pos := p * float64(len(sorted)-1)
	lo := int(math.Floor(pos))
	hi := int(math.Ceil(pos))
	return sorted[lo] + (sorted[hi]-sorted[lo])*(pos-float64(lo))
}

// WriteTable prints the rows as a table per scenario: for each measure the mean and, in
// brackets, the range the middle 80% of games fall in (10th to 90th percentile). Alignment,
// strategy fit and burnout are shown in percent.
func WriteTable(w io.Writer, rows []Row) error {
	ew := &errWriter{w: w}
	scen := ""
	for _, r := range rows {
		if r.Scenario != scen {
			if scen != "" {
				fmt.Fprintln(ew)
			}
			scen = r.Scenario
			n := 0
			for _, x := range rows {
				if x.Scenario == scen {
					n += x.N
				}
			}
			fmt.Fprintf(ew, "%s: %d game%s; mean (10th-90th percentile)\n\n", scen, n, plural(n))
			fmt.Fprintf(ew, "%-16s %4s  %-18s %-16s %-16s %-16s %-16s %-16s %s\n",
				"role", "n", "score", "value", "alignment %", "strategy fit %", "burnout peak %", "burned out", "syncs")
		}
		fmt.Fprintf(ew, "%-16s %4d  %-18s %-16s %-16s %-16s %-16s %-16s %s\n", r.Role.Title(), r.N,
			cell(r.Score, 1, 1), cell(r.Value, 1, 0), cell(r.Alignment, 100, 0), cell(r.StrategyFit, 100, 0),
			cell(r.BurnoutPeak, 100, 0), fmt.Sprintf("%d of %d (%.0f%%)", r.BurnedOut, r.N, 100*float64(r.BurnedOut)/float64(max(1, r.N))),
			cell(r.Syncs, 1, 1))
	}
	return ew.err
}

func cell(s Stat, scale float64, decimals int) string {
	f := func(x float64) string { return strconv.FormatFloat(x*scale, 'f', decimals, 64) }
	return fmt.Sprintf("%s (%s-%s)", f(s.Mean), f(s.P10), f(s.P90))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// CSVHeader names the CSV columns.
var CSVHeader = []string{"source", "player", "scenario", "role", "policy", "seed", "score", "grade", "value",
	"alignment", "strategy_fit", "stakeholder_trust", "team_health", "burnout_peak", "burned_out",
	"sprints_played", "decisions", "bot", "try", "counted", "pm_player", "po_player", "syncs"}

// WriteCSV writes one row per game, in the order given, with the figures as the results files
// record them (alignment, fit, trust, health and burnout in 0..1).
func WriteCSV(w io.Writer, games []Game) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	num := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	for _, g := range games {
		s := g.Summary
		player := g.Player
		if s.Role == sim.RolePair {
			player = g.PlayerOf(sim.HatPM) + " & " + g.PlayerOf(sim.HatPO)
		}
		rec := []string{g.Source, player, s.Scenario, s.Role.String(), s.Policy, strconv.FormatUint(s.Seed, 10),
			num(s.Score), s.Grade, num(s.Value), num(s.Alignment), num(s.StrategyFit), num(s.StakeholderTrust),
			num(s.TeamHealth), num(s.BurnoutPeak), strconv.FormatBool(s.BurnedOut), strconv.Itoa(s.SprintsPlayed),
			strconv.Itoa(len(g.Actions)), strconv.FormatBool(s.Policy != "human"), strconv.Itoa(max(1, g.Try)),
			strconv.FormatBool(g.Try <= 1), g.wearer(sim.HatPM), g.wearer(sim.HatPO), strconv.Itoa(g.Syncs)}
		for i, v := range rec {
			rec[i] = defuse(v)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// wearer is the name of the person who wore hat h: a pair's player in that seat, or a solo
// player whose role wears it ("" where the colleague bot wore it).
func (g Game) wearer(h sim.Hat) string {
	if g.Role != sim.RolePair && !g.Role.Wears(h) {
		return ""
	}
	return g.PlayerOf(h)
}

// defuse keeps a spreadsheet from reading a typed name as a formula.
func defuse(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return "'" + v
		}
	}
	return v
}

// SprintMeans is the mean alignment per sprint of one role's games: sprints in which a game
// shipped nothing count for nothing (their alignment is undefined). NaN marks a sprint no game
// of the role shipped in.
func SprintMeans(games []Game, role sim.Role) []float64 {
	n := 0
	for _, g := range games {
		if g.Role == role {
			n = max(n, len(g.Sprints))
		}
	}
	out := make([]float64, n)
	for i := range out {
		sum, k := 0.0, 0
		for _, g := range games {
			if g.Role == role && i < len(g.Sprints) && g.Sprints[i].Points > 0 {
				sum += g.Sprints[i].Alignment
				k++
			}
		}
		out[i] = math.NaN()
		if k > 0 {
			out[i] = sum / float64(k)
		}
	}
	return out
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
