package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Budgets every hostile file is answered within (issue 11): the loader must refuse, not suffer.
// The time budget is for a native build; under js/wasm (make wasm-test, in Node) the same code
// runs several times slower, so there it gets four times as long. Memory is the same everywhere.
var budgetTime = func() time.Duration {
	if runtime.GOARCH == "wasm" {
		return 8 * time.Second
	}
	return 2 * time.Second
}()

const budgetBytes = 200 << 20

// hostile is a file made to hurt a loader, and the start of the one-line refusal it must get.
type hostile struct {
	name string
	src  func() []byte
	want string // FILE:LINE:COL: message prefix of the first problem
}

func repeatKeys(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "k%d = 1\n", i)
	}
	return b.Bytes()
}

func dottedKey(parts int) []byte {
	return []byte("a" + strings.Repeat(".a", parts-1) + " = 1\n")
}

func deepArrays(depth int) []byte {
	return []byte("a = " + strings.Repeat("[", depth) + strings.Repeat("]", depth) + "\n")
}

var hostiles = []hostile{
	{"400k top-level keys", func() []byte { return repeatKeys(400_000) }, "h.toml:1:1: the file is over 131072 bytes"},
	{"100k keys", func() []byte { return repeatKeys(100_000) }, "h.toml:1:1: the file is over 131072 bytes"},
	{"100k-part dotted key", func() []byte { return dottedKey(100_000) }, "h.toml:1:1: the file is over 131072 bytes"},
	{"4000-part dotted key", func() []byte { return dottedKey(4_000) }, "h.toml:1:1: key has more than 4 dotted parts"},
	{"5-part dotted key", func() []byte { return []byte("id = \"x\"\n\n a.b.'c.d'.\"e\" . f = 1\n") }, "h.toml:3:2: key has more than 4 dotted parts"},
	{"5-part header", func() []byte { return []byte("[a.b.c.d.e]\n") }, "h.toml:1:1: table header has more than 4 dotted parts"},
	{"9000-deep arrays", func() []byte { return deepArrays(9_000) }, "h.toml:1:11: arrays and inline tables nest more than 6 deep"},
	{"deep inline tables", func() []byte { return []byte("a = {b={c={d={e={f={g={h=1}}}}}}}\n") }, "h.toml:1:23: arrays and inline tables nest more than 6 deep"},
	{"huge file", func() []byte { return bytes.Repeat([]byte("# a comment line, forty bytes long....\n"), 1<<18) }, "h.toml:1:1: the file is over 131072 bytes"},
	{"long line", func() []byte { return []byte("id = \"x\"\nsummary = \"" + strings.Repeat("x", 3000) + "\"\n") }, "h.toml:2:2001: line is longer than 2000 bytes"},
	{"one line, no newline", func() []byte { return bytes.Repeat([]byte("a"), MaxFileBytes) }, "h.toml:1:2001: line is longer than 2000 bytes"},
}

// measure runs f once and returns its wall time and the bytes it allocated (TotalAlloc counts
// every allocation, collected or not, so no GC is needed first).
func measure(f func()) (time.Duration, uint64) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	d := time.Since(start)
	runtime.ReadMemStats(&after)
	return d, after.TotalAlloc - before.TotalAlloc
}

func withinBudget(t *testing.T, what string, d time.Duration, alloc uint64) {
	t.Helper()
	t.Logf("%s: %v, %.2f MB allocated", what, d.Round(time.Microsecond), float64(alloc)/(1<<20))
	if d > budgetTime || alloc > budgetBytes {
		t.Errorf("%s took %v and %d bytes; the budget is %v and %d", what, d, alloc, budgetTime, budgetBytes)
	}
}

func firstLine(err error) string {
	s := err.Error()
	if k := strings.IndexByte(s, '\n'); k >= 0 {
		return s[:k]
	}
	return s
}

func TestHostileFilesAreRefused(t *testing.T) {
	for _, h := range hostiles {
		t.Run(h.name, func(t *testing.T) {
			src := h.src()
			var err error
			d, alloc := measure(func() { _, err = Parse("h.toml", src) })
			withinBudget(t, h.name, d, alloc)
			var ps Problems
			if !errors.As(err, &ps) || len(ps) != 1 {
				t.Fatalf("want one refusal, got %v", err)
			}
			if got := firstLine(err); !strings.HasPrefix(got, h.want) {
				t.Errorf("refusal = %q\nwant it to start %q", got, h.want)
			}
		})
	}
}

// endless is an io.Reader that never ends, like /dev/zero.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestReadRefusesEndlessInput(t *testing.T) {
	var err error
	d, alloc := measure(func() { _, err = Read("zero", endless{}) })
	withinBudget(t, "endless input", d, alloc)
	if err == nil || !strings.HasPrefix(err.Error(), "zero:1:1: the file is over") {
		t.Errorf("Read(endless) = %v", err)
	}
	sc, err := Read("mini.toml", strings.NewReader(mini))
	if err != nil || sc.ID != "mini" {
		t.Errorf("Read(mini) = %v, %v", sc, err)
	}
}

