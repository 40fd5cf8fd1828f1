package demo

import (
	"context"
	"errors"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// The StatefulSet of the px-node-down incident: the redis chart's, scaled to a second replica
// whose claim cannot be provisioned.
const (
	redisApp       = "redis"
	redisNamespace = "cache"
	redisSet       = "redis-master"
	redisNewClaim  = "redis-data-redis-master-1"
	redisWaiting   = "Waiting for 1 pods to be ready..." // Argo CD's StatefulSet health message
)

var (
	storageNodesGVR = gvr("core.libopenstorage.org", "v1", "storagenodes")
	claimsGVR       = gvr("", "v1", "persistentvolumeclaims")
)

// injectNodeDown takes a Portworx node offline on a cluster running the redis app, and scales
// redis up: the new replica's claim, on a Portworx class, stays Pending. Argo CD reports a
// StatefulSet waiting for its pods as Progressing (it has no Degraded state for them), so the
// redis app is Progressing: a symptom of the node, not a problem of its own.
func (s *Simulator) injectNodeDown(ctx context.Context) (*incident, []Change, error) {
	var app *unstructured.Unstructured
	clusters := s.pickClusters(1, func(c string) bool {
		u, _ := s.findApp(ctx, c, redisApp)
		if u == nil || s.onlineNode(ctx, c) == "" {
			return false
		}
		app = u
		return true
	})
	if len(clusters) == 0 {
		return nil, nil, errors.New("px-node-down: no cluster runs redis on Portworx")
	}
	c, now := clusters[0], s.clock()
	nodeName := s.onlineNode(ctx, c)
	node := objRef{cluster: c, gvr: storageNodesGVR, namespace: pxNamespace, name: nodeName}
	setNode := func(ctx context.Context, phase string) (bool, error) {
		return s.modify(ctx, node, true, func(u *unstructured.Unstructured) bool {
			st := appStatus(u)
			st["phase"] = phase
			setCondition(u, m{"type": "NodeState", "status": phase, "lastTransitionTime": stamp(s.clock())})
			return true
		})
	}
	var changes []Change
	wrote, err := setNode(ctx, "Offline")
	errs := []error{err}
	if wrote {
		s.hold(node, true)
		changes = append(changes, node.change("StorageNode", "Offline"))
	}

	claim := objRef{cluster: c, gvr: claimsGVR, namespace: redisNamespace, name: redisNewClaim}
	pvc := newObject("v1", "PersistentVolumeClaim", redisNamespace, redisNewClaim, s.r, now)
	setAnnotations(pvc, "volume.beta.kubernetes.io/storage-provisioner", pxProvisioner,
		"volume.kubernetes.io/storage-provisioner", pxProvisioner)
	setLabels(pvc, "app.kubernetes.io/instance", redisApp, "app.kubernetes.io/component", "master")
	pvc.Object["spec"] = m{"accessModes": strs("ReadWriteOnce"), "resources": m{"requests": m{"storage": "8Gi"}},
		"storageClassName": "px-csi-replicated", "volumeMode": "Filesystem"}
	pvc.Object["status"] = m{"phase": "Pending"}
	pvc.SetResourceVersion("")
	if _, err := s.conns[c].Dynamic.Resource(claimsGVR).Namespace(redisNamespace).Create(ctx, pvc, metav1.CreateOptions{}); err != nil {
		errs = append(errs, err)
	} else {
		changes = append(changes, claim.change("PersistentVolumeClaim", "Pending"))
	}

	appRef := objRef{cluster: c, gvr: appsGVR, namespace: app.GetNamespace(), name: app.GetName()}
	ch, err := s.setStatefulSetHealth(ctx, appRef, "Progressing", redisWaiting)
	changes, errs = append(changes, ch...), append(errs, err)

	in := &incident{clusters: clusters}
	in.heal = func(ctx context.Context) ([]Change, error) {
		var changes []Change
		wrote, err := setNode(ctx, "Online")
		errs := []error{err}
		if wrote {
			s.hold(node, false)
			changes = append(changes, node.change("StorageNode", "Online"))
		}
		// The node is back: the claim is provisioned and bound, the replica starts.
		ok, err := s.modify(ctx, claim, false, func(u *unstructured.Unstructured) bool {
			volume := "pvc-" + string(u.GetUID())
			_ = unstructured.SetNestedField(u.Object, volume, "spec", "volumeName")
			u.Object["status"] = m{"phase": "Bound", "accessModes": strs("ReadWriteOnce"), "capacity": m{"storage": "8Gi"}}
			return true
		})
		errs = append(errs, err)
		if ok {
			changes = append(changes, claim.change("PersistentVolumeClaim", "Bound"))
		}
		ch, err := s.setStatefulSetHealth(ctx, appRef, "Healthy", "")
		return append(changes, ch...), errors.Join(append(errs, err)...)
	}
	return in, changes, errors.Join(errs...)
}

// onlineNode returns the name of the cluster's last Online Portworx node, or "" when it has
// none, or has a node down already.
func (s *Simulator) onlineNode(ctx context.Context, cluster string) string {
	list, err := s.conns[cluster].Dynamic.Resource(storageNodesGVR).List(ctx, metav1.ListOptions{})
	if err != nil {
		return ""
	}
	name := ""
	for _, u := range list.Items {
		phase, _, _ := unstructured.NestedString(u.Object, "status", "phase")
		if phase != "Online" {
			return ""
		}
		name = u.GetName()
	}
	return name
}

// setStatefulSetHealth sets the health of an app's StatefulSet and of the app, where Argo CD
// records resource health; the app is held while it is not Healthy.
func (s *Simulator) setStatefulSetHealth(ctx context.Context, ref objRef, health, message string) ([]Change, error) {
	wrote, err := s.modify(ctx, ref, false, func(u *unstructured.Unstructured) bool {
		st := appStatus(u)
		for _, res := range resourcesOf(st) {
			if _, ok := res["health"].(m); ok && res["kind"] == "StatefulSet" {
				res["health"] = healthOf(health, message)
			}
		}
		st["health"] = m{"status": health, "lastTransitionTime": stamp(s.clock())}
		return true
	})
	if !wrote {
		return nil, err
	}
	s.hold(ref, health != "Healthy")
	return []Change{ref.change("Application", strings.TrimSpace("health "+health))}, err
}
