package governance

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/decode"
)

// Bounds on what a snapshot keeps of a policy's status. The propagator itself keeps ten
// history entries per template; a hostile or broken object may hold thousands, and a message
// is one line of a table, not a log.
const (
	MaxHistory    = 10
	MaxMessageLen = 2048
)

// DecodePolicy projects a root or replicated Policy. A policy with the root-policy label is a
// replicated copy: its ClusterName is the cluster-name label, else its namespace. It never
// panics: fields with unexpected types read as empty and are listed in DecodeIssues; history
// is kept newest first, capped at MaxHistory, and messages at MaxMessageLen. Health is left
// empty.
func DecodePolicy(u *unstructured.Unstructured, cluster string) model.Policy {
	r := decode.Of(u)
	p := model.Policy{Meta: r.Meta(cluster, Policies)}
	p.APIVersion = decode.Or(p.APIVersion, PoliciesGVR.GroupVersion().String())
	p.Kind = decode.Or(p.Kind, "Policy")
	labels := r.StrMap("metadata", "labels")
	annotations := r.StrMap("metadata", "annotations")
	if root := labels[LabelRootPolicy]; root != "" {
		p.RootPolicy = decode.Intern(root)
		p.ClusterName = decode.Intern(decode.Or(labels[LabelClusterName], p.Namespace))
	} else {
		p.Root = true
	}
	p.Standards = splitList(annotations[AnnotationStandards])
	p.Categories = splitList(annotations[AnnotationCategories])
	p.Controls = splitList(annotations[AnnotationControls])

	spec := r.Map("spec")
	p.Disabled = spec.Bool("disabled")
	p.RemediationAction = strings.ToLower(spec.Str("remediationAction"))
	p.Dependencies = dependencies(spec, "dependencies")
	spec.Each([]string{"policy-templates"}, func(e *decode.Reader) {
		p.Templates = append(p.Templates, decodeTemplate(e))
	})

	status := r.Map("status")
	p.Compliant = status.Str("compliant")
	status.Each([]string{"status"}, func(e *decode.Reader) {
		p.Clusters = append(p.Clusters, model.ClusterCompliance{
			Cluster: e.Str("clustername"), Namespace: e.Str("clusternamespace"), Compliant: e.Str("compliant"),
		})
	})
	p.Placements = placements(status)
	status.Each([]string{"details"}, func(e *decode.Reader) {
		p.Details = append(p.Details, decodeDetails(e))
	})
	p.DecodeIssues = r.Issues()
	return p
}

// decodeTemplate reads one spec.policy-templates[] entry: the kind, name, severity and
// remediation of its objectDefinition, and what it installs.
func decodeTemplate(e *decode.Reader) model.PolicyTemplate {
	def := e.Map("objectDefinition")
	t := model.PolicyTemplate{
		Kind:              def.Str("kind"),
		Name:              def.Str("metadata", "name"),
		Severity:          strings.ToLower(def.Str("spec", "severity")),
		RemediationAction: strings.ToLower(def.Str("spec", "remediationAction")),
		Dependencies:      dependencies(e, "extraDependencies"),
	}
	switch t.Kind {
	case "OperatorPolicy":
		// spec.subscription.name is the operator's package name.
		addOperator(&t, subscriptionProduct(def.Str("spec", "subscription", "name")),
			"OperatorPolicy subscription "+def.Str("spec", "subscription", "name"))
	case "ConfigurationPolicy":
		def.Each([]string{"spec", "object-templates"}, func(o *decode.Reader) {
			obj := o.Map("objectDefinition")
			kind, apiVersion := obj.Str("kind"), obj.Str("apiVersion")
			name := obj.Str("metadata", "name")
			switch {
			case kind == "Subscription" && strings.HasPrefix(apiVersion, "operators.coreos.com/"):
				pkg := decode.Or(obj.Str("spec", "name"), name)
				addOperator(&t, subscriptionProduct(pkg), "Subscription "+pkg)
			case kind == "ArgoCD" && strings.HasPrefix(apiVersion, "argoproj.io/"):
				addInstall(&t, model.ProductArgoCD, "ArgoCD "+name)
			case kind == "Application" && strings.HasPrefix(apiVersion, "argoproj.io/"):
				addInstall(&t, model.ProductArgoCD, "Application "+name)
			}
		})
	}
	return t
}

