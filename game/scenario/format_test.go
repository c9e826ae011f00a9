package scenario

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewKeys reads the keys issue 11 added: stakes for declining, lasting effects, the theme
// meter, satisfaction in a gate and burnout as an effect.
func TestNewKeys(t *testing.T) {
	src := edit(t,
		`kind = "executive"`, "kind = \"executive\"\ndecline_cost = 0.05",
		`sprint = 1`, "sprint = 1\ndecline_cost = 0\nnegotiable = false",
		`chance = 0.2`, `sprint = 2`+"\n"+`when = { meter = "theme.a.delivered", op = "<", value = 0.5 }`,
		`{ label = "No" },`, `{ label = "No", effects = [{ meter = "team.capacity", delta = -3, sprints = 2 }, { meter = "player.burnout", delta = 0.1 }] },`,
	)
	sc, err := Parse("mini.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if p := sc.Stakeholders[0].DeclineCost; p == nil || *p != 0.05 {
		t.Errorf("stakeholder decline_cost = %v", p)
	}
	if r := sc.Requests[0]; r.DeclineCost == nil || *r.DeclineCost != 0 || !r.NonNegotiable {
		t.Errorf("request = %+v", r)
	}
	if e := sc.Events[0]; e.Sprint != 2 || *e.When != (Condition{Meter: "theme.a.delivered", Op: "<", Value: 0.5}) {
		t.Errorf("event = %+v", e)
	}
	want := []Effect{{Meter: "team.capacity", Delta: -3, Sprints: 2}, {Meter: "player.burnout", Delta: 0.1}}
	if got := sc.Events[0].Choices[1].Effects; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("effects = %+v, want %+v", got, want)
	}
	// Without the keys: the tuning's cost, negotiable, permanent.
	sc, _ = Parse("mini.toml", []byte(mini))
	if sc.Stakeholders[0].DeclineCost != nil || sc.Requests[0].DeclineCost != nil || sc.Requests[0].NonNegotiable {
		t.Errorf("defaults: %+v %+v", sc.Stakeholders[0], sc.Requests[0])
	}
}

func TestNewKeyProblems(t *testing.T) {
	for _, tt := range []struct {
		name string
		src  string
		want string
	}{
		{"decline cost range", edit(t, `kind = "executive"`, "kind = \"executive\"\ndecline_cost = 2"),
			`mini.toml:25:1: stakeholders[0].decline_cost: must be between 0 and 1, got 2`},
		{"negotiable type", edit(t, `sprint = 1`, "sprint = 1\nnegotiable = \"no\""),
			`mini.toml:47:1: requests[0].negotiable: want true or false, got a string`},
		{"lasting market shift", edit(t, `{ label = "No" },`, `{ label = "No", effects = [{ market = "a", delta = 0.1, sprints = 2 }] },`),
			`mini.toml:55:59: events[0].choices[1].effects[0].sprints: only an effect on team.morale, team.debt, team.capacity can last a number of sprints`},
		{"lasting zero sprints", edit(t, `{ label = "No" },`, `{ label = "No", effects = [{ meter = "team.morale", delta = 0.1, sprints = 0 }] },`),
			`mini.toml:55:68: events[0].choices[1].effects[0].sprints: must be between 1 and 20, got 0`},
		{"unknown theme meter", edit(t, "chance = 0.2", `when = { meter = "theme.zz.delivered", op = "<", value = 0.5 }`),
			`mini.toml:52:10: events[0].when.meter: unknown meter "theme.zz.delivered" (want team.morale, team.debt, player.stress, player.burnout, stakeholder.<id>.trust or .satisfaction, or theme.<id>.delivered)`},
		{"typo of a new key", edit(t, `sprint = 1`, "sprint = 1\nnegociable = false"),
			`mini.toml:47:1: requests[0].negociable: unknown key (did you mean "negotiable"?)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("mini.toml", []byte(tt.src))
			if err == nil || err.Error() != tt.want {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
}

const schemaFile = "../../docs/scenario.schema.json"

// TestSchemaIsGenerated keeps docs/scenario.schema.json equal to what the field table generates:
// go test ./game/scenario -run Schema -update rewrites it.
func TestSchemaIsGenerated(t *testing.T) {
	got := JSONSchema()
	if *update {
		if err := os.WriteFile(schemaFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatalf("%v (go test ./game/scenario -run Schema -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the field table; run go test ./game/scenario -run Schema -update", schemaFile)
	}
	var v map[string]any
	if err := json.Unmarshal(got, &v); err != nil {
		t.Fatalf("the schema is not JSON: %v", err)
	}
}

// TestSchemaCoversTheFieldTable walks the schema: every key of every table spec is in it, and
// nothing else is allowed.
func TestSchemaCoversTheFieldTable(t *testing.T) {
	var v map[string]any
	if err := json.Unmarshal(JSONSchema(), &v); err != nil {
		t.Fatal(err)
	}
	var walk func(path string, o map[string]any, s *tableSpec)
	walk = func(path string, o map[string]any, s *tableSpec) {
		props, _ := o["properties"].(map[string]any)
		if len(props) != len(s.Fields) || o["additionalProperties"] != false {
			t.Errorf("%s: %d properties for %d fields", path, len(props), len(s.Fields))
		}
		for _, f := range s.Fields {
			p, ok := props[f.Key].(map[string]any)
			if !ok {
				t.Errorf("%s.%s missing from the schema", path, f.Key)
				continue
			}
			if d, _ := p["description"].(string); d == "" {
				t.Errorf("%s.%s has no description", path, f.Key)
			}
			switch f.Kind {
			case kindTable:
				walk(path+"."+f.Key, p, f.Sub)
			case kindTables:
				walk(path+"."+f.Key+"[]", p["items"].(map[string]any), f.Sub)
			}
		}
	}
	walk("", v, rootSpec)
}

// TestShippedScenariosNameTheSchema: Taplo and Even Better TOML read the first line.
func TestShippedScenariosNameTheSchema(t *testing.T) {
	files, _ := filepath.Glob("../../scenarios/*.toml")
	if len(files) == 0 {
		t.Skip("no scenarios")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if first, _, _ := strings.Cut(string(src), "\n"); first != "#:schema ../"+SchemaID {
			t.Errorf("%s: first line %q, want %q", f, first, "#:schema ../"+SchemaID)
		}
	}
}
