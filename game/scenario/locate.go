package scenario

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// locator finds where each key of a TOML document sits in its source, because the TOML decoder
// does not say. It scans the text once and records, for every key (and table header, and array
// element), the byte offset where it starts. Problems name keys by path: keys joined by dots,
// the elements of arrays numbered from 0: "themes.2.need", "events.0.choices.1.effects.0.meter".
//
// The record is a tree, one node per key or element, each found by its parent and its own name,
// so the locator's time and memory grow with the size of the file and nothing else: a long dotted
// key or deep nesting adds one node per part, never a copy of the path so far.
//
// The locator runs only on text the TOML decoder has accepted, so it knows just enough TOML to
// follow the structure. It never fails: on anything it does not expect it moves on by a byte, and
// a path it has not seen is placed at its nearest recorded parent.
type locator struct {
	src   string
	i     int
	lines []int // byte offset at which each line starts
	nodes []lnode
	kids  map[lkey]int32
	segs  []keySeg
}

// lnode is one key or array element: where it starts and, for an array of tables, how many
// elements its [[headers]] have opened so far.
type lnode struct {
	off   int
	elems int
}

// lkey finds a node by its parent: a named key (elem -1) or an array element (elem ≥ 0).
type lkey struct {
	parent int32
	elem   int32
	name   string
}

// locate scans src and returns its locator.
func locate(src string) *locator {
	l := &locator{src: src, nodes: []lnode{{off: -1}}, kids: map[lkey]int32{}}
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
	node := int32(0)
	for path != "" {
		seg, rest, _ := strings.Cut(path, ".")
		next, ok := int32(0), false
		if n, err := strconv.Atoi(seg); err == nil && n >= 0 && n <= math.MaxInt32 {
			next, ok = l.kids[lkey{parent: node, elem: int32(n)}]
		}
		if !ok {
			next, ok = l.kids[lkey{parent: node, elem: -1, name: seg}]
		}
		if !ok {
			break
		}
		node, path = next, rest
	}
	if off := l.nodes[node].off; off >= 0 {
		return l.lineCol(off)
	}
	return 1, 1
}

// child returns the node of key name under parent, recording it at off when new.
func (l *locator) child(parent int32, name string, off int) int32 {
	return l.node(lkey{parent: parent, elem: -1, name: name}, off)
}

// elem returns the node of element n of the array at parent, recording it at off when new.
func (l *locator) elem(parent int32, n int, off int) int32 {
	return l.node(lkey{parent: parent, elem: int32(min(n, math.MaxInt32))}, off)
}

func (l *locator) node(k lkey, off int) int32 {
	if n, ok := l.kids[k]; ok {
		return n
	}
	n := int32(len(l.nodes))
	l.nodes = append(l.nodes, lnode{off: off})
	l.kids[k] = n
	return n
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

// run scans the whole document: table headers and key/value lines.
func (l *locator) run() {
	table := int32(0)
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

// header resolves a table header to its node, counting [[array]] elements, and records it.
func (l *locator) header(segs []keySeg, arr bool, start int) int32 {
	node := int32(0)
	for k, s := range segs {
		p := l.child(node, s.name, start)
		switch last := k == len(segs)-1; {
		case last && arr:
			n := l.nodes[p].elems
			l.nodes[p].elems = n + 1
			p = l.elem(p, n, start)
		case !last:
			if n := l.nodes[p].elems; n > 0 {
				p = l.elem(p, n-1, start)
			}
		}
		node = p
	}
	return node
}

// keyValue reads `a.b = value` inside the table at base and records every key of it.
func (l *locator) keyValue(base int32) {
	segs := l.keyPath()
	if len(segs) == 0 {
		return
	}
	node := base
	for _, s := range segs {
		node = l.child(node, s.name, segs[0].off) // a dotted key is placed where it starts
	}
	l.skipSpace(false)
	if l.eof() || l.src[l.i] != '=' {
		return
	}
	l.i++
	l.skipSpace(false)
	l.value(node)
}

// value skips one value, recording the elements of arrays and the keys of inline tables.
func (l *locator) value(node int32) {
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
				p := l.elem(node, n, l.i)
				n++
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
				l.keyValue(node)
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

// keyPath reads a dotted key: bare, "quoted" or 'literal' segments separated by dots. The
// segments reuse one buffer: each is used up before the next key is read.
func (l *locator) keyPath() []keySeg {
	segs := l.segs[:0]
	defer func() { l.segs = segs[:0] }()
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
	l.i = skipStrIn(l.src, l.i)
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
