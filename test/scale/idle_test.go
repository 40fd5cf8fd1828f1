package scale

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/mcgtui/mcgtui/internal/sources/fleet"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// idleTime is how long the fleet stays idle: two of the sources' 30 s re-evaluations, or
// MCGTUI_SCALE_IDLE_SECONDS.
func idleTime() time.Duration {
	if s, err := strconv.Atoi(os.Getenv("MCGTUI_SCALE_IDLE_SECONDS")); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	return 65 * time.Second
}

// measureIdle runs the dashboard (`mcgtui` on the hub, in a pseudo-terminal, on :apps) until
// the fleet is loaded, then changes nothing for idleTime and reports mcgtui's requests in
// the audit log by verb, and its CPU time and resident memory. A list after sync fails the
// test: mcgtui must only watch.
func measureIdle(t *testing.T, e *env, l loaded) {
	master, slave := openPTY(t, 48, 160)
	defer master.Close()
	trace := filepath.Join(e.dir, "startup.trace")
	cmd := exec.Command(e.bin, "--kubeconfig", e.kubeconfig[userMcgtui], "--context", hubContext,
		"--config", os.DevNull, "--readonly")
	cmd.Env = append(os.Environ(), "MCGTUI_STARTUP_TRACE="+trace, "TERM=xterm-256color")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	go func() { _, _ = io.Copy(io.Discard, master) }()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	defer func() {
		_, _ = master.Write([]byte("q"))
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	}()
	waitSynced(t, e, trace)
	_, _ = master.Write([]byte(":apps\r")) // the biggest list, rebuilt on every fleet change
	time.Sleep(5 * time.Second)

	pid := cmd.Process.Pid
	cpu0, start := cpuTicks(t, pid), time.Now()
	idleWindow := idleTime()
	time.Sleep(idleWindow)
	cpu1, end := cpuTicks(t, pid), time.Now()
	verbs := auditVerbs(t, e, start, end)
	cpuMs := float64(cpu1-cpu0) * 1000 / 100 // clock ticks of 10 ms (USER_HZ)
	t.Logf("idle %s after sync (%d objects): mcgtui used %.0f ms CPU (%.2f ms per s, %.3f%% of a core), RSS %s",
		idleWindow, l.objects, cpuMs, cpuMs/end.Sub(start).Seconds(), cpuMs/end.Sub(start).Seconds()/10, rss(t, pid))
	t.Logf("mcgtui's requests in the audit log meanwhile, by verb: %v", verbs)
	if verbs["list"] > 0 {
		t.Errorf("mcgtui listed %d times while idle: a watch failed and it re-listed", verbs["list"])
	}
}

// waitSynced waits for the dashboard's first rows, then until mcgtui's requests stop: the
// initial lists (or watch-lists) are over.
func waitSynced(t *testing.T, e *env, trace string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Minute)
	for !strings.Contains(readFile(trace), "fleet ") {
		if time.Now().After(deadline) {
			t.Fatal("the dashboard never showed the fleet")
		}
		time.Sleep(100 * time.Millisecond)
	}
	for quiet := time.Now(); ; time.Sleep(time.Second) {
		since := time.Now().Add(-5 * time.Second)
		if n := len(auditVerbs(t, e, since, time.Now())); n == 0 && time.Since(quiet) > 5*time.Second {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("mcgtui never stopped sending requests")
		}
	}
}

// auditVerbs counts the requests user mcgtui made between from and to, by verb, from the
// audit log (each request once: its first stage).
func auditVerbs(t *testing.T, e *env, from, to time.Time) map[string]int {
	t.Helper()
	f, err := os.Open(e.plane.AuditLog)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	counts := map[string]int{}
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var ev struct {
			AuditID string `json:"auditID"`
			Verb    string `json:"verb"`
			User    struct {
				Username string `json:"username"`
			} `json:"user"`
			StageTimestamp time.Time `json:"stageTimestamp"`
		}
		if json.Unmarshal(sc.Bytes(), &ev) != nil || ev.User.Username != userMcgtui || seen[ev.AuditID] {
			continue
		}
		seen[ev.AuditID] = true
		if !ev.StageTimestamp.Before(from) && ev.StageTimestamp.Before(to) {
			counts[ev.Verb]++
		}
	}
	return counts
}

// cpuTicks returns the user plus system CPU time of a process, in clock ticks.
func cpuTicks(t *testing.T, pid int) int64 {
	t.Helper()
	stat := readFile(fmt.Sprintf("/proc/%d/stat", pid))
	fields := strings.Fields(stat[strings.LastIndexByte(stat, ')')+2:])
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	return utime + stime
}

// rss returns a process's resident set size as /proc reports it.
func rss(t *testing.T, pid int) string {
	for _, line := range strings.Split(readFile(fmt.Sprintf("/proc/%d/status", pid)), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmRSS:"))
		}
	}
	return "?"
}

func readFile(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}

// measureMemory loads the fleet with mcgtui's fleet manager in this process, through the
// real client (no fake), and reports the heap it retains per object after a GC.
func measureMemory(t *testing.T, e *env, l loaded) {
	kc, err := kube.LoadKubeconfig(e.kubeconfig[userMcgtui])
	if err != nil {
		t.Fatal(err)
	}
	hub, err := kc.Conn(hubContext, hubContext, true)
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m := fleet.New(fleet.Options{Hub: hub, Connect: fleet.KubeconfigConnector(kc, nil, hubContext)})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); m.Run(ctx) }()
	defer func() { cancel(); <-done }()
	deadline := time.Now().Add(30 * time.Minute)
	for f := m.Latest(); f == nil || len(f.Clusters) < l.clusters || !fleet.Settled(f); f = m.Latest() {
		if time.Now().After(deadline) {
			t.Fatal("the fleet did not load")
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(2 * time.Second) // the last coalesced snapshots
	runtime.GC()
	runtime.ReadMemStats(&after)
	alloc := float64(after.HeapAlloc) - float64(before.HeapAlloc)
	inuse := float64(after.HeapInuse) - float64(before.HeapInuse)
	stacks := float64(after.StackInuse) - float64(before.StackInuse)
	t.Logf("memory with the %d objects loaded through the real client: live heap %.0f B/object, heap in use %.0f B/object, stacks %.0f B/object (%d goroutines)",
		l.objects, alloc/float64(l.objects), inuse/float64(l.objects), stacks/float64(l.objects), runtime.NumGoroutine())
}

// openPTY opens a pseudo-terminal pair of the given size with Linux's /dev/ptmx.
func openPTY(t *testing.T, rows, cols uint16) (master, slave *os.File) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("no pseudo-terminal: %v", err)
	}
	ioctl := func(req uintptr, arg unsafe.Pointer) {
		if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), req, uintptr(arg)); e != 0 {
			t.Fatal(e)
		}
	}
	var unlock int32
	var n uint32
	ioctl(syscall.TIOCSPTLCK, unsafe.Pointer(&unlock))
	ioctl(syscall.TIOCGPTN, unsafe.Pointer(&n))
	size := struct{ rows, cols, x, y uint16 }{rows, cols, 0, 0}
	ioctl(syscall.TIOCSWINSZ, unsafe.Pointer(&size))
	slave, err = os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	return master, slave
}
