package scale

import (
	"context"
	"encoding/json"
	"sync"
	"sync/atomic"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/dynamic"
)

// wireClient makes a fake dynamic client's lists cross the wire: each list is served as
// JSON and decoded, as client-go decodes a real API server's answer. Without it the decoders
// would be handed the fake tracker's own strings, and mcgtui's memory and CPU would look
// smaller than against a real API server, where every object is freshly decoded.
//
// The JSON of a list is encoded once and kept until the resource is written through this
// client: encoding is the API server's work, which a benchmark of mcgtui must not count.
type wireClient struct {
	dynamic.Interface
	encoded *encodedLists
}

// APICalls counts the list and watch requests made to a source's API servers.
type APICalls struct {
	Lists, Watches atomic.Int64
}

func newWireClient(c dynamic.Interface, calls *APICalls) wireClient {
	return wireClient{Interface: c, encoded: &encodedLists{byResource: map[schema.GroupVersionResource]map[string]*encodedList{}, calls: calls}}
}

// IsWatchListSemanticsUnSupported tells client-go's reflectors that this is a fake client
// (client-go's util/watchlist), as the wrapped fake does.
func (wireClient) IsWatchListSemanticsUnSupported() bool { return true }

// Resource implements dynamic.Interface.
func (c wireClient) Resource(gvr schema.GroupVersionResource) dynamic.NamespaceableResourceInterface {
	r := c.Interface.Resource(gvr)
	return wireResource{NamespaceableResourceInterface: r, wireNamespaced: wireNamespaced{r, gvr, "", c.encoded}}
}

// encodedLists holds the JSON of every list served, by resource and namespace.
type encodedLists struct {
	mu         sync.Mutex
	byResource map[schema.GroupVersionResource]map[string]*encodedList
	calls      *APICalls
	// subscribers are the streamed watches open on this client (stream.go).
	subscribers map[*subscriber]bool
}

func (e *encodedLists) get(gvr schema.GroupVersionResource, ns string) *encodedList {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.byResource[gvr][ns]
}

func (e *encodedLists) put(gvr schema.GroupVersionResource, ns string, l *encodedList) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.byResource[gvr] == nil {
		e.byResource[gvr] = map[string]*encodedList{}
	}
	e.byResource[gvr][ns] = l
}

// encoded returns the list of gvr in ns as JSON, encoded on first use.
func (e *encodedLists) encoded(ctx context.Context, r dynamic.ResourceInterface, gvr schema.GroupVersionResource, ns string) (*encodedList, error) {
	if l := e.get(gvr, ns); l != nil {
		return l, nil
	}
	list, err := r.List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, err
	}
	l, err := encodeList(list)
	if err != nil {
		return nil, err
	}
	e.put(gvr, ns, l)
	return l, nil
}

func (e *encodedLists) drop(gvr schema.GroupVersionResource) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.byResource, gvr)
}

// wireNamespaced serves one resource in one namespace ("" for all) over the wire.
type wireNamespaced struct {
	dynamic.ResourceInterface
	gvr     schema.GroupVersionResource
	ns      string
	encoded *encodedLists
}

type wireResource struct {
	dynamic.NamespaceableResourceInterface
	wireNamespaced
}

func (r wireResource) Namespace(ns string) dynamic.ResourceInterface {
	return wireNamespaced{r.NamespaceableResourceInterface.Namespace(ns), r.gvr, ns, r.encoded}
}

// The methods of the cluster-wide resource are those of its namespace "".
func (r wireResource) List(ctx context.Context, opts metav1.ListOptions) (*unstructured.UnstructuredList, error) {
	return r.wireNamespaced.List(ctx, opts)
}

func (r wireResource) Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	return r.wireNamespaced.Watch(ctx, opts)
}

func (r wireResource) Create(ctx context.Context, obj *unstructured.Unstructured, opts metav1.CreateOptions, sub ...string) (*unstructured.Unstructured, error) {
	return r.wireNamespaced.Create(ctx, obj, opts, sub...)
}

func (r wireResource) Update(ctx context.Context, obj *unstructured.Unstructured, opts metav1.UpdateOptions, sub ...string) (*unstructured.Unstructured, error) {
	return r.wireNamespaced.Update(ctx, obj, opts, sub...)
}

