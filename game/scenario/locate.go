package scenario

import (
	"sort"
	"strconv"
	"strings"
)

// locator finds where each key of a TOML document sits in its source, because the TOML decoder
// does not say. It scans the text once and records, for every key path, the byte offset of the key
// (or of the table header, or of the array element). Paths join keys with dots and number the
// elements of arrays from 0: "themes.2.need", "events.0.choices.1.effects.0.meter".
//
// The locator runs only on text the TOML decoder has accepted, so it knows just enough TOML to
// follow the structure. It never fails: on anything it does not expect it moves on by a byte, and
// a path it has not seen is placed at its nearest recorded parent.
type locator struct {
	src    string
	i      int
	lines  []int          // byte offset at which each line starts
	at     map[string]int // key path → byte offset
	arrays map[string]int // array-of-tables path → elements seen so far
}

// locate scans src and returns its locator.
func locate(src string) *locator {
	l := &locator{src: src, at: map[string]int{}, arrays: map[string]int{}}
	l.lines = append(l.lines, 0)
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			l.lines = append(l.lines, i+1)
		}
	}
	l.run()
	return l
}

// pos returns the line and column of path, or of its nearest recorded parent, or 1:1.
func (l *locator) pos(path string) (line, col int) {
	for {
		if off, ok := l.at[path]; ok {
			return l.lineCol(off)
		}
		if path == "" {
			return 1, 1
		}
		path = parentPath(path)
	}
}

// lineCol turns a byte offset into a 1-based line and column.
func (l *locator) lineCol(off int) (line, col int) {
	n := sort.Search(len(l.lines), func(k int) bool { return l.lines[k] > off }) // first line after off
	if n == 0 {
		return 1, 1
	}
	return n, off - l.lines[n-1] + 1
}

// parentPath drops the last segment of a key path.
func parentPath(path string) string {
	if k := strings.LastIndexByte(path, '.'); k >= 0 {
		return path[:k]
	}
	return ""
}

// joinPath appends a segment to a key path.
func joinPath(path, seg string) string {
	if path == "" {
		return seg
	}
	return path + "." + seg
}

func (l *locator) eof() bool { return l.i >= len(l.src) }

func (l *locator) mark(path string, off int) {
	if _, ok := l.at[path]; !ok {
		l.at[path] = off
	}
}

// run scans the whole document: table headers and key/value lines.
func (l *locator) run() {
	table := ""
	for {
		l.skipSpace(true)
		if l.eof() {
			return
		}
		start := l.i
		if l.src[l.i] == '[' {
			arr := strings.HasPrefix(l.src[l.i:], "[[")
			if arr {
				l.i += 2
			} else {
				l.i++
			}
			table = l.header(l.keyPath(), arr, start)
		} else {
			l.keyValue(table)
		}
		if l.i == start {
			l.i++
		}
		l.skipLine()
	}
}

// header resolves a table header to its path, counting [[array]] elements, and records it.
func (l *locator) header(segs []keySeg, arr bool, start int) string {
	path := ""
	for k, s := range segs {
		p := joinPath(path, s.name)
		last := k == len(segs)-1
		switch {
		case last && arr:
			n := l.arrays[p]
			l.arrays[p] = n + 1
			l.mark(p, start)
			p = joinPath(p, strconv.Itoa(n))
			l.mark(p, start)
		case last:
			l.mark(p, start)
		default:
			if n := l.arrays[p]; n > 0 {
				p = joinPath(p, strconv.Itoa(n-1))
			}
		}
		path = p
	}
	return path
}

// keyValue reads `a.b = value` inside the table at base and records every key of it.
func (l *locator) keyValue(base string) {
	segs := l.keyPath()
	if len(segs) == 0 {
		return
	}
	path := base
	for _, s := range segs {
		path = joinPath(path, s.name)
		l.mark(path, segs[0].off) // a dotted key is placed where it starts
	}
	l.skipSpace(false)
	if l.eof() || l.src[l.i] != '=' {
		return
	}
	l.i++
	l.skipSpace(false)
	l.value(path)
}

