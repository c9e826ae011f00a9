// Package scenarios holds the scenarios shipped with Two Hats, embedded in the binary so the
// desktop game, the browser build and the headless tools all carry the same files.
package scenarios

import (
	"embed"
	"fmt"

	"twohats/game/scenario"
)

//go:embed *.toml
var files embed.FS

// ids is the order scenarios are offered in: the tutorial first, then rising difficulty.
var ids = [...]string{"tutorial", "startup", "enterprise", "pivot", "burnout"}

// IDs returns the ids of the shipped scenarios in the order they are offered to the player.
func IDs() []string {
	out := make([]string, len(ids))
	copy(out, ids[:])
	return out
}

// Source returns the TOML text of the shipped scenario id, and false if there is none.
func Source(id string) ([]byte, bool) {
	src, err := files.ReadFile(id + ".toml")
	if err != nil {
		return nil, false
	}
	return src, true
}

// Load parses the shipped scenario id. Problems name the file as scenarios/<id>.toml.
func Load(id string) (*scenario.Scenario, error) {
	src, ok := Source(id)
	if !ok {
		return nil, fmt.Errorf("no shipped scenario %q (have %v)", id, ids)
	}
	return scenario.Parse("scenarios/"+id+".toml", src)
}
