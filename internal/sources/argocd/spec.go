package argocd

import (
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/kube"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// Spec is what the plumbing watches for Argo CD: Applications (required) and ApplicationSets,
// in every namespace (Argo CD ≥ 2.5 allows apps outside its control-plane namespace) unless
// namespace names one.
func Spec(namespace string) kube.ProductSpec {
	return kube.ProductSpec{
		Product: model.ProductArgoCD,
		Kinds: []kube.KindSpec{
			{Group: Group, Versions: []string{"v1alpha1"}, Resource: "applications", Namespace: namespace, Required: true,
				Decode: func(u *unstructured.Unstructured, cluster string) any { a := DecodeApplication(u, cluster); return &a },
				DecodeJSON: func(data []byte, cluster string) (any, kube.WireKey, bool) {
					a, ok := DecodeApplicationJSON(data, cluster)
					if !ok {
						return nil, kube.WireKey{}, false
					}
					return &a, kube.WireKey{Namespace: a.Namespace, Name: a.Name, ResourceVersion: a.ResourceVersion}, true
				}},
			{Group: Group, Versions: []string{"v1alpha1"}, Resource: "applicationsets", Namespace: namespace,
				Decode: func(u *unstructured.Unstructured, cluster string) any {
					s := DecodeApplicationSet(u, cluster)
					return &s
				}},
		},
		Build: func(snap *model.ClusterSnapshot, items [][]*kube.Projected) {
			snap.Apps = kube.Collect[model.App](items[0])
			snap.AppSets = kube.Collect[model.AppSet](items[1])
		},
	}
}
