package kube

import (
	"sort"
	"sync"
	"sync/atomic"

	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/client-go/tools/cache"
)

// objectKey identifies an object in its kind's store. Its strings are those of the stored
// projection, so keys cost no allocation of their own.
type objectKey struct{ namespace, name string }

// projectingStore is the store one kind's reflector writes into: every object is projected as
// it arrives (docs/adr/0002-projections.md) and every change is reported once the store holds
// it. No informer stands between the watch and the store: no queue, no event-handler
// goroutines or buffers, which at 3,500 clusters × a dozen kinds would cost more than the
// objects themselves (docs/performance.md).
type projectingStore struct {
	project cache.TransformFunc
	changed func()
	// firstSync is called once, after the first Replace (nil: nothing to call).
	firstSync func()

	mu     sync.RWMutex
	items  map[objectKey]*Projected
	synced atomic.Bool
}

var (
	_ cache.ReflectorStore    = (*projectingStore)(nil)
	_ cache.TransformingStore = (*projectingStore)(nil)
)

func newProjectingStore(project cache.TransformFunc, changed, firstSync func()) *projectingStore {
	return &projectingStore{project: project, changed: changed, firstSync: firstSync, items: map[objectKey]*Projected{}}
}

// projected returns obj as a projection; anything else (never produced by the reflector) is
// skipped.
func (s *projectingStore) projected(obj any) (*Projected, bool) {
	out, err := s.project(obj)
	if err != nil {
		return nil, false
	}
	p, ok := out.(*Projected)
	return p, ok
}

// Add implements cache.ReflectorStore.
func (s *projectingStore) Add(obj any) error { return s.put(obj) }

// Update implements cache.ReflectorStore.
func (s *projectingStore) Update(obj any) error { return s.put(obj) }

func (s *projectingStore) put(obj any) error {
	p, ok := s.projected(obj)
	if !ok {
		return nil
	}
	s.mu.Lock()
	s.items[objectKey{p.Namespace, p.Name}] = p
	s.mu.Unlock()
	s.changed()
	return nil
}

// Delete implements cache.ReflectorStore. The reflector hands over the deleted object as the
// watch delivered it, unprojected.
func (s *projectingStore) Delete(obj any) error {
	var key objectKey
	switch o := obj.(type) {
	case *Projected:
		key = objectKey{o.Namespace, o.Name}
	case *wireObject:
		return s.Delete(o.p)
	case cache.DeletedFinalStateUnknown:
		return s.Delete(o.Obj)
	default:
		m, err := meta.Accessor(obj)
		if err != nil {
			return nil
		}
		key = objectKey{m.GetNamespace(), m.GetName()}
	}
	s.mu.Lock()
	delete(s.items, key)
	s.mu.Unlock()
	s.changed()
	return nil
}

// Replace implements cache.ReflectorStore: the result of a full list (or of a watch-list's
// initial events) replaces the content. The first Replace makes the store synced.
func (s *projectingStore) Replace(list []any, _ string) error {
	items := make(map[objectKey]*Projected, len(list))
	for _, obj := range list {
		if p, ok := s.projected(obj); ok {
			items[objectKey{p.Namespace, p.Name}] = p
		}
	}
	s.mu.Lock()
	s.items = items
	s.mu.Unlock()
	first := !s.synced.Swap(true)
	s.changed()
	if first && s.firstSync != nil {
		s.firstSync()
	}
	return nil
}

// Resync implements cache.ReflectorStore; there is nothing to resync.
func (s *projectingStore) Resync() error { return nil }

// Transformer implements cache.TransformingStore, so that a watch-list's temporary store
// holds projections too while the initial events stream in.
func (s *projectingStore) Transformer() cache.TransformFunc { return s.project }

// HasSynced reports whether the first full list has been stored.
func (s *projectingStore) HasSynced() bool { return s.synced.Load() }

// Len returns the number of objects stored.
func (s *projectingStore) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.items)
}

// projections returns the store's projections, sorted by namespace and name so that
// snapshots are deterministic.
func (s *projectingStore) projections() []*Projected {
	s.mu.RLock()
	ps := make([]*Projected, 0, len(s.items))
	for _, p := range s.items {
		ps = append(ps, p)
	}
	s.mu.RUnlock()
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].Namespace != ps[j].Namespace {
			return ps[i].Namespace < ps[j].Namespace
		}
		return ps[i].Name < ps[j].Name
	})
	return ps
}
