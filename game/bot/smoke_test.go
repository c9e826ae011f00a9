package bot

import (
	"testing"

	"twohats/game/sim"
)

func TestSmoke(t *testing.T) {
	sc := smokeScenario()
	for _, r := range sim.Roles {
		for _, name := range Names {
			g, err := sim.New(sc, r, 1)
			if err != nil {
				t.Fatal(err)
			}
			p, _ := New(name, 1)
			if err := Play(g, p); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s/%s: %+v actions=%d", r, name, g.Outcome(), len(g.Actions()))
		}
	}
}
