package causes

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
)

// randomFleet builds a small fleet of random, often contradictory objects that reference each
// other by name: stores, secrets, apps managing secrets, claims, StatefulSets and each other,
// Portworx nodes, unavailable clusters, policies installing Argo CD.
func randomFleet(r *rand.Rand) *model.Fleet {
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	names := []string{"a", "b", "c"}
	clusters := []*model.ClusterSnapshot{hub()}
	for i := range 1 + r.IntN(3) {
		clusters = append(clusters, cluster(fmt.Sprintf("c%d", i)))
	}
	for _, c := range clusters {
		if c.Managed != nil && r.IntN(3) == 0 {
			leaseStopped(c, time.Duration(r.IntN(90))*time.Minute)
		}
		if r.IntN(4) == 0 {
			c.Sources[model.Product(r.IntN(int(model.NumProducts)))].State = model.SourceState(r.IntN(7))
		}
		for range r.IntN(3) {
			st := vaultStore(c.Name, r.IntN(2) == 0)
			st.Name = pick(names...)
			c.Stores = append(c.Stores, st)
		}
		for range r.IntN(4) {
			e := failingSecret(c.Name, pick(names...), pick(names...), time.Duration(r.IntN(200))*time.Minute)
			e.StoreName = pick(names...)
			if r.IntN(2) == 0 {
				e.Ready.Status = pick("True", "Unknown", "")
			}
			c.Secrets = append(c.Secrets, e)
		}
		for range r.IntN(4) {
			var rs []model.AppResource
			for range r.IntN(3) {
				rs = append(rs, res(pick("external-secrets.io", "argoproj.io", "apps", ""),
					pick("ExternalSecret", "Application", "StatefulSet", "PersistentVolumeClaim"), pick(names...), pick(names...)))
			}
			a := degradedApp(c.Name, pick(names...), pick(names...), rs...)
			a.Namespace = pick(names...)
			a.HealthStatus = pick("Healthy", "Degraded", "Progressing", "Missing", "Unknown")
			a.DestCluster = clusters[r.IntN(len(clusters))].Name
			c.Apps = append(c.Apps, a)
		}
		for range r.IntN(2) {
			pol := gitopsPolicy(c.Name, pick(model.NonCompliant, model.Compliant, model.Pending, ""))
			pol.Name = "open-cluster-management." + pick(names...)
			pol.Compliant = pick(model.NonCompliant, model.Compliant)
			c.Policies = append(c.Policies, pol)
		}
		for range r.IntN(3) {
			c.StorageNodes = append(c.StorageNodes, storageNode(c.Name, pick(names...), pick("Online", "Offline")))
		}
		for range r.IntN(3) {
			c.Volumes = append(c.Volumes, pendingClaim(c.Name, pick(names...), "data-"+pick(names...)+"-0", pick("pxd.portworx.com", "x"), time.Minute))
		}
	}
	return fleet(clusters...)
}

// Whatever the fleet: every problem is a cause or under one, no OK object is a cause, symptoms
// are linked from their Via, and a Builder gives what a fresh build gives.
func TestGraphInvariants(t *testing.T) {
	for seed := range uint64(300) {
		r := rand.New(rand.NewPCG(seed, 7))
		f := randomFleet(r)
		g := Build(f)
		roots := map[int]bool{}
		for _, c := range g.Causes {
			for _, root := range c.Roots {
				if !g.Nodes[root].Problem {
					t.Fatalf("seed %d: %s is a cause but not a problem", seed, g.Nodes[root].ID)
				}
				roots[root] = true
			}
			for _, s := range c.Symptoms {
				if s.Link.From != s.Via || s.Link.To != s.Node || s.Depth < 1 {
					t.Fatalf("seed %d: symptom %+v does not match its link", seed, s)
				}
				if s.Certainty == Certain && s.Link.Certainty != Certain {
					t.Fatalf("seed %d: certain path through a likely link", seed)
				}
			}
		}
		for i, n := range g.Nodes {
			if n.Problem && !roots[i] && g.CausedBy(i) == nil {
				t.Fatalf("seed %d: problem %s is hidden", seed, n.ID)
			}
		}
		for i := 1; i < len(g.Causes); i++ {
			a, b := g.Causes[i-1], g.Causes[i]
			if a.Verdict < b.Verdict || a.Verdict == b.Verdict && len(a.Symptoms) < len(b.Symptoms) {
				t.Fatalf("seed %d: causes %d and %d out of order", seed, i-1, i)
			}
		}
		if !slices.EqualFunc(g.Causes, NewBuilder().Build(f).Causes, func(x, y Cause) bool {
			return slices.Equal(x.Roots, y.Roots) && len(x.Symptoms) == len(y.Symptoms)
		}) {
			t.Fatalf("seed %d: builds differ", seed)
		}
	}
}
