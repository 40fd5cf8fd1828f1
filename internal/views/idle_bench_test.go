package views

import (
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/scale"
)

// idleWindow is how long BenchmarkIdle watches an idle fleet: two re-evaluation ticks (30 s)
// and then some. MCGTUI_IDLE_SECONDS overrides it.
func idleWindow() time.Duration {
	if s, err := strconv.Atoi(os.Getenv("MCGTUI_IDLE_SECONDS")); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	return 65 * time.Second
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkIdle loads the fleet with the sources and the views on :apps, as `mcgtui` shows
// it, then changes nothing for idleWindow and reports what the process did meanwhile: CPU
// per second of wall time, fleets published, and list and watch requests (there must be no
// list: a re-list after sync is a failure of the watch).
func BenchmarkIdle(b *testing.B) {
	for _, size := range benchSizes() {
		b.Run(size.name, func(b *testing.B) {
			src := scale.NewSource(size.clusters)
			r, err := src.Run(10 * time.Minute)
			if err != nil {
				b.Fatal(err)
			}
			defer r.Stop()
			h := benchHarness(r.Fleet, "apps")
			updates := r.Manager.Updates()
			deliver := func(f *model.Fleet) {
				h.send(fleetMsg{fleet: f})
				_ = h.m.View()
			}
			settle := time.After(3 * time.Second) // the first fleets still in flight
		settling:
			for {
				select {
				case f := <-updates:
					deliver(f)
				case <-settle:
					break settling
				}
			}
			window := idleWindow()
			for b.Loop() {
				lists, watches := src.Calls.Lists.Load(), src.Calls.Watches.Load()
				fleets := 0
				start, cpu := time.Now(), processCPU()
				end := time.After(window)
				clock := time.NewTicker(clockPeriod) // as Model.clock: one frame a second
			idle:
				for {
					select {
					case f := <-updates:
						fleets++
						deliver(f)
					case <-clock.C:
						h.send(clockMsg{})
						_ = h.m.View()
					case <-end:
						break idle
					}
				}
				clock.Stop()
				elapsed := time.Since(start)
				b.ReportMetric(float64(processCPU()-cpu)/float64(time.Millisecond)/elapsed.Seconds(), "cpu-ms/s")
				b.ReportMetric(float64(fleets), "fleets")
				b.ReportMetric(float64(src.Calls.Lists.Load()-lists), "lists")
				b.ReportMetric(float64(src.Calls.Watches.Load()-watches), "watches")
			}
		})
	}
}
