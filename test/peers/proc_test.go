package peers

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// proc is one peer process (redis, an Argo CD component, the ESO controller): its own process
// group, its output in a log file, killed with its children when stopped (and when the test
// binary dies: Pdeathsig).
type proc struct {
	name     string
	log      string
	cmd      *exec.Cmd
	done     chan struct{}
	err      error // after done
	stopOnce sync.Once
}

// startProc starts bin with args and extra environment, in dir, logging to dir/NAME.log.
func startProc(dir, name, bin string, env []string, args ...string) (*proc, error) {
	logPath := filepath.Join(dir, name+".log")
	f, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = f, f
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	p := &proc{name: name, log: logPath, cmd: cmd, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		_ = f.Close()
		close(p.done)
	}()
	return p, nil
}

// exited reports whether the process has ended, and how.
func (p *proc) exited() (bool, error) {
	select {
	case <-p.done:
		return true, p.err
	default:
		return false, nil
	}
}

// stop sends SIGTERM to the process group, then SIGKILL after grace, and waits; only the
// first call does anything.
func (p *proc) stop(grace time.Duration) {
	if p == nil {
		return
	}
	p.stopOnce.Do(func() {
		pgid := p.cmd.Process.Pid
		_ = syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case <-p.done:
		case <-time.After(grace):
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			<-p.done
		}
		// Whatever the leader left behind in its group goes too.
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
	})
}

// waitListening polls until addr accepts TCP connections, failing early when p exits.
func waitListening(p *proc, addr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			_ = c.Close()
			return nil
		}
		if gone, perr := p.exited(); gone {
			return fmt.Errorf("%s exited (%v) before listening on %s; its log:\n%s", p.name, perr, addr, tail(p.log, 40))
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s not listening on %s after %s; its log:\n%s", p.name, addr, timeout, tail(p.log, 40))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

var (
	portMu   sync.Mutex
	nextPort = 20000
)

// freePort returns a TCP port for a peer to listen on: one that nothing listens on now, never
// the same twice in a run, and below the kernel's ephemeral range (32768 and up by default),
// so that no outgoing connection takes it before the peer binds it.
func freePort() (int, error) {
	portMu.Lock()
	defer portMu.Unlock()
	for ; nextPort < 32768; nextPort++ {
		l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(nextPort))
		if err == nil {
			_ = l.Close()
			nextPort++
			return nextPort - 1, nil
		}
	}
	return 0, errors.New("no free port below 32768")
}

// tail returns the last n lines of a file.
func tail(path string, n int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// logMark remembers how long a log file was, so that what was written since can be shown.
type logMark struct {
	path string
	off  int64
}

func markLog(path string) logMark {
	st, err := os.Stat(path)
	if err != nil {
		return logMark{path: path}
	}
	return logMark{path: path, off: st.Size()}
}

// since returns what the file got after the mark, at most max bytes (the last ones).
func (m logMark) since(max int64) string {
	f, err := os.Open(m.path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return ""
		}
		return err.Error()
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err.Error()
	}
	from := m.off
	if st.Size()-from > max {
		from = st.Size() - max
	}
	buf := make([]byte, st.Size()-from)
	n, _ := f.ReadAt(buf, from)
	return string(buf[:n])
}
