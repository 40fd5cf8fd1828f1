package demo

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// The functions below run a sync that somebody requested through the Application's .operation,
// the way the Argo CD application-controller does: the operation moves into
// status.operationState (Running), then ends Succeeded (or Failed) with a syncResult, a history
// entry and a new sync status.

// msgDryRun marks the messages of a dry run.
const msgDryRun = " (dry run)"

// automated reports whether the app syncs by itself (spec.syncPolicy.automated).
func automated(u *unstructured.Unstructured) bool {
	_, ok, _ := unstructured.NestedMap(u.Object, "spec", "syncPolicy", "automated")
	return ok
}

// beginOperation starts the requested operation op: status.operationState holds a copy of it
// (initiatedBy included), phase Running. Unless it is a dry run or will fail, the workloads it
// changes start rolling, and the message names the first one being waited for.
func beginOperation(u *unstructured.Unstructured, op m, at time.Time, willFail bool) {
	st := appStatus(u)
	syncOp, _ := op["sync"].(m)
	dry, _ := syncOp["dryRun"].(bool)
	msg := msgSyncRunning
	if !dry && !willFail {
		var rolling []m
		for _, res := range resourcesOf(st) {
			if res["status"] == "OutOfSync" && isWorkload(res) && selected(syncOp, res) {
				rolling = append(rolling, res)
			}
		}
		if len(rolling) > 0 {
			group, _ := rolling[0]["group"].(string)
			msg = fmt.Sprintf("waiting for healthy state of %s/%s/%s", group, rolling[0]["kind"], rolling[0]["name"])
			st["health"] = m{"status": "Progressing", "lastTransitionTime": stamp(at)}
		}
		for _, res := range rolling {
			if h, ok := res["health"].(m); ok {
				h["status"] = "Progressing"
			}
		}
	}
	st["operationState"] = m{"operation": op, "phase": "Running", "message": msg, "startedAt": stamp(at)}
}

// finishOperation ends a Running operation and returns its phase; "" when none is Running.
func finishOperation(u *unstructured.Unstructured, at time.Time, broken bool) string {
	st := appStatus(u)
	op, _ := st["operationState"].(m)
	if op == nil || op["phase"] != "Running" {
		return ""
	}
	syncOp := child(child(op, "operation"), "sync")
	if dry, _ := syncOp["dryRun"].(bool); broken && !dry {
		failOperation(u, st, op, at)
		return "Failed"
	}
	completeOperation(u, st, op, at)
	return "Succeeded"
}

// completeOperation ends the operation Succeeded. The selected resources (all, unless the
// operation names some) are applied: OutOfSync ones become Synced, those that require pruning
// are pruned if the operation prunes and skipped otherwise. A full sync adds a history entry;
// the app is Synced when every resource is. A dry run changes nothing but operationState.
func completeOperation(u *unstructured.Unstructured, st, op m, at time.Time) {
	operation := child(op, "operation")
	syncOp := child(operation, "sync")
	dry, _ := syncOp["dryRun"].(bool)
	prune, _ := syncOp["prune"].(bool)
	options := syncOptions(syncOp)
	ssa := slices.Contains(options, "ServerSideApply=true")
	outOfSyncOnly := slices.Contains(options, "ApplyOutOfSyncOnly=true")
	target, _ := child(st, "sync")["revision"].(string)
	rev, _ := syncOp["revision"].(string)
	if rev == "" {
		rev = target
	}
	apply := !dry && rev == target // another revision leaves the app OutOfSync with its target
	suffix := ""
	if dry {
		suffix = msgDryRun
	}

	var results, kept []any
	rolled := false
	for _, res := range resourcesOf(st) {
		if !selected(syncOp, res) {
			kept = append(kept, res)
			continue
		}
		rt := resourceOf(res)
		ns, _ := res["namespace"].(string)
		pruning, _ := res["requiresPruning"].(bool)
		switch {
		case pruning && prune:
			results = append(results, syncResult(rt, ns, "Pruned", "pruned"+suffix, "Running"))
			if !dry {
				continue // gone
			}
		case pruning:
			results = append(results, syncResult(rt, ns, "PruneSkipped", "ignored (requires pruning)", "Running"))
		case res["status"] == "OutOfSync":
			verb := "configured"
			switch {
			case isMissing(res):
				verb = "created"
			case ssa:
				verb = "serverside-applied"
			}
			results = append(results, syncResult(rt, ns, "Synced", applied(rt, verb)+suffix, "Running"))
			if apply {
				res["status"] = "Synced"
				rolled = rolled || isWorkload(res)
			}
		case !outOfSyncOnly:
			verb := "unchanged"
			if ssa {
				verb = "serverside-applied"
			}
			results = append(results, syncResult(rt, ns, "Synced", applied(rt, verb)+suffix, "Running"))
		}
		if apply {
			healResource(res)
		}
		kept = append(kept, res)
	}
	source := sourceSummary(child(child(u.Object, "spec"), "source"))
	op["phase"], op["message"], op["finishedAt"] = "Succeeded", msgSyncSucceeded+suffix, stamp(at)
	delete(op, "retryCount")
	op["syncResult"] = m{"resources": results, "revision": rev, "source": source}
	if dry {
		return
	}
	st["resources"] = kept
	if list, _ := syncOp["resources"].([]any); len(list) == 0 { // Argo CD records full syncs only
		started, _ := op["startedAt"].(string)
		initiatedBy, _ := operation["initiatedBy"].(m)
		appendHistory(st, rev, initiatedBy, source, started, at)
	}
	if rolled {
		bumpImages(st)
	}
	synced := rev == target
	for _, res := range kept {
		synced = synced && res.(m)["status"] == "Synced"
	}
	if synced {
		child(st, "sync")["status"] = "Synced"
		delete(st, "conditions")
	}
	if h := appHealth(kept); child(st, "health")["status"] != h {
		st["health"] = m{"status": h, "lastTransitionTime": stamp(at)}
	}
	st["reconciledAt"] = stamp(at)
}

