package drift

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// historyShown is how many history entries the drift page lists.
const historyShown = 10

// driftLines renders the drift page of one app from its snapshot; nothing is guessed: what
// Argo CD did not record is shown as "-". Table rows fit width (0: no limit), dropping their
// least important columns first as the lists do; only result messages wrap.
func driftLines(a *model.App, st *components.Styles, now time.Time, width int) []string {
	if a == nil {
		return []string{" this app is no longer in the fleet (deleted, or its cluster stopped reporting)"}
	}
	out := rows.FitRows(driftFacts(a, now), nil, width)
	out = append(out, "", st.Section.Render("Last sync operation"))
	out = append(out, operationLines(a.Operation, st, now, width)...)
	out = append(out, "", st.Section.Render("Conditions"))
	out = append(out, rows.ConditionTable(a.Conditions, now, width)...)
	outOfSync := len(rows.OutOfSyncResources(a))
	out = append(out, "", st.Section.Render(fmt.Sprintf("Managed resources (%d of %d out of sync or to prune)",
		outOfSync, len(a.Resources))))
	out = append(out, rows.ResourceTable(a.Resources, false, width)...)
	out = append(out, "", st.Section.Render("History (newest first)"))
	return append(out, historyTable(a.History, now, width)...)
}

// driftFacts are the app's sync state: where it deploys, sync and health, and for each source
// the revision deployed against the target revision.
func driftFacts(a *model.App, now time.Time) [][]string {
	add := func(table [][]string, k, v string) [][]string {
		return append(table, []string{k, humanize.Sanitize(v)})
	}
	table := [][]string{{"Verdict", rows.VerdictText(a.Health)}}
	table = add(table, "Destination", rows.JoinNonEmpty(" · ", rows.AppDest(a), a.Destination.Namespace))
	sync := rows.Dash(a.SyncStatus)
	if cell := rows.SyncCell(a); cell != sync {
		sync += " · sync operation " + cell
	}
	table = add(table, "Sync", sync)
	table = add(table, "Health", rows.JoinNonEmpty(": ", a.HealthStatus, a.HealthMessage))
	for i, s := range a.Sources {
		deployed := a.Revision
		if len(a.Revisions) > i {
			deployed = a.Revisions[i]
		}
		label := "Source"
		if len(a.Sources) > 1 {
			label = fmt.Sprintf("Source %d", i+1)
		}
		table = add(table, label, rows.JoinNonEmpty(" ", s.RepoURL, s.Path, s.Chart))
		table = add(table, "  revision", "at "+rows.Dash(rows.ShortRev(deployed))+" · target "+rows.FirstNonEmpty(s.TargetRevision, "HEAD"))
	}
	if len(a.Sources) == 0 {
		table = add(table, "Revision", rows.Dash(rows.ShortRev(a.Revision)))
	}
	table = add(table, "Auto-sync", fmt.Sprintf("%v (prune %v, self-heal %v)", a.AutoSync, a.AutoPrune, a.SelfHeal))
	if len(a.SyncOptions) > 0 {
		table = add(table, "Sync options", strings.Join(a.SyncOptions, ", "))
	}
	return add(table, "Reconciled", humanize.Age(now, a.ReconciledAt)+" ago")
}

// operationLines renders status.operationState: phase, message, timing and the per-resource
// results of the last sync, each result's message on its own line below it.
func operationLines(op *model.Operation, st *components.Styles, now time.Time, width int) []string {
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
	out := rows.AlignRows([][]string{
		{"Phase", phaseStyle(op.Phase, st).Render(rows.Dash(op.Phase))},
		{"Message", rows.Dash(humanize.OneLine(op.Message))},
		{"When", timing},
		{"Revision", rows.Dash(rows.ShortRev(op.Revision))},
	})
	if len(op.Results) == 0 {
		return out
	}
	// HOOK only when the sync ran hooks: for plain resources it would be a column of dashes.
	hooks := slices.ContainsFunc(op.Results, func(r model.SyncResult) bool { return r.HookPhase != "" })
	table := [][]string{{"RESULT", "KIND", "NAMESPACE/NAME"}}
	if hooks {
		table[0] = append(table[0], "HOOK")
	}
	for _, r := range op.Results {
		cells := []string{rows.Dash(r.Status), humanize.OneLine(r.Kind), humanize.OneLine(rows.JoinNonEmpty("/", r.Namespace, r.Name))}
		if hooks {
			cells = append(cells, r.HookPhase) // blank for a resource that is not a hook
		}
		table = append(table, cells)
	}
	out = append(out, "")
	for i, line := range rows.FitRows(table, []int{0, 1, 0, 2}, width) {
		if i == 0 {
			out = append(out, line)
			continue
		}
		r := op.Results[i-1]
		if r.Status == "SyncFailed" {
			line = st.ForTone(int(model.VerdictCritical)).Render(line)
		}
		out = append(out, line)
		if msg := humanize.OneLine(r.Message); msg != "" {
			out = append(out, "   "+msg)
		}
	}
	return out
}

// phaseStyle colours an operation phase: failed red, running yellow, succeeded green.
func phaseStyle(phase string, st *components.Styles) lipgloss.Style {
	switch phase {
	case "Failed", "Error":
		return st.ForTone(int(model.VerdictCritical))
	case "Running", "Terminating":
		return st.ForTone(int(model.VerdictWarning))
	case "Succeeded":
		return st.ForTone(int(model.VerdictOK))
	}
	return lipgloss.NewStyle()
}

// historyTable renders the newest history entries first.
func historyTable(history []model.HistoryEntry, now time.Time, width int) []string {
	if len(history) == 0 {
		return []string{" none recorded"}
	}
	table := [][]string{{"ID", "REVISION", "DEPLOYED", "INITIATED BY"}}
	for i := len(history) - 1; i >= 0 && len(table) <= historyShown; i-- {
		h := history[i]
		table = append(table, []string{fmt.Sprint(h.ID), rows.Dash(rows.ShortRev(h.Revision)), humanize.Age(now, h.DeployedAt) + " ago",
			rows.Dash(humanize.OneLine(h.InitiatedBy))})
	}
	return rows.FitRows(table, []int{0, 0, 0, 1}, width)
}
