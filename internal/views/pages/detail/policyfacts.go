package detail

import (
	"fmt"
	"strings"
	"time"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// historyShown is how many history entries per template a detail page lists.
const historyShown = 5

// policyFacts are the key fields of a root or replicated policy.
func policyFacts(p *model.Policy, add func(k, v string)) {
	if p.RootPolicy != "" {
		add("Root policy", p.RootPolicy)
		add("Applies to", p.ClusterName)
	}
	add("Compliant", rows.Dash(p.Compliant))
	add("Remediation", rows.Dash(p.RemediationAction))
	add("Severity", rows.Dash(p.Severity()))
	if p.Disabled {
		add("Disabled", "true")
	}
	add("Standards", rows.Dash(strings.Join(p.Standards, ", ")))
	add("Categories", rows.Dash(strings.Join(p.Categories, ", ")))
	add("Controls", rows.Dash(strings.Join(p.Controls, ", ")))
	for _, t := range p.Templates {
		what := rows.JoinNonEmpty(" ", t.Kind, t.Name)
		if len(t.InstallsWhat) > 0 {
			what += " (creates " + strings.Join(t.InstallsWhat, ", ") + ")"
		}
		add("Template", rows.JoinNonEmpty(" · ", what, t.Severity, t.RemediationAction))
	}
	for _, d := range p.Dependencies {
		add("Depends on", d)
	}
}

// rootPolicyLines are a root policy's per-cluster table (compliance, failing template and its
// latest message, from each cluster's replicated copy) and each failing copy's recent history.
func rootPolicyLines(r *rows.RootPolicy, now time.Time) []string {
	byCluster := make(map[string]*model.Policy, len(r.Copies))
	for _, c := range r.Copies {
		byCluster[c.ClusterName] = c
	}
	table := [][]string{{"CLUSTER", "COMPLIANT", "TEMPLATE", "LATEST MESSAGE"}}
	for _, cc := range r.Policy.Clusters {
		template, message := "-", "-"
		if cp := byCluster[cc.Cluster]; cp != nil {
			template = rows.FailingTemplate(cp)
			message = latestMessage(cp, now)
		}
		table = append(table, []string{cc.Cluster, rows.Dash(cc.Compliant), template, message})
	}
	var out []string
	if len(table) == 1 {
		out = append(out, " no cluster has reported compliance")
	} else {
		out = append(out, rows.AlignRows(table)...)
	}
	for _, cp := range r.Copies {
		if cp.Compliant != model.Compliant {
			out = append(out, "", " History on "+cp.ClusterName)
			out = append(out, historyLines(cp, now)...)
		}
	}
	return out
}

// latestMessage is the newest history message of the first template that is not Compliant,
// else of the first template.
func latestMessage(p *model.Policy, now time.Time) string {
	for _, d := range p.Details {
		if d.Compliant != model.Compliant {
			if ev, ok := d.Latest(); ok {
				return humanize.Age(now, ev.Time) + " ago: " + humanize.Sanitize(ev.Message)
			}
		}
	}
	return "-"
}

// historyLines lists each template's recent history, newest first.
func historyLines(p *model.Policy, now time.Time) []string {
	var out []string
	for _, d := range p.Details {
		out = append(out, fmt.Sprintf(" %s: %s", rows.Dash(d.Name), rows.Dash(d.Compliant)))
		for i, ev := range d.History {
			if i == historyShown {
				out = append(out, fmt.Sprintf("   … %d older", d.HistoryTotal-historyShown))
				break
			}
			out = append(out, "   "+humanize.Age(now, ev.Time)+" ago  "+humanize.Sanitize(ev.Message))
		}
	}
	if len(out) == 0 {
		return []string{" no compliance history reported"}
	}
	return out
}

// extraTitle is the section title of a detail page's extra lines.
func extraTitle(obj any) string {
	switch obj.(type) {
	case *model.Policy:
		return "Compliance"
	case *rows.RootPolicy:
		return "Compliance across the fleet"
	}
	return "Resources not synced or not healthy"
}

// isPolicy reports whether obj is a policy, which has no conditions to list.
func isPolicy(obj any) bool {
	switch obj.(type) {
	case *model.Policy, *rows.RootPolicy:
		return true
	}
	return false
}
