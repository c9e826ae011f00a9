package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportGolden plays the tutorial a few times per role and policy and compares the report,
// text and JSON, with testdata/report (go test -update rewrites them). The output depends only on
// the scenario, the seeds and the engine, never on how the games were spread over the cores.
func TestReportGolden(t *testing.T) {
	code, out, errs := run(t, "report", "tutorial", "--runs", "6", "--policies", "roadmap,yes")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	golden(t, "report/tutorial.golden", out)
	for _, want := range []string{"role  policy", "events:", "stories:", "both  yes"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}

	code, js, errs := run(t, "report", "tutorial", "--runs", "6", "--policies", "roadmap,yes", "--json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	golden(t, "report/tutorial.json.golden", js)
	var rep Report
	if err := json.Unmarshal([]byte(js), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Scenario != "tutorial" || len(rep.Arms) != 6 || rep.Runs != 6 {
		t.Errorf("report = %s with %d arms over %d runs", rep.Scenario, len(rep.Arms), rep.Runs)
	}
	for _, a := range rep.Arms {
		if !(a.ScoreP10 <= a.ScoreMean && a.ScoreMean <= a.ScoreP90) {
			t.Errorf("%s/%s: p10 %v mean %v p90 %v", a.Role, a.Policy, a.ScoreP10, a.ScoreMean, a.ScoreP90)
		}
		for _, e := range a.Events {
			n := 0
			for _, k := range e.Sprint {
				n += k
			}
			if float64(n) != e.Share*6 {
				t.Errorf("%s: by-sprint counts %v do not add up to share %v", e.ID, e.Sprint, e.Share)
			}
		}
	}
	// Twice the same: deterministic.
	if _, again, _ := run(t, "report", "tutorial", "--runs", "6", "--policies", "roadmap,yes"); again != out {
		t.Error("two runs of the same report differ")
	}
}

func TestReportUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"report"}, "report needs one FILE or shipped scenario ID"},
		{[]string{"report", "tutorial", "--runs", "0"}, "--runs must be between 1"},
		{[]string{"report", "tutorial", "--policies", "roadmap,lucky"}, `unknown policy "lucky"`},
	} {
		code, _, errs := run(t, tt.args...)
		if code != ExitUsage || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, %q; want %q", tt.args, code, errs, tt.want)
		}
	}
}

// TestNewWritesAScenarioThatChecks: the template passes check, on stdout and in a file, and an
// existing file is kept unless --force.
func TestNewWritesAScenarioThatChecks(t *testing.T) {
	code, out, errs := run(t, "new", "my-game")
	if code != ExitOK || !strings.Contains(out, `id = "my-game"`) {
		t.Fatalf("exit %d: %s%s", code, out, errs)
	}
	dir := t.TempDir()
	f := filepath.Join(dir, "my-game.toml")
	if code, _, errs := run(t, "new", "my-game", "--out", f); code != ExitOK {
		t.Fatalf("new --out: exit %d: %s", code, errs)
	}
	written, _ := os.ReadFile(f)
	if string(written) != out {
		t.Error("--out wrote something else than stdout shows")
	}
	if code, res, _ := run(t, "check", f); code != ExitOK || !strings.HasSuffix(strings.TrimSpace(res), ": ok") {
		t.Errorf("check of the new scenario: exit %d: %s", code, res)
	}
	mustWrite(t, f, []byte("mine"))
	if code, _, errs := run(t, "new", "my-game", "--out", f); code != ExitFailed || !strings.Contains(errs, "exists; --force overwrites it") {
		t.Errorf("new over an existing file: exit %d: %s", code, errs)
	}
	if b, _ := os.ReadFile(f); string(b) != "mine" {
		t.Error("new overwrote an existing file without --force")
	}
	if code, _, _ := run(t, "new", "my-game", "--out", f, "--force"); code != ExitOK {
		t.Errorf("new --force: exit %d", code)
	}
	if code, _, errs := run(t, "new", "Bad Id"); code != ExitUsage || !strings.Contains(errs, "must use only a-z") {
		t.Errorf("new with a bad id: exit %d: %s", code, errs)
	}
}
