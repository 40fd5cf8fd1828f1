package peers

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/model"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// opWait bounds one Argo CD operation or refresh; measured at about a second here.
const opWait = 60 * time.Second

// mcgtui's sync action on an OutOfSync Application makes the real Argo CD sync it: the app
// becomes Synced, its resources exist, and the operation and the new history entry name
// mcgtui's kube user as the initiator, as the API server told the executor
// (SelfSubjectReview). The API server's audit log holds exactly one patch by that user.
func TestSyncStartsARealArgoCDSync(t *testing.T) {
	e := requireEnv(t)
	app := e.Argo.NewApp(t, "sync-basic", map[string]string{
		"settings.yaml": configMapYAML("settings", map[string]string{"color": "blue"}),
		"web.yaml":      serviceYAML("web"),
	})
	app.WaitState(t, opWait, "OutOfSync before any sync", func(s appState) bool { return s.Sync == "OutOfSync" })

	m := startMcgtui(t, e.OperatorKubeconfig, auditPath(t))
	a := m.app(t, app.Name, "OutOfSync", func(a model.App) bool { return a.SyncStatus == "OutOfSync" })
	m.mustDo(t, actions.Sync, actions.SyncOptions{}, a.Ref)

	u := app.WaitState(t, opWait, "Synced by mcgtui's operation", func(s appState) bool {
		return !s.Pending && s.OpPhase == "Succeeded" && s.Sync == "Synced"
	})
	if by, _, _ := unstructured.NestedString(u.Object, "status", "operationState", "operation", "initiatedBy", "username"); by != operatorUser {
		t.Errorf("operation initiated by %q, want %q", by, operatorUser)
	}
	history, _, _ := unstructured.NestedSlice(u.Object, "status", "history")
	if len(history) != 1 {
		t.Fatalf("history has %d entries, want 1: %v", len(history), history)
	}
	entry := history[0].(map[string]any)
	if by, _, _ := unstructured.NestedString(entry, "initiatedBy", "username"); by != operatorUser {
		t.Errorf("history entry initiated by %q, want %q: %v", by, operatorUser, entry)
	}
	if rev, _ := entry["revision"].(string); rev != app.Repo.Head() {
		t.Errorf("history revision %q, want the repository's head %q", rev, app.Repo.Head())
	}
	if cm := app.ConfigMap(t, "settings"); cm == nil || cm.Data["color"] != "blue" {
		t.Errorf("ConfigMap settings after the sync: %v", cm)
	}
	// mcgtui's own view decodes the real result.
	a = m.app(t, app.Name, "Synced with a history entry", func(a model.App) bool {
		return a.SyncStatus == "Synced" && len(a.History) == 1
	})
	if a.History[0].InitiatedBy != operatorUser {
		t.Errorf("mcgtui shows the history entry as initiated by %q, want %q", a.History[0].InitiatedBy, operatorUser)
	}
	if w := writes(t, e.Plane, operatorUser, "applications", app.Name); len(w) != 1 || w[0].Verb != "patch" {
		t.Errorf("API server saw %d writes by %s to the app (%s), want one patch", len(w), operatorUser, verbs(w))
	}
}