// subscriptionProduct maps an OLM package name to the product it installs, or NumProducts.
func subscriptionProduct(pkg string) model.Product {
	switch {
	case pkg == "openshift-gitops-operator" || pkg == "argocd-operator":
		return model.ProductArgoCD
	case strings.Contains(pkg, "external-secrets"):
		return model.ProductESO
	}
	return model.NumProducts
}

// addOperator records a template that installs product p's operator (a Subscription or an
// OperatorPolicy of its package).
func addOperator(t *model.PolicyTemplate, p model.Product, what string) {
	addInstall(t, p, what)
	if p < model.NumProducts && !slices.Contains(t.Operators, p) {
		t.Operators = append(t.Operators, p)
	}
}

func addInstall(t *model.PolicyTemplate, p model.Product, what string) {
	if p >= model.NumProducts {
		return
	}
	if !slices.Contains(t.Installs, p) {
		t.Installs = append(t.Installs, p)
	}
	t.InstallsWhat = append(t.InstallsWhat, decode.Intern(what))
}

// dependencies reads spec.dependencies or a template's extraDependencies as
// "Kind namespace/name=Compliance".
func dependencies(r *decode.Reader, field string) []string {
	var out []string
	r.Each([]string{field}, func(e *decode.Reader) {
		name := e.Str("name")
		if ns := e.Str("namespace"); ns != "" {
			name = ns + "/" + name
		}
		out = append(out, decode.Or(e.Str("kind"), "Policy")+" "+name+"="+e.Str("compliance"))
	})
	return out
}

// decodeDetails reads one status.details[] entry; history newest first, capped.
func decodeDetails(e *decode.Reader) model.TemplateStatus {
	d := model.TemplateStatus{Name: e.Str("templateMeta", "name"), Compliant: e.Str("compliant")}
	e.Each([]string{"history"}, func(h *decode.Reader) {
		d.HistoryTotal++
		ev := model.ComplianceEvent{Time: h.Time("lastTimestamp"), EventName: h.UniqueStr("eventName")}
		ev.Message = clipMessage(h.Str("message"))
		d.History = append(d.History, ev)
	})
	// The status-sync controller writes the newest entry first; sort anyway, stably, so that a
	// hand-written or reordered history still shows its latest message first.
	slices.SortStableFunc(d.History, func(a, b model.ComplianceEvent) int { return b.Time.Compare(a.Time) })
	if len(d.History) > MaxHistory {
		d.History = slices.Clip(d.History[:MaxHistory])
	}
	return d
}

// clipMessage bounds a history message at MaxMessageLen bytes, on a rune boundary.
func clipMessage(s string) string {
	if len(s) <= MaxMessageLen {
		return s
	}
	cut := MaxMessageLen
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// placements reads status.placement[] of a Policy or PolicySet.
func placements(status *decode.Reader) []model.PolicyPlacement {
	var out []model.PolicyPlacement
	status.Each([]string{"placement"}, func(e *decode.Reader) {
		pl := model.PolicyPlacement{
			PlacementBinding: e.Str("placementBinding"), Placement: e.Str("placement"),
			PlacementRule: e.Str("placementRule"), PolicySet: e.Str("policySet"),
		}
		e.Each([]string{"decisions"}, func(d *decode.Reader) {
			if c := d.Str("clusterName"); c != "" {
				pl.Decisions = append(pl.Decisions, c)
			}
		})
		out = append(out, pl)
	})
	return out
}

// splitList splits a comma-separated annotation ("NIST SP 800-53, CIS") into trimmed values.
func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, decode.Intern(v))
		}
	}
	return out
}