// failOperation ends the operation Failed the way the broken app's syncs always fail: its
// Deployment is rejected by the API server, retried up to the retry limit. The app stays
// OutOfSync and Degraded.
func failOperation(u *unstructured.Unstructured, st, op m, at time.Time) {
	operation := child(op, "operation")
	rev, _ := child(operation, "sync")["revision"].(string)
	if rev == "" {
		rev, _ = child(st, "sync")["revision"].(string)
	}
	name, ns := u.GetName(), ""
	for _, res := range resourcesOf(st) {
		if res["kind"] == "Deployment" {
			name, _ = res["name"].(string)
			ns, _ = res["namespace"].(string)
			break
		}
	}
	// The request carries no retry strategy of its own; the demo applies the app's.
	limit, ok, _ := unstructured.NestedInt64(operation, "retry", "limit")
	if !ok {
		limit, _, _ = unstructured.NestedInt64(u.Object, "spec", "syncPolicy", "retry", "limit")
	}
	reason := invalidDeploymentReason(name)
	msg := "one or more objects failed to apply, reason: " + reason
	if limit > 0 {
		msg += " (retried " + strconv.FormatInt(limit, 10) + " times)."
		op["retryCount"] = limit
	}
	op["phase"], op["message"], op["finishedAt"] = "Failed", msg, stamp(at)
	svc := resourceTemplate{version: "v1", kind: "Service", name: name}
	deploy := resourceTemplate{group: "apps", version: "v1", kind: "Deployment", name: name}
	op["syncResult"] = m{"revision": rev, "source": sourceSummary(child(child(u.Object, "spec"), "source")),
		"resources": []any{
			syncResult(svc, ns, "Synced", "service/"+name+" unchanged", "Running"),
			syncResult(deploy, ns, "SyncFailed", reason, "Failed"),
		}}
	st["conditions"] = []any{m{"type": "SyncError", "lastTransitionTime": stamp(at),
		"message": "Failed last sync attempt to [" + rev + "]: " + msg}}
	if child(st, "health")["status"] != "Degraded" {
		st["health"] = m{"status": "Degraded", "lastTransitionTime": stamp(at)}
	}
	st["reconciledAt"] = stamp(at)
}

// invalidDeploymentReason is the API server's refusal of the broken app's Deployment.
func invalidDeploymentReason(name string) string {
	return `Deployment.apps "` + name + `" is invalid: spec.template.spec.containers[0].resources.requests: ` +
		`Invalid value: "2Gi": must be less than or equal to memory limit of 512Mi`
}

