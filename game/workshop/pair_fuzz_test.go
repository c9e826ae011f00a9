package workshop

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"twohats/game/pairplay"
)

// Budgets of one decode, whatever the bytes: a body is at most 64 KiB and decodes in tens of
// microseconds, so a decode that takes long or allocates much is a hole. The time budget leaves
// room for a machine busy with other work (the fuzzer's own workers, other tests).
const (
	decodeTime  = 500 * time.Millisecond
	decodeBytes = 4 << 20
)

// measured runs f and returns its wall time and the bytes it allocated.
func measured(f func()) (time.Duration, uint64) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	d := time.Since(start)
	runtime.ReadMemStats(&after)
	return d, after.TotalAlloc - before.TotalAlloc
}

// FuzzDecodeJoin: any body is a join or one line saying why not, in bounded time and memory;
// an accepted join's code and hat are ones the referee reads.
func FuzzDecodeJoin(f *testing.F) {
	for _, s := range []string{`{"name":"Ada"}`, `{"name":"Ben","code":"acd-ef","hat":"po"}`, `{"name":1}`, `{"hat":"cto"}`,
		`{"name":"x"}{"name":"y"}`, `{"code":"` + strings.Repeat("A", 40) + `"}`, `[`, `{"name":"\u202e"}`, ``} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var req pairplay.JoinRequest
		var err error
		d, alloc := measured(func() { req, err = decodeJoin(b) })
		if d > decodeTime || alloc > decodeBytes {
			t.Fatalf("%d bytes took %v and %d bytes; the budget is %v and %d", len(b), d, alloc, decodeTime, decodeBytes)
		}
		if err != nil {
			if msg := OneLine(err.Error()); msg == "" || len(msg) > maxLine+32 {
				t.Fatalf("error %q is not one short line", msg)
			}
			return
		}
		if len(req.Code) > 32 {
			t.Fatalf("accepted a %d-byte code", len(req.Code))
		}
		if _, err := pairplay.ParseHat(req.Hat); err != nil {
			t.Fatalf("accepted hat %q: %v", req.Hat, err)
		}
		if n := PlayerName(req.Name); len(n) > 4*MaxPlayer*3 {
			t.Fatalf("a %d-byte name", len(n))
		}
	})
}

// FuzzDecodeAction: any body is an action within the list bounds or one line saying why not,
// in bounded time and memory.
func FuzzDecodeAction(f *testing.F) {
	for _, s := range []string{`{"seq":3,"action":{"kind":"research","hat":"pm"}}`, `{"seq":0,"action":{"kind":"sync","accept":true}}`,
		`{"seq":-1,"action":{"kind":"advance"}}`, `{"seq":1,"action":{"kind":"order","stories":[3,1,2]}}`,
		`{"seq":1,"action":{"kind":"roadmap","weights":[0.5,0.5,1e308]}}`, `{"seq":1,"action":{"kind":"fly"}}`,
		`{"seq":1,"action":{"kind":"plan","stories":[` + strings.Repeat("1,", 5000) + `1]}}`, `{"seq":1e99}`, `null`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var req pairplay.ActionRequest
		var err error
		d, alloc := measured(func() { req, err = decodeAction(b) })
		if d > decodeTime || alloc > decodeBytes {
			t.Fatalf("%d bytes took %v and %d bytes; the budget is %v and %d", len(b), d, alloc, decodeTime, decodeBytes)
		}
		if err != nil {
			if msg := OneLine(err.Error()); msg == "" || len(msg) > maxLine+32 {
				t.Fatalf("error %q is not one short line", msg)
			}
			return
		}
		if req.Seq < 0 || len(req.Action.Stories) > maxActionStories || len(req.Action.Weights) > maxActionWeights {
			t.Fatalf("accepted seq %d with %d stories and %d weights", req.Seq, len(req.Action.Stories), len(req.Action.Weights))
		}
		if _, err := req.Action.Kind.MarshalText(); err != nil {
			t.Fatalf("accepted kind %d", req.Action.Kind)
		}
	})
}
