package demo

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	clusterv1 "open-cluster-management.io/api/cluster/v1"
)

// clock returns the current time at whole seconds, as the API server stores times.
func (s *Simulator) clock() time.Time { return s.now().UTC().Truncate(time.Second) }

func (r objRef) change(kind, what string) Change {
	return Change{Cluster: r.cluster, Kind: kind, Namespace: r.namespace, Name: r.name, What: what}
}

// stepApps moves the apps in flight one stage on (OutOfSync → sync Running → Synced) and
// sometimes lets Git move on under a synced app.
func (s *Simulator) stepApps(ctx context.Context) ([]Change, error) {
	now := s.clock()
	var changes []Change
	var errs []error
	kept := s.inFlight[:0]
	for _, a := range s.inFlight {
		if a.wait > 0 || s.isHeld(a.ref) {
			a.wait--
			kept = append(kept, a)
			continue
		}
		if !a.running {
			wrote, err := s.modify(ctx, a.ref, false, func(u *unstructured.Unstructured) bool {
				rev, _, _ := unstructured.NestedString(u.Object, "status", "sync", "revision")
				startSync(u, rev, now)
				return true
			})
			if wrote {
				changes = append(changes, a.ref.change("Application", "sync running"))
			}
			if err != nil {
				errs = append(errs, err)
			}
			a.running, a.wait = true, 1+s.r.IntN(3)
			kept = append(kept, a)
			continue
		}
		wrote, err := s.modify(ctx, a.ref, false, func(u *unstructured.Unstructured) bool {
			finishSync(u, now)
			return true
		})
		if wrote {
			changes = append(changes, a.ref.change("Application", "synced"))
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	s.inFlight = kept

	if len(s.apps) == 0 || len(s.inFlight) >= maxAppsInFlight || s.r.IntN(3) != 0 {
		return changes, errors.Join(errs...)
	}
	ref := s.apps[s.r.IntN(len(s.apps))]
	rev := gitRevision(s.r)
	wait := 1 + s.r.IntN(3)
	if slices.ContainsFunc(s.inFlight, func(a *appSync) bool { return a.ref == ref }) || s.requested(ref) || s.isHeld(ref) {
		return changes, errors.Join(errs...)
	}
	auto := false
	wrote, err := s.modify(ctx, ref, false, func(u *unstructured.Unstructured) bool {
		if st, _, _ := unstructured.NestedString(u.Object, "status", "sync", "status"); st != "Synced" {
			return false
		}
		if phase, _, _ := unstructured.NestedString(u.Object, "status", "operationState", "phase"); phase == "Running" {
			return false
		}
		auto = automated(u)
		driftApp(u, rev, now)
		return true
	})
	if wrote {
		if auto { // a manual sync policy leaves the app OutOfSync until somebody syncs it
			s.inFlight = append(s.inFlight, &appSync{ref: ref, wait: wait})
		}
		changes = append(changes, ref.change("Application", "OutOfSync: Git moved to "+rev[:7]))
	}
	if err != nil {
		errs = append(errs, err)
	}
	return changes, errors.Join(errs...)
}

// stepSecrets refreshes the ExternalSecrets that are due, at every served version.
func (s *Simulator) stepSecrets(ctx context.Context) ([]Change, error) {
	now := s.clock()
	var changes []Change
	var errs []error
	for _, sec := range s.secrets {
		if len(changes) >= maxRefreshesPerStep {
			break
		}
		if now.Before(sec.due) || s.isHeld(sec.ref) {
			continue
		}
		sec.due = now.Add(sec.interval)
		wroteAny := false
		for _, v := range s.eso[sec.ref.cluster] {
			ref := sec.ref
			ref.gvr.Version = v
			wrote, err := s.modify(ctx, ref, true, func(u *unstructured.Unstructured) bool {
				return unstructured.SetNestedField(u.Object, stamp(now), "status", "refreshTime") == nil
			})
			wroteAny = wroteAny || wrote
			if err != nil {
				errs = append(errs, err)
			}
		}
		if wroteAny {
			changes = append(changes, sec.ref.change("ExternalSecret", "refreshed"))
		}
	}
	return changes, errors.Join(errs...)
}

// stepNodes writes a little more data to one Portworx node, up to 90% of its capacity.
func (s *Simulator) stepNodes(ctx context.Context) ([]Change, error) {
	if len(s.nodes) == 0 {
		return nil, nil
	}
	ref := s.nodes[s.r.IntN(len(s.nodes))]
	grow := int64(256 + s.r.IntN(2048)) // MiB
	if s.isHeld(ref) {
		return nil, nil
	}
	var used string
	wrote, err := s.modify(ctx, ref, true, func(u *unstructured.Unstructured) bool {
		usedRaw, _, _ := unstructured.NestedString(u.Object, "status", "storage", "usedSize")
		totalRaw, _, _ := unstructured.NestedString(u.Object, "status", "storage", "totalSize")
		usedQ, err1 := resource.ParseQuantity(usedRaw)
		totalQ, err2 := resource.ParseQuantity(totalRaw)
		if err1 != nil || err2 != nil {
			return false
		}
		mi := usedQ.Value()>>20 + grow
		if mi<<20 > totalQ.Value()/10*9 {
			return false
		}
		used = strconv.FormatInt(mi, 10) + "Mi"
		return unstructured.SetNestedField(u.Object, used, "status", "storage", "usedSize") == nil
	})
	if wrote {
		return []Change{ref.change("StorageNode", "storage used "+used)}, nil
	}
	return nil, err
}

// stepLease sometimes lets a managed cluster's lease lapse, and renews it a few steps later.
func (s *Simulator) stepLease(ctx context.Context) ([]Change, error) {
	if s.flap != nil {
		if s.flap.wait--; s.flap.wait > 0 {
			return nil, nil
		}
		name := s.flap.cluster
		s.flap = nil
		return s.updateManagedCluster(ctx, name, "lease renewed, Available", func(mc *clusterv1.ManagedCluster) {
			setLeaseRenewed(mc, s.clock())
		})
	}
	if len(s.clusters) == 0 || s.r.IntN(leaseFlapOdds) != 0 {
		return nil, nil
	}
	name := s.clusters[s.r.IntN(len(s.clusters))]
	if s.clusterHeld(name) || s.touchedByActive(name) {
		return nil, nil // an incident tells its own story there
	}
	s.flap = &leaseFlap{cluster: name, wait: 3 + s.r.IntN(6)}
	return s.updateManagedCluster(ctx, name, "lease stopped, Available Unknown", func(mc *clusterv1.ManagedCluster) {
		setLeaseStopped(mc, s.clock())
	})
}

// updateManagedCluster changes a ManagedCluster through the hub's typed OCM client (spec and
// labels, then status) and mirrors it into the hub's dynamic client.
func (s *Simulator) updateManagedCluster(ctx context.Context, name, what string, change func(*clusterv1.ManagedCluster)) ([]Change, error) {
	hub, ok := s.conns[s.hub]
	if !ok || hub.OCM == nil {
		return nil, errors.New("demo: no hub connection")
	}
	client := hub.OCM.ClusterV1().ManagedClusters()
	mc, err := client.Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return nil, err
	}
	change(mc)
	mc.ResourceVersion = s.nextRV()
	if mc, err = client.Update(ctx, mc, metav1.UpdateOptions{}); err != nil {
		return nil, err
	}
	if mc, err = client.UpdateStatus(ctx, mc, metav1.UpdateOptions{}); err != nil {
		return nil, err
	}
	if mc.APIVersion == "" { // typed clients drop TypeMeta on the way back
		mc.APIVersion, mc.Kind = "cluster.open-cluster-management.io/v1", "ManagedCluster"
	}
	obj, err := runtime.DefaultUnstructuredConverter.ToUnstructured(mc)
	if err != nil {
		return nil, err
	}
	u := &unstructured.Unstructured{Object: obj}
	u.SetResourceVersion("") // the dynamic copy has its own: update it unconditionally
	res := hub.Dynamic.Resource(managedClusterResource.gvr)
	if _, err := res.UpdateStatus(ctx, u, metav1.UpdateOptions{}); err != nil {
		return nil, err
	}
	return []Change{{Cluster: s.hub, Kind: "ManagedCluster", Name: name, What: what}}, nil
}
