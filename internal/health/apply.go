package health

import (
	"fmt"
	"strings"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
)

// portworxProvisioners are the StorageClass provisioners of Portworx volumes: the CSI driver and
// the in-tree plugin. (Repeated from the portworx source, which this package must not import.)
var portworxProvisioners = map[string]bool{
	"pxd.portworx.com":              true,
	"kubernetes.io/portworx-volume": true,
}

// Apply sets Health on every object of a snapshot that is still being built, and on s.Managed,
// then adds the reasons that need a second object:
//
//   - an ExternalSecret, ClusterExternalSecret or PushSecret that is not Ready, and whose store
//     (the SecretStore of the same namespace, or the ClusterSecretStore of that name) is not
//     Ready, gets the store's problem in its reason; a store that does not exist is named too,
//     provided the ESO source is Ready (so the list of stores is complete);
//   - a Pending claim of a Portworx StorageClass names the Portworx node that is down, or the
//     StorageCluster that is unhealthy, since that is the likely reason it is not provisioned.
//
// Apply is linear in the number of objects: it builds its lookup maps once. It must not be
// called on a published snapshot, and it does not compute s.Summary: call model.Summarize after.
func Apply(s *model.ClusterSnapshot, now time.Time) {
	if s == nil {
		return
	}
	if s.Managed != nil {
		s.Managed.Health = ManagedCluster(s.Managed, now)
	}
	for i := range s.Apps {
		s.Apps[i].Health = App(&s.Apps[i])
	}
	for i := range s.AppSets {
		s.AppSets[i].Health = AppSet(&s.AppSets[i])
	}
	for i := range s.Stores {
		s.Stores[i].Health = SecretStore(&s.Stores[i])
	}
	for i := range s.StorageClusters {
		s.StorageClusters[i].Health = StorageCluster(&s.StorageClusters[i])
	}
	for i := range s.StorageNodes {
		s.StorageNodes[i].Health = StorageNode(&s.StorageNodes[i])
	}
	applyGovernance(s.Governance)

	stores := indexStores(s.Stores)
	storesComplete := s.Sources[model.ProductESO].State == model.StateReady
	for i := range s.Secrets {
		e := &s.Secrets[i]
		e.Health = ExternalSecret(e, now)
		if e.Ready.Status != "True" {
			if blame := stores.blame(e, storesComplete); blame != "" {
				e.Health.Reason = appendReason(e.Health.Reason, e.Ready.Reason, blame)
			}
		}
	}

	storageProblem := portworxProblem(s)
	for i := range s.Volumes {
		v := &s.Volumes[i]
		v.Health = Volume(v, now)
		if v.Phase == "Pending" && v.Health.Verdict >= model.VerdictWarning && storageProblem != "" && portworxProvisioners[v.Provisioner] {
			v.Health.Reason += "; " + storageProblem
		}
	}
}

// appendReason adds a correlated cause to an ExternalSecret's reason. ESO's own message for a
// provider failure is generic ("could not get secret data from provider"), so when the cause is
// known the condition reason alone is kept in front of it.
func appendReason(reason, conditionReason, cause string) string {
	if conditionReason != "" && strings.HasPrefix(reason, conditionReason) {
		return conditionReason + "; " + cause
	}
	if reason == "" {
		return cause
	}
	return reason + "; " + cause
}

// storeIndex finds SecretStores by namespace and name and ClusterSecretStores by name.
type storeIndex struct {
	namespaced map[string]*model.SecretStore // "namespace/name"
	cluster    map[string]*model.SecretStore
}

// indexStores builds the lookup maps once per snapshot.
func indexStores(stores []model.SecretStore) storeIndex {
	idx := storeIndex{
		namespaced: make(map[string]*model.SecretStore, len(stores)),
		cluster:    make(map[string]*model.SecretStore),
	}
	for i := range stores {
		st := &stores[i]
		if st.Kind == "ClusterSecretStore" || (st.Kind == "" && st.Namespace == "") {
			idx.cluster[st.Name] = st
		} else {
			idx.namespaced[st.Namespace+"/"+st.Name] = st
		}
	}
	return idx
}

// blame explains how the stores an ExternalSecret uses are failing, or returns "" when they are
// all Ready (or cannot be found while the store list may be incomplete). A PushSecret may name
// several stores, each a SecretStore or a ClusterSecretStore: each is looked up as its own kind.
func (idx storeIndex) blame(e *model.ExternalSecret, complete bool) string {
	var causes []string
	for _, ref := range e.Stores {
		if ref.Name == "" {
			continue
		}
		st, resolvable := idx.lookup(e, ref)
		label := "store " + ref.Name
		if len(e.Stores) > 1 {
			label = ref.Kind + " " + ref.Name // a PushSecret may name one store of each kind
		}
		switch {
		case !resolvable:
			// A namespaced store referenced from a cluster-scoped object: it lives in every
			// target namespace, so there is no single store to blame.
		case st == nil:
			if complete {
				causes = append(causes, label+" not found")
			}
		case st.Ready.Status != "True":
			causes = append(causes, label+" not valid: "+st.Health.Reason)
		}
	}
	return strings.Join(causes, "; ")
}

// lookup finds the store a reference names, as the reference's own kind. resolvable is false
// when the reference does not name a single object: a SecretStore referenced from a
// cluster-scoped object.
func (idx storeIndex) lookup(e *model.ExternalSecret, ref model.StoreRef) (store *model.SecretStore, resolvable bool) {
	if ref.Kind == "ClusterSecretStore" {
		return idx.cluster[ref.Name], true
	}
	if e.Namespace == "" {
		return nil, false
	}
	return idx.namespaced[e.Namespace+"/"+ref.Name], true
}

// portworxProblem names what is wrong with Portworx on this cluster, for Pending claims: the
// nodes that are down first (the usual reason a volume cannot be placed), else an unhealthy
// StorageCluster. It returns "" when Portworx looks healthy. Health must already be set.
func portworxProblem(s *model.ClusterSnapshot) string {
	var down []string
	for i := range s.StorageNodes {
		n := &s.StorageNodes[i]
		if n.Health.Verdict == model.VerdictCritical {
			down = append(down, n.Name+" "+n.Phase)
		}
	}
	if len(down) > 0 {
		return fmt.Sprintf("portworx %s %s", pluralWord(len(down), "node"), listSome(down, 2))
	}
	for i := range s.StorageClusters {
		c := &s.StorageClusters[i]
		if c.Health.Verdict >= model.VerdictWarning {
			return "portworx cluster " + c.Name + " " + c.Health.Reason
		}
	}
	return ""
}

// pluralWord is word, with an "s" when n is not 1.
func pluralWord(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
