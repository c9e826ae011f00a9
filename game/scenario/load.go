package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Limits the loader enforces. docs/scenario-format.md lists them with every key.
const (
	MinThemes  = 2 // fewest themes a scenario may have
	MaxThemes  = 8 // most themes a scenario may have
	MaxChoices = 4 // most choices an event may offer
)

// Parse reads a scenario from TOML source. file names the source in problems and is never opened.
// On failure the error is a Problems listing every problem found, sorted by line and column; a TOML
// syntax error stops the reading and comes back as a single problem.
func Parse(file string, src []byte) (sc *Scenario, err error) {
	defer func() {
		if r := recover(); r != nil { // the loader must never take the caller down
			sc, err = nil, Problems{{File: file, Line: 1, Col: 1, Msg: fmt.Sprintf("internal error: %v", r)}}
		}
	}()
	src = bytes.TrimPrefix(src, utf8BOM) // Windows editors write one; TOML allows it
	if p := guard(file, src); p != nil {
		return nil, Problems{*p}
	}
	text := string(src)
	// Into an any, not a map: the decoder then hands over the tree it built instead of copying
	// it by reflection into a second map (a third of the decoding time). NewDecoder on the bytes:
	// toml.Decode(text) would copy the source twice more.
	var doc any
	if _, derr := toml.NewDecoder(bytes.NewReader(src)).Decode(&doc); derr != nil {
		p := Problem{File: file, Line: 1, Col: 1, Msg: derr.Error()}
		var pe toml.ParseError
		if errors.As(derr, &pe) {
			p.Msg = pe.Message
			p.Line, p.Col = max(pe.Position.Line, 1), max(pe.Position.Col, 1)
		}
		return nil, Problems{p}
	}
	m, _ := doc.(map[string]any) // a document always decodes to a table
	c := &checker{file: file, src: text}
	sc = c.scenario(m)
	if len(c.probs) > 0 {
		return nil, c.probs.sort()
	}
	return sc, nil
}

// ids remembers the ids of one kind of thing and where each was first declared.
type ids struct {
	kind  string
	where map[string]string // id → path of its id key
}

func newIDs(kind string) *ids { return &ids{kind: kind, where: map[string]string{}} }

// declare reads t's id, checks its form and that it is new, and returns it ("" when unusable).
func (d *ids) declare(t *table) string {
	id := t.str("id")
	if id == "" {
		return ""
	}
	if !validID(id, true) {
		t.c.addf(t.at("id"), "%s id %q must use only a-z, 0-9, - and _", d.kind, id)
		return ""
	}
	if first, dup := d.where[id]; dup {
		t.c.addf(t.at("id"), "duplicate %s id %q (first at line %d)", d.kind, id, t.c.line(first))
		return ""
	}
	d.where[id] = t.at("id")
	return id
}

func (d *ids) has(id string) bool { _, ok := d.where[id]; return ok }

// validID reports whether s is made of a-z, 0-9 and - (and _ when underscore is set).
func validID(s string, underscore bool) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || underscore && r == '_') {
			return false
		}
	}
	return true
}

