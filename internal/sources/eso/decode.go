package eso

import (
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/decode"
)

// Kinds of the ESO objects decoded here.
const (
	KindExternalSecret        = "ExternalSecret"
	KindClusterExternalSecret = "ClusterExternalSecret"
	KindPushSecret            = "PushSecret"
	KindSecretStore           = "SecretStore"
	KindClusterSecretStore    = "ClusterSecretStore"
)

// readyCondition is the condition type every ESO kind uses for its overall state.
const readyCondition = "Ready"

// DecodeExternalSecret projects an ExternalSecret, ClusterExternalSecret or PushSecret (chosen by
// the object's kind; v1 and v1beta1 read alike) into a model.ExternalSecret. It reads
// references and status only, never secret data. It never panics: fields with unexpected types
// read as empty and are listed in DecodeIssues. An unknown kind is decoded as an ExternalSecret
// and recorded. Health is left empty.
func DecodeExternalSecret(u *unstructured.Unstructured, cluster string) model.ExternalSecret {
	r := decode.Of(u)
	var es model.ExternalSecret
	switch kind := r.Str("kind"); kind {
	case KindClusterExternalSecret:
		es.Meta = r.Meta(cluster, ClusterExternalSecrets)
		decodeClusterExternalSecret(r, &es)
	case KindPushSecret:
		es.Meta = r.Meta(cluster, PushSecrets)
		es.APIVersion = decode.Or(es.APIVersion, Group+"/"+PushSecretVersion)
		decodePushSecret(r, &es)
	default:
		if kind != "" && kind != KindExternalSecret {
			r.Addf([]string{"kind"}, "want %s, %s or %s, got %q",
				KindExternalSecret, KindClusterExternalSecret, KindPushSecret, kind)
		}
		es.Meta = r.Meta(cluster, ExternalSecrets)
		es.Kind = KindExternalSecret
		decodeExternalSecretSpec(r.Map("spec"), &es)
		es.TargetName = decode.Or(es.TargetName, es.Name)
		es.RefreshTime = r.Time("status", "refreshTime")
	}
	es.APIVersion = decode.Or(es.APIVersion, Group+"/"+Versions[0])
	es.Conditions = r.Conditions("status", "conditions")
	es.Ready, _ = model.FindCondition(es.Conditions, readyCondition)
	es.DecodeIssues = r.Issues()
	return es
}

// decodeExternalSecretSpec reads the fields an ExternalSecret spec shares with a
// ClusterExternalSecret's spec.externalSecretSpec.
func decodeExternalSecretSpec(spec *decode.Reader, es *model.ExternalSecret) {
	es.RefreshInterval, es.RefreshIntervalRaw = spec.Duration("refreshInterval")
	es.RefreshPolicy = spec.Str("refreshPolicy")
	store := spec.Map("secretStoreRef")
	es.StoreName = store.Str("name")
	es.StoreKind = store.Str("kind")
	if es.StoreKind == "" && es.StoreName != "" {
		es.StoreKind = KindSecretStore // the CRD's default
	}
	if es.StoreName != "" {
		es.Stores = []model.StoreRef{{Kind: es.StoreKind, Name: es.StoreName}}
	}
	es.TargetName = spec.Str("target", "name")
}

// decodeClusterExternalSecret reads a ClusterExternalSecret: the template of the
// ExternalSecrets it stamps out, their name, and the namespaces where that worked or failed.
func decodeClusterExternalSecret(r *decode.Reader, es *model.ExternalSecret) {
	spec := r.Map("spec")
	decodeExternalSecretSpec(spec.Map("externalSecretSpec"), es)
	// The generated ExternalSecrets are named spec.externalSecretName, by default the
	// ClusterExternalSecret's own name; status.externalSecretName records the name in use.
	es.TargetName = spec.Str("externalSecretName")
	if es.TargetName == "" {
		es.TargetName = decode.Or(r.Str("status", "externalSecretName"), es.Name)
	}
	status := r.Map("status")
	es.ProvisionedNamespaces = status.StrSlice("provisionedNamespaces")
	status.Each([]string{"failedNamespaces"}, func(e *decode.Reader) {
		if ns := e.Str("namespace"); ns != "" {
			es.FailedNamespaces = append(es.FailedNamespaces, ns)
		}
	})
}

// decodePushSecret reads a PushSecret: the stores it pushes to (several, joined with ",") and
// the Secret it pushes, which is what TargetName names for this kind.
func decodePushSecret(r *decode.Reader, es *model.ExternalSecret) {
	spec := r.Map("spec")
	es.RefreshInterval, es.RefreshIntervalRaw = spec.Duration("refreshInterval")
	var names, kinds []string
	spec.Each([]string{"secretStoreRefs"}, func(e *decode.Reader) {
		// A ref may select stores by label instead of by name; those have no name to show.
		kind := decode.Or(e.Str("kind"), KindSecretStore)
		if name := e.Str("name"); name != "" {
			names = append(names, name)
			es.Stores = append(es.Stores, model.StoreRef{Kind: kind, Name: name})
		}
		if !contains(kinds, kind) {
			kinds = append(kinds, kind)
		}
	})
	es.StoreName = strings.Join(names, ",")
	es.StoreKind = strings.Join(kinds, ",")
	es.TargetName = spec.Str("selector", "secret", "name")
	es.RefreshTime = r.Time("status", "refreshTime")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// providerServers says where a provider keeps its endpoint URL, for the providers that have a
// single one. Providers not listed have no server to show (cloud SDK endpoints) or more than one.
var providerServers = map[string][]string{
	"vault":                   {"server"},
	"kubernetes":              {"server", "url"},
	"webhook":                 {"url"},
	"conjur":                  {"url"},
	"gitlab":                  {"url"},
	"azurekv":                 {"vaultUrl"},
	"akeyless":                {"akeylessGWApiURL"},
	"onepassword":             {"connectHost"},
	"infisical":               {"hostAPI"},
	"bitwardensecretsmanager": {"apiURL"},
	"ibm":                     {"serviceUrl"},
}

// DecodeSecretStore projects a SecretStore or ClusterSecretStore into a model.SecretStore: its
// provider, that provider's server where it has one, the Ready condition and the capabilities.
// Credentials and auth settings are never read. It never panics; Health is left empty.
func DecodeSecretStore(u *unstructured.Unstructured, cluster string) model.SecretStore {
	r := decode.Of(u)
	resource := SecretStores
	kind := r.Str("kind")
	switch kind {
	case KindClusterSecretStore:
		resource = ClusterSecretStores
	case "", KindSecretStore:
		kind = KindSecretStore
	default:
		r.Addf([]string{"kind"}, "want %s or %s, got %q", KindSecretStore, KindClusterSecretStore, kind)
		kind = KindSecretStore
	}
	st := model.SecretStore{Meta: r.Meta(cluster, resource)}
	st.Kind = kind
	st.APIVersion = decode.Or(st.APIVersion, Group+"/"+Versions[0])

	// spec.provider holds exactly one key, named after the provider; sorting makes an invalid
	// object with several keys decode the same way every time.
	providers := r.Keys("spec", "provider")
	sort.Strings(providers)
	if len(providers) > 0 {
		st.Provider = decode.Intern(providers[0])
		if path, ok := providerServers[st.Provider]; ok {
			st.ProviderServer = r.Map("spec", "provider", st.Provider).Str(path...)
		}
	}
	st.Capabilities = r.Str("status", "capabilities")
	st.Conditions = r.Conditions("status", "conditions")
	st.Ready, _ = model.FindCondition(st.Conditions, readyCondition)
	st.DecodeIssues = r.Issues()
	return st
}
