package causes

import (
	"strings"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
)

// part is one cluster's share of the graph, computed from its snapshot alone and kept by the
// Builder for as long as the snapshot is the cluster's latest: its nodes, the links between
// them, and the lookups other clusters' links need.
type part struct {
	snap  *model.ClusterSnapshot
	nodes []Node
	links []Link // From and To index nodes
	// index finds a node by kind, namespace and name (objects only).
	index map[objKey]int
	// claims are the volume nodes by namespace, for the StatefulSet claims of remote apps.
	claims map[string][]int
	// requests are links whose other end is on another cluster, resolved at assembly.
	requests []request
	// remoteApps are the app nodes that deploy to another cluster, by that cluster.
	remoteApps map[string][]int
	// unavailable is the node of the cluster's ManagedCluster when the cluster is not
	// Available; -1 otherwise.
	unavailable int
}

// objKey names an object within a cluster.
type objKey struct{ kind, namespace, name string }

// request asks for links from objects on another cluster to an app of this one: one of the
// app's managed resources (status.resources), or the claims of a StatefulSet it manages.
type request struct {
	app      int // node index in this part
	appObj   *model.App
	cluster  string
	resource *model.AppResource
}

// newPart collects a cluster's problems and links them.
func newPart(c *model.ClusterSnapshot) *part {
	p := &part{snap: c, index: map[objKey]int{}, unavailable: -1}
	p.collect(c)
	for _, link := range partLinkers {
		link(p)
	}
	return p
}

// add appends a node for an object; it returns its index, or -1 when the object is neither a
// problem nor possibly a symptom.
func (p *part) add(m *model.Meta, kind, about string, h model.Health, since time.Time, affected bool) int {
	problem := h.Verdict >= model.VerdictWarning
	if !problem && !affected && h.Verdict != model.VerdictUnknown {
		return -1
	}
	ref := m.Ref
	if ref.Kind == "" {
		ref.Kind = kind
	}
	if ref.Cluster == "" {
		ref.Cluster = p.snap.Name
	}
	n := Node{
		ID: ID(ref.Cluster, ref.Kind, ref.Namespace, ref.Name), Ref: ref, About: about,
		Verdict: h.Verdict, Reason: h.Reason, Since: since, Problem: problem,
	}
	if problem {
		n.group = ref.Kind + "/" + ref.Namespace + "/" + ref.Name + "\x00" + h.Reason
	}
	p.nodes = append(p.nodes, n)
	i := len(p.nodes) - 1
	p.index[objKey{ref.Kind, ref.Namespace, ref.Name}] = i
	return i
}

