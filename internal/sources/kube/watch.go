package kube

import (
	"context"
	"math"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/tools/cache"
	"k8s.io/utils/clock"
)

// kindWatch is one kind of one product on one cluster: a reflector that lists and watches the
// resource into a projecting store.
type kindWatch struct {
	gvr       schema.GroupVersionResource
	store     *projectingStore
	reflector *cache.Reflector
	report    outcome
}

// outcome is told about every list and watch call so that the source knows the exact moment
// a failing watch recovers, without polling the API server.
type outcome func(err error)

// The reflector's own retry policy (client-go's defaults for informers): 0.8 s doubling to
// 30 s with full jitter, reset after 2 minutes without a failure.
const (
	retryInitial = 800 * time.Millisecond
	retryMax     = 30 * time.Second
	retryReset   = 2 * time.Minute
)

// listThenWatch makes the reflector LIST and then watch from the list's resourceVersion rather
// than open a streaming watch-list: against a real API server the LIST arrives sooner, and the
// watch after it is as quiet (docs/adr/0016).
type listThenWatch struct{ *cache.ListWatch }

func (listThenWatch) IsWatchListSemanticsUnSupported() bool { return true }

// newKindWatch builds the reflector of one resource. It is what an informer runs, minus the
// informer's queue and event-handler goroutines (see projectingStore), plus three things:
// list/watch results are reported, objects are projected before they are stored (the store
// never holds unstructured maps), and, with a Streams client (a real API server), the list and
// the watch are read off the wire (listWire, wireWatch), each object projected straight from
// its JSON. Without one (fakes in tests), watch-list streaming is used where the client
// supports it.
//
// onChange is called after every change the store holds; onSynced once, after the first full
// list is stored.
func newKindWatch(conn Conn, gvr schema.GroupVersionResource, kind KindSpec, report outcome, onChange, onSynced func()) *kindWatch {
	client, cluster := conn.Dynamic, conn.Cluster
	res := client.Resource(gvr)
	var expected runtime.Object = &unstructured.Unstructured{}
	lw := &cache.ListWatch{
		ListWithContextFunc: func(ctx context.Context, opts metav1.ListOptions) (runtime.Object, error) {
			list, err := res.Namespace(kind.Namespace).List(ctx, opts)
			report(err)
			if err != nil {
				return nil, err
			}
			return list, nil
		},
		WatchFuncWithContext: func(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
			w, err := res.Namespace(kind.Namespace).Watch(ctx, opts)
			report(err)
			return w, err
		},
	}
	var lister cache.ListerWatcher = cache.ToListWatcherWithWatchListSemantics(lw, client)
	if conn.Streams != nil {
		project := wireProjector(kind, cluster)
		lw.ListWithContextFunc = func(ctx context.Context, opts metav1.ListOptions) (runtime.Object, error) {
			// One response, read as it arrives (wireList): the watch cache ignores Limit for
			// resourceVersion "0" anyway, and pages from etcd would serialise the transfer.
			opts.Limit = 0
			list, err := listWire(ctx, conn.Streams, gvr, kind.Namespace, opts, project)
			report(err)
			return list, err
		}
		lw.WatchFuncWithContext = func(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
			w, err := wireWatch(ctx, conn.Streams, gvr, kind.Namespace, opts, project)
			report(err)
			return w, err
		}
		expected = nil // lists and events carry *wireObject
		lister = listThenWatch{lw}
	}
	store := newProjectingStore(projectWith(kind, cluster), onChange, onSynced)
	r := cache.NewReflectorWithOptions(lister,
		expected, store,
		cache.ReflectorOptions{Name: cluster + "/" + gvr.String(), TypeDescription: gvr.String()})
	return &kindWatch{gvr: gvr, store: store, reflector: r, report: report}
}

// run lists and watches until ctx ends, as an informer's reflector does, reporting what ends
// a list-and-watch cycle before retrying with backoff.
func (k *kindWatch) run(ctx context.Context) {
	backoff := wait.Backoff{Duration: retryInitial, Cap: retryMax, Factor: 2, Jitter: 1,
		Steps: int(math.Ceil(float64(retryMax) / float64(retryInitial)))}
	_ = backoff.DelayWithReset(clock.RealClock{}, retryReset).Until(ctx, true, true, func(ctx context.Context) (bool, error) {
		if err := k.reflector.ListAndWatchWithContext(ctx); err != nil {
			k.report(err)
		}
		return false, nil
	})
}

// projections returns the store's projections, sorted by namespace and name.
func (k *kindWatch) projections() []*Projected { return k.store.projections() }
