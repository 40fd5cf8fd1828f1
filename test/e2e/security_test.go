package e2e

import (
	"context"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// mcgtui never reads a Secret, and needs no permission to: after a full session of the mcgtui
// user (its ClusterRole, mcgtuiReaderRules, grants nothing on Secrets), the dashboard through
// the fleet, a cluster, its Secrets tab, an ExternalSecret's detail (which fetches the object's
// YAML) and the fleet-wide :secrets list, then `status`, every API server's audit log holds no
// request of that user on the resource secrets: no get, list or watch, nor anything else.
// The same logs do hold the user's lists and watches of externalsecrets and the detail's get,
// which shows that the logs are complete and attributed to the right user, and an admin's list
// of Secrets made for the purpose is logged as one, which shows that such a read would be seen.
func TestMcgtuiNeverReadsSecrets(t *testing.T) {
	s := requireSuite(t)
	seedExamples(t, s)
	kubeconfig := s.kubeconfigFor(t, nil)

	d := s.dashboard(t, kubeconfig)
	d.fleetReady()
	d.openCluster(eastName)
	d.Keys("2")
	d.WaitFor(termWait, eastName+" › Secrets", "database-credentials", "stripe-api-key")
	d.filter("database-credentials")
	d.Keys("Enter")
	d.WaitFor(termWait, "ExternalSecret payments/database-credentials", "YAML",
		"apiVersion: external-secrets.io/v1", "kind: ExternalSecret", "uid:")
	d.Keys("Escape")
	d.WaitFor(termWait, eastName+" › Secrets", `filter "database-credentials"`)
	d.clearFilter()
	d.backToFleet()
	d.command("secrets")
	scr := d.WaitFor(termWait, "Secrets · all clusters", "stripe-api-key", "database-credentials", "legacy-api-token")
	if row := rowOf(scr, westName, "stripe-api-key"); row == "" {
		t.Errorf(":secrets does not list cluster-west's ExternalSecrets:\n%s", scr)
	}
	d.quit()

	doc, r := s.statusJSON(t, kubeconfig)
	checkRun(t, r)
	for _, row := range doc.Items {
		if row.Kind == "Source" && row.SourceState != "NotInstalled" {
			t.Errorf("with mcgtui's own RBAC every installed product must be readable: %+v", row)
		}
	}

	// The control: a Secret list by another user, which the logs must show.
	if _, err := s.East.Kube.CoreV1().Secrets("payments").List(context.Background(), metav1.ListOptions{}); err != nil {
		t.Fatal(err)
	}
	var esRequests, detailGets, controlLists int
	for _, p := range s.Planes() {
		for _, e := range p.auditEvents(t) {
			if e.ObjectRef == nil {
				continue
			}
			if e.User.Username != mcgtuiUser {
				if p == s.East && e.Verb == "list" && e.ObjectRef.Resource == "secrets" && e.ObjectRef.Namespace == "payments" {
					controlLists++
				}
				continue
			}
			ref := e.ObjectRef
			switch {
			case ref.Resource == "secrets" && ref.APIGroup == "":
				t.Errorf("%s: mcgtui made a %s request on Secrets (stage %s): %s", p.Name, e.Verb, e.Stage, e.RequestURI)
			case ref.Resource == "externalsecrets" && ref.APIGroup == "external-secrets.io":
				esRequests++
				if p == s.East && e.Verb == "get" && ref.Namespace == "payments" && ref.Name == "database-credentials" {
					detailGets++
				}
			}
		}
	}
	if controlLists == 0 {
		t.Error("the audit log of cluster-east does not show the admin's list of Secrets: it would not show mcgtui's either")
	}
	if esRequests == 0 {
		t.Error("the audit logs hold no externalsecrets request by mcgtui: they are not being read right")
	}
	if detailGets == 0 {
		t.Error("the audit log of cluster-east holds no get of the ExternalSecret whose detail was opened")
	}
	t.Logf("audit: %d externalsecrets requests by mcgtui, %d of them the detail's get", esRequests, detailGets)
}
