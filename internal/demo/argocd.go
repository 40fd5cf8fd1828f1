package demo

import (
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// Argo CD API version and the strings its controller writes (argo-cd v3.5.1, as in the
// examples argocd-application-*.yaml).
const (
	argoAPIVersion      = "argoproj.io/v1alpha1"
	msgSyncSucceeded    = "successfully synced (all tasks run)"
	msgSyncRunning      = "one or more tasks are running"
	rootAppsNamespace   = "openshift-gitops"
	failedSyncRetries   = 5
	appHistoryKept      = 10 // Argo CD's default revisionHistoryLimit
	guestbookAppSetName = "guestbook"
)

// appSpec is everything that decides how one Application object looks.
type appSpec struct {
	t             appTemplate
	appNamespace  string // where the Application object lives
	project       string
	repoURL       string
	destName      string // spec.destination.name; destServer is used when empty
	sync, health  string
	automated     bool
	failedSync    bool
	progressing   bool // a sync is running (operationState.phase Running)
	nResources    int
	partOfAppSet  string
	resourceState bool // store status.resources[].health (Argo CD 2.x)
}

// argoCD adds the cluster's Applications, AppProjects and (hub) ApplicationSet.
func (b *clusterBuilder) argoCD() {
	appNS, project, repo := "multicloud-gitops-group-one", "group-one", spokeRepo
	if b.p.hub {
		appNS, project, repo = "multicloud-gitops-hub", "hub", hubRepo
	}
	apps := catalogue(b.p.hub, b.opts.AppsPerCluster)
	for i, t := range apps {
		s := appSpec{t: t, appNamespace: appNS, project: project, repoURL: repo, sync: "Synced", health: "Healthy",
			automated: true, nResources: 5 + b.r.IntN(6), resourceState: b.p.argoResourceHealth}
		if i == 0 && t.path == "common/clustergroup" { // the root app lives in the GitOps operator's namespace
			s.appNamespace, s.project = rootAppsNamespace, "default"
		}
		if b.opts.ResourcesPerApp > 0 {
			s.nResources = b.opts.ResourcesPerApp // drawn above all the same: the stream stays put
		}
		if t.chart != "" {
			s.nResources = len(t.resources)
		}
		scenario := ""
		switch {
		case b.p.scenarios&syncFailed != 0 && i == min(4, len(apps)-1):
			s.sync, s.health, s.failedSync, scenario = "OutOfSync", "Degraded", true, ScenarioSyncFailed
		case b.p.scenarios&appsDrifted != 0 && (i == 1 || i == 2):
			s.sync, scenario = "OutOfSync", ScenarioOutOfSync
			s.automated = i != 2 // manual sync policy: nobody has pressed Sync yet
			if i == 1 && b.p.name == "cluster-openstack-1" {
				s.health, s.progressing = "Progressing", true
			}
		case b.p.generatedDriftRatio > 0 && b.r.Float64() < b.p.generatedDriftRatio:
			s.sync, scenario = "OutOfSync", ScenarioOutOfSync
		}
		u := b.application(s)
		b.add(u)
		if scenario != "" {
			b.addTrouble(scenario, u, scenario == ScenarioSyncFailed)
		}
	}
	if b.p.scenarios&teamRestricted != 0 {
		b.restrictedApp(appNS)
	}
	b.appProject(rootAppsNamespace, "default")
	if len(apps) > 0 {
		b.appProject(appNS, "default")
		b.appProject(appNS, project)
	}
	if b.p.hub {
		b.hubToSpokeApps()
	}
}

// restrictedApp adds a team's app that lives in RestrictedNamespace (Argo CD's apps in any
// namespace), OutOfSync with a manual sync policy: the demo user sees it but may not sync it.
func (b *clusterBuilder) restrictedApp(argoNS string) {
	t := serviceApp("ledger-reports", "ledger", "charts/team/ledger-reports", "quay.io/mcg-demo/ledger-reports:1.3.2")
	s := appSpec{t: t, appNamespace: RestrictedNamespace, project: RestrictedNamespace, repoURL: spokeRepo,
		sync: "OutOfSync", health: "Healthy", nResources: 5 + b.r.IntN(6), resourceState: b.p.argoResourceHealth}
	u := b.application(s)
	b.add(u)
	b.addTrouble(ScenarioOutOfSync, u, false)
	b.appProject(argoNS, RestrictedNamespace)
}

// hubToSpokeApps adds the hub's ApplicationSet and the guestbook app it generates for every
// managed cluster; they deploy to the managed cluster (destination.name), so they belong on
// its row of the dashboard.
func (b *clusterBuilder) hubToSpokeApps() {
	var names []string
	for _, p := range b.fleet[1:] {
		s := appSpec{t: guestbookApp, appNamespace: rootAppsNamespace, project: "default", repoURL: guestbookRepo,
			destName: p.name, sync: "Synced", health: "Healthy", automated: true, nResources: 2,
			partOfAppSet: guestbookAppSetName, resourceState: b.p.argoResourceHealth}
		s.t.name = "guestbook-" + p.name
		s.t.resources = guestbookApp.resources
		b.add(b.application(s))
		names = append(names, s.t.name)
	}
	b.add(b.applicationSet(names))
}

// application renders an Application in the layout of the upstream examples.
func (b *clusterBuilder) application(s appSpec) *unstructured.Unstructured {
	r, now := b.r, b.now
	u := newObject(argoAPIVersion, "Application", s.appNamespace, s.t.name, r, b.created())
	labels := []string{"app.kubernetes.io/instance", s.t.name, "validatedpatterns.io/pattern", "multicloud-gitops"}
	if s.partOfAppSet != "" {
		labels = append(labels, "app.kubernetes.io/part-of", s.partOfAppSet)
	}
	setLabels(u, labels...)

	source := b.appSource(s)
	dest := m{"namespace": s.t.namespace}
	switch {
	case s.destName != "":
		dest["name"] = s.destName
	case r.IntN(4) == 0:
		dest["name"] = "in-cluster"
	default:
		dest["server"] = inCluster
	}
	// Values that appear in several places are built afresh for each, so that no two fields of
	// the object share a map: changing one must not change the other.
	syncOptions := func() []any { return strs("CreateNamespace=true", "ServerSideApply=true") }
	retry := func() m {
		return m{"limit": int64(failedSyncRetries), "backoff": m{"duration": "5s", "factor": int64(2), "maxDuration": "3m"}}
	}
	syncPolicy := m{"syncOptions": syncOptions(), "retry": retry()}
	if s.automated {
		syncPolicy["automated"] = m{"prune": true, "selfHeal": true}
	}
	u.Object["spec"] = m{"project": s.project, "source": source, "destination": dest, "syncPolicy": syncPolicy}

	// Revisions: the synced one is the repository head unless the app is behind, in which case
	// Git has moved on (sync.revision) while the last deploy (history) is an older commit.
	deployed := b.gitHead
	if s.sync == "OutOfSync" {
		deployed = b.gitHistory[len(b.gitHistory)-1]
	}
	deployedAt := ago(r, now, 10*time.Minute, 5*24*time.Hour)
	if s.sync == "OutOfSync" || s.failedSync {
		deployedAt = ago(r, now, 6*time.Hour, 3*24*time.Hour)
	}
	initiatedBy := func() m {
		if s.automated {
			return m{"automated": true}
		}
		return m{"username": "admin"}
	}
	firstID := int64(1 + r.IntN(40))
	var history []any
	revs := append(append([]string{}, b.gitHistory[:len(b.gitHistory)-1]...), deployed)
	for i, rev := range revs {
		at := deployedAt.Add(-time.Duration(len(revs)-1-i) * 26 * time.Hour)
		history = append(history, m{
			"id": firstID + int64(i), "revision": rev, "initiatedBy": initiatedBy(), "source": sourceSummary(source),
			"deployStartedAt": stamp(at.Add(-2 * time.Second)), "deployedAt": stamp(at),
		})
	}

	resources, results := b.appResources(s)
	op := m{
		"operation": m{"initiatedBy": initiatedBy(), "retry": retry(),
			"sync": m{"revision": deployed, "syncOptions": syncOptions(), "prune": s.automated}},
		"phase":      "Succeeded",
		"message":    msgSyncSucceeded,
		"startedAt":  stamp(deployedAt.Add(-2 * time.Second)),
		"finishedAt": stamp(deployedAt),
		"syncResult": m{"resources": results, "revision": deployed, "source": sourceSummary(source)},
	}
	status := m{
		"controllerNamespace": rootAppsNamespace,
		"health":              m{"status": s.health, "lastTransitionTime": stamp(deployedAt)},
		"history":             history,
		"operationState":      op,
		"reconciledAt":        stamp(ago(r, now, 0, 3*time.Minute)),
		"resources":           resources,
		"sourceType":          sourceType(s.t),
		"summary":             m{"images": strs(s.t.image)},
		"sync": m{"status": s.sync, "revision": b.gitHead,
			"comparedTo": m{"destination": shallowCopy(dest), "source": sourceSummary(source)}},
	}
	u.Object["status"] = status
	switch {
	case s.failedSync:
		b.failSync(u, s)
	case s.progressing:
		startSync(u, b.gitHead, now.Add(-40*time.Second))
	}
	return u
}

// appSource is spec.source: a chart in the pattern's Git repository with the pattern's value
// files, or a chart from a Helm repository.
func (b *clusterBuilder) appSource(s appSpec) m {
	if s.t.chart != "" {
		return m{"repoURL": s.t.chartRepo, "chart": s.t.chart, "targetRevision": s.t.chartVersion,
			"helm": m{"releaseName": s.t.name}}
	}
	src := m{"repoURL": s.repoURL, "path": s.t.path, "targetRevision": "main"}
	if s.repoURL == guestbookRepo {
		src["targetRevision"] = "HEAD"
		return src
	}
	group := "group-one"
	if b.p.hub {
		group = "hub"
	}
	src["helm"] = m{"ignoreMissingValueFiles": true, "valueFiles": strs("/values-global.yaml", "/values-"+group+".yaml",
		"/values-"+strings.ToLower(b.p.platform)+".yaml", "/values-"+b.p.openshift[:4]+".yaml")}
	return src
}

// sourceSummary is the source as Argo CD copies it into status (history, comparedTo).
func sourceSummary(src m) m {
	out := make(m, len(src))
	for k, v := range src {
		if k != "helm" {
			out[k] = v
		}
	}
	return out
}

func sourceType(t appTemplate) string {
	if t.path == "guestbook" {
		return "Directory"
	}
	return "Helm"
}

// appResources returns status.resources and the last sync's syncResult.resources. Apps that are
// OutOfSync have their Deployment and ConfigMap changed in Git, and a resource added there
// when the app has one more to add (health Missing where the Argo CD version stores health).
func (b *clusterBuilder) appResources(s appSpec) (resources, results []any) {
	n := min(s.nResources, len(s.t.resources))
	for i, rt := range s.t.resources[:n] {
		res := m{"kind": rt.kind, "name": rt.name, "version": rt.version, "status": "Synced"}
		if rt.group != "" {
			res["group"] = rt.group
		}
		if !rt.clusterScoped {
			res["namespace"] = s.t.namespace
		}
		if s.sync == "OutOfSync" && (rt.kind == "Deployment" || rt.kind == "StatefulSet" || strings.HasSuffix(rt.name, "-config")) {
			res["status"] = "OutOfSync"
		}
		if s.resourceState && healthAssessed(rt.kind) {
			h := "Healthy"
			if s.progressing && (rt.kind == "Deployment" || rt.kind == "StatefulSet") {
				h = "Progressing"
			}
			res["health"] = m{"status": h}
		}
		resources = append(resources, res)
		if i < 3 || rt.kind == "Deployment" { // ServerSideApply with few changes: a short result list
			results = append(results, syncResult(rt, s.t.namespace, "Synced", strings.ToLower(rt.kind)+"/"+rt.name+" serverside-applied", "Running"))
		}
	}
	if s.sync == "OutOfSync" && !s.failedSync && n < len(s.t.resources) {
		// Git added a resource that the cluster does not have yet.
		rt := s.t.resources[n]
		res := m{"kind": rt.kind, "name": rt.name, "version": rt.version, "status": "OutOfSync"}
		if rt.group != "" {
			res["group"] = rt.group
		}
		if !rt.clusterScoped {
			res["namespace"] = s.t.namespace
		}
		if s.resourceState {
			res["health"] = m{"status": "Missing"}
		}
		resources = append(resources, res)
	}
	return resources, results
}

// healthAssessed reports whether Argo CD has a health check for the kind (others get no
// health entry at all).
func healthAssessed(kind string) bool {
	switch kind {
	case "ConfigMap", "ServiceAccount", "NetworkPolicy", "ClusterRole", "ClusterRoleBinding", "Namespace",
		"AppProject", "ValidatingWebhookConfiguration", "ConsoleLink", "ServiceMonitor":
		return false
	}
	return true
}

func syncResult(rt resourceTemplate, namespace, status, message, hookPhase string) m {
	if rt.clusterScoped {
		namespace = "" // Argo CD always writes the field, empty for cluster-scoped resources
	}
	return m{"group": rt.group, "version": rt.version, "kind": rt.kind, "namespace": namespace, "name": rt.name,
		"status": status, "message": message, "hookPhase": hookPhase, "syncPhase": "Sync"}
}

// failSync turns an app into the failed-sync case of argocd-application-outofsync-degraded.yaml:
// an automated sync to the new commit was retried until the limit and failed on an invalid
// Deployment, which is now Degraded, and a removed ConfigMap waits to be pruned.
func (b *clusterBuilder) failSync(u *unstructured.Unstructured, s appSpec) {
	name, ns, rev := s.t.name, s.t.namespace, b.gitHead
	finished := ago(b.r, b.now, 25*time.Minute, 50*time.Minute)
	reason := invalidDeploymentReason(name)
	msg := "one or more objects failed to apply, reason: " + reason + " (retried 5 times)."
	status := u.Object["status"].(m)
	status["conditions"] = []any{m{"type": "SyncError", "lastTransitionTime": stamp(finished),
		"message": "Failed last sync attempt to [" + rev + "]: " + msg}}
	status["health"] = m{"status": "Degraded", "lastTransitionTime": stamp(finished.Add(4 * time.Minute))}

	op := status["operationState"].(m)
	op["phase"], op["message"], op["retryCount"] = "Failed", msg, int64(failedSyncRetries)
	op["startedAt"], op["finishedAt"] = stamp(finished.Add(-85*time.Second)), stamp(finished)
	op["operation"].(m)["sync"].(m)["revision"] = rev
	svc := resourceTemplate{version: "v1", kind: "Service", name: name}
	deploy := resourceTemplate{group: "apps", version: "v1", kind: "Deployment", name: name}
	op["syncResult"].(m)["revision"] = rev
	op["syncResult"].(m)["resources"] = []any{
		syncResult(svc, ns, "Synced", "service/"+name+" unchanged", "Running"),
		syncResult(deploy, ns, "SyncFailed", reason, "Failed"),
	}
	for _, res := range status["resources"].([]any) {
		res := res.(m)
		if res["kind"] == "Deployment" {
			res["health"] = m{"status": "Degraded", "message": `Deployment "` + name + `" exceeded its progress deadline`}
		}
	}
	status["resources"] = append(status["resources"].([]any), m{"kind": "ConfigMap", "name": name + "-legacy-config",
		"namespace": ns, "version": "v1", "status": "OutOfSync", "requiresPruning": true})
}

// appProject adds an AppProject; Argo CD always has "default", the pattern adds one per group.
func (b *clusterBuilder) appProject(namespace, name string) {
	for _, o := range b.objs {
		if o.GetKind() == "AppProject" && o.GetNamespace() == namespace && o.GetName() == name {
			return
		}
	}
	u := newObject(argoAPIVersion, "AppProject", namespace, name, b.r, b.created())
	u.Object["spec"] = m{
		"sourceRepos":              strs("*"),
		"destinations":             []any{m{"namespace": "*", "server": "*"}},
		"clusterResourceWhitelist": []any{m{"group": "*", "kind": "*"}},
	}
	b.add(u)
}

// applicationSet is the hub's guestbook ApplicationSet with the conditions of a healthy
// generation (strings of the v3.5.1 applicationset controller).
func (b *clusterBuilder) applicationSet(apps []string) *unstructured.Unstructured {
	u := newObject(argoAPIVersion, "ApplicationSet", rootAppsNamespace, guestbookAppSetName, b.r, b.created())
	at := ago(b.r, b.now, time.Hour, 48*time.Hour)
	u.Object["spec"] = m{
		"goTemplate": true,
		"generators": []any{m{"clusters": m{"selector": m{"matchLabels": m{"clusterGroup": "group-one"}}}}},
		"template": m{
			"metadata": m{"name": "guestbook-{{.name}}", "labels": m{"app.kubernetes.io/part-of": guestbookAppSetName}},
			"spec": m{"project": "default",
				"source":      m{"repoURL": guestbookRepo, "path": "guestbook", "targetRevision": "HEAD"},
				"destination": m{"name": "{{.name}}", "namespace": "guestbook"},
				"syncPolicy":  m{"automated": m{"prune": true, "selfHeal": true}}},
		},
	}
	resources := make([]any, 0, len(apps))
	for _, a := range apps {
		resources = append(resources, m{"group": "argoproj.io", "version": "v1alpha1", "kind": "Application",
			"namespace": rootAppsNamespace, "name": a, "status": "Synced", "health": m{"status": "Healthy"}})
	}
	u.Object["status"] = m{
		"conditions": []any{
			condition("ErrorOccurred", "False", "ApplicationSetUpToDate", "All applications have been generated successfully", at),
			condition("ParametersGenerated", "True", "ParametersGenerated", "Successfully generated parameters for all Applications", at),
			condition("ResourcesUpToDate", "True", "ApplicationSetUpToDate", "All applications have been generated successfully", at),
		},
		"resources":      resources,
		"resourcesCount": int64(len(resources)),
	}
	return u
}
