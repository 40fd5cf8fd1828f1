package report

import (
	"cmp"
	"slices"
	"strings"

	"github.com/mcgtui/mcgtui/internal/model"
)

// Rows flattens a fleet into report rows. For each cluster, in fleet order (hub first): the
// cluster's own row, a Source row for every product source that is not Ready, then one row per
// object sorted by kind, namespace and name. The verdicts are those the health rules set; Rows
// judges only the clusters' source states.
func Rows(f *model.Fleet) []Row {
	if f == nil {
		return nil
	}
	var rows []Row
	for _, c := range f.Clusters {
		if c == nil {
			continue
		}
		rows = append(rows, clusterRow(c))
		rows = append(rows, sourceRows(c)...)
		rows = append(rows, sdkSourceRow(c)...)
		rows = append(rows, objectRows(c)...)
	}
	rows = append(rows, orphanPolicyRows(f)...)
	return rows
}

// clusterRow is a cluster's own row: its roll-up verdict, plus which sources are not Ready.
func clusterRow(c *model.ClusterSnapshot) Row {
	r := Row{
		Cluster:    c.Name,
		Kind:       "Cluster",
		Name:       c.Name,
		Verdict:    Verdict(c.Summary.Health.Verdict),
		Reason:     c.Summary.Health.Reason,
		Hub:        c.Hub,
		Access:     string(c.Access),
		AccessNote: c.AccessNote,
		ObservedAt: c.Updated,
		Sources:    make(map[string]string, model.NumProducts),
		Generation: c.Generation,
	}
	for p := model.Product(0); p < model.NumProducts; p++ {
		r.Sources[p.String()] = c.Sources[p].State.String()
	}
	if watchesGovernance(c) {
		r.Sources[governanceSource] = c.PolicySource.State.String()
	}
	portworxCluster(&r, c)
	if note := sourcesNote(c); note != "" {
		r.Reason = joinReasons(r.Reason, note)
	}
	// A source that never finished its first list leaves the cluster unjudged, not fine: its
	// Source row is a Warning, and the cluster is no better.
	for p := model.Product(0); p < model.NumProducts; p++ {
		if c.Sources[p].State == model.StateSyncing && r.Verdict < Verdict(model.VerdictWarning) {
			r.Verdict = Verdict(model.VerdictWarning)
		}
	}
	if mc := c.Managed; mc != nil {
		if !c.Hub {
			r.Kind = "ManagedCluster"
		}
		r.Available = mc.Available.Status
		r.Cloud = mc.Cloud
		r.Version = cmp.Or(mc.OpenShiftVersion, mc.KubeVersion)
	}
	return r
}

// sourcesNote lists the sources of c that are not Ready, grouped by state in order of first
// appearance: "sources: argocd, eso NoAccess; portworx NotInstalled". It is "" when all are Ready.
func sourcesNote(c *model.ClusterSnapshot) string {
	var states []model.SourceState
	products := map[model.SourceState][]string{}
	for p := model.Product(0); p < model.NumProducts; p++ {
		st := c.Sources[p].State
		if st == model.StateReady {
			continue
		}
		if _, seen := products[st]; !seen {
			states = append(states, st)
		}
		products[st] = append(products[st], p.String())
	}
	if st := c.PolicySource.State; watchesGovernance(c) && st != model.StateReady {
		if _, seen := products[st]; !seen {
			states = append(states, st)
		}
		products[st] = append(products[st], governanceSource)
	}
	if len(states) == 0 {
		return ""
	}
	groups := make([]string, len(states))
	for i, st := range states {
		groups[i] = strings.Join(products[st], ", ") + " " + st.String()
	}
	return "sources: " + strings.Join(groups, "; ")
}

