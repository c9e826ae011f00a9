package scenario

import (
	"bytes"
	"encoding/json"
	"strings"
)

// SchemaID is where the schema lives in the repository, as shipped scenarios name it on their
// first line (#:schema ../docs/scenario.schema.json) for Taplo and Even Better TOML.
const SchemaID = "docs/scenario.schema.json"

// JSONSchema returns the JSON Schema (draft-07) of the format, generated from the field table.
// Editors use it to complete and check while typing; it knows each key's type and range but not
// what the loader checks across keys (ids that must exist, one target per effect, sums), so
// `twohats check` stays the last word.
func JSONSchema() []byte {
	root := tableSchema(rootSpec)
	root["$schema"] = "http://json-schema.org/draft-07/schema#"
	root["title"] = "Two Hats scenario"
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(root); err != nil {
		panic(err) // maps of strings, numbers and slices always encode
	}
	return b.Bytes()
}

type obj = map[string]any

func tableSchema(s *tableSpec) obj {
	props := obj{}
	var required []string
	for _, f := range s.Fields {
		props[f.Key] = fieldSchema(f)
		if f.Required {
			required = append(required, f.Key)
		}
	}
	o := obj{"type": "object", "description": s.Doc, "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

func fieldSchema(f field) obj {
	var o obj
	switch f.Kind {
	case kindString:
		o = obj{"type": "string"}
		if f.Required {
			o["pattern"] = `\S` // not blank
		}
		if f.Pattern != "" {
			o["pattern"] = f.Pattern
		}
		if len(f.Enum) > 0 {
			o["enum"] = f.Enum
			delete(o, "pattern")
		}
	case kindInt:
		o = obj{"type": "integer", "minimum": f.Min, "maximum": f.Max}
	case kindNumber:
		o = obj{"type": "number", "minimum": f.Min, "maximum": f.Max}
	case kindBool:
		o = obj{"type": "boolean"}
	case kindStrings:
		items := obj{"type": "string"}
		if len(f.Enum) > 0 {
			items["enum"] = f.Enum
		}
		o = obj{"type": "array", "items": items}
	case kindTable:
		o = tableSchema(f.Sub)
	case kindTables:
		o = obj{"type": "array", "items": tableSchema(f.Sub)}
	}
	if f.MinItems > 0 {
		o["minItems"] = f.MinItems
	}
	if f.MaxItems > 0 {
		o["maxItems"] = f.MaxItems
	}
	if f.Kind == kindStrings && len(f.Enum) > 0 {
		o["uniqueItems"] = true
	}
	if f.Chars > 0 {
		o["minLength"], o["maxLength"] = f.Chars, f.Chars
	}
	o["description"] = strings.TrimSpace(f.Doc)
	if f.Default != nil {
		o["default"] = f.Default
	}
	return o
}
