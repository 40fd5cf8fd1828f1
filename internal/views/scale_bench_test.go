package views

import (
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/scale"
)

// Benchmarks of the views over the reference fleets of docs/performance.md, as the sources
// publish them (scale.Load): S = 100 managed clusters, L = 3,500 (73,501 apps).
// MCGTUI_BENCH_SIZES=S (or L) runs one size. Speed is measured, never asserted.

var (
	fleetsMu sync.Mutex
	fleets   = map[int]*model.Fleet{}
)

type benchSize struct {
	name     string
	clusters int
}

func benchSizes() []benchSize {
	all := []benchSize{{"S", scale.S}, {"L", scale.L}}
	want := os.Getenv("MCGTUI_BENCH_SIZES")
	if want == "" {
		return all
	}
	return slices.DeleteFunc(all, func(s benchSize) bool { return !strings.Contains(want, s.name) })
}

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

// benchHarness is a harness at 160×48 that has received f and opened the page of command
// (":apps"), or stayed on the fleet page when command is "".
func benchHarness(f *model.Fleet, command string) *harness {
	h := newHarness(&testing.T{}, 160, 48)
	h.send(fleetMsg{fleet: f})
	if command != "" {
		h.press(":")
		h.typeText(command)
		h.press("enter")
	}
	return h
}

// latencies collects durations and reports their percentiles.
type latencies []time.Duration

func (l latencies) report(b *testing.B, unit string) {
	if len(l) == 0 {
		return
	}
	s := slices.Clone(l)
	slices.Sort(s)
	at := func(p float64) float64 { return float64(s[min(int(p*float64(len(s))), len(s)-1)]) }
	b.ReportMetric(at(0.50), unit+"-p50-ns")
	b.ReportMetric(at(0.99), unit+"-p99-ns")
}

func eachBenchSize(b *testing.B, run func(b *testing.B, f *model.Fleet)) {
	for _, size := range benchSizes() {
		b.Run(size.name, func(b *testing.B) { run(b, referenceFleet(b, size.clusters)) })
	}
}

// BenchmarkFrame renders one frame (View) of the fleet page and of :apps.
func BenchmarkFrame(b *testing.B) {
	for _, page := range []string{"fleet", "apps", "triage", "map"} {
		b.Run(page, func(b *testing.B) {
			eachBenchSize(b, func(b *testing.B, f *model.Fleet) {
				command := strings.TrimPrefix(page, "fleet")
				h := benchHarness(f, command)
				if page == "triage" {
					h.press("enter") // the first cause expanded: its tree is on screen too
				}
				var lat latencies
				b.ReportAllocs()
				for b.Loop() {
					start := time.Now()
					_ = h.m.View()
					lat = append(lat, time.Since(start))
				}
				lat.report(b, "frame")
				if l := h.m.top().ActiveList(); l != nil {
					b.ReportMetric(float64(len(l.Table().Rows())), "rows")
				}
			})
		})
	}
}

// filterWord is typed into :apps one character per iteration; it matches thousands of apps.
const filterWord = "payments"

// BenchmarkKeystroke types one filter character into :apps and measures two latencies: the
// keystroke (Update and the next View, what the terminal shows at once) and the filtered
// rows on screen (the keystroke plus the row build it starts, its message and the View
// after). ns/op is the second.
func BenchmarkKeystroke(b *testing.B) {
	eachBenchSize(b, func(b *testing.B, f *model.Fleet) {
		h := benchHarness(f, "apps")
		var keystroke, onScreen latencies
		typed := 0
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if i == 0 || typed == len(filterWord) {
				b.StopTimer()
				if i > 0 {
					h.press("esc") // close the prompt, which clears the filter
				}
				h.press("/")
				typed = 0
				b.StartTimer()
			}
			start := time.Now()
			_, cmd := h.m.Update(keyPress(filterWord[typed : typed+1]))
			_ = h.m.View()
			keystroke = append(keystroke, time.Since(start))
			h.run(cmd)
			_ = h.m.View()
			onScreen = append(onScreen, time.Since(start))
			typed++
		}
		if h.m.top().Title() == "" || !strings.HasPrefix(h.m.top().Title(), "Apps") {
			b.Fatalf("the keystrokes left :apps: %q", h.m.top().Title())
		}
		keystroke.report(b, "keystroke")
		onScreen.report(b, "rows-on-screen")
	})
}

// BenchmarkOneClusterChanged hands the views a fleet in which one cluster's snapshot is new
// (one of its apps changed) and measures until the page's rows are rebuilt and on screen.
func BenchmarkOneClusterChanged(b *testing.B) {
	for _, page := range []string{"fleet", "apps"} {
		b.Run(page, func(b *testing.B) {
			eachBenchSize(b, func(b *testing.B, f *model.Fleet) {
				h := benchHarness(f, strings.TrimPrefix(page, "fleet"))
				next := f
				b.ReportAllocs()
				for b.Loop() {
					next = withOneAppChanged(next)
					h.send(fleetMsg{fleet: next})
					_ = h.m.View()
				}
			})
		})
	}
}

// withOneAppChanged returns a copy of f with a new generation in which the middle cluster's
// snapshot is replaced by one whose first app flipped its sync status.
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
