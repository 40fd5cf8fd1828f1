package demo

import (
	"context"
	"net/http"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/dynamic"
)

// notServed is the dynamic resource client for a resource the cluster does not serve: every
// call fails the way the API server answers an unknown path. The fake dynamic client would
// instead panic on List or return an empty result.
type notServed struct{}

var _ dynamic.NamespaceableResourceInterface = notServed{}

func errNotServed() error {
	return &apierrors.StatusError{ErrStatus: metav1.Status{
		Status: metav1.StatusFailure, Code: http.StatusNotFound, Reason: metav1.StatusReasonNotFound,
		Message: "the server could not find the requested resource",
	}}
}

// Namespace returns the same not-served client.
func (n notServed) Namespace(string) dynamic.ResourceInterface { return n }

// Create fails with NotFound.
func (notServed) Create(context.Context, *unstructured.Unstructured, metav1.CreateOptions, ...string) (*unstructured.Unstructured, error) {
	return nil, errNotServed()
}

// Update fails with NotFound.
func (notServed) Update(context.Context, *unstructured.Unstructured, metav1.UpdateOptions, ...string) (*unstructured.Unstructured, error) {
	return nil, errNotServed()
}

// UpdateStatus fails with NotFound.
func (notServed) UpdateStatus(context.Context, *unstructured.Unstructured, metav1.UpdateOptions) (*unstructured.Unstructured, error) {
	return nil, errNotServed()
}

// Delete fails with NotFound.
func (notServed) Delete(context.Context, string, metav1.DeleteOptions, ...string) error {
	return errNotServed()
}

// DeleteCollection fails with NotFound.
func (notServed) DeleteCollection(context.Context, metav1.DeleteOptions, metav1.ListOptions) error {
	return errNotServed()
}

// Get fails with NotFound.
func (notServed) Get(context.Context, string, metav1.GetOptions, ...string) (*unstructured.Unstructured, error) {
	return nil, errNotServed()
}

// List fails with NotFound.
func (notServed) List(context.Context, metav1.ListOptions) (*unstructured.UnstructuredList, error) {
	return nil, errNotServed()
}

// Watch fails with NotFound.
func (notServed) Watch(context.Context, metav1.ListOptions) (watch.Interface, error) {
	return nil, errNotServed()
}

// Patch fails with NotFound.
func (notServed) Patch(context.Context, string, types.PatchType, []byte, metav1.PatchOptions, ...string) (*unstructured.Unstructured, error) {
	return nil, errNotServed()
}

// Apply fails with NotFound.
func (notServed) Apply(context.Context, string, *unstructured.Unstructured, metav1.ApplyOptions, ...string) (*unstructured.Unstructured, error) {
	return nil, errNotServed()
}

// ApplyStatus fails with NotFound.
func (notServed) ApplyStatus(context.Context, string, *unstructured.Unstructured, metav1.ApplyOptions) (*unstructured.Unstructured, error) {
	return nil, errNotServed()
}
