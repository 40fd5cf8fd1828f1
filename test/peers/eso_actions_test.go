package peers

import (
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/model"
)

// esoWait bounds one ESO reconcile; measured well under a second here.
const esoWait = 60 * time.Second

// mcgtui's force-sync makes the real ESO controller sync an ExternalSecret now: its
// refreshTime (one-second resolution) moves past the last sync although the refresh
// interval is an hour. mcgtui's view reads ESO's real conditions: Ready=True/SecretSynced
// for a key the fake provider has, Ready=False/SecretSyncedError for one it does not.
func TestForceSyncRefreshesAnExternalSecret(t *testing.T) {
	e := requireEnv(t)
	const ns = "eso-force-sync"
	e.ESO.FakeStore(t, ns, "fake", map[string]string{"db-password": "s3cret"})
	e.ESO.ExternalSecret(t, ns, "db", "fake", "db-password")
	e.ESO.ExternalSecret(t, ns, "broken", "fake", "no-such-key")

	var first esState
	eventually(t, esoWait, "ExternalSecret db synced", func() (bool, string) {
		first, _ = e.ESO.ExternalSecretState(t, ns, "db")
		return first.Ready == "True" && first.RefreshTime != "", first.Ready + " " + first.Reason + " " + first.RefreshTime
	})
	t0, err := time.Parse(time.RFC3339, first.RefreshTime)
	if err != nil {
		t.Fatalf("refreshTime %q: %v", first.RefreshTime, err)
	}

	m := startMcgtui(t, e.OperatorKubeconfig, auditPath(t))
	db := m.externalSecret(t, ns, "db", "Ready", func(s model.ExternalSecret) bool {
		return s.Ready.Status == "True" && s.RefreshTime.Equal(t0)
	})
	if db.Ready.Reason != "SecretSynced" {
		t.Errorf("db Ready reason %q, want SecretSynced", db.Ready.Reason)
	}
	broken := m.externalSecret(t, ns, "broken", "not Ready", func(s model.ExternalSecret) bool { return s.Ready.Status == "False" })
	if broken.Ready.Reason != "SecretSyncedError" || broken.Health.Verdict < model.VerdictWarning {
		t.Errorf("broken: Ready reason %q, verdict %v; want SecretSyncedError, a problem", broken.Ready.Reason, broken.Health.Verdict)
	}

	// refreshTime has one-second resolution: act once the clock is past its second.
	eventually(t, 5*time.Second, "the clock past the last sync's second", func() (bool, string) {
		return time.Now().After(t0.Add(time.Second)), time.Now().String()
	})
	// Nothing else refreshed it meanwhile (its interval is an hour): what follows is the
	// force-sync's doing.
	if now, _ := e.ESO.ExternalSecretState(t, ns, "db"); now.RefreshTime != first.RefreshTime {
		t.Fatalf("refreshTime moved by itself from %s to %s: the test proves nothing", first.RefreshTime, now.RefreshTime)
	}
	m.mustDo(t, actions.ForceSync, actions.SyncOptions{}, db.Ref)
	var after esState
	eventually(t, esoWait, "refreshTime after the force-sync", func() (bool, string) {
		after, _ = e.ESO.ExternalSecretState(t, ns, "db")
		rt, err := time.Parse(time.RFC3339, after.RefreshTime)
		return err == nil && rt.After(t0) && after.Ready == "True", after.RefreshTime
	})
	m.externalSecret(t, ns, "db", "the new refreshTime", func(s model.ExternalSecret) bool { return s.RefreshTime.After(t0) })
	if w := writes(t, e.Plane, operatorUser, "externalsecrets", "db"); len(w) != 1 || w[0].Verb != "patch" {
		t.Errorf("API server saw %s, want one patch by %s", verbs(w), operatorUser)
	}
}

