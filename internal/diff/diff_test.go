package diff

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestUnifiedAndHunks(t *testing.T) {
	r := Resource{Group: "apps", Kind: "Deployment", Namespace: "guestbook", Name: "ui",
		LiveYAML: "spec:\n  replicas: 1\n  image: v1\n", TargetYAML: "spec:\n  replicas: 3\n  image: v1\n", Modified: true}
	u := r.Unified()
	for _, want := range []string{"--- live/apps_Deployment_guestbook_ui.yaml", "+++ target/apps_Deployment_guestbook_ui.yaml", "-  replicas: 1", "+  replicas: 3"} {
		if !strings.Contains(u, want) {
			t.Errorf("unified diff lacks %q:\n%s", want, u)
		}
	}
	if h := HunkStarts(u); len(h) != 1 || !strings.HasPrefix(strings.Split(u, "\n")[h[0]], "@@") {
		t.Errorf("hunks %v in:\n%s", h, u)
	}
	if (Resource{LiveYAML: "a", TargetYAML: "a"}).Unified() != "" {
		t.Error("equal states must give no diff")
	}
	if r.Title() != "apps/Deployment guestbook/ui" {
		t.Errorf("Title %q", r.Title())
	}
}

func TestTreesAndExternalCommand(t *testing.T) {
	res := Result{Resources: []Resource{
		{Kind: "ConfigMap", Namespace: "ns", Name: "old", LiveYAML: "a: 1\n", Modified: true}, // to be pruned
		{Kind: "Service", Namespace: "ns", Name: "same", LiveYAML: "a: 1\n", TargetYAML: "a: 1\n"},
	}}
	root, live, target, err := WriteTrees(res)
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(root)
	if _, err := os.Stat(filepath.Join(live, "_ConfigMap_ns_old.yaml")); err != nil {
		t.Errorf("live file missing: %v", err)
	}
	if entries, _ := os.ReadDir(target); len(entries) != 0 {
		t.Errorf("a pruned resource has no target file and unchanged ones are left out: %v", entries)
	}
	t.Setenv("MCGTUI_DIFF", "")
	t.Setenv("KUBECTL_EXTERNAL_DIFF", "")
	t.Setenv("PAGER", "cat") // the default pages diff -u -N; cat keeps the test non-interactive
	cmd := ExternalCommand(live, target)
	out, err := cmd.Output()
	if !strings.Contains(string(out), "-a: 1") || !strings.Contains(string(out), "diff -u -N") {
		t.Errorf("default command did not show diff -u -N output: %q", out)
	}
	if !IsDifferencesExit(err) {
		t.Errorf("diff of differing trees: %v, want exit status 1", err)
	}
	t.Setenv("KUBECTL_EXTERNAL_DIFF", "colordiff -u")
	if got := ExternalCommand("a", "b").Args; strings.Join(got, " ") != "colordiff -u a b" {
		t.Errorf("KUBECTL_EXTERNAL_DIFF not honoured: %v", got)
	}
	t.Setenv("MCGTUI_DIFF", "meld")
	if got := ExternalCommand("a", "b").Args; got[0] != "meld" {
		t.Errorf("MCGTUI_DIFF must win: %v", got)
	}
}

// TestWindowsExternalDiffNeedsNoShell: on Windows the default external diff uses neither sh,
// less nor diff: mcgtui writes the unified diff itself and pages it with more (or $PAGER).
func TestWindowsExternalDiffNeedsNoShell(t *testing.T) {
	res := Result{Resources: []Resource{
		{Kind: "ConfigMap", Namespace: "ns", Name: "cm", LiveYAML: "a: 1\n", TargetYAML: "a: 2\n", Modified: true},
		{Kind: "Secret", Namespace: "ns", Name: "gone", LiveYAML: "b: 1\n", Modified: true},
	}}
	root, live, target, err := WriteTrees(res)
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(root)
	t.Setenv("MCGTUI_DIFF", "")
	t.Setenv("KUBECTL_EXTERNAL_DIFF", "")
	t.Setenv("PAGER", "")
	cmd := externalCommand("windows", live, target)
	if cmd.Args[0] != "more" || len(cmd.Args) != 2 {
		t.Fatalf("command %v, want more FILE", cmd.Args)
	}
	for _, a := range cmd.Args {
		if a == "sh" || a == "less" || a == "diff" {
			t.Fatalf("command %v needs %s", cmd.Args, a)
		}
	}
	data, err := os.ReadFile(cmd.Args[1])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"--- live/_ConfigMap_ns_cm.yaml", "-a: 1", "+a: 2", "--- live/_Secret_ns_gone.yaml", "-b: 1", "@@ -1 +0,0 @@"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("diff.txt lacks %q:\n%s", want, data)
		}
	}
	t.Setenv("PAGER", "bat --paging=always")
	if got := externalCommand("windows", live, target).Args; strings.Join(got[:2], " ") != "bat --paging=always" {
		t.Errorf("$PAGER not honoured: %v", got)
	}
}
