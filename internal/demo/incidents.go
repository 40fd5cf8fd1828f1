package demo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Incidents a presenter can inject into the running demo (`mcgtui demo --scenario NAME`, and
// `:incident NAME` in the dashboard) so the audience sees a failure spread through the
// fleet, and heal again (Heal, HealAll, or the demo's own actions: sync, force-sync, refresh).
// Each breaks the simulated fleet the way the real failure shows in the products' fields;
// the Simulator then leaves what it broke alone until it is healed, and plays Argo CD's
// health assessment on the clusters it touched (incident_health.go).
const (
	IncidentVaultOutage = "vault-outage"
	IncidentPXNodeDown  = "px-node-down"
	IncidentClusterLost = "cluster-lost"
	IncidentBadCommit   = "bad-commit"
	IncidentPolicyDrift = "policy-drift"
)

// IncidentInfo names an incident and says in one line what it does.
type IncidentInfo struct {
	Name, Help string
}

// Incidents lists the incidents, for help texts and completion.
func Incidents() []IncidentInfo {
	return []IncidentInfo{
		{IncidentVaultOutage, "Vault stops answering: vault-backend fails on three clusters, then their ExternalSecrets, then the apps using them and their app-of-apps"},
		{IncidentPXNodeDown, "a Portworx node goes offline: the new claim of the redis StatefulSet stays Pending and the redis app keeps Progressing"},
		{IncidentClusterLost, "a managed cluster's agent stops renewing its lease: the cluster is unavailable and the hub app deploying to it turns Unknown"},
		{IncidentBadCommit, "a bad commit reaches hello-world on one cluster: its sync fails (OutOfSync, Degraded rollout) and its app-of-apps parent goes Degraded"},
		{IncidentPolicyDrift, "OpenShift GitOps is uninstalled from a spoke while the bootstrap policy is set to inform: the policy turns NonCompliant there and the spoke's Argo CD is not installed"},
	}
}

// IsIncident reports whether name is one of Incidents.
func IsIncident(name string) bool {
	return slices.ContainsFunc(Incidents(), func(i IncidentInfo) bool { return i.Name == name })
}

// incident is one injected incident: what it touched, and how it ends.
type incident struct {
	name     string
	clusters []string
	// heal ends the fault; the fleet then converges in the next steps (or at once through
	// the demo's actions).
	heal func(ctx context.Context) ([]Change, error)
}

// incidents is the Simulator's state about incidents.
type incidents struct {
	active map[string]*incident
	// held are the objects (versionless refs) the simulator's autonomous steps leave alone.
	held map[objRef]bool
	// assess counts, per cluster, the steps that still replay Argo CD's health assessment.
	assess map[string]int
	// retry are ExternalSecrets that failed while their store was down; they sync on the next
	// step, as ESO retries them once the store is Ready.
	retry []objRef
	// before is an app's health from before an incident changed it (assessHealth).
	before map[objRef]string
}

// assessSteps is how long after an incident a cluster's health keeps being reassessed.
const assessSteps = 10

func (in *incidents) init() {
	if in.active == nil {
		in.active, in.held, in.assess = map[string]*incident{}, map[objRef]bool{}, map[string]int{}
		in.before = map[objRef]string{}
	}
}

func versionless(ref objRef) objRef {
	ref.gvr.Version = ""
	return ref
}

// isHeld reports whether the autonomous steps must leave ref alone.
func (s *Simulator) isHeld(ref objRef) bool { return s.inc.held[versionless(ref)] }

func (s *Simulator) hold(ref objRef, on bool) {
	s.inc.init()
	if on {
		s.inc.held[versionless(ref)] = true
	} else {
		delete(s.inc.held, versionless(ref))
	}
}

// clusterHeld reports whether an incident holds a managed cluster's lease.
func (s *Simulator) clusterHeld(name string) bool {
	return s.inc.held[objRef{cluster: s.hub, gvr: managedClusterResource.gvr, name: name}]
}

// Inject starts the named incident now. An incident that is active already is an error.
func (s *Simulator) Inject(ctx context.Context, name string) ([]Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inc.init()
	if _, ok := s.inc.active[name]; ok {
		return nil, fmt.Errorf("incident %s is already going on", name)
	}
	var (
		in      *incident
		changes []Change
		err     error
	)
	switch name {
	case IncidentVaultOutage:
		in, changes, err = s.injectVaultOutage(ctx)
	case IncidentPXNodeDown:
		in, changes, err = s.injectNodeDown(ctx)
	case IncidentClusterLost:
		in, changes, err = s.injectClusterLost(ctx)
	case IncidentBadCommit:
		in, changes, err = s.injectBadCommit(ctx)
	case IncidentPolicyDrift:
		in, changes, err = s.injectPolicyDrift(ctx)
	default:
		return nil, fmt.Errorf("unknown incident %q: want %s", name, strings.Join(incidentNames(), ", "))
	}
	if in != nil {
		in.name = name
		s.inc.active[name] = in
		for _, c := range in.clusters {
			s.inc.assess[c] = assessSteps
			more, aerr := s.assessHealth(ctx, c)
			changes, err = append(changes, more...), errors.Join(err, aerr)
		}
	}
	return changes, err
}

// Heal ends the named incident; the fleet recovers over the next steps, or at once through
// the demo's actions (a sync, a force-sync).
func (s *Simulator) Heal(ctx context.Context, name string) ([]Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.heal(ctx, name)
}

func (s *Simulator) heal(ctx context.Context, name string) ([]Change, error) {
	s.inc.init()
	in, ok := s.inc.active[name]
	if !ok {
		return nil, fmt.Errorf("incident %s is not going on", name)
	}
	delete(s.inc.active, name)
	changes, err := in.heal(ctx)
	for _, c := range in.clusters {
		s.inc.assess[c] = assessSteps
	}
	return changes, err
}

// HealAll ends every incident that is going on.
func (s *Simulator) HealAll(ctx context.Context) ([]Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var changes []Change
	var errs []error
	for _, name := range s.active() {
		c, err := s.heal(ctx, name)
		changes, errs = append(changes, c...), append(errs, err)
	}
	return changes, errors.Join(errs...)
}

// Active lists the incidents going on, by name.
func (s *Simulator) Active() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.active()
}

