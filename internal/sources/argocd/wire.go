package argocd

import (
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/decode"
)

// The wire types of an Application: only the fields DecodeApplication reads, decoded straight
// from the API server's JSON by DecodeApplicationJSON (docs/adr/0002-projections.md, fast
// path). Lists hold pointers so that a null element is told apart from an empty object, as the
// map reader does; every other field has its JSON type, so that any value of another type
// fails the decode and sends the object down the map reader's path, which records the issue.
type (
	wireApp struct {
		APIVersion string        `json:"apiVersion"`
		Kind       string        `json:"kind"`
		Metadata   decode.Wire   `json:"metadata"`
		Spec       wireAppSpec   `json:"spec"`
		Status     wireAppStatus `json:"status"`
	}
	wireAppSpec struct {
		Project     string          `json:"project"`
		Destination wireDestination `json:"destination"`
		Source      *wireSource     `json:"source"`
		Sources     []*wireSource   `json:"sources"`
		SyncPolicy  wireSyncPolicy  `json:"syncPolicy"`
	}
	wireDestination struct {
		Server    string `json:"server"`
		Name      string `json:"name"`
		Namespace string `json:"namespace"`
	}
	wireSource struct {
		RepoURL        string `json:"repoURL"`
		Path           string `json:"path"`
		Chart          string `json:"chart"`
		TargetRevision string `json:"targetRevision"`
	}
	wireSyncPolicy struct {
		SyncOptions []*string      `json:"syncOptions"`
		Automated   *wireAutomated `json:"automated"`
	}
	wireAutomated struct {
		Enabled  *bool `json:"enabled"`
		Prune    bool  `json:"prune"`
		SelfHeal bool  `json:"selfHeal"`
	}
	wireAppStatus struct {
		Sync struct {
			Status    string    `json:"status"`
			Revision  string    `json:"revision"`
			Revisions []*string `json:"revisions"`
		} `json:"sync"`
		Health         wireHealth              `json:"health"`
		OperationState *wireOperation          `json:"operationState"`
		Conditions     []*decode.WireCondition `json:"conditions"`
		Resources      []*wireResource         `json:"resources"`
		History        []*wireHistory          `json:"history"`
		ReconciledAt   string                  `json:"reconciledAt"`
	}
	wireHealth struct {
		Status             string `json:"status"`
		Message            string `json:"message"`
		LastTransitionTime string `json:"lastTransitionTime"`
	}
	wireOperation struct {
		Phase      string `json:"phase"`
		Message    string `json:"message"`
		StartedAt  string `json:"startedAt"`
		FinishedAt string `json:"finishedAt"`
		RetryCount int64  `json:"retryCount"`
		SyncResult struct {
			Revision  string            `json:"revision"`
			Revisions []*string         `json:"revisions"`
			Resources []*wireSyncResult `json:"resources"`
		} `json:"syncResult"`
	}
	wireSyncResult struct {
		Group     string `json:"group"`
		Kind      string `json:"kind"`
		Namespace string `json:"namespace"`
		Name      string `json:"name"`
		Status    string `json:"status"`
		Message   string `json:"message"`
		HookPhase string `json:"hookPhase"`
	}
	wireResource struct {
		Group           string     `json:"group"`
		Version         string     `json:"version"`
		Kind            string     `json:"kind"`
		Namespace       string     `json:"namespace"`
		Name            string     `json:"name"`
		Status          string     `json:"status"`
		Health          wireHealth `json:"health"`
		RequiresPruning bool       `json:"requiresPruning"`
	}
	wireHistory struct {
		ID          int64     `json:"id"`
		Revision    string    `json:"revision"`
		Revisions   []*string `json:"revisions"`
		DeployedAt  string    `json:"deployedAt"`
		InitiatedBy struct {
			Username  string `json:"username"`
			Automated bool   `json:"automated"`
		} `json:"initiatedBy"`
	}
)

// DecodeApplicationJSON is DecodeApplication straight from an Application's JSON, without the
// unstructured map in between (a third of the CPU of a full sync, docs/performance.md). It
// reports false, and decodes nothing, for any object that DecodeApplication would not read
// cleanly (a field of an unexpected type, a bad timestamp): the caller then takes the map
// path, which records the issues. Where it reports true, its result equals
// DecodeApplication's (FuzzDecodeApplicationJSON).
func DecodeApplicationJSON(data []byte, cluster string) (model.App, bool) {
	var w wireApp
	if !decode.Scan(data, w.scan) {
		return model.App{}, false
	}
	return w.model(cluster)
}