// scenario walks the whole document.
func (c *checker) scenario(m map[string]any) *Scenario {
	root := c.table("", m, rootSpec)
	s := &Scenario{}
	s.ID = root.str("id")
	if s.ID != "" && !validID(s.ID, false) {
		c.addf("id", "scenario id %q must use only a-z, 0-9 and -", s.ID)
	}
	s.Title = root.str("title")
	s.Summary = root.str("summary")
	s.Lesson = root.str("lesson")
	s.Roles = c.roles(root)
	s.Sprints = root.integer("sprints")
	s.HoursPerSprint = root.integer("hours_per_sprint")
	s.DaysPerSprint = root.integer("days_per_sprint")

	s.Market = Market{Volatility: 0.03, Noise: 0.15}
	if t := root.sub("market"); t != nil {
		s.Market.Volatility = t.number("volatility")
		s.Market.Noise = t.number("noise")
		t.done()
	}

	themes := c.themes(root, s)
	people := c.stakeholders(root, s)
	stories := c.stories(root, s, themes, people)
	if t := root.sub("team"); t != nil {
		s.Team.Capacity = t.integer("capacity")
		s.Team.Morale = t.number("morale")
		s.Team.Debt = t.number("debt")
		t.done()
	}
	brought := c.requests(root, s, people, stories)
	c.events(root, s, themes, people, stories, brought)
	for _, st := range s.Stories {
		if !st.InBacklog && st.ID != "" && !brought[st.ID] {
			at := joinPath(parentPath(stories.where[st.ID]), "in_backlog")
			c.addf(at, "story %q is held back (in_backlog = false) but no request or add_story brings it in", st.ID)
		}
	}
	s.Tuning = c.tuning(root)
	root.done()
	return s
}

// roles reads the roles list, defaulting to every role.
func (c *checker) roles(root *table) []string {
	all := []string{RolePM, RolePO, RoleBoth}
	list, present := root.strs("roles")
	if !present {
		if root.has("roles") {
			return nil
		}
		return all
	}
	if len(list) == 0 {
		c.addf("roles", "must list at least one of pm, po, both")
	}
	var out []string
	for i, r := range list {
		p := joinPath("roles", strconv.Itoa(i))
		switch {
		case !slices.Contains(all, r):
			c.addf(p, "unknown role %q (want pm, po or both)", r)
		case slices.Contains(out, r):
			c.addf(p, "role %q listed twice", r)
		default:
			out = append(out, r)
		}
	}
	return out
}

