package save

import (
	"bytes"
	"errors"
	"runtime"
	"testing"
	"time"

	"twohats/game/sim"
	"twohats/scenarios"
)

// The budget a damaged or doctored save is answered within: the game opens the save at start,
// so a bad one must cost a moment and a message, never a hang or the machine's memory.
const (
	fuzzTime  = 2 * time.Second
	fuzzBytes = 200 << 20
)

// FuzzParseAndRebuild feeds Parse and Rebuild whatever the fuzzer makes of real saves: each is
// answered within the budget, a refusal is an *Error with a one-line reason for the player, and
// a save that parses writes back to bytes that parse to the same save.
func FuzzParseAndRebuild(f *testing.F) {
	sc, err := scenarios.Load("tutorial")
	if err != nil {
		f.Fatal(err)
	}
	for _, role := range []sim.Role{sim.RolePO, sim.RoleBoth} {
		g, err := sim.New(sc, role, 7)
		if err != nil {
			f.Fatal(err)
		}
		var buf []sim.Action
		for i := 0; i < 20 && !g.Over(); i++ {
			buf = g.Legal(buf[:0])
			if err := g.Apply(buf[i%len(buf)]); err != nil {
				f.Fatal(err)
			}
		}
		b, err := Of(g, "", nil).Marshal()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"version": 1}`))
	f.Add([]byte("not json"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var save File
		var err error
		d, alloc := measure(func() { save, err = Parse(b) })
		if d > fuzzTime || alloc > fuzzBytes {
			t.Fatalf("parsing %d bytes took %v and %d bytes; the budget is %v and %d", len(b), d, alloc, fuzzTime, fuzzBytes)
		}
		if err != nil {
			wantPlayerError(t, "Parse", err)
			return
		}
		out, err := save.Marshal()
		if err != nil {
			t.Fatalf("a parsed save does not marshal: %v", err)
		}
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("a parsed save, written back, no longer parses: %v", err)
		}
		if out2, _ := again.Marshal(); !bytes.Equal(out, out2) {
			t.Fatal("a parsed save, written back and parsed again, is another save")
		}
		var g *sim.Game
		d, alloc = measure(func() { g, err = Rebuild(save, nil) })
		if d > fuzzTime || alloc > fuzzBytes {
			t.Fatalf("rebuilding %d decisions took %v and %d bytes; the budget is %v and %d", len(save.Actions), d, alloc, fuzzTime, fuzzBytes)
		}
		if err != nil {
			wantPlayerError(t, "Rebuild", err)
			return
		}
		if g == nil || len(g.Actions()) != len(save.Actions) {
			t.Fatal("Rebuild returned a game that is not the save's")
		}
	})
}

// wantPlayerError fails unless err is an *Error whose reason is one line the player can read.
func wantPlayerError(t *testing.T, what string, err error) {
	t.Helper()
	var se *Error
	if !errors.As(err, &se) {
		t.Fatalf("%s refused with %v (%T); want an *Error", what, err, err)
	}
	if se.Reason == "" {
		t.Fatalf("%s refused with an empty reason", what)
	}
}

// measure runs f and returns how long it took and how many bytes it allocated.
func measure(f func()) (time.Duration, uint64) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	d := time.Since(start)
	runtime.ReadMemStats(&after)
	return d, after.TotalAlloc - before.TotalAlloc
}
