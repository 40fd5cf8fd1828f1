package kube

import (
	"github.com/mcgtui/mcgtui/internal/model"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// ProductSpec tells the plumbing what one product watches on a cluster and how its decoded
// objects go into a snapshot.
type ProductSpec struct {
	Product model.Product
	Kinds   []KindSpec
	// Build copies the product's objects into a snapshot under construction. items[i] holds the
	// decoded values of Kinds[i] (nil when that kind is not served), sorted by namespace/name.
	Build func(snap *model.ClusterSnapshot, items [][]any)
}

// KindSpec is one resource a product watches.
type KindSpec struct {
	Group    string
	Versions []string // served version preference, first match wins
	Resource string
	// Namespace limits the watch to one namespace; "" watches every namespace.
	Namespace string
	// Required kinds decide whether the product is installed: if any is not served, the product
	// is NotInstalled on that cluster and none of its kinds are watched.
	Required bool
	// Decode projects a stripped object into a model value. It must never panic.
	Decode func(u *unstructured.Unstructured, cluster string) any
}

// Projected is what the informer stores hold: the object's key fields plus the decoded model
// value, instead of the whole unstructured map (memory: see docs/adr/0002-projections.md).
// It implements runtime.Object and the metadata accessor that client-go's stores key by.
type Projected struct {
	metav1.ObjectMeta
	Value any
}

// GetObjectKind implements runtime.Object; projections carry no type metadata.
func (p *Projected) GetObjectKind() schema.ObjectKind { return schema.EmptyObjectKind }

// DeepCopyObject implements runtime.Object. Value is immutable once decoded, so a shallow
// copy of it is a deep copy for every reader.
func (p *Projected) DeepCopyObject() runtime.Object {
	c := *p
	p.ObjectMeta.DeepCopyInto(&c.ObjectMeta)
	return &c
}

// projectWith returns the informer transform for a kind: unstructured objects become
// *Projected, anything already projected passes through (client-go requires idempotence).
func projectWith(kind KindSpec, cluster string) func(any) (any, error) {
	return func(obj any) (any, error) {
		u, ok := obj.(*unstructured.Unstructured)
		if !ok {
			return obj, nil
		}
		return &Projected{
			ObjectMeta: metav1.ObjectMeta{
				Name:            u.GetName(),
				Namespace:       u.GetNamespace(),
				UID:             u.GetUID(),
				ResourceVersion: u.GetResourceVersion(),
			},
			Value: kind.Decode(u, cluster),
		}, nil
	}
}
