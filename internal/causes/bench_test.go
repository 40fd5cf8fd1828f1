package causes_test

import (
	"os"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/causes"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/scale"
)

// Benchmarks of the cause graph over the reference fleets of docs/performance.md, as the
// sources publish them (scale.Load): S = 100 managed clusters, L = 3,500.
// MCGTUI_BENCH_SIZES=S (or L) runs one size. Speed is measured, never asserted.

var (
	fleetsMu sync.Mutex
	fleets   = map[int]*model.Fleet{}
)

func referenceFleet(b *testing.B, clusters int) *model.Fleet {
	b.Helper()
	fleetsMu.Lock()
	defer fleetsMu.Unlock()
	if f := fleets[clusters]; f != nil {
		return f
	}
	clear(fleets) // one fleet in memory at a time
	f, err := scale.Load(clusters)
	if err != nil {
		b.Fatal(err)
	}
	fleets[clusters] = f
	return f
}

func eachSize(b *testing.B, run func(b *testing.B, f *model.Fleet)) {
	want := os.Getenv("MCGTUI_BENCH_SIZES")
	for _, size := range []struct {
		name     string
		clusters int
	}{{"S", scale.S}, {"L", scale.L}} {
		if want != "" && !strings.Contains(want, size.name) {
			continue
		}
		b.Run(size.name, func(b *testing.B) { run(b, referenceFleet(b, size.clusters)) })
	}
}

// cpuTime is the process's user plus system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkGraph builds the graph of a whole fleet from nothing (the first publish), and
// again after one cluster's snapshot changed (every later publish), with a Builder that keeps
// the other clusters' work. cpu-ms/op is the CPU time per build, the figure the target of
// docs/performance.md is about (≤ 100 ms at L with one cluster changed).
func BenchmarkGraph(b *testing.B) {
	b.Run("full", func(b *testing.B) {
		eachSize(b, func(b *testing.B, f *model.Fleet) {
			b.ReportAllocs()
			start := cpuTime()
			var g *causes.Graph
			for b.Loop() {
				g = causes.Build(f)
			}
			report(b, start, g)
		})
	})
	b.Run("oneClusterChanged", func(b *testing.B) {
		eachSize(b, func(b *testing.B, f *model.Fleet) {
			builder := causes.NewBuilder()
			builder.Build(f)
			next := f
			b.ReportAllocs()
			start := cpuTime()
			var g *causes.Graph
			for b.Loop() {
				next = withOneAppChanged(next)
				g = builder.Build(next)
			}
			report(b, start, g)
		})
	})
}

func report(b *testing.B, start time.Duration, g *causes.Graph) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(g.Problems), "problems")
	b.ReportMetric(float64(len(g.Causes)), "causes")
}

// withOneAppChanged returns a copy of f with a new generation in which the middle cluster's
// snapshot is replaced by one whose first app flipped between Synced and OutOfSync (as the
// views' benchmark does).
func withOneAppChanged(f *model.Fleet) *model.Fleet {
	next := *f
	next.Generation++
	next.Clusters = slices.Clone(f.Clusters)
	i := len(next.Clusters) / 2
	c := *next.Clusters[i]
	c.Generation++
	c.Apps = slices.Clone(c.Apps)
	if len(c.Apps) > 0 {
		a := &c.Apps[0]
		if a.SyncStatus == "Synced" {
			a.SyncStatus, a.Health = "OutOfSync", model.Health{Verdict: model.VerdictWarning, Reason: "OutOfSync"}
		} else {
			a.SyncStatus, a.Health = "Synced", model.Health{Verdict: model.VerdictOK}
		}
	}
	c.Summary = model.Summarize(&c)
	next.Clusters[i] = &c
	return &next
}
