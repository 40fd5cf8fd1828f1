package demo

import (
	"context"
	"errors"
	"slices"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	clusterv1 "open-cluster-management.io/api/cluster/v1"
)

// badCommitApp is the child app of the spokes' app-of-apps that the bad-commit incident breaks.
const badCommitApp = "hello-world"

// injectClusterLost stops a managed cluster's lease (Available Unknown, the unreachable taint)
// and makes the hub's app that deploys to it fail to compare, as Argo CD does when it cannot
// reach the cluster: sync and health Unknown, a ComparisonError.
func (s *Simulator) injectClusterLost(ctx context.Context) (*incident, []Change, error) {
	hubApp := func(c string) string { return "guestbook-" + c }
	clusters := s.pickClusters(1, func(c string) bool {
		u, _ := s.findApp(ctx, s.hub, hubApp(c))
		return u != nil
	})
	if len(clusters) == 0 {
		return nil, nil, errors.New("cluster-lost: no managed cluster with a hub app to lose")
	}
	c := clusters[0]
	mcRef := objRef{cluster: s.hub, gvr: managedClusterResource.gvr, name: c}
	changes, err := s.updateManagedCluster(ctx, c, "lease stopped, Available Unknown", func(mc *clusterv1.ManagedCluster) {
		setLeaseStopped(mc, s.clock())
	})
	errs := []error{err}
	s.hold(mcRef, true)
	u, err := s.findApp(ctx, s.hub, hubApp(c))
	errs = append(errs, err)
	var appRef objRef
	if u != nil {
		appRef = objRef{cluster: s.hub, gvr: appsGVR, namespace: u.GetNamespace(), name: u.GetName()}
		msg := `Failed to load live state: failed to get cluster info for "` + APIServer(c) + `": error synchronizing cache state : ` +
			`failed to sync cluster ` + APIServer(c) + `: failed to load initial state of resource Deployment.apps: ` +
			`Get "` + APIServer(c) + `/apis/apps/v1/deployments?limit=500": dial tcp 10.0.32.7:6443: i/o timeout`
		wrote, err := s.modify(ctx, appRef, false, func(u *unstructured.Unstructured) bool {
			st := appStatus(u)
			child(st, "sync")["status"] = "Unknown"
			st["health"] = m{"status": "Unknown", "lastTransitionTime": stamp(s.clock())}
			st["conditions"] = []any{m{"type": "ComparisonError", "message": msg, "lastTransitionTime": stamp(s.clock())}}
			return true
		})
		errs = append(errs, err)
		if wrote {
			s.hold(appRef, true)
			changes = append(changes, appRef.change("Application", "ComparisonError: cluster unreachable"))
		}
	}
	in := &incident{clusters: clusters}
	in.heal = func(ctx context.Context) ([]Change, error) {
		changes, err := s.updateManagedCluster(ctx, c, "lease renewed, Available", func(mc *clusterv1.ManagedCluster) {
			setLeaseRenewed(mc, s.clock())
		})
		errs := []error{err}
		s.hold(mcRef, false)
		if appRef.name != "" {
			// The cluster answers again: the next comparison succeeds.
			wrote, err := s.modify(ctx, appRef, false, func(u *unstructured.Unstructured) bool {
				st := appStatus(u)
				child(st, "sync")["status"] = "Synced"
				st["health"] = m{"status": "Healthy", "lastTransitionTime": stamp(s.clock())}
				st["reconciledAt"] = stamp(s.clock())
				delete(st, "conditions")
				return true
			})
			errs = append(errs, err)
			if wrote {
				s.hold(appRef, false)
				changes = append(changes, appRef.change("Application", "compared: Synced, Healthy"))
			}
		}
		return changes, errors.Join(errs...)
	}
	return in, changes, errors.Join(errs...)
}

// injectBadCommit moves hello-world's Git revision on one cluster to a commit whose Deployment
// the API server rejects: the automated sync fails after its retries (OutOfSync, Degraded, a
// SyncError), and the app-of-apps parent, which records its children's health, turns
// Degraded. Syncing again fails too, until the commit is reverted (Heal); then the automated
// sync, or a sync from the dashboard, brings it back.
func (s *Simulator) injectBadCommit(ctx context.Context) (*incident, []Change, error) {
	var app *unstructured.Unstructured
	clusters := s.pickClusters(1, func(c string) bool {
		u, _ := s.findApp(ctx, c, badCommitApp)
		sync, _, _ := unstructured.NestedString(appStatusOrNil(u), "sync", "status")
		if u == nil || sync != "Synced" || !automated(u) || !s.recordsResourceHealth(ctx, c) {
			return false
		}
		app = u
		return true
	})
	if len(clusters) == 0 {
		return nil, nil, errors.New("bad-commit: no cluster with a synced, automated " + badCommitApp + " app")
	}
	ref := objRef{cluster: clusters[0], gvr: appsGVR, namespace: app.GetNamespace(), name: app.GetName()}
	s.inFlight = slices.DeleteFunc(s.inFlight, func(a *appSync) bool { return a.ref == ref })
	s.broken[ref] = true
	s.hold(ref, true)
	bad, now := gitRevision(s.r), s.clock()
	wrote, err := s.modify(ctx, ref, false, func(u *unstructured.Unstructured) bool {
		driftApp(u, bad, now)
		st := appStatus(u)
		op := m{"initiatedBy": m{"automated": true}, "sync": m{"revision": bad, "prune": true},
			"retry": m{"limit": int64(failedSyncRetries)}}
		beginOperation(u, op, now.Add(-85e9), true)
		failOperation(u, st, child(st, "operationState"), now)
		for _, res := range resourcesOf(st) {
			if res["kind"] == "Deployment" {
				if _, ok := res["health"].(m); ok {
					res["health"] = healthOf("Degraded", `Deployment "`+u.GetName()+`" exceeded its progress deadline`)
				}
			}
		}
		return true
	})
	var changes []Change
	if wrote {
		changes = append(changes, ref.change("Application", "bad commit "+bad[:7]+": sync failed, Degraded"))
	}
	in := &incident{clusters: clusters}
	in.heal = func(ctx context.Context) ([]Change, error) {
		// Git reverts the commit: syncs succeed again; the automated policy syncs the app.
		delete(s.broken, ref)
		s.hold(ref, false)
		revert := gitRevision(s.r)
		wrote, err := s.modify(ctx, ref, false, func(u *unstructured.Unstructured) bool {
			child(appStatus(u), "sync")["revision"] = revert
			return true
		})
		if !wrote {
			return nil, err
		}
		if !slices.ContainsFunc(s.inFlight, func(a *appSync) bool { return a.ref == ref }) && !s.requested(ref) {
			s.inFlight = append(s.inFlight, &appSync{ref: ref, wait: 1})
		}
		return []Change{ref.change("Application", "commit reverted: "+revert[:7])}, err
	}
	return in, changes, err
}

// appStatusOrNil returns u's status map, or nil.
func appStatusOrNil(u *unstructured.Unstructured) m {
	if u == nil {
		return nil
	}
	st, _ := u.Object["status"].(m)
	return st
}
