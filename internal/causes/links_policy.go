package causes

import (
	"slices"
	"strings"

	"github.com/mcgtui/mcgtui/internal/model"
)

// linkPolicies links a replicated Policy that is NonCompliant on the cluster to a product that
// is NotInstalled there when one of the policy's templates installs that product's operator
// (an OLM Subscription or an OperatorPolicy of its package, as the governance source reads the
// templates; never guessed from the policy's name). Certain when that template reports
// NonCompliant itself in status.details[]; likely when the policy does not report the
// template's compliance. A template that reports Compliant or Pending has not failed to
// install it, so it is not linked. A template that creates an ArgoCD or an Application is not
// linked either: it needs the product's CRDs, and fails because they are missing.
//
// The product's source becomes a symptom that is not a problem of its own (a product may be
// absent on purpose; the policy says it should not be). The policies are the cluster's own
// replicated copies, which the fleet composes into the cluster's snapshot, so when the hub's
// policies change only the clusters whose copies changed get a new snapshot and are linked
// again.
func linkPolicies(p *part) {
	c := p.snap
	var products [model.NumProducts]int // source node + 1 of each product linked so far
	for i := range c.Policies {
		pol := &c.Policies[i]
		if pol.Compliant != model.NonCompliant || pol.Disabled {
			continue
		}
		from, ok := p.index[objKey{kindOr(pol.Kind, "Policy"), pol.Namespace, pol.Name}]
		if !ok {
			continue
		}
		for j := range pol.Templates {
			t := &pol.Templates[j]
			for _, product := range t.Operators {
				if product >= model.NumProducts || c.Sources[product].State != model.StateNotInstalled {
					continue
				}
				certainty, why := Certain, "template "+t.Name+" installs the "+product.String()+" operator and is NonCompliant"
				switch d := pol.Detail(t.Name); {
				case d == nil || d.Compliant == "":
					certainty = Likely
					why = "template " + t.Name + " installs the " + product.String() +
						" operator; the policy is NonCompliant but does not report the template's compliance"
				case d.Compliant != model.NonCompliant:
					continue
				}
				if products[product] == 0 {
					products[product] = p.addSource(product) + 1
				}
				p.link(from, products[product]-1, LinkPolicyProduct, certainty, why)
			}
		}
	}
}

// addSource adds the node of a product's source that is not a problem itself (NotInstalled),
// and returns its index.
func (p *part) addSource(product model.Product) int {
	c := p.snap
	st := c.Sources[product]
	ref := model.Ref{Cluster: c.Name, Kind: "Source", Name: product.String()}
	reason := st.State.String()
	if st.Reason != "" {
		reason += ": " + st.Reason
	}
	p.nodes = append(p.nodes, Node{ID: ID(c.Name, "Source", "", ref.Name), Ref: ref, About: c.Name,
		Verdict: sourceVerdict(st.State), Reason: reason, Since: st.Since})
	return len(p.nodes) - 1
}

// linkPolicyDependencies links a replicated Policy to another replicated policy on the same
// cluster that waits for it: one whose spec.dependencies, or a template's extraDependencies,
// name it ("Policy namespace/name=Compliant") while it is in another state, so that the
// waiting policy is Pending. Certain when a template of the waiting policy reports Pending with
// the framework's "Dependencies were not satisfied"; likely when it is Pending without saying
// why. Dependencies of other kinds (a ConfigurationPolicy on the cluster) are not in the
// snapshot, so they are not linked.
func linkPolicyDependencies(p *part) {
	c := p.snap
	type copyOf struct {
		node      int
		compliant string
	}
	byRoot := map[string]copyOf{} // root "namespace.name" → its copy on this cluster
	for i := range c.Policies {
		pol := &c.Policies[i]
		if n, ok := p.index[objKey{kindOr(pol.Kind, "Policy"), pol.Namespace, pol.Name}]; ok && pol.RootPolicy != "" {
			byRoot[pol.RootPolicy] = copyOf{n, pol.Compliant}
		}
	}
	for i := range c.Policies {
		pol := &c.Policies[i]
		if pol.Compliant != model.Pending || pol.Disabled || pol.RootPolicy == "" {
			continue
		}
		to := byRoot[pol.RootPolicy].node
		rootNS, _, _ := strings.Cut(pol.RootPolicy, ".")
		certainty := Likely
		if waitsForDependencies(pol) {
			certainty = Certain
		}
		for _, d := range policyDependencies(pol) {
			kind, ns, name, want, ok := parseDependency(d, rootNS)
			if !ok || kind != "Policy" {
				continue
			}
			dep, ok := byRoot[ns+"."+name]
			if !ok || dep.node == to || dep.compliant == want {
				continue
			}
			p.link(dep.node, to, LinkPolicyDependency, certainty, "waits for policy "+ns+"/"+name+" to be "+want+
				"; it is "+kindOr(dep.compliant, "not reported"))
		}
	}
}

// policyDependencies are a policy's spec.dependencies and its templates' extraDependencies.
func policyDependencies(pol *model.Policy) []string {
	deps := slices.Clone(pol.Dependencies)
	for j := range pol.Templates {
		deps = append(deps, pol.Templates[j].Dependencies...)
	}
	return deps
}

// waitsForDependencies reports whether a template of pol says Pending because of its
// dependencies, in the governance framework's words.
func waitsForDependencies(pol *model.Policy) bool {
	for j := range pol.Details {
		d := &pol.Details[j]
		if e, ok := d.Latest(); ok && d.Compliant == model.Pending && strings.Contains(e.Message, "Dependencies were not satisfied") {
			return true
		}
	}
	return false
}

// parseDependency splits "Kind namespace/name=Compliance" (the governance source's form); a
// dependency without a namespace is in the root policy's.
func parseDependency(d, defaultNS string) (kind, ns, name, want string, ok bool) {
	kind, rest, ok := strings.Cut(d, " ")
	if !ok {
		return "", "", "", "", false
	}
	i := strings.LastIndex(rest, "=")
	if i < 0 {
		return "", "", "", "", false
	}
	ref, want := rest[:i], rest[i+1:]
	ns, name, found := strings.Cut(ref, "/")
	if !found {
		ns, name = defaultNS, ref
	}
	return kind, ns, name, kindOr(want, model.Compliant), name != ""
}
