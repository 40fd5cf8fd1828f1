package health

import (
	"fmt"
	"strings"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// maxNamedClusters is how many non-compliant clusters a root policy's reason names before it
// counts the rest.
const maxNamedClusters = 3

// Policy judges one cluster's compliance with a policy: a replicated policy in that cluster's
// namespace (docs/health.md, "ACM governance"). A policy judged on its own (no copies) is
// judged the same way from its own status.
func Policy(p *model.Policy) model.Health {
	if p.Disabled {
		return model.Health{Verdict: model.VerdictOK, Reason: "disabled"}
	}
	var j judgement
	switch p.Compliant {
	case model.Compliant:
	case model.NonCompliant:
		t, detail := failingTemplate(p, model.NonCompliant)
		j.add(0, nonCompliantVerdict(p, t), withDetail(model.NonCompliant, detail))
	case model.Pending:
		_, detail := failingTemplate(p, model.Pending)
		j.add(0, model.VerdictWarning, withDetail(model.Pending, detail))
	case "":
		j.add(0, model.VerdictUnknown, "no status yet: no compliance reported from the cluster")
	default:
		j.add(0, model.VerdictUnknown, fmt.Sprintf("unknown compliance %q", humanize.OneLine(p.Compliant)))
	}
	j.decodeIssues(&p.Meta)
	return j.result()
}

// nonCompliantVerdict is Critical when the failing template's severity is high or critical, or
// when the policy enforces (enforcement itself is failing), else Warning. Without a known
// failing template, the policy's highest template severity counts.
func nonCompliantVerdict(p *model.Policy, t *model.PolicyTemplate) model.Verdict {
	severity := p.Severity()
	enforces := p.Enforces()
	if t != nil {
		severity = t.Severity
		if p.RemediationAction == "" {
			enforces = strings.EqualFold(t.RemediationAction, "enforce")
		}
	}
	if enforces || model.SeverityRank(severity) >= model.SeverityRank("high") {
		return model.VerdictCritical
	}
	return model.VerdictWarning
}

// failingTemplate finds the first template whose status is state, and renders
// "<template>: <latest history message>"; nil and "" when the status has no such template.
func failingTemplate(p *model.Policy, state string) (*model.PolicyTemplate, string) {
	for i := range p.Details {
		d := &p.Details[i]
		if d.Compliant != state {
			continue
		}
		text := d.Name
		if ev, ok := d.Latest(); ok && ev.Message != "" {
			text = withMessage(d.Name, humanize.OneLine(ev.Message))
		}
		return p.Template(d.Name), text
	}
	return nil, ""
}

func withDetail(state, detail string) string {
	if detail == "" {
		return state
	}
	return state + ": " + detail
}

// RootPolicy judges a root policy from its status.compliant, using its replicated copies
// (keyed by cluster) to say which template fails and why.
func RootPolicy(p *model.Policy, copies map[string]*model.Policy) model.Health {
	if p.Disabled {
		return model.Health{Verdict: model.VerdictOK, Reason: "disabled"}
	}
	var j judgement
	switch p.Compliant {
	case model.Compliant:
	case model.NonCompliant, model.Pending:
		v, reason := rootProblem(p, copies, p.Compliant)
		j.add(0, v, reason)
	case "":
		reason := "no status yet: no cluster has reported compliance"
		if len(p.Placements) == 0 {
			reason = "no status yet: not placed on any cluster"
		}
		j.add(0, model.VerdictUnknown, reason)
	default:
		j.add(0, model.VerdictUnknown, fmt.Sprintf("unknown compliance %q", humanize.OneLine(p.Compliant)))
	}
	j.decodeIssues(&p.Meta)
	return j.result()
}

// rootProblem judges a NonCompliant or Pending root policy: which clusters, and the first of
// them's failing template with its latest message. NonCompliant takes the worst verdict of the
// copies that are NonCompliant; without copies, the policy's own templates decide.
func rootProblem(p *model.Policy, copies map[string]*model.Policy, state string) (model.Verdict, string) {
	var clusters []string
	for _, c := range p.Clusters {
		if c.Compliant == state {
			clusters = append(clusters, c.Cluster)
		}
	}
	verdict := model.VerdictWarning
	if state == model.NonCompliant {
		verdict = nonCompliantVerdict(p, nil)
	}
	var detail string
	judged := false
	for _, name := range clusters {
		cp := copies[name]
		if cp == nil || cp.Compliant != state {
			continue
		}
		if !judged && state == model.NonCompliant {
			verdict = model.VerdictWarning // the copies decide, template by template
		}
		judged = true
		verdict = model.Worse(verdict, cp.Health.Verdict)
		if detail == "" {
			if _, d := failingTemplate(cp, state); d != "" {
				detail = name + ": " + d
			}
		}
	}
	reason := state
	if len(clusters) > 0 {
		reason += fmt.Sprintf(" on %d of %d clusters (%s)", len(clusters), len(p.Clusters), nameSome(clusters))
	}
	if detail != "" {
		reason += "; " + detail
	}
	return verdict, reason
}

// nameSome joins up to maxNamedClusters names and counts the rest.
func nameSome(names []string) string {
	if len(names) <= maxNamedClusters {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:maxNamedClusters], ", ") + fmt.Sprintf(" and %d more", len(names)-maxNamedClusters)
}

// PolicySet judges a PolicySet from the compliance the propagator aggregated. Its policies
// carry their own verdicts (and severities), so a set is at most a Warning.
func PolicySet(s *model.PolicySet) model.Health {
	var j judgement
	msg := humanize.OneLine(s.StatusMessage)
	switch s.Compliant {
	case model.Compliant:
		if msg != "" {
			j.add(0, model.VerdictOK, msg)
		}
	case model.NonCompliant, model.Pending:
		j.add(0, model.VerdictWarning, withMessage(s.Compliant, msg))
	case "":
		j.add(0, model.VerdictUnknown, withMessage("no status yet", msg))
	default:
		j.add(0, model.VerdictUnknown, fmt.Sprintf("unknown compliance %q", humanize.OneLine(s.Compliant)))
	}
	j.decodeIssues(&s.Meta)
	return j.result()
}

// applyGovernance judges the hub's governance objects: replicated policies first, since the
// root policies' reasons quote them.
func applyGovernance(g *model.Governance) {
	if g == nil {
		return
	}
	copies := make(map[string]map[string]*model.Policy, len(g.Roots))
	for i := range g.Replicated {
		p := &g.Replicated[i]
		p.Health = Policy(p)
		byCluster := copies[p.RootPolicy]
		if byCluster == nil {
			byCluster = map[string]*model.Policy{}
			copies[p.RootPolicy] = byCluster
		}
		byCluster[p.ClusterName] = p
	}
	for i := range g.Roots {
		p := &g.Roots[i]
		p.Health = RootPolicy(p, copies[p.Namespace+"."+p.Name])
	}
	for i := range g.PolicySets {
		g.PolicySets[i].Health = PolicySet(&g.PolicySets[i])
	}
}
