package scenario

import "reflect"

// The field table, the one source of truth about the format: every key it has, its type,
// whether it is required, its range, its default and what it means. The loader reads each table
// against its entry (an unknown key is one the table lacks, "did you mean" looks here) and
// docs/scenario.schema.json is generated from it (JSONSchema in schema.go), so the loader and
// the editors' schema cannot drift apart.

// valueKind is the TOML type a key holds.
type valueKind uint8

const (
	kindString  valueKind = iota
	kindInt               // an integer
	kindNumber            // a float, or an integer
	kindBool              // true or false
	kindStrings           // an array of strings
	kindTable             // a [table] or { inline table }
	kindTables            // an array of tables: [[header]]s or [{ ... }, ...]
)

// field is one key of a table.
type field struct {
	Key      string
	Kind     valueKind
	Required bool
	Min, Max float64    // the widest range; the loader may narrow it by the scenario (a sprint ≤ sprints)
	Default  any        // string, int, float64 or bool; nil when there is none
	Enum     []string   // the only values a string may take
	Pattern  string     // a regular expression a string must match, for editors (the loader checks more)
	Doc      string     // one or two sentences for the author, shown by editors
	Sub      *tableSpec // the table, or each table of the array, for kindTable and kindTables
	// MinItems and MaxItems bound an array (0: no bound); Chars is the exact length of a string
	// in characters (0: any). The loader checks these with its own messages; the schema says them
	// to editors.
	MinItems, MaxItems, Chars int
}

// tableSpec is one kind of table: the top level, [team], each [[stories]] and so on.
type tableSpec struct {
	Name   string
	Doc    string
	Fields []field
}

func (s *tableSpec) find(key string) *field {
	for i := range s.Fields {
		if s.Fields[i].Key == key {
			return &s.Fields[i]
		}
	}
	return nil
}

// closest returns the key nearest to k when k is a likely typo of it, or "".
func (s *tableSpec) closest(k string) string {
	best, bestD := "", 3
	for _, f := range s.Fields {
		if d := editDistance(k, f.Key); d < bestD {
			best, bestD = f.Key, d
		}
	}
	return best
}

// Patterns for editors. Meter names that name a stakeholder or theme are checked against the
// scenario's own ids by the loader; the schema only knows their shape.
const (
	idPattern       = `^[a-z0-9_-]+$`
	scenarioPattern = `^[a-z0-9-]+$`
	whenPattern     = `^(team\.morale|team\.debt|player\.stress|player\.burnout|stakeholder\.[a-z0-9_-]+\.(trust|satisfaction)|theme\.[a-z0-9_-]+\.delivered)$`
	effectPattern   = `^(team\.morale|team\.debt|team\.capacity|player\.stress|player\.burnout|stakeholder\.[a-z0-9_-]+\.(trust|satisfaction))$`
)

// Meter names the loader knows, besides the per-stakeholder and per-theme ones.
var (
	effectMeters = []string{"team.morale", "team.debt", "team.capacity", "player.stress", "player.burnout"}
	whenMeters   = []string{"team.morale", "team.debt", "player.stress", "player.burnout"}
	// lastingMeters can take an effect for a number of sprints: they have a level to return to.
	lastingMeters = []string{"team.morale", "team.debt", "team.capacity"}
)

