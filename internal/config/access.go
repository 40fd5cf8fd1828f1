package config

import (
	"fmt"
	"sort"
)

// ClusterProxy is the hub's cluster-proxy user endpoint (MCE's Route
// cluster-proxy-addon-user), through which managed clusters without a kubeconfig context are
// reached with the hub user's own credentials.
type ClusterProxy struct {
	// URL is the endpoint, "https://host[:port][/prefix]"; a cluster is URL/NAME. Without it
	// mcgtui reads the Route on the hub (--cluster-proxy wins over both).
	URL string `json:"url,omitempty" yaml:"url,omitempty"`
	// Namespace holds the Route (default multicluster-engine).
	Namespace string `json:"namespace,omitempty" yaml:"namespace,omitempty"`
	// CertificateAuthority is a PEM file with the CA of the endpoint's certificate (usually
	// the hub's ingress CA); default: the system's roots.
	CertificateAuthority string `json:"certificateAuthority,omitempty" yaml:"certificateAuthority,omitempty"`
	// InsecureSkipTLSVerify skips checking the endpoint's certificate.
	InsecureSkipTLSVerify bool `json:"insecureSkipTLSVerify,omitempty" yaml:"insecureSkipTLSVerify,omitempty"`
	// MaxWatched bounds how many clusters are watched through the proxy at once (default
	// 100); the others are watched when opened.
	MaxWatched int `json:"maxWatched,omitempty" yaml:"maxWatched,omitempty"`
	// LingerSeconds is how long a cluster left keeps its proxy watch (default 120).
	LingerSeconds int `json:"lingerSeconds,omitempty" yaml:"lingerSeconds,omitempty"`
}

// ProxyAuth replaces the hub user's credentials for one cluster's cluster-proxy path. The
// file holds no token: the token is in the environment variable TokenEnv, or an exec plugin
// prints it.
type ProxyAuth struct {
	TokenEnv string          `json:"tokenEnv,omitempty" yaml:"tokenEnv,omitempty"`
	Exec     *ExecCredential `json:"exec,omitempty" yaml:"exec,omitempty"`
}

// ExecCredential is a client-go exec credential plugin, as in a kubeconfig user's exec.
type ExecCredential struct {
	// APIVersion of the ExecCredential the plugin prints (default
	// client.authentication.k8s.io/v1).
	APIVersion string    `json:"apiVersion,omitempty" yaml:"apiVersion,omitempty"`
	Command    string    `json:"command" yaml:"command"`
	Args       []string  `json:"args,omitempty" yaml:"args,omitempty"`
	Env        []ExecEnv `json:"env,omitempty" yaml:"env,omitempty"`
}

// ExecEnv is one environment variable given to an exec plugin.
type ExecEnv struct {
	Name  string `json:"name" yaml:"name"`
	Value string `json:"value" yaml:"value"`
}

// AccessOverrides returns the clusters whose path is forced (clusters.NAME.access) as
// "context", "proxy" or "hub", or an error naming a value that is not a path. "auto" and ""
// pick the best path. (Plain strings: config sits below the views' components, which must not
// reach mcgtui's object model; cmd turns them into model.Access.)
func (c Config) AccessOverrides() (map[string]string, error) {
	out := map[string]string{}
	names := make([]string, 0, len(c.Clusters))
	for name := range c.Clusters {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		switch a := c.Clusters[name].Access; a {
		case "", "auto":
		case "context", "ctx":
			out[name] = "context"
		case "proxy", "cluster-proxy":
			out[name] = "proxy"
		case "hub":
			out[name] = "hub"
		default:
			return nil, fmt.Errorf("clusters.%s.access %q: want auto, context, proxy or hub", name, a)
		}
	}
	return out, nil
}