// joinReasons joins two non-empty reasons with "; ".
func joinReasons(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// sourceRows returns a row for each product source of c that is not Ready. Only failures are
// problems: a product that is not installed, or a cluster mcgtui has no context for, is OK.
func sourceRows(c *model.ClusterSnapshot) []Row {
	var rows []Row
	for p := model.Product(0); p < model.NumProducts; p++ {
		st := c.Sources[p]
		if st.State == model.StateReady {
			continue
		}
		verdict, text := sourceVerdict(st.State)
		rows = append(rows, Row{
			Cluster:     c.Name,
			Kind:        "Source",
			Name:        p.String(),
			Verdict:     Verdict(verdict),
			Reason:      cmp.Or(st.Reason, text),
			SourceState: st.State.String(),
			Since:       st.Since,
		})
	}
	if r, ok := governanceSourceRow(c); ok {
		rows = append(rows, r)
	}
	return rows
}

// sourceVerdict judges a source state and explains it when the source gave no reason.
func sourceVerdict(s model.SourceState) (model.Verdict, string) {
	switch s {
	case model.StateUnreachable:
		return model.VerdictCritical, "API server unreachable"
	case model.StateForbidden:
		return model.VerdictWarning, "forbidden: cannot list or watch"
	case model.StateStale:
		return model.VerdictWarning, "watch failing; showing data from before"
	case model.StateSyncing:
		// The status command waited for its timeout and this source never finished listing.
		return model.VerdictWarning, "not synced before the timeout"
	case model.StateNotInstalled:
		return model.VerdictOK, "not installed on this cluster"
	case model.StateNoAccess:
		return model.VerdictOK, "no kubeconfig context reaches this cluster"
	}
	return model.VerdictUnknown, "state " + s.String()
}

// objectRows returns one row per object of c, sorted by kind, namespace and name.
func objectRows(c *model.ClusterSnapshot) []Row {
	n := len(c.Apps) + len(c.AppSets) + len(c.Secrets) + len(c.Stores) + len(c.Volumes) +
		len(c.StorageClusters) + len(c.StorageNodes)
	rows := make([]Row, 0, n)
	for i := range c.Apps {
		rows = append(rows, appRow(c, &c.Apps[i]))
	}
	for i := range c.AppSets {
		s := &c.AppSets[i]
		rows = append(rows, objectRow(c, &s.Meta, "ApplicationSet", s.Health))
	}
	for i := range c.Secrets {
		rows = append(rows, secretRow(c, &c.Secrets[i]))
	}
	for i := range c.Stores {
		st := &c.Stores[i]
		r := objectRow(c, &st.Meta, "SecretStore", st.Health)
		r.Ready, r.Provider = st.Ready.Status, st.Provider
		rows = append(rows, r)
	}
	for i := range c.Volumes {
		rows = append(rows, volumeRow(c, &c.Volumes[i]))
	}
	for i := range c.StorageClusters {
		sc := &c.StorageClusters[i]
		r := objectRow(c, &sc.Meta, "StorageCluster", sc.Health)
		r.Phase, r.Version = sc.Phase, sc.Version
		rows = append(rows, r)
	}
	for i := range c.StorageNodes {
		sn := &c.StorageNodes[i]
		r := objectRow(c, &sn.Meta, "StorageNode", sn.Health)
		r.Phase, r.Version = sn.Phase, sn.Version
		r.CapacityBytes, r.UsedBytes = sn.StorageTotal, sn.StorageUsed
		portworxNode(&r, sn)
		rows = append(rows, r)
	}
	rows = append(rows, policyRows(c)...)
	slices.SortStableFunc(rows, func(a, b Row) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	return rows
}

// objectRow fills the fields every object row has. defaultKind covers decoders that left
// Meta.Kind empty.
func objectRow(c *model.ClusterSnapshot, m *model.Meta, defaultKind string, h model.Health) Row {
	return Row{
		Cluster:   c.Name,
		Kind:      cmp.Or(m.Kind, defaultKind),
		Namespace: m.Namespace,
		Name:      m.Name,
		Verdict:   Verdict(h.Verdict),
		Reason:    h.Reason,
	}
}

// appRow is an Argo CD Application's row.
func appRow(c *model.ClusterSnapshot, a *model.App) Row {
	r := objectRow(c, &a.Meta, "Application", a.Health)
	r.Project, r.Sync, r.Health, r.Revision = a.Project, a.SyncStatus, a.HealthStatus, a.Revision
	r.Destination = destination(a)
	return r
}

// destination renders where an app deploys as "cluster/namespace".
func destination(a *model.App) string {
	where := cmp.Or(a.DestCluster, a.Destination.Name, a.Destination.Server)
	if a.Destination.Namespace == "" {
		return where
	}
	return where + "/" + a.Destination.Namespace
}

// secretRow is the row of an ExternalSecret, ClusterExternalSecret or PushSecret.
func secretRow(c *model.ClusterSnapshot, e *model.ExternalSecret) Row {
	r := objectRow(c, &e.Meta, "ExternalSecret", e.Health)
	r.Ready, r.RefreshTime = e.Ready.Status, e.RefreshTime
	refs := make([]string, 0, len(e.Stores))
	for _, ref := range e.Stores {
		refs = append(refs, cmp.Or(ref.Kind, "SecretStore")+"/"+ref.Name)
	}
	r.Store = strings.Join(refs, ",")
	return r
}

// volumeRow is a PersistentVolumeClaim's row, with its PersistentVolume.
func volumeRow(c *model.ClusterSnapshot, v *model.Volume) Row {
	r := objectRow(c, &v.Meta, "PersistentVolumeClaim", v.Health)
	r.Phase, r.VolumeName, r.VolumePhase, r.StorageClass = v.Phase, v.VolumeName, v.PVPhase, v.StorageClass
	r.RequestedBytes, r.CapacityBytes = v.Requested, v.Capacity
	portworxVolume(&r, v)
	return r
}
