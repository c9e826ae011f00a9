package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"twohats/game/bot"
	"twohats/game/results"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// mustWrite writes a test's input file; a failed write fails the test rather than testing nothing.
func mustWrite(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"bogus"}, `unknown command "bogus"`},
		{[]string{"sim"}, "sim needs --scenario, --role and --policy"},
		{[]string{"sim", "--scenario", "startup", "--role", "ceo", "--policy", "roadmap"}, `unknown role "ceo"`},
		{[]string{"sim", "--scenario", "startup", "--role", "pm", "--policy", "lucky"}, `unknown policy "lucky"`},
		{[]string{"sim", "--scenario", "startup", "--role", "pm", "--policy", "roadmap", "--runs", "0"}, "--runs must be between"},
		{[]string{"sim", "--seed", "x"}, `invalid value "x" for flag -seed`},
		{[]string{"sim", "--nope"}, "flag provided but not defined: -nope"},
		{[]string{"sim", "--scenario", "nowhere", "--role", "pm", "--policy", "roadmap"}, `no shipped scenario "nowhere"`},
		{[]string{"check"}, "check needs at least one FILE"},
		{[]string{"replay"}, "replay needs exactly one FILE"},
		{[]string{"scenarios", "x"}, "scenarios takes no arguments"},
		{[]string{"lessons", "--runs", "1"}, "--runs must be between 2"},
	}
	for _, tt := range tests {
		code, out, errs := run(t, tt.args...)
		if code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", tt.args, code, ExitUsage)
		}
		if out != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: stdout %q stderr %q; want one line containing %q", tt.args, out, errs, tt.want)
		}
	}
}

func TestScenariosList(t *testing.T) {
	code, out, _ := run(t, "scenarios")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := []string{"tutorial", "startup", "enterprise", "pivot", "burnout"}
	if len(lines) != len(want) {
		t.Fatalf("got %d scenarios:\n%s", len(lines), out)
	}
	for i, id := range want {
		if f := strings.Fields(lines[i]); f[0] != id || !strings.HasSuffix(lines[i], "sprints") {
			t.Errorf("line %d = %q, want scenario %s with its sprints", i, lines[i], id)
		}
	}
}

func TestCheck(t *testing.T) {
	code, out, _ := run(t, "check", "../../scenarios/startup.toml", "testdata/broken.toml", "testdata/missing.toml")
	if code != ExitFailed {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		"../../scenarios/startup.toml: ok",
		"testdata/broken.toml:5:11: expected value",
		"testdata/missing.toml: no such file or directory",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := run(t, "check", "../../scenarios/pivot.toml"); code != ExitOK {
		t.Errorf("a valid file: exit %d", code)
	}
}

func TestSimJSONIsDeterministic(t *testing.T) {
	args := []string{"sim", "--scenario", "startup", "--role", "both", "--policy", "roadmap", "--seed", "5", "--runs", "12", "--json"}
	code, a, _ := run(t, args...)
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	_, b, _ := run(t, args...)
	if a != b {
		t.Fatal("the same arguments printed different output")
	}
	lines := strings.Split(strings.TrimSpace(a), "\n")
	if len(lines) != 12 {
		t.Fatalf("%d lines, want 12", len(lines))
	}
	for i, line := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"scenario", "role", "policy", "seed", "score", "grade", "value", "alignment",
			"strategy_fit", "stakeholder_trust", "team_health", "burnout_peak", "burned_out", "sprints_played"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line %d lacks %q", i, k)
			}
		}
		for _, k := range []string{"alignment", "strategy_fit", "stakeholder_trust", "team_health", "burnout_peak"} {
			if v := m[k].(float64); v < 0 || v > 1 {
				t.Errorf("line %d: %s = %v out of [0,1]", i, k, v)
			}
		}
		if _, ok := m["burned_out"].(bool); !ok {
			t.Errorf("line %d: burned_out is not a boolean", i)
		}
		if m["seed"].(float64) != float64(5+i) {
			t.Errorf("line %d has seed %v", i, m["seed"])
		}
	}
}

