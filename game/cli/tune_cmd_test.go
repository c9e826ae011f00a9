package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"twohats/game/bot"
)

func TestTuneUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"tune"}, "tune needs --scenario and --role"},
		{[]string{"tune", "--scenario", "startup", "--role", "ceo"}, `unknown role "ceo"`},
		{[]string{"tune", "--scenario", "startup", "--role", "pm", "--arm", "cheat"}, `unknown arm "cheat"`},
		{[]string{"tune", "--scenario", "startup", "--role", "pm", "--budget", "5"}, "--budget must be between"},
		{[]string{"tune", "--scenario", "startup", "--role", "pm", "--held-out", "1"}, "--held-out must be between"},
		{[]string{"tune", "--scenario", "startup", "--role", "pm", "extra"}, `unexpected argument "extra"`},
		{[]string{"lessons", "--best", "--budget", "1"}, "--budget must be between"},
		{[]string{"lessons", "--best", "stray"}, "files follow --scenario"},
		{[]string{"sim", "--scenario", "startup", "--role", "pm", "--policy", "knobs:sync=9"}, `sync="9" is not one of`},
	}
	for _, tt := range tests {
		code, _, errs := run(t, tt.args...)
		if code != ExitUsage || !strings.Contains(errs, tt.want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and one line with %q", tt.args, code, errs, tt.want)
		}
	}
}

// twohats tune prints both searches and the bot; the same arguments print the same report; the
// JSON setting plays again through sim --policy.
func TestTuneCommand(t *testing.T) {
	args := []string{"tune", "--scenario", "tutorial", "--role", "po", "--budget", "300", "--held-out", "20"}
	code, out, errs := run(t, args...)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"sensible ", "unconstrained ", "roadmap bot", "knobs:research=", "held-out seeds 1..20"} {
		if !strings.Contains(out, want) {
			t.Errorf("tune output lacks %q:\n%s", want, out)
		}
	}
	if _, again, _ := run(t, args...); again != out {
		t.Errorf("same arguments, different reports:\n%s\n%s", out, again)
	}
	code, out, errs = run(t, append(args, "--json", "--arm", "never-sync")...)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep struct {
		Sensible struct {
			Knobs bot.Knobs `json:"knobs"`
			Best  struct {
				Score struct{ Mean float64 } `json:"score"`
			} `json:"best"`
		} `json:"sensible"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("tune --json: %v\n%s", err, out)
	}
	if rep.Sensible.Knobs.Value(bot.KnobSync) != "0" {
		t.Errorf("never-sync arm tuned %s", rep.Sensible.Knobs)
	}
	code, out, errs = run(t, "sim", "--scenario", "tutorial", "--role", "po", "--policy", rep.Sensible.Knobs.String(), "--runs", "20", "--json")
	if code != ExitOK || strings.Count(out, "\n") != 20 {
		t.Fatalf("sim with the tuned setting: exit %d %s", code, errs)
	}
	sum := 0.0
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var s struct{ Score float64 }
		_ = json.Unmarshal([]byte(line), &s)
		sum += s.Score
	}
	if d := sum/20 - rep.Sensible.Best.Score.Mean; d > 1e-3 || d < -1e-3 {
		t.Errorf("sim --policy reproduces %.4f, tune reported %.4f", sum/20, rep.Sensible.Best.Score.Mean)
	}
}

func TestCataloguePolicies(t *testing.T) {
	for _, name := range append(append([]string(nil), bot.Catalogue...), "idle", "random", "spam-rest") {
		if code, _, errs := run(t, "sim", "--scenario", "startup", "--role", "both", "--policy", name, "--runs", "3"); code != ExitOK {
			t.Errorf("sim --policy %s: exit %d %s", name, code, errs)
		}
	}
}

// lessons --scenario runs the best-play lessons that apply to an author's file and names the
// rest with a reason.
func TestLessonsOnAFile(t *testing.T) {
	code, out, errs := run(t, "lessons", "--scenario", "testdata/custom.toml", "--budget", "120", "--held-out", "8")
	if code == ExitUsage {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Not applied:", "lesson 2 on testdata/custom.toml", "lesson 6 on testdata/custom.toml", "7. "} {
		if !strings.Contains(out, want) {
			t.Errorf("lessons --scenario output lacks %q:\n%s", want, out)
		}
	}
}

func TestLessonsBestJSON(t *testing.T) {
	_, out, errs := run(t, "lessons", "--scenario", "testdata/custom.toml", "--budget", "120", "--held-out", "8", "--json")
	var rep struct {
		Lessons []struct {
			Number      int
			Comparisons []json.RawMessage
		}
		NotApplied []struct{ Number int } `json:"not_applied"`
		Searches   []struct{ Knobs bot.Knobs }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("lessons --best --json: %v (%s)\n%s", err, errs, out)
	}
	if len(rep.Lessons) != 7 || len(rep.NotApplied) == 0 || len(rep.Searches) == 0 {
		t.Errorf("lessons --json: %d lessons, %d not applied, %d searches", len(rep.Lessons), len(rep.NotApplied), len(rep.Searches))
	}
}