// collect adds a node per problem of the snapshot, and per object that may be a symptom
// without being a problem: an app Degraded, Progressing or Missing, anything Unknown.
func (p *part) collect(c *model.ClusterSnapshot) {
	if mc := c.Managed; mc != nil && mc.Health.Verdict >= model.VerdictWarning {
		ref := mc.Ref
		ref.Kind = "ManagedCluster"
		n := Node{ID: ID(ref.Cluster, ref.Kind, "", ref.Name), Ref: ref, About: c.Name,
			Verdict: mc.Health.Verdict, Reason: mc.Health.Reason, Since: managedSince(mc), Problem: true}
		p.nodes = append(p.nodes, n)
		if s := mc.Available.Status; s == "False" || s == "Unknown" {
			p.unavailable = len(p.nodes) - 1
		}
	}
	for pr := model.Product(0); pr < model.NumProducts; pr++ {
		st := c.Sources[pr]
		v := sourceVerdict(st.State)
		if v < model.VerdictWarning {
			continue
		}
		ref := model.Ref{Cluster: c.Name, Kind: "Source", Name: pr.String()}
		reason := st.State.String()
		if st.Reason != "" {
			reason += ": " + st.Reason
		}
		p.nodes = append(p.nodes, Node{ID: ID(c.Name, "Source", "", ref.Name), Ref: ref, About: c.Name,
			Verdict: v, Reason: reason, Since: st.Since, Problem: true})
	}
	for i := range c.Apps {
		a := &c.Apps[i]
		about := c.Name
		if a.DestCluster != "" {
			about = a.DestCluster
		}
		p.add(&a.Meta, "Application", about, a.Health, appSince(a), affectedApp(a))
	}
	for i := range c.AppSets {
		s := &c.AppSets[i]
		p.add(&s.Meta, "ApplicationSet", c.Name, s.Health, latestTransition(s.Conditions), false)
	}
	for i := range c.Stores {
		st := &c.Stores[i]
		if n := p.add(&st.Meta, storeKind(st), c.Name, st.Health, st.Ready.LastTransition, false); n >= 0 && p.nodes[n].Problem {
			// One Vault behind the same store on several clusters is one cause.
			if st.ProviderServer != "" {
				p.nodes[n].group = "store\x00" + st.Provider + "\x00" + st.ProviderServer + "\x00" + st.Ready.Reason
			}
		}
	}
	for i := range c.Secrets {
		e := &c.Secrets[i]
		p.add(&e.Meta, "ExternalSecret", c.Name, e.Health, secretSince(e), false)
	}
	for i := range c.StorageClusters {
		sc := &c.StorageClusters[i]
		p.add(&sc.Meta, "StorageCluster", c.Name, sc.Health, storageClusterSince(sc), false)
	}
	for i := range c.StorageNodes {
		sn := &c.StorageNodes[i]
		p.add(&sn.Meta, "StorageNode", c.Name, sn.Health, storageNodeSince(sn), false)
	}
	for i := range c.Policies {
		pol := &c.Policies[i]
		p.add(&pol.Meta, "Policy", c.Name, pol.Health, policySince(pol), false)
	}
	for i := range c.Volumes {
		v := &c.Volumes[i]
		n := p.add(&v.Meta, "PersistentVolumeClaim", c.Name, v.Health, volumeSince(v), false)
		if n >= 0 {
			if p.claims == nil {
				p.claims = map[string][]int{}
			}
			p.claims[v.Namespace] = append(p.claims[v.Namespace], n)
		}
	}
}

// sourceVerdict judges a source's state as the cluster roll-up does (model.Summarize).
func sourceVerdict(s model.SourceState) model.Verdict {
	switch s {
	case model.StateUnreachable:
		return model.VerdictCritical
	case model.StateForbidden, model.StateStale:
		return model.VerdictWarning
	}
	return model.VerdictOK
}

// affectedApp reports whether an app's health may be explained by what it manages.
func affectedApp(a *model.App) bool {
	switch a.HealthStatus {
	case "Degraded", "Progressing", "Missing":
		return true
	}
	return false
}

func storeKind(st *model.SecretStore) string {
	if st.Kind != "" {
		return st.Kind
	}
	if st.Namespace == "" {
		return "ClusterSecretStore"
	}
	return "SecretStore"
}

// managedSince is when a managed cluster stopped being Available, joined or accepted; zero
// when its problem is something else (a lingering taint, whose time the model does not keep).
func managedSince(mc *model.ManagedCluster) time.Time {
	for _, c := range []model.Condition{mc.Available, mc.Joined, mc.Accepted} {
		if c.Status != "True" && !c.LastTransition.IsZero() {
			return c.LastTransition
		}
	}
	return time.Time{}
}

// appSince dates an app's problem: a failed or retrying operation, an error condition, else
// the health's last transition.
func appSince(a *model.App) time.Time {
	if op := a.Operation; op != nil {
		switch op.Phase {
		case "Failed", "Error":
			if !op.FinishedAt.IsZero() {
				return op.FinishedAt
			}
			return op.StartedAt
		case "Running":
			if op.RetryCount > 0 || a.HealthStatus == "Progressing" {
				return op.StartedAt
			}
		}
	}
	for _, c := range a.Conditions {
		if strings.HasSuffix(c.Type, "Error") && !c.LastTransition.IsZero() {
			return c.LastTransition
		}
	}
	if a.HealthStatus != "Healthy" {
		return a.HealthSince
	}
	return time.Time{}
}