func (r wireResource) UpdateStatus(ctx context.Context, obj *unstructured.Unstructured, opts metav1.UpdateOptions) (*unstructured.Unstructured, error) {
	return r.wireNamespaced.UpdateStatus(ctx, obj, opts)
}

func (r wireResource) Delete(ctx context.Context, name string, opts metav1.DeleteOptions, sub ...string) error {
	return r.wireNamespaced.Delete(ctx, name, opts, sub...)
}

func (r wireResource) Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, sub ...string) (*unstructured.Unstructured, error) {
	return r.wireNamespaced.Patch(ctx, name, pt, data, opts, sub...)
}

// Watch counts the watch and passes it on.
func (r wireNamespaced) Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	r.encoded.calls.Watches.Add(1)
	return r.ResourceInterface.Watch(ctx, opts)
}

// List serves the list's JSON, encoded on first use, decoded anew for every call.
func (r wireNamespaced) List(ctx context.Context, opts metav1.ListOptions) (*unstructured.UnstructuredList, error) {
	data, err := r.listJSON(ctx, opts)
	if err != nil {
		return nil, err
	}
	out := &unstructured.UnstructuredList{}
	if err := out.UnmarshalJSON(data); err != nil {
		return nil, err
	}
	return out, nil
}

// listJSON counts a LIST and returns its JSON: the whole list's encoded on first use, or, with
// a selector, the fake's list encoded for this call.
func (r wireNamespaced) listJSON(ctx context.Context, opts metav1.ListOptions) ([]byte, error) {
	r.encoded.calls.Lists.Add(1)
	if opts.LabelSelector != "" || opts.FieldSelector != "" {
		list, err := r.ResourceInterface.List(ctx, opts)
		if err != nil {
			return nil, err
		}
		return json.Marshal(list)
	}
	l, err := r.encoded.encoded(ctx, r.ResourceInterface, r.gvr, r.ns)
	if err != nil {
		return nil, err
	}
	return l.data, nil
}

// The writes drop the resource's encoded lists and feed the streamed watches.

func (r wireNamespaced) Create(ctx context.Context, obj *unstructured.Unstructured, opts metav1.CreateOptions, sub ...string) (*unstructured.Unstructured, error) {
	r.encoded.drop(r.gvr)
	return r.written(watch.Added)(r.ResourceInterface.Create(ctx, obj, opts, sub...))
}

func (r wireNamespaced) Update(ctx context.Context, obj *unstructured.Unstructured, opts metav1.UpdateOptions, sub ...string) (*unstructured.Unstructured, error) {
	r.encoded.drop(r.gvr)
	return r.written(watch.Modified)(r.ResourceInterface.Update(ctx, obj, opts, sub...))
}

func (r wireNamespaced) UpdateStatus(ctx context.Context, obj *unstructured.Unstructured, opts metav1.UpdateOptions) (*unstructured.Unstructured, error) {
	r.encoded.drop(r.gvr)
	return r.written(watch.Modified)(r.ResourceInterface.UpdateStatus(ctx, obj, opts))
}

func (r wireNamespaced) Delete(ctx context.Context, name string, opts metav1.DeleteOptions, sub ...string) error {
	r.encoded.drop(r.gvr)
	old, getErr := r.ResourceInterface.Get(ctx, name, metav1.GetOptions{})
	err := r.ResourceInterface.Delete(ctx, name, opts, sub...)
	r.encoded.drop(r.gvr)
	if err == nil && getErr == nil {
		r.encoded.publish(r.gvr, watch.Deleted, old)
	}
	return err
}

func (r wireNamespaced) Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, sub ...string) (*unstructured.Unstructured, error) {
	r.encoded.drop(r.gvr)
	return r.written(watch.Modified)(r.ResourceInterface.Patch(ctx, name, pt, data, opts, sub...))
}

// written feeds a successful write's result to the streamed watches.
func (r wireNamespaced) written(typ watch.EventType) func(*unstructured.Unstructured, error) (*unstructured.Unstructured, error) {
	return func(obj *unstructured.Unstructured, err error) (*unstructured.Unstructured, error) {
		r.encoded.drop(r.gvr) // again: a list taken during the write may hold the old object
		if err == nil && obj != nil {
			r.encoded.publish(r.gvr, typ, obj.DeepCopy())
		}
		return obj, err
	}
}
