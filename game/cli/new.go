package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"twohats/game/disk"
	"twohats/game/scenario"
)

// newScenario is the scenario `twohats new` writes: small, valid, and commented so that an author
// can start from it with docs/scenario-format.md open beside it. @ID@ is replaced by the id.
const newScenario = `#:schema ../docs/scenario.schema.json
# The line above lets Taplo / Even Better TOML check and complete this file while you type; it
# is a path from this file to docs/scenario.schema.json in the Two Hats repository.
#
# A starting point for a scenario. Check it with: twohats check FILE
# See how it plays with:                 twohats report FILE --runs 50
# The whole format: docs/scenario-format.md.

id = "@ID@"                   # a-z, 0-9 and -; used on the command line
title = "A new scenario"
summary = "Two or three sentences the player reads before choosing this scenario."
lesson = "What the scenario teaches, for the facilitator."
sprints = 4                   # 1 to 20
hours_per_sprint = 40         # the player's hours per sprint
days_per_sprint = 10          # working days of each sprint's execution

[market]
volatility = 0.03             # how much the hidden need drifts each sprint
noise = 0.15                  # how wrong the player's first picture of the market is

[team]
capacity = 12                 # story points per sprint at full morale and no debt
morale = 0.75
debt = 0.1

# Themes: the strands of the roadmap. need is the market's hidden truth; estimate is what the
# Product Manager believes at the start; roadmap is the starting roadmap. All relative weights.
[[themes]]
id = "core"
name = "Core"
need = 0.6
estimate = 0.4
roadmap = 0.5

[[themes]]
id = "extras"
name = "Extras"
need = 0.4
estimate = 0.6
roadmap = 0.5

# Stakeholders: their kind decides which hat hears them (executive, customer, marketing and
# sales talk to the Product Manager; team and scrum_master to the Product Owner).
[[stakeholders]]
id = "boss"
name = "The founder"
kind = "executive"
influence = 2

[[stakeholders]]
id = "sales"
name = "Sales"
kind = "sales"
decline_cost = 0.04           # a no costs Sales this much trust (default: [tuning] trust_decline)

# Stories: the backlog. A story with in_backlog = false waits for a request or an event.
[[stories]]
id = "login"
title = "Sign in with email"
theme = "core"
value = 20
effort = 3
criteria = ["A wrong password says so without saying which part was wrong"]

[[stories]]
id = "search"
title = "Search my records"
theme = "core"
value = 15
effort = 5

[[stories]]
id = "export"
title = "Export to a spreadsheet"
theme = "extras"
value = 8
effort = 2

[[stories]]
id = "big-client"
title = "A report one large client wants"
theme = "extras"
value = 10
effort = 5
in_backlog = false

# Requests: a stakeholder asks for a held-back story during a sprint.
[[requests]]
id = "client-report"
stakeholder = "sales"
story = "big-client"
text = "Our biggest client needs this report before they renew."
sprint = 2
negotiable = true             # false: declining costs at least what a broken promise does

# Events: timed by sprint or chance, gated by when. With both, the event fires only when both
# hold: here, in sprint 3, and only if less than half of the core theme's value has shipped.
[[events]]
id = "deadline"
title = "The investor asks about the core"
text = "The founder has a meeting with the investor and little to show."
sprint = 3
when = { meter = "theme.core.delivered", op = "<", value = 0.5 }
choices = [
  { label = "Cut the next sprint to the core", hours = 2, effects = [
    { meter = "team.capacity", delta = -2, sprints = 1 },   # lasts this sprint, then reverts
    { meter = "stakeholder.boss.trust", delta = 0.05 },
  ] },
  { label = "Explain the plan", effects = [
    { meter = "stakeholder.boss.trust", delta = -0.05 },
  ] },
]

# A gate alone: the first day the player's stress passes 0.7. time_off = true says the hours
# are time away from work: they leave the sprint, but add no stress and no overtime.
[[events]]
id = "running-on-empty"
title = "Running on empty"
text = "You reread the same e-mail three times. A colleague says to go home."
when = { meter = "player.stress", op = ">", value = 0.7 }
choices = [
  { label = "Take the afternoon off", hours = 4, time_off = true, effects = [
    { meter = "player.stress", delta = -0.2 },
  ] },
  { label = "Push through", effects = [
    { meter = "player.stress", delta = 0.05 },
  ] },
]
`

func newCmd(args []string, w io.Writer) (int, error) {
	fs := newFlags("new")
	out := fs.String("out", "", "write to FILE instead of the standard output")
	force := fs.Bool("force", false, "overwrite --out FILE if it exists")
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") { // ID first, flags after
		args = append(args[1:], args[0])
	}
	if err := parseFlags(fs, args); err != nil {
		return ExitUsage, err
	}
	if fs.NArg() != 1 {
		return ExitUsage, usagef("new needs one scenario ID (a-z, 0-9 and -)")
	}
	id := fs.Arg(0)
	if !validNewID(id) {
		return ExitUsage, usagef("new: scenario id %q must use only a-z, 0-9 and -", id)
	}
	text := []byte(strings.ReplaceAll(newScenario, "@ID@", id))
	if _, err := scenario.Parse(id+".toml", text); err != nil {
		return ExitFailed, fmt.Errorf("the template does not check (a bug): %v", err)
	}
	if *out == "" {
		_, err := w.Write(text)
		return ExitOK, err
	}
	// Whole or not at all, so a failed write (a full disk) never leaves half a scenario behind,
	// and without --force never over a file that is there.
	write := disk.WriteNew
	if *force {
		write = disk.WriteFile
	}
	if err := write(*out, text); err != nil {
		if errors.Is(err, os.ErrExist) {
			return ExitFailed, fmt.Errorf("%s exists; --force overwrites it", *out)
		}
		return ExitFailed, fmt.Errorf("%s: %v", *out, unwrapPath(err))
	}
	fmt.Fprintf(w, "%s: written; twohats check %s\n", *out, *out)
	return ExitOK, nil
}

func validNewID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}
