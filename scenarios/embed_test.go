package scenarios

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
)

func TestEveryShippedScenarioLoads(t *testing.T) {
	for _, id := range IDs() {
		sc, err := Load(id)
		if err != nil {
			t.Errorf("%s:\n%v", id, err)
			continue
		}
		if sc.ID != id {
			t.Errorf("scenarios/%s.toml has id %q; it must match the file name", id, sc.ID)
		}
	}
}

func TestIDsCoverTheEmbeddedFiles(t *testing.T) {
	names, err := fs.Glob(files, "*.toml")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range names {
		got = append(got, strings.TrimSuffix(n, ".toml"))
	}
	want := IDs()
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("embedded files %v, IDs() %v", got, want)
	}
	if first := IDs()[0]; first != "tutorial" {
		t.Errorf("IDs()[0] = %q, want the tutorial first", first)
	}
}

func TestUnknownScenario(t *testing.T) {
	if _, ok := Source("nope"); ok {
		t.Error("Source(nope) reported a scenario")
	}
	if _, err := Load("nope"); err == nil {
		t.Error("Load(nope) succeeded")
	}
	if _, ok := Source("../scenarios/tutorial"); ok {
		t.Error("Source accepted a path")
	}
}

// TestScenariosUseEveryFeature keeps the shipped set exercising the whole format: requests,
// scheduled, chance and gated events, add_story and market shifts.
func TestScenariosUseEveryFeature(t *testing.T) {
	seen := map[string]bool{}
	for _, id := range IDs() {
		sc, err := Load(id)
		if err != nil {
			t.Fatal(err)
		}
		seen["requests"] = seen["requests"] || len(sc.Requests) > 0
		for _, e := range sc.Events {
			seen["scheduled"] = seen["scheduled"] || e.Sprint > 0
			seen["chance"] = seen["chance"] || e.Chance > 0
			seen["gated"] = seen["gated"] || e.When != nil
			for _, c := range e.Choices {
				for _, ef := range c.Effects {
					seen["add_story"] = seen["add_story"] || ef.AddStory != ""
					seen["market"] = seen["market"] || ef.Market != ""
				}
			}
		}
	}
	for _, f := range []string{"requests", "scheduled", "chance", "gated", "add_story", "market"} {
		if !seen[f] {
			t.Errorf("no shipped scenario uses %s", f)
		}
	}
}

// BenchmarkLoad loads and validates each shipped scenario. Target: ≤ 1 ms each.
func BenchmarkLoad(b *testing.B) {
	for _, id := range IDs() {
		b.Run(id, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Load(id); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
