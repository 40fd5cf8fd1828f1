package peers

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/testutil/tmux"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"
)

// termWait bounds what the dashboard takes to show something (a watch event through the
// sources' coalescing, an Argo CD operation), with headroom for a shared machine. Every wait
// polls the screen.
const termWait = 60 * time.Second

// term is the real mcgtui binary running its dashboard in tmux (160×48), with its own
// XDG_STATE_HOME so that its audit file is the test's.
type term struct {
	*tmux.Session
	t         *testing.T
	auditPath string
	logFile   string
}

// dashboard starts `mcgtui --kubeconfig K --config NONE [args]` in tmux.
func (e *Env) dashboard(t *testing.T, kubeconfig string, args ...string) *term {
	t.Helper()
	return e.dashboardEnv(t, kubeconfig, nil, args...)
}

// dashboardEnv is dashboard with extra environment (VAR=value). The argocd CLI's login file
// and every ARGOCD_ variable of the test's own environment are kept out.
func (e *Env) dashboardEnv(t *testing.T, kubeconfig string, env []string, args ...string) *term {
	t.Helper()
	tmux.Require(t)
	dir := t.TempDir()
	state := filepath.Join(dir, "state")
	d := &term{t: t, auditPath: filepath.Join(state, "mcgtui", "audit.log"), logFile: filepath.Join(dir, "mcgtui.log")}
	parts := []string{"env", "-u", "ARGOCD_SERVER", "-u", "ARGOCD_AUTH_TOKEN",
		"XDG_STATE_HOME=" + shq(state), "ARGOCD_CONFIG_DIR=" + shq(filepath.Join(dir, "argocd"))}
	for _, v := range env {
		parts = append(parts, shq(v))
	}
	parts = append(parts, shq(e.Bin), "--kubeconfig", shq(kubeconfig), "--config", shq(os.DevNull), "--log-file", shq(d.logFile))
	for _, a := range args {
		parts = append(parts, shq(a))
	}
	cmd := strings.Join(parts, " ") + "; echo exited $?; sleep 600"
	d.Session = tmux.Start(t, 160, 48, cmd)
	t.Cleanup(func() {
		if t.Failed() {
			if data, err := os.ReadFile(d.logFile); err == nil && len(data) > 0 {
				t.Logf("mcgtui --log-file:\n%s", tailString(string(data), 8<<10))
			}
		}
	})
	return d
}

// appRow opens the fleet-wide :apps list filtered to one app and waits until its row holds
// every word.
func (d *term) appRow(name string, words ...string) string {
	d.t.Helper()
	d.WaitFor(termWait, "Fleet (")
	d.Keys(":")
	d.Type("apps")
	d.Keys("Enter")
	d.WaitFor(termWait, "Apps · all clusters")
	d.Keys("/")
	d.Type(name)
	d.Keys("Enter")
	return d.row(name, words...)
}

// row waits until one screen line holds name and every word, and returns that line.
func (d *term) row(name string, words ...string) string {
	d.t.Helper()
	var line string
	d.WaitUntil(termWait, fmt.Sprintf("a row %s with %v", name, words), func(scr string) bool {
		line = rowOf(scr, append([]string{name}, words...)...)
		return line != ""
	})
	return line
}

// fact waits until the screen shows a "LABEL   VALUE" line of the drift view's facts.
func (d *term) fact(label, value string) {
	d.t.Helper()
	re := regexp.MustCompile(`(^|\s)` + regexp.QuoteMeta(label) + `\s+` + regexp.QuoteMeta(value) + `(\s|$)`)
	d.WaitUntil(termWait, label+" "+value, func(scr string) bool {
		for _, line := range strings.Split(scr, "\n") {
			if re.MatchString(line) {
				return true
			}
		}
		return false
	})
}

// shq quotes a string for sh.
func shq(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// rowOf returns the screen line that holds every word, or "".
func rowOf(screen string, words ...string) string {
	for _, line := range strings.Split(screen, "\n") {
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(line, w)
		}
		if ok {
			return line
		}
	}
	return ""
}