// DecodePolicySet projects a PolicySet (v1beta1). It never panics; Health is left empty.
func DecodePolicySet(u *unstructured.Unstructured, cluster string) model.PolicySet {
	r := decode.Of(u)
	s := model.PolicySet{Meta: r.Meta(cluster, PolicySets)}
	s.APIVersion = decode.Or(s.APIVersion, PolicySetsGVR.GroupVersion().String())
	s.Kind = decode.Or(s.Kind, "PolicySet")
	s.Description = clipMessage(r.Str("spec", "description"))
	s.Policies = r.StrSlice("spec", "policies")
	s.Compliant = r.Str("status", "compliant")
	s.StatusMessage = clipMessage(r.Str("status", "statusMessage"))
	s.Placements = placements(r.Map("status"))
	s.DecodeIssues = r.Issues()
	return s
}

// DecodePlacementBinding projects a PlacementBinding. It never panics.
func DecodePlacementBinding(u *unstructured.Unstructured, cluster string) model.PlacementBinding {
	r := decode.Of(u)
	b := model.PlacementBinding{Meta: r.Meta(cluster, PlacementBindings)}
	b.APIVersion = decode.Or(b.APIVersion, PlacementBindingsGVR.GroupVersion().String())
	b.Kind = decode.Or(b.Kind, "PlacementBinding")
	b.PlacementKind = r.Str("placementRef", "kind")
	b.PlacementName = r.Str("placementRef", "name")
	r.Each([]string{"subjects"}, func(e *decode.Reader) {
		b.Subjects = append(b.Subjects, decode.Intern(e.Str("kind")+"/"+e.Str("name")))
	})
	b.RemediationOverride = strings.ToLower(r.Str("bindingOverrides", "remediationAction"))
	b.SubFilter = r.Str("subFilter")
	b.DecodeIssues = r.Issues()
	return b
}

// DecodePlacement projects a Placement (cluster.open-cluster-management.io/v1beta1).
func DecodePlacement(u *unstructured.Unstructured, cluster string) model.Placement {
	r := decode.Of(u)
	p := model.Placement{Meta: r.Meta(cluster, Placements)}
	p.APIVersion = decode.Or(p.APIVersion, PlacementsGVR.GroupVersion().String())
	p.Kind = decode.Or(p.Kind, "Placement")
	p.ClusterSets = r.StrSlice("spec", "clusterSets")
	p.SelectedClusters = r.Int("status", "numberOfSelectedClusters")
	p.Conditions = r.Conditions("status", "conditions")
	p.DecodeIssues = r.Issues()
	return p
}

// DecodePlacementDecision projects a PlacementDecision: its Placement (label) and the clusters
// it decided, in order.
func DecodePlacementDecision(u *unstructured.Unstructured, cluster string) model.PlacementDecision {
	r := decode.Of(u)
	d := model.PlacementDecision{Meta: r.Meta(cluster, PlacementDecisions)}
	d.APIVersion = decode.Or(d.APIVersion, PlacementDecisionsGVR.GroupVersion().String())
	d.Kind = decode.Or(d.Kind, "PlacementDecision")
	d.Placement = decode.Intern(r.StrMap("metadata", "labels")[LabelPlacement])
	r.Each([]string{"status", "decisions"}, func(e *decode.Reader) {
		if c := e.Str("clusterName"); c != "" {
			d.Clusters = append(d.Clusters, c)
		}
	})
	d.DecodeIssues = r.Issues()
	return d
}

// ClusterPolicies groups the replicated policies by the cluster they apply to, each list sorted
// by root policy name. It is how the fleet manager hands every cluster its own policies.
func ClusterPolicies(replicated []model.Policy) map[string][]model.Policy {
	out := map[string][]model.Policy{}
	for i := range replicated {
		p := &replicated[i]
		out[p.ClusterName] = append(out[p.ClusterName], *p)
	}
	for _, list := range out {
		slices.SortFunc(list, func(a, b model.Policy) int {
			return cmp.Or(cmp.Compare(a.RootPolicy, b.RootPolicy), cmp.Compare(a.Name, b.Name))
		})
	}
	return out
}
