// Package argocd reads Argo CD Applications and ApplicationSets through the dynamic client into
// model.App and model.AppSet. It deliberately does not import the Argo CD Go module (see
// docs/adr/0001-stack.md): a few dozen fields are decoded from unstructured objects instead.
package argocd

import "k8s.io/apimachinery/pkg/runtime/schema"

// Group is the Argo CD API group.
const Group = "argoproj.io"

var (
	// ApplicationsGVR is the only served version of Applications (v1alpha1 in Argo CD 2.x and 3.x).
	ApplicationsGVR = schema.GroupVersionResource{Group: Group, Version: "v1alpha1", Resource: "applications"}
	// ApplicationSetsGVR is the ApplicationSet resource.
	ApplicationSetsGVR = schema.GroupVersionResource{Group: Group, Version: "v1alpha1", Resource: "applicationsets"}
)
