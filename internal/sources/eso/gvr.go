// Package eso reads External Secrets Operator objects (ExternalSecret, ClusterExternalSecret,
// PushSecret, SecretStore, ClusterSecretStore) into model types. It reads their status only and
// never a Secret: mcgtui needs no Secret read access.
package eso

import "k8s.io/apimachinery/pkg/runtime/schema"

// Group is the ESO API group.
const Group = "external-secrets.io"

// Versions lists the versions tried for ExternalSecret, ClusterExternalSecret, SecretStore and
// ClusterSecretStore, preferred first: v1 (ESO ≥ 0.16), else v1beta1 (older releases).
var Versions = []string{"v1", "v1beta1"}

// Resource names of the ESO kinds mcgtui watches.
const (
	ExternalSecrets        = "externalsecrets"
	ClusterExternalSecrets = "clusterexternalsecrets"
	PushSecrets            = "pushsecrets"
	SecretStores           = "secretstores"
	ClusterSecretStores    = "clustersecretstores"
)

// PushSecretVersion is the only served version of PushSecret and ClusterPushSecret.
const PushSecretVersion = "v1alpha1"

// GVR returns the resource at a version.
func GVR(version, resource string) schema.GroupVersionResource {
	return schema.GroupVersionResource{Group: Group, Version: version, Resource: resource}
}
