// Package results is the results file a finished game leaves behind: the outcome, the sprint by
// sprint record, the turning points, and the replay (scenario, role, seed, decisions) that lets
// anyone re-run the game and check the result. The desktop game, the browser, `twohats sim
// --results-dir` and the workshop server all write this one format.
package results

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	"twohats/game/scenario"
	"twohats/game/sim"
)

// Format is the version of the results format; a file of another version is refused. Format 2:
// chance comes in strands (the world's apart from the decisions'), so a format 1 file's decisions
// no longer replay to its figures; and the summary carries the world's fingerprint. Format 3: the
// outcome model changed (promises fall due by the game's end, escalations are decided by urgency,
// the shipped scenarios' inboxes), so a format 2 file's decisions no longer replay to its figures
// and would read as forged; it is refused as coming from an older version instead. Format 4: the
// model changed again (the team's remedies pay debt down, an unreviewed sprint costs morale) and
// so did the shipped scenarios' inboxes, for the same reason. Format 5: customers who lost trust
// take up less of what ships, an escalation's no is a no, and pivot's inbox gained an ask. Format
// 6: an event's choice of time off (startup's cabin weekend, burnout's Friday afternoon) is no
// longer charged as work. Format 7: an unrefined story takes more rework (rework_per_fog 0.6, was
// 0.4), and time off past the hours left adds no stress. Format 8: a story shipped with a defect
// breaks its promise instead of keeping it.
const Format = 8

// MaxFileBytes is the largest results file anyone reads: a scenario's TOML (MaxSourceBytes) and
// far more decisions than a game has.
const MaxFileBytes = 1 << 20

// Summary is one game in a line: what `twohats sim --json` prints per game.
type Summary struct {
	Scenario         string   `json:"scenario"`
	Role             sim.Role `json:"role"`
	Policy           string   `json:"policy"`
	Seed             uint64   `json:"seed"`
	World            string   `json:"world"` // sim.Game.World: games with the same one were dealt the same world
	Score            float64  `json:"score"`
	Grade            string   `json:"grade"`
	Value            float64  `json:"value"`
	Alignment        float64  `json:"alignment"`
	StrategyFit      float64  `json:"strategy_fit"`
	StakeholderTrust float64  `json:"stakeholder_trust"`
	TeamHealth       float64  `json:"team_health"`
	BurnoutPeak      float64  `json:"burnout_peak"`
	BurnedOut        bool     `json:"burned_out"`
	SprintsPlayed    int      `json:"sprints_played"`
}

// File is a whole results file.
type File struct {
	Format int `json:"format"`
	Summary
	Player string `json:"player,omitempty"` // a display name typed in a workshop
	// Players are a pair game's names by seat ("pm", "po"): two people played it, so Player stays
	// empty. Only a pair game has them; its decisions name their seat (sim.Action.Hat), so the
	// file replays like any other.
	Players        map[string]string  `json:"players,omitempty"`
	ScenarioSource string             `json:"scenario_source,omitempty"` // the TOML of a scenario that is not shipped
	ScenarioHash   string             `json:"scenario_hash,omitempty"`   // Hash of the scenario's TOML: the scenario by content
	Sprints        []sim.SprintRecord `json:"sprints"`
	Helped         []sim.Turning      `json:"helped"`
	Hurt           []sim.Turning      `json:"hurt"`
	Actions        []sim.Action       `json:"actions"`
}

