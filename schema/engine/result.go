package engine

import (
	"bytes"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/vektah/gqlparser/v2/ast"
)

// resNode is an object or a list of the response. Execution is breadth-first, so a value is
// filled in after its parent was created; each node knows where it sits so that a null in a
// non-null position can be propagated to the nearest nullable ancestor, as the spec requires,
// after the fact.
type resNode struct {
	list    bool
	keys    *keySet // objects: response keys in selection order
	vals    []any   // string, bool, int64, float64, nil, *resNode
	parent  *resNode
	index   int    // position in parent.vals
	nonNull bool   // the position in the parent does not admit null
	dead    bool   // nulled: its subtree is no longer part of the response
	inline  [3]any // vals of small objects live here: one allocation per object, not two
}

// path returns the response path of the node.
func (n *resNode) path() ast.Path {
	var rev ast.Path
	for c := n; c.parent != nil; c = c.parent {
		if c.parent.list {
			rev = append(rev, ast.PathIndex(c.index))
		} else {
			rev = append(rev, ast.PathName(c.parent.keys.names[c.index]))
		}
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

// fieldPath returns the path of field i of an object.
func (n *resNode) fieldPath(i int) ast.Path {
	p := n.path()
	if n.list {
		return append(p, ast.PathIndex(i))
	}
	return append(p, ast.PathName(n.keys.names[i]))
}

// isDead reports whether the node or an ancestor was nulled.
func (n *resNode) isDead() bool {
	for c := n; c != nil; c = c.parent {
		if c.dead {
			return true
		}
	}
	return false
}

// nullifyIn is nullify for a node of rq's response; it notes that objects may now be dead.
func (n *resNode) nullifyIn(rq *Request) bool {
	rq.nulled = true
	return n.nullify()
}

// nullify makes n null in its parent, and the parent null in turn when n's position is
// non-null. It returns true when the null reached the root (data becomes null).
func (n *resNode) nullify() bool {
	for c := n; ; c = c.parent {
		c.dead = true
		if c.parent == nil {
			return true
		}
		c.parent.vals[c.index] = nil
		if !c.nonNull {
			return false
		}
	}
}

// appendJSON writes v as JSON.
func appendJSON(b *bytes.Buffer, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case *resNode:
		if v == nil || v.dead {
			b.WriteString("null")
			return
		}
		if v.list {
			b.WriteByte('[')
			for i, x := range v.vals {
				if i > 0 {
					b.WriteByte(',')
				}
				appendJSON(b, x)
			}
			b.WriteByte(']')
			return
		}
		if v.keys == nil || len(v.keys.quoted) == 0 {
			b.WriteString("{}")
			return
		}
		for i, k := range v.keys.quoted {
			b.WriteString(k)
			appendJSON(b, v.vals[i])
		}
		b.WriteByte('}')
	case string:
		appendString(b, v)
	case bool:
		if v {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case int:
		b.WriteString(strconv.Itoa(v))
	case int32:
		b.WriteString(strconv.FormatInt(int64(v), 10))
	case int64:
		b.WriteString(strconv.FormatInt(v, 10))
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			b.WriteString("null")
			return
		}
		b.Write(strconv.AppendFloat(b.AvailableBuffer(), v, 'g', -1, 64))
	default:
		b.WriteString("null")
	}
}

const hexDigits = "0123456789abcdef"

// plain marks the ASCII bytes a JSON string holds as they are.
var plain = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendString writes s as a JSON string, escaping as encoding/json does (including <, > and &
// so that responses are safe to embed in HTML, and U+2028/U+2029).
func appendString(b *bytes.Buffer, s string) {
	if verbatimJSON(s) {
		b.WriteByte('"')
		b.WriteString(s)
		b.WriteByte('"')
		return
	}
	appendEscaped(b, s)
}

// verbatimJSON reports whether s can be written between quotes as it is: valid UTF-8 with no
// byte that needs escaping. Strings are ids (ASCII) and Chinese text, which this checks in one
// pass, three bytes at a time for the common CJK characters, rather than a scan for escapes
// and a second one validating UTF-8.
func verbatimJSON(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if i+8 <= len(s) && plainASCII8(s[i:i+8]) {
				i += 8
				continue
			}
			if !plain[c] {
				return false
			}
			i++
			continue
		}
		// E3–EC lead the CJK blocks; any two continuation bytes make a valid character there
		// (no overlong form, no surrogate, and not U+2028/U+2029, which start with E2).
		if c >= 0xE3 && c <= 0xEC && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}

// Eight bytes at a time (SWAR): each helper sets the high bit of every byte of x that is
// below n, or equal to n; x must hold ASCII only.
const (
	ones = 0x0101010101010101
	high = 0x8080808080808080
)

func below(x uint64, n byte) uint64 { return (x - ones*uint64(n)) &^ x & high }
func equal(x uint64, n byte) uint64 { return below(x^(ones*uint64(n)), 1) }

// plainASCII8 reports whether the 8 bytes are ASCII that needs no escaping.
func plainASCII8(s string) bool {
	_ = s[7] // one bounds check, not eight
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	if x&high != 0 {
		return false
	}
	return below(x, 0x20)|equal(x, '"')|equal(x, '\\')|equal(x, '<')|equal(x, '>')|equal(x, '&') == 0
}

func appendEscaped(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	valid := utf8.ValidString(s)
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			if valid && c != 0xE2 {
				i++
				continue
			}
			if valid && !(i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9)) {
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b.WriteString(s[start:i])
				b.WriteString(`\ufffd`)
				i += size
				start = i
				continue
			}
			if r == '\u2028' || r == '\u2029' {
				b.WriteString(s[start:i])
				b.WriteString(`\u202`)
				b.WriteByte(hexDigits[r&0xF])
				i += size
				start = i
				continue
			}
			i += size
			continue
		}
		if plain[c&0x7F] {
			i++
			continue
		}
		b.WriteString(s[start:i])
		switch c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			b.WriteString(`\u00`)
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0xF])
		}
		i++
		start = i
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}