func tailString(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// End to end in a real terminal: the real binary lists the OutOfSync app; `d` opens it (the
// drift view: nothing synced yet); `s` opens the confirmation dialog (default No); Yes sends
// the sync; the real Argo CD syncs, and the open app turns Synced on screen, with the
// operation Succeeded and a history entry initiated by mcgtui's kube user; back in the list
// the row says Synced. The audit file under $XDG_STATE_HOME has one line, ok, by that user;
// the API server saw one patch by that user.
func TestSyncFromTheDashboard(t *testing.T) {
	e := requireEnv(t)
	app := e.Argo.NewApp(t, "tui-sync", map[string]string{
		"settings.yaml": configMapYAML("settings", map[string]string{"color": "green"}),
	})
	app.WaitState(t, opWait, "OutOfSync", func(s appState) bool { return s.Sync == "OutOfSync" })

	d := e.dashboard(t, e.OperatorKubeconfig)
	d.appRow(app.Name, "OutOfSync")
	d.Keys("d")
	d.WaitFor(termWait, clusterName+" › Application argocd/"+app.Name+" › drift", "Last sync operation", "History")
	d.fact("Sync", "OutOfSync")
	d.Keys("s")
	d.WaitFor(termWait, "Sync Application argocd/"+app.Name+" on "+clusterName)
	d.Keys("y", "Enter")
	d.WaitFor(termWait, "sync sent to 1 app")
	d.fact("Sync", "Synced")
	d.fact("Phase", "Succeeded")
	d.row(shortSHA(app.Repo.Head()), operatorUser) // the history entry
	d.Keys("Escape")
	d.row(app.Name, "Synced")

	u := app.WaitState(t, opWait, "Synced", func(s appState) bool { return s.Sync == "Synced" && s.OpPhase == "Succeeded" })
	if by, _, _ := unstructured.NestedString(u.Object, "status", "operationState", "operation", "initiatedBy", "username"); by != operatorUser {
		t.Errorf("operation initiated by %q, want %q", by, operatorUser)
	}
	if cm := app.ConfigMap(t, "settings"); cm == nil || cm.Data["color"] != "green" {
		t.Errorf("ConfigMap settings after the sync: %v", cm)
	}
	entries := readAudit(t, d.auditPath)
	if len(entries) != 1 {
		t.Fatalf("audit file has %d lines, want 1: %+v", len(entries), entries)
	}
	if en := entries[0]; en.Action != "sync" || en.Result != "ok" || en.User != operatorUser || en.Cluster != clusterName ||
		en.Kind != "Application" || en.Namespace != argoNS || en.Name != app.Name {
		t.Errorf("audit line = %+v", en)
	}
	if w := writes(t, e.Plane, operatorUser, "applications", app.Name); len(w) != 1 || w[0].Verb != "patch" {
		t.Errorf("API server saw %s, want one patch by %s", verbs(w), operatorUser)
	}
}

// shortSHA is a commit as the dashboard shows it.
func shortSHA(sha string) string { return sha[:7] }

// --readonly sends nothing, even for a user who may patch: s, r and R only say that actions
// are disabled, no audit file is written, and the API server saw no write to the app.
func TestReadOnlyDashboardSendsNothing(t *testing.T) {
	e := requireEnv(t)
	app := e.Argo.NewApp(t, "tui-readonly", map[string]string{
		"settings.yaml": configMapYAML("settings", map[string]string{"color": "grey"}),
	})
	app.WaitState(t, opWait, "OutOfSync", func(s appState) bool { return s.Sync == "OutOfSync" })

	d := e.dashboard(t, e.OperatorKubeconfig, "--readonly")
	d.appRow(app.Name, "OutOfSync")
	d.Keys("s")
	d.WaitFor(termWait, "read-only: actions are disabled")
	// Keys are handled in order: once the help (?) is up, r and R have been handled too.
	d.Keys("r", "R", "?")
	scr := d.WaitFor(termWait, "General")
	if strings.Contains(scr, "sync…") || strings.Contains(scr, "refresh…") {
		t.Errorf("read-only help still offers actions:\n%s", scr)
	}
	if strings.Contains(scr, "Sync Application") || strings.Contains(scr, "Refresh Application") || strings.Contains(scr, "checking permission") {
		t.Fatalf("an action went further than a refusal in read-only mode:\n%s", scr)
	}
	if s := stateOf(app.Get(t)); s.Pending || s.OpPhase != "" || s.Refreshing {
		t.Errorf("the app changed: %s", s)
	}
	if w := writes(t, e.Plane, operatorUser, "applications", app.Name); len(w) != 0 {
		t.Errorf("API server saw writes to the app in read-only mode: %s", verbs(w))
	}
	if entries := readAudit(t, d.auditPath); len(entries) != 0 {
		t.Errorf("audit file has lines in read-only mode: %+v", entries)
	}
}

// The audit file has one line per attempted action and target: a refresh of two marked apps
// is two lines, a hard refresh one more, a cancelled dialog none; the API server saw exactly
// those three patches.
func TestAuditFileHasOneLinePerAttempt(t *testing.T) {
	e := requireEnv(t)
	one := e.Argo.NewApp(t, "tui-audit-one", map[string]string{"a.yaml": configMapYAML("a", map[string]string{"k": "1"})})
	two := e.Argo.NewApp(t, "tui-audit-two", map[string]string{"b.yaml": configMapYAML("b", map[string]string{"k": "2"})})
	for _, app := range []*App{one, two} {
		app.WaitState(t, opWait, "OutOfSync", func(s appState) bool { return s.Sync == "OutOfSync" })
	}

	d := e.dashboard(t, e.OperatorKubeconfig)
	d.appRow("tui-audit-", "OutOfSync")
	d.row(one.Name, "OutOfSync")
	d.row(two.Name, "OutOfSync")
	// Mark both (space marks the cursor row and moves down), refresh them.
	d.Keys("g", "Space", "Space")
	d.Keys("r")
	d.WaitFor(termWait, "Refresh 2 applications on "+clusterName)
	d.Keys("y", "Enter")
	d.WaitFor(termWait, "refresh sent to 2 apps")
	// The cursor row alone (marks are cleared once sent): hard refresh, then a cancelled sync.
	d.Keys("g", "R")
	d.WaitFor(termWait, "Hard refresh Application argocd/")
	d.Keys("y", "Enter")
	d.WaitFor(termWait, "hard refresh sent to 1 app")
	d.Keys("s")
	d.WaitFor(termWait, "Sync Application argocd/")
	d.Keys("Escape")
	d.WaitFor(termWait, "sync cancelled: nothing was sent")

	entries := readAudit(t, d.auditPath)
	var got []string
	for _, en := range entries {
		if en.Result != "ok" || en.User != operatorUser {
			t.Errorf("audit line %+v, want ok by %s", en, operatorUser)
		}
		got = append(got, en.Action+" "+en.Name)
	}
	// The bulk refresh's two lines in either order, then the hard refresh of the first row.
	if len(got) != 3 {
		t.Fatalf("audit lines %q, want 3", got)
	}
	pair := []string{got[0], got[1]}
	slices.Sort(pair)
	if pair[0] != "refresh "+one.Name || pair[1] != "refresh "+two.Name {
		t.Errorf("audit lines %q: the first two are not the refresh of both apps", got)
	}
	hard := strings.TrimPrefix(got[2], "hard refresh ")
	if hard != one.Name && hard != two.Name {
		t.Errorf("audit lines %q: the third is not a hard refresh of one of the apps", got)
	}
	for _, app := range []*App{one, two} {
		want := 1
		if app.Name == hard {
			want = 2
		}
		if w := writes(t, e.Plane, operatorUser, "applications", app.Name); len(w) != want {
			t.Errorf("API server saw %s on %s, want %d patches", verbs(w), app.Name, want)
		}
	}
}

// The dashboard's diff view (D) in the real binary, wired to the real Argo CD API server by
// --argocd-server, --argocd-plaintext and $ARGOCD_AUTH_TOKEN: after a hand edit of a managed
// ConfigMap it shows that resource with the live and the desired value, from that server.
func TestDiffViewInTheDashboard(t *testing.T) {
	e := requireEnv(t)
	app := e.Argo.NewApp(t, "tui-diff", map[string]string{
		"settings.yaml": configMapYAML("settings", map[string]string{"color": "green"}),
	})
	app.WaitState(t, opWait, "OutOfSync", func(s appState) bool { return s.Sync == "OutOfSync" })
	app.SyncDirectly(t)
	if _, err := e.Plane.Kube.CoreV1().ConfigMaps(app.Namespace).Patch(context.Background(), "settings",
		types.MergePatchType, []byte(`{"data":{"color":"purple"}}`), metav1.PatchOptions{}); err != nil {
		t.Fatal(err)
	}
	token, err := e.Argo.Token()
	if err != nil {
		t.Fatal(err)
	}

	d := e.dashboardEnv(t, e.OperatorKubeconfig, []string{"ARGOCD_AUTH_TOKEN=" + token},
		"--argocd-server", e.Argo.Addr, "--argocd-plaintext")
	d.appRow(app.Name, "OutOfSync")
	d.Keys("D")
	scr := d.WaitFor(termWait, "› diff", "source: Argo CD API "+e.Argo.URL, "1/1 ConfigMap", "settings",
		"color: purple", "color: green")
	if strings.Contains(scr, token) {
		t.Errorf("the token is on screen:\n%s", scr)
	}
}
