package results

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"twohats/game/scenario"
	"twohats/game/sim"
	"twohats/scenarios"
)

// The budgets a forged or damaged results file is answered within: a facilitator's `twohats
// compare` and the room read files players hand in, so one file must not stall or exhaust them.
// Under js/wasm (make wasm-test) the same code runs several times slower.
var fuzzTime = func() time.Duration {
	if runtime.GOARCH == "wasm" {
		return 8 * time.Second
	}
	return 2 * time.Second
}()

const fuzzBytes = 200 << 20

// measureFuzz runs f and returns how long it took and how many bytes it allocated.
func measureFuzz(f func()) (time.Duration, uint64) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	d := time.Since(start)
	runtime.ReadMemStats(&after)
	return d, after.TotalAlloc - before.TotalAlloc
}

// FuzzParseAndReplay feeds Parse and ReplayFile whatever the fuzzer makes of real results files:
// each is answered within the budget, a refusal is a message and never a panic, and a file that
// parses writes back to bytes that parse to the same file.
func FuzzParseAndReplay(f *testing.F) {
	golden, _ := filepath.Glob("testdata/*.json")
	for _, name := range golden {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, role := range []sim.Role{sim.RolePM, sim.RoleBoth} {
		g, err := sim.New(mustTutorial(f), role, 3)
		if err != nil {
			f.Fatal(err)
		}
		var buf []sim.Action
		for i := 0; i < 12 && !g.Over(); i++ {
			buf = g.Legal(buf[:0])
			if err := g.Apply(buf[i%len(buf)]); err != nil {
				f.Fatal(err)
			}
		}
		b, err := FromGame(g, "human").Marshal()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(fmt.Appendf(nil, `{"format": %d, "scenario": "tutorial", "role": "pm", "seed": 1, "actions": [{"kind": 99}]}`, Format))
	f.Fuzz(func(t *testing.T, b []byte) {
		var file File
		var err error
		d, alloc := measureFuzz(func() { file, err = Parse(b) })
		if d > fuzzTime || alloc > fuzzBytes {
			t.Fatalf("parsing %d bytes took %v and %d bytes; the budget is %v and %d", len(b), d, alloc, fuzzTime, fuzzBytes)
		}
		if err != nil {
			if msg := err.Error(); msg == "" || strings.Contains(msg, "\n") {
				t.Fatalf("Parse refused with %q; want one line", msg)
			}
			return
		}
		out, err := file.Marshal()
		if err != nil {
			t.Fatalf("a parsed file does not marshal: %v", err)
		}
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("a parsed file, written back, no longer parses: %v", err)
		}
		if out2, _ := again.Marshal(); !bytes.Equal(out, out2) {
			t.Fatal("a parsed file, written back and parsed again, is another file")
		}
		ctx, cancel := context.WithTimeout(context.Background(), fuzzTime)
		defer cancel()
		var g *sim.Game
		d, alloc = measureFuzz(func() { g, _, err = ReplayFile(ctx, file) })
		if d > fuzzTime+fuzzTime/2 || alloc > fuzzBytes {
			t.Fatalf("replaying %d decisions took %v and %d bytes; the budget is %v and %d", len(file.Actions), d, alloc, fuzzTime, fuzzBytes)
		}
		if err != nil {
			if err.Error() == "" {
				t.Fatal("ReplayFile refused with an empty message")
			}
			return
		}
		if g == nil {
			t.Fatal("ReplayFile returned neither a game nor an error")
		}
	})
}

func mustTutorial(tb testing.TB) *scenario.Scenario {
	tb.Helper()
	sc, err := scenarios.Load("tutorial")
	if err != nil {
		tb.Fatal(err)
	}
	return sc
}
