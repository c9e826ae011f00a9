package scene

import (
	"runtime"
	"testing"

	"twohats/game/bot"
	"twohats/game/sim"
)

// TestTicksAllocateLittle plays a startup game through the screens, with no display, and checks
// what the game loop's Update (the autoplayer, the intents, the scenes' ticks, the decisions and
// their autosaves) allocates per tick once the game is under way: the frame-statistics target is
// 1 KiB per frame.
func TestTicksAllocateLittle(t *testing.T) {
	if testing.Short() {
		t.Skip("plays a whole game")
	}
	pol, _ := bot.New("roadmap", 1)
	m, _, _ := newTest(t, Options{Scenario: "startup", Role: sim.RoleBoth, Seed: 7, Autoplay: "roadmap", Policy: pol})
	ap := &Autoplayer{Policy: pol, Every: 2}
	step := func() {
		if in, ok := ap.Step(m); ok {
			m.Handle(in)
		}
		m.Tick()
	}
	for f := 0; f < 200000 && m.Name() != "strategy"; f++ {
		step()
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b0, ticks := ms.TotalAlloc, 0
	for ; ticks < 200000 && m.Name() != "end"; ticks++ {
		step()
	}
	runtime.ReadMemStats(&ms)
	per := float64(ms.TotalAlloc-b0) / float64(ticks)
	t.Logf("%d ticks, %d decisions: %.0f B per tick", ticks, ap.Decisions, per)
	if per > 1024 {
		t.Errorf("%.0f B allocated per tick, want at most 1 KiB", per)
	}
}
