// Package clusterproxy reaches managed clusters' API servers through the hub's cluster-proxy
// user endpoint (https://ENDPOINT/CLUSTER/api/...), with the hub user's own credentials or a
// per-cluster token the user supplies. It finds the endpoint (a flag, the config file, or the
// Route cluster-proxy-addon-user on the hub), watches which spokes have the cluster-proxy
// addon available, and builds kube.Conn values for the fleet. It never reads a Secret.
package clusterproxy

import (
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/kube"

	"k8s.io/client-go/rest"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// Credentials say how to authenticate to the proxy for one cluster when the hub user's own
// credentials are not to be used: a token in an environment variable, or an exec credential
// plugin (client.authentication.k8s.io, as in a kubeconfig).
type Credentials struct {
	TokenEnv string
	Exec     *clientcmdapi.ExecConfig
}

// TLS is how the proxy endpoint's certificate is checked: CA data (PEM) added to nothing else
// (the endpoint's CA, usually the hub's ingress CA), or the system roots when empty.
type TLS struct {
	CAData   []byte
	Insecure bool
}

// ClusterConfig returns the client config for one cluster through the proxy at endpoint
// ("https://host[:port][/prefix]"). The hub user's token, token file, exec or auth-provider
// plugin is kept; the hub's client certificate and CA are not (the proxy terminates TLS with
// its own certificate and authenticates bearer tokens). creds, when set, replaces the hub's
// credentials. getenv reads environment variables (os.Getenv outside tests).
func ClusterConfig(hub *rest.Config, endpoint, cluster string, tls TLS, creds Credentials, getenv func(string) string) (*rest.Config, error) {
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("cluster-proxy endpoint %q is not an http(s) URL", endpoint)
	}
	cfg := &rest.Config{
		Host:    strings.TrimSuffix(endpoint, "/") + "/" + url.PathEscape(cluster),
		Proxy:   hub.Proxy,
		Timeout: hub.Timeout,
		TLSClientConfig: rest.TLSClientConfig{
			CAData:   tls.CAData,
			Insecure: tls.Insecure,
		},
	}
	switch {
	case creds.TokenEnv != "":
		tok := strings.TrimSpace(getenv(creds.TokenEnv))
		if tok == "" {
			return nil, fmt.Errorf("cluster-proxy token for %s: environment variable %s is empty or unset", cluster, creds.TokenEnv)
		}
		cfg.BearerToken = tok
	case creds.Exec != nil:
		cfg.ExecProvider = creds.Exec
	case hub.BearerToken != "" || hub.BearerTokenFile != "" || hub.ExecProvider != nil || hub.AuthProvider != nil:
		cfg.BearerToken, cfg.BearerTokenFile = hub.BearerToken, hub.BearerTokenFile
		cfg.ExecProvider, cfg.AuthProvider, cfg.AuthConfigPersister = hub.ExecProvider, hub.AuthProvider, hub.AuthConfigPersister
	default:
		return nil, fmt.Errorf("the hub user has no token (client certificate only) and cluster-proxy authenticates bearer tokens: set clusters.%s.proxy.tokenEnv or .exec", cluster)
	}
	return cfg, nil
}

// Conn builds the connection to one cluster through the proxy. It does not contact anything.
func Conn(cfg *rest.Config, cluster string) (kube.Conn, error) {
	c, err := kube.ConnForConfig(cfg, cluster, false)
	if err != nil {
		return kube.Conn{}, err
	}
	c.Access = model.AccessProxy
	return c, nil
}

// ReadCA reads a PEM file for TLS.CAData ("" reads nothing).
func ReadCA(path string) ([]byte, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cluster-proxy CA: %w", err)
	}
	return data, nil
}