// mcgtui's force-sync of a ClusterExternalSecret reaches the ExternalSecrets it provisioned:
// the real ESO syncs the one in the selected namespace now (its refreshTime moves although its
// refresh interval is an hour).
func TestForceSyncOfAClusterExternalSecretReachesItsExternalSecrets(t *testing.T) {
	e := requireEnv(t)
	const ns, ces, store = "eso-ces-force-sync", "ces-force-sync", "fake-ces-force-sync"
	e.ESO.FakeClusterStore(t, store, map[string]string{"api-key": "k3y"})
	e.ESO.ClusterExternalSecret(t, ces, ns, store, "api-key")

	var first esState
	eventually(t, esoWait, "the provisioned ExternalSecret synced", func() (bool, string) {
		first = e.ESO.TryExternalSecretState(t, ns, ces)
		return first.Ready == "True" && first.RefreshTime != "", first.Ready + " " + first.Reason + " " + first.RefreshTime
	})
	t0, err := time.Parse(time.RFC3339, first.RefreshTime)
	if err != nil {
		t.Fatalf("refreshTime %q: %v", first.RefreshTime, err)
	}

	m := startMcgtui(t, e.OperatorKubeconfig, auditPath(t))
	c := m.clusterExternalSecret(t, ces, "listed with its namespace provisioned", func(s model.ExternalSecret) bool {
		return len(s.ProvisionedNamespaces) == 1
	})
	eventually(t, 5*time.Second, "the clock past the last sync's second", func() (bool, string) {
		return time.Now().After(t0.Add(time.Second)), time.Now().String()
	})
	if now := e.ESO.TryExternalSecretState(t, ns, ces); now.RefreshTime != first.RefreshTime {
		t.Fatalf("refreshTime moved by itself from %s to %s: the test proves nothing", first.RefreshTime, now.RefreshTime)
	}
	m.mustDo(t, actions.ForceSync, actions.SyncOptions{}, c.Ref)
	eventually(t, esoWait, "the provisioned ExternalSecret's refreshTime after the force-sync", func() (bool, string) {
		after := e.ESO.TryExternalSecretState(t, ns, ces)
		rt, err := time.Parse(time.RFC3339, after.RefreshTime)
		return err == nil && rt.After(t0) && after.Ready == "True", after.RefreshTime
	})
}

// mcgtui's force-sync of a PushSecret makes the real ESO push again now: its refreshTime moves
// although its refresh interval is an hour.
func TestForceSyncPushesAPushSecretAgain(t *testing.T) {
	e := requireEnv(t)
	const ns = "eso-push-force-sync"
	e.ESO.FakeStore(t, ns, "fake", map[string]string{"unused": "x"})
	e.ESO.PushSecret(t, ns, "push", "fake")

	var first esState
	eventually(t, esoWait, "PushSecret pushed", func() (bool, string) {
		first = e.ESO.PushSecretState(t, ns, "push")
		return first.Ready == "True" && first.RefreshTime != "", first.Ready + " " + first.Reason + " " + first.RefreshTime
	})
	t0, err := time.Parse(time.RFC3339, first.RefreshTime)
	if err != nil {
		t.Fatalf("refreshTime %q: %v", first.RefreshTime, err)
	}
	m := startMcgtui(t, e.OperatorKubeconfig, auditPath(t))
	var ps model.ExternalSecret
	eventually(t, 60*time.Second, "mcgtui lists the PushSecret Ready", func() (bool, string) {
		c := m.mgr.Latest().Cluster(clusterName)
		if c == nil {
			return false, "no cluster yet"
		}
		for _, s := range c.Secrets {
			if s.Kind == "PushSecret" && s.Namespace == ns && s.Name == "push" {
				ps = s
				return s.Ready.Status == "True", "ready=" + s.Ready.Status
			}
		}
		return false, "not listed"
	})
	eventually(t, 5*time.Second, "the clock past the last push's second", func() (bool, string) {
		return time.Now().After(t0.Add(time.Second)), time.Now().String()
	})
	if now := e.ESO.PushSecretState(t, ns, "push"); now.RefreshTime != first.RefreshTime {
		t.Fatalf("refreshTime moved by itself from %s to %s: the test proves nothing", first.RefreshTime, now.RefreshTime)
	}
	m.mustDo(t, actions.ForceSync, actions.SyncOptions{}, ps.Ref)
	eventually(t, esoWait, "the PushSecret's refreshTime after the force-sync", func() (bool, string) {
		after := e.ESO.PushSecretState(t, ns, "push")
		rt, err := time.Parse(time.RFC3339, after.RefreshTime)
		return err == nil && rt.After(t0) && after.Ready == "True", after.RefreshTime
	})
}