func (s *Simulator) active() []string {
	var names []string
	for name := range s.inc.active {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// stepIncidents is the Simulator's step for incidents: secrets whose store is back sync, and
// the touched clusters' app health is assessed again.
func (s *Simulator) stepIncidents(ctx context.Context) ([]Change, error) {
	var changes []Change
	var errs []error
	retry := s.inc.retry
	s.inc.retry = nil
	for _, ref := range retry {
		c, err := s.syncSecret(ctx, ref.cluster, ref.namespace, ref.name)
		s.hold(ref, false)
		changes, errs = append(changes, c), append(errs, err)
	}
	for cluster, n := range s.inc.assess {
		c, err := s.assessHealth(ctx, cluster)
		changes, errs = append(changes, c...), append(errs, err)
		if n <= 1 && !s.touchedByActive(cluster) {
			delete(s.inc.assess, cluster)
		} else if n > 1 {
			s.inc.assess[cluster] = n - 1
		}
	}
	return changes, errors.Join(errs...)
}

func (s *Simulator) touchedByActive(cluster string) bool {
	for _, in := range s.inc.active {
		if slices.Contains(in.clusters, cluster) {
			return true
		}
	}
	return false
}

// pickClusters returns up to n reachable managed clusters, in fleet order, that no active
// incident uses and that ok accepts.
func (s *Simulator) pickClusters(n int, ok func(cluster string) bool) []string {
	var out []string
	for _, c := range s.clusters {
		if len(out) == n {
			break
		}
		if _, reachable := s.conns[c]; !reachable || s.touchedByActive(c) || (s.flap != nil && s.flap.cluster == c) {
			continue
		}
		if ok(c) {
			out = append(out, c)
		}
	}
	return out
}

func incidentNames() []string {
	var names []string
	for _, i := range Incidents() {
		names = append(names, i.Name)
	}
	return names
}
