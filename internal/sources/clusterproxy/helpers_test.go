package clusterproxy

import (
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	k8sschema "k8s.io/apimachinery/pkg/runtime/schema"
)

type gvr = k8sschema.GroupVersionResource

func apierrorsForbidden() error {
	return apierrors.NewForbidden(k8sschema.GroupResource{Group: "addon.open-cluster-management.io", Resource: "managedclusteraddons"}, "", nil)
}
