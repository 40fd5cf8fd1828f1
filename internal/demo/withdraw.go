package demo

import (
	"context"
	"sync"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/dynamic"
)

// withdrawals are the resources of a cluster whose CRDs an incident deleted (policy-drift).
// The API server then stops serving them: every request answers NotFound and the watches open
// on them end, so the sources' reflectors watch again, get the NotFound, and report the
// product NotInstalled (kube.StateFor), live, as they do against a real API server. Discovery
// is left as it was: the sources ask it only when they start.
type withdrawals struct {
	mu      sync.Mutex
	gone    map[schema.GroupVersionResource]bool
	watches map[schema.GroupVersionResource][]watch.Interface
}

func (w *withdrawals) isGone(r schema.GroupVersionResource) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.gone[r]
}

// set withdraws resources (ending their open watches) or serves them again.
func (w *withdrawals) set(resources []schema.GroupVersionResource, gone bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.gone == nil {
		w.gone = map[schema.GroupVersionResource]bool{}
	}
	for _, r := range resources {
		if !gone {
			delete(w.gone, r)
			continue
		}
		w.gone[r] = true
		for _, open := range w.watches[r] {
			open.Stop()
		}
		delete(w.watches, r)
	}
}

// track keeps an open watch, to end it when its resource is withdrawn. The fake's watches
// close their channel on Stop (and ignore events after it), which is how a reader sees a
// watch the API server ended. A reader that stops a watch itself leaves it here until its
// resource is withdrawn; the sources watch again only after an error, so few pile up.
func (w *withdrawals) track(r schema.GroupVersionResource, open watch.Interface) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.watches == nil {
		w.watches = map[schema.GroupVersionResource][]watch.Interface{}
	}
	w.watches[r] = append(w.watches[r], open)
}

// withdrawable is a served resource's client that answers NotFound while the resource is
// withdrawn. It decides at every call: the sources keep the client they got at start.
type withdrawable struct {
	w     *withdrawals
	gvr   schema.GroupVersionResource
	all   dynamic.NamespaceableResourceInterface
	scope dynamic.ResourceInterface // all, or one namespace of it
}

var _ dynamic.NamespaceableResourceInterface = withdrawable{}

func (c withdrawable) gone() bool { return c.w.isGone(c.gvr) }

// Namespace returns the client of one namespace, withdrawable the same way.
func (c withdrawable) Namespace(ns string) dynamic.ResourceInterface {
	c.scope = c.all.Namespace(ns)
	return c
}

func (c withdrawable) Create(ctx context.Context, u *unstructured.Unstructured, o metav1.CreateOptions, sub ...string) (*unstructured.Unstructured, error) {
	if c.gone() {
		return nil, errNotServed()
	}
	return c.scope.Create(ctx, u, o, sub...)
}

func (c withdrawable) Update(ctx context.Context, u *unstructured.Unstructured, o metav1.UpdateOptions, sub ...string) (*unstructured.Unstructured, error) {
	if c.gone() {
		return nil, errNotServed()
	}
	return c.scope.Update(ctx, u, o, sub...)
}

func (c withdrawable) UpdateStatus(ctx context.Context, u *unstructured.Unstructured, o metav1.UpdateOptions) (*unstructured.Unstructured, error) {
	if c.gone() {
		return nil, errNotServed()
	}
	return c.scope.UpdateStatus(ctx, u, o)
}

func (c withdrawable) Delete(ctx context.Context, name string, o metav1.DeleteOptions, sub ...string) error {
	if c.gone() {
		return errNotServed()
	}
	return c.scope.Delete(ctx, name, o, sub...)
}

func (c withdrawable) DeleteCollection(ctx context.Context, o metav1.DeleteOptions, l metav1.ListOptions) error {
	if c.gone() {
		return errNotServed()
	}
	return c.scope.DeleteCollection(ctx, o, l)
}

func (c withdrawable) Get(ctx context.Context, name string, o metav1.GetOptions, sub ...string) (*unstructured.Unstructured, error) {
	if c.gone() {
		return nil, errNotServed()
	}
	return c.scope.Get(ctx, name, o, sub...)
}

func (c withdrawable) List(ctx context.Context, o metav1.ListOptions) (*unstructured.UnstructuredList, error) {
	if c.gone() {
		return nil, errNotServed()
	}
	return c.scope.List(ctx, o)
}

// Watch watches until the reader stops or the resource is withdrawn.
func (c withdrawable) Watch(ctx context.Context, o metav1.ListOptions) (watch.Interface, error) {
	if c.gone() {
		return nil, errNotServed()
	}
	open, err := c.scope.Watch(ctx, o)
	if err != nil {
		return nil, err
	}
	c.w.track(c.gvr, open)
	return open, nil
}

func (c withdrawable) Patch(ctx context.Context, name string, pt types.PatchType, data []byte, o metav1.PatchOptions, sub ...string) (*unstructured.Unstructured, error) {
	if c.gone() {
		return nil, errNotServed()
	}
	return c.scope.Patch(ctx, name, pt, data, o, sub...)
}

func (c withdrawable) Apply(ctx context.Context, name string, u *unstructured.Unstructured, o metav1.ApplyOptions, sub ...string) (*unstructured.Unstructured, error) {
	if c.gone() {
		return nil, errNotServed()
	}
	return c.scope.Apply(ctx, name, u, o, sub...)
}

func (c withdrawable) ApplyStatus(ctx context.Context, name string, u *unstructured.Unstructured, o metav1.ApplyOptions) (*unstructured.Unstructured, error) {
	if c.gone() {
		return nil, errNotServed()
	}
	return c.scope.ApplyStatus(ctx, name, u, o)
}
