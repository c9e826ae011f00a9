package bot

import (
	"strings"
	"testing"

	"twohats/game/sim"
	"twohats/scenarios"
)

// Every setting prints and parses back to itself, and a parsed name plays as the same policy.
func TestKnobsRoundTrip(t *testing.T) {
	settings := []Knobs{{}, DefaultKnobs()}
	for _, name := range Catalogue {
		k, ok := CatalogueKnobs(name)
		if !ok {
			t.Fatalf("catalogue policy %s has no knobs", name)
		}
		settings = append(settings, k)
	}
	var last Knobs
	for k := Knob(0); k < NumKnobs; k++ {
		last[k] = uint8(len(k.Values()) - 1)
	}
	settings = append(settings, last)
	for _, s := range settings {
		got, err := ParseKnobs(s.String())
		if err != nil {
			t.Fatalf("ParseKnobs(%s): %v", s, err)
		}
		if got != s {
			t.Errorf("round trip: %s became %s", s, got)
		}
	}
}

func TestParseKnobs(t *testing.T) {
	d := DefaultKnobs()
	tests := []struct {
		in   string
		want Knobs
		err  string
	}{
		{"knobs:", d, ""},
		{"knobs:sync=0", d.With(KnobSync, "0"), ""},
		{"knobs:else=ignore,take=0", d.With(KnobElse, "ignore").With(KnobTake, "0"), ""},
		{"sync=0", d, `starts with "knobs:"`},
		{"knobs:sync", d, "not name=value"},
		{"knobs:dance=1", d, `unknown knob "dance"`},
		{"knobs:sync=7", d, `sync="7" is not one of`},
		{"knobs:sync=1,sync=2", d, "set twice"},
		{"knobs:sync=1,", d, "not name=value"},
	}
	for _, tt := range tests {
		got, err := ParseKnobs(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseKnobs(%q) = %v, want error containing %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseKnobs(%q) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

// FuzzParseKnobs: any text either parses to a setting that prints back to a parseable equal, or
// fails with a one-line error, quickly.
func FuzzParseKnobs(f *testing.F) {
	f.Add("knobs:sync=0,take=100")
	f.Add(DefaultKnobs().String())
	f.Add("knobs:=,=,")
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ParseKnobs(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") || len(err.Error()) > 400 {
				t.Fatalf("error is not one short line: %q", err)
			}
			return
		}
		again, err := ParseKnobs(k.String())
		if err != nil || again != k {
			t.Fatalf("%q parsed to %s, which does not round-trip (%v)", s, k, err)
		}
	})
}

// The default setting plays close to the roadmap bot: the knob policy is one mechanism that can
// express the existing sensible play. Close, not equal: the planner's rules (its request rule, its
// executive meetings) change with the model, and the knobs keep their own.
func TestDefaultKnobsNearRoadmapBot(t *testing.T) {
	sc, err := scenarios.Load("startup")
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range sim.Roles {
		var a, b float64
		for seed := uint64(1); seed <= 30; seed++ {
			for i, name := range []string{"roadmap", DefaultKnobs().String()} {
				g, _ := sim.New(sc, role, seed)
				p, err := New(name, seed)
				if err != nil {
					t.Fatal(err)
				}
				if err := Play(g, p); err != nil {
					t.Fatal(err)
				}
				if i == 0 {
					a += g.Outcome().Score
				} else {
					b += g.Outcome().Score
				}
			}
		}
		if d := (a - b) / 30; d > 4 || d < -4 {
			t.Errorf("%s: the default knobs score %.2f from the roadmap bot", role, d)
		}
	}
}

