package config

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// accessPaths are the values clusters.NAME.access takes (AccessOverrides maps the aliases).
var accessPaths = []string{"auto", "context", "ctx", "proxy", "cluster-proxy", "hub"}

// envName is a POSIX environment variable name: what every tokenEnv must hold.
var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// execAPIVersions are the ExecCredential versions client-go's exec plugins speak.
var execAPIVersions = []string{"client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"}

// fieldError is a value problem at a field's path, placed at its node by validate.
type fieldError struct {
	path []string
	msg  string
}

// checkValues checks what the shape cannot about the access paths and credentials: the
// first problem in a stable order (clusters by name), or nil.
func (c *Config) checkValues() *fieldError {
	if cp := c.ClusterProxy; cp != nil {
		if cp.URL != "" {
			if msg := CheckProxyURL(cp.URL); msg != "" {
				return &fieldError{[]string{"clusterProxy", "url"}, msg}
			}
		}
		if cp.MaxWatched < 0 {
			return &fieldError{[]string{"clusterProxy", "maxWatched"}, fmt.Sprintf("%d: want a number of clusters, 0 or more (0: the default, 100)", cp.MaxWatched)}
		}
		if cp.LingerSeconds < 0 {
			return &fieldError{[]string{"clusterProxy", "lingerSeconds"}, fmt.Sprintf("%d: want seconds, 0 or more (0: the default, 120)", cp.LingerSeconds)}
		}
	}
	if c.ArgoCD != nil {
		if e := checkTokenEnv(c.ArgoCD.TokenEnv, "argocd", "tokenEnv"); e != nil {
			return e
		}
	}
	names := make([]string, 0, len(c.Clusters))
	for name := range c.Clusters {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if e := c.Clusters[name].check(name); e != nil {
			return e
		}
	}
	return nil
}

func (cl Cluster) check(name string) *fieldError {
	at := func(msg string, path ...string) *fieldError {
		return &fieldError{append([]string{"clusters", name}, path...), msg}
	}
	if cl.Access != "" && !slices.Contains(accessPaths, cl.Access) {
		return at(fmt.Sprintf("%q: want auto, context, proxy or hub", cl.Access), "access")
	}
	if cl.ArgoCD != nil {
		if e := checkTokenEnv(cl.ArgoCD.TokenEnv, "clusters", name, "argocd", "tokenEnv"); e != nil {
			return e
		}
	}
	if cl.Portworx != nil {
		if e := checkTokenEnv(cl.Portworx.TokenEnv, "clusters", name, "portworx", "tokenEnv"); e != nil {
			return e
		}
	}
	p := cl.Proxy
	if p == nil {
		return nil
	}
	if e := checkTokenEnv(p.TokenEnv, "clusters", name, "proxy", "tokenEnv"); e != nil {
		return e
	}
	if p.Exec == nil {
		return nil
	}
	if p.TokenEnv != "" {
		return at("tokenEnv and exec: choose one (both would give the proxy a token)", "proxy", "exec")
	}
	if strings.TrimSpace(p.Exec.Command) == "" {
		return at("required: the credential plugin to run", "proxy", "exec", "command")
	}
	if v := p.Exec.APIVersion; v != "" && !slices.Contains(execAPIVersions, v) {
		return at(fmt.Sprintf("%q: want %s", v, strings.Join(execAPIVersions, " or ")), "proxy", "exec", "apiVersion")
	}
	for i, env := range p.Exec.Env {
		if !envName.MatchString(env.Name) {
			return at(fmt.Sprintf("env[%d].name %q: want an environment variable name", i, env.Name), "proxy", "exec", "env")
		}
	}
	return nil
}

// checkTokenEnv: a tokenEnv names a variable. A value that cannot be a variable's name is
// most often the token itself pasted into the file, so the message says where a token goes
// and never repeats the value.
func checkTokenEnv(v string, path ...string) *fieldError {
	if v == "" || envName.MatchString(v) {
		return nil
	}
	return &fieldError{path, "want the name of an environment variable (letters, digits, _); the token itself goes in that variable, never in this file"}
}

// CheckProxyURL accepts the cluster-proxy user endpoint as an http(s) URL with a host and
// no credentials, query or fragment ("" when it is fine).
func CheckProxyURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "not a URL: want the endpoint's URL, https://HOST[:PORT][/PATH]"
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Sprintf("%q: want the endpoint's URL, https://HOST[:PORT][/PATH]", u.Redacted())
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Sprintf("%q: want a URL without credentials, query or fragment (a cluster is URL/NAME)", u.Redacted())
	}
	return ""
}
