package pages

import (
	"slices"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// Marks holds the objects marked with space for a bulk action, across lists and clusters, in
// the order they were marked. Keys are row keys (cluster, namespace, name, resource), so a hub
// app marked in a spoke's Apps tab is the same mark in the fleet-wide list.
type Marks struct {
	order []string
	refs  map[string]model.Ref
}

// NewMarks returns an empty set of marks.
func NewMarks() *Marks { return &Marks{refs: map[string]model.Ref{}} }

// Toggle Marks the row, or unmarks it when it was marked.
func (m *Marks) Toggle(r rows.Row) {
	if _, ok := m.refs[r.Key]; ok {
		m.remove(r.Key)
		return
	}
	m.refs[r.Key] = r.Ref
	m.order = append(m.order, r.Key)
}

func (m *Marks) remove(key string) {
	delete(m.refs, key)
	m.order = slices.DeleteFunc(m.order, func(k string) bool { return k == key })
}

// Has reports whether the row with this key is marked (the table asks for visible rows only).
func (m *Marks) Has(key string) bool {
	_, ok := m.refs[key]
	return ok
}

// Len is the number of marked objects.
func (m *Marks) Len() int { return len(m.order) }

// Clear unmarks everything.
func (m *Marks) Clear() {
	m.order = nil
	clear(m.refs)
}

// Matching returns the marked objects that an action of kind k applies to, in marking order.
func (m *Marks) Matching(k actions.Kind) []model.Ref {
	var out []model.Ref
	for _, key := range m.order {
		if ref := m.refs[key]; k.Applies(ref.Kind) {
			out = append(out, ref)
		}
	}
	return out
}

// Unmark removes the Marks of the given objects (after an action on them succeeded).
func (m *Marks) Unmark(refs []model.Ref) {
	for _, ref := range refs {
		for key, marked := range m.refs {
			if marked == ref {
				m.remove(key)
			}
		}
	}
}

// Clusters counts the clusters the marked objects live on.
func (m *Marks) Clusters() int {
	seen := map[string]bool{}
	for _, ref := range m.refs {
		seen[ref.Cluster] = true
	}
	return len(seen)
}
