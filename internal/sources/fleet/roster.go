package fleet

import (
	"sort"

	"github.com/mcgtui/mcgtui/internal/model"
)

// roster holds the composed snapshot of every cluster in fleet order (the hub first, then by
// name) and the roll-up of the Applications that deploy to other clusters, updated one
// cluster at a time. A change costs a binary search; a published Fleet costs a copy of the
// cluster pointers. Nothing is sorted or merged again for clusters that did not change: at
// 3,500 clusters that is what keeps one object's change from costing a fleet-wide
// recomputation (docs/performance.md).
type roster struct {
	clusters []*model.ClusterSnapshot
	// remote is the merged Summary.Remote of every cluster, rebuilt only when a cluster with
	// remote Applications (usually the hub alone) changed; a published Fleet shares it.
	remote      map[string]model.Counts
	remoteStale bool
}

// before reports whether a comes before b in fleet order.
func before(aHub bool, aName string, bHub bool, bName string) bool {
	if aHub != bHub {
		return aHub
	}
	return aName < bName
}

// find returns the index of the named cluster, or where it would be inserted.
func (r *roster) find(hub bool, name string) int {
	return sort.Search(len(r.clusters), func(i int) bool {
		c := r.clusters[i]
		return !before(c.Hub, c.Name, hub, name)
	})
}

// set inserts c, or replaces the snapshot of the cluster of the same name.
func (r *roster) set(c *model.ClusterSnapshot) {
	i := r.find(c.Hub, c.Name)
	if i < len(r.clusters) && r.clusters[i].Name == c.Name && r.clusters[i].Hub == c.Hub {
		old := r.clusters[i]
		r.remoteStale = r.remoteStale || len(old.Summary.Remote) > 0 || len(c.Summary.Remote) > 0
		r.clusters[i] = c
		return
	}
	r.remoteStale = r.remoteStale || len(c.Summary.Remote) > 0
	r.clusters = append(r.clusters, nil)
	copy(r.clusters[i+1:], r.clusters[i:])
	r.clusters[i] = c
}

// remove drops the named cluster.
func (r *roster) remove(hub bool, name string) {
	i := r.find(hub, name)
	if i >= len(r.clusters) || r.clusters[i].Name != name {
		return
	}
	r.remoteStale = r.remoteStale || len(r.clusters[i].Summary.Remote) > 0
	r.clusters = append(r.clusters[:i], r.clusters[i+1:]...)
}

// snapshot returns the clusters in fleet order (a new slice: published fleets are immutable)
// and the merged remote roll-up (shared with earlier fleets while it does not change).
func (r *roster) snapshot() ([]*model.ClusterSnapshot, map[string]model.Counts) {
	if r.remoteStale {
		r.remote = nil
		for _, c := range r.clusters {
			for dest, n := range c.Summary.Remote {
				if r.remote == nil {
					r.remote = map[string]model.Counts{}
				}
				sum := r.remote[dest]
				sum.Merge(n)
				r.remote[dest] = sum
			}
		}
		r.remoteStale = false
	}
	return append([]*model.ClusterSnapshot(nil), r.clusters...), r.remote
}
