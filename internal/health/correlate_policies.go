package health

import "github.com/mcgtui/mcgtui/internal/model"

// CorrelatePolicies explains a cluster whose Argo CD or External Secrets is missing or unhealthy
// by the policy that installs it, when that policy is NonCompliant on the cluster: in the
// Multicloud GitOps pattern the hub's policies bootstrap each spoke (OpenShift GitOps, its
// cluster group's Application, ESO), so "did its policies apply?" is the first question. It
// rewrites s.Summary.Health, so call it after model.Summarize, on a composed snapshot (one that
// carries the cluster's Policies). The cluster keeps a worse verdict it already has for another
// cause (its agent is down, say): that one is the more urgent.
func CorrelatePolicies(s *model.ClusterSnapshot) {
	if s == nil || len(s.Policies) == 0 {
		return
	}
	for _, product := range []model.Product{model.ProductArgoCD, model.ProductESO} {
		problem := productProblem(s, product)
		if problem == "" {
			continue
		}
		notInstalled := s.Sources[product].State == model.StateNotInstalled
		for i := range s.Policies {
			p := &s.Policies[i]
			if p.Compliant != model.NonCompliant || !p.Installs(product) {
				continue
			}
			if notInstalled && !p.InstallsOperator(product) {
				// A policy creating an ArgoCD or an Application needs the product's CRDs; it
				// fails because they are missing, it does not explain them missing.
				continue
			}
			h := s.Summary.Health
			if p.Health.Verdict <= h.Verdict && !aboutProduct(h, product) && !hasPrefix(h.Reason, "policy ") {
				return // the cluster is worse off for another cause, or as bad: keep that one
			}
			s.Summary.Health = model.Health{
				Verdict: model.Worse(h.Verdict, p.Health.Verdict),
				Reason:  problem + "; policy " + policyName(p) + " installs it and is " + p.Health.Reason,
			}
			return
		}
	}
}

// productProblem says how product p is missing or unhealthy on s, or "" when it is not (or
// when mcgtui cannot tell: no access, still syncing).
func productProblem(s *model.ClusterSnapshot, p model.Product) string {
	st := s.Sources[p]
	switch st.State {
	case model.StateNotInstalled:
		return p.String() + " not installed"
	case model.StateReady:
	default:
		return ""
	}
	switch p {
	case model.ProductArgoCD:
		if s.Summary.Apps.Total == 0 {
			return "argocd has no applications"
		}
		if s.Summary.Apps.Worst >= model.VerdictWarning {
			return "argocd unhealthy: " + s.Summary.Apps.WorstReason
		}
	case model.ProductESO:
		for _, c := range []model.Counts{s.Summary.Stores, s.Summary.Secrets} {
			if c.Worst >= model.VerdictWarning {
				return "eso unhealthy: " + c.WorstReason
			}
		}
	}
	return ""
}

// aboutProduct reports whether a cluster's current reason is the product's own problem (its
// apps or secrets), which the correlated reason then replaces with more.
func aboutProduct(h model.Health, p model.Product) bool {
	switch p {
	case model.ProductArgoCD:
		return hasPrefix(h.Reason, "app ") || hasPrefix(h.Reason, "argocd ")
	case model.ProductESO:
		return hasPrefix(h.Reason, "externalsecret ") || hasPrefix(h.Reason, "secretstore ") ||
			hasPrefix(h.Reason, "clustersecretstore ") || hasPrefix(h.Reason, "eso ") ||
			hasPrefix(h.Reason, "clusterexternalsecret ") || hasPrefix(h.Reason, "pushsecret ")
	}
	return false
}

func hasPrefix(s, prefix string) bool { return len(s) >= len(prefix) && s[:len(prefix)] == prefix }

// policyName names a replicated policy by its root ("namespace.name").
func policyName(p *model.Policy) string {
	if p.RootPolicy != "" {
		return p.RootPolicy
	}
	return p.Namespace + "." + p.Name
}