// The sync dialog's options reach Argo CD's operation: a prune + dry-run sync is recorded as
// such in status.operationState.operation.sync and changes nothing (the resource gone from
// git stays, the changed one keeps its old data, no history entry); then a prune sync with
// apply-out-of-sync-only deletes that resource and applies the new commit. The app's own
// syncOptions travel with both operations: background prune propagation, without which the
// pruned object would wait forever for a garbage collector that this control plane does not
// run (Argo CD prunes with foreground propagation by default).
func TestSyncOptionsPruneAndDryRunReachTheOperation(t *testing.T) {
	e := requireEnv(t)
	const background = "PrunePropagationPolicy=background"
	app := e.Argo.NewApp(t, "sync-options", map[string]string{
		"keep.yaml":  configMapYAML("keep", map[string]string{"version": "1"}),
		"extra.yaml": configMapYAML("extra", map[string]string{"doomed": "yes"}),
	}, background)
	app.WaitState(t, opWait, "OutOfSync before any sync", func(s appState) bool { return s.Sync == "OutOfSync" })
	app.SyncDirectly(t)
	if app.ConfigMap(t, "extra") == nil {
		t.Fatal("the setup sync did not create ConfigMap extra")
	}

	// The next commit drops extra and changes keep; mcgtui's refresh makes Argo CD see it.
	head := app.Repo.Commit("drop extra, keep v2", map[string]string{
		"keep.yaml": configMapYAML("keep", map[string]string{"version": "2"}),
	}, []string{"extra.yaml"})
	m := startMcgtui(t, e.OperatorKubeconfig, auditPath(t))
	a := m.app(t, app.Name, "listed", func(model.App) bool { return true })
	m.mustDo(t, actions.Refresh, actions.SyncOptions{}, a.Ref)
	app.WaitState(t, opWait, "OutOfSync at the new commit", func(s appState) bool {
		return s.Revision == head && s.Sync == "OutOfSync" && !s.Refreshing
	})
	a = m.app(t, app.Name, "extra requires pruning", func(a model.App) bool {
		return slices.ContainsFunc(a.Resources, func(r model.AppResource) bool { return r.Name == "extra" && r.RequiresPruning })
	})

	// Dry run with prune: recorded, nothing changed.
	m.mustDo(t, actions.Sync, actions.SyncOptions{Prune: true, DryRun: true}, a.Ref)
	u := app.WaitState(t, opWait, "the dry-run operation finished", func(s appState) bool {
		return !s.Pending && s.OpPhase == "Succeeded"
	})
	op, _, _ := unstructured.NestedMap(u.Object, "status", "operationState", "operation")
	if by, _, _ := unstructured.NestedString(op, "initiatedBy", "username"); by != operatorUser {
		t.Fatalf("the last operation is not mcgtui's (initiated by %q): %v", by, op)
	}
	if dry, _, _ := unstructured.NestedBool(op, "sync", "dryRun"); !dry {
		t.Errorf("operation.sync.dryRun not set: %v", op["sync"])
	}
	if prune, _, _ := unstructured.NestedBool(op, "sync", "prune"); !prune {
		t.Errorf("operation.sync.prune not set: %v", op["sync"])
	}
	if opts, _, _ := unstructured.NestedStringSlice(op, "sync", "syncOptions"); !slices.Contains(opts, background) {
		t.Errorf("operation.sync.syncOptions = %v, want the app's %s", opts, background)
	}
	if app.ConfigMap(t, "extra") == nil {
		t.Error("the dry run deleted ConfigMap extra")
	}
	if v := app.ConfigMap(t, "keep").Data["version"]; v != "1" {
		t.Errorf("the dry run applied ConfigMap keep: version %q", v)
	}
	if s := stateOf(u); s.Sync != "OutOfSync" {
		t.Errorf("after the dry run the app is %s, want still OutOfSync", s.Sync)
	}
	if h, _, _ := unstructured.NestedSlice(u.Object, "status", "history"); len(h) != 1 {
		t.Errorf("the dry run added a history entry: %d entries", len(h))
	}

	// The real prune, applying out-of-sync resources only.
	m.mustDo(t, actions.Sync, actions.SyncOptions{Prune: true, ApplyOutOfSyncOnly: true}, a.Ref)
	u = app.WaitState(t, opWait, "Synced after the prune", func(s appState) bool {
		return !s.Pending && s.OpPhase == "Succeeded" && s.Sync == "Synced" && s.Revision == head
	})
	op, _, _ = unstructured.NestedMap(u.Object, "status", "operationState", "operation")
	if dry, _, _ := unstructured.NestedBool(op, "sync", "dryRun"); dry {
		t.Errorf("the prune sync is a dry run: %v", op["sync"])
	}
	if prune, _, _ := unstructured.NestedBool(op, "sync", "prune"); !prune {
		t.Errorf("operation.sync.prune not set: %v", op["sync"])
	}
	if opts, _, _ := unstructured.NestedStringSlice(op, "sync", "syncOptions"); !slices.Contains(opts, "ApplyOutOfSyncOnly=true") || !slices.Contains(opts, background) {
		t.Errorf("operation.sync.syncOptions = %v, want ApplyOutOfSyncOnly=true and %s", opts, background)
	}
	if app.ConfigMap(t, "extra") != nil {
		t.Error("the prune sync left ConfigMap extra")
	}
	if v := app.ConfigMap(t, "keep").Data["version"]; v != "2" {
		t.Errorf("ConfigMap keep: version %q after the sync, want 2", v)
	}
	results, _, _ := unstructured.NestedSlice(u.Object, "status", "operationState", "syncResult", "resources")
	if !slices.ContainsFunc(results, func(r any) bool {
		m, _ := r.(map[string]any)
		return m["name"] == "extra" && m["status"] == "Pruned"
	}) {
		t.Errorf("sync result does not say extra was pruned: %v", results)
	}
}

