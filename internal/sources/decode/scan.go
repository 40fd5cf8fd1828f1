package decode

import (
	"bytes"
	"io"
	"strconv"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/go-json-experiment/json/jsontext"
)

// Scanner reads one JSON document in a single pass, validating all of it (what it reads and
// what it skips) as encoding/json does, for wire decoders written by hand: no reflection, no
// second validation pass, and strings that need no unescaping are not copied (docs/adr/0013).
// The tokenizing, validation and unescaping are the Go team's jsontext (docs/adr/0015).
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
// A failure is sticky: every later call does nothing, and Scan reports false.
//
// Strings it returns may point into the scanned data: a decoder must copy (Intern, Keep)
// every string that outlives the data, which the watch reuses for the next event. The
// Scanner itself is only valid inside Scan's read function.
type Scanner struct {
	data []byte
	dec  jsontext.Decoder
	in   bytes.Buffer // the data: a bytes.Buffer is read by the decoder in place, not copied
	bad  bool
}

// scanOptions are encoding/json's leniencies, where jsontext is strict by default: invalid
// UTF-8 is accepted (and unquotes to U+FFFD), and duplicate keys are left to Object, which
// refuses only the keys its decoder reads (the others are skipped, as encoding/json does).
var scanOptions = []jsontext.Options{
	jsontext.AllowInvalidUTF8(true),
	jsontext.AllowDuplicateNames(true),
}

// scanners reuses decoders and their nesting stacks from one event to the next.
var scanners = sync.Pool{New: func() any { return new(Scanner) }}

// Scan reads data, whose top level must be an object, with read, and reports whether all of
// it was valid JSON that read accepted, with nothing but white space after it.
func Scan(data []byte, read func(s *Scanner)) bool {
	s := scanners.Get().(*Scanner)
	s.data, s.bad = data, false
	s.in = *bytes.NewBuffer(data)
	s.dec.Reset(&s.in, scanOptions...)
	ok := s.dec.PeekKind() == '{'
	if ok {
		read(s)
		ok = !s.bad
	}
	if ok {
		_, err := s.dec.ReadToken()
		ok = err == io.EOF
	}
	// Keep no reference to data in the pool.
	s.data, s.in = nil, bytes.Buffer{}
	s.dec.Reset(&s.in)
	scanners.Put(s)
	return ok
}

// Fail marks the scan as failed.
func (s *Scanner) Fail() { s.bad = true }

// peek returns the next token's kind (0 at the end or after a failure, which it records).
func (s *Scanner) peek() jsontext.Kind {
	if s.bad {
		return 0
	}
	k := s.dec.PeekKind()
	if k == jsontext.KindInvalid {
		s.bad = true
	}
	return k
}

// token consumes the next token and returns its kind (0 after a failure, which it records).
func (s *Scanner) token() jsontext.Kind {
	if s.bad {
		return jsontext.KindInvalid
	}
	tok, err := s.dec.ReadToken()
	if err != nil {
		s.bad = true
		return jsontext.KindInvalid
	}
	return tok.Kind()
}

// value consumes the next value whole, validated; after a failure it returns nil.
func (s *Scanner) value() jsontext.Value {
	if s.bad {
		return nil
	}
	v, err := s.dec.ReadValue()
	if err != nil {
		s.bad = true
		return nil
	}
	return v
}

// unquote returns a validated string's unescaped bytes: a subslice of the data when nothing
// needs unescaping, else new bytes.
func unquote(raw jsontext.Value) []byte {
	body := raw[1 : len(raw)-1 : len(raw)-1]
	if plainASCII(body) || (bytes.IndexByte(body, '\\') < 0 && utf8.Valid(body)) {
		return body
	}
	// The decoder has validated the string, so the only errors AppendUnquote can report
	// are invalid UTF-8 and lone surrogates, which it has replaced by U+FFFD as
	// encoding/json does, reading on after them.
	out, _ := jsontext.AppendUnquote(nil, raw)
	return out
}

// plainASCII reports whether b (a validated string's body) has neither escapes nor
// non-ASCII bytes, in one pass: the common case of keys and values alike.
func plainASCII(b []byte) bool {
	for _, c := range b {
		if c == '\\' || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Null consumes a null and reports true; for any other value it reads nothing.
func (s *Scanner) Null() bool {
	if s.peek() != 'n' {
		return false
	}
	s.token()
	return !s.bad
}

// Object reads an object (null: nothing), calling field for every member with its key; field
// reads the value and returns true, or returns false without reading it, and the value is
// skipped. Any other value fails the scan.
func (s *Scanner) Object(field func(key []byte) bool) {
	switch s.token() {
	case 'n', jsontext.KindInvalid:
		return
	case '{':
	default:
		s.bad = true
		return
	}
	var readKeys [24][]byte // the keys field read, for the duplicate check
	nread := 0
	for !s.bad {
		// The key is read as a token, which also finds the object's end without a peek, and
		// its bytes are taken from the data, between the offsets before and after it (after
		// white space and a comma, neither of which holds a quote).
		start := s.dec.InputOffset()
		switch s.token() {
		case '"':
		case '}', jsontext.KindInvalid:
			return
		default:
			s.bad = true // jsontext refuses a key that is not a string: not reached
			return
		}
		end := s.dec.InputOffset()
		if start < 0 || end > int64(len(s.data)) {
			s.bad = true // not reached: the decoder reads the data in place
			return
		}
		raw := s.data[start:end]
		open := bytes.IndexByte(raw, '"')
		if open < 0 {
			s.bad = true // not reached: the token just read is a string
			return
		}
		key := unquote(raw[open:])
		if !field(key) {
			s.Skip()
			continue
		}
		if s.dec.InputOffset() == end {
			s.bad = true // field read nothing: the next key would be read from the value
			return
		}
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
	}
}

// Array reads an array, calling elem for every element, which must read it; it reports false
// for null (nothing read: the caller sets its slice to nil). Any other value fails the scan.
func (s *Scanner) Array(elem func()) bool {
	switch s.token() {
	case 'n', jsontext.KindInvalid:
		return false
	case '[':
	default:
		s.bad = true
		return false
	}
	for !s.bad {
		if s.peek() == ']' {
			s.token()
			return !s.bad
		}
		before := s.dec.InputOffset()
		elem()
		if s.dec.InputOffset() == before {
			s.bad = true // elem read nothing: it would be called for the same element again
		}
	}
	return false
}

// String reads a string into dst (null: unchanged). Like Bool and Int it reads the value
// before looking at its type, saving a peek per value; a value of another type is read and
// fails the scan.
func (s *Scanner) String(dst *string) {
	raw := s.value()
	switch {
	case raw == nil:
	case raw[0] == '"':
		b := unquote(raw)
		*dst = unsafe.String(unsafe.SliceData(b), len(b))
	case raw[0] != 'n':
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
	raw := s.value()
	switch {
	case raw == nil:
	case raw[0] == 't':
		*dst = true
	case raw[0] == 'f':
		*dst = false
	case raw[0] != 'n':
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
	raw := s.value()
	switch {
	case raw == nil:
	case raw[0] == '-' || (raw[0] >= '0' && raw[0] <= '9'):
		n, err := strconv.ParseInt(unsafe.String(unsafe.SliceData(raw), len(raw)), 10, 64)
		if err != nil {
			s.bad = true
			return
		}
		*dst = n
	case raw[0] != 'n':
		s.bad = true
	}
}

// Skip reads any value, validating it. It reads the value whole rather than with
// Decoder.SkipValue, which walks an object or array token by token: the value's bytes are
// the data's, so holding them costs nothing.
func (s *Scanner) Skip() { s.value() }
