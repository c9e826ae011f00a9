package scenario

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// checker collects problems while the loader walks the decoded document.
type checker struct {
	file  string
	src   string
	loc   *locator // built on the first problem: a valid file never needs it
	probs Problems
}

// pos places a key path in the source.
func (c *checker) pos(path string) (line, col int) {
	if c.loc == nil {
		c.loc = locate(c.src)
	}
	return c.loc.pos(path)
}

// addf records a problem about the key at path; the message is prefixed with the path as the
// author would write it ("themes[2].need: ...").
func (c *checker) addf(path, format string, args ...any) {
	line, col := c.pos(path)
	msg := fmt.Sprintf(format, args...)
	if d := displayPath(path); d != "" {
		msg = d + ": " + msg
	}
	c.probs = append(c.probs, Problem{File: c.file, Line: line, Col: col, Msg: msg})
}

// line returns the line a path sits on, for "first at line N" hints.
func (c *checker) line(path string) int {
	l, _ := c.pos(path)
	return l
}

// displayPath turns "events.0.choices.1.label" into "events[0].choices[1].label".
func displayPath(path string) string {
	if path == "" {
		return ""
	}
	var b strings.Builder
	for i, seg := range strings.Split(path, ".") {
		if _, err := strconv.Atoi(seg); err == nil && i > 0 {
			b.WriteString("[" + seg + "]")
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(seg)
	}
	return b.String()
}

// table is one decoded TOML table being read against its spec, the entry of the field table
// (fields.go) that says which keys it has. done reports every other key as unknown.
type table struct {
	c    *checker
	path string
	m    map[string]any
	spec *tableSpec
}

func (c *checker) table(path string, m map[string]any, spec *tableSpec) *table {
	return &table{c: c, path: path, m: m, spec: spec}
}

func (t *table) at(key string) string { return joinPath(t.path, key) }

// field returns the spec of key. Asking for a key the spec lacks is a bug in the loader, caught
// by every test that loads a scenario.
func (t *table) field(key string) *field {
	if f := t.spec.find(key); f != nil {
		return f
	}
	panic("scenario: the field table has no key " + key + " in " + t.spec.Name)
}

// get looks a key up.
func (t *table) get(key string) (any, bool) {
	v, ok := t.m[key]
	return v, ok
}

// has reports whether the key is present.
func (t *table) has(key string) bool {
	_, ok := t.m[key]
	return ok
}

// isStr reports whether the key is present and holds a string.
func (t *table) isStr(key string) bool {
	_, ok := t.m[key].(string)
	return ok
}

func (t *table) missing(key string) {
	t.c.addf(t.path, "missing required key %q", key)
}

// str reads a string. A required string must not be blank.
func (t *table) str(key string) string {
	f := t.field(key)
	def, _ := f.Default.(string)
	v, ok := t.get(key)
	if !ok {
		if f.Required {
			t.missing(key)
		}
		return def
	}
	s, ok := v.(string)
	if !ok {
		t.c.addf(t.at(key), "want a string, got %s", kindOf(v))
		return def
	}
	if f.Required && strings.TrimSpace(s) == "" {
		t.c.addf(t.at(key), "must not be empty")
	}
	return s
}

// integer reads an integer within the spec's range.
func (t *table) integer(key string) int {
	f := t.field(key)
	return t.integerIn(key, int(f.Min), int(f.Max))
}

// integerIn reads an integer within lo..hi, a range narrower than the spec's that depends on the
// scenario (a sprint number is at most the scenario's sprints).
func (t *table) integerIn(key string, lo, hi int) int {
	f := t.field(key)
	def, _ := f.Default.(int)
	v, ok := t.get(key)
	if !ok {
		if f.Required {
			t.missing(key)
		}
		return def
	}
	n, ok := v.(int64)
	if !ok {
		t.c.addf(t.at(key), "want an integer, got %s", kindOf(v))
		return def
	}
	if n < int64(lo) || n > int64(hi) {
		t.c.addf(t.at(key), "must be between %d and %d, got %d", lo, hi, n)
		return def
	}
	return int(n)
}

// number reads a float (an integer is accepted) within the spec's range.
func (t *table) number(key string) float64 {
	f := t.field(key)
	return t.numberIn(key, f.Min, f.Max)
}

// numberIn reads a number within lo..hi, narrower than the spec's.
func (t *table) numberIn(key string, lo, hi float64) float64 {
	f := t.field(key)
	def, _ := f.Default.(float64)
	v, ok := t.get(key)
	if !ok {
		if f.Required {
			t.missing(key)
		}
		return def
	}
	x, ok := toFloat(v)
	if !ok {
		t.c.addf(t.at(key), "want a number, got %s", kindOf(v))
		return def
	}
	if !(x >= lo && x <= hi) {
		t.c.addf(t.at(key), "must be between %s and %s, got %s", fmtFloat(lo), fmtFloat(hi), fmtFloat(x))
		return def
	}
	return x
}

// optNumber reads a number that may be absent; nil when it is (or is unusable).
func (t *table) optNumber(key string) *float64 {
	if !t.has(key) {
		t.field(key)
		return nil
	}
	before := len(t.c.probs)
	x := t.number(key)
	if len(t.c.probs) > before {
		return nil
	}
	return &x
}

// boolean reads a true/false value.
func (t *table) boolean(key string) bool {
	f := t.field(key)
	def, _ := f.Default.(bool)
	v, ok := t.get(key)
	if !ok {
		return def
	}
	b, ok := v.(bool)
	if !ok {
		t.c.addf(t.at(key), "want true or false, got %s", kindOf(v))
		return def
	}
	return b
}

// strs reads an array of strings; present is false when the key is absent or not usable.
func (t *table) strs(key string) (list []string, present bool) {
	t.field(key)
	v, ok := t.get(key)
	if !ok {
		return nil, false
	}
	arr, ok := v.([]any)
	if !ok {
		t.c.addf(t.at(key), "want an array of strings, got %s", kindOf(v))
		return nil, false
	}
	list = make([]string, 0, len(arr))
	good := true
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			t.c.addf(joinPath(t.at(key), strconv.Itoa(i)), "want a string, got %s", kindOf(e))
			good = false
			continue
		}
		list = append(list, s)
	}
	return list, good
}

