package scale

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"k8s.io/client-go/tools/clientcmd"
)

// peer is one dashboard measured by TestPeers: how to start it in a terminal, how to open
// its Applications list once it drew something, and how to tell that the whole list is in.
type peer struct {
	name    string
	command string            // shell command line, run with exec in a tmux pane
	open    []string          // tmux keys typed after the first frame
	full    func(string) bool // the screen shows the complete list
	// filtered: the screen shows the list filtered by filterQuery, matching rows on screen.
	filtered func(string) bool
}

// filterQuery is what both dashboards filter their Applications by: a prefix that the names
// of one reference cluster's Applications have (PeerObjects), and nothing else on a row.
const filterQuery = "c0001-"

// peerRun is what one start of a peer measured.
type peerRun struct {
	firstFrame, fullList time.Duration // since the process started
	cpuFull              time.Duration // user+system CPU until the full list was on screen
	rssFull, rssIdle     int64         // bytes, at the full list and 60 s later
	cpuIdle              time.Duration // CPU in those 60 s
	cursor               time.Duration // 20 × j typed at once, until the cursor is 20 rows down
	filter               time.Duration // "/", filterQuery, Enter typed at once, until the rows show
}

// idleWindow is how long a peer is left alone after the full list to measure its idle cost.
const idleWindow = 60 * time.Second

// runs of the peers benchmark: MCGTUI_PEERS_RUNS, default 3.
func peerRuns() int {
	if n, err := strconv.Atoi(os.Getenv("MCGTUI_PEERS_RUNS")); err == nil && n > 0 {
		return n
	}
	return 3
}

