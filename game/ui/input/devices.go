package input

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// Reader polls the devices once a frame and appends what they mean. Its zero value is ready.
// Scale converts the device's pixel positions into logical pixels (the device scale factor).
type Reader struct {
	lastX, lastY int
	down         bool
	touch        ebiten.TouchID
	touching     bool
	touchIDs     []ebiten.TouchID
	wheelAcc     float64
	chars        []rune
}

var letterKeys = [...]struct {
	k ebiten.Key
	r rune
}{
	{ebiten.KeyA, 'A'}, {ebiten.KeyB, 'B'}, {ebiten.KeyC, 'C'}, {ebiten.KeyD, 'D'}, {ebiten.KeyE, 'E'},
	{ebiten.KeyF, 'F'}, {ebiten.KeyG, 'G'}, {ebiten.KeyH, 'H'}, {ebiten.KeyI, 'I'}, {ebiten.KeyJ, 'J'},
	{ebiten.KeyK, 'K'}, {ebiten.KeyL, 'L'}, {ebiten.KeyM, 'M'}, {ebiten.KeyN, 'N'}, {ebiten.KeyO, 'O'},
	{ebiten.KeyP, 'P'}, {ebiten.KeyQ, 'Q'}, {ebiten.KeyR, 'R'}, {ebiten.KeyS, 'S'}, {ebiten.KeyT, 'T'},
	{ebiten.KeyU, 'U'}, {ebiten.KeyV, 'V'}, {ebiten.KeyW, 'W'}, {ebiten.KeyX, 'X'}, {ebiten.KeyY, 'Y'},
	{ebiten.KeyZ, 'Z'},
	{ebiten.KeyDigit0, '0'}, {ebiten.KeyDigit1, '1'}, {ebiten.KeyDigit2, '2'}, {ebiten.KeyDigit3, '3'}, {ebiten.KeyDigit4, '4'},
	{ebiten.KeyDigit5, '5'}, {ebiten.KeyDigit6, '6'}, {ebiten.KeyDigit7, '7'}, {ebiten.KeyDigit8, '8'}, {ebiten.KeyDigit9, '9'},
	{ebiten.KeyNumpad1, '1'}, {ebiten.KeyNumpad2, '2'}, {ebiten.KeyNumpad3, '3'}, {ebiten.KeyNumpad4, '4'},
}

func pressed(k ebiten.Key) bool { return inpututil.IsKeyJustPressed(k) || repeat(k) }

// repeat makes a held arrow key repeat after a short delay, like a text field.
func repeat(k ebiten.Key) bool {
	d := inpututil.KeyPressDuration(k)
	return d > 24 && d%5 == 0
}

