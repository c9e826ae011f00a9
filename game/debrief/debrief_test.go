package debrief

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"twohats/game/results"
	"twohats/game/sim"
)

func TestDescribe(t *testing.T) {
	tests := []struct {
		xs   []float64
		want Stat
	}{
		{nil, Stat{}},
		{[]float64{5}, Stat{Mean: 5, P10: 5, P90: 5}},
		{[]float64{4, 2, 6, 8}, Stat{Mean: 5, SD: math.Sqrt(20.0 / 3), P10: 2.6, P90: 7.4}},
		{[]float64{0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, Stat{Mean: 50, SD: math.Sqrt(1100), P10: 10, P90: 90}},
	}
	for _, tt := range tests {
		got := Describe(tt.xs)
		near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
		if !near(got.Mean, tt.want.Mean) || !near(got.SD, tt.want.SD) || !near(got.P10, tt.want.P10) || !near(got.P90, tt.want.P90) {
			t.Errorf("Describe(%v) = %+v, want %+v", tt.xs, got, tt.want)
		}
	}
}

func game(scen string, role sim.Role, score, burnout float64, out bool, align ...float64) Game {
	g := Game{Source: scen + ".json"}
	g.Scenario, g.Role, g.Score, g.BurnoutPeak, g.BurnedOut = scen, role, score, burnout, out
	for _, a := range align {
		pts := 5.0
		if a < 0 {
			a, pts = 0, 0
		}
		g.Sprints = append(g.Sprints, sim.SprintRecord{Alignment: a, Points: pts})
	}
	return g
}

func TestRowsGroupAndOrder(t *testing.T) {
	games := []Game{
		game("startup", sim.RoleBoth, 60, 0.5, true, 0.9),
		game("pivot", sim.RolePO, 70, 0.1, false),
		game("startup", sim.RolePM, 80, 0.2, false),
		game("startup", sim.RoleBoth, 40, 0.9, false),
	}
	rows := Rows(games)
	var got []string
	for _, r := range rows {
		got = append(got, r.Scenario+"/"+r.Role.String())
	}
	if strings.Join(got, " ") != "pivot/po startup/pm startup/both" {
		t.Fatalf("rows %v", got)
	}
	both := rows[2]
	if both.N != 2 || both.Score.Mean != 50 || both.BurnedOut != 1 || math.Abs(both.BurnoutPeak.Mean-0.7) > 1e-12 {
		t.Errorf("both: %+v", both)
	}
	if ids := Scenarios(games); strings.Join(ids, ",") != "startup,pivot" {
		t.Errorf("scenarios %v", ids)
	}
	var buf bytes.Buffer
	if err := WriteTable(&buf, rows); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"pivot: 1 game;", "startup: 3 games;", "Both hats           2  50.0 (42.0-58.0)", "1 of 2 (50%)"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, buf.String())
		}
	}
}

func TestSprintMeansSkipEmptySprints(t *testing.T) {
	games := []Game{
		game("s", sim.RolePM, 0, 0, false, 0.8, -1, 0.6),
		game("s", sim.RolePM, 0, 0, false, 0.4, -1),
		game("s", sim.RolePO, 0, 0, false, 1),
	}
	got := SprintMeans(games, sim.RolePM)
	if len(got) != 3 || math.Abs(got[0]-0.6) > 1e-12 || !math.IsNaN(got[1]) || got[2] != 0.6 {
		t.Errorf("SprintMeans = %v", got)
	}
	if got := SprintMeans(games, sim.RoleBoth); len(got) != 0 {
		t.Errorf("no games: %v", got)
	}
}

func TestChart(t *testing.T) {
	games := []Game{
		game("s", sim.RolePM, 80, 0.1, false, 0.9, 0.8, 0.85),
		game("s", sim.RoleBoth, 70, 0.6, true, 0.95, 0.9),
	}
	for _, gs := range [][]Game{games, nil} {
		img, err := Chart(gs, "test")
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != Width || b.Dy() != Height {
			t.Errorf("size %v", b)
		}
	}
}

func TestCSVDefusesFormulas(t *testing.T) {
	g := game("s", sim.RolePM, 80, 0, false)
	g.Player = "@cmd"
	g.Summary = results.Summary{Scenario: "s", Role: sim.RolePM, Score: -1}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, []Game{g}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), ",'@cmd,") || !strings.Contains(buf.String(), ",-1,") {
		t.Errorf("csv:\n%s", buf.String())
	}
}
