package demo

import (
	"context"
	"errors"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// vaultOutageClusters is how many clusters lose their Vault store in the vault-outage incident.
const vaultOutageClusters = 3

// injectVaultOutage makes the vault-backend ClusterSecretStore fail validation on three
// clusters, as ESO reports a provider it cannot log in to (the detail goes to an Event), and
// fails the ExternalSecrets that use it (SecretSyncedError), which ESO does on their next
// reconcile. Argo CD's health assessment then turns the apps managing them Degraded.
func (s *Simulator) injectVaultOutage(ctx context.Context) (*incident, []Change, error) {
	clusters := s.pickClusters(vaultOutageClusters, func(c string) bool {
		return s.storeReady(ctx, c, s.eso[c][0], "ClusterSecretStore", vaultStoreName, "") && s.recordsResourceHealth(ctx, c)
	})
	if len(clusters) == 0 {
		return nil, nil, errors.New("vault-outage: no cluster with a working vault-backend store")
	}
	now := s.clock()
	var changes []Change
	var errs []error
	var failed []objRef
	for _, c := range clusters {
		ch, err := s.setStoreReady(ctx, c, false)
		changes, errs = append(changes, ch...), append(errs, err)
		refs, err := s.secretsOfStore(ctx, c, vaultStoreName)
		errs = append(errs, err)
		for _, ref := range refs {
			wrote, err := s.modifyAllVersions(ctx, ref, func(u *unstructured.Unstructured) bool {
				setCondition(u, condition("Ready", "False", "SecretSyncedError", msgSecretDataFailed, now))
				return true
			})
			errs = append(errs, err)
			if wrote {
				s.hold(ref, true)
				failed = append(failed, ref)
				changes = append(changes, ref.change("ExternalSecret", "SecretSyncedError: store vault-backend not valid"))
			}
		}
	}
	in := &incident{clusters: clusters}
	in.heal = func(ctx context.Context) ([]Change, error) {
		var changes []Change
		var errs []error
		for _, c := range clusters {
			ch, err := s.setStoreReady(ctx, c, true)
			changes, errs = append(changes, ch...), append(errs, err)
		}
		// ESO retries the failed secrets: they sync at the next step, or now through force-sync.
		s.inc.retry = append(s.inc.retry, failed...)
		return changes, errors.Join(errs...)
	}
	return in, changes, errors.Join(errs...)
}

// setStoreReady validates (or fails) the cluster's vault-backend store at every served version.
func (s *Simulator) setStoreReady(ctx context.Context, cluster string, ok bool) ([]Change, error) {
	now := s.clock()
	cond, what := condition("Ready", "True", "Valid", msgStoreValidated, now), "store validated"
	if !ok {
		cond, what = condition("Ready", "False", "InvalidProviderConfig", msgStoreClientFailed, now), "InvalidProviderConfig"
	}
	ref := objRef{cluster: cluster, gvr: gvr(esoGroup, "", "clustersecretstores"), name: vaultStoreName}
	wrote, err := s.modifyAllVersions(ctx, ref, func(u *unstructured.Unstructured) bool {
		setCondition(u, cond)
		return true
	})
	if !wrote {
		return nil, err
	}
	return []Change{ref.change("ClusterSecretStore", what)}, err
}

// secretsOfStore lists the ExternalSecrets of a cluster that read from a ClusterSecretStore.
func (s *Simulator) secretsOfStore(ctx context.Context, cluster, store string) ([]objRef, error) {
	conn := s.conns[cluster]
	list, err := conn.Dynamic.Resource(gvr(esoGroup, s.eso[cluster][0], "externalsecrets")).List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, err
	}
	var out []objRef
	for _, u := range list.Items {
		kind, _, _ := unstructured.NestedString(u.Object, "spec", "secretStoreRef", "kind")
		name, _, _ := unstructured.NestedString(u.Object, "spec", "secretStoreRef", "name")
		if kind == "ClusterSecretStore" && name == store {
			out = append(out, objRef{cluster: cluster, gvr: gvr(esoGroup, "", "externalsecrets"), namespace: u.GetNamespace(), name: u.GetName()})
		}
	}
	return out, nil
}

// modifyAllVersions changes an ESO object's status at every version the cluster serves, as an
// API server's conversion would show it. ref's version is ignored.
func (s *Simulator) modifyAllVersions(ctx context.Context, ref objRef, change func(*unstructured.Unstructured) bool) (bool, error) {
	wroteAny := false
	var errs []error
	for _, v := range s.eso[ref.cluster] {
		at := ref
		at.gvr.Version = v
		wrote, err := s.modify(ctx, at, true, change)
		wroteAny = wroteAny || wrote
		errs = append(errs, err)
	}
	return wroteAny, errors.Join(errs...)
}

// setCondition replaces (or adds) the condition of c's type in status.conditions.
func setCondition(u *unstructured.Unstructured, c m) {
	st := appStatus(u)
	conds, _ := st["conditions"].([]any)
	for i, old := range conds {
		if om, ok := old.(m); ok && om["type"] == c["type"] {
			conds[i] = c
			st["conditions"] = conds
			return
		}
	}
	st["conditions"] = append(conds, c)
}

// markReady records a successful sync in an ExternalSecret's Ready condition when it was not
// Ready (ESO moves lastTransitionTime only when the status changes).
func markReady(u *unstructured.Unstructured, now time.Time) {
	conds, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
	for _, c := range conds {
		if cm, ok := c.(m); ok && cm["type"] == "Ready" && cm["status"] == "True" {
			return
		}
	}
	setCondition(u, condition("Ready", "True", "SecretSynced", msgSecretSynced, now))
}
