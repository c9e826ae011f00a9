package scenario

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
)

// tuningTable writes the knob table of docs/scenario-format.md from DefaultTuning, two knobs a row.
func tuningTable() string {
	v := reflect.ValueOf(DefaultTuning())
	var cells []string
	for i := 0; i < v.NumField(); i++ {
		cells = append(cells, fmt.Sprintf("`%s` | %v", v.Type().Field(i).Tag.Get("toml"), v.Field(i).Interface()))
	}
	half := (len(cells) + 1) / 2
	var b strings.Builder
	b.WriteString("| knob | default | | knob | default |\n| --- | --- | --- | --- | --- |\n")
	for i := 0; i < half; i++ {
		right := " | "
		if i+half < len(cells) {
			right = cells[i+half]
		}
		fmt.Fprintf(&b, "| %s | | %s |\n", cells[i], right)
	}
	return b.String()
}

// TestFormatDocListsEveryKnob keeps the format reference's knob table equal to DefaultTuning;
// -update rewrites it.
func TestFormatDocListsEveryKnob(t *testing.T) {
	const path = "../../docs/scenario-format.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	start := strings.Index(doc, "| knob | default |")
	if start < 0 {
		t.Fatal("no knob table in the format reference")
	}
	end := start + strings.Index(doc[start:], "\n\n") + 1
	want := tuningTable()
	if doc[start:end] == want {
		return
	}
	if *update {
		if err := os.WriteFile(path, []byte(doc[:start]+want+doc[end:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the knob table in %s differs from DefaultTuning; run go test -update ./game/scenario/", path)
}