// TestLocatorIsLinear gives the locator directly what the guard keeps from it: it must stay
// within budget on its own, so the guard is not the only thing between a file and the heap.
func TestLocatorIsLinear(t *testing.T) {
	for _, c := range []struct {
		name string
		src  []byte
	}{
		{"100k-part dotted key", dottedKey(100_000)},
		{"9000-deep arrays", deepArrays(9_000)},
		{"100k keys", repeatKeys(100_000)},
	} {
		src := string(c.src)
		var line int
		d, alloc := measure(func() { line, _ = locate(src).pos("zz") })
		withinBudget(t, "locate "+c.name, d, alloc)
		if line != 1 {
			t.Errorf("%s: unknown path placed on line %d", c.name, line)
		}
	}
	// And the tree finds what it recorded.
	l := locate(string(deepArrays(9_000)))
	if line, col := l.pos("a" + strings.Repeat(".0", 8_999)); line != 1 || col != 9_004 {
		t.Errorf("innermost array at %d:%d, want 1:9004", line, col)
	}
}

// TestFilesAtTheCaps checks the worst files the guard lets through: as big, as wide and as
// deep as the caps allow. Each must still be answered within budget, problems and all.
func TestFilesAtTheCaps(t *testing.T) {
	fill := func(unit string) []byte {
		return []byte(strings.Repeat(unit, MaxFileBytes/len(unit)))
	}
	var keys bytes.Buffer
	for i := 0; keys.Len() < MaxFileBytes-16; i++ {
		fmt.Fprintf(&keys, "k%d=1\n", i)
	}
	for _, c := range []struct {
		name string
		src  []byte
	}{
		{"distinct keys", keys.Bytes()},
		{"tables", fill("[[a]]\n")},
		{"4-part headers", fill("[[a.b.c.d]]\n")},
		{"nested arrays", []byte("a=[" + strings.Repeat("[[[[[1]]]]],\n", (MaxFileBytes-8)/13) + "]\n")},
		{"long lines", fill("#" + strings.Repeat("x", MaxLineBytes-1) + "\n")},
		{"unknown keys", []byte(mini + strings.Repeat("\n[[stories.extra]]\n", (MaxFileBytes-len(mini))/20))},
	} {
		t.Run(c.name, func(t *testing.T) {
			if len(c.src) > MaxFileBytes {
				t.Fatalf("test file is %d bytes, over the cap", len(c.src))
			}
			var err error
			d, alloc := measure(func() { _, err = Parse("cap.toml", c.src) })
			withinBudget(t, c.name, d, alloc)
			if err == nil {
				t.Fatal("a file at the caps parsed as a scenario")
			}
			if n := strings.Count(err.Error(), "\n") + 1; n > MaxShown+1 {
				t.Errorf("the error has %d lines; at most %d", n, MaxShown+1)
			}
		})
	}
}

func TestAtMostMaxShownProblemsArePrinted(t *testing.T) {
	var b strings.Builder
	b.WriteString(mini)
	b.WriteString("\n[market]\n")
	for i := range 500 {
		fmt.Fprintf(&b, "x%d = 1\n", i)
	}
	_, err := Parse("mini.toml", []byte(b.String()))
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 500 {
		t.Fatalf("want 500 problems, got %d", len(ps))
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != MaxShown+1 {
		t.Fatalf("printed %d lines, want %d", len(lines), MaxShown+1)
	}
	if last := lines[MaxShown]; last != "mini.toml: and 400 more problems" {
		t.Errorf("last line = %q", last)
	}
}

func TestByteOrderMarkIsAccepted(t *testing.T) {
	sc, err := Parse("bom.toml", append([]byte("\xEF\xBB\xBF"), mini...))
	if err != nil || sc.ID != "mini" {
		t.Fatalf("a file with a BOM: %v", err)
	}
	_, err = Parse("bom.toml", append([]byte("\xEF\xBB\xBF"), strings.Replace(mini, `sprints = 3`, `sprints = 0`, 1)...))
	if err == nil || !strings.HasPrefix(err.Error(), "bom.toml:5:1: sprints:") {
		t.Errorf("a problem after a BOM is placed as %v", err)
	}
}

// TestGuardPassesValidTOML keeps the guard from refusing what it should let through: strings,
// comments and quoted keys with brackets, dots and quotes in them.
func TestGuardPassesValidTOML(t *testing.T) {
	src := `# [[a.b.c.d.e]] in a comment
a = "[[[[[[[[ \" ]"
b = '{{{{{{{{'
c = """
[[[[[[[[ a.b.c.d.e.f = 1
"""
'x.y.z.w' = 1
"q.q".r.s.t = [[[[1]]], { u = "{{{{" }]
[[x.y."z.w".v]]
d = 1979-05-27T07:32:00Z
`
	if p := guard("ok.toml", []byte(src)); p != nil {
		t.Errorf("guard refused valid TOML: %v", p)
	}
}

func BenchmarkHostile(b *testing.B) {
	for _, h := range hostiles {
		src := h.src()
		b.Run(strings.ReplaceAll(h.name, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = Parse("h.toml", src)
			}
		})
	}
	b.Run("endless_input", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = Read("zero", io.LimitReader(endless{}, 1<<40))
		}
	})
}
