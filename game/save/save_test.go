package save

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"twohats/game/results"
	"twohats/game/scenario"
	"twohats/game/sim"
	"twohats/scenarios"
)

func loadTutorial(t *testing.T) func(id, name string, src []byte) (*scenario.Scenario, error) {
	t.Helper()
	return func(id, _ string, _ []byte) (*scenario.Scenario, error) {
		return scenarios.Load("tutorial")
	}
}

func TestRoundTrip(t *testing.T) {
	load := loadTutorial(t)
	sc, _ := load("tutorial", "", nil)
	g, err := sim.New(sc, sim.RoleBoth, 42)
	if err != nil {
		t.Fatal(err)
	}
	var buf []sim.Action
	for i := 0; i < 40 && !g.Over(); i++ {
		buf = g.Legal(buf[:0])
		a := buf[i%len(buf)]
		if err := g.Apply(a); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	st := DirStore{Dir: filepath.Join(dir, "twohats")}
	guard, _, ok := Open(st)
	if ok || guard.Problem != nil {
		t.Fatalf("empty store: ok=%v problem=%v", ok, guard.Problem)
	}
	if err := guard.Write(Of(g, "", nil)); err != nil {
		t.Fatal(err)
	}
	_, f, ok := Open(st)
	if !ok {
		t.Fatal("save not found after writing")
	}
	n := 0
	g2, err := Rebuild(f, func(*sim.Game) { n++ })
	if err != nil {
		t.Fatal(err)
	}
	if n != len(g.Actions())+1 {
		t.Errorf("observe called %d times, want %d", n, len(g.Actions())+1)
	}
	if g2.Outcome() != g.Outcome() || g2.State().Sprint != g.State().Sprint || g2.State().Phase != g.State().Phase {
		t.Errorf("replay differs: %+v vs %+v", g2.Outcome(), g.Outcome())
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "twohats", "*.tmp")); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}
}

func TestRefused(t *testing.T) {
	// The bodies name this build's version (and the one before), so a version bump keeps them
	// about what they test: a damaged file, an old one, a new one.
	v, old := fmt.Sprint(Version), fmt.Sprint(Version-1)
	cases := []struct{ name, body, want string }{
		{"corrupt", `{"version": ` + v + `, "scenario": "tutorial", "actions": [`, "damaged"},
		{"garbage", "not json at all", "damaged"},
		{"old", `{"version": ` + old + `, "scenario": "tutorial", "role": "both", "seed": 1, "actions": []}`, "older version"},
		{"new", `{"version": 99, "scenario": "tutorial"}`, "newer version"},
		{"noversion", `{"scenario": "tutorial"}`, "no version"},
		{"unknown", `{"version": ` + v + `, "scenario": "tutorial", "role": "both", "seed": 1, "hats": 3}`, "damaged"},
		{"badrole", `{"version": ` + v + `, "scenario": "tutorial", "role": "king", "seed": 1}`, "damaged"},
		{"norole", `{"version": ` + v + `, "scenario": "tutorial", "seed": 1, "actions": []}`, "which role"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := &MemStore{B: []byte(c.body)}
			guard, _, ok := Open(st)
			if ok {
				t.Fatal("an unusable save was accepted")
			}
			var se *Error
			if !errors.As(guard.Problem, &se) || !strings.Contains(se.Error(), c.want) {
				t.Fatalf("problem %v, want one mentioning %q", guard.Problem, c.want)
			}
			if err := guard.Write(File{Scenario: "tutorial", Role: sim.RolePM}); !errors.Is(err, ErrBlocked) {
				t.Fatalf("write over an unusable save: %v, want ErrBlocked", err)
			}
			if string(st.B) != c.body {
				t.Fatal("the unusable save was overwritten without asking")
			}
			guard.Allow()
			if err := guard.Write(File{Scenario: "tutorial", Role: sim.RolePM}); err != nil {
				t.Fatal(err)
			}
			if _, err := Parse(st.B); err != nil {
				t.Fatalf("after Allow the new save does not parse: %v", err)
			}
		})
	}
}

func TestReplayRefused(t *testing.T) {
	f := File{Version: Version, Scenario: "tutorial", Role: sim.RolePM, Seed: 1,
		Actions: []sim.Action{{Kind: sim.ActPlan, Stories: []int{0}}}}
	_, err := Rebuild(f, nil)
	var se *Error
	if !errors.As(err, &se) || !strings.Contains(se.Reason, "decision 1 of 1") {
		t.Fatalf("got %v", err)
	}
}

// WriteGame encodes only the new decisions; its bytes must be exactly those of Write(Of(...)).
func TestWriteGameIncremental(t *testing.T) {
	load := loadTutorial(t)
	sc, _ := load("tutorial", "", nil)
	for _, src := range []string{"", "id = \"x\"\n"} {
		g, err := sim.New(sc, sim.RolePO, 9)
		if err != nil {
			t.Fatal(err)
		}
		inc, full := &MemStore{}, &MemStore{}
		gi, gf := &Guard{Store: inc}, &Guard{Store: full}
		var buf []sim.Action
		for i := 0; i < 60 && !g.Over(); i++ {
			if err := gi.WriteGame(g, "x.toml", []byte(src)); err != nil {
				t.Fatal(err)
			}
			if err := gf.Write(Of(g, "x.toml", []byte(src))); err != nil {
				t.Fatal(err)
			}
			if string(inc.B) != string(full.B) {
				t.Fatalf("after %d decisions:\n%s\nwant\n%s", i, inc.B, full.B)
			}
			buf = g.Legal(buf[:0])
			if err := g.Apply(buf[(i*7)%len(buf)]); err != nil {
				t.Fatal(err)
			}
		}
		// A new game starts the encoding again.
		g2, err := sim.New(sc, sim.RolePO, 10)
		if err != nil {
			t.Fatal(err)
		}
		if err := gi.WriteGame(g2, "", nil); err != nil {
			t.Fatal(err)
		}
		if err := gf.Write(Of(g2, "", nil)); err != nil {
			t.Fatal(err)
		}
		if string(inc.B) != string(full.B) {
			t.Fatalf("new game:\n%s\nwant\n%s", inc.B, full.B)
		}
	}
}

func TestDecide(t *testing.T) {
	sc, _ := scenarios.Source("tutorial")
	tut, err := results.Resolve("tutorial", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	link := LinkTo(tut, sim.RolePM, 3)
	same := File{Version: Version, Scenario: "tutorial", Role: sim.RolePM, Seed: 3}
	own := same
	own.Source = string(sc) + "\n# edited\n"
	other := same
	other.Seed = 4
	cases := []struct {
		name    string
		saved   *File
		problem error
		want    Verdict
	}{
		{"no save", nil, nil, Fresh},
		{"the link's game", &same, nil, Continue},
		{"the link's scenario as the same TOML", &File{Version: Version, Scenario: "tutorial", Source: string(sc), Role: sim.RolePM, Seed: 3}, nil, Continue},
		{"another seed", &other, nil, Replace},
		{"another role", &File{Version: Version, Scenario: "tutorial", Role: sim.RolePO, Seed: 3}, nil, Replace},
		{"an edited copy of the scenario", &own, nil, Replace},
		{"an unknown scenario", &File{Version: Version, Scenario: "nope", Role: sim.RolePM, Seed: 3}, nil, Replace},
		{"a damaged save", nil, &Error{Reason: "damaged"}, Unusable},
	}
	for _, c := range cases {
		if got := Decide(link, c.saved, c.problem); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
