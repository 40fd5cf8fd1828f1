package fleetmap

import (
	"fmt"
	"testing"

	"github.com/mcgtui/mcgtui/internal/model"
)

// syntheticFleet has the reference fleets' cluster count with their clouds in rotation and
// about 3 % of clusters Warning and 0.5 % Critical. The map reads only a cluster's name, its
// ManagedCluster labels and its roll-up, so the objects of a loaded reference fleet
// (internal/scale) would change nothing here but the minutes it takes to load them.
func syntheticFleet(clusters int) *model.Fleet {
	clouds := []string{"Amazon", "Azure", "Google", "VSphere", "OpenStack"}
	f := &model.Fleet{Clusters: make([]*model.ClusterSnapshot, 0, clusters+1)}
	f.Clusters = append(f.Clusters, snapshot("hub", "", "", model.VerdictOK, nil))
	for i := range clusters {
		v := model.VerdictOK
		switch {
		case i%200 == 7:
			v = model.VerdictCritical
		case i%33 == 5:
			v = model.VerdictWarning
		}
		f.Clusters = append(f.Clusters, snapshot(fmt.Sprintf("%s-%04d", clouds[i%5], i), clouds[i%5], "production", v, nil))
	}
	return f
}

// BenchmarkMap builds the map of a fleet (once per published fleet, off the update loop) and
// lays it out at 160 columns (once per fleet or resize), at S (100) and L (3,500 clusters).
func BenchmarkMap(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"S", 100}, {"L", 3500}} {
		f := syntheticFleet(size.n)
		b.Run("build/"+size.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = Build(f, "", "")
			}
		})
		m := Build(f, "", "")
		b.Run("layout/"+size.name, func(b *testing.B) {
			b.ReportAllocs()
			var l *Layout
			for b.Loop() {
				l = m.Layout(160)
			}
			b.ReportMetric(float64(len(l.Lines)), "lines")
		})
	}
}
