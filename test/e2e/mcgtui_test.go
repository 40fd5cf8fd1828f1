package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

var managedClustersGVR = schema.GroupVersionResource{Group: "cluster.open-cluster-management.io", Version: "v1", Resource: "managedclusters"}

// registerSpokes creates a ManagedCluster on the hub for each spoke, named after it, with the
// spoke's URL as its client config and the status of a healthy, joined cluster (the upstream
// example's conditions and claims).
func (s *Suite) registerSpokes() error {
	for _, spoke := range []*Plane{s.East, s.West} {
		mc, err := managedClusterFor(spoke.Name, spoke.Admin.Host)
		if err != nil {
			return err
		}
		status := mc.Object["status"]
		ctx := context.Background()
		created, err := s.Hub.Dyn.Resource(managedClustersGVR).Create(ctx, mc, metav1.CreateOptions{})
		if err != nil {
			return fmt.Errorf("ManagedCluster %s: %w", spoke.Name, err)
		}
		created.Object["status"] = status
		if _, err := s.Hub.Dyn.Resource(managedClustersGVR).UpdateStatus(ctx, created, metav1.UpdateOptions{}); err != nil {
			return fmt.Errorf("ManagedCluster %s status: %w", spoke.Name, err)
		}
	}
	return nil
}

func managedClusterFor(name, url string) (*unstructured.Unstructured, error) {
	objs, err := readObjects(filepath.Join(examples, "managedcluster-available-true.yaml"))
	if err != nil || len(objs) != 1 {
		return nil, fmt.Errorf("managedcluster example: %v (%d objects)", err, len(objs))
	}
	mc := objs[0]
	mc.SetName(name)
	labels := mc.GetLabels()
	labels["name"] = name
	mc.SetLabels(labels)
	_ = unstructured.SetNestedSlice(mc.Object, []any{map[string]any{"url": url}}, "spec", "managedClusterClientConfigs")
	return mc, nil
}

// kubeconfigFor writes a kubeconfig with one context per plane (named after it) for a user;
// users maps plane name → user (default: mcgtui). The hub's context is current.
func (s *Suite) kubeconfigFor(t *testing.T, users map[string]string) string {
	t.Helper()
	cfg := clientcmdapi.NewConfig()
	for _, p := range s.Planes() {
		user := users[p.Name]
		if user == "" {
			user = mcgtuiUser
		}
		rc, ok := p.UserConfig(user)
		if !ok {
			t.Fatalf("no user %s on %s", user, p.Name)
		}
		addContext(cfg, p.Name, rc)
	}
	cfg.CurrentContext = hubName
	path := filepath.Join(t.TempDir(), "kubeconfig")
	if err := clientcmd.WriteToFile(*cfg, path); err != nil {
		t.Fatal(err)
	}
	return path
}

func addContext(cfg *clientcmdapi.Config, name string, rc *rest.Config) {
	cfg.Clusters[name] = &clientcmdapi.Cluster{Server: rc.Host, CertificateAuthorityData: rc.CAData}
	cfg.AuthInfos[name] = &clientcmdapi.AuthInfo{ClientCertificateData: rc.CertData, ClientKeyData: rc.KeyData, Token: rc.BearerToken}
	cfg.Contexts[name] = &clientcmdapi.Context{Cluster: name, AuthInfo: name}
}

// buildMcgtui builds the binary under test once per run.
func buildMcgtui(dir string) (string, error) {
	bin := filepath.Join(dir, "mcgtui")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/mcgtui/mcgtui/cmd/mcgtui").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}

// result is one finished mcgtui run.
type result struct {
	stdout, stderr string
	code           int
}

// mcgtui runs the binary with a kubeconfig and no config file, and returns its output.
func (s *Suite) mcgtui(t *testing.T, kubeconfig string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args = append(args, "--kubeconfig", kubeconfig, "--config", os.DevNull)
	cmd := exec.CommandContext(ctx, s.Bin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		return result{out.String(), errb.String(), exit.ExitCode()}
	default:
		t.Fatalf("running mcgtui: %v", err)
	}
	return result{out.String(), errb.String(), 0}
}

// statusDoc is the part of `mcgtui status -o json` the tests read.
type statusDoc struct {
	Items []statusRow `json:"items"`
}

type statusRow struct {
	Cluster     string `json:"cluster"`
	Kind        string `json:"kind"`
	Namespace   string `json:"namespace"`
	Name        string `json:"name"`
	Verdict     string `json:"verdict"`
	Reason      string `json:"reason"`
	SourceState string `json:"sourceState"`

	Compliant            string   `json:"compliant"`
	RemediationAction    string   `json:"remediationAction"`
	Severity             string   `json:"severity"`
	NoncompliantClusters []string `json:"noncompliantClusters"`
	RootPolicy           string   `json:"rootPolicy"`
}

// statusJSON runs `mcgtui status -o json` and decodes it.
func (s *Suite) statusJSON(t *testing.T, kubeconfig string, extra ...string) (statusDoc, result) {
	t.Helper()
	r := s.mcgtui(t, kubeconfig, append([]string{"status", "-o", "json", "--timeout", "60s"}, extra...)...)
	var doc statusDoc
	if r.code == 0 || r.code == 1 {
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
			t.Fatalf("status output is not JSON (exit %d): %v\n%s\nstderr: %s", r.code, err, r.stdout, r.stderr)
		}
	}
	return doc, r
}

// find returns the row for one object, or fails.
func (d statusDoc) find(t *testing.T, cluster, kind, namespace, name string) statusRow {
	t.Helper()
	for _, r := range d.Items {
		if r.Cluster == cluster && r.Kind == kind && r.Namespace == namespace && r.Name == name {
			return r
		}
	}
	t.Fatalf("no status row for %s %s %s/%s", cluster, kind, namespace, name)
	return statusRow{}
}
