package kube

import (
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/decode"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// ProductSpec tells the plumbing what one product watches on a cluster and how its decoded
// objects go into a snapshot.
type ProductSpec struct {
	Product model.Product
	Kinds   []KindSpec
	// Build copies the product's objects into a snapshot under construction. items[i] holds the
	// projections of Kinds[i] (nil when that kind is not served), sorted by namespace/name;
	// their values are read-only, except through Collect.
	Build func(snap *model.ClusterSnapshot, items [][]*Projected)
	// SetState, when set, records the product's source state in the snapshot instead of
	// Sources[Product]: for hub-only sources (governance) that are not per-cluster products.
	SetState func(snap *model.ClusterSnapshot, st model.SourceStatus)
}

// KindSpec is one resource a product watches.
type KindSpec struct {
	Group    string
	Versions []string // served version preference, first match wins
	Resource string
	// Namespace limits the watch to one namespace; "" watches every namespace.
	Namespace string
	// ClusterScoped kinds have no namespace (ClusterSecretStore, PersistentVolume …): a
	// namespace limit (InNamespace) leaves them alone.
	ClusterScoped bool
	// Required kinds decide whether the product is installed: if any is not served, the product
	// is NotInstalled on that cluster and none of its kinds are watched.
	Required bool
	// Decode projects a stripped object into a model value, or a pointer to one (see Collect).
	// It must never panic.
	Decode func(u *unstructured.Unstructured, cluster string) any
}

// InNamespace returns the specs with every namespaced kind limited to namespace (mcgtui
// -n/--namespace); kinds already limited keep their own namespace, cluster-scoped kinds are
// listed whole. An empty namespace returns the specs unchanged.
func InNamespace(specs []ProductSpec, namespace string) []ProductSpec {
	if namespace == "" {
		return specs
	}
	out := make([]ProductSpec, len(specs))
	for i, spec := range specs {
		kinds := make([]KindSpec, len(spec.Kinds))
		for j, k := range spec.Kinds {
			if !k.ClusterScoped && k.Namespace == "" {
				k.Namespace = namespace
			}
			kinds[j] = k
		}
		spec.Kinds = kinds
		out[i] = spec
	}
	return out
}

// Projected is what the stores hold: the object's key plus the decoded model value, instead
// of the whole unstructured map (memory: see docs/adr/0002-projections.md).
type Projected struct {
	Namespace string
	Name      string
	Value     any
}

// GetObjectMeta implements metav1.ObjectMetaAccessor, through which client-go's stores key
// objects (a watch-list's temporary store keys projections). It allocates; the hot paths key
// by the fields directly.
func (p *Projected) GetObjectMeta() metav1.Object {
	return &metav1.ObjectMeta{Namespace: p.Namespace, Name: p.Name}
}

// projectWith returns the store transform for a kind: unstructured objects become
// *Projected, anything already projected passes through (client-go requires idempotence).
// The key's strings are interned, as the decoders' are, so that they share the value's.
func projectWith(kind KindSpec, cluster string) func(any) (any, error) {
	return func(obj any) (any, error) {
		u, ok := obj.(*unstructured.Unstructured)
		if !ok {
			return obj, nil
		}
		return &Projected{
			Namespace: decode.Intern(u.GetNamespace()),
			Name:      decode.Intern(u.GetName()),
			Value:     kind.Decode(u, cluster),
		}, nil
	}
}
