package eso

import (
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/decode"
)

// wireExternalSecret is an ExternalSecret's JSON as DecodeExternalSecret reads it (see
// decode.UnmarshalWire and argocd's wire types for the rules).
type wireExternalSecret struct {
	APIVersion string      `json:"apiVersion"`
	Kind       string      `json:"kind"`
	Metadata   decode.Wire `json:"metadata"`
	Spec       struct {
		RefreshInterval string `json:"refreshInterval"`
		RefreshPolicy   string `json:"refreshPolicy"`
		SecretStoreRef  struct {
			Name string `json:"name"`
			Kind string `json:"kind"`
		} `json:"secretStoreRef"`
		Target struct {
			Name string `json:"name"`
		} `json:"target"`
	} `json:"spec"`
	Status struct {
		RefreshTime string                  `json:"refreshTime"`
		Conditions  []*decode.WireCondition `json:"conditions"`
	} `json:"status"`
}

// scan reads the wire type by hand with decode.Scanner, as decode.UnmarshalWire reads it by
// reflection (FuzzScanExternalSecretMatchesUnmarshal); its strings may point into data.
func (w *wireExternalSecret) scan(s *decode.Scanner) {
	s.Object(func(key []byte) bool {
		switch string(key) {
		case "apiVersion":
			s.String(&w.APIVersion)
		case "kind":
			s.String(&w.Kind)
		case "metadata":
			w.Metadata.Scan(s)
		case "spec":
			sp := &w.Spec
			s.Object(func(key []byte) bool {
				switch string(key) {
				case "refreshInterval":
					s.String(&sp.RefreshInterval)
				case "refreshPolicy":
					s.String(&sp.RefreshPolicy)
				case "secretStoreRef":
					s.Object(func(key []byte) bool {
						switch string(key) {
						case "name":
							s.String(&sp.SecretStoreRef.Name)
						case "kind":
							s.String(&sp.SecretStoreRef.Kind)
						default:
							return false
						}
						return true
					})
				case "target":
					s.Object(func(key []byte) bool {
						if string(key) != "name" {
							return false
						}
						s.String(&sp.Target.Name)
						return true
					})
				default:
					return false
				}
				return true
			})
		case "status":
			s.Object(func(key []byte) bool {
				switch string(key) {
				case "refreshTime":
					s.String(&w.Status.RefreshTime)
				case "conditions":
					decode.ScanConditions(s, &w.Status.Conditions)
				default:
					return false
				}
				return true
			})
		default:
			return false
		}
		return true
	})
}

// DecodeExternalSecretJSON is DecodeExternalSecret straight from an ExternalSecret's JSON (the
// other kinds, and any object it cannot read cleanly, report false and take the map path; see
// argocd.DecodeApplicationJSON). Where it reports true its result equals
// DecodeExternalSecret's (FuzzDecodeExternalSecretJSON).
func DecodeExternalSecretJSON(data []byte, cluster string) (model.ExternalSecret, bool) {
	var w wireExternalSecret
	if !decode.Scan(data, w.scan) || (w.Kind != "" && w.Kind != KindExternalSecret) {
		return model.ExternalSecret{}, false
	}
	var t decode.Times
	es := model.ExternalSecret{Meta: w.Metadata.Meta(&t, cluster, ExternalSecrets, w.APIVersion, w.Kind)}
	es.Kind = KindExternalSecret
	if raw := w.Spec.RefreshInterval; raw != "" {
		d, err := time.ParseDuration(raw)
		if err != nil {
			return model.ExternalSecret{}, false
		}
		es.RefreshInterval, es.RefreshIntervalRaw = d, decode.Intern(raw)
	}
	es.StoreName = decode.Intern(w.Spec.SecretStoreRef.Name)
	es.StoreKind = decode.Intern(w.Spec.SecretStoreRef.Kind)
	if es.StoreKind == "" && es.StoreName != "" {
		es.StoreKind = KindSecretStore // the CRD's default
	}
	if es.StoreName != "" {
		es.Stores = []model.StoreRef{{Kind: es.StoreKind, Name: es.StoreName}}
	}
	es.RefreshPolicy = decode.Intern(w.Spec.RefreshPolicy)
	es.TargetName = decode.Or(decode.Intern(w.Spec.Target.Name), es.Name)
	es.RefreshTime = t.Parse(w.Status.RefreshTime)
	es.APIVersion = decode.Or(es.APIVersion, Group+"/"+Versions[0])
	es.Conditions = decode.WireConditions(&t, w.Status.Conditions)
	es.Ready, _ = model.FindCondition(es.Conditions, readyCondition)
	if t.Bad {
		return model.ExternalSecret{}, false
	}
	return es, true
}