// value skips one value, recording the elements of arrays and the keys of inline tables.
func (l *locator) value(path string) {
	if l.eof() {
		return
	}
	switch l.src[l.i] {
	case '"', '\'':
		l.skipString()
	case '[':
		l.i++
		for n := 0; ; {
			l.skipSpace(true)
			if l.eof() {
				return
			}
			switch c := l.src[l.i]; c {
			case ']':
				l.i++
				return
			case ',':
				l.i++
			default:
				p := joinPath(path, strconv.Itoa(n))
				n++
				l.mark(p, l.i)
				start := l.i
				l.value(p)
				if l.i == start {
					l.i++
				}
			}
		}
	case '{':
		l.i++
		for {
			l.skipSpace(true)
			if l.eof() {
				return
			}
			switch c := l.src[l.i]; c {
			case '}':
				l.i++
				return
			case ',':
				l.i++
			default:
				start := l.i
				l.keyValue(path)
				if l.i == start {
					l.i++
				}
			}
		}
	default:
		start := l.i
		for !l.eof() && !strings.ContainsRune(",]}\n#", rune(l.src[l.i])) {
			l.i++
		}
		if l.i == start {
			l.i++
		}
	}
}

// keySeg is one segment of a dotted key and the offset it starts at.
type keySeg struct {
	name string
	off  int
}

// keyPath reads a dotted key: bare, "quoted" or 'literal' segments separated by dots.
func (l *locator) keyPath() []keySeg {
	var segs []keySeg
	for {
		l.skipSpace(false)
		if l.eof() {
			return segs
		}
		off := l.i
		var name string
		switch c := l.src[l.i]; {
		case c == '"' || c == '\'':
			l.skipString()
			name = unquoteKey(l.src[off:l.i])
		case isBare(c):
			for !l.eof() && isBare(l.src[l.i]) {
				l.i++
			}
			name = l.src[off:l.i]
		default:
			return segs
		}
		segs = append(segs, keySeg{name, off})
		l.skipSpace(false)
		if l.eof() || l.src[l.i] != '.' {
			return segs
		}
		l.i++
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// unquoteKey strips the quotes of a quoted key; a basic key also loses its escapes.
func unquoteKey(s string) string {
	if len(s) < 2 {
		return s
	}
	if s[0] == '\'' {
		return strings.Trim(s, "'")
	}
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s[1 : len(s)-1]
}

// skipString moves past a basic, literal or multi-line string starting at l.i.
func (l *locator) skipString() {
	q := l.src[l.i]
	triple := strings.Repeat(string(q), 3)
	if strings.HasPrefix(l.src[l.i:], triple) {
		l.i += 3
		for !l.eof() {
			if q == '"' && l.src[l.i] == '\\' {
				l.i += 2
				continue
			}
			if strings.HasPrefix(l.src[l.i:], triple) {
				l.i += 3
				// Up to two more quotes belong to the content: """a"""".
				for k := 0; k < 2 && !l.eof() && l.src[l.i] == q; k++ {
					l.i++
				}
				break
			}
			l.i++
		}
	} else {
		l.i++
		for !l.eof() && l.src[l.i] != '\n' {
			c := l.src[l.i]
			if q == '"' && c == '\\' {
				l.i += 2
				continue
			}
			l.i++
			if c == q {
				break
			}
		}
	}
	if l.i > len(l.src) {
		l.i = len(l.src)
	}
}

// skipSpace skips blanks and comments, and newlines too when nl is set.
func (l *locator) skipSpace(nl bool) {
	for !l.eof() {
		switch l.src[l.i] {
		case ' ', '\t', '\r':
			l.i++
		case '\n':
			if !nl {
				return
			}
			l.i++
		case '#':
			for !l.eof() && l.src[l.i] != '\n' {
				l.i++
			}
		default:
			return
		}
	}
}

// skipLine moves past the end of the current line.
func (l *locator) skipLine() {
	for !l.eof() && l.src[l.i] != '\n' {
		l.i++
	}
	if !l.eof() {
		l.i++
	}
}
