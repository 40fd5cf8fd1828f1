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

// ConditionTable renders conditions as aligned TYPE STATUS AGE REASON MESSAGE lines fitted to
// width (0: no limit): AGE goes first, then REASON; MESSAGE is cut last.
func ConditionTable(conds []model.Condition, now time.Time, width int) []string {
	if len(conds) == 0 {
		return []string{" none"}
	}
	rows := [][]string{{"TYPE", "STATUS", "AGE", "REASON", "MESSAGE"}}
	for _, c := range conds {
		rows = append(rows, []string{c.Type, Dash(c.Status), humanize.Age(now, c.LastTransition), Dash(c.Reason),
			humanize.OneLine(c.Message)})
	}
	return FitRows(rows, []int{0, 0, 1, 0, 0}, width)
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

// FitRows aligns a table (its first row the header) into at most width cells a line: while it
// is too wide, the visible column with the highest drop number goes (0: never dropped), as
// the lists do; then the widest columns are cut, marked "…". Cells are already safe text
// (humanize.OneLine / Sanitize).
func FitRows(table [][]string, drop []int, width int) []string {
	if len(table) == 0 {
		return nil
	}
	n := len(table[0])
	visible := make([]bool, n)
	for i := range visible {
		visible[i] = true
	}
	natural := make([]int, n)
	for _, r := range table {
		for i := 0; i < n && i < len(r); i++ {
			natural[i] = max(natural[i], ansi.StringWidth(r[i]))
		}
	}
	total := func() (sum int) {
		count := 0
		for i := range n {
			if visible[i] {
				sum += natural[i]
				count++
			}
		}
		return sum + 1 + 2*max(count-1, 0) // the indent, the gaps
	}
	for width > 0 && total() > width {
		worst := -1
		for i := range n {
			if visible[i] && i < len(drop) && drop[i] > 0 && (worst < 0 || drop[i] >= drop[worst]) {
				worst = i
			}
		}
		if worst < 0 {
			break
		}
		visible[worst] = false
	}
	// Still too wide: cut the widest column, down to its title's width (at least 8 cells), then
	// the next widest, and so on.
	limit := slices.Clone(natural)
	for over := total() - width; width > 0 && over > 0; over = total() - width {
		widest := -1
		for i := range n {
			floor := max(ansi.StringWidth(table[0][i]), 8)
			if visible[i] && natural[i] > floor && (widest < 0 || natural[i] > natural[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			break
		}
		cut := min(over, natural[widest]-max(ansi.StringWidth(table[0][widest]), 8))
		natural[widest] -= cut
		limit[widest] = natural[widest]
	}
	kept := make([][]string, len(table))
	for j, r := range table {
		for i := 0; i < n && i < len(r); i++ {
			if !visible[i] {
				continue
			}
			c := r[i]
			if ansi.StringWidth(c) > limit[i] {
				c = humanize.Truncate(c, max(limit[i], 1))
			}
			kept[j] = append(kept[j], c)
		}
	}
	return AlignRows(kept)
}

// JoinDistinct joins the non-empty parts with sep, each value once (compared without case:
// the claims repeat "OpenShift" as vendor and product, "AWS" as cloud and platform); "-"
// when all are empty.
func JoinDistinct(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" && !slices.ContainsFunc(keep, func(k string) bool { return strings.EqualFold(k, p) }) {
			keep = append(keep, p)
		}
	}
	return JoinNonEmpty(sep, keep...)
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
// not record it. Lines fit width (0: no limit): NAMESPACE goes first, then PRUNE.
func ResourceTable(resources []model.AppResource, outOfSyncOnly bool, width int) []string {
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
		rows = append(rows, []string{humanize.OneLine(r.Kind), Dash(humanize.OneLine(r.Namespace)), humanize.OneLine(r.Name),
			Dash(r.Status), prune, JoinNonEmpty(": ", humanize.OneLine(r.Health), humanize.OneLine(r.HealthMessage))})
	}
	if len(rows) == 1 {
		if outOfSyncOnly {
			return []string{" none: every managed resource is in sync"}
		}
		return []string{" none recorded"}
	}
	return FitRows(rows, []int{0, 2, 0, 0, 1, 0}, width)
}

// ShortRev shortens a git revision to twelve characters.
func ShortRev(r string) string {
	if len(r) > 12 {
		return r[:12]
	}
	return r
}
