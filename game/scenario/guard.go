package scenario

import (
	"bytes"
	"fmt"
	"io"
)

// Caps on what the loader reads, checked by a cheap scan before the TOML decoder sees a byte. A
// scenario is written by a person in an editor; these leave such a file plenty of room and make
// sure no file, however it was made, costs the loader more than a moment and a few megabytes.
// docs/scenario-format.md lists them with the reasons.
const (
	// MaxFileBytes is the largest scenario file the loader reads. The largest shipped scenario is
	// 23 KB; one at every limit of the format (20 sprints, 8 themes, a hundred stories and
	// events, long texts) stays under 100 KB. Past 128 KiB a file is not a scenario someone
	// wrote, and within it any file, even one made to hurt, loads in well under a second and a few
	// tens of MB (guard_test.go tries the worst kinds).
	// Callers that read files (the command line, the workshop server) use it as their read limit.
	MaxFileBytes = 128 << 10

	// MaxLineBytes is the longest line, in bytes. Shipped lines are under 200 bytes; a paragraph
	// of text on one line is about 600; longer text belongs in a """multi-line""" string.
	MaxLineBytes = 2000

	// MaxKeyParts is the most dotted parts of one key or table header. The format's deepest header
	// is [[events.choices.effects]] (3 parts); a dotted key such as when.meter has 2. The decoder
	// is slow on very long dotted keys (4,000 parts took half a second and 674 MB).
	MaxKeyParts = 4

	// MaxNesting is how deeply arrays and inline tables may sit inside each other. The format's
	// deepest is choices = [{ effects = [{ ... }] }] (4).
	MaxNesting = 6
)

// Read parses a scenario from r, reading at most MaxFileBytes (and one byte more, to know a file
// is too big), so an endless or enormous stream costs no more than a file at the cap.
func Read(file string, r io.Reader) (*Scenario, error) {
	src, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, Problems{{File: file, Line: 1, Col: 1, Msg: "cannot read: " + err.Error()}}
	}
	return Parse(file, src)
}

// utf8BOM is the byte order mark some Windows editors write at the start of a UTF-8 file.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// guard checks src against the caps in one pass that allocates nothing, and returns the first
// breach as a problem (nil when src is within every cap). It follows just enough TOML (strings,
// comments, headers, keys, brackets) to count key parts and nesting; it does not validate, and on
// text that is not TOML it stays linear and leaves the complaining to the decoder.
func guard(file string, src []byte) *Problem {
	refuse := func(off int, format string, args ...any) *Problem {
		line, col := lineColOf(src, off)
		return &Problem{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
	}
	if len(src) > MaxFileBytes {
		return refuse(0, "the file is over %d bytes (%d KiB); a scenario may be at most that", MaxFileBytes, MaxFileBytes>>10)
	}
	var stack [MaxNesting]byte // open '[' or '{', innermost last
	depth := 0
	expectKey := true // at a line's start outside any bracket, or after '{' or ',' in an inline table
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\n':
			if depth == 0 {
				expectKey = true
			}
			i++
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case expectKey && depth == 0 && c == '[':
			start := i
			i++
			if i < len(src) && src[i] == '[' {
				i++
			}
			var parts int
			if i, parts = scanKey(src, i); parts > MaxKeyParts {
				return refuse(start, "table header has more than %d dotted parts", MaxKeyParts)
			}
			for i < len(src) && (src[i] == ']' || src[i] == ' ' || src[i] == '\t') {
				i++
			}
			expectKey = false
		case expectKey && (isBare(c) || c == '"' || c == '\''):
			start := i
			var parts int
			if i, parts = scanKey(src, i); parts > MaxKeyParts {
				return refuse(start, "key has more than %d dotted parts", MaxKeyParts)
			}
			expectKey = false
		case c == '"' || c == '\'':
			i = skipStrIn(src, i)
		case c == '[' || c == '{':
			if depth == MaxNesting {
				return refuse(i, "arrays and inline tables nest more than %d deep", MaxNesting)
			}
			stack[depth] = c
			depth++
			expectKey = c == '{'
			i++
		case c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
			expectKey = false
			i++
		case c == ',':
			expectKey = depth > 0 && stack[depth-1] == '{'
			i++
		default:
			expectKey = false
			i++
		}
	}
	for start := 0; start < len(src); {
		n := bytes.IndexByte(src[start:], '\n')
		if n < 0 {
			n = len(src) - start
		}
		if n > MaxLineBytes {
			return refuse(start+MaxLineBytes, "line is longer than %d bytes; put long text in a \"\"\"multi-line\"\"\" string", MaxLineBytes)
		}
		start += n + 1
	}
	return nil
}

// scanKey moves past a dotted key starting at i and counts its parts. It stops counting a little
// past MaxKeyParts, so a key of a million parts costs no more than one of five.
func scanKey(src []byte, i int) (next, parts int) {
	for i < len(src) {
		switch c := src[i]; {
		case c == '"' || c == '\'':
			i = skipStrIn(src, i)
		case isBare(c):
			for i < len(src) && isBare(src[i]) {
				i++
			}
		default:
			return i, parts
		}
		parts++
		for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
			i++
		}
		if i >= len(src) || src[i] != '.' || parts > MaxKeyParts {
			return i, parts
		}
		i++
		for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
			i++
		}
	}
	return i, parts
}

// skipStrIn moves past a basic, literal or multi-line string starting at i (its opening quote).
func skipStrIn[T string | []byte](src T, i int) int {
	q := src[i]
	if i+2 < len(src) && src[i+1] == q && src[i+2] == q {
		i += 3
		for i < len(src) {
			switch {
			case q == '"' && src[i] == '\\':
				i += 2
			case src[i] == q && i+2 < len(src) && src[i+1] == q && src[i+2] == q:
				i += 3
				for k := 0; k < 2 && i < len(src) && src[i] == q; k++ { // """a"""" ends in a quote
					i++
				}
				return i
			default:
				i++
			}
		}
		return len(src)
	}
	i++
	for i < len(src) && src[i] != '\n' {
		c := src[i]
		if q == '"' && c == '\\' {
			i += 2
			continue
		}
		i++
		if c == q {
			break
		}
	}
	return min(i, len(src))
}

// lineColOf places a byte offset of src as a 1-based line and byte column.
func lineColOf(src []byte, off int) (line, col int) {
	off = min(off, len(src))
	line = 1 + bytes.Count(src[:off], []byte{'\n'})
	return line, off - (bytes.LastIndexByte(src[:off], '\n') + 1) + 1
}
