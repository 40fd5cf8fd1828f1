package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/mcgtui/mcgtui/test/internal/controlplane"
)

// PropagatorFolder is where hack/testbin/build.sh puts the governance-policy-propagator.
const PropagatorFolder = "governance-policy-propagator-v0.19.0"

const (
	bareName       = "cluster-bare" // a spoke without Argo CD: its bootstrap policy fails
	propagatorUser = "governance-policy-propagator"
)

var policiesGVR = schema.GroupVersionResource{Group: "policy.open-cluster-management.io", Version: "v1", Resource: "policies"}

// startPropagator runs the real governance-policy-propagator against the hub, with its
// listeners (metrics, probes, webhook) and leader election off, so it binds nothing. It
// returns false when the binary has not been built (then MCGTUI_REQUIRE_E2E fails the test).
func startPropagator(t *testing.T, s *Suite) bool {
	t.Helper()
	dir, err := controlplane.Folder(PropagatorFolder)
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "governance-policy-propagator")
	if _, err := os.Stat(bin); err != nil {
		if os.Getenv("MCGTUI_REQUIRE_E2E") != "" {
			t.Fatalf("no %s: build it with hack/testbin/build.sh", bin)
		}
		t.Logf("no %s (build it with hack/testbin/build.sh): writing the propagator's objects as its source does", bin)
		return false
	}
	// Its own user (cluster-admin, as its deployment's service account is close to), so that
	// the audit log tells its writes from the test's.
	rc, err := s.Hub.User(propagatorUser, "cluster-admin")
	if err != nil {
		t.Fatal(err)
	}
	kubeconfig := filepath.Join(t.TempDir(), "propagator.kubeconfig")
	if err := controlplane.WriteKubeconfig(kubeconfig, "hub", "", rc); err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(s.Dir, "governance-policy-propagator.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--leader-elect=false", "--enable-webhooks=false", "--metrics-bind-address=0",
		"--health-probe-bind-address=0", "--disable-placementrule")
	cmd.Env = append(os.Environ(), "KUBECONFIG="+kubeconfig, "WATCH_NAMESPACE=", "DISABLE_REPORT_METRICS=true")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
		_ = logFile.Close()
		if t.Failed() {
			if out, err := os.ReadFile(logPath); err == nil {
				t.Logf("propagator log (last 4 KiB):\n%s", tail(out, 4096))
			}
		}
	})
	return true
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// startBareSpoke starts a fourth control plane with ESO but no Argo CD, registers it on the hub
// and removes it again when the test ends, so the other tests keep seeing their fleet.
func startBareSpoke(t *testing.T, s *Suite) *Plane {
	t.Helper()
	p, err := startPlane(s, bareName, crdDirs(esoDefault))
	if err != nil {
		t.Fatal(err)
	}
	mc, err := managedClusterFor(bareName, p.Admin.Host)
	if err != nil {
		t.Fatal(err)
	}
	s.Hub.Create(t, mc)
	t.Cleanup(func() {
		_ = s.Hub.Dyn.Resource(managedClustersGVR).Delete(context.Background(), bareName, metav1.DeleteOptions{})
		p.stop()
	})
	return p
}

// governanceKubeconfig is kubeconfigFor plus a context for the bare spoke.
func governanceKubeconfig(t *testing.T, s *Suite, bare *Plane) string {
	t.Helper()
	path := s.kubeconfigFor(t, nil)
	cfg, err := clientcmd.LoadFromFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rc, ok := bare.UserConfig(mcgtuiUser)
	if !ok {
		t.Fatal("no mcgtui user on the bare spoke")
	}
	addContext(cfg, bareName, rc)
	if err := clientcmd.WriteToFile(*cfg, path); err != nil {
		t.Fatal(err)
	}
	return path
}

