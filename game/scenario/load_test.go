package scenario

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the testdata/bad/*.golden files from the loader's output")

// mini is the smallest valid scenario the table tests edit. Its line numbers are what the expected
// problems refer to, so keep it as it is and add new things by edit or by appending.
const mini = `id = "mini"
title = "Mini"
summary = "A tiny scenario."
lesson = "Tests."
sprints = 3
hours_per_sprint = 40

[team]
capacity = 10

[[themes]]
id = "a"
name = "Alpha"
need = 0.6

[[themes]]
id = "b"
name = "Beta"
need = 0.4

[[stakeholders]]
id = "ceo"
name = "The CEO"
kind = "executive"

[[stories]]
id = "s1"
title = "One"
theme = "a"
value = 10
effort = 3

[[stories]]
id = "held"
title = "Held back"
theme = "b"
value = 5
effort = 2
in_backlog = false

[[requests]]
id = "r1"
stakeholder = "ceo"
story = "held"
text = "Please."
sprint = 1

[[events]]
id = "e1"
title = "Event"
text = "Something happens."
chance = 0.2
choices = [
  { label = "Yes", hours = 2, effects = [{ meter = "team.morale", delta = 0.1 }] },
  { label = "No" },
]
`

// edit replaces the one occurrence of old in mini with new; an empty old appends new.
func edit(t *testing.T, pairs ...string) string {
	t.Helper()
	src := mini
	for i := 0; i+1 < len(pairs); i += 2 {
		old, repl := pairs[i], pairs[i+1]
		if old == "" {
			src += repl
			continue
		}
		if n := strings.Count(src, old); n != 1 {
			t.Fatalf("edit: %q occurs %d times in mini", old, n)
		}
		src = strings.Replace(src, old, repl, 1)
	}
	return src
}

func problemLines(err error) []string {
	if err == nil {
		return nil
	}
	return strings.Split(err.Error(), "\n")
}

func TestParseMini(t *testing.T) {
	sc, err := Parse("mini.toml", []byte(mini))
	if err != nil {
		t.Fatalf("mini does not parse:\n%v", err)
	}
	if sc.ID != "mini" || sc.Sprints != 3 || sc.HoursPerSprint != 40 || sc.DaysPerSprint != 10 {
		t.Errorf("top level = %q %d %d %d", sc.ID, sc.Sprints, sc.HoursPerSprint, sc.DaysPerSprint)
	}
	if want := []string{RolePM, RolePO, RoleBoth}; !reflect.DeepEqual(sc.Roles, want) {
		t.Errorf("default roles = %v, want %v", sc.Roles, want)
	}
	if sc.Market != (Market{Volatility: 0.03, Noise: 0.15}) {
		t.Errorf("default market = %+v", sc.Market)
	}
	if want := (Theme{ID: "a", Name: "Alpha", Letter: "A", Need: 0.6, Estimate: 0.25, Roadmap: 0.25}); sc.Themes[0] != want {
		t.Errorf("theme defaults = %+v, want %+v", sc.Themes[0], want)
	}
	st := sc.Stories[0]
	if st.Uncertainty != 0.2 || st.Clarity != 0.3 || st.Urgency != 0.3 || !st.InBacklog || st.Criteria == nil || len(st.Criteria) != 0 {
		t.Errorf("story defaults = %+v", st)
	}
	if sc.Stories[1].InBacklog {
		t.Errorf("held story is in the backlog")
	}
	if sc.Team != (Team{Capacity: 10, Morale: 0.75, Debt: 0.1}) {
		t.Errorf("team defaults = %+v", sc.Team)
	}
	if p := sc.Stakeholders[0]; p.Satisfaction != 0.6 || p.Trust != 0.6 || p.Influence != 1 {
		t.Errorf("stakeholder defaults = %+v", p)
	}
	if r := sc.Requests[0]; r != (Request{ID: "r1", Stakeholder: "ceo", Story: "held", Text: "Please.", Sprint: 1}) {
		t.Errorf("request = %+v", r)
	}
	e := sc.Events[0]
	if e.Chance != 0.2 || len(e.Choices) != 2 || e.Choices[0].Hours != 2 || e.When != nil {
		t.Errorf("event = %+v", e)
	}
	if want := []Effect{{Meter: "team.morale", Delta: 0.1}}; !reflect.DeepEqual(e.Choices[0].Effects, want) {
		t.Errorf("effects = %+v, want %+v", e.Choices[0].Effects, want)
	}
	if sc.Tuning != DefaultTuning() {
		t.Errorf("tuning without a [tuning] table differs from DefaultTuning")
	}
}

func TestParseOverlaysTuning(t *testing.T) {
	sc, err := Parse("mini.toml", []byte(edit(t, "", "\n[tuning]\nhours_sync = 5\nstress_rest = 1\nweight_fit = 0\n")))
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultTuning()
	want.HoursSync, want.StressRest, want.WeightFit = 5, 1, 0
	if sc.Tuning != want {
		t.Errorf("tuning = %+v\nwant     %+v", sc.Tuning, want)
	}
}

func TestParseSubTableChoices(t *testing.T) {
	src := edit(t, `chance = 0.2
choices = [
  { label = "Yes", hours = 2, effects = [{ meter = "team.morale", delta = 0.1 }] },
  { label = "No" },
]
`, `when = { meter = "stakeholder.ceo.trust", op = "<", value = 0.3 }

[[events.choices]]
label = "Yes"
hours = 2

[[events.choices.effects]]
market = "b"
delta = 0.5

[[events.choices.effects]]
meter = "stakeholder.ceo.satisfaction"
delta = -0.2

[[events.choices]]
label = "No"
effects = [{ add_story = "held" }]
`)
	sc, err := Parse("mini.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	e := sc.Events[0]
	if *e.When != (Condition{Meter: "stakeholder.ceo.trust", Op: "<", Value: 0.3}) {
		t.Errorf("when = %+v", *e.When)
	}
	want := []Choice{
		{Label: "Yes", Hours: 2, Effects: []Effect{{Market: "b", Delta: 0.5}, {Meter: "stakeholder.ceo.satisfaction", Delta: -0.2}}},
		{Label: "No", Effects: []Effect{{AddStory: "held"}}},
	}
	if !reflect.DeepEqual(e.Choices, want) {
		t.Errorf("choices = %+v\nwant %+v", e.Choices, want)
	}

	// A problem deep in a sub-table is placed on its own line.
	bad := strings.Replace(src, `market = "b"`, `market = "zz"`, 1)
	_, err = Parse("mini.toml", []byte(bad))
	if got, want := err.Error(), `mini.toml:59:1: events[0].choices[0].effects[0].market: unknown theme "zz"`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestParseProblems(t *testing.T) {
	const chooseNo = `  { label = "No" },`
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"syntax error", edit(t, "sprints = 3", "sprints = "), []string{
			`mini.toml:5:11: expected value but found '\n' instead`,
		}},
		{"unknown top-level key", edit(t, "lesson = \"Tests.\"", "lesson = \"Tests.\"\nlessons = \"x\""), []string{
			`mini.toml:5:1: lessons: unknown key (did you mean "lesson"?)`,
		}},
		{"unknown key in inline table", edit(t, chooseNo, `  { label = "No", colour = "red" },`), []string{
			`mini.toml:55:19: events[0].choices[1].colour: unknown key`,
		}},
		{"unknown key in table", edit(t, "capacity = 10", "capacity = 10\nvelocity = 12"), []string{
			`mini.toml:10:1: team.velocity: unknown key`,
		}},
		{"unknown market key", edit(t, "", "[market]\nvolatility = 0.6\ndrift = 1\n"), []string{
			`mini.toml:58:1: market.volatility: must be between 0 and 0.5, got 0.6`,
			`mini.toml:59:1: market.drift: unknown key`,
		}},
		{"float where an integer belongs", edit(t, "effort = 3", "effort = 3.5"), []string{
			`mini.toml:31:1: stories[0].effort: want an integer, got a float`,
		}},
		{"string where a number belongs", edit(t, "need = 0.6", `need = "high"`), []string{
			`mini.toml:14:1: themes[0].need: want a number, got a string`,
		}},
		{"number where a string belongs", edit(t, `title = "Mini"`, "title = 7"), []string{
			`mini.toml:2:1: title: want a string, got an integer`,
		}},
		{"boolean", edit(t, "in_backlog = false", `in_backlog = "no"`), []string{
			`mini.toml:39:1: stories[1].in_backlog: want true or false, got a string`,
			`mini.toml:44:1: requests[0].story: story "held" is already in the backlog; a request brings in a held-back story (in_backlog = false)`,
		}},
		{"empty required string", edit(t, `text = "Please."`, `text = " "`), []string{
			`mini.toml:45:1: requests[0].text: must not be empty`,
		}},
		{"missing required key", edit(t, "value = 10\n", ""), []string{
			`mini.toml:26:1: stories[0]: missing required key "value"`,
		}},
		{"missing required table", edit(t, "[team]\ncapacity = 10\n", ""), []string{
			`mini.toml:1:1: missing required table [team]`,
		}},
		{"out of range integer", edit(t, "sprints = 3", "sprints = 30"), []string{
			`mini.toml:5:1: sprints: must be between 1 and 20, got 30`,
		}},
		{"out of range float", edit(t, "need = 0.4", "need = 1.5"), []string{
			`mini.toml:19:1: themes[1].need: must be between 0 and 1, got 1.5`,
		}},
		{"scenario id form", edit(t, `id = "mini"`, `id = "Mini_Game"`), []string{
			`mini.toml:1:1: id: scenario id "Mini_Game" must use only a-z, 0-9 and -`,
		}},
		{"roles", edit(t, "sprints = 3", `roles = ["pm", "cto", "pm"]`+"\nsprints = 3"), []string{
			`mini.toml:5:16: roles[1]: unknown role "cto" (want pm, po or both)`,
			`mini.toml:5:23: roles[2]: role "pm" listed twice`,
		}},
		{"no roles", edit(t, "sprints = 3", "roles = []\nsprints = 3"), []string{
			`mini.toml:5:1: roles: must list at least one of pm, po, both`,
		}},
		{"too few themes", edit(t, "[[themes]]\nid = \"b\"\nname = \"Beta\"\nneed = 0.4\n", "", `theme = "b"`, `theme = "a"`), []string{
			`mini.toml:11:1: themes: need 2 to 8 themes, got 1`,
		}},
		{"no need at all", edit(t, "need = 0.6", "need = 0", "need = 0.4", "need = 0.0"), []string{
			`mini.toml:11:1: themes: every theme has need = 0; at least one must be above 0`,
		}},
		{"theme letters", edit(t, `name = "Beta"`, `name = "Beta"`+"\nletter = \"a\"", `name = "Alpha"`, `name = "alpha"`), []string{
			`mini.toml:19:1: themes[1].letter: letter "a" is already used by theme "a"; cards need a letter per theme`,
		}},
		{"long letter", edit(t, `name = "Beta"`, `name = "Beta"`+"\nletter = \"BE\""), []string{
			`mini.toml:19:1: themes[1].letter: must be exactly one character, got "BE"`,
		}},
		{"duplicate theme id", edit(t, `id = "b"`, `id = "a"`), []string{
			`mini.toml:17:1: themes[1].id: duplicate theme id "a" (first at line 12)`,
			`mini.toml:36:1: stories[1].theme: unknown theme "b"`,
		}},
		{"duplicate story id", edit(t, `id = "held"`, `id = "s1"`), []string{
			`mini.toml:34:1: stories[1].id: duplicate story id "s1" (first at line 27)`,
			`mini.toml:44:1: requests[0].story: unknown story "held"`,
		}},
		{"duplicate stakeholder id", edit(t, "", "[[stakeholders]]\nid = \"ceo\"\nname = \"Another\"\nkind = \"sales\"\n"), []string{
			`mini.toml:58:1: stakeholders[1].id: duplicate stakeholder id "ceo" (first at line 22)`,
		}},
		{"duplicate request and event ids", edit(t, "", `[[requests]]
id = "r1"
stakeholder = "ceo"
story = "held"
text = "Again."
chance = 0.1

[[events]]
id = "e1"
title = "Again"
text = "Again."
sprint = 2
choices = [{ label = "OK" }]
`), []string{
			`mini.toml:58:1: requests[1].id: duplicate request id "r1" (first at line 42)`,
			`mini.toml:60:1: requests[1].story: story "held" is already brought in by the request at line 44`,
			`mini.toml:65:1: events[1].id: duplicate event id "e1" (first at line 49)`,
		}},
		{"id form", edit(t, `id = "s1"`, `id = "S 1"`), []string{
			`mini.toml:27:1: stories[0].id: story id "S 1" must use only a-z, 0-9, - and _`,
		}},
		{"unknown theme", edit(t, `theme = "a"`, `theme = "z"`), []string{
			`mini.toml:29:1: stories[0].theme: unknown theme "z"`,
		}},
		{"story range and criteria", edit(t, "effort = 3", "effort = 34\nurgency = -0.1\ncriteria = [\"ok\", \"\"]"), []string{
			`mini.toml:31:1: stories[0].effort: must be between 1 and 21, got 34`,
			`mini.toml:32:1: stories[0].urgency: must be between 0 and 1, got -0.1`,
			`mini.toml:33:19: stories[0].criteria[1]: an acceptance criterion must not be empty`,
		}},
		{"unknown requester", edit(t, "effort = 3", "effort = 3\nrequester = \"cfo\""), []string{
			`mini.toml:32:1: stories[0].requester: unknown stakeholder "cfo"`,
		}},
		{"stakeholder kind and influence", edit(t, `kind = "executive"`, "kind = \"investor\"\ninfluence = 9"), []string{
			`mini.toml:24:1: stakeholders[0].kind: unknown kind "investor" (want executive, customer, marketing, sales, team, scrum_master)`,
			`mini.toml:25:1: stakeholders[0].influence: must be between 0 and 5, got 9`,
		}},
		{"request references", edit(t, `stakeholder = "ceo"`, `stakeholder = "cto"`, `story = "held"`, `story = "s1"`), []string{
			`mini.toml:39:1: stories[1].in_backlog: story "held" is held back (in_backlog = false) but no request or add_story brings it in`,
			`mini.toml:43:1: requests[0].stakeholder: unknown stakeholder "cto"`,
			`mini.toml:44:1: requests[0].story: story "s1" is already in the backlog; a request brings in a held-back story (in_backlog = false)`,
		}},
		{"request timing", edit(t, "sprint = 1", "sprint = 4\nday = 11"), []string{
			`mini.toml:46:1: requests[0].sprint: must be between 0 and 3, got 4`,
			`mini.toml:47:1: requests[0].day: must be between 0 and 10, got 11`,
		}},
		{"request that never arrives", edit(t, "sprint = 1\n", ""), []string{
			`mini.toml:41:1: requests[0]: a request needs a sprint or a chance above 0 to ever arrive`,
		}},
		{"request with zero chance", edit(t, "sprint = 1\n", "chance = 0.0\n"), []string{
			`mini.toml:46:1: requests[0].chance: a request without a sprint needs a chance above 0`,
		}},
		{"no backlog story", edit(t, "effort = 3", "effort = 3\nin_backlog = false", `story = "held"`, `story = "s1"`, "", "[[requests]]\nid = \"r2\"\nstakeholder = \"ceo\"\nstory = \"held\"\ntext = \"x\"\nsprint = 2\n"), []string{
			`mini.toml:26:1: stories: need at least one story in the backlog (in_backlog = true)`,
		}},
		{"held-back story never brought in", edit(t, "[[requests]]\nid = \"r1\"\nstakeholder = \"ceo\"\nstory = \"held\"\ntext = \"Please.\"\nsprint = 1\n", ""), []string{
			`mini.toml:39:1: stories[1].in_backlog: story "held" is held back (in_backlog = false) but no request or add_story brings it in`,
		}},
		{"event that never fires", edit(t, "chance = 0.2", "day = 2"), []string{
			`mini.toml:48:1: events[0]: an event needs a sprint, a chance above 0 or a when to ever fire`,
		}},
		{"when", edit(t, "chance = 0.2", `when = { meter = "player.mood", op = "!=", value = 2, unit = "%" }`), []string{
			`mini.toml:52:10: events[0].when.meter: unknown meter "player.mood" (want team.morale, team.debt, player.stress, player.burnout, stakeholder.<id>.trust or .satisfaction, or theme.<id>.delivered)`,
			`mini.toml:52:33: events[0].when.op: unknown operator "!=" (want <, <=, > or >=)`,
			`mini.toml:52:44: events[0].when.value: must be between 0 and 1, got 2`,
			`mini.toml:52:55: events[0].when.unit: unknown key`,
		}},
		{"when missing keys", edit(t, "chance = 0.2", `when = { meter = "stakeholder.ceo.satisfaction" }`), []string{
			`mini.toml:52:1: events[0].when: missing required key "op"`,
			`mini.toml:52:1: events[0].when: missing required key "value"`,
		}},
		{"no choices", edit(t, "choices = [\n  { label = \"Yes\", hours = 2, effects = [{ meter = \"team.morale\", delta = 0.1 }] },\n  { label = \"No\" },\n]", "choices = []"), []string{
			`mini.toml:53:1: events[0].choices: need 1 to 4 choices, got 0`,
		}},
		{"too many choices", edit(t, chooseNo, `  { label = "A" }, { label = "B" }, { label = "C" }, { label = "D" },`), []string{
			`mini.toml:53:1: events[0].choices: need 1 to 4 choices, got 5`,
		}},
		{"choice problems", edit(t, chooseNo, `  { hours = 41 }, "maybe",`), []string{
			`mini.toml:55:3: events[0].choices[1]: missing required key "label"`,
			`mini.toml:55:5: events[0].choices[1].hours: must be between 0 and 40, got 41`,
			`mini.toml:55:19: events[0].choices[2]: want a table, got a string`,
		}},
		{"effect targets", edit(t, chooseNo, `  { label = "No", effects = [{}, { meter = "team.debt", market = "a", delta = 0.1 }, { market = "a" }, { add_story = "held", delta = 1 }] },`), []string{
			`mini.toml:55:30: events[0].choices[1].effects[0]: an effect needs one of meter, market or add_story`,
			`mini.toml:55:57: events[0].choices[1].effects[1].market: an effect moves one thing; it has both "meter" and "market"`,
			`mini.toml:55:86: events[0].choices[1].effects[2]: missing required key "delta"`,
			`mini.toml:55:126: events[0].choices[1].effects[3].delta: add_story takes no delta`,
		}},
		{"effect references", edit(t, chooseNo, `  { label = "No", effects = [{ market = "z", delta = 0.1 }, { add_story = "s1" }, { add_story = "nope" }, { meter = "stakeholder.cfo.trust", delta = 0.1 }, { meter = "theme.a.delivered", delta = 0.1 }] },`), []string{
			`mini.toml:55:32: events[0].choices[1].effects[0].market: unknown theme "z"`,
			`mini.toml:55:63: events[0].choices[1].effects[1].add_story: story "s1" is already in the backlog; add_story brings in a held-back story (in_backlog = false)`,
			`mini.toml:55:85: events[0].choices[1].effects[2].add_story: unknown story "nope"`,
			`mini.toml:55:109: events[0].choices[1].effects[3].meter: unknown meter "stakeholder.cfo.trust" (want team.morale, team.debt, team.capacity, player.stress, player.burnout, or stakeholder.<id>.trust or .satisfaction)`,
			`mini.toml:55:159: events[0].choices[1].effects[4].meter: unknown meter "theme.a.delivered" (want team.morale, team.debt, team.capacity, player.stress, player.burnout, or stakeholder.<id>.trust or .satisfaction)`,
		}},
		{"effect deltas", edit(t, chooseNo, `  { label = "No", effects = [{ meter = "team.capacity", delta = -60 }, { meter = "team.capacity", delta = -40 }, { meter = "team.debt", delta = 1.5 }] },`), []string{
			`mini.toml:55:57: events[0].choices[1].effects[0].delta: must be between -50 and 50, got -60`,
			`mini.toml:55:137: events[0].choices[1].effects[2].delta: must be between -1 and 1, got 1.5`,
		}},
		{"tuning", edit(t, "", "[tuning]\nhours_sync = -1\nhours_plan = 2.5\nstress_rest = 11\nweight_trust = \"high\"\nhours_rests = 3\n"), []string{
			`mini.toml:58:1: tuning.hours_sync: must be between 0 and 1000, got -1`,
			`mini.toml:59:1: tuning.hours_plan: want an integer, got a float`,
			`mini.toml:60:1: tuning.stress_rest: must be between 0 and 10, got 11`,
			`mini.toml:61:1: tuning.weight_trust: want a number, got a string`,
			`mini.toml:62:1: tuning.hours_rests: unknown key (did you mean "hours_rest"?)`,
		}},
		{"quoted keys are located", edit(t, `title = "Mini"`, `"title" = 1`), []string{
			`mini.toml:2:1: title: want a string, got an integer`,
		}},
		{"dotted keys are located", edit(t, "chance = 0.2", `when.meter = "team.morale"`+"\nwhen.op = \"=\"\nwhen.value = 0.5"), []string{
			`mini.toml:53:1: events[0].when.op: unknown operator "=" (want <, <=, > or >=)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := Parse("mini.toml", []byte(tt.src))
			if sc != nil {
				t.Errorf("Parse returned a scenario along with problems")
			}
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("error %v (%T) is not Problems", err, err)
			}
			got := problemLines(err)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	src := edit(t,
		"sprints = 3", "sprints = 0",
		`theme = "a"`, `theme = "x"`,
		"capacity = 10", "capacity = 0",
		`kind = "executive"`, `kind = "boss"`,
		`text = "Please."`, "",
		`  { label = "No" },`, `  { label = "No", effects = [{ meter = "team.happiness", delta = 0.1 }] },`,
	)
	_, err := Parse("mini.toml", []byte(src))
	want := []string{
		`mini.toml:5:1: sprints: must be between 1 and 20, got 0`,
		`mini.toml:9:1: team.capacity: must be between 1 and 100, got 0`,
		`mini.toml:24:1: stakeholders[0].kind: unknown kind "boss" (want executive, customer, marketing, sales, team, scrum_master)`,
		`mini.toml:29:1: stories[0].theme: unknown theme "x"`,
		`mini.toml:41:1: requests[0]: missing required key "text"`,
		`mini.toml:55:32: events[0].choices[1].effects[0].meter: unknown meter "team.happiness" (want team.morale, team.debt, team.capacity, player.stress, player.burnout, or stakeholder.<id>.trust or .satisfaction)`,
	}
	if got := problemLines(err); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestProblemsError(t *testing.T) {
	ps := Problems{{File: "a.toml", Line: 2, Col: 3, Msg: "one"}, {File: "a.toml", Line: 4, Col: 1, Msg: "two"}}
	if got, want := ps.Error(), "a.toml:2:3: one\na.toml:4:1: two"; got != want {
		t.Errorf("Problems.Error() = %q, want %q", got, want)
	}
	if got, want := ps[0].Error(), "a.toml:2:3: one"; got != want {
		t.Errorf("Problem.Error() = %q, want %q", got, want)
	}
}

// TestGolden compares the problems reported for each testdata/bad/*.toml with its .golden file.
// Run `go test -run TestGolden -update` to rewrite them after a deliberate change of wording.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/bad/*.toml files (%v)", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, perr := Parse(filepath.ToSlash(file), src)
			var ps Problems
			if !errors.As(perr, &ps) || len(ps) == 0 {
				t.Fatalf("Parse(%s) = %v, want problems", file, perr)
			}
			got := []byte(ps.Error() + "\n")
			golden := strings.TrimSuffix(file, ".toml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("problems for %s differ from %s:\ngot:\n%s\nwant:\n%s", file, golden, got, want)
			}
		})
	}
}

func TestLocatorNeverLoops(t *testing.T) {
	// The locator only sees text the decoder accepted, but it must survive anything.
	for _, src := range []string{"", "[", "[[", "a", "a =", `a = "`, `a = """`, "a = [", "a = {", "a = [{b = [", "'", "= = =", "[a.'b", "\"\\"} {
		l := locate(src)
		l.pos("a.b.0")
	}
}

func seedFiles(f *testing.F) {
	f.Helper()
	for _, pattern := range []string{"../../scenarios/*.toml", "testdata/bad/*.toml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	f.Add([]byte(mini))
	// Small cousins of the hostile files: the fuzzer grows them past the caps.
	for _, src := range []string{"a.b.c.d = 1\n", "a = [[[[[[1]]]]]]\n", "\xEF\xBB\xBFid = 'x'\n", "[[a.b.c]]\nx.y = { z = [1] }\n"} {
		f.Add([]byte(src))
	}
}

func FuzzParse(f *testing.F) {
	seedFiles(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		var sc *Scenario
		var err error
		d, alloc := measure(func() { sc, err = Parse("fuzz.toml", src) })
		if d > budgetTime || alloc > budgetBytes {
			t.Fatalf("%d bytes of input took %v and %d bytes; the budget is %v and %d", len(src), d, alloc, budgetTime, budgetBytes)
		}
		if err == nil {
			if sc == nil {
				t.Fatal("Parse returned neither a scenario nor problems")
			}
			return
		}
		if sc != nil {
			t.Fatal("Parse returned a scenario along with problems")
		}
		var ps Problems
		if !errors.As(err, &ps) || len(ps) == 0 {
			t.Fatalf("error %v (%T) is not a non-empty Problems", err, err)
		}
		if n := strings.Count(err.Error(), "\n") + 1; n > MaxShown+1 {
			t.Fatalf("the error prints %d lines; at most %d", n, MaxShown+1)
		}
		for _, p := range ps {
			if p.Line < 1 || p.Col < 1 || p.Msg == "" || p.File != "fuzz.toml" {
				t.Fatalf("malformed problem %+v", p)
			}
			if strings.HasPrefix(p.Msg, "internal error") {
				t.Fatalf("loader panicked: %s", p.Msg)
			}
		}
	})
}

func BenchmarkParseStartup(b *testing.B) {
	src, err := os.ReadFile("../../scenarios/startup.toml")
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("scenarios/startup.toml", src); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFormatDocExample keeps the complete example in docs/scenario-format.md loading.
func TestFormatDocExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/scenario-format.md")
	if err != nil {
		t.Skip(err)
	}
	const fence = "```toml\n"
	k := bytes.LastIndex(doc, []byte(fence))
	if k < 0 {
		t.Fatal("no toml example in docs/scenario-format.md")
	}
	example := doc[k+len(fence):]
	example = example[:bytes.Index(example, []byte("```"))]
	sc, err := Parse("docs/scenario-format.md", example)
	if err != nil {
		t.Fatalf("the documented example does not load:\n%v", err)
	}
	if sc.ID != "coffee" || len(sc.Events) != 2 || sc.Tuning.HoursSync != 1 {
		t.Errorf("example loaded as %+v", sc)
	}
}
