package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// BenchmarkStartup starts `mcgtui demo` on a pseudo-terminal of 160×48 (no tmux) and reports
// how long after the process started it drew its first frame, and its first frame showing
// the fleet (MCGTUI_STARTUP_TRACE). The clock starts just before the fork, so exec, the Go
// runtime, package initialisation, the demo fleet and the first render are all counted.
func BenchmarkStartup(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "mcgtui")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	var mains, frame, fleet []time.Duration
	for i := 0; b.Loop(); i++ {
		m, f, fl := startOnce(b, bin, filepath.Join(dir, fmt.Sprintf("trace-%d", i)), os.DevNull)
		mains, frame, fleet = append(mains, m), append(frame, f), append(fleet, fl)
	}
	report := func(name string, d []time.Duration) {
		slices.Sort(d)
		b.ReportMetric(float64(d[len(d)/2])/1e6, name+"-p50-ms")
		b.ReportMetric(float64(d[min(len(d)*99/100, len(d)-1)])/1e6, name+"-p99-ms")
	}
	report("main", mains)
	report("first-frame", frame)
	report("fleet-frame", fleet)
}

// startOnce runs the demo until it has drawn the fleet and returns when main started, the
// first frame and the first frame with the fleet, after the process started.
func startOnce(b *testing.B, bin, trace, config string) (main, frame, fleet time.Duration) {
	b.Helper()
	master, slave := openPTY(b, 48, 160)
	defer master.Close()
	cmd := exec.Command(bin, "demo", "--config", config)
	cmd.Env = append(os.Environ(), startupTraceEnv+"="+trace, "TERM=xterm-256color")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	go func() { _, _ = io.Copy(io.Discard, master) }() // the terminal reads what it is sent
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	slave.Close()
	defer func() { // quit as a user does; kill what does not quit
		_, _ = master.Write([]byte("q"))
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	}()
	deadline := start.Add(20 * time.Second)
	for time.Now().Before(deadline) {
		times := readTrace(trace)
		m, okMain := times["main"]
		f, okFrame := times["frame"]
		fl, okFleet := times["fleet"]
		if okMain && okFrame && okFleet {
			return m.Sub(start), f.Sub(start), fl.Sub(start)
		}
		time.Sleep(2 * time.Millisecond)
	}
	b.Fatal("mcgtui demo drew no fleet within 20 s")
	return 0, 0, 0
}

func readTrace(path string) map[string]time.Time {
	out := map[string]time.Time{}
	f, err := os.Open(path)
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		what, ns, ok := strings.Cut(sc.Text(), " ")
		if n, err := strconv.ParseInt(ns, 10, 64); ok && err == nil {
			out[what] = time.Unix(0, n)
		}
	}
	return out
}

// openPTY opens a pseudo-terminal pair of the given size with Linux's /dev/ptmx.
func openPTY(b *testing.B, rows, cols uint16) (master, slave *os.File) {
	b.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		b.Skipf("no pseudo-terminal: %v", err)
	}
	var unlock int32
	var n uint32
	ioctl := func(req uintptr, arg unsafe.Pointer) error {
		if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), req, uintptr(arg)); e != 0 {
			return e
		}
		return nil
	}
	if err := ioctl(syscall.TIOCSPTLCK, unsafe.Pointer(&unlock)); err != nil {
		b.Fatal(err)
	}
	if err := ioctl(syscall.TIOCGPTN, unsafe.Pointer(&n)); err != nil {
		b.Fatal(err)
	}
	size := struct{ rows, cols, x, y uint16 }{rows, cols, 0, 0}
	if err := ioctl(syscall.TIOCSWINSZ, unsafe.Pointer(&size)); err != nil {
		b.Fatal(err)
	}
	slave, err = os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		b.Fatal(err)
	}
	return master, slave
}
