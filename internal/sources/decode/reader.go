// Package decode reads fields out of unstructured Kubernetes objects (map[string]any) without
// ever panicking. A field that is absent or null reads as its zero value; a field that is present
// with an unexpected type or an unparsable value also reads as its zero value, and is recorded as
// an issue ("status.sync.status: want string, got float64") so that the views can show the object
// as Unknown instead of silently trusting a half-decoded projection.
package decode

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// maxIssues caps the issues kept per object: one garbage list of thousands of elements must not
// cost thousands of strings in every snapshot. moreIssues marks that the cap was reached.
const (
	maxIssues  = 16
	moreIssues = "(more issues not shown)"
)

// Reader reads one object, or one nested map of an object. Readers made from another Reader (Map,
// Each) share its issue list and report field paths relative to the root object.
type Reader struct {
	obj    map[string]any
	issues *[]string
	// parent, at and index locate obj inside the root object. They are kept instead of a
	// ready-made path string so that the path is only built when an issue is recorded: decoding
	// a well-formed object then allocates nothing for paths.
	parent *Reader
	at     []string
	index  int // >= 0 when obj is element index of the list at parent+at
}

// New returns a Reader of obj; a nil map is an empty object.
func New(obj map[string]any) *Reader {
	return &Reader{obj: obj, issues: new([]string), index: -1}
}

// Of returns a Reader of u's content; a nil u is an empty object.
func Of(u *unstructured.Unstructured) *Reader {
	if u == nil {
		return New(nil)
	}
	return New(u.Object)
}

// Issues returns the recorded issues in the order they were found, or nil when there were none.
func (r *Reader) Issues() []string {
	if r == nil || r.issues == nil || len(*r.issues) == 0 {
		return nil
	}
	return *r.issues
}

// Addf records an issue about the field at path (relative to r), for checks the typed getters
// cannot make themselves, such as a string that is not a valid duration.
func (r *Reader) Addf(path []string, format string, args ...any) {
	if r == nil {
		return
	}
	if r.issues == nil {
		r.issues = new([]string)
	}
	if len(*r.issues) > maxIssues {
		return
	}
	if len(*r.issues) == maxIssues {
		*r.issues = append(*r.issues, moreIssues)
		return
	}
	issue := r.fieldPath(path) + ": " + fmt.Sprintf(format, args...)
	// The same bad intermediate field is met once per field read below it; report it once.
	for _, seen := range *r.issues {
		if seen == issue {
			return
		}
	}
	*r.issues = append(*r.issues, issue)
}

// fieldPath renders the path of a field below r as "status.resources[2].kind".
func (r *Reader) fieldPath(path []string) string {
	var b strings.Builder
	r.writePath(&b)
	for _, p := range path {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	if b.Len() == 0 {
		return "(object)"
	}
	return b.String()
}

func (r *Reader) writePath(b *strings.Builder) {
	if r == nil || r.parent == nil {
		return
	}
	r.parent.writePath(b)
	for _, p := range r.at {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	if r.index >= 0 {
		b.WriteString("[" + strconv.Itoa(r.index) + "]")
	}
}

// lookup returns the value at path and whether it is present and not null. When an
// intermediate field is not a map, that is recorded as an issue and the value is absent.
func (r *Reader) lookup(path []string) (any, bool) {
	if r == nil {
		return nil, false
	}
	var cur any = r.obj
	for i, key := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			if cur != nil {
				r.Addf(path[:i], "want object, got %s", typeName(cur))
			}
			return nil, false
		}
		cur, ok = m[key]
		if !ok || cur == nil {
			return nil, false
		}
	}
	return cur, cur != nil
}

func (r *Reader) wrongType(path []string, want string, got any) {
	r.Addf(path, "want %s, got %s", want, typeName(got))
}

// typeName names a decoded JSON value's type the way issues show it.
func typeName(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "list"
	}
	return fmt.Sprintf("%T", v)
}

// Has reports whether the field at path is present and not null.
func (r *Reader) Has(path ...string) bool {
	_, ok := r.lookup(path)
	return ok
}

// Str returns the string at path, interned (see Intern).
func (r *Reader) Str(path ...string) string {
	return Intern(r.str(path))
}

// UniqueStr is Str for strings that never repeat (uid, resourceVersion): they bypass the
// intern table, where they would only evict strings that do repeat, and are copied (Keep).
func (r *Reader) UniqueStr(path ...string) string {
	return Keep(r.str(path))
}

func (r *Reader) str(path []string) string {
	v, ok := r.lookup(path)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		r.wrongType(path, "string", v)
	}
	return s
}

