package batch

import (
	"reflect"
	"strings"
	"testing"

	"twohats/game/sim"
	"twohats/scenarios"
)

// TestWorkersDoNotChangeResults: one worker or many, the same jobs give the same outcomes in the
// same order.
func TestWorkersDoNotChangeResults(t *testing.T) {
	sc, err := scenarios.Load("startup")
	if err != nil {
		t.Fatal(err)
	}
	var jobs []Job
	for i, p := range []string{"roadmap", "random", "yes", "idle", "urgency", "roadmap-nosync"} {
		for _, r := range sim.Roles {
			jobs = append(jobs, Job{Scenario: sc, Role: r, Policy: p, Seed: uint64(100 + i)})
		}
	}
	one := Run(jobs, 1, false)
	many := Run(jobs, 5, false)
	if !reflect.DeepEqual(one, many) {
		t.Fatal("results depend on the number of workers")
	}
	for i, o := range one {
		if o.Err != nil || o.Summary.Policy != jobs[i].Policy || o.Summary.Seed != jobs[i].Seed || o.Game != nil {
			t.Fatalf("outcome %d does not match its job: %+v", i, o)
		}
	}
}

func TestBadJobReportsError(t *testing.T) {
	sc, _ := scenarios.Load("tutorial")
	out := Run([]Job{{Scenario: sc, Role: sim.RolePM, Policy: "nonsense", Seed: 1}}, 0, true)
	if out[0].Err == nil || !strings.Contains(out[0].Err.Error(), "unknown policy") {
		t.Fatalf("got %v", out[0].Err)
	}
}
