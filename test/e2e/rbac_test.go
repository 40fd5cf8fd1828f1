package e2e

import (
	"strings"
	"testing"

	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
)

// rulesWithout is mcgtuiReaderRules without the rules for one API group.
func rulesWithout(group string) []rbacv1.PolicyRule {
	var out []rbacv1.PolicyRule
	for _, r := range mcgtuiReaderRules() {
		if len(r.APIGroups) == 1 && r.APIGroups[0] == group {
			continue
		}
		out = append(out, r)
	}
	return out
}

// limitedUser makes (once per plane) a user whose ClusterRole is mcgtui's minus one API group.
func limitedUser(t *testing.T, p *Plane, user, role, withoutGroup string) {
	t.Helper()
	if err := p.grant(role, rulesWithout(withoutGroup)); err != nil && !apierrors.IsAlreadyExists(err) {
		t.Fatal(err)
	}
	if _, err := p.User(user, role); err != nil {
		t.Fatal(err)
	}
}

// lookup returns the row for one object, if there is one.
func (d statusDoc) lookup(cluster, kind, namespace, name string) (statusRow, bool) {
	for _, r := range d.Items {
		if r.Cluster == cluster && r.Kind == kind && r.Namespace == namespace && r.Name == name {
			return r, true
		}
	}
	return statusRow{}, false
}

// checkRun fails on what no run may do, whatever the fleet holds: exit 2 (an error, not a
// verdict), a panic, a timeout waiting for sources.
func checkRun(t *testing.T, r result) {
	t.Helper()
	if r.code != 0 && r.code != 1 {
		t.Fatalf("mcgtui status exited %d, want 0 or 1\nstderr: %s", r.code, r.stderr)
	}
	if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") {
		t.Fatalf("mcgtui status panicked:\n%s", r.stderr)
	}
	if strings.Contains(r.stderr, "timed out") {
		t.Fatalf("sources never settled:\n%s", r.stderr)
	}
}

// RBAC that forbids one product on one cluster is a state of that product on that cluster and
// nothing more: with a user on cluster-east who may read everything mcgtui reads except
// external-secrets.io, `status` reports the eso source of cluster-east Forbidden (Warning, with
// the API server's reason) and lists no ExternalSecrets there, while Argo CD and Portworx on
// cluster-east, and ESO on the hub and cluster-west, are read as usual. The dashboard's
// Secrets tab of cluster-east says so.
func TestForbiddenProductOnOneCluster(t *testing.T) {
	s := requireSuite(t)
	seedExamples(t, s)
	const user = "limited"
	limitedUser(t, s.East, user, "mcgtui-reader-no-eso", "external-secrets.io")
	kubeconfig := s.kubeconfigFor(t, map[string]string{eastName: user})

	doc, r := s.statusJSON(t, kubeconfig)
	checkRun(t, r)
	if r.code != 1 {
		t.Errorf("the examples include failures: want exit 1, got %d", r.code)
	}

	eso := doc.find(t, eastName, "Source", "", "eso")
	if eso.SourceState != "Forbidden" || eso.Verdict != "Warning" ||
		!strings.Contains(eso.Reason, "forbidden") || !strings.Contains(eso.Reason, `User "limited"`) ||
		!strings.Contains(eso.Reason, `in API group "external-secrets.io"`) {
		t.Errorf("eso on %s: %+v, want Forbidden (Warning) with the API server's reason", eastName, eso)
	}
	if c := doc.find(t, eastName, "ManagedCluster", "", eastName); !strings.Contains(c.Reason, "eso Forbidden") {
		t.Errorf("%s's own row does not name the forbidden source: %+v", eastName, c)
	}
	for _, row := range doc.Items {
		if row.Cluster == eastName && (row.Kind == "ExternalSecret" || row.Kind == "SecretStore" || row.Kind == "ClusterSecretStore") {
			t.Errorf("ESO object listed on %s although its source is Forbidden: %+v", eastName, row)
		}
	}

	// Every other product on cluster-east, and ESO everywhere else, is Ready and listed.
	for _, product := range []string{"argocd", "portworx"} {
		if row, ok := doc.lookup(eastName, "Source", "", product); ok {
			t.Errorf("%s on %s is not Ready: %+v", product, eastName, row)
		}
	}
	for _, cluster := range []string{hubName, westName} {
		if row, ok := doc.lookup(cluster, "Source", "", "eso"); ok {
			t.Errorf("eso on %s is not Ready: %+v", cluster, row)
		}
	}
	doc.find(t, eastName, "Application", "argocd", "velero-test")
	doc.find(t, eastName, "Application", "argocd", "guestbook-cluster2")
	doc.find(t, eastName, "StorageCluster", "portworx", "px-cluster-6f3c9b1e")
	doc.find(t, eastName, "StorageNode", "portworx", "worker-1")
	if row := doc.find(t, westName, "ExternalSecret", "payments", "stripe-api-key"); row.Verdict != "Critical" {
		t.Errorf("ExternalSecret on %s: %+v, want Critical", westName, row)
	}
	doc.find(t, westName, "ExternalSecret", "payments", "database-credentials")

	// The dashboard: the Secrets tab of cluster-east explains why it is empty; Apps still list.
	d := s.dashboard(t, kubeconfig)
	d.fleetReady()
	d.openCluster(eastName)
	d.WaitFor(termWait, "velero-test", "guestbook-cluster2")
	d.Keys("2")
	scr := d.WaitFor(termWait, eastName+" › Secrets", "External Secrets on "+eastName+": forbidden")
	if strings.Contains(scr, "stripe-api-key") {
		t.Errorf("the forbidden Secrets tab lists an ExternalSecret:\n%s", scr)
	}
	d.quit()
}

// A product whose CRDs are not installed is NotInstalled, not an error: cluster-west has no
// Portworx, so `status` reports its portworx source NotInstalled (OK), and the dashboard's
// Volumes and Nodes tabs of cluster-west say that Portworx is not installed there.
func TestNotInstalledProductInTheDashboard(t *testing.T) {
	s := requireSuite(t)
	seedExamples(t, s)
	kubeconfig := s.kubeconfigFor(t, nil)

	doc, r := s.statusJSON(t, kubeconfig)
	checkRun(t, r)
	px := doc.find(t, westName, "Source", "", "portworx")
	if px.SourceState != "NotInstalled" || px.Verdict != "OK" || !strings.Contains(px.Reason, "not served") {
		t.Errorf("portworx on %s: %+v, want NotInstalled (OK) saying what is not served", westName, px)
	}
	if row, ok := doc.lookup(eastName, "Source", "", "portworx"); ok {
		t.Errorf("portworx on %s, which has it, is not Ready: %+v", eastName, row)
	}

	d := s.dashboard(t, kubeconfig)
	d.fleetReady()
	d.openCluster(westName)
	d.Keys("4")
	d.WaitFor(termWait, westName+" › Volumes", "Portworx not installed on "+westName)
	d.Keys("5")
	d.WaitFor(termWait, westName+" › Nodes", "Portworx not installed on "+westName)
	// The installed products of the same cluster are listed as usual.
	d.Keys("2")
	scr := d.WaitFor(termWait, westName+" › Secrets", "stripe-api-key", "database-credentials")
	if strings.Contains(scr, "not installed") {
		t.Errorf("the Secrets tab of %s says a product is not installed:\n%s", westName, scr)
	}
	d.quit()
}
