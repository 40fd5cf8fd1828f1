package causes

import (
	"strings"

	"github.com/mcgtui/mcgtui/internal/model"
)

// partLinkers add the links within one cluster. Each kind of link is one function: adding a
// kind is one more function here, or in fleetLinkers when its ends are on different clusters.
var partLinkers = []func(p *part){
	linkStores,
	linkPortworx,
	linkReplication,
	linkAppSets,
	linkApps,
	linkPolicies,
	linkPolicyDependencies,
}

// portworxProvisioners are the provisioners of Portworx volumes (as in internal/health).
var portworxProvisioners = map[string]bool{
	"pxd.portworx.com":              true,
	"kubernetes.io/portworx-volume": true,
}

func (p *part) link(from, to int, kind LinkKind, c Certainty, why string) {
	if from < 0 || to < 0 || from == to {
		return
	}
	p.links = append(p.links, Link{From: from, To: to, Kind: kind, Certainty: c, Why: why})
}

// linkStores links a store that is not Ready to the secrets that use it: certain when the
// secret is not Ready either, likely when it is Ready but failing otherwise (stale, or failing
// in some namespaces).
func linkStores(p *part) {
	c := p.snap
	for i := range c.Secrets {
		e := &c.Secrets[i]
		to, ok := p.index[objKey{kindOr(e.Kind, "ExternalSecret"), e.Namespace, e.Name}]
		if !ok || e.StoreName == "" {
			continue
		}
		for _, name := range strings.Split(e.StoreName, ",") {
			name = strings.TrimSpace(name)
			key := objKey{"ClusterSecretStore", "", name}
			if e.StoreKind != "ClusterSecretStore" {
				if e.Namespace == "" {
					continue // a namespaced store named by a cluster-wide object: one per namespace
				}
				key = objKey{"SecretStore", e.Namespace, name}
			}
			from, ok := p.index[key]
			if !ok {
				continue
			}
			certainty := Likely
			if e.Ready.Status != "True" {
				certainty = Certain
			}
			p.link(from, to, LinkStore, certainty, "uses "+key.kind+" "+name)
		}
	}
}

// linkPortworx links the Portworx nodes that are down to the Pending claims of Portworx
// classes on the cluster, and to an unhealthy StorageCluster; when no node is down, an
// unhealthy StorageCluster to the Pending claims. Both are likely: the claim does not say why
// it is Pending.
func linkPortworx(p *part) {
	c := p.snap
	var down, clusters []int
	for i := range c.StorageNodes {
		n := &c.StorageNodes[i]
		if n.Health.Verdict == model.VerdictCritical {
			down = append(down, p.index[objKey{kindOr(n.Kind, "StorageNode"), n.Namespace, n.Name}])
		}
	}
	for i := range c.StorageClusters {
		sc := &c.StorageClusters[i]
		if sc.Health.Verdict >= model.VerdictWarning {
			clusters = append(clusters, p.index[objKey{kindOr(sc.Kind, "StorageCluster"), sc.Namespace, sc.Name}])
		}
	}
	for _, n := range down {
		for _, sc := range clusters {
			p.link(n, sc, LinkPortworx, Likely, "Portworx node "+p.nodes[n].Ref.Name+" is down")
		}
	}
	causes := down
	if len(causes) == 0 {
		causes = clusters
	}
	if len(causes) == 0 {
		return
	}
	for i := range c.Volumes {
		v := &c.Volumes[i]
		if v.Phase != "Pending" || !portworxProvisioners[v.Provisioner] {
			continue
		}
		to, ok := p.index[objKey{kindOr(v.Kind, "PersistentVolumeClaim"), v.Namespace, v.Name}]
		if !ok {
			continue
		}
		for _, from := range causes {
			p.link(from, to, LinkPortworx, Likely, "Pending on Portworx class "+v.StorageClass+" while "+
				strings.ToLower(p.nodes[from].Ref.Kind)+" "+p.nodes[from].Ref.Name+" is unhealthy")
		}
	}
}

// linkReplication links a Portworx node that is unhealthy to the claims whose volume has a
// replica on it outside the volume's current set (the SDK's runtime_state, #13). Certain when
// the node is down (Critical): the SDK itself names that node as the replica the volume is
// missing. Likely when the node is only Warning (a pool filling up, a degraded status): the
// replica is missing there, but the node's trouble is not proven to be why.
func linkReplication(p *part) {
	c := p.snap
	unhealthy := map[string]int{} // SDK node id → node index
	for i := range c.StorageNodes {
		n := &c.StorageNodes[i]
		if n.SDK == nil || n.SDK.ID == "" || n.Health.Verdict < model.VerdictWarning {
			continue
		}
		if from, ok := p.index[objKey{kindOr(n.Kind, "StorageNode"), n.Namespace, n.Name}]; ok {
			unhealthy[n.SDK.ID] = from
		}
	}
	if len(unhealthy) == 0 {
		return
	}
	for i := range c.Volumes {
		v := &c.Volumes[i]
		if v.SDK == nil || len(v.SDK.Replication.Down) == 0 {
			continue
		}
		to, ok := p.index[objKey{kindOr(v.Kind, "PersistentVolumeClaim"), v.Namespace, v.Name}]
		if !ok {
			continue
		}
		for _, id := range v.SDK.Replication.Down {
			if from, ok := unhealthy[id]; ok {
				certainty := Certain
				if p.nodes[from].Verdict < model.VerdictCritical {
					certainty = Likely
				}
				p.link(from, to, LinkPortworx, certainty, "its replica on Portworx node "+p.nodes[from].Ref.Name+
					" is not in the volume's current set")
			}
		}
	}
}

