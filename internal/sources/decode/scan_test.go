package decode

import (
	"encoding/json"
	"strings"
	"testing"
)

// scanString reads {"k": lit} with Scanner.String.
func scanString(lit string) (string, bool) {
	var got string
	ok := Scan([]byte(`{"k":`+lit+`}`), func(s *Scanner) {
		s.Object(func(key []byte) bool {
			if string(key) != "k" {
				return false
			}
			s.String(&got)
			return true
		})
	})
	return got, ok
}

// Strings unescape exactly as encoding/json unescapes them, U+FFFD included.
func TestScanStringUnescapesAsEncodingJSON(t *testing.T) {
	for _, lit := range []string{
		`""`, `"plain"`, `"é✓😀"`, `"a\"b\\c\/d\b\f\n\r\t"`, `"\u00e9\u2713"`,
		`"\ud83d\ude00"`, `"\ud800"`, `"\udc00x"`, `"\ud800\u0041"`, `"\ud800\ud800\udc00"`,
		`"\ud800\"`, "\"\xff\"", "\"a\xe2\x82\"", "\"\xed\xa0\x80\"", "\"\xc3\"", "\"\xef\xbf\xbd\"",
	} {
		var want string
		wantErr := json.Unmarshal([]byte(lit), &want)
		got, ok := scanString(lit)
		if ok != (wantErr == nil) || got != want {
			t.Errorf("%s: got %q %v, encoding/json %q %v", lit, got, ok, want, wantErr)
		}
	}
}

func TestScanRefuses(t *testing.T) {
	readName := func(s *Scanner) {
		var name string
		s.Object(func(key []byte) bool {
			if string(key) != "name" {
				return false
			}
			s.String(&name)
			return true
		})
	}
	for _, doc := range []string{
		``, `[]`, `"x"`, `null`, `{`, `{}x`, `{} {}`, `{"a":1,}`, `{"a" 1}`, `{'a':1}`,
		`{"name":"a","name":"b"}`, `{"na\u006de":"a","name":"b"}`, `{"name":1}`,
		`{"x":[1,]}`, `{"x":01}`, `{"x":1.}`, `{"x":tru}`, "{\"x\":\"\x01\"}", `{"x":"\x"}`,
	} {
		if Scan([]byte(doc), readName) {
			t.Errorf("%q: accepted", doc)
		}
	}
	for _, doc := range []string{
		`{}`, ` {"name":"a"} ` + "\n", `{"x":1,"x":2,"name":null}`, `{"Name":"a","name":"b"}`,
		`{"x":{"y":[1,-0.5e+3,"s",true,false,null,{}]}}`,
	} {
		if !Scan([]byte(doc), readName) {
			t.Errorf("%q: refused", doc)
		}
	}
}

// Keys and values are read after unescaping; an unread duplicate is skipped.
func TestScanKeysUnescaped(t *testing.T) {
	var name string
	ok := Scan([]byte(`{"n\u0061me":"\u0061","other":1,"other":2}`), func(s *Scanner) {
		s.Object(func(key []byte) bool {
			if string(key) != "name" {
				return false
			}
			s.String(&name)
			return true
		})
	})
	if !ok || name != "a" {
		t.Fatalf("got %q %v", name, ok)
	}
}

func TestScanNullsAndInts(t *testing.T) {
	str, b, n := "kept", true, int64(7)
	var sp *string = new(string)
	list := []*string{new(string)}
	ok := Scan([]byte(`{"s":null,"b":null,"n":null,"sp":null,"list":null}`), func(s *Scanner) {
		s.Object(func(key []byte) bool {
			switch string(key) {
			case "s":
				s.String(&str)
			case "b":
				s.Bool(&b)
			case "n":
				s.Int(&n)
			case "sp":
				sp = s.StringPtr()
			case "list":
				s.Strings(&list)
			}
			return true
		})
	})
	if !ok || str != "kept" || !b || n != 7 || sp != nil || list != nil {
		t.Fatalf("got %v %q %v %d %v %v", ok, str, b, n, sp, list)
	}
	for doc, want := range map[string]bool{
		`{"n":-0}`: true, `{"n":9223372036854775807}`: true, `{"n":9223372036854775808}`: false,
		`{"n":1.0}`: false, `{"n":1e2}`: false, `{"n":"1"}`: false,
	} {
		ok := Scan([]byte(doc), func(s *Scanner) {
			s.Object(func([]byte) bool { s.Int(&n); return true })
		})
		if ok != want {
			t.Errorf("%s: got %v", doc, ok)
		}
	}
}

// Nesting deeper than encoding/json's limit fails, in skipped values too.
func TestScanDepth(t *testing.T) {
	skip := func(s *Scanner) { s.Skip() }
	for _, depth := range []int{100, 9999, 10000, 10001} {
		doc := []byte(`{"x":` + strings.Repeat("[", depth-1) + strings.Repeat("]", depth-1) + `}`)
		if got, want := Scan(doc, skip), json.Valid(doc); got != want {
			t.Errorf("depth %d: scan %v, encoding/json %v", depth, got, want)
		}
	}
}

// Whatever the scan accepts (reading nothing but skipping) is valid JSON, and a valid object
// is accepted.
func FuzzScanSkipMatchesValid(f *testing.F) {
	f.Add([]byte(`{"a":[1,"\ud800",{"b":null}],"a":true}`))
	f.Add([]byte("{\"\xff\":\"\\u00e9\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got := Scan(data, func(s *Scanner) { s.Skip() })
		trimmed := strings.TrimLeft(string(data), " \t\r\n")
		want := json.Valid(data) && strings.HasPrefix(trimmed, "{")
		if got != want {
			t.Fatalf("scan %v, encoding/json %v: %q", got, want, data)
		}
	})
}
