package governance

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/decode/decodetest"
)

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func load(t *testing.T, file string) *unstructured.Unstructured {
	t.Helper()
	return decodetest.LoadOne(t, filepath.Join("testdata", file))
}

func TestDecodeRootPolicy(t *testing.T) {
	p := DecodePolicy(load(t, "policy-root-noncompliant.yaml"), "hub")
	want := model.Policy{
		Meta: model.Meta{
			Ref: model.Ref{Cluster: "hub", APIVersion: "policy.open-cluster-management.io/v1", Resource: "policies",
				Kind: "Policy", Namespace: "open-cluster-management", Name: "openshift-gitops-policy"},
			UID: "7d2f4b1e-0c1a-4b7e-9d55-2f6e8a0c9b11", ResourceVersion: "48211", Created: ts("2026-08-18T10:02:11Z"),
		},
		Root:              true,
		RemediationAction: "enforce",
		Standards:         []string{"NIST-CSF", "NIST SP 800-53"},
		Categories:        []string{"PR.DS Data Security"},
		Controls:          []string{"PR.DS-1 Data-at-rest"},
		Templates: []model.PolicyTemplate{{
			Kind: "ConfigurationPolicy", Name: "openshift-gitops-config", Severity: "medium", RemediationAction: "inform",
			Installs: []model.Product{model.ProductArgoCD}, InstallsWhat: []string{"Subscription openshift-gitops-operator"},
			Operators: []model.Product{model.ProductArgoCD},
		}},
		Compliant: "NonCompliant",
		Clusters: []model.ClusterCompliance{
			{Cluster: "cluster1", Namespace: "cluster1", Compliant: "Compliant"},
			{Cluster: "cluster2", Namespace: "cluster2", Compliant: "NonCompliant"},
		},
		Placements: []model.PolicyPlacement{{PlacementBinding: "openshift-gitops-placement-binding", Placement: "openshift-gitops-placement"}},
	}
	if !reflect.DeepEqual(p, want) {
		t.Fatalf("got  %+v\nwant %+v", p, want)
	}
	if p.Severity() != "medium" || !p.Enforces() || !p.Installs(model.ProductArgoCD) || p.Installs(model.ProductESO) {
		t.Fatalf("severity %q enforces %v installs argocd %v", p.Severity(), p.Enforces(), p.Installs(model.ProductArgoCD))
	}
}

func TestDecodeReplicatedPolicy(t *testing.T) {
	p := DecodePolicy(load(t, "policy-replicated-noncompliant.yaml"), "hub")
	if p.Root || p.RootPolicy != "open-cluster-management.openshift-gitops-policy" || p.ClusterName != "cluster2" {
		t.Fatalf("root %v rootPolicy %q cluster %q", p.Root, p.RootPolicy, p.ClusterName)
	}
	want := []model.TemplateStatus{{
		Name: "openshift-gitops-config", Compliant: "NonCompliant", HistoryTotal: 2,
		History: []model.ComplianceEvent{{
			Time:      ts("2026-08-20T11:04:57Z"),
			Message:   "NonCompliant; violation - couldn't find mapping resource with kind Subscription, please check if you have CRD deployed",
			EventName: "open-cluster-management.openshift-gitops-policy.1860c2b3a8f5e4d1",
		}, {
			Time:      ts("2026-08-20T10:54:57Z"),
			Message:   "NonCompliant; violation - subscriptions [openshift-gitops-operator] not found in namespace openshift-operators",
			EventName: "open-cluster-management.openshift-gitops-policy.1860c2b1f0d2a7c9",
		}},
	}}
	if !reflect.DeepEqual(p.Details, want) || len(p.DecodeIssues) != 0 {
		t.Fatalf("details %+v issues %v", p.Details, p.DecodeIssues)
	}
}

func TestDecodePendingPolicyDependencies(t *testing.T) {
	p := DecodePolicy(load(t, "policy-replicated-pending.yaml"), "hub")
	if got := p.Dependencies; !reflect.DeepEqual(got, []string{"Policy open-cluster-management/openshift-gitops-policy=Compliant"}) {
		t.Fatalf("dependencies %q", got)
	}
	if p.Compliant != "Pending" || !p.Installs(model.ProductArgoCD) || p.Severity() != "high" {
		t.Fatalf("compliant %q installs %v severity %q", p.Compliant, p.Installs(model.ProductArgoCD), p.Severity())
	}
	// Its template creates an Argo CD Application: that needs Argo CD's CRDs, it does not bring them.
	if p.InstallsOperator(model.ProductArgoCD) {
		t.Errorf("an Application template counted as installing Argo CD's operator: %+v", p.Templates)
	}
}

func TestDecodePolicyBadTypes(t *testing.T) {
	p := DecodePolicy(load(t, "policy-bad-types.yaml"), "hub")
	joined := strings.Join(p.DecodeIssues, "\n")
	for _, want := range []string{"spec.disabled: want bool", "spec.policy-templates[0]: want object",
		"status.compliant: want string", "status.details[0].history: want list",
		"metadata.labels.policy.open-cluster-management.io/root-policy: want string"} {
		if !strings.Contains(joined, want) {
			t.Errorf("issues lack %q:\n%s", want, joined)
		}
	}
	if !p.Root { // the label was unreadable: the policy reads as a root policy, flagged
		t.Errorf("want a root policy when the root-policy label is unreadable")
	}
}