// Read appends this frame's intents to buf. scale is device pixels per logical pixel.
func (r *Reader) Read(buf []Intent, scale float64) []Intent {
	if scale <= 0 {
		scale = 1
	}
	shift := ebiten.IsKeyPressed(ebiten.KeyShift)
	ctrl := ebiten.IsKeyPressed(ebiten.KeyControl) || ebiten.IsKeyPressed(ebiten.KeyMeta)
	arrow := func(k, alt ebiten.Key, plain, moved Kind) {
		if pressed(k) || (alt != k && inpututil.IsKeyJustPressed(alt) && !ctrl) {
			if shift && moved != None {
				buf = append(buf, Intent{Kind: moved, Shift: true})
			} else {
				buf = append(buf, Intent{Kind: plain, Shift: shift})
			}
		}
	}
	arrow(ebiten.KeyArrowUp, ebiten.KeyArrowUp, Up, MoveUp)
	arrow(ebiten.KeyArrowDown, ebiten.KeyArrowDown, Down, MoveDown)
	arrow(ebiten.KeyArrowLeft, ebiten.KeyArrowLeft, Left, None)
	arrow(ebiten.KeyArrowRight, ebiten.KeyArrowRight, Right, None)
	if inpututil.IsKeyJustPressed(ebiten.KeyEnter) || inpututil.IsKeyJustPressed(ebiten.KeyNumpadEnter) {
		buf = append(buf, Of(Confirm))
	}
	if inpututil.IsKeyJustPressed(ebiten.KeySpace) {
		buf = append(buf, Of(Toggle))
	}
	if pressed(ebiten.KeyBackspace) {
		buf = append(buf, Of(Erase))
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyEscape) {
		buf = append(buf, Of(Back))
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyF1) || (shift && inpututil.IsKeyJustPressed(ebiten.KeySlash)) {
		buf = append(buf, Of(Help))
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyTab) {
		if shift {
			buf = append(buf, Of(PrevBoard))
		} else {
			buf = append(buf, Of(NextBoard))
		}
	}
	if !ctrl {
		for _, lk := range letterKeys {
			if inpututil.IsKeyJustPressed(lk.k) {
				buf = append(buf, Intent{Kind: Shortcut, Rune: lk.r, Shift: shift})
			}
		}
	}
	// Characters as typed (a text field reads these, not the shortcuts): a room's address, a name.
	if !ctrl {
		r.chars = ebiten.AppendInputChars(r.chars[:0])
		for _, ch := range r.chars {
			buf = append(buf, Char(ch))
		}
	}

	// Mouse.
	mx, my := ebiten.CursorPosition()
	buf = r.button(buf, inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft),
		inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft),
		inpututil.MouseButtonPressDuration(ebiten.MouseButtonLeft) > 0,
		mx != r.lastX || my != r.lastY, float64(mx)/scale, float64(my)/scale, shift)
	r.lastX, r.lastY = mx, my

	// Touch: the first finger acts as the mouse.
	r.touchIDs = inpututil.AppendJustPressedTouchIDs(r.touchIDs[:0])
	if !r.touching && len(r.touchIDs) > 0 {
		r.touch, r.touching = r.touchIDs[0], true
		tx, ty := ebiten.TouchPosition(r.touch)
		buf = append(buf, Intent{Kind: Press, X: float64(tx) / scale, Y: float64(ty) / scale})
	}
	if r.touching {
		if inpututil.IsTouchJustReleased(r.touch) {
			tx, ty := inpututil.TouchPositionInPreviousTick(r.touch)
			buf = append(buf, Intent{Kind: Release, X: float64(tx) / scale, Y: float64(ty) / scale})
			r.touching = false
		} else if inpututil.TouchPressDuration(r.touch) > 0 {
			tx, ty := ebiten.TouchPosition(r.touch)
			px, py := inpututil.TouchPositionInPreviousTick(r.touch)
			if tx != px || ty != py {
				buf = append(buf, Intent{Kind: Drag, X: float64(tx) / scale, Y: float64(ty) / scale})
			}
		}
	}

	// Wheel: browsers and systems report different units; keep the sign and whole steps.
	_, wy := ebiten.Wheel()
	if wy != 0 {
		r.wheelAcc += wy
		if r.wheelAcc >= 1 || r.wheelAcc <= -1 || (wy > -1 && wy < 1) {
			step := -1.0
			if r.wheelAcc < 0 {
				step = 1
			}
			buf = append(buf, Intent{Kind: Scroll, DY: step})
			r.wheelAcc = 0
		}
	}
	return buf
}

// button turns one tick of the left mouse button into intents: down and up are its edges in the
// tick, held whether it is down at the tick's end, moved whether the pointer moved.
//
// Ebitengine (v2.10) stamps each button event with the tick it arrives in, so a click shorter
// than a frame (down and up between two Updates, as a browser's 0–10 ms click or xdotool's
// instant one) reports both edges in one tick. Both become intents, press first: reading only
// the press would lose the release (where buttons act) and leave the button held, so the next
// moves would drag. held tells the order of two edges: up at the end means down then up (a
// click), down at the end means an earlier press was let go and the button went down again. A
// press whose release never came (let go outside the window) ends when the button is seen up.
func (r *Reader) button(buf []Intent, down, up, held, moved bool, x, y float64, shift bool) []Intent {
	release := func() {
		r.down = false
		buf = append(buf, Intent{Kind: Release, X: x, Y: y, Shift: shift})
	}
	if up || (r.down && !held && !down) {
		if r.down {
			release() // the press seen earlier ends
		}
		if down && !held {
			buf = append(buf, Intent{Kind: Press, X: x, Y: y, Shift: shift})
			release() // a whole click inside the tick
		}
	}
	if moved && !down && !up {
		k := Hover
		if r.down {
			k = Drag
		}
		buf = append(buf, Intent{Kind: k, X: x, Y: y})
	}
	if down && held {
		if r.down {
			release()
		}
		r.down = true
		buf = append(buf, Intent{Kind: Press, X: x, Y: y, Shift: shift})
	}
	return buf
}
