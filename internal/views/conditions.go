package views

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// conditionLines renders a cluster's Conditions tab: each product source's state, the hub's
// ManagedCluster record (conditions, claims, taints). It reads one snapshot only.
func conditionLines(s *model.ClusterSnapshot, name string, st *styles, now time.Time) []string {
	if s == nil {
		return []string{" " + name + " is no longer in the fleet"}
	}
	var out []string
	for p := model.Product(0); p < model.NumProducts; p++ {
		if s.Sources[p].State == model.StateNoAccess {
			out = append(out, st.notice.Render(" "+sourceNotice(p, s.Name, s.Sources[p], now)), "")
			break
		}
	}
	out = append(out, st.section.Render("Sources"))
	rows := [][]string{{"PRODUCT", "STATE", "SINCE", "UPDATED", "REASON"}}
	for p := model.Product(0); p < model.NumProducts; p++ {
		src := s.Sources[p]
		rows = append(rows, []string{productTitle(p), stateShort(src.State), humanize.Age(now, src.Since),
			humanize.Age(now, src.Updated), humanize.Sanitize(src.Reason)})
	}
	out = append(out, alignRows(rows)...)
	out = append(out, "", st.section.Render("ManagedCluster"))
	m := s.Managed
	if m == nil {
		return append(out, " no ManagedCluster record for "+s.Name+
			" (a hub that does not manage itself, or one-cluster mode)")
	}
	out = append(out, managedFacts(m)...)
	out = append(out, "", st.section.Render("Conditions"))
	out = append(out, conditionTable(m.Conditions, now)...)
	if len(m.Claims) > 0 {
		out = append(out, "", st.section.Render("Claims"))
		keys := make([]string, 0, len(m.Claims))
		for k := range m.Claims {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		rows := make([][]string, 0, len(keys))
		for _, k := range keys {
			rows = append(rows, []string{k, humanize.Sanitize(m.Claims[k])})
		}
		out = append(out, alignRows(rows)...)
	}
	out = append(out, "", st.section.Render("Taints"))
	if len(m.Taints) == 0 {
		out = append(out, " none")
	}
	for _, t := range m.Taints {
		kv := t.Key
		if t.Value != "" {
			kv += "=" + t.Value
		}
		out = append(out, " "+humanize.Sanitize(kv+":"+t.Effect))
	}
	return out
}

// managedFacts lists the ManagedCluster's key fields, one "label  value" per line.
func managedFacts(m *model.ManagedCluster) []string {
	version := m.KubeVersion
	if m.OpenShiftVersion != "" {
		version = "OpenShift " + m.OpenShiftVersion + " (Kubernetes " + dash(m.KubeVersion) + ")"
	}
	facts := [][]string{
		{"Verdict", verdictText(m.Health)},
		{"Available", conditionSummary(m.Available)},
		{"Joined", conditionSummary(m.Joined)},
		{"Accepted", conditionSummary(m.Accepted)},
		{"Hub accepts", fmt.Sprint(m.HubAcceptsClient)},
		{"Version", dash(version)},
		{"Platform", joinNonEmpty(" · ", m.Cloud, m.Vendor, m.Platform, m.Region, m.Product)},
		{"Cluster set", dash(m.ClusterSet)},
		{"API", dash(strings.Join(m.ClientURLs, ", "))},
	}
	if m.LeaseDurationSeconds > 0 {
		facts = append(facts, []string{"Lease", fmt.Sprintf("%ds", m.LeaseDurationSeconds)})
	}
	if len(m.DecodeIssues) > 0 {
		facts = append(facts, []string{"Decode issues", strings.Join(m.DecodeIssues, "; ")})
	}
	return alignRows(facts)
}

// conditionSummary renders a condition as "False (Reason: message)"; "absent" when missing.
func conditionSummary(c model.Condition) string {
	if c.Status == "" {
		return "absent"
	}
	detail := joinNonEmpty(": ", c.Reason, humanize.Sanitize(c.Message))
	if detail == "-" {
		return c.Status
	}
	return c.Status + " (" + detail + ")"
}

// conditionTable renders conditions as aligned TYPE STATUS AGE REASON/MESSAGE lines.
func conditionTable(conds []model.Condition, now time.Time) []string {
	if len(conds) == 0 {
		return []string{" none"}
	}
	rows := [][]string{{"TYPE", "STATUS", "AGE", "REASON", "MESSAGE"}}
	for _, c := range conds {
		rows = append(rows, []string{c.Type, dash(c.Status), humanize.Age(now, c.LastTransition), dash(c.Reason),
			humanize.Sanitize(c.Message)})
	}
	return alignRows(rows)
}

// alignRows pads every column but the last to its widest cell, with a one-space indent.
func alignRows(rows [][]string) []string {
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

func joinNonEmpty(sep string, parts ...string) string {
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
