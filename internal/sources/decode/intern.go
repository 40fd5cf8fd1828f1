package decode

import (
	"hash/maphash"
	"strings"
	"sync/atomic"
)

// The intern table: a fixed-size, direct-mapped cache of strings recently decoded. Across a
// fleet most decoded strings repeat (kinds, groups, statuses, namespaces, condition reasons,
// the names of the resources of the same apps on 3,500 clusters, the Git revisions of one
// repository), yet each arrives as its own allocation from the JSON decoder. Keeping the
// first copy and dropping the later ones saves most of that memory (docs/performance.md).
// A slot holds one string and is overwritten on a collision, so the table never grows and
// never pins more than internSlots strings; it is safe for concurrent use.
const (
	internSlots = 1 << 16
	// internMaxLen bounds the strings worth interning: long ones (messages) rarely repeat.
	internMaxLen = 128
)

var (
	internTable [internSlots]atomic.Pointer[string]
	internSeed  = maphash.MakeSeed()
)

// Intern returns a string equal to s: the copy kept from an earlier call when there is one,
// else a copy of s, which is kept for later calls. Long strings are copied and not kept.
//
// The copy matters as much as the sharing: s comes from the JSON decoder, amid the decoded
// object's garbage, and keeping it would keep its whole span of memory in use; a copy made
// now lands next to the other values that stay (see Keep).
func Intern(s string) string {
	if s == "" || len(s) > internMaxLen {
		return Keep(s)
	}
	slot := &internTable[maphash.String(internSeed, s)&(internSlots-1)]
	if p := slot.Load(); p != nil && *p == s {
		return *p
	}
	c := strings.Clone(s)
	slot.Store(&c)
	return c
}

// Keep returns a copy of a decoded string that a projection keeps. The decoded objects are
// garbage as soon as they are projected; copying the few strings that outlive them keeps a
// live string from pinning a span of dead ones (in a 3,500-cluster fleet that fragmentation
// cost more than the projections themselves).
func Keep(s string) string { return strings.Clone(s) }
