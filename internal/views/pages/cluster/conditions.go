package cluster

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// conditionLines renders a cluster's Conditions tab: each product source's state, the hub's
// ManagedCluster record (conditions, claims, taints). It reads one snapshot only.
func conditionLines(s *model.ClusterSnapshot, name string, st *components.Styles, now time.Time, width int) []string {
	if s == nil {
		return []string{" " + name + " is no longer in the fleet"}
	}
	var out []string
	for p := model.Product(0); p < model.NumProducts; p++ {
		if s.Sources[p].State == model.StateNoAccess {
			out = append(out, st.Notice.Render(" "+rows.SourceNotice(p, s.Name, s.Sources[p], now)), "")
			break
		}
	}
	out = append(out, st.Section.Render("Sources"))
	table := [][]string{{"PRODUCT", "STATE", "SINCE", "UPDATED", "REASON"}}
	for p := model.Product(0); p < model.NumProducts; p++ {
		src := s.Sources[p]
		table = append(table, []string{rows.ProductTitle(p), rows.StateShort(src.State), humanize.Age(now, src.Since),
			humanize.Age(now, src.Updated), humanize.OneLine(src.Reason)})
	}
	out = append(out, rows.FitRows(table, []int{0, 0, 2, 1, 0}, width)...)
	out = append(out, "", st.Section.Render("ManagedCluster"))
	m := s.Managed
	if m == nil {
		return append(out, " no ManagedCluster record for "+s.Name+
			" (a hub that does not manage itself, or one-cluster mode)")
	}
	out = append(out, managedFacts(m)...)
	out = append(out, "", st.Section.Render("Conditions"))
	out = append(out, rows.ConditionTable(m.Conditions, now, width)...)
	if len(m.Claims) > 0 {
		out = append(out, "", st.Section.Render("Claims"))
		keys := make([]string, 0, len(m.Claims))
		for k := range m.Claims {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		table := make([][]string, 0, len(keys))
		for _, k := range keys {
			table = append(table, []string{k, humanize.Sanitize(m.Claims[k])})
		}
		out = append(out, rows.AlignRows(table)...)
	}
	out = append(out, "", st.Section.Render("Taints"))
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
		version = "OpenShift " + m.OpenShiftVersion + " (Kubernetes " + rows.Dash(m.KubeVersion) + ")"
	}
	facts := [][]string{
		{"Verdict", rows.VerdictText(m.Health)},
		{"Available", rows.ConditionSummary(m.Available)},
		{"Joined", rows.ConditionSummary(m.Joined)},
		{"Accepted", rows.ConditionSummary(m.Accepted)},
		{"Hub accepts", fmt.Sprint(m.HubAcceptsClient)},
		{"Version", rows.Dash(version)},
		{"Platform", rows.JoinDistinct(" · ", m.Cloud, m.Vendor, m.Platform, m.Region, m.Product)},
		{"Cluster set", rows.Dash(m.ClusterSet)},
		{"API", rows.Dash(strings.Join(m.ClientURLs, ", "))},
	}
	if m.LeaseDurationSeconds > 0 {
		facts = append(facts, []string{"Lease", fmt.Sprintf("%ds", m.LeaseDurationSeconds)})
	}
	if len(m.DecodeIssues) > 0 {
		facts = append(facts, []string{"Decode issues", strings.Join(m.DecodeIssues, "; ")})
	}
	return rows.AlignRows(facts)
}
