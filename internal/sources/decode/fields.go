package decode

import (
	"strconv"
	"strings"

	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/mcgtui/mcgtui/internal/model"
)

// Meta returns the object's identity: Ref (apiVersion, kind, namespace, name, plus the given
// cluster and plural resource name), UID, resourceVersion and creationTimestamp. Labels are left
// nil because most views never need them and the fleet may hold 200k objects; decoders that do
// need labels read them with StrMap. DecodeIssues is left for the caller to fill from Issues()
// once the whole object has been read.
func (r *Reader) Meta(cluster, resource string) model.Meta {
	md := r.Map("metadata")
	return model.Meta{
		Ref: model.Ref{
			Cluster:    cluster,
			APIVersion: r.Str("apiVersion"),
			Resource:   resource,
			Kind:       r.Str("kind"),
			Namespace:  md.Str("namespace"),
			Name:       md.Str("name"),
		},
		UID:             md.UniqueStr("uid"),
		ResourceVersion: md.UniqueStr("resourceVersion"),
		Created:         md.Time("creationTimestamp"),
	}
}

// MetaOf returns u's Meta (see Reader.Meta) with DecodeIssues set from reading the metadata
// alone; for decoders that read nothing else.
func MetaOf(u *unstructured.Unstructured, cluster, resource string) model.Meta {
	r := Of(u)
	m := r.Meta(cluster, resource)
	m.DecodeIssues = r.Issues()
	return m
}

// Or returns s, or fallback when s is empty. Decoders use it for apiVersion and kind, which
// objects built by hand (tests, the demo) may leave out.
func Or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// Condition reads the object r as a Kubernetes-style condition (type, status, reason, message,
// lastTransitionTime).
func (r *Reader) Condition() model.Condition {
	return model.Condition{
		Type:           r.Str("type"),
		Status:         r.Str("status"),
		Reason:         r.Str("reason"),
		Message:        r.Str("message"),
		LastTransition: r.Time("lastTransitionTime"),
	}
}

// Conditions reads the list of conditions at path.
func (r *Reader) Conditions(path ...string) []model.Condition {
	n := r.Len(path...)
	if n == 0 {
		return nil
	}
	out := make([]model.Condition, 0, n)
	r.Each(path, func(e *Reader) { out = append(out, e.Condition()) })
	if len(out) == 0 {
		return nil
	}
	return out
}

// maxQuantityLen bounds the quantities handed to resource.ParseQuantity. Real sizes are a few
// characters; the bound and the exponent check in Quantity keep garbage from costing time.
const maxQuantityLen = 64

// maxExponent bounds a decimal exponent ("1e9"): resource.ParseQuantity takes effectively
// forever on "1e-999999999", and no real size needs more than exa.
const maxExponent = 30

// Quantity returns the Kubernetes quantity at path ("100Gi", "0", 1024) in base units, rounded
// up. A value that is not a quantity, or does not fit in an int64, reads as 0 and is recorded.
func (r *Reader) Quantity(path ...string) int64 {
	v, ok := r.lookup(path)
	if !ok {
		return 0
	}
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case int64, int, int32, float64:
		// A bare JSON number is a valid quantity too (resource.Quantity accepts it).
		return r.Int(path...)
	default:
		r.wrongType(path, "quantity", v)
		return 0
	}
	if s == "" {
		return 0
	}
	if len(s) > maxQuantityLen || !saneExponent(s) {
		r.Addf(path, "bad quantity %q", clip(s))
		return 0
	}
	q, err := resource.ParseQuantity(s)
	if err != nil {
		r.Addf(path, "bad quantity %q", clip(s))
		return 0
	}
	if n, ok := q.AsInt64(); ok {
		return n
	}
	// Fractions ("1.5Gi") and sub-unit values need rounding; CmpInt64 guards the overflow that
	// Value would silently wrap.
	if q.CmpInt64(1<<62) > 0 || q.CmpInt64(-(1<<62)) < 0 {
		r.Addf(path, "quantity %q out of range", clip(s))
		return 0
	}
	return q.Value()
}

// saneExponent reports whether a quantity's decimal exponent, if it has one, is small enough to
// parse quickly. "E" alone is the exa suffix, not an exponent.
func saneExponent(s string) bool {
	i := strings.LastIndexAny(s, "eE")
	if i < 0 || i == len(s)-1 {
		return true
	}
	digits := strings.TrimLeft(s[i+1:], "+-")
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		// Not an exponent after all; ParseQuantity rejects or accepts it cheaply.
		return true
	}
	digits = strings.TrimLeft(digits, "0")
	if len(digits) > 3 {
		return false
	}
	exp, _ := strconv.Atoi(digits) // at most 3 digits: cannot fail; "" (all zeros) reads as 0
	return exp <= maxExponent
}