// appendHistory adds a deployment to status.history, keeping Argo CD's default limit.
func appendHistory(st m, rev string, initiatedBy, source m, started string, at time.Time) {
	history, _ := st["history"].([]any)
	nextID := int64(1)
	if len(history) > 0 {
		if id, ok := history[len(history)-1].(m)["id"].(int64); ok {
			nextID = id + 1
		}
	}
	if started == "" {
		started = stamp(at.Add(-2 * time.Second))
	}
	history = append(history, m{"id": nextID, "revision": rev, "initiatedBy": shallowCopy(initiatedBy),
		"source": sourceSummary(source), "deployStartedAt": started, "deployedAt": stamp(at)})
	if len(history) > appHistoryKept {
		history = history[len(history)-appHistoryKept:]
	}
	st["history"] = history
}

// syncOptions returns an operation's sync options.
func syncOptions(syncOp m) []string {
	list, _ := syncOp["syncOptions"].([]any)
	out := make([]string, 0, len(list))
	for _, o := range list {
		if s, ok := o.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// selected reports whether an operation applies to a resource: all of them unless it names some.
func selected(syncOp m, res m) bool {
	list, _ := syncOp["resources"].([]any)
	if len(list) == 0 {
		return true
	}
	for _, r := range list {
		r, _ := r.(m)
		group, _ := res["group"].(string)
		if r["kind"] == res["kind"] && r["name"] == res["name"] && (r["group"] == group || r["group"] == nil) &&
			(r["namespace"] == nil || r["namespace"] == "" || r["namespace"] == res["namespace"]) {
			return true
		}
	}
	return false
}

// resourceOf turns a status.resources entry back into a template.
func resourceOf(res m) resourceTemplate {
	rt := resourceTemplate{}
	rt.group, _ = res["group"].(string)
	rt.version, _ = res["version"].(string)
	rt.kind, _ = res["kind"].(string)
	rt.name, _ = res["name"].(string)
	_, namespaced := res["namespace"]
	rt.clusterScoped = !namespaced
	return rt
}

// applied is kubectl's report of an applied resource: "deployment.apps/web configured".
func applied(rt resourceTemplate, verb string) string {
	kind := strings.ToLower(rt.kind)
	if rt.group != "" {
		kind += "." + rt.group
	}
	return kind + "/" + rt.name + " " + verb
}

func isWorkload(res m) bool { return res["kind"] == "Deployment" || res["kind"] == "StatefulSet" }

// isMissing reports whether the resource does not exist yet (health Missing).
func isMissing(res m) bool {
	h, _ := res["health"].(m)
	return h != nil && h["status"] == "Missing"
}

// healResource records a resource as applied and healthy; a newly created resource of a kind
// without a health check loses its Missing health instead.
func healResource(res m) {
	h, ok := res["health"].(m)
	if !ok {
		return
	}
	if kind, _ := res["kind"].(string); h["status"] == "Missing" && !healthAssessed(kind) {
		delete(res, "health")
		return
	}
	h["status"] = "Healthy"
	delete(h, "message")
}

// appHealth is the worst health of the resources, Healthy when none has one.
func appHealth(resources []any) string {
	rank := map[string]int{"Healthy": 0, "Progressing": 1, "Missing": 2, "Degraded": 3}
	worst := "Healthy"
	for _, r := range resources {
		h, _ := r.(m)["health"].(m)
		if s, _ := h["status"].(string); rank[s] > rank[worst] {
			worst = s
		}
	}
	return worst
}

// bumpImages moves the app's images (status.summary.images) to their next tag: the rolled out
// workloads run the version Git asked for.
func bumpImages(st m) {
	summary := child(st, "summary")
	images, _ := summary["images"].([]any)
	out := make([]any, len(images))
	for i, img := range images {
		s, _ := img.(string)
		out[i] = nextImage(s)
	}
	summary["images"] = out
}

// nextImage returns the image with the last number of its tag incremented ("app:1.9.0" →
// "app:1.9.1"); tags without a number stay.
func nextImage(image string) string {
	colon := strings.LastIndex(image, ":")
	if colon < 0 || colon < strings.LastIndex(image, "/") {
		return image
	}
	tag := image[colon+1:]
	end := strings.LastIndexAny(tag, "0123456789") + 1
	if end == 0 {
		return image
	}
	start := end
	for start > 0 && tag[start-1] >= '0' && tag[start-1] <= '9' {
		start--
	}
	n, err := strconv.Atoi(tag[start:end])
	if err != nil {
		return image
	}
	return image[:colon+1] + tag[:start] + strconv.Itoa(n+1) + tag[end:]
}
