package cli

import (
	"bytes"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"twohats/game/batch"
	"twohats/game/results"
	"twohats/game/sim"
	"twohats/scenarios"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it)\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// botResults plays a game with the sim code and returns its results file, as a player would
// have posted it.
func botResults(t *testing.T, scen string, role sim.Role, policy string, seed uint64, player string) []byte {
	t.Helper()
	sc, err := scenarios.Load(scen)
	if err != nil {
		t.Fatal(err)
	}
	g, err := batch.Play(batch.Job{Scenario: sc, Role: role, Policy: policy, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	f := results.FromGame(g, policy)
	f.Player = player
	b, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// roomFolder is a small room: nine tutorial games over the three roles, plus a file that is
// not JSON, a file with a tampered score, a copy of a game, and a note that is not a results
// file at all (ignored: not .json).
func roomFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	players := []string{"Ada", "Grace", "Linus, Jr.", "=SUM(A1)", "", "Zoë", "Ken", "Barbara", "Edsger"}
	policies := []string{"roadmap", "roadmap-nosync", "yes"}
	for i, p := range players {
		role := sim.Roles[i%3]
		name := filepath.Join(dir, "game-"+string(rune('a'+i))+".json")
		write(filepath.Base(name), botResults(t, "tutorial", role, policies[i/3], uint64(1+i), p))
	}
	write("broken.json", []byte("{\"format\": 1, \"scenario\": \"tutorial\", "))
	tampered, err := results.Parse(botResults(t, "tutorial", sim.RoleBoth, "roadmap", 42, "Mallory"))
	if err != nil {
		t.Fatal(err)
	}
	tampered.Score += 7.5
	b, _ := tampered.Marshal()
	write("tampered.json", b)
	a, _ := os.ReadFile(filepath.Join(dir, "game-a.json"))
	write("zz-copy-of-a.json", a)
	write("notes.txt", []byte("not read"))
	return dir
}

func TestDebriefGolden(t *testing.T) {
	dir := roomFolder(t)
	out := t.TempDir()
	csvPath, pngPath := filepath.Join(out, "room.csv"), filepath.Join(out, "room.png")
	// Flags after the path, as the usage line shows them.
	code, stdout, stderr := run(t, "debrief", dir, "--csv", csvPath, "--png", pngPath)
	if code != ExitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q\n%s", code, stderr, stdout)
	}
	clean := func(s string) string {
		s = strings.ReplaceAll(s, dir+string(filepath.Separator), "ROOM/")
		return strings.ReplaceAll(s, out+string(filepath.Separator), "OUT/")
	}
	golden(t, "debrief/table.golden", clean(stdout))
	csvData, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "debrief/games.csv.golden", clean(string(csvData)))

	for _, want := range []string{
		"broken.json: not a results file",
		"tampered.json: replay does not reproduce the result: score:",
		"zz-copy-of-a.json: the same game as",
		"12 file(s) read: 9 game(s) used, 3 left out.",
	} {
		if !strings.Contains(clean(stdout), want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(string(csvData), "Mallory") || strings.Contains(string(csvData), "zz-copy") {
		t.Error("a left-out game is in the CSV")
	}
	if rows := strings.Count(string(csvData), "\n"); rows != 10 {
		t.Errorf("CSV has %d lines, want a header and 9 games", rows)
	}

	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }() // read-only: a failed close loses nothing
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1920 || b.Dy() != 1080 {
		t.Errorf("PNG is %v, want 1920x1080", b)
	}
}

func TestDebriefFilesAndFolders(t *testing.T) {
	dir := roomFolder(t)
	// Named files are read whatever their extension; a missing path is listed.
	code, out, _ := run(t, "debrief", "--scenario", "tutorial", filepath.Join(dir, "game-b.json"), filepath.Join(dir, "nowhere.json"), filepath.Join(dir, "game-c.json"))
	if code != ExitOK || !strings.Contains(out, "3 file(s) read: 2 game(s) used, 1 left out.") || !strings.Contains(out, "nowhere.json: no such file") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	// Nothing usable: exit 1, and every file said why.
	code, out, errs := run(t, "debrief", filepath.Join(dir, "broken.json"), filepath.Join(dir, "tampered.json"))
	if code != ExitFailed || !strings.Contains(out, "broken.json") || !strings.Contains(out, "tampered.json") || !strings.Contains(errs, "no usable results files") {
		t.Errorf("exit %d:\n%s%s", code, out, errs)
	}
}

func TestDebriefAndServeUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"debrief"}, "debrief needs at least one results FILE or DIR"},
		{[]string{"debrief", "x", "--nope"}, "flag provided but not defined: -nope"},
		{[]string{"debrief", "--csv"}, "flag needs an argument: -csv"},
		{[]string{"serve"}, "serve needs --scenario ID|FILE, --seed N and --results DIR"},
		{[]string{"serve", "--scenario", "tutorial", "--seed", "1", "--results", t.TempDir(), "extra"}, `unexpected argument "extra"`},
		{[]string{"serve", "--scenario", "tutorial", "--seed", "1", "--results", t.TempDir(), "--web", "/no/such/folder"}, "is not a folder"},
		{[]string{"serve", "--scenario", "tutorial", "--seed", "1", "--results", t.TempDir(), "--addr", "8080"}, "want HOST:PORT"},
		{[]string{"serve", "--scenario", "tutorial", "--seed", "18446744073709551616", "--results", t.TempDir()}, "not a whole number from 0 to 18446744073709551615"},
		{[]string{"serve", "--scenario", "tutorial", "--seed", "1", "--roles", "pm,boss", "--results", t.TempDir()}, "--roles"},
		{[]string{"sim", "--scenario", "tutorial", "--role", "pm", "--policy", "idle", "--seed", "18446744073709551615", "--runs", "2"}, "would pass 2^64-1"},
		{[]string{"serve", "--port", "1"}, "flag provided but not defined: -port"},
	}
	for _, tt := range tests {
		code, out, errs := run(t, tt.args...)
		if code != ExitUsage || out != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d stdout %q stderr %q; want exit 2 and one line with %q", tt.args, code, out, errs, tt.want)
		}
	}
}

func TestDebriefCSVQuoting(t *testing.T) {
	dir := roomFolder(t)
	csvPath := filepath.Join(t.TempDir(), "x.csv")
	if code, out, _ := run(t, "debrief", "--csv", csvPath, dir); code != ExitOK {
		t.Fatalf("exit %d\n%s", code, out)
	}
	b, _ := os.ReadFile(csvPath)
	if !bytes.Contains(b, []byte(`"Linus, Jr."`)) || !bytes.Contains(b, []byte(`'=SUM(A1)`)) {
		t.Errorf("names not quoted or defused:\n%s", b)
	}
}
