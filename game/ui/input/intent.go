// Package input turns devices (keyboard, mouse, touch) into intents, in one place. Scenes see
// intents, never raw keys; the autoplayer produces the very same intents a person's input does.
package input

// Kind is what the player means.
type Kind uint8

// The intents.
const (
	None      Kind = iota
	Up             // move the focus up (arrow up, W)
	Down           // move the focus down
	Left           // move the focus left, or lower a slider
	Right          // move the focus right, or raise a slider
	MoveUp         // move the focused item up (Shift+Up): reorder a card
	MoveDown       // move the focused item down (Shift+Down)
	Confirm        // Enter: activate the focused thing
	Toggle         // Space: toggle the focused thing (a card in or out of the plan)
	Back           // Esc: close, cancel, pause
	Help           // F1 or ?: the help overlay
	NextBoard      // Tab: the next board
	PrevBoard      // Shift+Tab: the previous board
	Shortcut       // a letter or digit that names an action: Rune holds it, upper case
	Press          // pointer went down at X, Y (mouse button or touch)
	Release        // pointer went up at X, Y
	Drag           // pointer moved at X, Y with the button held
	Hover          // pointer moved at X, Y with no button held
	Scroll         // wheel or two-finger scroll: DY lines, positive is down
	Erase          // Backspace: delete the last character typed
	Text           // a character typed, as the keyboard layout makes it: Rune holds it (text fields)
)

var kindNames = [...]string{"none", "up", "down", "left", "right", "move-up", "move-down", "confirm",
	"toggle", "back", "help", "next-board", "prev-board", "shortcut", "press", "release", "drag", "hover", "scroll", "erase", "text"}

// String names the kind, for logs and tests.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "intent?"
}

// Intent is one thing the player means. Positions are in logical pixels.
type Intent struct {
	Kind  Kind
	Rune  rune    // Shortcut: the key, upper case ('A'..'Z', '0'..'9')
	X, Y  float64 // pointer position for Press, Release, Drag, Hover
	DY    float64 // Scroll
	Shift bool    // a modifier was held (bigger steps on sliders)
}

// Char is a typed character, for a text field.
func Char(r rune) Intent { return Intent{Kind: Text, Rune: r} }

// Key is a shortcut intent for r.
func Key(r rune) Intent { return Intent{Kind: Shortcut, Rune: r} }

// Of is an intent of kind k with no data.
func Of(k Kind) Intent { return Intent{Kind: k} }

// Click is the pair a tap or a click makes at x, y.
func Click(x, y float64) [2]Intent {
	return [2]Intent{{Kind: Press, X: x, Y: y}, {Kind: Release, X: x, Y: y}}
}

// IsPointer reports whether the intent carries a pointer position.
func (i Intent) IsPointer() bool {
	return i.Kind == Press || i.Kind == Release || i.Kind == Drag || i.Kind == Hover
}
