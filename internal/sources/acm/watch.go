package acm

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/kube"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/tools/cache"
	clusterclient "open-cluster-management.io/api/client/cluster/clientset/versioned"
	clusterv1 "open-cluster-management.io/api/cluster/v1"
)

// Watcher watches the hub's ManagedClusters. It reports the full, sorted list after every
// change (ManagedClusters number in the thousands at most, and change rarely) and its own
// state after every list/watch outcome.
type Watcher struct {
	Client clusterclient.Interface
	// OnClusters receives the current list, sorted by name, after each change.
	OnClusters func([]model.ManagedCluster)
	// OnState receives the watcher's state whenever it changes.
	OnState func(model.SourceStatus)

	mu     sync.Mutex
	state  model.SourceStatus
	synced bool
}

// Run watches until ctx ends and returns once the informer has stopped.
func (w *Watcher) Run(ctx context.Context) {
	mcs := w.Client.ClusterV1().ManagedClusters()
	lw := &cache.ListWatch{
		ListWithContextFunc: func(ctx context.Context, opts metav1.ListOptions) (runtime.Object, error) {
			l, err := mcs.List(ctx, opts)
			w.report(err)
			if err != nil {
				return nil, err
			}
			return l, nil
		},
		WatchFuncWithContext: func(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
			wi, err := mcs.Watch(ctx, opts)
			w.report(err)
			return wi, err
		},
	}
	inf := cache.NewSharedIndexInformerWithOptions(cache.ToListWatcherWithWatchListSemantics(lw, w.Client),
		&clusterv1.ManagedCluster{}, cache.SharedIndexInformerOptions{ObjectDescription: "managedclusters"})
	_ = inf.SetTransform(stripManagedCluster)
	_ = inf.SetWatchErrorHandlerWithContext(func(_ context.Context, _ *cache.Reflector, err error) { w.report(err) })
	publish := func() {
		if !inf.HasSynced() {
			return
		}
		objs := inf.GetStore().List()
		out := make([]model.ManagedCluster, 0, len(objs))
		for _, o := range objs {
			if mc, ok := o.(*clusterv1.ManagedCluster); ok {
				out = append(out, FromManagedCluster(mc))
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
		w.OnClusters(out)
	}
	// Events only mark the list dirty: the initial list alone delivers one Add per cluster
	// (3,500 on a large hub) after the informer counts as synced, and publishing the whole
	// list for each of them would be quadratic. A burst becomes one publication.
	dirty := make(chan struct{}, 1)
	markDirty := func() {
		select {
		case dirty <- struct{}{}:
		default:
		}
	}
	_, _ = inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(any) { markDirty() },
		UpdateFunc: func(_, _ any) { markDirty() },
		DeleteFunc: func(any) { markDirty() },
	})
	done := make(chan struct{})
	go func() { defer close(done); inf.RunWithContext(ctx) }()
	if cache.WaitForCacheSync(ctx.Done(), inf.HasSynced) {
		w.mu.Lock()
		w.synced = true
		w.mu.Unlock()
		// The list first, then Ready: a fleet composed between the two would otherwise count
		// as settled with the hub alone (its sources Ready, no spoke added yet).
		publish()
		w.report(nil)
		w.publishChanges(ctx, dirty, publish)
	}
	<-done
}

// coalesce is how long the watcher gathers a burst of ManagedCluster events.
const coalesce = 100 * time.Millisecond

// publishChanges publishes the list once per burst of events until ctx ends.
func (w *Watcher) publishChanges(ctx context.Context, dirty <-chan struct{}, publish func()) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-dirty:
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(coalesce):
		}
		publish()
	}
}

// report turns a list/watch outcome into the watcher's state.
func (w *Watcher) report(err error) {
	if kube.Ignorable(err) {
		return
	}
	w.mu.Lock()
	var next model.SourceStatus
	switch {
	case err == nil && w.synced:
		next = model.SourceStatus{State: model.StateReady}
	case err == nil:
		next = model.SourceStatus{State: model.StateSyncing}
	default:
		next = kube.StateFor(err, w.synced)
	}
	changed := next.State != w.state.State || next.Reason != w.state.Reason
	if changed {
		w.state = next
	}
	w.mu.Unlock()
	if changed && w.OnState != nil {
		w.OnState(next)
	}
}

// stripManagedCluster drops what mcgtui never reads before the object is stored.
func stripManagedCluster(obj any) (any, error) {
	if mc, ok := obj.(*clusterv1.ManagedCluster); ok {
		mc.ManagedFields = nil
		delete(mc.Annotations, "kubectl.kubernetes.io/last-applied-configuration")
	}
	return obj, nil
}
