package sim

import "fmt"

// Role is the set-up the player plays: one hat, or both.
type Role uint8

// The roles. The zero Role is invalid so a forgotten field is caught.
const (
	RolePM   Role = iota + 1 // the player is the Product Manager; a colleague is the Product Owner
	RolePO                   // the player is the Product Owner; a colleague is the Product Manager
	RoleBoth                 // the player wears both hats; there is no colleague
	// RolePair is two people, one hat each: the Product Manager's seat and the Product Owner's,
	// both human (or a bot seat the room puts in), with no colleague. Every action names its seat
	// (Action.Hat); see Game.Turn for who acts when.
	RolePair
)

// Roles lists the solo roles in display order: the set-ups one person plays. RolePair is not
// among them, because a pair game needs two players; the tools that compare roles with bots
// (lessons, tune, report) play these.
var Roles = [...]Role{RolePM, RolePO, RoleBoth}

// ParseRole reads a role's command-line name: pm, po, both or pair.
func ParseRole(s string) (Role, error) {
	switch s {
	case "pair":
		return RolePair, nil
	case "pm":
		return RolePM, nil
	case "po":
		return RolePO, nil
	case "both":
		return RoleBoth, nil
	}
	return 0, fmt.Errorf("unknown role %q (want pm, po, both or pair)", s)
}

// String is the role's command-line name.
func (r Role) String() string {
	switch r {
	case RolePM:
		return "pm"
	case RolePO:
		return "po"
	case RoleBoth:
		return "both"
	case RolePair:
		return "pair"
	}
	return fmt.Sprintf("role(%d)", uint8(r))
}

// Title is the role's name for people.
func (r Role) Title() string {
	switch r {
	case RolePM:
		return "Product Manager"
	case RolePO:
		return "Product Owner"
	case RoleBoth:
		return "Both hats"
	case RolePair:
		return "Pair (PM + PO)"
	}
	return r.String()
}

// Valid reports whether r is one of the four roles. A file whose JSON leaves the role out decodes
// to the zero Role, which is none of them; its reader refuses it rather than play nobody's game.
func (r Role) Valid() bool { return r >= RolePM && r <= RolePair }

// MarshalText writes the command-line name, so roles read well in results files.
func (r Role) MarshalText() ([]byte, error) {
	if !r.Valid() {
		return nil, fmt.Errorf("invalid role %d", uint8(r))
	}
	return []byte(r.String()), nil
}

// UnmarshalText reads a command-line name.
func (r *Role) UnmarshalText(b []byte) error {
	v, err := ParseRole(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// Wears reports whether the player wears hat h in this role; in a pair game, whether one of the
// two players does, which is both hats: no colleague plays either.
func (r Role) Wears(h Hat) bool {
	switch h {
	case HatPM:
		return r == RolePM || r == RoleBoth || r == RolePair
	case HatPO:
		return r == RolePO || r == RoleBoth || r == RolePair
	}
	return true
}

// Hat is one of the two jobs. An action belongs to a hat, or to none (rest, advancing time).
type Hat uint8

// The hats.
const (
	HatNone Hat = iota
	HatPM       // strategy: market, roadmap, executives, customers
	HatPO       // tactics: backlog, stories, planning, review, the team
)

// ParseHat reads a hat's command-line name: pm or po.
func ParseHat(s string) (Hat, error) {
	switch s {
	case "pm":
		return HatPM, nil
	case "po":
		return HatPO, nil
	}
	return HatNone, fmt.Errorf("unknown hat %q (want pm or po)", s)
}

// Other is the other hat of a pair: the PO for the PM and the PM for the PO.
func (h Hat) Other() Hat {
	switch h {
	case HatPM:
		return HatPO
	case HatPO:
		return HatPM
	}
	return HatNone
}

// MarshalText writes the hat's command-line name (pm, po; "" for none), so an action's seat reads
// well in a results file.
func (h Hat) MarshalText() ([]byte, error) {
	switch h {
	case HatNone:
		return []byte{}, nil
	case HatPM:
		return []byte("pm"), nil
	case HatPO:
		return []byte("po"), nil
	}
	return nil, fmt.Errorf("invalid hat %d", uint8(h))
}

// UnmarshalText reads a hat's command-line name; the empty text is no hat.
func (h *Hat) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*h = HatNone
		return nil
	}
	v, err := ParseHat(string(b))
	if err != nil {
		return err
	}
	*h = v
	return nil
}

// String names the hat for people.
func (h Hat) String() string {
	switch h {
	case HatPM:
		return "PM"
	case HatPO:
		return "PO"
	}
	return "-"
}
