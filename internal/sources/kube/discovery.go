package kube

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
)

// servedResources asks discovery which of the wanted group/versions are served and which
// resources each holds. A group/version the server does not know is simply absent from the
// result; any other failure (unreachable, forbidden) is returned.
func servedResources(disc discovery.DiscoveryInterface, groupVersions []string) (map[string]map[string]bool, error) {
	// One request per group/version, all at once: sequential, their round trips add up,
	// and through cluster-proxy each one crosses one more hop.
	lists := make([]map[string]bool, len(groupVersions))
	errs := make([]error, len(groupVersions))
	var wg sync.WaitGroup
	for i, gv := range groupVersions {
		wg.Go(func() {
			list, err := disc.ServerResourcesForGroupVersion(gv)
			if err != nil {
				if !apierrors.IsNotFound(err) && !isDiscoveryNotFound(err) {
					errs[i] = err
				}
				return
			}
			names := make(map[string]bool, len(list.APIResources))
			for _, r := range list.APIResources {
				names[r.Name] = true
			}
			lists[i] = names
		})
	}
	wg.Wait()
	served := make(map[string]map[string]bool, len(groupVersions))
	for i, gv := range groupVersions {
		if errs[i] != nil {
			return nil, errs[i] // the first in order: the same error for the same failure
		}
		if lists[i] != nil {
			served[gv] = lists[i]
		}
	}
	return served, nil
}

// isDiscoveryNotFound covers client-go's fake discovery, which reports an unknown group/version
// with a plain error rather than an API 404.
func isDiscoveryNotFound(err error) bool {
	return strings.Contains(err.Error(), "not found") || strings.Contains(err.Error(), "could not find")
}

// wantedGroupVersions lists every group/version the products could use, sorted.
func wantedGroupVersions(specs []ProductSpec) []string {
	set := map[string]bool{}
	for _, p := range specs {
		for _, k := range p.Kinds {
			for _, v := range k.Versions {
				set[schema.GroupVersion{Group: k.Group, Version: v}.String()] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for gv := range set {
		out = append(out, gv)
	}
	sort.Strings(out)
	return out
}

// resolveKind returns the first served version of a kind, or false.
func resolveKind(k KindSpec, served map[string]map[string]bool) (schema.GroupVersionResource, bool) {
	for _, v := range k.Versions {
		gv := schema.GroupVersion{Group: k.Group, Version: v}
		if served[gv.String()][k.Resource] {
			return gv.WithResource(k.Resource), true
		}
	}
	return schema.GroupVersionResource{}, false
}

// notInstalledReason names the first required kind that is not served.
func notInstalledReason(spec ProductSpec, served map[string]map[string]bool) (string, bool) {
	for _, k := range spec.Kinds {
		if !k.Required {
			continue
		}
		if _, ok := resolveKind(k, served); !ok {
			group := k.Group
			if group == "" {
				group = "core"
			}
			return fmt.Sprintf("%s.%s not served (CRD not installed)", k.Resource, group), true
		}
	}
	return "", false
}

// Served reports whether one resource is served, for callers outside the product specs (the
// fleet manager asks whether a context is an ACM hub).
func Served(disc discovery.DiscoveryInterface, gvr schema.GroupVersionResource) (bool, error) {
	served, err := servedResources(disc, []string{gvr.GroupVersion().String()})
	if err != nil {
		return false, err
	}
	return served[gvr.GroupVersion().String()][gvr.Resource], nil
}