// The governance pipeline end to end: root policies, a Placement, its PlacementDecision (the
// test plays the placement controller) and PlacementBindings on the real hub; the real
// propagator replicates the policies into the cluster namespaces; the test plays each spoke's
// status-sync controller and writes the replicated policies' status; the propagator sums it up
// in the root policies' status; `mcgtui status -o json` shows that compliance, and explains the
// spoke without Argo CD by its NonCompliant bootstrap policy.
func TestGovernanceFromTheRealPropagator(t *testing.T) {
	s := requireSuite(t)
	bare := startBareSpoke(t, s)
	real := startPropagator(t, s)
	// Short: the replicated policies' root-policy label ("<ns>.<name>") must fit in 63 bytes.
	ns := "policies-e2e"
	clusters := []string{eastName, westName, bareName}
	for _, c := range clusters {
		s.Hub.EnsureNamespace(t, c)
	}
	gitops, check := "openshift-gitops-policy", "etcd-encryption-policy"
	for _, obj := range governanceObjects(ns, gitops, check, clusters) {
		s.Hub.Create(t, obj)
	}
	// Leave the other tests the fleet they expect: no policies on its clusters. (Cleanups run
	// last-registered first, so this runs while the propagator still does.)
	t.Cleanup(func() { removePolicies(t, s, ns, []string{gitops, check}, clusters) })

	root := map[string]*unstructured.Unstructured{}
	for _, name := range []string{gitops, check} {
		u := s.Hub.Get(t, policiesGVR, ns, name)
		root[name] = u
	}
	for _, c := range clusters {
		for _, name := range []string{gitops, check} {
			replicated := ns + "." + name
			if !real {
				s.Hub.Create(t, replicatedStandIn(root[name], c))
			}
			u := waitFor(t, "replicated policy "+c+"/"+replicated, func() (*unstructured.Unstructured, bool) {
				u, err := s.Hub.Dyn.Resource(policiesGVR).Namespace(c).Get(context.Background(), replicated, metav1.GetOptions{})
				return u, err == nil
			})
			if got := u.GetLabels()["policy.open-cluster-management.io/root-policy"]; got != replicated {
				t.Fatalf("%s/%s: root-policy label %q", c, replicated, got)
			}
			state, message := syncedStatus(name, c, gitops)
			u.Object["status"] = map[string]any{"compliant": state, "details": []any{map[string]any{
				"compliant": state, "templateMeta": map[string]any{"name": name + "-config"},
				"history": []any{map[string]any{"eventName": replicated + ".1860c2b3a8f5e4d1",
					"lastTimestamp": time.Now().UTC().Format(time.RFC3339), "message": message}}}}}
			if _, err := s.Hub.Dyn.Resource(policiesGVR).Namespace(c).UpdateStatus(context.Background(), u, metav1.UpdateOptions{}); err != nil {
				t.Fatalf("status of %s/%s: %v", c, replicated, err)
			}
		}
	}
	if !real {
		writeRootStatusStandIn(t, s, ns, gitops, clusters, bareName)
		writeRootStatusStandIn(t, s, ns, check, clusters, westName)
	}
	waitFor(t, "root policy status", func() (*unstructured.Unstructured, bool) {
		u := s.Hub.Get(t, policiesGVR, ns, gitops)
		compliant, _, _ := unstructured.NestedString(u.Object, "status", "compliant")
		per, _, _ := unstructured.NestedSlice(u.Object, "status", "status")
		return u, compliant == "NonCompliant" && len(per) == len(clusters)
	})

	kubeconfig := governanceKubeconfig(t, s, bare)
	doc, r := s.statusJSON(t, kubeconfig)
	if r.code != 1 {
		t.Fatalf("a NonCompliant policy must fail the check: exit %d\nstderr: %s", r.code, r.stderr)
	}
	gitopsRow := doc.find(t, hubName, "Policy", ns, gitops)
	if gitopsRow.Verdict != "Critical" || gitopsRow.Compliant != "NonCompliant" || !slices.Equal(gitopsRow.NoncompliantClusters, []string{bareName}) ||
		gitopsRow.RemediationAction != "enforce" || gitopsRow.Severity != "medium" {
		t.Errorf("root %s: %+v", gitops, gitopsRow)
	}
	checkRow := doc.find(t, hubName, "Policy", ns, check)
	if checkRow.Verdict != "Warning" || !slices.Equal(checkRow.NoncompliantClusters, []string{westName}) || checkRow.Severity != "low" {
		t.Errorf("root %s: %+v", check, checkRow)
	}
	if row := doc.find(t, westName, "Policy", westName, ns+"."+check); row.Verdict != "Warning" ||
		!strings.Contains(row.Reason, "apiservers [cluster] found but not as specified") || row.RootPolicy != ns+"."+check {
		t.Errorf("replicated %s on %s: %+v", check, westName, row)
	}
	if row := doc.find(t, eastName, "Policy", eastName, ns+"."+gitops); row.Verdict != "OK" || row.Compliant != "Compliant" {
		t.Errorf("replicated %s on %s: %+v", gitops, eastName, row)
	}
	spoke := doc.find(t, bareName, "ManagedCluster", "", bareName)
	want := "argocd not installed; policy " + ns + "." + gitops + " installs it and is NonCompliant: " + gitops + "-config: " + bareMessage
	if spoke.Verdict != "Critical" || !strings.HasPrefix(spoke.Reason, want) {
		t.Errorf("the spoke without Argo CD is not explained by its policy:\n got %s %q\nwant Critical %q", spoke.Verdict, spoke.Reason, want)
	}
	if real {
		writtenByThePropagator(t, s, ns, []string{gitops, check}, clusters)
	}
	dashboardShowsPolicies(t, s, kubeconfig, ns, gitops)
	t.Logf("policies written by %s", map[bool]string{true: "the real governance-policy-propagator v0.19.0", false: "the stand-in"}[real])
}

const bareMessage = "NonCompliant; violation - couldn't find mapping resource with kind Subscription, please check if you have CRD deployed"