var (
	marketSpec = &tableSpec{Name: "market", Doc: "How the hidden customer need moves.", Fields: []field{
		{Key: "volatility", Kind: kindNumber, Min: 0, Max: 0.5, Default: 0.03, Doc: "Scale of the random drift of every theme's need per sprint."},
		{Key: "noise", Kind: kindNumber, Min: 0, Max: 1, Default: 0.15, Doc: "How far the player's first estimate may sit from the truth."},
	}}
	teamSpec = &tableSpec{Name: "team", Doc: "The development team the Product Owner works with.", Fields: []field{
		{Key: "capacity", Kind: kindInt, Required: true, Min: 1, Max: 100, Doc: "Story points per sprint at full morale and no debt."},
		{Key: "morale", Kind: kindNumber, Min: 0, Max: 1, Default: 0.75, Doc: "0..1 at the start."},
		{Key: "debt", Kind: kindNumber, Min: 0, Max: 1, Default: 0.1, Doc: "0..1 technical debt at the start."},
	}}
	themeSpec = &tableSpec{Name: "themes", Doc: "A strand of the roadmap.", Fields: []field{
		{Key: "id", Kind: kindString, Required: true, Pattern: idPattern, Doc: "Short id stories refer to: a-z, 0-9, - and _."},
		{Key: "name", Kind: kindString, Required: true, Doc: "Shown to the player."},
		{Key: "letter", Kind: kindString, Chars: 1, Doc: "One character shown on cards next to the colour; defaults to the name's first letter."},
		{Key: "need", Kind: kindNumber, Required: true, Min: 0, Max: 1, Doc: "The market's hidden need for the theme, a relative weight."},
		{Key: "estimate", Kind: kindNumber, Min: 0, Max: 1, Default: 0.25, Doc: "What the Product Manager believes at the start."},
		{Key: "roadmap", Kind: kindNumber, Min: 0, Max: 1, Default: 0.25, Doc: "The weight the initial roadmap gives the theme."},
	}}
	stakeholderSpec = &tableSpec{Name: "stakeholders", Doc: "A person or group whose trust the player keeps or loses.", Fields: []field{
		{Key: "id", Kind: kindString, Required: true, Pattern: idPattern, Doc: "Short id requests and meters refer to."},
		{Key: "name", Kind: kindString, Required: true, Doc: "Shown to the player."},
		{Key: "kind", Kind: kindString, Required: true, Enum: []string{KindExecutive, KindCustomer, KindMarketing, KindSales, KindTeam, KindScrumMaster},
			Doc: "Decides which hat the stakeholder's requests reach: executive, customer, marketing and sales talk to the Product Manager; team and scrum_master to the Product Owner."},
		{Key: "satisfaction", Kind: kindNumber, Min: 0, Max: 1, Default: 0.6, Doc: "0..1 at the start."},
		{Key: "trust", Kind: kindNumber, Min: 0, Max: 1, Default: 0.6, Doc: "0..1 at the start."},
		{Key: "influence", Kind: kindNumber, Min: 0, Max: 5, Default: 1.0, Doc: "Weight of this stakeholder in the trust outcome."},
		{Key: "decline_cost", Kind: kindNumber, Min: 0, Max: 1, Doc: "Trust this stakeholder loses when one of their requests is declined; deferring costs a third of it, an escalation that ends in a no all of it. Without it, [tuning] trust_decline."},
	}}
	storySpec = &tableSpec{Name: "stories", Doc: "A backlog item.", Fields: []field{
		{Key: "id", Kind: kindString, Required: true, Pattern: idPattern, Doc: "Short id requests and effects refer to."},
		{Key: "title", Kind: kindString, Required: true, Doc: "The story as the team reads it."},
		{Key: "theme", Kind: kindString, Required: true, Pattern: idPattern, Doc: "Id of the theme the story serves."},
		{Key: "value", Kind: kindNumber, Required: true, Min: 1, Max: 100, Doc: "Business value when delivered to a market that needs its theme."},
		{Key: "effort", Kind: kindInt, Required: true, Min: 1, Max: 21, Doc: "Estimated story points."},
		{Key: "uncertainty", Kind: kindNumber, Min: 0, Max: 1, Default: 0.2, Doc: "Relative spread of the true effort around the estimate."},
		{Key: "clarity", Kind: kindNumber, Min: 0, Max: 1, Default: 0.3, Doc: "0..1: how well acceptance criteria pin it down."},
		{Key: "urgency", Kind: kindNumber, Min: 0, Max: 1, Default: 0.3, Doc: "0..1: how loudly someone wants it now."},
		{Key: "requester", Kind: kindString, Pattern: idPattern, Doc: "Id of the stakeholder who asked for it."},
		{Key: "reduces_debt", Kind: kindNumber, Min: 0, Max: 0.5, Doc: "Technical debt this story pays down when it ships without a defect: work on how the team builds (tests, a faster build, a sharper Definition of Done)."},
		{Key: "criteria", Kind: kindStrings, Doc: "Acceptance criteria already written."},
		{Key: "in_backlog", Kind: kindBool, Default: true, Doc: "false: the story waits off the board until a request or an add_story effect brings it in."},
	}}
	requestSpec = &tableSpec{Name: "requests", Doc: "A stakeholder asking for a held-back story during a sprint.", Fields: []field{
		{Key: "id", Kind: kindString, Required: true, Pattern: idPattern, Doc: "Short id."},
		{Key: "stakeholder", Kind: kindString, Required: true, Pattern: idPattern, Doc: "Id of the stakeholder who asks."},
		{Key: "story", Kind: kindString, Required: true, Pattern: idPattern, Doc: "Id of a story with in_backlog = false."},
		{Key: "text", Kind: kindString, Required: true, Doc: "The ask, in the stakeholder's words."},
		{Key: "sprint", Kind: kindInt, Min: 0, Max: 20, Default: 0, Doc: "Sprint it arrives in; 0 or absent: it arrives by chance."},
		{Key: "day", Kind: kindInt, Min: 0, Max: 15, Default: 0, Doc: "Day of the sprint it arrives on; 0: a random day."},
		{Key: "chance", Kind: kindNumber, Min: 0, Max: 1, Default: 0.0, Doc: "Chance per sprint of arriving, when it has no sprint."},
		{Key: "decline_cost", Kind: kindNumber, Min: 0, Max: 1, Doc: "Trust the stakeholder loses when this request is declined; overrides the stakeholder's decline_cost."},
		{Key: "negotiable", Kind: kindBool, Default: true, Doc: "false: declining this request costs at least what a broken promise does ([tuning] trust_broken)."},
	}}
	whenSpec = &tableSpec{Name: "when", Doc: "A gate on a meter: the event fires only while it holds.", Fields: []field{
		{Key: "meter", Kind: kindString, Required: true, Pattern: whenPattern,
			Doc: "team.morale, team.debt, player.stress, player.burnout, stakeholder.<id>.trust, stakeholder.<id>.satisfaction, or theme.<id>.delivered (share of the theme's story value shipped, 0..1)."},
		{Key: "op", Kind: kindString, Required: true, Enum: []string{"<", "<=", ">", ">="}, Doc: "How the meter compares with value."},
		{Key: "value", Kind: kindNumber, Required: true, Min: 0, Max: 1, Doc: "The threshold, 0..1."},
	}}
	effectSpec = &tableSpec{Name: "effects", Doc: "One thing a choice moves: exactly one of meter, market or add_story.", Fields: []field{
		{Key: "meter", Kind: kindString, Pattern: effectPattern,
			Doc: "team.morale, team.debt, team.capacity, player.stress, player.burnout, stakeholder.<id>.trust or stakeholder.<id>.satisfaction."},
		{Key: "market", Kind: kindString, Pattern: idPattern, Doc: "Id of a theme whose hidden need shifts by delta (a pivot when large)."},
		{Key: "add_story", Kind: kindString, Pattern: idPattern, Doc: "Id of a held-back story the choice puts into the backlog."},
		{Key: "delta", Kind: kindNumber, Min: -50, Max: 50, Doc: "How far the meter or need moves: -1..1, or -50..50 story points for team.capacity."},
		{Key: "sprints", Kind: kindInt, Min: 1, Max: 20, Doc: "The effect lasts this many sprints (the current one counts) and then reverts; without it an effect is permanent. For team.morale, team.debt and team.capacity."},
	}}
	choiceSpec = &tableSpec{Name: "choices", Doc: "One answer to an event.", Fields: []field{
		{Key: "label", Kind: kindString, Required: true, Doc: "The answer as the player reads it."},
		{Key: "hours", Kind: kindInt, Min: 0, Max: 40, Default: 0, Doc: "Hours the answer costs the player."},
		{Key: "time_off", Kind: kindBool, Default: false, Doc: "true: the hours are time away from work (an afternoon off): they leave the sprint but nobody works them, so they add no stress and no overtime; the relief is in the effects."},
		{Key: "effects", Kind: kindTables, Sub: effectSpec, Doc: "What the answer moves."},
	}}
	eventSpec = &tableSpec{Name: "events", Doc: "Something that happens during a sprint and asks the player to choose.", Fields: []field{
		{Key: "id", Kind: kindString, Required: true, Pattern: idPattern, Doc: "Short id."},
		{Key: "title", Kind: kindString, Required: true, Doc: "Shown to the player."},
		{Key: "text", Kind: kindString, Required: true, Doc: "What happens, shown to the player."},
		{Key: "sprint", Kind: kindInt, Min: 0, Max: 20, Default: 0, Doc: "Sprint it is scheduled for; 0 or absent: not scheduled."},
		{Key: "day", Kind: kindInt, Min: 0, Max: 15, Default: 0, Doc: "Day of the sprint; 0: a random day."},
		{Key: "chance", Kind: kindNumber, Min: 0, Max: 1, Default: 0.0, Doc: "Chance per sprint of firing, when not scheduled."},
		{Key: "when", Kind: kindTable, Sub: whenSpec, Doc: "A gate. Alone, the event fires on the first day it holds; with sprint or chance, the event fires only when both hold (in its sprint, on its day or a later one while the gate holds)."},
		{Key: "choices", Kind: kindTables, Required: true, MinItems: 1, MaxItems: MaxChoices, Sub: choiceSpec, Doc: "1 to 4 answers."},
	}}
	tuningSpec = buildTuningSpec()
	rootSpec   = &tableSpec{Name: "scenario", Doc: "A Two Hats scenario. Reference: docs/scenario-format.md.", Fields: []field{
		{Key: "id", Kind: kindString, Required: true, Pattern: scenarioPattern, Doc: "Short id used on the command line: a-z, 0-9 and -."},
		{Key: "title", Kind: kindString, Required: true, Doc: "Shown on the scenario choice screen."},
		{Key: "summary", Kind: kindString, Required: true, Doc: "Two or three sentences for the player."},
		{Key: "lesson", Kind: kindString, Required: true, Doc: "What the scenario teaches, for facilitators."},
		{Key: "roles", Kind: kindStrings, MinItems: 1, Enum: []string{RolePM, RolePO, RoleBoth}, Doc: "Roles the scenario suits; all three when absent."},
		{Key: "sprints", Kind: kindInt, Required: true, Min: 1, Max: 20, Doc: "Number of sprints in a game."},
		{Key: "hours_per_sprint", Kind: kindInt, Required: true, Min: 8, Max: 80, Doc: "The player's hours per sprint."},
		{Key: "days_per_sprint", Kind: kindInt, Min: 3, Max: 15, Default: 10, Doc: "Working days in a sprint's execution."},
		{Key: "market", Kind: kindTable, Sub: marketSpec, Doc: marketSpec.Doc},
		{Key: "themes", Kind: kindTables, Required: true, MinItems: MinThemes, MaxItems: MaxThemes, Sub: themeSpec, Doc: "2 to 8 themes."},
		{Key: "stakeholders", Kind: kindTables, Required: true, MinItems: 1, Sub: stakeholderSpec, Doc: "At least one stakeholder."},
		{Key: "stories", Kind: kindTables, Required: true, Sub: storySpec, Doc: "The backlog, and the stories held back for requests and events."},
		{Key: "team", Kind: kindTable, Required: true, Sub: teamSpec, Doc: teamSpec.Doc},
		{Key: "requests", Kind: kindTables, Sub: requestSpec, Doc: requestSpec.Doc},
		{Key: "events", Kind: kindTables, Sub: eventSpec, Doc: eventSpec.Doc},
		{Key: "tuning", Kind: kindTable, Sub: tuningSpec, Doc: tuningSpec.Doc},
	}}
)

// buildTuningSpec lists Tuning's knobs by their toml tags, so a new knob needs no loader change:
// integers 0..1000, floats 0..10, defaults from DefaultTuning.
func buildTuningSpec() *tableSpec {
	spec := &tableSpec{Name: "tuning", Doc: "Overrides of the outcome model's knobs; docs/outcome-model.md explains each."}
	def := reflect.ValueOf(DefaultTuning())
	rt := def.Type()
	for i := range rt.NumField() {
		tag := rt.Field(i).Tag.Get("toml")
		if tag == "" || tag == "-" {
			continue
		}
		f := field{Key: tag, Doc: "See docs/outcome-model.md."}
		switch rt.Field(i).Type.Kind() {
		case reflect.Int:
			f.Kind, f.Max, f.Default = kindInt, 1000, int(def.Field(i).Int())
		case reflect.Float64:
			f.Kind, f.Max, f.Default = kindNumber, 10, def.Field(i).Float()
		default:
			continue
		}
		spec.Fields = append(spec.Fields, f)
	}
	return spec
}
