package kube

import (
	"context"
	"sort"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/tools/cache"
)

// kindWatch is one informer of one product on one cluster.
type kindWatch struct {
	gvr      schema.GroupVersionResource
	informer cache.SharedIndexInformer
}

// outcome is told about every list and watch call so that the source knows the exact moment
// a failing watch recovers, without polling the API server.
type outcome func(err error)

// newKindWatch builds a dynamic informer for one resource. It is what dynamicinformer builds,
// plus three things: list/watch results are reported, objects are projected before they are
// stored (the store never holds unstructured maps), and watch-list streaming is used where the
// client supports it.
func newKindWatch(client dynamic.Interface, gvr schema.GroupVersionResource, kind KindSpec, cluster string, report outcome, onChange func()) (*kindWatch, error) {
	res := client.Resource(gvr)
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
	inf := cache.NewSharedIndexInformerWithOptions(
		cache.ToListWatcherWithWatchListSemantics(lw, client),
		&unstructured.Unstructured{},
		cache.SharedIndexInformerOptions{ObjectDescription: gvr.String()},
	)
	if err := inf.SetTransform(projectWith(kind, cluster)); err != nil {
		return nil, err
	}
	if err := inf.SetWatchErrorHandlerWithContext(func(_ context.Context, _ *cache.Reflector, err error) { report(err) }); err != nil {
		return nil, err
	}
	changed := func(any) { onChange() }
	if _, err := inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    changed,
		UpdateFunc: func(_, _ any) { onChange() },
		DeleteFunc: changed,
	}); err != nil {
		return nil, err
	}
	return &kindWatch{gvr: gvr, informer: inf}, nil
}

// values returns the decoded values in the informer's store, sorted by namespace and name so
// that snapshots are deterministic.
func (k *kindWatch) values() []any {
	objs := k.informer.GetStore().List()
	ps := make([]*Projected, 0, len(objs))
	for _, o := range objs {
		if p, ok := o.(*Projected); ok {
			ps = append(ps, p)
		}
	}
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].Namespace != ps[j].Namespace {
			return ps[i].Namespace < ps[j].Namespace
		}
		return ps[i].Name < ps[j].Name
	})
	out := make([]any, len(ps))
	for i, p := range ps {
		out[i] = p.Value
	}
	return out
}
