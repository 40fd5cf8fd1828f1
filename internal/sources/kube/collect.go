package kube

// Collect copies the decoded values of type T out of one or more kinds' projections, in
// order, into a new slice for a snapshot.
//
// A projection whose value is a *T is adopted: from then on it points at its copy in the new
// slice, and the value it held before becomes garbage. A value then exists once, in the
// latest snapshot, instead of once in the store and once more in the snapshot (at 3,500
// clusters a few hundred bytes per object; docs/performance.md). The next snapshot copies
// from there; published snapshots are only read. Decoders return *T for the kinds whose
// values go into snapshots unchanged, T for those that are transformed first (joined
// volumes). Collect must only be called from ClusterSource.Snapshot, which serialises them.
func Collect[T any](lists ...[]*Projected) []T {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	if n == 0 {
		return nil
	}
	out := make([]T, 0, n) // never grows: the adopted pointers stay valid
	for _, l := range lists {
		for _, p := range l {
			switch v := p.Value.(type) {
			case *T:
				out = append(out, *v)
				p.Value = &out[len(out)-1]
			case T:
				out = append(out, v)
			}
		}
	}
	return out
}
