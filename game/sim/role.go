package sim

import "fmt"

// Role is the set-up the player plays: one hat, or both.
type Role uint8

// The roles. The zero Role is invalid so a forgotten field is caught.
const (
	RolePM   Role = iota + 1 // the player is the Product Manager; a colleague is the Product Owner
	RolePO                   // the player is the Product Owner; a colleague is the Product Manager
	RoleBoth                 // the player wears both hats; there is no colleague
)

// Roles lists every role in display order.
var Roles = [...]Role{RolePM, RolePO, RoleBoth}

// ParseRole reads a role's command-line name: pm, po or both.
func ParseRole(s string) (Role, error) {
	switch s {
	case "pm":
		return RolePM, nil
	case "po":
		return RolePO, nil
	case "both":
		return RoleBoth, nil
	}
	return 0, fmt.Errorf("unknown role %q (want pm, po or both)", s)
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
	}
	return r.String()
}

// MarshalText writes the command-line name, so roles read well in results files.
func (r Role) MarshalText() ([]byte, error) {
	if r < RolePM || r > RoleBoth {
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

// Wears reports whether the player wears hat h in this role.
func (r Role) Wears(h Hat) bool {
	switch h {
	case HatPM:
		return r == RolePM || r == RoleBoth
	case HatPO:
		return r == RolePO || r == RoleBoth
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
