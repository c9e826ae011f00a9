package workshop

import (
	"strings"
	"testing"

	"twohats/game/results"
	"twohats/game/sim"
)

// A pair file may name each seat's policy; each must be "human" or a bot's name. A one-player
// file may not.
func TestScreenReadsSeatPolicies(t *testing.T) {
	room := pairRoom(t)
	room.Roles = append(room.Roles, sim.RolePair)
	file := func(role sim.Role, policy string) results.File {
		g, err := sim.New(room.Scenario.Sc, role, room.Seed)
		if err != nil {
			t.Fatal(err)
		}
		return results.FromGame(g, policy)
	}
	for _, tt := range []struct {
		name   string
		role   sim.Role
		policy string
		want   string // "" to pass
	}{
		{"a pair of people", sim.RolePair, "human", ""},
		{"a person and the room's bot", sim.RolePair, "pm=human,po=roadmap", ""},
		{"two bots", sim.RolePair, "pm=urgency,po=roadmap", ""},
		{"a seat of no bot", sim.RolePair, "pm=human,po=wizard", `policy "wizard" is neither`},
		{"a seat's policy flood", sim.RolePair, "pm=human,po=" + strings.Repeat("x", 100), "neither \"human\" nor a bot"},
		{"seats on a one-player game", sim.RolePM, "pm=human,po=roadmap", `policy "pm=human,po=roadmap" is neither`},
	} {
		rf := room.screen(file(tt.role, tt.policy))
		switch {
		case tt.want == "" && rf != nil:
			t.Errorf("%s: refused: %v", tt.name, rf)
		case tt.want != "" && (rf == nil || rf.Code != 422 || !strings.Contains(rf.Error(), tt.want)):
			t.Errorf("%s: %v, want 422 %q", tt.name, rf, tt.want)
		}
	}
}
