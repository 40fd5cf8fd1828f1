package decode

import (
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// Scanner reads one JSON document in a single pass, validating all of it (what it reads and
// what it skips) as encoding/json does, for wire decoders written by hand: no reflection, no
// second validation pass, and strings that need no unescaping are not copied (docs/adr/0013).
//
// Its methods follow encoding/json's rules for the Go type they fill: null leaves a value
// unchanged (and sets a pointer or slice to nil, which the callers do), any value of another
// JSON type fails the scan, keys match case-sensitively after unescaping (as
// sigs.k8s.io/json does), strings are unescaped as encoding/json unescapes them (invalid
// UTF-8 and lone surrogates become U+FFFD). One rule is stricter: a key the decoder reads
// that appears twice in one object fails the scan (encoding/json would merge both values,
// where the map path keeps only the last), so that a refusal sends the object to the map
// path.
//
// A failure is sticky: every later call does nothing, and OK reports false.
//
// Strings it returns may point into the scanned data: a decoder must copy (Intern, Keep)
// every string that outlives the data, which the watch reuses for the next event.
type Scanner struct {
	data  []byte
	pos   int
	depth int
	bad   bool
}

// maxDepth is encoding/json's nesting limit.
const maxDepth = 10000

// Scan reads data, whose top level must be an object, with read, and reports whether all of
// it was valid JSON that read accepted, with nothing but white space after it.
func Scan(data []byte, read func(s *Scanner)) bool {
	s := &Scanner{data: data}
	s.space()
	if s.pos >= len(s.data) || s.data[s.pos] != '{' {
		return false
	}
	read(s)
	s.space()
	return !s.bad && s.pos == len(s.data)
}

// Fail marks the scan as failed.
func (s *Scanner) Fail() { s.bad = true }

func (s *Scanner) space() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// peek returns the next value's first byte after white space (0 at the end or after a failure).
func (s *Scanner) peek() byte {
	if s.bad {
		return 0
	}
	s.space()
	if s.pos >= len(s.data) {
		s.bad = true
		return 0
	}
	return s.data[s.pos]
}

// Null consumes a null and reports true; for any other value it reads nothing.
func (s *Scanner) Null() bool {
	if s.peek() != 'n' {
		return false
	}
	s.literal("null")
	return !s.bad
}

func (s *Scanner) literal(lit string) {
	if len(s.data)-s.pos < len(lit) || string(s.data[s.pos:s.pos+len(lit)]) != lit {
		s.bad = true
		return
	}
	s.pos += len(lit)
}

// Object reads an object (null: nothing), calling field for every member with its key; field
// reads the value and returns true, or returns false without reading it, and the value is
// skipped. Any other value fails the scan.
func (s *Scanner) Object(field func(key []byte) bool) {
	switch s.peek() {
	case 'n':
		s.literal("null")
		return
	case '{':
	default:
		s.bad = true
		return
	}
	if s.depth++; s.depth > maxDepth {
		s.bad = true
		return
	}
	s.pos++
	var readKeys [24][]byte // the keys field read, for the duplicate check
	nread := 0
	if s.peek() == '}' {
		s.pos++
		s.depth--
		return
	}
	for !s.bad {
		if s.peek() != '"' {
			s.bad = true
			return
		}
		key, ok := s.rawString()
		if !ok {
			s.bad = true
			return
		}
		if s.peek() != ':' {
			s.bad = true
			return
		}
		s.pos++
		if field(key) {
			for _, k := range readKeys[:nread] {
				if string(k) == string(key) {
					s.bad = true
					return
				}
			}
			if nread == len(readKeys) {
				s.bad = true // no wire type has that many fields
				return
			}
			readKeys[nread] = key
			nread++
		} else {
			s.Skip()
		}
		switch s.peek() {
		case ',':
			s.pos++
		case '}':
			s.pos++
			s.depth--
			return
		default:
			s.bad = true
			return
		}
	}
}

// Array reads an array, calling elem for every element, which must read it; it reports false
// for null (nothing read: the caller sets its slice to nil). Any other value fails the scan.
func (s *Scanner) Array(elem func()) bool {
	switch s.peek() {
	case 'n':
		s.literal("null")
		return false
	case '[':
	default:
		s.bad = true
		return false
	}
	if s.depth++; s.depth > maxDepth {
		s.bad = true
		return false
	}
	s.pos++
	if s.peek() == ']' {
		s.pos++
		s.depth--
		return true
	}
	for !s.bad {
		elem()
		switch s.peek() {
		case ',':
			s.pos++
		case ']':
			s.pos++
			s.depth--
			return true
		default:
			s.bad = true
			return false
		}
	}
	return false
}

// String reads a string into dst (null: unchanged).
func (s *Scanner) String(dst *string) {
	switch s.peek() {
	case 'n':
		s.literal("null")
	case '"':
		b, ok := s.rawString()
		if !ok {
			s.bad = true
			return
		}
		*dst = unsafe.String(unsafe.SliceData(b), len(b))
	default:
		s.bad = true
	}
}

// StringPtr reads a string into a new *string (null: nil).
func (s *Scanner) StringPtr() *string {
	if s.Null() {
		return nil
	}
	v := new(string)
	s.String(v)
	return v
}

// Strings reads an array of strings into dst as encoding/json fills a []*string.
func (s *Scanner) Strings(dst *[]*string) {
	list := (*dst)[:0]
	if list == nil {
		list = []*string{}
	}
	if !s.Array(func() { list = append(list, s.StringPtr()) }) {
		if !s.bad {
			*dst = nil
		}
		return
	}
	*dst = list
}

// Bool reads true or false into dst (null: unchanged).
func (s *Scanner) Bool(dst *bool) {
	switch s.peek() {
	case 'n':
		s.literal("null")
	case 't':
		s.literal("true")
		*dst = true
	case 'f':
		s.literal("false")
		*dst = false
	default:
		s.bad = true
	}
}

// BoolPtr reads true or false into a new *bool (null: nil).
func (s *Scanner) BoolPtr() *bool {
	if s.Null() {
		return nil
	}
	v := new(bool)
	s.Bool(v)
	return v
}

// Int reads an integer into dst (null: unchanged); a fraction, an exponent or a value outside
// int64 fails the scan, as encoding/json fails an int64.
func (s *Scanner) Int(dst *int64) {
	switch c := s.peek(); {
	case c == 'n':
		s.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		start := s.pos
		s.number()
		if s.bad {
			return
		}
		lit := s.data[start:s.pos]
		n, err := strconv.ParseInt(unsafe.String(unsafe.SliceData(lit), len(lit)), 10, 64)
		if err != nil {
			s.bad = true
			return
		}
		*dst = n
	default:
		s.bad = true
	}
}

// Skip reads any value, validating it.
func (s *Scanner) Skip() {
	switch c := s.peek(); {
	case c == '{':
		s.Object(func([]byte) bool { return false })
	case c == '[':
		s.Array(s.Skip)
	case c == '"':
		s.skipString()
	case c == 't':
		s.literal("true")
	case c == 'f':
		s.literal("false")
	case c == 'n':
		s.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		s.number()
	default:
		s.bad = true
	}
}

// number reads a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *Scanner) number() {
	d, i := s.data, s.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	default:
		s.bad = true
		return
	}
	if i < len(d) && d[i] == '.' {
		i++
		start := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		if i == start {
			s.bad = true
			return
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		start := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		if i == start {
			s.bad = true
			return
		}
	}
	s.pos = i
}

