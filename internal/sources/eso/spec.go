package eso

import (
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/kube"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// Spec is what the plumbing watches for ESO. ExternalSecrets are required (they tell that ESO
// is installed); the other kinds are watched where served. Secrets themselves never are.
func Spec() kube.ProductSpec {
	secret := func(u *unstructured.Unstructured, cluster string) any {
		e := DecodeExternalSecret(u, cluster)
		return &e
	}
	store := func(u *unstructured.Unstructured, cluster string) any { s := DecodeSecretStore(u, cluster); return &s }
	return kube.ProductSpec{
		Product: model.ProductESO,
		Kinds: []kube.KindSpec{
			{Group: Group, Versions: Versions, Resource: ExternalSecrets, Required: true, Decode: secret},
			{Group: Group, Versions: Versions, Resource: ClusterExternalSecrets, ClusterScoped: true, Decode: secret},
			{Group: Group, Versions: []string{PushSecretVersion}, Resource: PushSecrets, Decode: secret},
			{Group: Group, Versions: Versions, Resource: SecretStores, Decode: store},
			{Group: Group, Versions: Versions, Resource: ClusterSecretStores, ClusterScoped: true, Decode: store},
		},
		Build: func(snap *model.ClusterSnapshot, items [][]*kube.Projected) {
			snap.Secrets = kube.Collect[model.ExternalSecret](items[0], items[1], items[2])
			snap.Stores = kube.Collect[model.SecretStore](items[3], items[4])
		},
	}
}