// The sync dialog's other options reach the operation too: a revision other than the
// target, force, and a selection of resources. Argo CD syncs only the selected ConfigMap, at
// the older commit, and records all three in status.operationState.operation.sync.
func TestSyncRevisionForceAndSelectedResources(t *testing.T) {
	e := requireEnv(t)
	repo := NewGitRepo(t, map[string]string{
		"a.yaml": configMapYAML("a", map[string]string{"release": "1"}),
		"b.yaml": configMapYAML("b", map[string]string{"release": "1"}),
	})
	first := repo.Head()
	head := repo.Commit("release 2", map[string]string{
		"a.yaml": configMapYAML("a", map[string]string{"release": "2"}),
		"b.yaml": configMapYAML("b", map[string]string{"release": "2"}),
	}, nil)
	app := e.Argo.NewAppFrom(t, "sync-revision", repo)
	m := startMcgtui(t, e.OperatorKubeconfig, auditPath(t))
	a := m.app(t, app.Name, "OutOfSync at the second commit", func(a model.App) bool {
		return a.SyncStatus == "OutOfSync" && a.Revision == head
	})

	m.mustDo(t, actions.Sync, actions.SyncOptions{
		Revision:  first,
		Force:     true,
		Resources: []actions.ResourceRef{{Kind: "ConfigMap", Namespace: app.Namespace, Name: "a"}},
	}, a.Ref)
	u := app.WaitState(t, opWait, "mcgtui's operation finished", func(s appState) bool {
		return !s.Pending && s.OpPhase == "Succeeded"
	})
	op, _, _ := unstructured.NestedMap(u.Object, "status", "operationState", "operation", "sync")
	if rev, _, _ := unstructured.NestedString(op, "revision"); rev != first {
		t.Errorf("operation.sync.revision = %q, want the first commit %s", rev, first)
	}
	if force, _, _ := unstructured.NestedBool(op, "syncStrategy", "apply", "force"); !force {
		t.Errorf("operation.sync.syncStrategy = %v, want apply.force", op["syncStrategy"])
	}
	res, _, _ := unstructured.NestedSlice(op, "resources")
	if len(res) != 1 || res[0].(map[string]any)["name"] != "a" || res[0].(map[string]any)["kind"] != "ConfigMap" {
		t.Errorf("operation.sync.resources = %v, want ConfigMap a only", res)
	}
	if rev, _, _ := unstructured.NestedString(u.Object, "status", "operationState", "syncResult", "revision"); rev != first {
		t.Errorf("synced revision %q, want %s", rev, first)
	}
	if cm := app.ConfigMap(t, "a"); cm == nil || cm.Data["release"] != "1" {
		t.Errorf("ConfigMap a after syncing it at the first commit: %v", cm)
	}
	if cm := app.ConfigMap(t, "b"); cm != nil {
		t.Errorf("ConfigMap b was synced although not selected: %v", cm)
	}
}