// skipString validates a string without unescaping it.
func (s *Scanner) skipString() {
	d, i := s.data, s.pos+1
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			s.pos = i + 1
			return
		case c == '\\':
			if i+1 >= len(d) {
				s.bad = true
				return
			}
			switch d[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if getu4(d[i:]) < 0 {
					s.bad = true
					return
				}
				i += 6
			default:
				s.bad = true
				return
			}
		case c < 0x20:
			s.bad = true
			return
		default:
			i++
		}
	}
	s.bad = true
}

// rawString reads a string at s.pos and returns its unescaped bytes: a subslice of the data
// when nothing needs unescaping, else new bytes.
func (s *Scanner) rawString() ([]byte, bool) {
	d, start := s.data, s.pos+1
	i := start
	for i < len(d) {
		c := d[i]
		if c == '"' {
			s.pos = i + 1
			return d[start:i:i], true
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
		i++
	}
	// Escapes or non-ASCII: validate and unescape the rest as encoding/json's unquote does.
	out := make([]byte, i-start, i-start+64)
	copy(out, d[start:i])
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			s.pos = i + 1
			return out, true
		case c == '\\':
			if i+1 >= len(d) {
				return nil, false
			}
			switch d[i+1] {
			case '"', '\\', '/':
				out = append(out, d[i+1])
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				rr := getu4(d[i:])
				if rr < 0 {
					return nil, false
				}
				i += 6
				if utf16.IsSurrogate(rr) {
					// A valid pair is consumed; anything else becomes U+FFFD, and what
					// follows is read on its own.
					if rr1 := getu4(d[i:]); rr1 >= 0 {
						if dec := utf16.DecodeRune(rr, rr1); dec != unicode.ReplacementChar {
							i += 6
							out = utf8.AppendRune(out, dec)
							continue
						}
					}
					rr = unicode.ReplacementChar
				}
				out = utf8.AppendRune(out, rr)
				continue
			default:
				return nil, false
			}
			i += 2
		case c < 0x20:
			return nil, false
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(d[i:])
			i += size
			out = utf8.AppendRune(out, r)
		}
	}
	return nil, false
}

// getu4 decodes \uXXXX at the start of b, or returns -1.
func getu4(b []byte) rune {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range b[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}
