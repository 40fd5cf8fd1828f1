package demo

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// reactForceSync answers a new force-sync annotation the way the ESO controllers do: they see
// the object's metadata differ from the one they last synced (status.syncedResourceVersion)
// and sync at once. An ExternalSecret or PushSecret whose store is not Ready fails as before
// and keeps its status; a ClusterExternalSecret passes the request on to the ExternalSecrets
// it provisioned.
func (s *Simulator) reactForceSync(ctx context.Context, ref objRef) ([]Change, error) {
	u, err := s.get(ctx, ref)
	if err != nil {
		return nil, err
	}
	annotation := forceSyncAnnotationOf(ref.gvr.Resource)
	value := u.GetAnnotations()[annotation]
	id := ref
	id.gvr.Version = ""
	if value == "" || s.forced[id] == value {
		return nil, nil // already handled, at this version or another
	}
	s.forced[id] = value
	// The API server converts between served versions: the annotation is on every copy.
	if err := s.mirrorAnnotation(ctx, ref, annotation, value); err != nil {
		return nil, err
	}
	switch ref.gvr.Resource {
	case "externalsecrets":
		c, err := s.syncSecret(ctx, ref.cluster, ref.namespace, ref.name)
		return []Change{c}, err
	case "clusterexternalsecrets":
		changes := []Change{ref.change("ClusterExternalSecret", "force-sync passed on")}
		name, _, _ := unstructured.NestedString(u.Object, "spec", "externalSecretName")
		namespaces, _, _ := unstructured.NestedStringSlice(u.Object, "status", "provisionedNamespaces")
		var errs []error
		for _, ns := range namespaces {
			c, err := s.syncSecret(ctx, ref.cluster, ns, name)
			changes = append(changes, c)
			errs = append(errs, err)
		}
		return changes, errors.Join(errs...)
	case "pushsecrets":
		c, err := s.syncPushSecret(ctx, ref, u)
		return []Change{c}, err
	}
	return nil, nil
}

// mirrorAnnotation sets an annotation on the copies of ref's object at the other served
// versions.
func (s *Simulator) mirrorAnnotation(ctx context.Context, ref objRef, key, value string) error {
	if ref.gvr.Resource == "pushsecrets" {
		return nil // served at one version only
	}
	var errs []error
	for _, v := range s.eso[ref.cluster] {
		if v == ref.gvr.Version {
			continue
		}
		other := ref
		other.gvr.Version = v
		_, err := s.modify(ctx, other, false, func(u *unstructured.Unstructured) bool {
			ann := u.GetAnnotations()
			if ann[key] == value {
				return false
			}
			if ann == nil {
				ann = map[string]string{}
			}
			ann[key] = value
			u.SetAnnotations(ann)
			return true
		})
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// syncSecret syncs an ExternalSecret now, at every served version: refreshTime and
// syncedResourceVersion move on (the Ready condition keeps its lastTransitionTime, as ESO
// changes it only when the status changes). When its store is not Ready the sync fails and
// the status stays as it is: Ready False, SecretSyncedError.
func (s *Simulator) syncSecret(ctx context.Context, cluster, namespace, name string) (Change, error) {
	versions := s.eso[cluster]
	ref := objRef{cluster: cluster, gvr: gvr(esoGroup, versions[0], "externalsecrets"), namespace: namespace, name: name}
	kind := "ExternalSecret"
	u, err := s.get(ctx, ref)
	if err != nil {
		return ref.change(kind, "force-sync failed"), err
	}
	storeKind, _, _ := unstructured.NestedString(u.Object, "spec", "secretStoreRef", "kind")
	storeName, _, _ := unstructured.NestedString(u.Object, "spec", "secretStoreRef", "name")
	if !s.storeReady(ctx, cluster, versions[0], storeKind, storeName, namespace) {
		return ref.change(kind, "force-sync failed: store "+storeName+" not ready"), nil
	}
	now := s.clock()
	var errs []error
	for _, v := range versions {
		at := ref
		at.gvr.Version = v
		_, err := s.modify(ctx, at, true, func(u *unstructured.Unstructured) bool {
			markReady(u, now) // a secret that failed while its store was down recovers
			return markSynced(u, now)
		})
		errs = append(errs, err)
	}
	for _, sec := range s.secrets {
		if sec.ref.cluster == cluster && sec.ref.namespace == namespace && sec.ref.name == name {
			sec.due = now.Add(sec.interval)
		}
	}
	return ref.change(kind, "force-synced"), errors.Join(errs...)
}

// syncPushSecret pushes a PushSecret now, unless its store is not Ready.
func (s *Simulator) syncPushSecret(ctx context.Context, ref objRef, u *unstructured.Unstructured) (Change, error) {
	refs, _, _ := unstructured.NestedSlice(u.Object, "spec", "secretStoreRefs")
	for _, r := range refs {
		r, _ := r.(m)
		kind, _ := r["kind"].(string)
		name, _ := r["name"].(string)
		if !s.storeReady(ctx, ref.cluster, s.eso[ref.cluster][0], kind, name, ref.namespace) {
			return ref.change("PushSecret", "force-sync failed: store "+name+" not ready"), nil
		}
	}
	now := s.clock()
	_, err := s.modify(ctx, ref, true, func(u *unstructured.Unstructured) bool { return markSynced(u, now) })
	return ref.change("PushSecret", "force-synced"), err
}

// storeReady reports whether a SecretStore (in namespace) or ClusterSecretStore is Ready.
func (s *Simulator) storeReady(ctx context.Context, cluster, version, kind, name, namespace string) bool {
	ref := objRef{cluster: cluster, gvr: gvr(esoGroup, version, "secretstores"), namespace: namespace, name: name}
	if kind == "ClusterSecretStore" {
		ref.gvr.Resource, ref.namespace = "clustersecretstores", ""
	}
	store, err := s.get(ctx, ref)
	if err != nil {
		return false
	}
	conds, _, _ := unstructured.NestedSlice(store.Object, "status", "conditions")
	for _, c := range conds {
		if c, ok := c.(m); ok && c["type"] == "Ready" {
			return c["status"] == "True"
		}
	}
	return false
}

// markSynced records a sync at now: refreshTime and the synced metadata version.
func markSynced(u *unstructured.Unstructured, now time.Time) bool {
	st := appStatus(u)
	st["refreshTime"] = stamp(now)
	st["syncedResourceVersion"] = syncedResourceVersion(u)
	return true
}

// syncedResourceVersion is ESO's record of the object it synced: the generation and a hash of
// the labels and annotations, so that a changed annotation (force-sync) triggers a sync.
func syncedResourceVersion(u *unstructured.Unstructured) string {
	meta, _ := json.Marshal(map[string]any{"annotations": u.GetAnnotations(), "labels": u.GetLabels()})
	return fmt.Sprintf("%d-%x", u.GetGeneration(), sha256.Sum224(meta))
}
