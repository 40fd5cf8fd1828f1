// Package model holds the immutable, typed snapshots that flow from the sources to the views.
//
// Sources decode Kubernetes objects into these small structs (projections, never whole
// unstructured maps), attach a verdict, and publish one *ClusterSnapshot per cluster. A published
// snapshot is never modified again: a change produces a new snapshot. The package imports nothing
// from client-go or the TUI libraries so that both sides can depend on it.
package model

import "time"

// Product is one of the products mcgtui watches on every cluster.
type Product uint8

const (
	ProductACM Product = iota
	ProductArgoCD
	ProductESO
	ProductPortworx
	// NumProducts sizes per-product arrays.
	NumProducts
)

var productNames = [NumProducts]string{"acm", "argocd", "eso", "portworx"}

// String returns the product's short, lower-case name as used in flags, JSON and the status bar.
func (p Product) String() string {
	if p < NumProducts {
		return productNames[p]
	}
	return "unknown"
}

// Ref names one Kubernetes object on one cluster: enough to fetch it again or act on it.
type Ref struct {
	// Cluster is the fleet name of the cluster whose API server holds the object. Actions on the
	// object go to this cluster, which is not always the cluster the object is about (a hub
	// Application deploys to a spoke: see App.DestCluster).
	Cluster    string `json:"cluster"`
	APIVersion string `json:"apiVersion"` // "argoproj.io/v1alpha1", "v1"
	Resource   string `json:"resource"`   // plural resource name: "applications"
	Kind       string `json:"kind"`
	Namespace  string `json:"namespace,omitempty"`
	Name       string `json:"name"`
}

// Meta is the part of an object's metadata that mcgtui keeps.
type Meta struct {
	Ref
	UID             string            `json:"uid,omitempty"`
	ResourceVersion string            `json:"resourceVersion,omitempty"`
	Created         time.Time         `json:"created,omitempty"`
	Labels          map[string]string `json:"labels,omitempty"`
	// DecodeIssues lists fields that were present but had an unexpected type or value. A
	// non-empty list makes the verdict Unknown unless something worse is known.
	DecodeIssues []string `json:"decodeIssues,omitempty"`
}

// Condition is a Kubernetes-style status condition, shared by every product.
type Condition struct {
	Type           string    `json:"type"`
	Status         string    `json:"status"` // "True", "False", "Unknown", or "" when absent
	Reason         string    `json:"reason,omitempty"`
	Message        string    `json:"message,omitempty"`
	LastTransition time.Time `json:"lastTransitionTime,omitempty"`
}

// FindCondition returns the condition of the given type and whether it was present.
func FindCondition(conds []Condition, condType string) (Condition, bool) {
	for _, c := range conds {
		if c.Type == condType {
			return c, true
		}
	}
	return Condition{Type: condType}, false
}

// Verdict is mcgtui's judgement of one object or cluster. Values are ordered by severity so
// that the worst of several verdicts is their maximum.
type Verdict uint8

const (
	VerdictOK Verdict = iota
	VerdictUnknown
	VerdictWarning
	VerdictCritical
)

var verdictNames = [...]string{"OK", "Unknown", "Warning", "Critical"}

// String returns "OK", "Unknown", "Warning" or "Critical".
func (v Verdict) String() string {
	if int(v) < len(verdictNames) {
		return verdictNames[v]
	}
	return "Unknown"
}

// MarshalText makes verdicts appear by name in JSON.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// Worse returns the more severe of two verdicts.
func Worse(a, b Verdict) Verdict {
	if b > a {
		return b
	}
	return a
}

// Health is a verdict with its one-line reason ("OutOfSync: 3 resources differ").
type Health struct {
	Verdict Verdict `json:"verdict"`
	Reason  string  `json:"reason,omitempty"`
}