// linkAppSets links an ApplicationSet that is failing to the Applications it generated
// (status.resources) that are problems. Likely: an error stops the set from updating its apps,
// which may have failed on their own.
func linkAppSets(p *part) {
	c := p.snap
	for i := range c.AppSets {
		s := &c.AppSets[i]
		if s.Health.Verdict < model.VerdictWarning {
			continue
		}
		from := p.index[objKey{kindOr(s.Kind, "ApplicationSet"), s.Namespace, s.Name}]
		for j := range s.Resources {
			r := &s.Resources[j]
			if r.Kind != "Application" {
				continue
			}
			if to, ok := p.index[objKey{"Application", r.Namespace, r.Name}]; ok {
				p.link(from, to, LinkAppSet, Likely, "generated by ApplicationSet "+s.Name)
			}
		}
	}
}

// linkApps links what an app that is Degraded, Progressing or Missing manages to the app:
// resources on the same cluster now, those on another cluster (hub apps) as requests.
func linkApps(p *part) {
	c := p.snap
	for i := range c.Apps {
		a := &c.Apps[i]
		if a.DestCluster != "" && a.DestCluster != c.Name && unreachableDestination(a) {
			if p.remoteApps == nil {
				p.remoteApps = map[string][]int{}
			}
			if n, ok := p.index[objKey{kindOr(a.Kind, "Application"), a.Namespace, a.Name}]; ok {
				p.remoteApps[a.DestCluster] = append(p.remoteApps[a.DestCluster], n)
			}
		}
		if !affectedApp(a) || a.DestCluster == "" {
			continue
		}
		app := p.index[objKey{kindOr(a.Kind, "Application"), a.Namespace, a.Name}]
		for j := range a.Resources {
			r := &a.Resources[j]
			if !linkableResource(r) {
				continue
			}
			if a.DestCluster != c.Name {
				p.requests = append(p.requests, request{app: app, appObj: a, cluster: a.DestCluster, resource: r})
				continue
			}
			if r.Kind == "StatefulSet" {
				ns := statefulSetNamespace(a, r)
				for _, n := range claimsOf(p, ns, r.Name) {
					p.link(n, app, LinkStatefulSetClaim, Likely, claimWhy(ns, r.Name))
				}
				continue
			}
			if from, ok := p.index[objKey{r.Kind, r.Namespace, r.Name}]; ok {
				p.link(managedLink(from, app, r))
			}
		}
	}
}

// unreachableDestination reports whether an app's state is what Argo CD reports when it
// cannot reach the destination: health or sync Unknown, or a ComparisonError. Only such apps
// are linked to their destination cluster when it is not Available; an app that failed on
// its own (an invalid manifest) is not blamed on the cluster.
func unreachableDestination(a *model.App) bool {
	if a.HealthStatus == "Unknown" || a.SyncStatus == "Unknown" || a.Health.Verdict == model.VerdictUnknown {
		return true
	}
	for _, c := range a.Conditions {
		if c.Type == "ComparisonError" {
			return true
		}
	}
	return false
}

// linkableResource reports whether a managed resource may be a node: a kind mcgtui watches,
// or a StatefulSet, whose claims are.
func linkableResource(r *model.AppResource) bool {
	switch r.Kind {
	case "ExternalSecret", "ClusterExternalSecret", "PushSecret", "SecretStore", "ClusterSecretStore",
		"PersistentVolumeClaim", "StorageCluster", "Application", "ApplicationSet":
		return true
	case "StatefulSet":
		return r.Group == "apps"
	}
	return false
}

// managedLink is the link from a managed resource's node to its app. A child Application is
// certain when the parent's entry for it records a health other than Healthy (Argo CD folded
// the child's health into the parent's), likely otherwise.
func managedLink(from, app int, r *model.AppResource) (int, int, LinkKind, Certainty, string) {
	if r.Kind == "Application" {
		if r.Health != "" && r.Health != "Healthy" {
			return from, app, LinkAppOfApps, Certain, "child Application, " + r.Health + " in the parent's resources"
		}
		return from, app, LinkAppOfApps, Likely, "child Application of this app-of-apps"
	}
	return from, app, LinkAppResource, Certain, "managed by the app (" + r.Kind + " in status.resources)"
}

// claimsOf returns the claim nodes of target that StatefulSet set in namespace ns has made,
// by name: StatefulSets name their claims <template>-<set>-<ordinal>. Claims are not in
// status.resources, so links from them are likely.
func claimsOf(target *part, ns, set string) []int {
	var out []int
	for _, n := range target.claims[ns] {
		if claimOf(target.nodes[n].Ref.Name, set) {
			out = append(out, n)
		}
	}
	return out
}

// statefulSetNamespace is the namespace of a StatefulSet an app manages.
func statefulSetNamespace(a *model.App, sts *model.AppResource) string {
	if sts.Namespace != "" {
		return sts.Namespace
	}
	return a.Destination.Namespace
}

func claimWhy(ns, set string) string {
	return "claim of StatefulSet " + ns + "/" + set + " (by name and namespace)"
}

// claimOf reports whether claim is named like a claim of StatefulSet set: "<template>-<set>-<n>".
func claimOf(claim, set string) bool {
	dash := strings.LastIndexByte(claim, '-')
	if dash <= 0 || dash == len(claim)-1 {
		return false
	}
	for _, r := range claim[dash+1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return strings.HasSuffix(claim[:dash], "-"+set)
}

func kindOr(kind, def string) string {
	if kind == "" {
		return def
	}
	return kind
}
