package argocd

import (
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/decode"
)

// apiVersion is what objects built without apiVersion (tests, the demo) are assumed to be.
var apiVersion = ApplicationsGVR.GroupVersion().String()

// DecodeApplication projects an Argo CD Application into a model.App. It never panics: fields
// with unexpected types read as empty and are listed in DecodeIssues. DestCluster and Health are
// left empty; they are resolved later from the fleet and the health rules.
func DecodeApplication(u *unstructured.Unstructured, cluster string) model.App {
	r := decode.Of(u)
	app := model.App{Meta: r.Meta(cluster, ApplicationsGVR.Resource)}
	app.APIVersion = decode.Or(app.APIVersion, apiVersion)
	app.Kind = decode.Or(app.Kind, "Application")

	spec := r.Map("spec")
	app.Project = spec.Str("project")
	dest := spec.Map("destination")
	app.Destination = model.Destination{
		Server:    dest.Str("server"),
		Name:      dest.Str("name"),
		Namespace: dest.Str("namespace"),
	}
	app.Sources = decodeSources(spec)
	decodeSyncPolicy(spec.Map("syncPolicy"), &app)

	status := r.Map("status")
	app.SyncStatus = status.Str("sync", "status")
	app.Revision = status.Str("sync", "revision")
	app.Revisions = status.StrSlice("sync", "revisions")
	app.HealthStatus = status.Str("health", "status")
	app.HealthMessage = status.Str("health", "message")
	app.HealthSince = status.Time("health", "lastTransitionTime")
	app.Operation = decodeOperation(status)
	app.Conditions = decodeAppConditions(status)
	app.Resources = decodeResources(status)
	app.History = decodeHistory(status)
	app.ReconciledAt = status.Time("reconciledAt")

	app.DecodeIssues = r.Issues()
	return app
}

// DecodeApplicationSet projects an Argo CD ApplicationSet into a model.AppSet; like
// DecodeApplication it never panics. Health is left empty.
func DecodeApplicationSet(u *unstructured.Unstructured, cluster string) model.AppSet {
	r := decode.Of(u)
	set := model.AppSet{Meta: r.Meta(cluster, ApplicationSetsGVR.Resource)}
	set.APIVersion = decode.Or(set.APIVersion, apiVersion)
	set.Kind = decode.Or(set.Kind, "ApplicationSet")
	// ApplicationSet conditions, unlike Application ones, carry a real status.
	set.Conditions = r.Conditions("status", "conditions")
	set.Resources = decodeResources(r.Map("status"))
	set.DecodeIssues = r.Issues()
	return set
}

// decodeSources reads spec.sources when it is non-empty, else spec.source: Argo CD itself
// ignores spec.source once spec.sources has entries.
func decodeSources(spec *decode.Reader) []model.AppSource {
	source := func(s *decode.Reader) model.AppSource {
		return model.AppSource{
			RepoURL:        s.Str("repoURL"),
			Path:           s.Str("path"),
			Chart:          s.Str("chart"),
			TargetRevision: s.Str("targetRevision"),
		}
	}
	if n := spec.Len("sources"); n > 0 {
		out := make([]model.AppSource, 0, n)
		spec.Each([]string{"sources"}, func(s *decode.Reader) { out = append(out, source(s)) })
		return out
	}
	if spec.Has("source") {
		return []model.AppSource{source(spec.Map("source"))}
	}
	return nil
}

// decodeSyncPolicy reads spec.syncPolicy. An automated block turns auto-sync on unless it says
// enabled: false (Argo CD ≥ 2.14 lets a policy keep its prune/selfHeal settings while
// disabled); prune and self-heal are reported only while auto-sync is on, since only then do
// they take effect.
func decodeSyncPolicy(policy *decode.Reader, app *model.App) {
	app.SyncOptions = policy.StrSlice("syncOptions")
	if !policy.Has("automated") {
		return
	}
	automated := policy.Map("automated")
	if automated.Has("enabled") && !automated.Bool("enabled") {
		return
	}
	app.AutoSync = true
	app.AutoPrune = automated.Bool("prune")
	app.SelfHeal = automated.Bool("selfHeal")
}

// decodeOperation reads status.operationState; nil when absent.
func decodeOperation(status *decode.Reader) *model.Operation {
	if !status.Has("operationState") {
		return nil
	}
	st := status.Map("operationState")
	op := &model.Operation{
		Phase:      st.Str("phase"),
		Message:    st.Str("message"),
		StartedAt:  st.Time("startedAt"),
		FinishedAt: st.Time("finishedAt"),
		RetryCount: st.Int("retryCount"),
	}
	result := st.Map("syncResult")
	op.Revision = firstRevision(result)
	if n := result.Len("resources"); n > 0 {
		op.Results = make([]model.SyncResult, 0, n)
		result.Each([]string{"resources"}, func(e *decode.Reader) {
			op.Results = append(op.Results, model.SyncResult{
				Group:     e.Str("group"),
				Kind:      e.Str("kind"),
				Namespace: e.Str("namespace"),
				Name:      e.Str("name"),
				Status:    e.Str("status"),
				Message:   e.Str("message"),
				HookPhase: e.Str("hookPhase"),
			})
		})
	}
	return op
}

// firstRevision returns r's revision, or the first of its revisions for multi-source apps,
// which record one revision per source instead.
func firstRevision(r *decode.Reader) string {
	if rev := r.Str("revision"); rev != "" {
		return rev
	}
	if revs := r.StrSlice("revisions"); len(revs) > 0 {
		return revs[0]
	}
	return ""
}

// decodeAppConditions reads status.conditions. Application conditions have no status field:
// a condition that is listed is in effect, so it reads as "True".
func decodeAppConditions(status *decode.Reader) []model.Condition {
	conds := status.Conditions("conditions")
	for i := range conds {
		if conds[i].Status == "" {
			conds[i].Status = "True"
		}
	}
	return conds
}

// decodeResources reads status.resources. Per-resource health is copied only where Argo CD
// stored it (not by default since 3.0).
func decodeResources(status *decode.Reader) []model.AppResource {
	n := status.Len("resources")
	if n == 0 {
		return nil
	}
	out := make([]model.AppResource, 0, n)
	status.Each([]string{"resources"}, func(e *decode.Reader) {
		out = append(out, model.AppResource{
			Group:           e.Str("group"),
			Version:         e.Str("version"),
			Kind:            e.Str("kind"),
			Namespace:       e.Str("namespace"),
			Name:            e.Str("name"),
			Status:          e.Str("status"),
			Health:          e.Str("health", "status"),
			HealthMessage:   e.Str("health", "message"),
			RequiresPruning: e.Bool("requiresPruning"),
		})
	})
	return out
}

// decodeHistory reads status.history, oldest first as Argo CD stores it.
func decodeHistory(status *decode.Reader) []model.HistoryEntry {
	n := status.Len("history")
	if n == 0 {
		return nil
	}
	out := make([]model.HistoryEntry, 0, n)
	status.Each([]string{"history"}, func(e *decode.Reader) {
		by := e.Str("initiatedBy", "username")
		if by == "" && e.Bool("initiatedBy", "automated") {
			by = "automated"
		}
		out = append(out, model.HistoryEntry{
			ID:          e.Int("id"),
			Revision:    firstRevision(e),
			DeployedAt:  e.Time("deployedAt"),
			InitiatedBy: by,
		})
	})
	return out
}