// model is the Application of a wire object read cleanly. Every string it keeps is interned
// or copied: the wire object's strings may point into the watch's read buffer.
func (w *wireApp) model(cluster string) (model.App, bool) {
	var t decode.Times
	meta := w.Metadata.Meta(&t, cluster, ApplicationsGVR.Resource, w.APIVersion, w.Kind)
	app := model.App{Meta: meta}
	app.APIVersion = decode.Or(app.APIVersion, apiVersion)
	app.Kind = decode.Or(app.Kind, "Application")

	spec := &w.Spec
	app.Project = decode.Intern(spec.Project)
	app.Destination = model.Destination{
		Server:    decode.Intern(spec.Destination.Server),
		Name:      decode.Intern(spec.Destination.Name),
		Namespace: decode.Intern(spec.Destination.Namespace),
	}
	switch {
	case len(spec.Sources) > 0:
		app.Sources = make([]model.AppSource, 0, len(spec.Sources))
		for _, s := range spec.Sources {
			if s != nil {
				app.Sources = append(app.Sources, s.model())
			}
		}
	case spec.Source != nil:
		app.Sources = []model.AppSource{spec.Source.model()}
	}
	app.SyncOptions = decode.WireStrings(spec.SyncPolicy.SyncOptions)
	if a := spec.SyncPolicy.Automated; a != nil && (a.Enabled == nil || *a.Enabled) {
		app.AutoSync, app.AutoPrune, app.SelfHeal = true, a.Prune, a.SelfHeal
	}

	st := &w.Status
	app.SyncStatus = decode.Intern(st.Sync.Status)
	app.Revision = decode.Intern(st.Sync.Revision)
	app.Revisions = decode.WireStrings(st.Sync.Revisions)
	app.HealthStatus = decode.Intern(st.Health.Status)
	app.HealthMessage = decode.Intern(st.Health.Message)
	app.HealthSince = t.Parse(st.Health.LastTransitionTime)
	if op := st.OperationState; op != nil {
		app.Operation = op.model(&t)
	}
	app.Conditions = decode.WireConditions(&t, st.Conditions)
	for i := range app.Conditions {
		if app.Conditions[i].Status == "" {
			app.Conditions[i].Status = "True"
		}
	}
	if len(st.Resources) > 0 {
		app.Resources = make([]model.AppResource, 0, len(st.Resources))
		for _, r := range st.Resources {
			if r != nil {
				app.Resources = append(app.Resources, r.model())
			}
		}
	}
	if len(st.History) > 0 {
		app.History = make([]model.HistoryEntry, 0, len(st.History))
		for _, h := range st.History {
			if h != nil {
				app.History = append(app.History, h.model(&t))
			}
		}
	}
	app.ReconciledAt = t.Parse(st.ReconciledAt)
	if t.Bad {
		return model.App{}, false
	}
	return app, true
}

func (s *wireSource) model() model.AppSource {
	return model.AppSource{
		RepoURL:        decode.Intern(s.RepoURL),
		Path:           decode.Intern(s.Path),
		Chart:          decode.Intern(s.Chart),
		TargetRevision: decode.Intern(s.TargetRevision),
	}
}

func (op *wireOperation) model(t *decode.Times) *model.Operation {
	out := &model.Operation{
		Phase:      decode.Intern(op.Phase),
		Message:    decode.Intern(op.Message),
		StartedAt:  t.Parse(op.StartedAt),
		FinishedAt: t.Parse(op.FinishedAt),
		RetryCount: op.RetryCount,
	}
	out.Revision = wireFirstRevision(op.SyncResult.Revision, op.SyncResult.Revisions)
	if rs := op.SyncResult.Resources; len(rs) > 0 {
		out.Results = make([]model.SyncResult, 0, len(rs))
		for _, r := range rs {
			if r == nil {
				continue
			}
			out.Results = append(out.Results, model.SyncResult{
				Group:     decode.Intern(r.Group),
				Kind:      decode.Intern(r.Kind),
				Namespace: decode.Intern(r.Namespace),
				Name:      decode.Intern(r.Name),
				Status:    decode.Intern(r.Status),
				Message:   decode.Intern(r.Message),
				HookPhase: decode.Intern(r.HookPhase),
			})
		}
	}
	return out
}

func (r *wireResource) model() model.AppResource {
	return model.AppResource{
		Group:           decode.Intern(r.Group),
		Version:         decode.Intern(r.Version),
		Kind:            decode.Intern(r.Kind),
		Namespace:       decode.Intern(r.Namespace),
		Name:            decode.Intern(r.Name),
		Status:          decode.Intern(r.Status),
		Health:          decode.Intern(r.Health.Status),
		HealthMessage:   decode.Intern(r.Health.Message),
		RequiresPruning: r.RequiresPruning,
	}
}

func (h *wireHistory) model(t *decode.Times) model.HistoryEntry {
	by := decode.Intern(h.InitiatedBy.Username)
	if by == "" && h.InitiatedBy.Automated {
		by = "automated"
	}
	return model.HistoryEntry{
		ID:          h.ID,
		Revision:    wireFirstRevision(h.Revision, h.Revisions),
		DeployedAt:  t.Parse(h.DeployedAt),
		InitiatedBy: by,
	}
}

// wireFirstRevision is firstRevision on the wire types.
func wireFirstRevision(rev string, revs []*string) string {
	if rev != "" {
		return decode.Intern(rev)
	}
	if s := decode.WireStrings(revs); len(s) > 0 {
		return s[0]
	}
	return ""
}
