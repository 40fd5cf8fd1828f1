package scale

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/tools/clientcmd"
)

// runs is how many times each way of loading the fleet is timed, interleaved: 5, or
// MCGTUI_SCALE_RUNS.
func runs() int {
	if n, err := strconv.Atoi(os.Getenv("MCGTUI_SCALE_RUNS")); err == nil && n > 0 {
		return n
	}
	return 5
}

// measureLoad times, in the same run and interleaved, `mcgtui status -o json` against
// `kubectl get <the watched kinds> -A -o json` and a plain client-go LIST of the same
// resources in parallel, and reports the medians and their ratios.
func measureLoad(t *testing.T, e *env, l loaded) {
	var mcgtui, kubectl, floor []time.Duration
	for i := range runs() {
		d, n := runKubectl(t, e, i)
		if n != l.objects {
			t.Errorf("kubectl listed %d objects, %d were created", n, l.objects)
		}
		kubectl = append(kubectl, d)
		d, n = runFloor(t, e)
		if n != l.objects {
			t.Errorf("the client-go LIST saw %d objects, %d were created", n, l.objects)
		}
		floor = append(floor, d)
		mcgtui = append(mcgtui, runStatus(t, e))
	}
	med := func(d []time.Duration) time.Duration { s := slices.Clone(d); slices.Sort(s); return s[len(s)/2] }
	m, k, f := med(mcgtui), med(kubectl), med(floor)
	t.Logf("full load of %d objects (%d clusters), median of %d runs:", l.objects, l.clusters, len(mcgtui))
	t.Logf("| mcgtui status -o json | %s | %.2f× kubectl | %.2f× client-go LIST |", m.Round(time.Millisecond), m.Seconds()/k.Seconds(), m.Seconds()/f.Seconds())
	t.Logf("| kubectl get -A -o json | %s | | |", k.Round(time.Millisecond))
	t.Logf("| client-go LIST, parallel | %s | | |", f.Round(time.Millisecond))
	t.Logf("all runs: mcgtui %v, kubectl %v, client-go %v", mcgtui, kubectl, floor)
}

// runStatus runs `mcgtui status -o json` to completion and returns how long it took.
func runStatus(t *testing.T, e *env) time.Duration {
	t.Helper()
	cmd := exec.Command(e.bin, "status", "-o", "json", "--timeout", "30m",
		"--kubeconfig", e.kubeconfig[userMcgtui], "--context", hubContext, "--config", os.DevNull)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	// Exit 1 means problems were found (the reference fleet has some): the report is complete.
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
		t.Fatalf("mcgtui status: %v\n%s", err, errOut.String())
	}
	if strings.Contains(errOut.String(), "timed out") {
		t.Fatalf("mcgtui status did not settle: %s", errOut.String())
	}
	return took
}

// runKubectl lists the watched kinds with kubectl, with an empty discovery cache as mcgtui
// has, and returns how long it took and how many objects it printed.
func runKubectl(t *testing.T, e *env, run int) (time.Duration, int) {
	t.Helper()
	kinds := make([]string, len(watched))
	for i, w := range watched {
		kinds[i] = w.kubectl
	}
	cache := filepath.Join(e.dir, "kubectl-cache", string(rune('a'+run)))
	cmd := exec.Command("kubectl", "--kubeconfig", e.kubeconfig[userKubectl], "--cache-dir", cache,
		"get", strings.Join(kinds, ","), "-A", "-o", "json")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("kubectl: %v\n%s", err, errOut.String())
	}
	took := time.Since(start)
	var list struct{ Items []json.RawMessage }
	if err := json.Unmarshal(out.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	return took, len(list.Items)
}

// runFloor lists the watched resources with client-go's dynamic client, all at once, and
// returns how long it took and how many objects it decoded.
func runFloor(t *testing.T, e *env) (time.Duration, int) {
	t.Helper()
	start := time.Now()
	cfg, err := clientcmd.BuildConfigFromFlags("", e.kubeconfig[userFloor])
	if err != nil {
		t.Fatal(err)
	}
	cfg.QPS, cfg.Burst = 50, 100
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu    sync.Mutex
		total int
		wg    sync.WaitGroup
	)
	for _, w := range watched {
		wg.Go(func() {
			list, err := dyn.Resource(w.gvr).List(context.Background(), metav1.ListOptions{})
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			total += len(list.Items)
			mu.Unlock()
		})
	}
	wg.Wait()
	return time.Since(start), total
}
