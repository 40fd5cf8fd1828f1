package views

import (
	"fmt"
	"slices"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// historyShown is how many history entries the drift page lists.
const historyShown = 10

// driftLines renders the drift page of one app from its snapshot; nothing is guessed: what
// Argo CD did not record is shown as "-".
func driftLines(a *model.App, st *styles, now time.Time) []string {
	if a == nil {
		return []string{" this app is no longer in the fleet (deleted, or its cluster stopped reporting)"}
	}
	out := alignRows(driftFacts(a, now))
	out = append(out, "", st.section.Render("Last sync operation"))
	out = append(out, operationLines(a.Operation, st, now)...)
	out = append(out, "", st.section.Render("Conditions"))
	out = append(out, conditionTable(a.Conditions, now)...)
	outOfSync := len(outOfSyncResources(a))
	out = append(out, "", st.section.Render(fmt.Sprintf("Managed resources (%d of %d out of sync or to prune)",
		outOfSync, len(a.Resources))))
	out = append(out, resourceTable(a.Resources, false)...)
	out = append(out, "", st.section.Render("History (newest first)"))
	return append(out, historyTable(a.History, now)...)
}

// driftFacts are the app's sync state: where it deploys, sync and health, and for each source
// the revision deployed against the target revision.
func driftFacts(a *model.App, now time.Time) [][]string {
	add := func(rows [][]string, k, v string) [][]string { return append(rows, []string{k, humanize.Sanitize(v)}) }
	rows := [][]string{{"Verdict", verdictText(a.Health)}}
	rows = add(rows, "Destination", joinNonEmpty(" · ", appDest(a), a.Destination.Namespace))
	sync := dash(a.SyncStatus)
	if cell := syncCell(a); cell != sync {
		sync += " · sync operation " + cell
	}
	rows = add(rows, "Sync", sync)
	rows = add(rows, "Health", joinNonEmpty(": ", a.HealthStatus, a.HealthMessage))
	for i, s := range a.Sources {
		deployed := a.Revision
		if len(a.Revisions) > i {
			deployed = a.Revisions[i]
		}
		label := "Source"
		if len(a.Sources) > 1 {
			label = fmt.Sprintf("Source %d", i+1)
		}
		rows = add(rows, label, joinNonEmpty(" ", s.RepoURL, s.Path, s.Chart))
		rows = add(rows, "  revision", "at "+dash(shortRev(deployed))+" · target "+firstNonEmpty(s.TargetRevision, "HEAD"))
	}
	if len(a.Sources) == 0 {
		rows = add(rows, "Revision", dash(shortRev(a.Revision)))
	}
	rows = add(rows, "Auto-sync", fmt.Sprintf("%v (prune %v, self-heal %v)", a.AutoSync, a.AutoPrune, a.SelfHeal))
	if len(a.SyncOptions) > 0 {
		rows = add(rows, "Sync options", fmt.Sprint(a.SyncOptions))
	}
	return add(rows, "Reconciled", humanize.Age(now, a.ReconciledAt)+" ago")
}

// operationLines renders status.operationState: phase, message, timing and the per-resource
// results of the last sync, each result's message on its own line below it.
func operationLines(op *model.Operation, st *styles, now time.Time) []string {
	if op == nil {
		return []string{" none recorded"}
	}
	timing := "started " + humanize.Age(now, op.StartedAt) + " ago"
	if !op.FinishedAt.IsZero() {
		timing += ", finished " + humanize.Age(now, op.FinishedAt) + " ago"
	}
	if op.RetryCount > 0 {
		timing += fmt.Sprintf(", retries %d", op.RetryCount)
	}
	out := alignRows([][]string{
		{"Phase", phaseStyle(op.Phase, st).Render(dash(op.Phase))},
		{"Message", dash(humanize.OneLine(op.Message))},
		{"When", timing},
		{"Revision", dash(shortRev(op.Revision))},
	})
	if len(op.Results) == 0 {
		return out
	}
	rows := [][]string{{"RESULT", "KIND", "NAMESPACE/NAME", "HOOK"}}
	for _, r := range op.Results {
		rows = append(rows, []string{dash(r.Status), r.Kind, joinNonEmpty("/", r.Namespace, r.Name), dash(r.HookPhase)})
	}
	out = append(out, "")
	for i, line := range alignRows(rows) {
		if i == 0 {
			out = append(out, line)
			continue
		}
		r := op.Results[i-1]
		if r.Status == "SyncFailed" {
			line = st.forVerdict(model.VerdictCritical).Render(line)
		}
		out = append(out, line)
		if msg := humanize.OneLine(r.Message); msg != "" {
			out = append(out, "   "+msg)
		}
	}
	return out
}

// phaseStyle colours an operation phase: failed red, running yellow, succeeded green.
func phaseStyle(phase string, st *styles) lipgloss.Style {
	switch phase {
	case "Failed", "Error":
		return st.forVerdict(model.VerdictCritical)
	case "Running", "Terminating":
		return st.forVerdict(model.VerdictWarning)
	case "Succeeded":
		return st.forVerdict(model.VerdictOK)
	}
	return lipgloss.NewStyle()
}

// resourceTable renders status.resources, out-of-sync and to-prune ones first (otherwise in
// Argo CD's order); outOfSyncOnly leaves the synced ones out. Health is "-" when Argo CD did
// not record it.
func resourceTable(resources []model.AppResource, outOfSyncOnly bool) []string {
	drifted := func(r *model.AppResource) bool { return r.Status == "OutOfSync" || r.RequiresPruning }
	sorted := slices.Clone(resources)
	slices.SortStableFunc(sorted, func(a, b model.AppResource) int {
		switch da, db := drifted(&a), drifted(&b); {
		case da && !db:
			return -1
		case db && !da:
			return 1
		}
		return 0
	})
	rows := [][]string{{"KIND", "NAMESPACE", "NAME", "SYNC", "PRUNE", "HEALTH"}}
	for i := range sorted {
		r := &sorted[i]
		if outOfSyncOnly && !drifted(r) {
			continue
		}
		prune := ""
		if r.RequiresPruning {
			prune = "requires pruning"
		}
		rows = append(rows, []string{r.Kind, dash(r.Namespace), r.Name, dash(r.Status), prune,
			joinNonEmpty(": ", r.Health, humanize.OneLine(r.HealthMessage))})
	}
	if len(rows) == 1 {
		if outOfSyncOnly {
			return []string{" none: every managed resource is in sync"}
		}
		return []string{" none recorded"}
	}
	return alignRows(rows)
}

// historyTable renders the newest history entries first.
func historyTable(history []model.HistoryEntry, now time.Time) []string {
	if len(history) == 0 {
		return []string{" none recorded"}
	}
	rows := [][]string{{"ID", "REVISION", "DEPLOYED", "INITIATED BY"}}
	for i := len(history) - 1; i >= 0 && len(rows) <= historyShown; i-- {
		h := history[i]
		rows = append(rows, []string{fmt.Sprint(h.ID), dash(shortRev(h.Revision)), humanize.Age(now, h.DeployedAt) + " ago",
			dash(humanize.OneLine(h.InitiatedBy))})
	}
	return alignRows(rows)
}
