package scale

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Benchmarks of loading the reference fleets (docs/performance.md). Sizes are S and L;
// MCGTUI_BENCH_SIZES=S (or L) runs one of them. They measure and never assert speed.

const timeout = 10 * time.Minute

var (
	sourcesMu sync.Mutex
	sources   = map[int]*Source{}
)

// sizes returns the reference sizes to run, by name.
func sizes() []struct {
	name     string
	clusters int
} {
	all := []struct {
		name     string
		clusters int
	}{{"S", S}, {"L", L}}
	want := os.Getenv("MCGTUI_BENCH_SIZES")
	if want == "" {
		return all
	}
	var out []struct {
		name     string
		clusters int
	}
	for _, s := range all {
		if strings.Contains(want, s.name) {
			out = append(out, s)
		}
	}
	return out
}

// source returns the cached source of a size, its lists already encoded once.
func source(b *testing.B, clusters int) *Source {
	b.Helper()
	sourcesMu.Lock()
	defer sourcesMu.Unlock()
	if s := sources[clusters]; s != nil {
		return s
	}
	for c := range sources { // one fleet in memory at a time: L alone is gigabytes
		delete(sources, c)
	}
	runtime.GC()
	s := NewSource(clusters)
	if _, err := s.ListAll(context.Background()); err != nil {
		b.Fatal(err)
	}
	sources[clusters] = s
	return s
}

// cpuTime is the process's user plus system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func eachSize(b *testing.B, run func(b *testing.B, s *Source)) {
	for _, size := range sizes() {
		b.Run(size.name, func(b *testing.B) { run(b, source(b, size.clusters)) })
	}
}

// BenchmarkListFloor lists every resource mcgtui watches on the fleet and decodes the JSON,
// without mcgtui: the floor that BenchmarkIngest is compared with.
func BenchmarkListFloor(b *testing.B) {
	eachSize(b, func(b *testing.B, s *Source) {
		b.ReportAllocs()
		cpu := cpuTime()
		for b.Loop() {
			if _, err := s.ListAll(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
		b.ReportMetric(float64(s.Objects), "objects")
	})
}

// BenchmarkIngest starts a fleet manager on the fleet and waits for the first published
// fleet that holds all of it: watch-list streams read by the wire watch (as from a real API
// server: see streamTransport), decoding, projection, snapshots, roll-up, publication (with
// the product's coalescing delays, 250 + 50 ms).
func BenchmarkIngest(b *testing.B) { benchmarkIngest(b, true) }

// BenchmarkIngestList is BenchmarkIngest through LISTs on the fake clients (client-go's list
// path, unstructured objects and the map decoders): what a client without watch-list takes.
func BenchmarkIngestList(b *testing.B) { benchmarkIngest(b, false) }

func benchmarkIngest(b *testing.B, stream bool) {
	eachSize(b, func(b *testing.B, s *Source) {
		s.Stream = stream
		defer func() { s.Stream = false }()
		b.ReportAllocs()
		measureIngest(b, s)
	})
}

// BenchmarkMemory loads the fleet and reports the heap it retains, after a GC: heap in use
// and live heap (runtime.MemStats HeapInuse and HeapAlloc) beyond the fake clients', per
// object, and goroutine stacks. The fake clients' watch buffers (DefaultChanSize events per
// watch) are allocated by the load but belong to the fakes; fakewatch-B/object says how much
// of the live heap they are.
func BenchmarkMemory(b *testing.B) {
	eachSize(b, func(b *testing.B, s *Source) {
		var inuse, alloc, stacks, goroutines float64
		for b.Loop() {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			r, err := s.Run(timeout)
			if err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			inuse = float64(after.HeapInuse) - float64(before.HeapInuse)
			alloc = float64(after.HeapAlloc) - float64(before.HeapAlloc)
			stacks = float64(after.StackInuse) - float64(before.StackInuse)
			goroutines = float64(runtime.NumGoroutine())
			r.Stop()
		}
		objects := float64(s.Objects)
		fake := float64(s.Watches()) * fakeWatchBytes()
		b.ReportMetric(inuse/objects, "heapinuse-B/object")
		b.ReportMetric(alloc/objects, "live-B/object")
		b.ReportMetric(fake/objects, "fakewatch-B/object")
		b.ReportMetric((alloc-fake)/objects, "mcgtui-live-B/object")
		b.ReportMetric(stacks/objects, "stack-B/object")
		b.ReportMetric(inuse/(1<<20), "heapinuse-MiB")
		b.ReportMetric(goroutines, "goroutines")
	})
}

// BenchmarkOneObjectChange changes one Application on one managed cluster and waits until
// the manager publishes a fleet that shows it: the incremental path (one cluster's snapshot,
// its roll-up, the fleet's cluster list). ns/op is dominated by the coalescing delays;
// cpu-ns/op and allocs/op are the work.
func BenchmarkOneObjectChange(b *testing.B) {
	eachSize(b, func(b *testing.B, s *Source) {
		r, err := s.Run(timeout)
		if err != nil {
			b.Fatal(err)
		}
		defer r.Stop()
		change := newAppToggler(b, s, r)
		runtime.GC() // the load's garbage is not the change's work
		b.ReportAllocs()
		b.ResetTimer()
		var cpu time.Duration
		for i := 0; i < b.N; i++ {
			start := cpuTime()
			change.toggle(b, i)
			cpu += cpuTime() - start
		}
		b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
	})
}

// BenchmarkIngestHub is issue #14's hub in process (NewHubSource): one cluster holding 20,000
// Applications with realistic status and 10,000 ExternalSecrets, streamed as watch-list events
// to the wire watch; from starting a manager to the first published fleet holding them all.
// MCGTUI_BENCH_HUB_APPS changes the number of Applications.
func BenchmarkIngestHub(b *testing.B) {
	apps := 20000
	if n, err := strconv.Atoi(os.Getenv("MCGTUI_BENCH_HUB_APPS")); err == nil && n > 0 {
		apps = n
	}
	b.Run(strconv.Itoa(apps), func(b *testing.B) {
		sourcesMu.Lock()
		clear(sources) // one fleet in memory at a time
		sourcesMu.Unlock()
		runtime.GC()
		s, err := NewHubSource(apps)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.ListAll(context.Background()); err != nil { // encodes the lists once
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		measureIngest(b, s)
	})
}

// measureIngest runs s to a fleet holding all of it b.N times, timing each run until then and
// reporting its CPU; stopping the run and the GC after it are not timed.
func measureIngest(b *testing.B, s *Source) {
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		start := cpuTime()
		r, err := s.Run(timeout)
		if err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - start
		b.StopTimer()
		r.Stop()
		runtime.GC()
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(s.Objects), "objects")
}