// themes reads the [[themes]] tables.
func (c *checker) themes(root *table, s *Scenario) *ids {
	seen := newIDs("theme")
	list, present := root.list("themes")
	if present && (len(list) < MinThemes || len(list) > MaxThemes) {
		c.addf("themes", "need %d to %d themes, got %d", MinThemes, MaxThemes, len(list))
	}
	before := len(c.probs)
	letters := map[string]string{} // letter → theme id
	var need, estimate, roadmap float64
	for _, t := range list {
		th := Theme{ID: seen.declare(t)}
		th.Name = t.str("name")
		th.Letter = t.str("letter")
		if !t.has("letter") && strings.TrimSpace(th.Name) != "" {
			r, _ := utf8.DecodeRuneInString(strings.TrimSpace(th.Name))
			th.Letter = string(unicode.ToUpper(r))
		}
		if t.isStr("letter") || th.Letter != "" {
			switch {
			case utf8.RuneCountInString(th.Letter) != 1:
				c.addf(t.at("letter"), "must be exactly one character, got %q", th.Letter)
			case letters[strings.ToUpper(th.Letter)] != "":
				c.addf(t.at("letter"), "letter %q is already used by theme %q; cards need a letter per theme", th.Letter, letters[strings.ToUpper(th.Letter)])
			default:
				letters[strings.ToUpper(th.Letter)] = cmpOr(th.ID, th.Name)
			}
		}
		th.Need = t.number("need")
		th.Estimate = t.number("estimate")
		th.Roadmap = t.number("roadmap")
		need += th.Need
		estimate += th.Estimate
		roadmap += th.Roadmap
		t.done()
		s.Themes = append(s.Themes, th)
	}
	if len(list) > 0 && len(c.probs) == before { // sums of broken themes would only add noise
		for _, sum := range []struct {
			key string
			v   float64
		}{{"need", need}, {"estimate", estimate}, {"roadmap", roadmap}} {
			if sum.v <= 0 {
				c.addf("themes", "every theme has %s = 0; at least one must be above 0", sum.key)
			}
		}
	}
	return seen
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// stakeholders reads the [[stakeholders]] tables.
func (c *checker) stakeholders(root *table, s *Scenario) *ids {
	seen := newIDs("stakeholder")
	list, present := root.list("stakeholders")
	if present && len(list) == 0 {
		c.addf("stakeholders", "need at least one stakeholder")
	}
	kinds := []string{KindExecutive, KindCustomer, KindMarketing, KindSales, KindTeam, KindScrumMaster}
	for _, t := range list {
		p := Stakeholder{ID: seen.declare(t)}
		p.Name = t.str("name")
		p.Kind = t.str("kind")
		if p.Kind != "" && !slices.Contains(kinds, p.Kind) {
			c.addf(t.at("kind"), "unknown kind %q (want %s)", p.Kind, strings.Join(kinds, ", "))
		}
		p.Satisfaction = t.number("satisfaction")
		p.Trust = t.number("trust")
		p.Influence = t.number("influence")
		p.DeclineCost = t.optNumber("decline_cost")
		t.done()
		s.Stakeholders = append(s.Stakeholders, p)
	}
	return seen
}

// stories reads the [[stories]] tables.
func (c *checker) stories(root *table, s *Scenario, themes, people *ids) *ids {
	seen := newIDs("story")
	list, present := root.list("stories")
	backlog := 0
	for _, t := range list {
		st := Story{ID: seen.declare(t)}
		st.Title = t.str("title")
		st.Theme = t.str("theme")
		if st.Theme != "" && !themes.has(st.Theme) {
			c.addf(t.at("theme"), "unknown theme %q", st.Theme)
		}
		st.Value = t.number("value")
		st.Effort = t.integer("effort")
		st.Uncertainty = t.number("uncertainty")
		st.Clarity = t.number("clarity")
		st.Urgency = t.number("urgency")
		st.Requester = t.str("requester")
		st.ReducesDebt = t.number("reduces_debt")
		if t.isStr("requester") && !people.has(st.Requester) {
			c.addf(t.at("requester"), "unknown stakeholder %q", st.Requester)
		}
		st.Criteria, _ = t.strs("criteria")
		for i, cr := range st.Criteria {
			if strings.TrimSpace(cr) == "" {
				c.addf(joinPath(t.at("criteria"), strconv.Itoa(i)), "an acceptance criterion must not be empty")
			}
		}
		if st.Criteria == nil {
			st.Criteria = []string{}
		}
		st.InBacklog = t.boolean("in_backlog")
		if st.InBacklog {
			backlog++
		}
		t.done()
		s.Stories = append(s.Stories, st)
	}
	if present && backlog == 0 {
		c.addf("stories", "need at least one story in the backlog (in_backlog = true)")
	}
	return seen
}

// requests reads the [[requests]] tables and returns the held-back stories they bring in.
func (c *checker) requests(root *table, s *Scenario, people, stories *ids) map[string]bool {
	brought := map[string]bool{}
	by := map[string]string{} // story id → path of the request that brings it
	seen := newIDs("request")
	list, _ := root.list("requests")
	for _, t := range list {
		r := Request{ID: seen.declare(t)}
		r.Stakeholder = t.str("stakeholder")
		if r.Stakeholder != "" && !people.has(r.Stakeholder) {
			c.addf(t.at("stakeholder"), "unknown stakeholder %q", r.Stakeholder)
		}
		r.Story = t.str("story")
		if r.Story != "" {
			switch st := storyByID(s, r.Story); {
			case st == nil:
				c.addf(t.at("story"), "unknown story %q", r.Story)
			case st.InBacklog:
				c.addf(t.at("story"), "story %q is already in the backlog; a request brings in a held-back story (in_backlog = false)", r.Story)
			case by[r.Story] != "":
				c.addf(t.at("story"), "story %q is already brought in by the request at line %d", r.Story, c.line(by[r.Story]))
			default:
				by[r.Story] = t.at("story")
				brought[r.Story] = true
			}
		}
		r.Text = t.str("text")
		before := len(c.probs)
		r.Sprint = t.integerIn("sprint", 0, maxSprint(s))
		r.Chance = t.number("chance")
		if r.Sprint == 0 && r.Chance == 0 && len(c.probs) == before {
			if t.has("chance") {
				c.addf(t.at("chance"), "a request without a sprint needs a chance above 0")
			} else {
				c.addf(t.path, "a request needs a sprint or a chance above 0 to ever arrive")
			}
		}
		r.Day = t.integerIn("day", 0, maxDay(s))
		r.DeclineCost = t.optNumber("decline_cost")
		r.NonNegotiable = !t.boolean("negotiable")
		t.done()
		s.Requests = append(s.Requests, r)
	}
	return brought
}

func storyByID(s *Scenario, id string) *Story {
	for i := range s.Stories {
		if s.Stories[i].ID == id {
			return &s.Stories[i]
		}
	}
	return nil
}

// maxSprint is the upper bound for a sprint number: the scenario's sprints when usable.
func maxSprint(s *Scenario) int {
	if s.Sprints > 0 {
		return s.Sprints
	}
	return 20
}

func maxDay(s *Scenario) int { return s.DaysPerSprint }

// events reads the [[events]] tables. add_story effects also count as bringing a story in.
func (c *checker) events(root *table, s *Scenario, themes, people, stories *ids, brought map[string]bool) {
	seen := newIDs("event")
	list, _ := root.list("events")
	for _, t := range list {
		e := Event{ID: seen.declare(t)}
		e.Title = t.str("title")
		e.Text = t.str("text")
		before := len(c.probs)
		e.Sprint = t.integerIn("sprint", 0, maxSprint(s))
		e.Chance = t.number("chance")
		fires := e.Sprint > 0 || e.Chance > 0 || t.has("when") || len(c.probs) > before
		e.Day = t.integerIn("day", 0, maxDay(s))
		if w := t.sub("when"); w != nil {
			cond := Condition{Meter: w.str("meter")}
			if w.isStr("meter") && !c.meterOK(cond.Meter, whenMeters, []string{"trust", "satisfaction"}, people) && !themeMeterOK(cond.Meter, themes) {
				c.addf(w.at("meter"), "unknown meter %q (want %s, stakeholder.<id>.trust or .satisfaction, or theme.<id>.delivered)", cond.Meter, strings.Join(whenMeters, ", "))
			}
			cond.Op = w.str("op")
			if w.isStr("op") && !slices.Contains([]string{"<", "<=", ">", ">="}, cond.Op) {
				c.addf(w.at("op"), "unknown operator %q (want <, <=, > or >=)", cond.Op)
			}
			cond.Value = w.number("value")
			w.done()
			e.When = &cond
		}
		if !fires {
			c.addf(t.path, "an event needs a sprint, a chance above 0 or a when to ever fire")
		}
		choices, present := t.list("choices")
		if present && (len(choices) < 1 || len(choices) > MaxChoices) {
			c.addf(t.at("choices"), "need 1 to %d choices, got %d", MaxChoices, len(choices))
		}
		for _, ct := range choices {
			ch := Choice{Label: ct.str("label")}
			ch.Hours = ct.integer("hours")
			ch.TimeOff = ct.boolean("time_off")
			effects, _ := ct.list("effects")
			for _, et := range effects {
				ch.Effects = append(ch.Effects, c.effect(et, s, themes, people, brought))
			}
			ct.done()
			e.Choices = append(e.Choices, ch)
		}
		t.done()
		s.Events = append(s.Events, e)
	}
}

// effect reads one effect of a choice.
func (c *checker) effect(t *table, s *Scenario, themes, people *ids, brought map[string]bool) Effect {
	var targets []string
	for _, k := range []string{"meter", "market", "add_story"} {
		if t.has(k) {
			targets = append(targets, k)
		}
	}
	var ef Effect
	switch len(targets) {
	case 0:
		c.addf(t.path, "an effect needs one of meter, market or add_story")
	case 1:
	default:
		c.addf(t.at(targets[1]), "an effect moves one thing; it has both %q and %q", targets[0], targets[1])
	}
	ef.Meter = t.str("meter")
	if t.isStr("meter") && !c.meterOK(ef.Meter, effectMeters, []string{"trust", "satisfaction"}, people) {
		c.addf(t.at("meter"), "unknown meter %q (want %s, or stakeholder.<id>.trust or .satisfaction)", ef.Meter, strings.Join(effectMeters, ", "))
	}
	ef.Market = t.str("market")
	if t.isStr("market") && !themes.has(ef.Market) {
		c.addf(t.at("market"), "unknown theme %q", ef.Market)
	}
	ef.AddStory = t.str("add_story")
	if t.isStr("add_story") {
		switch st := storyByID(s, ef.AddStory); {
		case st == nil:
			c.addf(t.at("add_story"), "unknown story %q", ef.AddStory)
		case st.InBacklog:
			c.addf(t.at("add_story"), "story %q is already in the backlog; add_story brings in a held-back story (in_backlog = false)", ef.AddStory)
		default:
			brought[ef.AddStory] = true
		}
	}
	switch {
	case t.has("add_story") && len(targets) == 1:
		if t.has("delta") {
			c.addf(t.at("delta"), "add_story takes no delta")
		}
	case len(targets) == 1:
		lim := 1.0
		if ef.Meter == "team.capacity" {
			lim = 50
		}
		if !t.has("delta") {
			t.missing("delta")
		}
		ef.Delta = t.numberIn("delta", -lim, lim)
	}
	if t.has("sprints") {
		ef.Sprints = t.integer("sprints")
		if len(targets) == 1 && !slices.Contains(lastingMeters, ef.Meter) {
			c.addf(t.at("sprints"), "only an effect on %s can last a number of sprints", strings.Join(lastingMeters, ", "))
		}
	}
	t.done()
	return ef
}

// meterOK reports whether name is one of plain, or stakeholder.<known id>.<one of per>.
func (c *checker) meterOK(name string, plain, per []string, people *ids) bool {
	if slices.Contains(plain, name) {
		return true
	}
	rest, ok := strings.CutPrefix(name, "stakeholder.")
	if !ok {
		return false
	}
	k := strings.LastIndexByte(rest, '.')
	return k > 0 && people.has(rest[:k]) && slices.Contains(per, rest[k+1:])
}

// themeMeterOK reports whether name is theme.<known id>.delivered.
func themeMeterOK(name string, themes *ids) bool {
	rest, ok := strings.CutPrefix(name, "theme.")
	if !ok {
		return false
	}
	id, ok := strings.CutSuffix(rest, ".delivered")
	return ok && themes.has(id)
}

// tuning overlays the [tuning] table on DefaultTuning. Keys are the toml tags of Tuning's fields,
// found by reflection, so a new knob needs no loader change: integers must be 0 or more, floats
// 0..10.
func (c *checker) tuning(root *table) Tuning {
	tu := DefaultTuning()
	t := root.sub("tuning")
	if t == nil {
		return tu
	}
	rv := reflect.ValueOf(&tu).Elem()
	rt := rv.Type()
	for i := range rt.NumField() {
		tag := rt.Field(i).Tag.Get("toml")
		if tag == "" || tag == "-" {
			continue
		}
		v, ok := t.get(tag)
		if !ok {
			continue
		}
		f := rv.Field(i)
		switch f.Kind() {
		case reflect.Int:
			switch n, ok := v.(int64); {
			case !ok:
				c.addf(t.at(tag), "want an integer, got %s", kindOf(v))
			case n < 0 || n > 1000:
				c.addf(t.at(tag), "must be between 0 and 1000, got %d", n)
			default:
				f.SetInt(n)
			}
		case reflect.Float64:
			f.SetFloat(t.number(tag))
		}
	}
	t.done()
	return tu
}
