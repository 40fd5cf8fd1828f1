package views

import (
	"fmt"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// clusterRows builds the fleet page: one row per cluster.
func clusterRows(f *model.Fleet) []row {
	if f == nil {
		return nil
	}
	rows := make([]row, 0, len(f.Clusters))
	for _, c := range f.Clusters {
		rows = append(rows, clusterRow(f, c))
	}
	return rows
}

func clusterRow(f *model.Fleet, c *model.ClusterSnapshot) row {
	apps := f.AppsFor(c)
	verdict := model.Worse(c.Summary.Health.Verdict, apps.Worst)
	state, tone := clusterState(c, apps, verdict)
	name := c.Name
	if c.Hub {
		name += " (hub)"
	}
	version, cloud, avail := "-", "-", "-"
	if m := c.Managed; m != nil {
		version = firstNonEmpty(m.OpenShiftVersion, m.KubeVersion, "-")
		cloud = firstNonEmpty(m.Cloud, m.Platform, "-")
		avail = firstNonEmpty(m.Available.Status, "?")
	}
	if c.Hub {
		avail = "hub"
	}
	px := c.Sources[model.ProductPortworx].State
	cells := []string{
		name, avail, version, cloud,
		countOrState(apps, c.Sources[model.ProductArgoCD].State),
		countOrState(c.Summary.Secrets, c.Sources[model.ProductESO].State),
		countOrState(c.Summary.Volumes, px),
		countOrState(c.Summary.Nodes, px),
		state, "",
	}
	for i, s := range cells {
		cells[i] = humanize.Sanitize(s)
	}
	return row{key: c.Name, cells: cells, verdict: verdict, tone: tone, since: c.Updated, obj: c}
}

// clusterState is the fleet row's STATE cell: the worst verdict with its reason, else the most
// telling source state ("no access", "unreachable"), else "OK". A cluster whose data is missing
// is drawn grey even when nothing known about it is wrong.
func clusterState(c *model.ClusterSnapshot, apps model.Counts, v model.Verdict) (string, model.Verdict) {
	if v > model.VerdictOK {
		h := c.Summary.Health
		if apps.Worst > h.Verdict {
			h = model.Health{Verdict: apps.Worst, Reason: apps.WorstReason}
		}
		return verdictText(h), v
	}
	for _, s := range []model.SourceState{model.StateUnreachable, model.StateNoAccess,
		model.StateForbidden, model.StateStale, model.StateSyncing} {
		for p := model.Product(0); p < model.NumProducts; p++ {
			if st := c.Sources[p]; st.State == s {
				text := stateShort(s)
				if st.Reason != "" {
					text += ": " + st.Reason
				}
				return text, model.VerdictUnknown
			}
		}
	}
	return "OK", model.VerdictOK
}

// countOrState renders a roll-up cell, or why there is nothing to count.
func countOrState(c model.Counts, s model.SourceState) string {
	if c.Total > 0 {
		return countCell(c)
	}
	switch s {
	case model.StateReady, model.StateStale:
		return "0"
	case model.StateNotInstalled:
		return "n/a"
	case model.StateSyncing:
		return "…"
	}
	return "?"
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// appRows lists Applications. For one cluster it shows the apps on its API server plus the
// apps elsewhere (hub apps) that deploy to it.
func appRows(f *model.Fleet, cluster string) []row {
	if f == nil {
		return nil
	}
	n := 0
	for _, c := range f.Clusters {
		n += len(c.Apps)
	}
	rows := make([]row, 0, n)
	add := func(c *model.ClusterSnapshot, a *model.App) {
		from := c.Name // CLUSTER, or FROM in a cluster's list: blank for its own apps
		if c.Name == cluster {
			from = ""
		}
		rows = append(rows, newObjectRow(&a.Meta, a.Health, a.Created, a,
			from, a.Namespace, a.Name, a.Project, syncCell(a), dash(a.HealthStatus),
			appDest(a), verdictText(a.Health), ""))
	}
	for _, c := range f.Clusters {
		for i := range c.Apps {
			a := &c.Apps[i]
			if cluster == "" || c.Name == cluster || a.DestCluster == cluster {
				add(c, a)
			}
		}
	}
	return rows
}

// syncCell is an app's SYNC cell: "Running…" while a sync operation runs (its outcome arrives
// with a later snapshot), else the sync status.
func syncCell(a *model.App) string {
	if op := a.Operation; op != nil && (op.Phase == "Running" || op.Phase == "Terminating") {
		return op.Phase + "…"
	}
	return dash(a.SyncStatus)
}

// appDest is where an app deploys: the resolved fleet cluster, else what the spec says.
func appDest(a *model.App) string {
	if a.DestCluster != "" {
		return a.DestCluster
	}
	if d := firstNonEmpty(a.Destination.Name, a.Destination.Server); d != "" {
		return d + " (?)"
	}
	return "?"
}

func dash(s string) string { return firstNonEmpty(s, "-") }

func withCluster(cluster string, c *model.ClusterSnapshot, cells ...string) []string {
	if cluster != "" {
		return cells
	}
	return append([]string{c.Name}, cells...)
}

func secretRows(f *model.Fleet, cluster string) []row {
	var rows []row
	for _, c := range scope(f, cluster) {
		for i := range c.Secrets {
			e := &c.Secrets[i]
			rows = append(rows, newObjectRow(&e.Meta, e.Health, e.RefreshTime, e,
				withCluster(cluster, c, e.Namespace, e.Name, e.Kind, dash(e.StoreName),
					dash(e.Ready.Status), verdictText(e.Health), "")...))
		}
	}
	return rows
}

func storeRows(f *model.Fleet, cluster string) []row {
	var rows []row
	for _, c := range scope(f, cluster) {
		for i := range c.Stores {
			s := &c.Stores[i]
			rows = append(rows, newObjectRow(&s.Meta, s.Health, s.Created, s,
				withCluster(cluster, c, s.Namespace, s.Name, s.Kind, dash(s.Provider),
					dash(s.Ready.Status), verdictText(s.Health), "")...))
		}
	}
	return rows
}

func volumeRows(f *model.Fleet, cluster string) []row {
	var rows []row
	for _, c := range scope(f, cluster) {
		for i := range c.Volumes {
			v := &c.Volumes[i]
			size := v.Capacity
			if size == 0 {
				size = v.Requested
			}
			rows = append(rows, newObjectRow(&v.Meta, v.Health, v.Created, v,
				withCluster(cluster, c, v.Namespace, v.Name, dash(v.Phase), sizeCell(size),
					dash(v.StorageClass), verdictText(v.Health), "")...))
		}
	}
	return rows
}

// nodeRows lists Portworx StorageClusters and StorageNodes together, told apart by KIND.
func nodeRows(f *model.Fleet, cluster string) []row {
	var rows []row
	for _, c := range scope(f, cluster) {
		for i := range c.StorageClusters {
			s := &c.StorageClusters[i]
			rows = append(rows, newObjectRow(&s.Meta, s.Health, s.Created, s,
				withCluster(cluster, c, "StorageCluster", s.Name, dash(s.Phase), dash(s.Version),
					"-", "-", verdictText(s.Health))...))
		}
		for i := range c.StorageNodes {
			n := &c.StorageNodes[i]
			rows = append(rows, newObjectRow(&n.Meta, n.Health, n.Created, n,
				withCluster(cluster, c, "StorageNode", n.Name, dash(n.Phase), dash(n.Version),
					dash(n.IP), usage(n.StorageUsed, n.StorageTotal), verdictText(n.Health))...))
		}
	}
	return rows
}

func usage(used, total int64) string {
	if total <= 0 {
		return "-"
	}
	return fmt.Sprintf("%s/%s", sizeCell(used), sizeCell(total))
}
