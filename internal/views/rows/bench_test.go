package rows

import (
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/scale"
)

// Benchmarks of the row builds over the reference fleets of docs/performance.md, as the
// sources publish them (scale.Load): S = 100 managed clusters, L = 3,500 (73,501 apps).
// MCGTUI_BENCH_SIZES=S (or L) runs one size. Speed is measured, never asserted. The frame
// and keystroke benchmarks, which include the builds, are in the root package.

// fleets caches the reference fleets: loading L takes seconds (test-only state).
var (
	fleetsMu sync.Mutex
	fleets   = map[int]*model.Fleet{}
)

// referenceFleet returns the published fleet of a reference size, loaded once per process.
func referenceFleet(b *testing.B, clusters int) *model.Fleet {
	b.Helper()
	fleetsMu.Lock()
	defer fleetsMu.Unlock()
	if f := fleets[clusters]; f != nil {
		return f
	}
	f, err := scale.Load(clusters)
	if err != nil {
		b.Fatal(err)
	}
	fleets[clusters] = f
	return f
}

func eachBenchSize(b *testing.B, run func(b *testing.B, f *model.Fleet)) {
	sizes := []struct {
		name     string
		clusters int
	}{{"S", scale.S}, {"L", scale.L}}
	want := os.Getenv("MCGTUI_BENCH_SIZES")
	for _, size := range sizes {
		if want != "" && !strings.Contains(want, size.name) {
			continue
		}
		b.Run(size.name, func(b *testing.B) { run(b, referenceFleet(b, size.clusters)) })
	}
}

// BenchmarkRows builds the row lists from a published fleet, as the list's command does:
// the fleet page (the roll-up of every cluster) and :apps.
func BenchmarkRows(b *testing.B) {
	for _, kind := range []Kind{KindClusters, KindApps} {
		b.Run(kind.Title(), func(b *testing.B) {
			eachBenchSize(b, func(b *testing.B, f *model.Fleet) {
				q := Query{Kind: kind, SortCol: StateColumn(ColumnsFor(kind, ""))}
				b.ReportAllocs()
				for b.Loop() {
					_ = Build(f, q)
				}
			})
		})
	}
}
