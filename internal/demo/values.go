package demo

import (
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"strconv"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// The helpers below build the JSON-shaped values unstructured objects are made of. Only the
// types runtime.DeepCopyJSONValue accepts may appear (map[string]any, []any, string, int64,
// float64, bool): the fake clients deep-copy every object they store and panic on anything else,
// such as a plain int or a []string.

// m is shorthand for an unstructured object or sub-object.
type m = map[string]any

// newObject returns an object with apiVersion, kind, name, namespace (may be "") and the
// server-set metadata a real API server would add.
func newObject(apiVersion, kind, namespace, name string, r *rand.Rand, created time.Time) *unstructured.Unstructured {
	meta := m{
		"name":              name,
		"uid":               uuid(r),
		"creationTimestamp": stamp(created),
		"resourceVersion":   strconv.FormatInt(int64(r.IntN(9_000_000)+1_000_000), 10),
		"generation":        int64(1 + r.IntN(9)),
	}
	if namespace != "" {
		meta["namespace"] = namespace
	}
	return &unstructured.Unstructured{Object: m{"apiVersion": apiVersion, "kind": kind, "metadata": meta}}
}

// metadata returns the object's metadata map, which newObject always creates.
func metadata(u *unstructured.Unstructured) m { return u.Object["metadata"].(m) }

// setLabels and setAnnotations replace the object's labels or annotations.
func setLabels(u *unstructured.Unstructured, kv ...string) { metadata(u)["labels"] = pairs(kv...) }

func setAnnotations(u *unstructured.Unstructured, kv ...string) {
	metadata(u)["annotations"] = pairs(kv...)
}

// pairs turns alternating keys and values into a map.
func pairs(kv ...string) m {
	out := make(m, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// shallowCopy copies a map whose values are scalars.
func shallowCopy(src m) m {
	out := make(m, len(src))
	for k, v := range src {
		out[k] = v
	}
	return out
}

// strs converts strings to the []any that unstructured lists must be.
func strs(ss ...string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// condition is a Kubernetes-style status condition; empty reason and message are left out,
// as controllers that do not set them leave them out.
func condition(condType, status, reason, message string, at time.Time) m {
	c := m{"type": condType, "status": status, "lastTransitionTime": stamp(at)}
	if reason != "" {
		c["reason"] = reason
	}
	if message != "" {
		c["message"] = message
	}
	return c
}

// stamp formats a time the way the API server serialises metav1.Time.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// hexString returns n random lower-case hex digits (n ≤ 64).
func hexString(r *rand.Rand, n int) string {
	var raw [32]byte
	for i := 0; i < len(raw); i += 8 {
		binary.LittleEndian.PutUint64(raw[i:], r.Uint64())
	}
	var out [64]byte
	hex.Encode(out[:], raw[:])
	return string(out[:n])
}

// gitRevision returns a random 40-digit commit SHA.
func gitRevision(r *rand.Rand) string { return hexString(r, 40) }

// uuid returns a random RFC 4122 version-4 UUID string.
func uuid(r *rand.Rand) string {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], r.Uint64())
	binary.LittleEndian.PutUint64(b[8:], r.Uint64())
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:], b[10:])
	return string(out[:])
}

// lowerAlnum returns n random characters of the kind OpenShift uses in generated names.
func lowerAlnum(r *rand.Rand, n int) string {
	const alphabet = "bcdfghjklmnpqrstvwxz2456789"
	out := make([]byte, n)
	for i := range out {
		out[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(out)
}

// ago returns a time between lo and hi before now, at whole seconds.
func ago(r *rand.Rand, now time.Time, lo, hi time.Duration) time.Time {
	span := int64(hi - lo)
	if span <= 0 {
		return now.Add(-lo).Truncate(time.Second)
	}
	return now.Add(-lo - time.Duration(r.Int64N(span))).Truncate(time.Second)
}

// nthName returns base for the first round of a catalogue and base-2, base-3 … after it, so that
// a catalogue shorter than the requested count still yields unique names.
func nthName(base string, round int) string {
	if round == 0 {
		return base
	}
	return base + "-" + strconv.Itoa(round+1)
}
