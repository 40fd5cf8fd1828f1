package health

import (
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
)

func TestChangesWithTime(t *testing.T) {
	judged := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	ready := model.Condition{Type: "Ready", Status: "True"}
	s := &model.ClusterSnapshot{
		Updated: judged,
		Secrets: []model.ExternalSecret{{Ready: ready, RefreshInterval: time.Hour, RefreshTime: judged.Add(-90 * time.Minute)}},
		Volumes: []model.Volume{{Meta: model.Meta{Created: judged.Add(-time.Minute)}, Phase: "Bound"}},
	}
	if ChangesWithTime(s, judged.Add(10*time.Minute)) {
		t.Error("a secret refreshed 100 minutes ago on a 1h interval is not stale yet")
	}
	if !ChangesWithTime(s, judged.Add(31*time.Minute)) {
		t.Error("the secret went stale after two intervals: the verdict changes")
	}
	s.Secrets = nil
	s.Volumes[0].Phase = "Pending"
	if !ChangesWithTime(s, judged.Add(time.Minute)) {
		t.Error("a pending claim's reason names its age, which moved on")
	}
	if ChangesWithTime(&model.ClusterSnapshot{Updated: judged, Apps: []model.App{{SyncStatus: "OutOfSync"}}}, judged.Add(time.Hour)) {
		t.Error("apps are not judged by the clock")
	}
}
