package rows

import (
	"fmt"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// clusterRow is one cluster's row of the fleet page.
func clusterRow(f *model.Fleet, c *model.ClusterSnapshot) Row {
	apps := f.AppsFor(c)
	verdict := model.Worse(c.Summary.Health.Verdict, apps.Worst)
	state, tone := clusterState(c, apps, verdict)
	name := c.Name
	if c.Hub {
		name += " (hub)"
	}
	version, cloud, avail := "-", "-", "-"
	if m := c.Managed; m != nil {
		version = FirstNonEmpty(m.OpenShiftVersion, m.KubeVersion, "-")
		cloud = FirstNonEmpty(m.Cloud, m.Platform, "-")
		avail = FirstNonEmpty(m.Available.Status, "?")
	}
	if c.Hub {
		avail = "hub"
	}
	px := c.Sources[model.ProductPortworx].State
	cells := []string{
		name, avail, FirstNonEmpty(string(c.Access), "-"), version, cloud,
		countOrState(apps, c.Sources[model.ProductArgoCD].State),
		countOrState(c.Summary.Secrets, c.Sources[model.ProductESO].State),
		countOrState(c.Summary.Volumes, px),
		countOrState(c.Summary.Nodes, px),
		PoliciesCell(c),
		state, "",
	}
	for i, s := range cells {
		cells[i] = humanize.Sanitize(s)
	}
	return Row{Key: c.Name, Cells: cells, Verdict: verdict, Tone: tone, Since: c.Updated, Obj: c, Text: SearchText(cells)}
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
		return VerdictText(h), v
	}
	for _, s := range []model.SourceState{model.StateUnreachable, model.StateNoAccess,
		model.StateForbidden, model.StateStale, model.StateSyncing} {
		for p := model.Product(0); p < model.NumProducts; p++ {
			if st := c.Sources[p]; st.State == s {
				text := StateShort(s)
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
		return CountCell(c)
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

// FirstNonEmpty returns the first non-empty string, or "".
func FirstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// clusterObjectRows returns the rows a list of kind shows for the objects on c's API, in
// store order. cluster scopes the list: "" is fleet-wide (rows carry a CLUSTER cell); in a
// cluster's list the Applications are those on its API plus those elsewhere (hub apps) that
// deploy to it, and the other kinds are those of the cluster itself.
func clusterObjectRows(kind Kind, c *model.ClusterSnapshot, cluster string) []Row {
	switch kind {
	case KindApps:
		return appRows(c, cluster)
	case KindSecrets:
		return secretRows(c, cluster)
	case KindStores:
		return storeRows(c, cluster)
	case KindVolumes:
		return volumeRows(c, cluster)
	case KindNodes:
		return nodeRows(c, cluster)
	case KindPolicies:
		return policyRows(c, cluster)
	}
	return nil
}

// appRows lists c's Applications that belong in the list scoped to cluster.
func appRows(c *model.ClusterSnapshot, cluster string) []Row {
	from := c.Name // CLUSTER, or FROM in a cluster's list: blank for its own apps
	if c.Name == cluster {
		from = ""
	}
	var rows []Row
	for i := range c.Apps {
		a := &c.Apps[i]
		if cluster != "" && c.Name != cluster && a.DestCluster != cluster {
			continue
		}
		if rows == nil {
			rows = make([]Row, 0, len(c.Apps))
		}
		rows = append(rows, newObjectRow(&a.Meta, a.Health, a.Created, a,
			from, a.Namespace, a.Name, a.Project, SyncCell(a), Dash(a.HealthStatus),
			destCell(a, c.Name, cluster), VerdictText(a.Health), ""))
	}
	return rows
}

// SyncCell is an app's SYNC cell: "Running…" while a sync operation runs (its outcome arrives
// with a later snapshot), else the sync status.
func SyncCell(a *model.App) string {
	if op := a.Operation; op != nil && (op.Phase == "Running" || op.Phase == "Terminating") {
		return op.Phase + "…"
	}
	return Dash(a.SyncStatus)
}

// destCell is an app's DEST cell: blank where it names the cluster the row already stands for
// (the CLUSTER column fleet-wide, the page's cluster in a cluster's list), so that only apps
// deploying elsewhere show a destination.
func destCell(a *model.App, holder, scope string) string {
	dest := AppDest(a)
	if dest == holder && (scope == "" || scope == holder) || scope != "" && dest == scope {
		return ""
	}
	return dest
}

// StoreRefs names the stores a secret uses, each with its own kind when kindSep is not ""
// ("ClusterSecretStore/vault, SecretStore/aws"; a PushSecret may name both kinds), else by
// name only; "-" when none.
func StoreRefs(e *model.ExternalSecret, kindSep string) string {
	parts := make([]string, 0, len(e.Stores))
	for _, s := range e.Stores {
		if kindSep != "" {
			parts = append(parts, humanize.OneLine(s.Kind)+kindSep+humanize.OneLine(s.Name))
		} else {
			parts = append(parts, humanize.OneLine(s.Name))
		}
	}
	if len(parts) == 0 && e.StoreName != "" { // built without Stores (tests, older snapshots)
		name := humanize.OneLine(e.StoreName)
		if kindSep != "" && e.StoreKind != "" {
			name = humanize.OneLine(e.StoreKind) + kindSep + name
		}
		parts = append(parts, name)
	}
	return JoinNonEmpty(", ", parts...)
}

// AppDest is where an app deploys: the resolved fleet cluster, else what the spec says.
func AppDest(a *model.App) string {
	if a.DestCluster != "" {
		return a.DestCluster
	}
	if d := FirstNonEmpty(a.Destination.Name, a.Destination.Server); d != "" {
		return d + " (?)"
	}
	return "?"
}

// Dash shows an empty value as "-".
func Dash(s string) string { return FirstNonEmpty(s, "-") }

func withCluster(cluster string, c *model.ClusterSnapshot, cells ...string) []string {
	if cluster != "" {
		return cells
	}
	return append([]string{c.Name}, cells...)
}

func secretRows(c *model.ClusterSnapshot, cluster string) []Row {
	rows := make([]Row, 0, len(c.Secrets))
	for i := range c.Secrets {
		e := &c.Secrets[i]
		rows = append(rows, newObjectRow(&e.Meta, e.Health, e.RefreshTime, e,
			withCluster(cluster, c, e.Namespace, e.Name, e.Kind, StoreRefs(e, ""),
				Dash(e.Ready.Status), VerdictText(e.Health), "")...))
	}
	return rows
}

func storeRows(c *model.ClusterSnapshot, cluster string) []Row {
	rows := make([]Row, 0, len(c.Stores))
	for i := range c.Stores {
		s := &c.Stores[i]
		rows = append(rows, newObjectRow(&s.Meta, s.Health, s.Created, s,
			withCluster(cluster, c, s.Namespace, s.Name, s.Kind, Dash(s.Provider),
				Dash(s.Ready.Status), VerdictText(s.Health), "")...))
	}
	return rows
}

func volumeRows(c *model.ClusterSnapshot, cluster string) []Row {
	rows := make([]Row, 0, len(c.Volumes))
	for i := range c.Volumes {
		v := &c.Volumes[i]
		size := v.Capacity
		if size == 0 {
			size = v.Requested
		}
		rows = append(rows, newObjectRow(&v.Meta, v.Health, v.Created, v,
			withCluster(cluster, c, v.Namespace, v.Name, Dash(v.Phase), SizeCell(size),
				ReplicasCell(v), AttachedCell(v), Dash(v.StorageClass), VerdictText(v.Health), "")...))
	}
	return rows
}

// nodeRows lists Portworx StorageClusters and StorageNodes together, told apart by KIND.
func nodeRows(c *model.ClusterSnapshot, cluster string) []Row {
	rows := make([]Row, 0, len(c.StorageClusters)+len(c.StorageNodes))
	for i := range c.StorageClusters {
		s := &c.StorageClusters[i]
		rows = append(rows, newObjectRow(&s.Meta, s.Health, s.Created, s,
			withCluster(cluster, c, "StorageCluster", s.Name, Dash(s.Phase), Dash(s.Version),
				"-", "-", "-", VerdictText(s.Health))...))
	}
	for i := range c.StorageNodes {
		n := &c.StorageNodes[i]
		rows = append(rows, newObjectRow(&n.Meta, n.Health, n.Created, n,
			withCluster(cluster, c, "StorageNode", n.Name, Dash(n.Phase), Dash(n.Version),
				Dash(n.IP), Usage(n.StorageUsed, n.StorageTotal), PoolsCell(n.SDK), VerdictText(n.Health))...))
	}
	return rows
}

// Usage renders used/total storage, "-" when the total is unknown.
func Usage(used, total int64) string {
	if total <= 0 {
		return "-"
	}
	return fmt.Sprintf("%s/%s", SizeCell(used), SizeCell(total))
}

// InProgress reports whether a cell is an operation in progress (see SyncCell); the table
// animates its ellipsis.
func InProgress(cell string) bool { return cell == "Running…" || cell == "Terminating…" }
