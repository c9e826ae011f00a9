package ui_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"twohats/game/results"
)

// TestAutoplayTutorialUnderX builds the game and lets the roadmap bot play a whole tutorial game
// through the real screens in a window, then checks that every kind of screen was shown and
// photographed and that a results file was written. It needs a display: run it with
// `xvfb-run -a go test ./game/ui/...`.
func TestAutoplayTutorialUnderX(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no DISPLAY: run under xvfb-run")
	}
	if testing.Short() {
		t.Skip("builds and runs the game")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "twohats")
	build := exec.Command("go", "build", "-o", bin, "twohats/cmd/twohats")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	shots := filepath.Join(dir, "shots")
	res := filepath.Join(dir, "results.json")
	run := exec.Command(bin, "--scenario", "tutorial", "--role", "both", "--seed", "3", "--autoplay", "roadmap",
		"--screenshots", shots, "--exit-at-end", "--results", res, "--frame-stats")
	run.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"))
	out, err := run.CombinedOutput()
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "could not go through the screens") {
		t.Errorf("autoplay bypassed the screens:\n%s", out)
	}
	t.Logf("%s", out)
	entries, err := os.ReadDir(shots)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range entries {
		// NN-scene-sprintK.png
		parts := strings.Split(strings.TrimSuffix(e.Name(), ".png"), "-")
		if len(parts) != 3 || !strings.HasPrefix(parts[2], "sprint") {
			t.Errorf("screenshot name %q is not NN-scene-sprintK.png", e.Name())
			continue
		}
		seen[parts[1]] = true
	}
	for _, s := range []string{"title", "role", "scenario", "strategy", "planning", "execution", "review", "retro", "end", "help", "pause"} {
		if !seen[s] {
			t.Errorf("no screenshot of the %s screen", s)
		}
	}
	b, err := os.ReadFile(res)
	if err != nil {
		t.Fatal(err)
	}
	f, err := results.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if f.Scenario != "tutorial" || f.Policy != "roadmap" || f.SprintsPlayed != 3 {
		t.Errorf("results: %+v", f.Summary)
	}
}
