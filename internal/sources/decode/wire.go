package decode

import (
	"time"

	kjson "sigs.k8s.io/json"

	"github.com/mcgtui/mcgtui/internal/model"
)

// The fast path: decoders that read an object straight from the API server's JSON into wire
// structs of their own (the fields they read, with their JSON types) instead of through an
// unstructured map. A wire decode either reads the object cleanly or reports false; the
// caller then decodes it through the map reader, which records what is wrong. So issues are
// only ever found, worded and recorded in one place, and both paths give equal results.

// UnmarshalWire decodes data into the wire struct v, case-sensitively as the API server's
// objects are matched everywhere else (encoding/json alone would let "Status" fill "status").
// It reports false on any error, including a value of the wrong type anywhere in v.
func UnmarshalWire(data []byte, v any) bool {
	return kjson.UnmarshalCaseSensitivePreserveInts(data, v) == nil
}

// Wire is an object's metadata as Reader.Meta reads it.
type Wire struct {
	Namespace         string `json:"namespace"`
	Name              string `json:"name"`
	UID               string `json:"uid"`
	ResourceVersion   string `json:"resourceVersion"`
	CreationTimestamp string `json:"creationTimestamp"`
}

// Meta is Reader.Meta on the wire: apiVersion and kind come from the object's top level.
func (w *Wire) Meta(t *Times, cluster, resource, apiVersion, kind string) model.Meta {
	return model.Meta{
		Ref: model.Ref{
			Cluster:    cluster,
			APIVersion: Intern(apiVersion),
			Resource:   resource,
			Kind:       Intern(kind),
			Namespace:  Intern(w.Namespace),
			Name:       Intern(w.Name),
		},
		UID:             Keep(w.UID),
		ResourceVersion: Keep(w.ResourceVersion),
		Created:         t.Parse(w.CreationTimestamp),
	}
}

// WireCondition is a Kubernetes-style condition as Reader.Condition reads it.
type WireCondition struct {
	Type               string `json:"type"`
	Status             string `json:"status"`
	Reason             string `json:"reason"`
	Message            string `json:"message"`
	LastTransitionTime string `json:"lastTransitionTime"`
}

// WireConditions is Reader.Conditions on the wire: null elements are skipped, and a list
// without any condition is nil.
func WireConditions(t *Times, list []*WireCondition) []model.Condition {
	if len(list) == 0 {
		return nil
	}
	out := make([]model.Condition, 0, len(list))
	for _, c := range list {
		if c == nil {
			continue
		}
		out = append(out, model.Condition{
			Type:           Intern(c.Type),
			Status:         Intern(c.Status),
			Reason:         Intern(c.Reason),
			Message:        Intern(c.Message),
			LastTransition: t.Parse(c.LastTransitionTime),
		})
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// WireStrings is Reader.StrSlice on the wire: strings interned, null elements skipped, nil
// when none is left.
func WireStrings(list []*string) []string {
	if len(list) == 0 {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, s := range list {
		if s != nil {
			out = append(out, Intern(*s))
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Times parses the timestamps of one wire object as Reader.Time does, remembering whether
// any was bad: the object must then take the map path, which records the issue.
type Times struct{ Bad bool }

// Parse returns the RFC 3339 timestamp s; "" is the zero time.
func (t *Times) Parse(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Bad = true
		return time.Time{}
	}
	return v
}

// Scan reads the metadata with a Scanner, as UnmarshalWire reads it.
func (w *Wire) Scan(s *Scanner) {
	s.Object(func(key []byte) bool {
		switch string(key) {
		case "namespace":
			s.String(&w.Namespace)
		case "name":
			s.String(&w.Name)
		case "uid":
			s.String(&w.UID)
		case "resourceVersion":
			s.String(&w.ResourceVersion)
		case "creationTimestamp":
			s.String(&w.CreationTimestamp)
		default:
			return false
		}
		return true
	})
}

// Scan reads a condition with a Scanner, as UnmarshalWire reads it.
func (c *WireCondition) Scan(s *Scanner) {
	s.Object(func(key []byte) bool {
		switch string(key) {
		case "type":
			s.String(&c.Type)
		case "status":
			s.String(&c.Status)
		case "reason":
			s.String(&c.Reason)
		case "message":
			s.String(&c.Message)
		case "lastTransitionTime":
			s.String(&c.LastTransitionTime)
		default:
			return false
		}
		return true
	})
}

// ScanConditions reads a list of conditions as UnmarshalWire fills a []*WireCondition.
func ScanConditions(s *Scanner, dst *[]*WireCondition) {
	list := (*dst)[:0]
	if list == nil {
		list = []*WireCondition{}
	}
	if !s.Array(func() {
		if s.Null() {
			list = append(list, nil)
			return
		}
		c := new(WireCondition)
		c.Scan(s)
		list = append(list, c)
	}) {
		*dst = nil
		return
	}
	*dst = list
}