// Each catalogue policy is what its name says: it does the thing in every game it can.
func TestCatalogueDoesWhatItSays(t *testing.T) {
	sc, err := scenarios.Load("enterprise")
	if err != nil {
		t.Fatal(err)
	}
	count := func(name string, role sim.Role) (answers map[sim.Answer]int, reviews, refines, rests, pending int) {
		answers = map[sim.Answer]int{}
		for seed := uint64(1); seed <= 5; seed++ {
			g, _ := sim.New(sc, role, seed)
			p, err := New(name, seed)
			if err != nil {
				t.Fatal(err)
			}
			if err := Play(g, p); err != nil {
				t.Fatal(err)
			}
			for _, a := range g.Actions() {
				switch a.Kind {
				case sim.ActAnswer:
					answers[a.Answer]++
				case sim.ActReview:
					reviews++
				case sim.ActRefine:
					refines++
				case sim.ActRest:
					rests++
				}
			}
			for _, r := range g.State().Requests {
				if r.Status == sim.RequestIgnored {
					pending++
				}
			}
		}
		return
	}
	for _, tt := range []struct {
		name string
		only sim.Answer
	}{{"decline-all", sim.AnswerDecline}, {"defer-all", sim.AnswerDefer}, {"escalate-all", sim.AnswerEscalate}, {"accept-all", sim.AnswerAccept}} {
		ans, _, _, _, _ := count(tt.name, sim.RoleBoth)
		for a, n := range ans {
			if a != tt.only && n > 0 && !(tt.name == "accept-all" && a == sim.AnswerDecline) {
				t.Errorf("%s answered %s %d times", tt.name, a, n)
			}
		}
		if ans[tt.only] == 0 {
			t.Errorf("%s never answered %s", tt.name, tt.only)
		}
	}
	if ans, _, _, _, ignored := count("ignore-all", sim.RoleBoth); len(ans) > 0 || ignored == 0 {
		t.Errorf("ignore-all answered %v and left %d unanswered", ans, ignored)
	}
	if _, rev, _, _, _ := count("never-review", sim.RolePO); rev > 0 {
		t.Errorf("never-review held %d reviews", rev)
	}
	if _, _, ref, _, _ := count("never-refine", sim.RoleBoth); ref > 0 {
		t.Errorf("never-refine refined %d times", ref)
	}
	_, _, _, restDefault, _ := count("roadmap", sim.RoleBoth)
	if _, _, _, rest, _ := count("rest-spare", sim.RoleBoth); rest <= restDefault {
		t.Errorf("rest-spare rested %d times, the roadmap bot %d", rest, restDefault)
	}
}

// The knob policy finishes every shipped scenario in every role with legal actions, for the
// corner settings and every catalogue policy.
func TestKnobCornersFinish(t *testing.T) {
	var last Knobs
	for k := Knob(0); k < NumKnobs; k++ {
		last[k] = uint8(len(k.Values()) - 1)
	}
	settings := []Knobs{{}, last, DefaultKnobs()}
	for _, name := range Catalogue {
		k, _ := CatalogueKnobs(name)
		settings = append(settings, k)
	}
	for _, id := range scenarios.IDs() {
		sc, _ := scenarios.Load(id)
		for _, role := range sim.Roles {
			for _, k := range settings {
				g, _ := sim.New(sc, role, 3)
				if err := Play(g, NewKnobPolicy("k", k)); err != nil {
					t.Fatalf("%s/%s/%s: %v", id, role, k, err)
				}
			}
		}
	}
}

// TestLoudestThemes: the urgency roadmap weighs a theme by the squares of its stories' urgencies,
// so one loud ask outweighs a pile of quiet ones (summed, two quiet asks beat one loud one).
func TestLoudestThemes(t *testing.T) {
	story := func(theme int, urgency float64) sim.StoryState {
		return sim.StoryState{Theme: theme, Urgency: urgency}
	}
	for _, tt := range []struct {
		name    string
		stories []sim.StoryState
		top     int // the theme the roadmap should put first
		flat    bool
	}{
		{"one loud ask outweighs two quiet ones", []sim.StoryState{story(0, 0.9), story(1, 0.5), story(1, 0.5), story(2, 0.2)}, 0, false},
		{"two loud asks outweigh one louder", []sim.StoryState{story(0, 0.9), story(2, 0.7), story(2, 0.7)}, 2, false},
		{"an empty backlog leaves the roadmap flat", nil, 0, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := &sim.State{Roadmap: make([]float64, 3), Stories: tt.stories}
			for i := range tt.stories {
				s.Backlog = append(s.Backlog, i)
			}
			w := loudestThemes(s, nil)
			if len(w) != 3 {
				t.Fatalf("weights %v, want one per theme", w)
			}
			top := 0
			for i := range w {
				if w[i] > w[top] {
					top = i
				}
			}
			if flat := w[0] == w[1] && w[1] == w[2]; flat != tt.flat || (!tt.flat && top != tt.top) {
				t.Fatalf("weights %v: top %d flat %v, want top %d flat %v", w, top, flat, tt.top, tt.flat)
			}
		})
	}
}