// secretSince is when an ExternalSecret stopped being Ready, or for one that went stale, when
// its second refresh was due.
func secretSince(e *model.ExternalSecret) time.Time {
	if e.Ready.Status != "True" {
		return e.Ready.LastTransition
	}
	if e.RefreshInterval > 0 && !e.RefreshTime.IsZero() {
		return e.RefreshTime.Add(2 * e.RefreshInterval)
	}
	return time.Time{}
}

// volumeSince is a Pending claim's creation: it has been Pending since.
func volumeSince(v *model.Volume) time.Time {
	if v.Phase == "Pending" {
		return v.Created
	}
	return time.Time{}
}

// storageNodeSince dates a StorageNode's problem by the condition it comes from: NodeState
// when the node is not Online, else a failed NodeInit or a KVDB that is not Online. A node
// that is Online with storage filling up (or an SDK status only) has no field that says since
// when: zero, rather than the NodeState transition of a node that has been Online for months.
func storageNodeSince(sn *model.StorageNode) time.Time {
	if sn.Phase != "Online" && sn.Phase != "" {
		return conditionSince(sn.Conditions, "NodeState")
	}
	var t time.Time
	for _, c := range sn.Conditions {
		failing := strings.HasSuffix(c.Type, "NodeInit") && c.Status == "Failed" ||
			strings.HasSuffix(c.Type, "NodeKVDB") && (c.Status == "Offline" || c.Status == "Failed" || c.Status == "NotInQuorum")
		if failing && c.LastTransition.After(t) {
			t = c.LastTransition
		}
	}
	return t
}

// storageClusterSince dates a StorageCluster's problem: RuntimeState's transition when Portworx
// is not Online, else the latest Failed or Timeout operation condition, else (a phase such as
// Initializing or Degraded) the latest transition; zero for a cluster with no such field.
func storageClusterSince(sc *model.StorageCluster) time.Time {
	if rs, ok := model.FindCondition(sc.Conditions, "RuntimeState"); ok && rs.Status != "Online" && rs.Status != "" {
		return rs.LastTransition
	}
	var t time.Time
	for _, c := range sc.Conditions {
		if (c.Status == "Failed" || c.Status == "Timeout") && c.LastTransition.After(t) {
			t = c.LastTransition
		}
	}
	if t.IsZero() && sc.Phase != "Running" && sc.Phase != "Online" {
		return latestTransition(sc.Conditions)
	}
	return t
}

// conditionSince is the transition of the named condition, else the latest transition.
func conditionSince(conds []model.Condition, condType string) time.Time {
	if c, ok := model.FindCondition(conds, condType); ok && !c.LastTransition.IsZero() {
		return c.LastTransition
	}
	return latestTransition(conds)
}

func latestTransition(conds []model.Condition) time.Time {
	var t time.Time
	for _, c := range conds {
		if c.LastTransition.After(t) {
			t = c.LastTransition
		}
	}
	return t
}

// policySince is when a replicated policy's templates last turned NonCompliant: the oldest
// entry of the newest run of history messages that start "NonCompliant" (the form the
// policy controllers write), the earliest over its templates; zero when history says nothing.
func policySince(pol *model.Policy) time.Time {
	var since time.Time
	for i := range pol.Details {
		var t time.Time
		for _, e := range pol.Details[i].History { // newest first
			if !strings.HasPrefix(e.Message, model.NonCompliant) {
				break
			}
			t = e.Time
		}
		if !t.IsZero() && (since.IsZero() || t.Before(since)) {
			since = t
		}
	}
	return since
}
