package schema

import (
	"bytes"
	"encoding/json"
	"testing"
)

// appendString escapes exactly as encoding/json does.
func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "白鵝潭商務區", "a\"b\\c", "<&>", "line\nbreak\ttab\r", "\u2028\u2029", "\x00\x1f", "bad\xffutf8", "“1+11”網絡結構", "mix 中文 and \u2028 end"} {
		var b bytes.Buffer
		appendString(&b, s)
		want, _ := json.Marshal(s)
		if b.String() != string(want) {
			t.Errorf("appendString(%q) = %s, want %s", s, b.String(), want)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	f.Add("白鵝潭\u2028\"<x>")
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		appendString(&b, s)
		want, _ := json.Marshal(s)
		if b.String() != string(want) {
			t.Errorf("appendString(%q) = %s, want %s", s, b.String(), want)
		}
	})
}