// mcgtui's refresh makes Argo CD compare with git again at once: a commit pushed after the
// last sync shows up as the app's revision well before the reconciliation period (180 s
// here); hard refresh does the same for the next commit. Argo CD removes the annotation.
func TestRefreshPicksUpANewCommit(t *testing.T) {
	e := requireEnv(t)
	app := e.Argo.NewApp(t, "refresh", map[string]string{
		"settings.yaml": configMapYAML("settings", map[string]string{"release": "1"}),
	})
	app.WaitState(t, opWait, "OutOfSync before any sync", func(s appState) bool { return s.Sync == "OutOfSync" })
	first := app.Repo.Head()
	app.SyncDirectly(t)
	m := startMcgtui(t, e.OperatorKubeconfig, auditPath(t))
	a := m.app(t, app.Name, "Synced at the first commit", func(a model.App) bool {
		return a.SyncStatus == "Synced" && a.Revision == first
	})

	for _, step := range []struct {
		kind    actions.Kind
		release string
	}{{actions.Refresh, "2"}, {actions.HardRefresh, "3"}} {
		head := app.Repo.Commit("release "+step.release, map[string]string{
			"settings.yaml": configMapYAML("settings", map[string]string{"release": step.release}),
		}, nil)
		start := time.Now()
		m.mustDo(t, step.kind, actions.SyncOptions{}, a.Ref)
		app.WaitState(t, 30*time.Second, step.kind.String()+" shows the new commit", func(s appState) bool {
			return s.Revision == head && s.Sync == "OutOfSync" && !s.Refreshing
		})
		if took := time.Since(start); took >= resyncSeconds*time.Second {
			t.Errorf("%s took %s: no faster than the reconciliation period", step.kind, took)
		} else {
			t.Logf("%s: new revision after %s", step.kind, took.Round(time.Millisecond))
		}
		m.app(t, app.Name, "at the new commit", func(a model.App) bool { return a.Revision == head })
	}
	if w := writes(t, e.Plane, operatorUser, "applications", app.Name); len(w) != 2 {
		t.Errorf("API server saw %d writes by %s (%s), want the two refresh patches", len(w), operatorUser, verbs(w))
	}
}

// A user without patch rights on Applications is told so before anything is sent: Allowed
// says "no permission", Execute refuses the same way (and audits the attempt as an error),
// the real binary's `s` says so on screen without opening the dialog, and the API server saw
// SelfSubjectAccessReviews but no write by that user. The app has no operation.
func TestNoPatchRightsSendsNothing(t *testing.T) {
	e := requireEnv(t)
	app := e.Argo.NewApp(t, "no-rights", map[string]string{
		"settings.yaml": configMapYAML("settings", map[string]string{"color": "blue"}),
	})
	app.WaitState(t, opWait, "OutOfSync", func(s appState) bool { return s.Sync == "OutOfSync" })
	audit := auditPath(t)
	m := startMcgtui(t, e.ViewerKubeconfig, audit)
	a := m.app(t, app.Name, "listed", func(model.App) bool { return true })

	ok, why := m.exec.Allowed(context.Background(), actions.Sync, m.mgr.Target(a.Ref))
	if ok || !strings.Contains(why, "no permission to patch applications in namespace argocd on "+clusterName) {
		t.Errorf("Allowed = %v, %q; want a refusal that says no permission", ok, why)
	}
	for _, kind := range []actions.Kind{actions.Sync, actions.Refresh} {
		res := m.do(kind, actions.SyncOptions{}, a.Ref)
		if len(res) != 1 || res[0].Err == nil || !strings.Contains(res[0].Err.Error(), "no permission") {
			t.Errorf("%s as %s: %v, want a no-permission error", kind, viewerUser, res)
		}
	}

	d := e.dashboard(t, e.ViewerKubeconfig)
	d.appRow(app.Name, "OutOfSync")
	d.Keys("s")
	scr := d.WaitFor(termWait, "no permission to patch applications in namespace argocd on "+clusterName)
	if strings.Contains(scr, "Sync Application") {
		t.Errorf("the dialog opened for a user without rights:\n%s", scr)
	}
	if entries := readAudit(t, d.auditPath); len(entries) != 0 {
		t.Errorf("the dashboard audited a refused permission check as an attempt: %+v", entries)
	}

	if s := stateOf(app.Get(t)); s.Pending || s.OpPhase != "" || s.Refreshing {
		t.Errorf("the refused actions changed the app: %s", s)
	}
	if w := writes(t, e.Plane, viewerUser, "applications", ""); len(w) != 0 {
		t.Errorf("API server saw writes by %s: %s", viewerUser, verbs(w))
	}
	if r := writes(t, e.Plane, viewerUser, "selfsubjectaccessreviews", ""); len(r) == 0 {
		t.Error("no SelfSubjectAccessReview by the viewer: the permission was not asked of the API server")
	}
	entries := readAudit(t, audit)
	if len(entries) != 2 {
		t.Fatalf("audit file has %d lines, want one per attempt (2): %+v", len(entries), entries)
	}
	for i, en := range entries {
		if en.Result != "error" || !strings.Contains(en.Error, "no permission") || en.User != viewerUser || en.Name != app.Name {
			t.Errorf("audit line %d = %+v, want an error by %s on %s saying no permission", i, en, viewerUser, app.Name)
		}
	}
}