func TestDecodePlacementKinds(t *testing.T) {
	set := DecodePolicySet(load(t, "policyset.yaml"), "hub")
	if set.Compliant != "NonCompliant" || len(set.Policies) != 2 || set.Placements[0].Placement != "mcg-group-one-placement" {
		t.Fatalf("policyset %+v", set)
	}
	b := DecodePlacementBinding(load(t, "placementbinding.yaml"), "hub")
	if b.PlacementKind != "Placement" || b.PlacementName != "openshift-gitops-placement" ||
		!reflect.DeepEqual(b.Subjects, []string{"Policy/openshift-gitops-policy"}) ||
		b.RemediationOverride != "enforce" || b.SubFilter != "restricted" {
		t.Fatalf("binding %+v", b)
	}
	pl := DecodePlacement(load(t, "placement.yaml"), "hub")
	if pl.SelectedClusters != 2 || pl.Conditions[0].Reason != "AllDecisionsScheduled" || pl.ClusterSets[0] != "default" {
		t.Fatalf("placement %+v", pl)
	}
	d := DecodePlacementDecision(load(t, "placementdecision.yaml"), "hub")
	if d.Placement != "openshift-gitops-placement" || !reflect.DeepEqual(d.Clusters, []string{"cluster1", "cluster2"}) {
		t.Fatalf("decision %+v", d)
	}
}

// policyObject builds a replicated policy with the given status, for the bad-data cases.
func policyObject(status map[string]any, templates []any) *unstructured.Unstructured {
	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "policy.open-cluster-management.io/v1", "kind": "Policy",
		"metadata": map[string]any{"name": "ns.p", "namespace": "cluster-gone", "labels": map[string]any{
			LabelRootPolicy: "ns.p", LabelClusterName: "cluster-gone"}},
		"spec":   map[string]any{"policy-templates": templates},
		"status": status,
	}}
}

func TestDecodeBadData(t *testing.T) {
	t.Run("no templates", func(t *testing.T) {
		p := DecodePolicy(policyObject(map[string]any{"compliant": "Compliant"}, nil), "hub")
		if len(p.Templates) != 0 || p.Severity() != "" || p.Enforces() || len(p.DecodeIssues) != 0 {
			t.Fatalf("%+v", p)
		}
	})
	t.Run("unknown compliance kept as written", func(t *testing.T) {
		p := DecodePolicy(policyObject(map[string]any{"compliant": "UnknownCompliancy",
			"details": []any{map[string]any{"compliant": "Mostly", "templateMeta": map[string]any{"name": "t"}}}}, nil), "hub")
		if p.Compliant != "UnknownCompliancy" || p.Details[0].Compliant != "Mostly" {
			t.Fatalf("%+v", p)
		}
	})
	t.Run("history with 1,000 entries and huge messages", func(t *testing.T) {
		var history []any
		huge := strings.Repeat("é", 1<<20) // 2 MiB, multi-byte: clipping must keep valid UTF-8
		for i := range 1000 {
			history = append(history, map[string]any{
				"lastTimestamp": time.Date(2026, 8, 1, 0, 0, i, 0, time.UTC).Format(time.RFC3339),
				"message":       fmt.Sprintf("NonCompliant; violation %d %s", i, huge[:i%3*1000]),
				"eventName":     fmt.Sprintf("ns.p.%x", i),
			})
		}
		history[500].(map[string]any)["message"] = huge
		history[500].(map[string]any)["lastTimestamp"] = "2026-09-01T00:00:00Z"
		p := DecodePolicy(policyObject(map[string]any{"compliant": "NonCompliant", "details": []any{
			map[string]any{"compliant": "NonCompliant", "templateMeta": map[string]any{"name": "t"}, "history": history}}}, nil), "hub")
		d := p.Details[0]
		if d.HistoryTotal != 1000 || len(d.History) != MaxHistory {
			t.Fatalf("history total %d kept %d", d.HistoryTotal, len(d.History))
		}
		latest, _ := d.Latest()
		if latest.Time != ts("2026-09-01T00:00:00Z") || len(latest.Message) > MaxMessageLen+len("…") ||
			!strings.HasSuffix(latest.Message, "…") || !strings.HasPrefix(latest.Message, "éé") {
			t.Fatalf("latest %v, message of %d bytes", latest.Time, len(latest.Message))
		}
		if !strings.HasPrefix(d.History[1].Message, "NonCompliant; violation 999") {
			t.Fatalf("second newest %q", d.History[1].Message[:40])
		}
	})
	t.Run("cluster namespace that does not exist", func(t *testing.T) {
		p := DecodePolicy(policyObject(map[string]any{}, nil), "hub")
		byCluster := ClusterPolicies([]model.Policy{p})
		if len(byCluster["cluster-gone"]) != 1 {
			t.Fatalf("want the policy listed under its cluster name, got %v", byCluster)
		}
	})
}

func TestDecodedPoliciesMarshal(t *testing.T) {
	for _, f := range []string{"policy-root-noncompliant.yaml", "policy-replicated-noncompliant.yaml", "policy-bad-types.yaml"} {
		if _, err := json.Marshal(DecodePolicy(load(t, f), "hub")); err != nil {
			t.Fatal(f, err)
		}
	}
}
