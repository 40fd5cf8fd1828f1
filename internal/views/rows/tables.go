package rows

import (
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// ConditionSummary renders a condition as "False (Reason: message)"; "absent" when missing.
func ConditionSummary(c model.Condition) string {
	if c.Status == "" {
		return "absent"
	}
	detail := JoinNonEmpty(": ", c.Reason, humanize.Sanitize(c.Message))
	if detail == "-" {
		return c.Status
	}
	return c.Status + " (" + detail + ")"
}

// ConditionTable renders conditions as aligned TYPE STATUS AGE REASON/MESSAGE lines.
func ConditionTable(conds []model.Condition, now time.Time) []string {
	if len(conds) == 0 {
		return []string{" none"}
	}
	rows := [][]string{{"TYPE", "STATUS", "AGE", "REASON", "MESSAGE"}}
	for _, c := range conds {
		rows = append(rows, []string{c.Type, Dash(c.Status), humanize.Age(now, c.LastTransition), Dash(c.Reason),
			humanize.Sanitize(c.Message)})
	}
	return AlignRows(rows)
}

// AlignRows pads every column but the last to its widest cell, with a one-space indent.
func AlignRows(rows [][]string) []string {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		var b strings.Builder
		b.WriteString(" ")
		for j, c := range r {
			if j == len(r)-1 {
				b.WriteString(c)
				break
			}
			b.WriteString(c + strings.Repeat(" ", widths[j]-ansi.StringWidth(c)+2))
		}
		out[i] = strings.TrimRight(b.String(), " ")
	}
	return out
}

// JoinNonEmpty joins the non-empty parts with sep; "-" when all are empty.
func JoinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	if len(keep) == 0 {
		return "-"
	}
	return strings.Join(keep, sep)
}

// ResourceTable renders status.resources, out-of-sync and to-prune ones first (otherwise in
// Argo CD's order); outOfSyncOnly leaves the synced ones out. Health is "-" when Argo CD did
// not record it.
func ResourceTable(resources []model.AppResource, outOfSyncOnly bool) []string {
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
		rows = append(rows, []string{r.Kind, Dash(r.Namespace), r.Name, Dash(r.Status), prune,
			JoinNonEmpty(": ", r.Health, humanize.OneLine(r.HealthMessage))})
	}
	if len(rows) == 1 {
		if outOfSyncOnly {
			return []string{" none: every managed resource is in sync"}
		}
		return []string{" none recorded"}
	}
	return AlignRows(rows)
}

// ShortRev shortens a git revision to twelve characters.
func ShortRev(r string) string {
	if len(r) > 12 {
		return r[:12]
	}
	return r
}
