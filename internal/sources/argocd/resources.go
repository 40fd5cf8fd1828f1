package argocd

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"sort"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/mcgtui/mcgtui/internal/diff"
)

// toResources turns Argo CD's managed resources into diff resources: live is the normalized
// live state (else the raw live state), target the predicted live state (else the target
// state), both as YAML. Secrets stay as Argo CD masked them. Resources that differ come first
// (Argo CD's Modified, or one side missing: a resource to prune is not Modified for Argo CD),
// then by kind, namespace, name, group.
func toResources(items []resourceDiff) []diff.Resource {
	out := make([]diff.Resource, 0, len(items))
	for _, it := range items {
		if it.Hook {
			continue
		}
		out = append(out, diff.Resource{
			Group:      it.Group,
			Kind:       it.Kind,
			Namespace:  it.Namespace,
			Name:       it.Name,
			Modified:   it.Modified,
			LiveYAML:   stateYAML(it.NormalizedLiveState, it.LiveState),
			TargetYAML: stateYAML(it.PredictedLiveState, it.TargetState),
		})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if da, db := differs(a), differs(b); da != db {
			return da
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Namespace != b.Namespace {
			return a.Namespace < b.Namespace
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Group < b.Group
	})
	return out
}

func differs(r diff.Resource) bool { return r.Modified || r.LiveYAML != r.TargetYAML }

// stateYAML converts the first non-empty JSON state to YAML; "" when every state is empty or
// "null" (the side does not exist). A state that is not JSON is shown as it came.
func stateYAML(states ...string) string {
	for _, s := range states {
		s = strings.TrimSpace(s)
		if s == "" || s == "null" {
			continue
		}
		y, err := yaml.JSONToYAML([]byte(s))
		if err != nil {
			return s + "\n"
		}
		return string(y)
	}
	return ""
}

// tlsHint says what to do about a TLS failure; "" when err is not one.
func tlsHint(err error) string {
	var (
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		verify   *tls.CertificateVerificationError
		record   tls.RecordHeaderError
	)
	switch {
	case errors.As(err, &unknown), errors.As(err, &hostname), errors.As(err, &invalid), errors.As(err, &verify):
		return "certificate not trusted; set insecure: true for this server in the config file or pass --argocd-insecure to skip verification"
	case errors.As(err, &record), strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return "the server speaks plain HTTP; use an http:// URL, plainText: true or --argocd-plaintext"
	}
	return ""
}
