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

// table is one decoded TOML table being read against the schema. Every key the loader asks for
// becomes known; done reports the rest as unknown.
type table struct {
	c     *checker
	path  string
	m     map[string]any
	known []string
}

func (c *checker) table(path string, m map[string]any) *table {
	return &table{c: c, path: path, m: m, known: make([]string, 0, len(m)+4)}
}

func (t *table) at(key string) string { return joinPath(t.path, key) }

// get looks a key up and marks it known.
func (t *table) get(key string) (any, bool) {
	t.known = append(t.known, key)
	v, ok := t.m[key]
	return v, ok
}

// has reports whether the key is present, without marking it known.
func (t *table) has(key string) bool {
	_, ok := t.m[key]
	return ok
}

// isStr reports whether the key is present and holds a string, without marking it known.
func (t *table) isStr(key string) bool {
	_, ok := t.m[key].(string)
	return ok
}

func (t *table) missing(key string) {
	t.c.addf(t.path, "missing required key %q", key)
}

// str reads a string. A required string must not be blank.
func (t *table) str(key string, required bool, def string) string {
	v, ok := t.get(key)
	if !ok {
		if required {
			t.missing(key)
		}
		return def
	}
	s, ok := v.(string)
	if !ok {
		t.c.addf(t.at(key), "want a string, got %s", kindOf(v))
		return def
	}
	if required && strings.TrimSpace(s) == "" {
		t.c.addf(t.at(key), "must not be empty")
	}
	return s
}

// integer reads an integer within lo..hi.
func (t *table) integer(key string, required bool, def, lo, hi int) int {
	v, ok := t.get(key)
	if !ok {
		if required {
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

// number reads a float (an integer is accepted) within lo..hi.
func (t *table) number(key string, required bool, def, lo, hi float64) float64 {
	v, ok := t.get(key)
	if !ok {
		if required {
			t.missing(key)
		}
		return def
	}
	f, ok := toFloat(v)
	if !ok {
		t.c.addf(t.at(key), "want a number, got %s", kindOf(v))
		return def
	}
	if !(f >= lo && f <= hi) {
		t.c.addf(t.at(key), "must be between %s and %s, got %s", fmtFloat(lo), fmtFloat(hi), fmtFloat(f))
		return def
	}
	return f
}

// boolean reads a true/false value.
func (t *table) boolean(key string, def bool) bool {
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
func (t *table) sub(key string, required bool) *table {
	v, ok := t.get(key)
	if !ok {
		if required {
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
	return t.c.table(t.at(key), m)
}

// list reads an array of tables, written either as [[key]] headers or as an inline array of
// { ... } tables.
func (t *table) list(key string, required bool) (tables []*table, present bool) {
	v, ok := t.get(key)
	if !ok {
		if required {
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
			tables = append(tables, t.c.table(joinPath(t.at(key), strconv.Itoa(i)), m))
		}
	case []any:
		for i, e := range arr {
			p := joinPath(t.at(key), strconv.Itoa(i))
			m, ok := e.(map[string]any)
			if !ok {
				t.c.addf(p, "want a table, got %s", kindOf(e))
				continue
			}
			tables = append(tables, t.c.table(p, m))
		}
	default:
		t.c.addf(t.at(key), "want an array of tables, got %s", kindOf(v))
		return nil, false
	}
	return tables, true
}

// done reports every key of the table that the loader never asked for.
func (t *table) done() {
	var keys []string // almost always empty: no allocation in the common case
	for k := range t.m {
		if !slices.Contains(t.known, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if s := closest(k, t.known); s != "" {
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

// closest returns the known key nearest to k when it is a likely typo, or "".
func closest(k string, known []string) string {
	best, bestD := "", 3
	for _, c := range known {
		if d := editDistance(k, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
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