// syncedStatus is what the spoke's config-policy controller reports for a policy.
func syncedStatus(policy, cluster, gitops string) (string, string) {
	switch {
	case policy == gitops && cluster == bareName:
		return "NonCompliant", bareMessage
	case policy == gitops:
		return "Compliant", "Compliant; notification - subscriptions [openshift-gitops-operator] found as specified in namespace openshift-operators"
	case cluster == westName:
		return "NonCompliant", "NonCompliant; violation - apiservers [cluster] found but not as specified"
	}
	return "Compliant", "Compliant; notification - apiservers [cluster] found as specified"
}

// waitFor polls until ok, for up to a minute.
func waitFor(t *testing.T, what string, get func() (*unstructured.Unstructured, bool)) *unstructured.Unstructured {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		u, ok := get()
		if ok {
			return u
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// Get reads one object or fails.
func (p *Plane) Get(t *testing.T, gvr schema.GroupVersionResource, namespace, name string) *unstructured.Unstructured {
	t.Helper()
	u, err := p.Dyn.Resource(gvr).Namespace(namespace).Get(context.Background(), name, metav1.GetOptions{})
	if err != nil {
		t.Fatalf("%s: get %s %s/%s: %v", p.Name, gvr.Resource, namespace, name, err)
	}
	return u
}

// removePolicies deletes the root policies, then their replicated copies (the propagator
// deletes those too; deleting them here as well keeps the cleanup from depending on its timing).
func removePolicies(t *testing.T, s *Suite, ns string, roots, clusters []string) {
	ctx := context.Background()
	for _, name := range roots {
		if err := s.Hub.Dyn.Resource(policiesGVR).Namespace(ns).Delete(ctx, name, metav1.DeleteOptions{}); err != nil {
			t.Errorf("deleting policy %s/%s: %v", ns, name, err)
		}
	}
	for _, name := range roots {
		for _, c := range clusters {
			err := s.Hub.Dyn.Resource(policiesGVR).Namespace(c).Delete(ctx, ns+"."+name, metav1.DeleteOptions{})
			if err != nil && !apierrors.IsNotFound(err) {
				t.Errorf("deleting policy %s/%s.%s: %v", c, ns, name, err)
			}
		}
	}
}

// writtenByThePropagator checks in the hub's audit log that the propagator's user created every
// replicated policy and wrote the root policies' status: the compliance mcgtui showed came
// from the real controller, not from the test.
func writtenByThePropagator(t *testing.T, s *Suite, ns string, roots, clusters []string) {
	t.Helper()
	seen := map[string]bool{}
	for _, e := range s.Hub.auditEvents(t) {
		o := e.ObjectRef
		if e.User.Username != propagatorUser || o == nil || o.Resource != "policies" || e.Stage != "ResponseComplete" ||
			e.ResponseStatus == nil || e.ResponseStatus.Code >= 300 {
			continue
		}
		switch {
		case e.Verb == "create" && o.Subresource == "":
			seen["create "+o.Namespace+"/"+o.Name] = true
		case (e.Verb == "update" || e.Verb == "patch") && o.Subresource == "status":
			seen["status "+o.Namespace+"/"+o.Name] = true
		}
	}
	for _, root := range roots {
		if !seen["status "+ns+"/"+root] {
			t.Errorf("the propagator did not write the status of %s/%s", ns, root)
		}
		for _, c := range clusters {
			if !seen["create "+c+"/"+ns+"."+root] {
				t.Errorf("the propagator did not create %s/%s.%s", c, ns, root)
			}
		}
	}
}

// dashboardShowsPolicies checks the same compliance in the dashboard: :policies lists the root
// policy with 2 of 3 clusters compliant, and the bare spoke's Policies tab its failing template
// and the config-policy controller's message.
func dashboardShowsPolicies(t *testing.T, s *Suite, kubeconfig, ns, gitops string) {
	t.Helper()
	d := s.dashboard(t, kubeconfig)
	d.WaitFor(termWait, "Fleet (4)", bareName, "argocd not installed; policy")
	d.command("policies")
	scr := d.WaitFor(termWait, "Policies · all clusters", gitops)
	if row := rowOf(scr, ns, gitops); !hasAll(row, "2/3", "enforce", "medium", "Critical: NonCompliant on 1 of 3 clusters") {
		t.Errorf(":policies row of %s: %q\n%s", gitops, row, scr)
	}
	d.Keys("Escape")
	d.filter("bare")
	d.Keys("Enter")
	d.WaitFor(termWait, bareName+" › Apps", "6 Policies")
	d.Keys("6")
	scr = d.WaitFor(termWait, bareName+" › Policies", ns+"."+gitops)
	if row := rowOf(scr, ns+"."+gitops); !hasAll(row, "NonCompliant", gitops+"-config", "Critical: NonCompliant: ") {
		t.Errorf("Policies tab of %s: %q\n%s", bareName, row, scr)
	}
	d.quit()
}
