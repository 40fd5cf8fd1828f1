package causes

import (
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
)

// TestPortworxSinceComesFromTheFailingCondition: a problem is dated by the condition that makes
// it one, not by a condition that has been fine for months.
func TestPortworxSinceComesFromTheFailingCondition(t *testing.T) {
	online := model.Condition{Type: "RuntimeState", Status: "Online", LastTransition: ago(100 * 24 * time.Hour)}
	upgrade := model.Condition{Type: "Upgrade", Status: "Failed", Message: "timed out", LastTransition: ago(2 * time.Hour)}
	sc := model.StorageCluster{Phase: "Running", Conditions: []model.Condition{online, upgrade}}
	if got := storageClusterSince(&sc); !got.Equal(upgrade.LastTransition) {
		t.Errorf("failed upgrade: since %v, want the Upgrade condition's %v", got, upgrade.LastTransition)
	}
	down := model.Condition{Type: "RuntimeState", Status: "Offline", LastTransition: ago(20 * time.Minute)}
	sc.Conditions = []model.Condition{down, upgrade}
	if got := storageClusterSince(&sc); !got.Equal(down.LastTransition) {
		t.Errorf("Portworx offline: since %v, want RuntimeState's %v", got, down.LastTransition)
	}
	sc.Conditions = []model.Condition{online}
	if got := storageClusterSince(&sc); !got.IsZero() {
		t.Errorf("nothing failing: since %v, want none", got)
	}

	kvdb := model.Condition{Type: "NodeKVDB", Status: "Offline", LastTransition: ago(3 * time.Hour)}
	n := model.StorageNode{Phase: "Online", Conditions: []model.Condition{{Type: "NodeState", Status: "Online", LastTransition: ago(90 * 24 * time.Hour)}, kvdb}}
	if got := storageNodeSince(&n); !got.Equal(kvdb.LastTransition) {
		t.Errorf("KVDB offline on an Online node: since %v, want %v", got, kvdb.LastTransition)
	}
	n.Phase = "Offline"
	n.Conditions[0].LastTransition = ago(time.Hour)
	if got := storageNodeSince(&n); !got.Equal(n.Conditions[0].LastTransition) {
		t.Errorf("node Offline: since %v, want NodeState's", got)
	}
}