// measurePeers runs mcgtui and k9s interleaved, each run right after a LIST floor, and
// reports medians.
func measurePeers(t *testing.T, e *env, admin string, apps, secrets, matching int) {
	count := fmt.Sprint(apps)
	grouped := groupThousands(apps)
	// An empty config file, so that no user configuration on the machine takes part.
	if err := os.WriteFile(filepath.Join(e.dir, "none.yaml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	peers := []peer{{
		name: "mcgtui",
		command: fmt.Sprintf("%s --kubeconfig %s --context %s --config %s --readonly", e.bin,
			e.kubeconfig[userMcgtui], hubContext, filepath.Join(e.dir, "none.yaml")),
		open:     []string{":apps", "Enter"},
		full:     func(s string) bool { return mcgtuiFull(s, grouped) },
		filtered: func(s string) bool { return mcgtuiFiltered(s, grouped, matching) },
	}}
	if before := os.Getenv("MCGTUI_PEERS_BEFORE"); before != "" { // another build, for before/after
		p := peers[0]
		p.name = "mcgtui before"
		p.command = strings.Replace(p.command, e.bin, before, 1)
		peers = append(peers, p)
	}
	if k9s := os.Getenv("MCGTUI_K9S"); k9s != "" {
		cfg := filepath.Join(e.dir, "k9s")
		peers = append(peers, peer{
			name: "k9s " + k9sVersion(k9s),
			command: fmt.Sprintf("env K9S_CONFIG_DIR=%s/config K9S_LOGS_DIR=%s/logs XDG_STATE_HOME=%s/state XDG_DATA_HOME=%s/data %s --kubeconfig %s --context %s -A -c applications --readonly",
				cfg, cfg, cfg, cfg, k9s, admin, hubContext),
			full:     func(s string) bool { return k9sFull(s, count) },
			filtered: func(s string) bool { return k9sFiltered(s, matching) },
		})
	} else {
		t.Log("k9s: MCGTUI_K9S not set (k9s did not build?): measuring mcgtui against the floor only")
	}
	var floors []time.Duration
	var floorBytes int64
	results := make([][]peerRun, len(peers))
	floorCfg, err := clientcmd.BuildConfigFromFlags("", e.kubeconfig[userFloor])
	if err != nil {
		t.Fatal(err)
	}
	for i := range peerRuns() {
		for j, p := range peers {
			// The floor right before each peer: the API server's own speed moves by a third
			// between minutes (its garbage from the last peer's lists), so each peer is
			// measured next to one, and the table reads the median of them all.
			d, n := listFloor(t, floorCfg)
			floors, floorBytes = append(floors, d), n
			t.Logf("run %d: JSON LIST floor %s (%.1f MB)", i+1, d.Round(time.Millisecond), float64(n)/1e6)
			r := runPeer(t, p)
			t.Logf("run %d: %s: first frame %s, full list %s, CPU %s, RSS %d/%d MiB, idle CPU %s/min, 20×j %s, filter %s; load %s",
				i+1, p.name, r.firstFrame.Round(time.Millisecond), r.fullList.Round(time.Millisecond),
				r.cpuFull.Round(time.Millisecond), r.rssFull>>20, r.rssIdle>>20, r.cpuIdle.Round(time.Millisecond),
				r.cursor.Round(time.Millisecond), r.filter.Round(time.Millisecond), loadAvg())
			results[j] = append(results[j], r)
		}
	}
	table := peersTable(peers, results, floors, floorBytes, apps, secrets)
	t.Log("\n" + table)
	if path := os.Getenv("MCGTUI_PEERS_REPORT"); path != "" {
		if err := os.WriteFile(path, []byte(table), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runPeer starts one peer in a 200×60 tmux pane and measures it.
func runPeer(t *testing.T, p peer) peerRun {
	t.Helper()
	sock := fmt.Sprintf("mcgtui-peers-%d-%d", os.Getpid(), time.Now().UnixNano())
	tm := func(args ...string) string {
		out, err := exec.Command("tmux", append([]string{"-L", sock}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	defer func() { _ = exec.Command("tmux", "-L", sock, "kill-server").Run() }()
	start := time.Now()
	tm("new-session", "-d", "-x", "200", "-y", "60", "-s", "main", "exec "+p.command)
	pid, err := strconv.Atoi(strings.TrimSpace(tm("display", "-p", "-t", "main", "#{pane_pid}")))
	if err != nil {
		t.Fatal(err)
	}
	ctl := attachControl(t, sock) // polls and keys without a tmux process each
	ctlRun := func(args ...string) string {
		out, err := ctl.run(args...)
		if err != nil {
			t.Fatalf("%s: tmux %v: %v", p.name, args, err)
		}
		return out
	}
	screen := func() string { return ctlRun("capture-pane", "-p", "-t", "main") }
	styled := func() []string { return strings.Split(ctlRun("capture-pane", "-p", "-e", "-t", "main"), "\n") }
	send := func(keys ...string) { ctlRun(append([]string{"send-keys", "-t", "main"}, keys...)...) }
	var r peerRun
	var since time.Time
	wait := func(what string, ok func(string) bool) time.Duration {
		deadline := time.Now().Add(20 * time.Minute)
		for {
			s := screen()
			if ok(s) {
				return time.Since(since)
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: no %s within 20 minutes:\n%s", p.name, what, s)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	since = start
	r.firstFrame = wait("first frame", func(s string) bool { return strings.TrimSpace(s) != "" })
	if len(p.open) > 0 {
		send(p.open...)
	}
	r.fullList = wait("full list", p.full)
	r.cpuFull, r.rssFull = procCPU(t, pid), procRSS(t, pid)
	time.Sleep(idleWindow)
	r.cpuIdle, r.rssIdle = procCPU(t, pid)-r.cpuFull, procRSS(t, pid)

	// 20 × j: find the cursor's row by moving it once and back, then time twenty moves.
	row := cursorRow(t, p.name, styled, send)
	before := styled()
	if row+cursorMoves >= len(before) {
		t.Fatalf("%s: the cursor on line %d cannot move %d rows down on a %d-line screen", p.name, row, cursorMoves, len(before))
	}
	var keys []string
	for range cursorMoves {
		keys = append(keys, "j")
	}
	since = time.Now()
	send(keys...)
	r.cursor = waitStyled(t, p.name, "20 rows down", styled, func(now []string) bool {
		return changed(before, now, row) && changed(before, now, row+cursorMoves)
	}).Sub(since)

	since = time.Now()
	send("/")
	send("-l", filterQuery)
	send("Enter")
	r.filter = wait("filtered rows", p.filtered)
	return r
}

// cursorMoves is how many rows down the cursor benchmark moves.
const cursorMoves = 20

// lineLook is what a line looks like apart from its text: its escape sequences (colours,
// reverse video) and its first character (mcgtui marks the cursor's row with "›").
func lineLook(line string) string {
	var b strings.Builder
	first := true
	for i := 0; i < len(line); i++ {
		if line[i] == 0x1b {
			j := i + 1
			for j < len(line) && !(line[j] >= 0x40 && line[j] <= 0x7e && j > i+1) {
				j++
			}
			if j < len(line) {
				j++
			}
			b.WriteString(line[i:j])
			i = j - 1
			continue
		}
		if first && line[i] != ' ' {
			b.WriteString(line[i : i+1])
		}
		first = false
	}
	return b.String()
}

func changed(before, now []string, line int) bool {
	return line < len(before) && line < len(now) && lineLook(before[line]) != lineLook(now[line])
}

// waitStyled polls the styled screen until ok, and returns when that was (10 ms resolution).
func waitStyled(t *testing.T, name, what string, styled func() []string, ok func([]string) bool) time.Time {
	deadline := time.Now().Add(2 * time.Minute)
	for {
		now := styled()
		if ok(now) {
			return time.Now()
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: no %s within 2 minutes:\n%s", name, what, strings.Join(now, "\n"))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// cursorRow finds the screen line of a table's cursor, on any dashboard: one j changes the
// look of the row it leaves and the row it reaches (and maybe the next, see below), adjacent
// lines and no others; k brings it back.
func cursorRow(t *testing.T, name string, styled func() []string, send func(...string)) int {
	before := styled()
	send("j")
	var row int
	waitStyled(t, name, "cursor moving one row", styled, func(now []string) bool {
		var lines []int
		for i := range min(len(before), len(now)) {
			if changed(before, now, i) {
				lines = append(lines, i)
			}
		}
		// tmux starts the line after a styled one with the style's reset, so that line may
		// change too.
		if n := len(lines); (n == 2 || n == 3) && lines[n-1] == lines[0]+n-1 {
			row = lines[0]
			return true
		}
		return false
	})
	send("k")
	waitStyled(t, name, "cursor moving back", styled, func(now []string) bool {
		return !changed(before, now, row) // the next line's escapes may differ from before
	})
	return row
}

// mcgtuiFull: the apps page's title ("Apps · all clusters (20,000)") counts every row once
// all are in.
func mcgtuiFull(screen, grouped string) bool {
	for _, line := range strings.Split(screen, "\n") {
		if strings.HasPrefix(line, "Apps ") {
			return strings.Contains(line, "("+grouped+")") || strings.Contains(line, "("+strings.ReplaceAll(grouped, ",", "")+")")
		}
	}
	return false
}

// mcgtuiFiltered: the title counts the matching rows ("(20 of 20,000)" or "(20 of 20000)",
// filter "c0001-") and
// the first row on screen is one of them.
func mcgtuiFiltered(screen, grouped string, matching int) bool {
	lines := strings.Split(screen, "\n")
	for i, line := range lines {
		if strings.HasPrefix(line, "Apps ") {
			counted := fmt.Sprintf("(%s of %s)", groupThousands(matching), grouped)
			if !strings.Contains(line, counted) && !strings.Contains(line, strings.ReplaceAll(counted, ",", "")) ||
				!strings.Contains(line, fmt.Sprintf("filter %q", filterQuery)) {
				return false
			}
			return firstRowMatches(lines[i+1:])
		}
	}
	return false
}

// firstRowMatches: below the column header (the first line with NAME), the first row holds the
// filter's text.
func firstRowMatches(lines []string) bool {
	for i, line := range lines {
		if strings.Contains(line, "NAME") {
			return i+1 < len(lines) && strings.Contains(lines[i+1], filterQuery)
		}
	}
	return false
}

var k9sFilteredTitle = regexp.MustCompile(`(?i)applications\(all\)\[([\d,]+)\]\s*<\/([^>]*)>`)

// k9sFiltered: k9s's title counts the matching rows and shows the filter
// ("applications(all)[20] </c0001->"), and the first row on screen is one of them.
func k9sFiltered(screen string, matching int) bool {
	m := k9sFilteredTitle.FindStringSubmatch(screen)
	if m == nil || strings.ReplaceAll(m[1], ",", "") != fmt.Sprint(matching) || m[2] != filterQuery {
		return false
	}
	return firstRowMatches(strings.Split(screen[strings.Index(screen, m[0]):], "\n"))
}

var k9sTitle = regexp.MustCompile(`(?i)applications\(all\)\[([\d,]+)\]`)

// k9sFull: k9s's title ("applications(all)[20,000]") counts the rows of the table it shows.
func k9sFull(screen, count string) bool {
	m := k9sTitle.FindStringSubmatch(screen)
	return m != nil && strings.ReplaceAll(m[1], ",", "") == count
}

// procCPU is the process's user+system CPU time so far.
func procCPU(t *testing.T, pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+2:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * (time.Second / 100) // USER_HZ
}

// procRSS is the process's resident set in bytes.
func procRSS(t *testing.T, pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func loadAvg() string {
	data, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func k9sVersion(bin string) string {
	out, _ := exec.Command(bin, "version", "-s").Output()
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "Version" {
			return f[1]
		}
	}
	return ""
}

func groupThousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func median[T int64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// peersTable renders the medians as docs/performance.md's table.
func peersTable(peers []peer, results [][]peerRun, floors []time.Duration, floorBytes int64, apps, secrets int) string {
	sec := func(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
	var b strings.Builder
	tableHeader(&b, "", peers, func(name string) string { return name }, "one `LIST applications` as JSON")
	floor := median(floors)
	row := func(name string, cell func(rs []peerRun) string, last string) {
		b.WriteString("| " + name + " |")
		for _, rs := range results {
			b.WriteString(" " + cell(rs) + " |")
		}
		b.WriteString(" " + last + " |\n")
	}
	pick := func(rs []peerRun, f func(peerRun) time.Duration) time.Duration {
		var ds []time.Duration
		for _, r := range rs {
			ds = append(ds, f(r))
		}
		return median(ds)
	}
	pickB := func(rs []peerRun, f func(peerRun) int64) int64 {
		var xs []int64
		for _, r := range rs {
			xs = append(xs, f(r))
		}
		return median(xs)
	}
	row("first frame", func(rs []peerRun) string { return sec(pick(rs, func(r peerRun) time.Duration { return r.firstFrame })) }, "")
	row("full list on screen", func(rs []peerRun) string {
		d := pick(rs, func(r peerRun) time.Duration { return r.fullList })
		return fmt.Sprintf("%s (%.2f×)", sec(d), d.Seconds()/floor.Seconds())
	}, fmt.Sprintf("%s (%.1f MB)", sec(floor), float64(floorBytes)/1e6))
	row("CPU until the full list", func(rs []peerRun) string {
		d := pick(rs, func(r peerRun) time.Duration { return r.cpuFull })
		return fmt.Sprintf("%s (%.2f× the floor's time)", sec(d), d.Seconds()/floor.Seconds())
	}, "")
	row("RSS at full list / after 60 s idle", func(rs []peerRun) string {
		return fmt.Sprintf("%d / %d MiB", pickB(rs, func(r peerRun) int64 { return r.rssFull })>>20, pickB(rs, func(r peerRun) int64 { return r.rssIdle })>>20)
	}, "")
	row("CPU per minute idle", func(rs []peerRun) string {
		d := pick(rs, func(r peerRun) time.Duration { return r.cpuIdle })
		return sec(time.Duration(float64(d) * float64(time.Minute) / float64(idleWindow)))
	}, "")
	row("20 × `j` / filter to rows", func(rs []peerRun) string {
		return fmt.Sprintf("%d ms / %d ms", pick(rs, func(r peerRun) time.Duration { return r.cursor }).Milliseconds(),
			pick(rs, func(r peerRun) time.Duration { return r.filter }).Milliseconds())
	}, "")
	runs := len(results[0])
	fmt.Fprintf(&b, "\n%d Applications and %d ExternalSecrets on one API server; medians of %d interleaved runs, each peer's run right after a LIST floor (the floor's median is of all %d); load average at the end %s.\n",
		apps, secrets, runs, len(floors), loadAvg())
	// Every run in order, each beside the floor measured just before it.
	b.WriteString("\n")
	tableHeader(&b, "run", peers, func(name string) string { return "floor, " + name + ": full list, CPU" }, "")
	for i := range runs {
		fmt.Fprintf(&b, "| %d |", i+1)
		for j := range peers {
			f, r := floors[i*len(peers)+j], results[j][i]
			fmt.Fprintf(&b, " %s, %s (%.2f×), %s |", sec(f), sec(r.fullList), r.fullList.Seconds()/f.Seconds(), sec(r.cpuFull))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// tableHeader writes a Markdown table's header: first, a column per peer named by column, and
// last when it is not empty.
func tableHeader(b *strings.Builder, first string, peers []peer, column func(name string) string, last string) {
	cols := []string{first}
	for _, p := range peers {
		cols = append(cols, column(p.name))
	}
	if last != "" {
		cols = append(cols, last)
	}
	b.WriteString("| " + strings.Join(cols, " | ") + " |\n|" + strings.Repeat("---|", len(cols)) + "\n")
}
