package engine

import (
	"bytes"
	"encoding/json"
	"testing"
)

// appendString escapes exactly as encoding/json does.
func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "白鵝潭商務區", "a\"b\\c", "<&>", "line\nbreak\ttab\r", "\u2028\u2029", "\x00\x1f", "bad\xffutf8", "“1+11”網絡結構", "mix 中文 and \u2028 end",
		// across the eight-byte blocks, and bad UTF-8 after a CJK lead byte
		"abcdefg\"", "abcdefgh<", "abcdefghijklmno\x01", "ascii-ascii-\u2029", "中\xe4\xb8", "\xe4\x41\x42xx", "\xed\xa0\x80", "\xe0\x80\x80", "文\xef\xbf\xbd", "\xf0\x9f\x98\x80 emoji"} {
		checkAppendString(t, s)
	}
}

func FuzzAppendString(f *testing.F) {
	f.Add("白鵝潭\u2028\"<x>")
	f.Fuzz(checkAppendString)
}

func checkAppendString(t *testing.T, s string) {
	var b bytes.Buffer
	appendString(&b, s)
	want, _ := json.Marshal(s)
	if b.String() != string(want) {
		t.Errorf("appendString(%q) = %s, want %s", s, b.String(), want)
	}
}

func BenchmarkAppendString(b *testing.B) {
	for _, s := range []string{"liwan-14fyp/project/guangchuan-southern-soe-hq", "廣州南方國企總部（廣船國際舊址）", "白鵝潭商務區“1+11”網絡結構"} {
		b.Run(s, func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				appendString(&buf, s)
			}
		})
	}
}