// round keeps six decimals: enough to tell any two results apart, short enough to read. Rounding
// is exact arithmetic, so a replay rounds to the same figures.
func round(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// Summarise reads a game's outcome as a summary line.
func Summarise(g *sim.Game, policy string) Summary {
	o := g.Outcome()
	return Summary{
		Scenario: g.Scenario().ID, Role: g.Role(), Policy: policy, Seed: g.Seed(), World: g.World(),
		Score: round(o.Score), Grade: o.Grade, Value: round(o.Value), Alignment: round(o.Alignment),
		StrategyFit: round(o.StrategyFit), StakeholderTrust: round(o.StakeholderTrust),
		TeamHealth: round(o.TeamHealth), BurnoutPeak: round(o.BurnoutPeak), BurnedOut: o.BurnedOut,
		SprintsPlayed: o.SprintsPlayed,
	}
}

// PairPolicy is a pair game's policy: the one name when both seats were played alike ("human", or
// the same bot), else each seat's, "pm=human,po=roadmap", so a person paired with the room's bot
// is not filed as a bot's game, nor a bot's half as a person's.
func PairPolicy(pm, po string) string {
	if pm == po {
		return pm
	}
	return "pm=" + pm + ",po=" + po
}

// SeatPolicies reads a policy PairPolicy wrote: each seat's, and whether it named them apart. A
// single name is both seats'.
func SeatPolicies(policy string) (pm, po string, apart bool) {
	a, b, ok := strings.Cut(policy, ",")
	pmName, okPM := strings.CutPrefix(a, "pm=")
	poName, okPO := strings.CutPrefix(b, "po=")
	if !ok || !okPM || !okPO {
		return policy, policy, false
	}
	return pmName, poName, true
}

// FromGame writes a game's results file. Policy names who decided: a bot's name, or "human".
func FromGame(g *sim.Game, policy string) File {
	helped, hurt := g.Turnings(5)
	return File{
		Format: Format, Summary: Summarise(g, policy), Sprints: g.State().History,
		Helped: helped, Hurt: hurt, Actions: g.Actions(),
	}
}

// Marshal writes the file as indented JSON.
func (f File) Marshal() ([]byte, error) {
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Parse reads a results file strictly: unknown fields and other versions are errors.
func Parse(b []byte) (File, error) {
	var f File
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&f); err != nil {
		return File{}, fmt.Errorf("not a results file: %w", err)
	}
	if d.More() {
		return File{}, errors.New("not a results file: data after the JSON object")
	}
	if f.Format != Format {
		when := "an older"
		if f.Format > Format {
			when = "a newer"
		}
		return File{}, fmt.Errorf("results format %d is not supported: the file comes from %s version of Two Hats (this one reads format %d)", f.Format, when, Format)
	}
	if f.Scenario == "" {
		return File{}, errors.New("results file names no scenario")
	}
	if !f.Role.Valid() {
		return File{}, errors.New("results file names no role (want pm, po, both or pair)")
	}
	if err := f.checkPlayers(); err != nil {
		return File{}, err
	}
	return f, nil
}

// checkPlayers refuses names that do not fit the role: seats' names for a solo game, one
// player's name for a pair, a seat that is neither pm nor po.
func (f File) checkPlayers() error {
	if f.Role != sim.RolePair {
		if len(f.Players) > 0 {
			return fmt.Errorf("results file names players by seat, and a %s game has one player (player)", f.Role)
		}
		return nil
	}
	if f.Player != "" {
		return errors.New("results file of a pair game names one player; a pair names both by seat (players)")
	}
	for seat := range f.Players {
		if seat != "pm" && seat != "po" {
			return fmt.Errorf("results file names a player for seat %q; a pair's seats are pm and po", seat)
		}
	}
	return nil
}

// PlayerOf is the name of whoever wore hat h: the player of a solo game (whatever h is), or the
// pair's player in that seat; "" when the file names nobody there.
func (f File) PlayerOf(h sim.Hat) string {
	if f.Role != sim.RolePair {
		return f.Player
	}
	switch h {
	case sim.HatPM:
		return f.Players["pm"]
	case sim.HatPO:
		return f.Players["po"]
	}
	return ""
}

// Replay re-runs the file's decisions on sc (see Play) and returns the game and what differs from
// the recorded summary (nothing when the result is reproduced). Use ScenarioOf to find sc from
// the file, or a room's scenario when the file must be of the room's (see Scenario.Same).
func Replay(ctx context.Context, f File, sc *scenario.Scenario) (*sim.Game, []string, error) {
	g, err := Play(ctx, sc, f.Role, f.Seed, f.Actions, nil)
	if err != nil {
		return g, nil, err
	}
	return g, Diff(f.Summary, Summarise(g, f.Policy)), nil
}

// ReplayFile resolves the file's own scenario (ScenarioOf) and replays it.
func ReplayFile(ctx context.Context, f File) (*sim.Game, []string, error) {
	s, err := ScenarioOf(f)
	if err != nil {
		return nil, nil, err
	}
	return Replay(ctx, f, s.Sc)
}

// Diff lists the fields in which two summaries differ, as "score: 71.2 recorded, 68.4 replayed".
func Diff(want, got Summary) []string {
	var out []string
	add := func(name string, w, g any) {
		if w != g {
			out = append(out, fmt.Sprintf("%s: %v recorded, %v replayed", name, w, g))
		}
	}
	add("world", want.World, got.World)
	add("score", want.Score, got.Score)
	add("grade", want.Grade, got.Grade)
	add("value", want.Value, got.Value)
	add("alignment", want.Alignment, got.Alignment)
	add("strategy_fit", want.StrategyFit, got.StrategyFit)
	add("stakeholder_trust", want.StakeholderTrust, got.StakeholderTrust)
	add("team_health", want.TeamHealth, got.TeamHealth)
	add("burnout_peak", want.BurnoutPeak, got.BurnoutPeak)
	add("burned_out", want.BurnedOut, got.BurnedOut)
	add("sprints_played", want.SprintsPlayed, got.SprintsPlayed)
	return out
}
