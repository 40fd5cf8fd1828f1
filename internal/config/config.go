// Package config reads mcgtui's optional config file, $XDG_CONFIG_HOME/mcgtui/config.yaml
// (~/.config/mcgtui/config.yaml when XDG_CONFIG_HOME is unset).
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Config is the file's content. Every field is optional; flags override it.
type Config struct {
	// Clusters maps a ManagedCluster name to the kubeconfig context that reaches it.
	Clusters map[string]Cluster `json:"clusters,omitempty" yaml:"clusters,omitempty"`
	// ReadOnly hides and refuses every action, like --readonly.
	ReadOnly bool `json:"readOnly,omitempty" yaml:"readOnly,omitempty"`
	// ArgoCDNamespace limits Applications to one namespace, like --argocd-namespace.
	ArgoCDNamespace string `json:"argocdNamespace,omitempty" yaml:"argocdNamespace,omitempty"`
	// ArgoCD is the hub's Argo CD API server (the diff view of the hub's Applications, and of
	// the only cluster in one-cluster mode); clusters.NAME.argocd wins for the hub's own name,
	// --argocd-server wins over both.
	ArgoCD *ArgoCDServer `json:"argocd,omitempty" yaml:"argocd,omitempty"`
	// Theme overrides the dashboard's colours (theme.go); NO_COLOR still turns them all off.
	Theme Theme `json:"theme,omitempty" yaml:"theme,omitempty"`
	// Keymap binds dashboard actions to other keys (keymap.go).
	Keymap Keymap `json:"keymap,omitempty" yaml:"keymap,omitempty"`
	// ClusterProxy is the hub's cluster-proxy endpoint (see access.go).
	ClusterProxy *ClusterProxy `json:"clusterProxy,omitempty" yaml:"clusterProxy,omitempty"`
}

// Cluster is one cluster's settings.
type Cluster struct {
	// Context is the kubeconfig context that reaches the cluster.
	Context string `json:"context,omitempty" yaml:"context,omitempty"`
	// ArgoCD is the Argo CD API server that owns the Applications stored on this cluster.
	ArgoCD *ArgoCDServer `json:"argocd,omitempty" yaml:"argocd,omitempty"`
	// Portworx says how to authenticate to this cluster's Portworx SDK.
	Portworx *PortworxSDK `json:"portworx,omitempty" yaml:"portworx,omitempty"`
	// Access forces the path to the cluster: auto (default: context, else cluster-proxy, else
	// hub facts only), context, proxy or hub.
	Access string `json:"access,omitempty" yaml:"access,omitempty"`
	// Proxy replaces the hub user's credentials on the cluster-proxy path.
	Proxy *ProxyAuth `json:"proxy,omitempty" yaml:"proxy,omitempty"`
}

// PortworxSDK holds no token either: TokenEnv names the environment variable that holds the
// bearer token for a cluster whose Portworx security is on (default MCGTUI_PORTWORX_TOKEN).
type PortworxSDK struct {
	TokenEnv string `json:"tokenEnv,omitempty" yaml:"tokenEnv,omitempty"`
}

// PortworxTokenEnvs maps each cluster with a portworx.tokenEnv to that variable's name.
func (c Config) PortworxTokenEnvs() map[string]string {
	m := map[string]string{}
	for name, cl := range c.Clusters {
		if cl.Portworx != nil && cl.Portworx.TokenEnv != "" {
			m[name] = cl.Portworx.TokenEnv
		}
	}
	return m
}

// ArgoCDServer says how to reach one Argo CD API server. The file holds no token: the token
// comes from the environment variable named by TokenEnv, else from the argocd CLI's login file
// (argocd login SERVER), so that the config file can be shared without a secret in it.
type ArgoCDServer struct {
	// Server is the API server: "argocd.example.com", "argocd.example.com:8443/argocd", or a
	// URL with scheme ("https://…", "http://…"). Without a scheme it is https unless PlainText.
	Server string `json:"server" yaml:"server"`
	// Insecure skips TLS certificate verification (like argocd --insecure).
	Insecure bool `json:"insecure,omitempty" yaml:"insecure,omitempty"`
	// PlainText talks HTTP without TLS (like argocd --plaintext).
	PlainText bool `json:"plainText,omitempty" yaml:"plainText,omitempty"`
	// TokenEnv names the environment variable that holds the bearer token.
	TokenEnv string `json:"tokenEnv,omitempty" yaml:"tokenEnv,omitempty"`
	// Namespace is the Argo CD control-plane namespace (argocd, openshift-gitops). Apps in it
	// are asked for without ?appNamespace=; unset, appNamespace is always sent, which Argo CD
	// 2.5+ accepts for its own namespace too.
	Namespace string `json:"namespace,omitempty" yaml:"namespace,omitempty"`
}

// DefaultPath is where the config file is looked for.
func DefaultPath() string {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "mcgtui", "config.yaml")
}

// Load reads the file at path. A missing file is an empty config; a malformed one, one with
// an unknown field or a value of the wrong type or out of range, is an error naming the file,
// line, column and the field's path (`config.yaml:3:5: clusters.east.contxt: unknown field
// "contxt"; did you mean "context"?`), so that a typo is not silently ignored.
func Load(path string) (Config, error) {
	var c Config
	if path == "" {
		return c, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("reading config: %w", err)
	}
	if err := parse(path, data, &c); err != nil {
		return Config{}, err
	}
	return c, nil
}

// ContextMapping merges the file's cluster contexts with --cluster-context NAME=CTX flags;
// flags win.
func (c Config) ContextMapping(flags []string) (map[string]string, error) {
	m := make(map[string]string, len(c.Clusters)+len(flags))
	for name, cl := range c.Clusters {
		if cl.Context != "" {
			m[name] = cl.Context
		}
	}
	for _, f := range flags {
		name, ctx, ok := strings.Cut(f, "=")
		if !ok || name == "" || ctx == "" {
			return nil, fmt.Errorf("--cluster-context %q: want NAME=CONTEXT", f)
		}
		m[name] = ctx
	}
	return m, nil
}
