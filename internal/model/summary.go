package model

import "fmt"

// Counts is a total with how many are fine and the worst verdict among the rest.
type Counts struct {
	Total    int     `json:"total"`
	Good     int     `json:"good"`     // synced / ready / valid / bound / online
	Problems int     `json:"problems"` // Warning or Critical
	Worst    Verdict `json:"worst"`
	// WorstReason is the reason of the first object with the worst verdict.
	WorstReason string `json:"worstReason,omitempty"`
}

// add counts one object; what names it in WorstReason ("app payments-api") and is called
// only when the object becomes the worst, so that counting a healthy fleet builds no strings.
func (c *Counts) add(good bool, h Health, what func() string) {
	c.Total++
	if good {
		c.Good++
	}
	if h.Verdict >= VerdictWarning {
		c.Problems++
	}
	if h.Verdict > c.Worst || (c.WorstReason == "" && h.Verdict == c.Worst && h.Verdict != VerdictOK) {
		c.Worst = h.Verdict
		if h.Verdict != VerdictOK {
			c.WorstReason = what() + ": " + h.Reason
		}
	}
}

// Merge adds o into c.
func (c *Counts) Merge(o Counts) {
	c.Total += o.Total
	c.Good += o.Good
	c.Problems += o.Problems
	if o.Worst > c.Worst {
		c.Worst, c.WorstReason = o.Worst, o.WorstReason
	}
}

// AppCounts is the roll-up of Applications.
type AppCounts = Counts

// Summary is one cluster's roll-up, computed once per snapshot.
type Summary struct {
	Health  Health `json:"health"` // the worst of everything below, with its reason
	Apps    Counts `json:"apps"`   // Good = Synced
	Secrets Counts `json:"secrets"`
	Stores  Counts `json:"stores"`
	Volumes Counts `json:"volumes"`
	Nodes   Counts `json:"nodes"` // Portworx StorageNodes; Good = Online
	// Policies counts the cluster's replicated ACM policies; Good = Compliant (or disabled).
	Policies Counts `json:"policies"`
	// Remote counts this cluster's Applications whose destination is another fleet cluster,
	// keyed by that cluster (hub apps deploying to spokes).
	Remote map[string]Counts `json:"-"`
}

// Summarize computes the roll-up of s. It reads only fields set by the decoders and the health
// rules, so it is cheap and deterministic.
func Summarize(s *ClusterSnapshot) Summary {
	var sum Summary
	for i := range s.Apps {
		a := &s.Apps[i]
		what := func() string { return "app " + a.Name }
		if a.DestCluster != "" && a.DestCluster != s.Name {
			if sum.Remote == nil {
				sum.Remote = map[string]Counts{}
			}
			c := sum.Remote[a.DestCluster]
			c.add(a.SyncStatus == "Synced", a.Health, what)
			sum.Remote[a.DestCluster] = c
			continue
		}
		sum.Apps.add(a.SyncStatus == "Synced", a.Health, what)
	}
	for i := range s.Secrets {
		e := &s.Secrets[i]
		sum.Secrets.add(e.Ready.Status == "True", e.Health, func() string { return lowerKind(e.Kind) + " " + e.Name })
	}
	for i := range s.Stores {
		st := &s.Stores[i]
		sum.Stores.add(st.Ready.Status == "True", st.Health, func() string { return lowerKind(st.Kind) + " " + st.Name })
	}
	for i := range s.Volumes {
		v := &s.Volumes[i]
		sum.Volumes.add(v.Phase == "Bound", v.Health, func() string { return "pvc " + v.Namespace + "/" + v.Name })
	}
	for i := range s.StorageNodes {
		n := &s.StorageNodes[i]
		sum.Nodes.add(n.Phase == "Online", n.Health, func() string { return "px node " + n.Name })
	}
	var storage Counts
	for i := range s.StorageClusters {
		sc := &s.StorageClusters[i]
		storage.add(true, sc.Health, func() string { return "storagecluster " + sc.Name })
	}

	h := Health{Verdict: VerdictOK}
	consider := func(v Verdict, reason string) {
		if v > h.Verdict {
			h = Health{Verdict: v, Reason: reason}
		}
	}
	if s.Managed != nil {
		consider(s.Managed.Health.Verdict, s.Managed.Health.Reason)
	}
	for p := Product(0); p < NumProducts; p++ {
		st := s.Sources[p]
		switch st.State {
		case StateUnreachable:
			consider(VerdictCritical, fmt.Sprintf("%s unreachable: %s", p, st.Reason))
		case StateForbidden, StateStale:
			consider(VerdictWarning, fmt.Sprintf("%s %s: %s", p, lowerState(st.State), st.Reason))
		}
	}
	sum.Policies = SummarizePolicies(s.Policies)
	if s.Governance != nil || s.Hub {
		considerPolicySource(s.PolicySource, consider)
	}
	for _, c := range []Counts{storage, sum.Nodes, sum.Volumes, sum.Stores, sum.Secrets, sum.Apps, sum.Policies} {
		consider(c.Worst, c.WorstReason)
	}
	sum.Health = h
	return sum
}

func lowerKind(kind string) string {
	switch kind {
	case "ExternalSecret":
		return "externalsecret"
	case "ClusterExternalSecret":
		return "clusterexternalsecret"
	case "PushSecret":
		return "pushsecret"
	case "SecretStore":
		return "secretstore"
	case "ClusterSecretStore":
		return "clustersecretstore"
	}
	return kind
}

func lowerState(s SourceState) string {
	switch s {
	case StateForbidden:
		return "forbidden"
	case StateStale:
		return "stale"
	}
	return s.String()
}
