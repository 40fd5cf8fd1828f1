package health

import (
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
)

// ChangesWithTime reports whether judging s's objects at now instead of at s.Updated (when
// Apply judged them) would change a verdict or a reason. Only ExternalSecrets (a refresh
// going stale) and volumes (a claim pending for long) are judged by the clock, and the rest
// of their reasons does not depend on it, so comparing the clock-dependent part is enough.
// It reads s only, and costs a few comparisons per secret and volume: the sources call it
// on every re-evaluation tick instead of rebuilding and republishing each cluster, which at
// 3,500 clusters is what keeps an idle fleet idle (docs/performance.md).
func ChangesWithTime(s *model.ClusterSnapshot, now time.Time) bool {
	if s == nil {
		return false
	}
	then := s.Updated
	for i := range s.Secrets {
		e := &s.Secrets[i]
		if e.RefreshInterval > 0 && ExternalSecret(e, now) != ExternalSecret(e, then) {
			return true
		}
	}
	for i := range s.Volumes {
		v := &s.Volumes[i]
		if v.Phase == "Pending" && Volume(v, now) != Volume(v, then) {
			return true
		}
	}
	return false
}
