package demo

import (
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// The functions below change an Application the way the Argo CD controller does during the
// life of a sync. The builder uses them for the initial state, the Simulator for later changes.

// appStatus returns the Application's status map, creating it when absent.
func appStatus(u *unstructured.Unstructured) m {
	s, ok := u.Object["status"].(m)
	if !ok {
		s = m{}
		u.Object["status"] = s
	}
	return s
}

// child returns parent[key] as a map, creating it when absent.
func child(parent m, key string) m {
	c, ok := parent[key].(m)
	if !ok {
		c = m{}
		parent[key] = c
	}
	return c
}

// driftApp records that Git moved on to rev and changed some of the app's manifests: the app
// is OutOfSync and so are its workload and config resources.
func driftApp(u *unstructured.Unstructured, rev string, at time.Time) {
	st := appStatus(u)
	sync := child(st, "sync")
	sync["status"], sync["revision"] = "OutOfSync", rev
	st["reconciledAt"] = stamp(at)
	resources, _ := st["resources"].([]any)
	changed := false
	for _, res := range resources {
		res := res.(m)
		kind, _ := res["kind"].(string)
		name, _ := res["name"].(string)
		if kind == "Deployment" || kind == "StatefulSet" || strings.HasSuffix(name, "-config") {
			res["status"], changed = "OutOfSync", true
		}
	}
	if !changed && len(resources) > 0 {
		resources[len(resources)-1].(m)["status"] = "OutOfSync"
	}
}

// startSync starts a sync to rev: operationState Running, workloads Progressing.
func startSync(u *unstructured.Unstructured, rev string, at time.Time) {
	st := appStatus(u)
	old, _ := st["operationState"].(m)
	// An automated policy syncs by itself; otherwise somebody pressed Sync.
	initiatedBy := m{"username": "admin"}
	if _, auto, _ := unstructured.NestedMap(u.Object, "spec", "syncPolicy", "automated"); auto {
		initiatedBy = m{"automated": true}
	}
	operation := m{"initiatedBy": initiatedBy, "sync": m{"revision": rev, "prune": true}}
	if old != nil {
		if prev, ok := old["operation"].(m); ok {
			// The old operationState is dropped, so its values can move to the new one.
			if retry, ok := prev["retry"]; ok {
				operation["retry"] = retry
			}
			if s, ok := prev["sync"].(m); ok && s["syncOptions"] != nil {
				operation["sync"].(m)["syncOptions"] = s["syncOptions"]
			}
		}
	}
	st["operationState"] = m{"operation": operation, "phase": "Running", "message": msgSyncRunning, "startedAt": stamp(at)}
	st["health"] = m{"status": "Progressing", "lastTransitionTime": stamp(at)}
	for _, res := range resourcesOf(st) {
		if h, ok := res["health"].(m); ok && (res["kind"] == "Deployment" || res["kind"] == "StatefulSet") {
			h["status"] = "Progressing"
		}
	}
}

// finishSync completes the running sync: operationState Succeeded with a syncResult for the
// resources it applied, a new history entry, and the app Synced and Healthy again.
func finishSync(u *unstructured.Unstructured, at time.Time) {
	st := appStatus(u)
	op := child(st, "operationState")
	operation := child(op, "operation")
	rev, _ := child(operation, "sync")["revision"].(string)
	if rev == "" {
		rev, _ = child(st, "sync")["revision"].(string)
	}
	started, _ := op["startedAt"].(string)
	ns, _ := child(child(u.Object, "spec"), "destination")["namespace"].(string)
	source := sourceSummary(child(child(u.Object, "spec"), "source"))

	var results []any
	rolled := false
	for _, res := range resourcesOf(st) {
		if res["status"] == "OutOfSync" {
			rt := resourceOf(res)
			results = append(results, syncResult(rt, ns, "Synced", strings.ToLower(rt.kind)+"/"+rt.name+" serverside-applied", "Running"))
			rolled = rolled || isWorkload(res)
		}
		res["status"] = "Synced"
		healResource(res)
	}
	op["phase"], op["message"], op["finishedAt"] = "Succeeded", msgSyncSucceeded, stamp(at)
	delete(op, "retryCount")
	op["syncResult"] = m{"resources": results, "revision": rev, "source": source}
	initiatedBy, _ := operation["initiatedBy"].(m)
	appendHistory(st, rev, initiatedBy, source, started, at)
	if rolled {
		bumpImages(st)
	}

	sync := child(st, "sync")
	sync["status"], sync["revision"] = "Synced", rev
	st["health"] = m{"status": "Healthy", "lastTransitionTime": stamp(at)}
	st["reconciledAt"] = stamp(at)
	delete(st, "conditions")
}

// resourcesOf returns status.resources as maps.
func resourcesOf(st m) []m {
	list, _ := st["resources"].([]any)
	out := make([]m, 0, len(list))
	for _, r := range list {
		if rm, ok := r.(m); ok {
			out = append(out, rm)
		}
	}
	return out
}
