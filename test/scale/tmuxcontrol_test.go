package scale

import (
	"bufio"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// tmuxControl is one tmux control-mode client (tmux -C) attached to a benchmark's session.
// The peers benchmark polls the screen every 10 ms while a dashboard loads; starting a tmux
// client process per poll cost about 9 ms of CPU each on the 2-core machine, a third of a
// core taken from the dashboard and the API server it measures (the LIST floor ran with no
// such load). Through one attached client a capture costs the tmux server well under a
// millisecond. The client ignores the pane's output (no-output) and does not change the
// window's size.
type tmuxControl struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
}

// attachControl attaches a control client to session main of tmux server sock.
func attachControl(t *testing.T, sock string) *tmuxControl {
	t.Helper()
	c := &tmuxControl{cmd: exec.Command("tmux", "-L", sock, "-C", "attach-session", "-t", "main")}
	var err error
	if c.in, err = c.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c.out = bufio.NewReaderSize(stdout, 1<<20)
	if err := c.cmd.Start(); err != nil {
		t.Fatalf("tmux -C: %v", err)
	}
	t.Cleanup(c.close)
	if _, err := c.block(); err != nil { // the attach command's own reply
		t.Fatalf("tmux -C attach: %v", err)
	}
	if _, err := c.run("refresh-client", "-f", "no-output"); err != nil {
		t.Fatalf("tmux -C: %v", err)
	}
	return c
}

// run sends one command and returns its output.
func (c *tmuxControl) run(args ...string) (string, error) {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	if _, err := io.WriteString(c.in, strings.Join(quoted, " ")+"\n"); err != nil {
		return "", err
	}
	return c.block()
}

// block reads the next reply: the lines between "%begin T N F" and the "%end T N F" (or
// "%error T N F") with the same T and N, skipping notifications outside replies.
func (c *tmuxControl) block() (string, error) {
	var guard string
	var b strings.Builder
	for {
		line, err := c.out.ReadString('\n')
		if err != nil {
			return "", fmt.Errorf("control client: %w", err)
		}
		line = strings.TrimSuffix(line, "\n")
		if guard == "" {
			if rest, ok := strings.CutPrefix(line, "%begin "); ok {
				guard = replyGuard(rest)
			}
			continue
		}
		if rest, ok := strings.CutPrefix(line, "%end "); ok && replyGuard(rest) == guard {
			return b.String(), nil
		}
		if rest, ok := strings.CutPrefix(line, "%error "); ok && replyGuard(rest) == guard {
			return "", fmt.Errorf("tmux: %s", strings.TrimSpace(b.String()))
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
}

// replyGuard is the time and command number of a %begin/%end line ("T N F").
func replyGuard(rest string) string {
	f := strings.Fields(rest)
	if len(f) < 2 {
		return rest
	}
	return f[0] + " " + f[1]
}

func (c *tmuxControl) close() {
	_ = c.in.Close()
	_ = c.cmd.Wait()
}