func TestSimTable(t *testing.T) {
	code, out, _ := run(t, "sim", "--scenario", "tutorial", "--role", "pm", "--policy", "idle", "--runs", "5")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"mean", "p10", "p90", "score", "burnout_peak", "grades"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

// simToDir plays two games with sim --results-dir into a fresh folder, checks that two files
// named like glob are written and that the first replays, and returns the files.
func simToDir(t *testing.T, scen, role, policy, glob string) []string {
	t.Helper()
	dir := t.TempDir()
	code, _, errs := run(t, "sim", "--scenario", scen, "--role", role, "--policy", policy, "--seed", "3",
		"--runs", "2", "--results-dir", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	files, _ := filepath.Glob(filepath.Join(dir, glob))
	if len(files) != 2 {
		t.Fatalf("%d results files named %s, want 2", len(files), glob)
	}
	code, out, errs := run(t, "replay", files[0])
	if code != ExitOK || !strings.Contains(out, "reproduced") {
		t.Fatalf("replay: exit %d, %s %s", code, out, errs)
	}
	return files
}

func TestResultsDirAndReplay(t *testing.T) {
	files := simToDir(t, "testdata/custom.toml", "po", "roadmap", "*.json")
	dir := filepath.Dir(files[0])

	// A tampered score is caught and named.
	b, _ := os.ReadFile(files[1])
	f, err := results.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	f.Score += 10
	b, _ = f.Marshal()
	bad := filepath.Join(dir, "tampered.json")
	mustWrite(t, bad, b)
	code, out, _ := run(t, "replay", bad)
	if code != ExitFailed || !strings.Contains(out, "NOT reproduced") || !strings.Contains(out, "score:") {
		t.Fatalf("tampered replay: exit %d, %s", code, out)
	}

	mustWrite(t, bad, []byte("{not json"))
	code, _, errs := run(t, "replay", bad)
	if code != ExitFailed || !strings.Contains(errs, "not a results file") {
		t.Fatalf("broken file: exit %d, %s", code, errs)
	}
}

// A results file's name holds the policy, and a knob setting is neither short nor safe in a file
// name ("research=1/3" has a slash): it is named by a hash of the setting, the same for one
// setting however it is spelt, and the names of the other policies stay as they are.
func TestPolicyFileName(t *testing.T) {
	full := bot.DefaultKnobs().With(bot.KnobResearch, "1/3").String()
	for _, tc := range []struct{ policy, same string }{
		{"roadmap", "roadmap"},
		{"rest-spare", "rest-spare"},
		{"spam-research", "spam-research"},
		{"knobs:research=1/3", full}, // the knobs not named keep their defaults
		{"knobs:pull=yes,research=1/3", "knobs:research=1/3,pull=yes"},
	} {
		got := policyFileName(tc.policy)
		if got != policyFileName(tc.same) {
			t.Errorf("%q names %q, %q names %q: one policy, two names", tc.policy, got, tc.same, policyFileName(tc.same))
		}
		if strings.HasPrefix(tc.policy, bot.KnobPrefix) {
			if !strings.HasPrefix(got, "knobs-") || len(got) != len("knobs-")+16 || strings.ContainsAny(got, `/\:,= `) {
				t.Errorf("%q names %q, want knobs- and 16 hex digits", tc.policy, got)
			}
		} else if got != tc.policy {
			t.Errorf("%q names %q, want it unchanged", tc.policy, got)
		}
	}
	if policyFileName("knobs:research=1/3") == policyFileName("knobs:research=1/2") {
		t.Error("two settings share a name")
	}
}

// sim --results-dir writes one replayable file per game for a knob setting too: its name used to
// hold the whole setting, slash and all, and the write failed.
func TestResultsDirWithAKnobSetting(t *testing.T) {
	simToDir(t, "startup", "both", bot.DefaultKnobs().With(bot.KnobResearch, "1/3").String(), "startup-both-knobs-*.json")
}
