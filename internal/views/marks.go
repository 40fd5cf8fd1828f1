package views

import (
	"slices"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/model"
)

// marks holds the objects marked with space for a bulk action, across lists and clusters, in
// the order they were marked. Keys are row keys (cluster, namespace, name, resource), so a hub
// app marked in a spoke's Apps tab is the same mark in the fleet-wide list.
type marks struct {
	order []string
	refs  map[string]model.Ref
}

func newMarks() *marks { return &marks{refs: map[string]model.Ref{}} }

// Toggle marks the row, or unmarks it when it was marked.
func (m *marks) Toggle(r row) {
	if _, ok := m.refs[r.key]; ok {
		m.remove(r.key)
		return
	}
	m.refs[r.key] = r.ref
	m.order = append(m.order, r.key)
}

func (m *marks) remove(key string) {
	delete(m.refs, key)
	m.order = slices.DeleteFunc(m.order, func(k string) bool { return k == key })
}

// Has reports whether the row with this key is marked (the table asks for visible rows only).
func (m *marks) Has(key string) bool {
	_, ok := m.refs[key]
	return ok
}

// Len is the number of marked objects.
func (m *marks) Len() int { return len(m.order) }

// Clear unmarks everything.
func (m *marks) Clear() {
	m.order = nil
	clear(m.refs)
}

// Matching returns the marked objects that an action of kind k applies to, in marking order.
func (m *marks) Matching(k actions.Kind) []model.Ref {
	var out []model.Ref
	for _, key := range m.order {
		if ref := m.refs[key]; k.Applies(ref.Kind) {
			out = append(out, ref)
		}
	}
	return out
}

// Unmark removes the marks of the given objects (after an action on them succeeded).
func (m *marks) Unmark(refs []model.Ref) {
	for _, ref := range refs {
		for key, marked := range m.refs {
			if marked == ref {
				m.remove(key)
			}
		}
	}
}

// Clusters counts the clusters the marked objects live on.
func (m *marks) Clusters() int {
	seen := map[string]bool{}
	for _, ref := range m.refs {
		seen[ref.Cluster] = true
	}
	return len(seen)
}
