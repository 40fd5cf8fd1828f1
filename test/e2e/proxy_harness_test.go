package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	authnv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	"sigs.k8s.io/yaml"

	"github.com/mcgtui/mcgtui/test/internal/clusterproxy"
)

// hubUsersNS holds the hub users that have tokens (ServiceAccounts: the hub API issues their
// tokens with TokenRequest, and cluster-proxy authenticates them with a TokenReview).
const hubUsersNS = "mcgtui-hub-users"

var (
	proxyOnce sync.Once
	proxySrv  *clusterproxy.Proxy
	proxyErr  error
)

// clusterProxy returns the suite's reproduced cluster-proxy endpoint for both spokes, started
// on first use, with a ManagedClusterAddOn cluster-proxy, Available, in each spoke's namespace
// on the hub.
func (s *Suite) clusterProxy(t testing.TB) *clusterproxy.Proxy {
	t.Helper()
	proxyOnce.Do(func() {
		proxySrv, proxyErr = clusterproxy.Start(s.Hub.Admin, map[string]*rest.Config{eastName: s.East.Admin, westName: s.West.Admin})
		if proxyErr != nil {
			return
		}
		for _, spoke := range []string{eastName, westName} {
			s.Hub.Create(t, proxyAddOn(spoke, "True", "ProxyAvailable", "cluster-proxy is available"))
		}
	})
	if proxyErr != nil {
		t.Fatalf("starting the cluster-proxy reproduction: %v", proxyErr)
	}
	return proxySrv
}

// proxyAddOn is the ManagedClusterAddOn cluster-proxy in a cluster's namespace, with its
// Available condition as the addon manager writes it.
func proxyAddOn(cluster, available, reason, message string) *unstructured.Unstructured {
	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "addon.open-cluster-management.io/v1alpha1", "kind": "ManagedClusterAddOn",
		"metadata": map[string]any{"name": "cluster-proxy", "namespace": cluster},
		"spec":     map[string]any{"installNamespace": "open-cluster-management-cluster-proxy"},
		"status": map[string]any{"conditions": []any{map[string]any{
			"type": "Available", "status": available, "reason": reason, "message": message,
			"lastTransitionTime": "2026-11-01T00:00:00Z",
		}}},
	}}
}

// hubTokenUser makes a hub user with a bearer token (a ServiceAccount bound to clusterRole on
// the hub) and returns its token and its user name.
func (s *Suite) hubTokenUser(t testing.TB, name, clusterRole string) (token, username string) {
	t.Helper()
	ctx := context.Background()
	s.Hub.EnsureNamespace(t, hubUsersNS)
	kube := s.Hub.Kube
	_, err := kube.CoreV1().ServiceAccounts(hubUsersNS).Create(ctx, &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: name}}, metav1.CreateOptions{})
	if err != nil && !apierrors.IsAlreadyExists(err) {
		t.Fatal(err)
	}
	username = fmt.Sprintf("system:serviceaccount:%s:%s", hubUsersNS, name)
	bindUser(t, s.Hub, username, clusterRole)
	exp := int64(3600)
	tr, err := kube.CoreV1().ServiceAccounts(hubUsersNS).CreateToken(ctx, name,
		&authnv1.TokenRequest{Spec: authnv1.TokenRequestSpec{ExpirationSeconds: &exp}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("token for %s: %v", name, err)
	}
	return tr.Status.Token, username
}

// bindUser binds a user name to a ClusterRole on a plane: on a spoke this is what an ACM
// ClusterPermission does for a hub user that reaches it through cluster-proxy.
func bindUser(t testing.TB, p *Plane, username, clusterRole string) {
	t.Helper()
	crb := &rbacv1.ClusterRoleBinding{
		ObjectMeta: metav1.ObjectMeta{Name: clusterRole + "-" + sanitize(username)},
		RoleRef:    rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "ClusterRole", Name: clusterRole},
		Subjects:   []rbacv1.Subject{{Kind: "User", APIGroup: "rbac.authorization.k8s.io", Name: username}},
	}
	if _, err := p.Kube.RbacV1().ClusterRoleBindings().Create(context.Background(), crb, metav1.CreateOptions{}); err != nil && !apierrors.IsAlreadyExists(err) {
		t.Fatal(err)
	}
}

func sanitize(s string) string {
	out := []byte(s)
	for i, c := range out {
		if c == ':' {
			out[i] = '-'
		}
	}
	return string(out)
}

// hubOnlyKubeconfig writes a kubeconfig holding the hub's context alone, for a token user.
func (s *Suite) hubOnlyKubeconfig(t *testing.T, token string) string {
	t.Helper()
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters[hubName] = &clientcmdapi.Cluster{Server: s.Hub.Admin.Host, CertificateAuthorityData: s.Hub.Admin.CAData}
	cfg.AuthInfos[hubName] = &clientcmdapi.AuthInfo{Token: token}
	cfg.Contexts[hubName] = &clientcmdapi.Context{Cluster: hubName, AuthInfo: hubName}
	cfg.CurrentContext = hubName
	path := filepath.Join(t.TempDir(), "kubeconfig")
	if err := clientcmd.WriteToFile(*cfg, path); err != nil {
		t.Fatal(err)
	}
	return path
}

// proxyConfigFile writes an mcgtui config file naming the proxy endpoint and its CA, plus
// extra top-level settings.
func proxyConfigFile(t *testing.T, p *clusterproxy.Proxy, extra map[string]any) string {
	t.Helper()
	dir := t.TempDir()
	ca := filepath.Join(dir, "proxy-ca.pem")
	if err := os.WriteFile(ca, p.CAPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	doc := map[string]any{"clusterProxy": map[string]any{"url": p.URL, "certificateAuthority": ca}}
	for k, v := range extra {
		doc[k] = v
	}
	data, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