// Int returns the integer at path. JSON numbers decoded as float64 are accepted when they are
// whole and fit in an int64.
func (r *Reader) Int(path ...string) int64 {
	v, ok := r.lookup(path)
	if !ok {
		return 0
	}
	switch n := v.(type) {
	case int64:
		return n
	case int:
		return int64(n)
	case int32:
		return int64(n)
	case float64:
		// 2^63 itself is not representable as int64, hence the strict upper bound.
		if n == math.Trunc(n) && n >= math.MinInt64 && n < math.MaxInt64 {
			return int64(n)
		}
		r.Addf(path, "want integer, got %v", n)
		return 0
	}
	r.wrongType(path, "integer", v)
	return 0
}

// Bool returns the boolean at path.
func (r *Reader) Bool(path ...string) bool {
	v, ok := r.lookup(path)
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		r.wrongType(path, "bool", v)
	}
	return b
}

// Time returns the RFC 3339 timestamp at path; an empty string is the zero time.
func (r *Reader) Time(path ...string) time.Time {
	s := r.Str(path...)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		r.Addf(path, "bad timestamp %q", clip(s))
		return time.Time{}
	}
	return t
}

// Duration returns the Go duration string at path ("1h", "15m", "0") parsed, and the string as
// written. An unparsable value reads as 0 and is recorded.
func (r *Reader) Duration(path ...string) (time.Duration, string) {
	s := r.Str(path...)
	if s == "" {
		return 0, ""
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		r.Addf(path, "bad duration %q", clip(s))
		return 0, s
	}
	return d, s
}

// Map returns a Reader of the object at path. When it is absent, or not an object (recorded),
// the returned Reader reads as empty.
func (r *Reader) Map(path ...string) *Reader {
	sub := &Reader{parent: r, at: path, index: -1}
	if r == nil {
		return sub
	}
	sub.issues = r.sink()
	if v, ok := r.lookup(path); ok {
		if m, ok := v.(map[string]any); ok {
			sub.obj = m
		} else {
			r.wrongType(path, "object", v)
		}
	}
	return sub
}

// sink returns the shared issue list, creating it for a zero Reader.
func (r *Reader) sink() *[]string {
	if r.issues == nil {
		r.issues = new([]string)
	}
	return r.issues
}

// Slice returns the list at path.
func (r *Reader) Slice(path ...string) []any {
	v, ok := r.lookup(path)
	if !ok {
		return nil
	}
	s, ok := v.([]any)
	if !ok {
		r.wrongType(path, "list", v)
	}
	return s
}

// Len returns the length of the list at path, 0 when absent or not a list (recorded).
func (r *Reader) Len(path ...string) int { return len(r.Slice(path...)) }

// Each calls fn with a Reader of every object in the list at path. Elements that are not objects
// are skipped and recorded. fn must not keep the Reader after it returns: it is reused for the
// next element.
func (r *Reader) Each(path []string, fn func(e *Reader)) {
	list := r.Slice(path...)
	if len(list) == 0 {
		return
	}
	// One element Reader is reused for the whole list, so a list of n objects costs one
	// allocation rather than n.
	e := &Reader{issues: r.sink(), parent: r, at: path}
	for i, item := range list {
		e.obj, e.index = nil, i
		m, ok := item.(map[string]any)
		if !ok {
			if item != nil {
				e.Addf(nil, "want object, got %s", typeName(item))
			}
			continue
		}
		e.obj = m
		fn(e)
	}
}

// StrSlice returns the list of strings at path. Elements that are not strings are skipped and
// recorded.
func (r *Reader) StrSlice(path ...string) []string {
	list := r.Slice(path...)
	if len(list) == 0 {
		return nil
	}
	out := make([]string, 0, len(list))
	for i, item := range list {
		s, ok := item.(string)
		if !ok {
			if item != nil {
				elem := Reader{issues: r.sink(), parent: r, at: path, index: i}
				elem.wrongType(nil, "string", item)
			}
			continue
		}
		out = append(out, Intern(s))
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Keys returns the keys of the object at path whose values are not null, in map order (callers
// sort when it matters).
func (r *Reader) Keys(path ...string) []string {
	m := r.Map(path...).obj
	if len(m) == 0 {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k, v := range m {
		if v != nil {
			keys = append(keys, k)
		}
	}
	return keys
}

// StrMap returns the object of strings at path (labels, annotations). Values that are not
// strings are skipped and recorded.
func (r *Reader) StrMap(path ...string) map[string]string {
	sub := r.Map(path...)
	if len(sub.obj) == 0 {
		return nil
	}
	out := make(map[string]string, len(sub.obj))
	for k, v := range sub.obj {
		if s, ok := v.(string); ok {
			out[k] = s
		} else if v != nil {
			sub.wrongType([]string{k}, "string", v)
		}
	}
	return out
}

// clip shortens a bad value quoted in an issue, so a huge garbage field cannot bloat the
// snapshot.
func clip(s string) string {
	const max = 64
	if len(s) <= max {
		return s
	}
	return s[:max] + "…"
}