// sub reads a table. A missing required top-level table is named by its header.
func (t *table) sub(key string) *table {
	f := t.field(key)
	v, ok := t.get(key)
	if !ok {
		if f.Required {
			if t.path == "" {
				t.c.addf("", "missing required table [%s]", key)
			} else {
				t.missing(key)
			}
		}
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.c.addf(t.at(key), "want a table, got %s", kindOf(v))
		return nil
	}
	return t.c.table(t.at(key), m, f.Sub)
}

// list reads an array of tables, written either as [[key]] headers or as an inline array of
// { ... } tables.
func (t *table) list(key string) (tables []*table, present bool) {
	f := t.field(key)
	v, ok := t.get(key)
	if !ok {
		if f.Required {
			if t.path == "" {
				t.c.addf("", "missing required [[%s]] tables", key)
			} else {
				t.missing(key)
			}
		}
		return nil, false
	}
	switch arr := v.(type) {
	case []map[string]any:
		for i, m := range arr {
			tables = append(tables, t.c.table(joinPath(t.at(key), strconv.Itoa(i)), m, f.Sub))
		}
	case []any:
		for i, e := range arr {
			p := joinPath(t.at(key), strconv.Itoa(i))
			m, ok := e.(map[string]any)
			if !ok {
				t.c.addf(p, "want a table, got %s", kindOf(e))
				continue
			}
			tables = append(tables, t.c.table(p, m, f.Sub))
		}
	default:
		t.c.addf(t.at(key), "want an array of tables, got %s", kindOf(v))
		return nil, false
	}
	return tables, true
}

// done reports every key of the table that its spec does not have.
func (t *table) done() {
	var keys []string // almost always empty: no allocation in the common case
	for k := range t.m {
		if t.spec.find(k) == nil {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if s := t.spec.closest(k); s != "" {
			t.c.addf(t.at(k), "unknown key (did you mean %q?)", s)
		} else {
			t.c.addf(t.at(k), "unknown key")
		}
	}
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int64:
		return float64(x), true
	}
	return 0, false
}

func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// kindOf names a decoded TOML value's type for messages.
func kindOf(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case time.Time:
		return "a date-time"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// editDistance is the Levenshtein distance between two short strings; longer ones are "far".
// It works in two rows on the stack: a file with thousands of unknown keys asks it often.
func editDistance(a, b string) int {
	const maxLen = 64
	if len(a) > maxLen || len(b) > maxLen {
		return 99
	}
	if d := len(a) - len(b); d > 2 || d < -2 {
		return 3 // the hint only wants distances below 3
	}
	var prevBuf, curBuf [maxLen + 1]int
	prev, cur := prevBuf[:len(b)+1], curBuf[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
