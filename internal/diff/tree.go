package diff

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// WriteTrees writes the modified resources into two new folders, live/ and target/, one file
// per resource, as kubectl diff does for an external diff tool. The caller removes root.
func WriteTrees(r Result) (root, live, target string, err error) {
	root, err = os.MkdirTemp("", "mcgtui-diff-")
	if err != nil {
		return "", "", "", err
	}
	live, target = filepath.Join(root, "live"), filepath.Join(root, "target")
	for _, dir := range []string{live, target} {
		if err := os.Mkdir(dir, 0o700); err != nil {
			return root, "", "", err
		}
	}
	for _, res := range r.Modified() {
		// A missing side stays missing: `diff -N` shows it as created or deleted.
		if res.LiveYAML != "" {
			if err := os.WriteFile(filepath.Join(live, res.fileName()), []byte(res.LiveYAML), 0o600); err != nil {
				return root, "", "", err
			}
		}
		if res.TargetYAML != "" {
			if err := os.WriteFile(filepath.Join(target, res.fileName()), []byte(res.TargetYAML), 0o600); err != nil {
				return root, "", "", err
			}
		}
	}
	return root, live, target, nil
}

// ExternalCommand is the diff program for the two folders, chosen like kubectl diff does:
// $MCGTUI_DIFF, else $KUBECTL_EXTERNAL_DIFF (either may carry arguments: "meld",
// "colordiff -u"), else a default. Exit status 1 means "differences", not failure.
//
// The default runs inside the TUI's terminal, where plain diff output would vanish as soon as
// the dashboard redraws, so it goes through a pager. On Unix: `diff -u -N` through $PAGER (less
// by default), keeping diff's own exit status. On Windows, which has neither sh nor less (nor,
// usually, diff): mcgtui writes the unified diff itself (Unified, as the diff page shows it) to
// diff.txt next to the two folders and opens it with $PAGER, else `more`.
func ExternalCommand(live, target string) *exec.Cmd {
	return externalCommand(runtime.GOOS, live, target)
}

func externalCommand(goos, live, target string) *exec.Cmd {
	line := os.Getenv("MCGTUI_DIFF")
	if line == "" {
		line = os.Getenv("KUBECTL_EXTERNAL_DIFF")
	}
	if args := strings.Fields(line); len(args) > 0 {
		return exec.Command(args[0], append(args[1:], live, target)...)
	}
	if goos == "windows" {
		return pagedUnified(live, target)
	}
	const script = `out=$(mktemp) || exit 2
diff -u -N "$1" "$2" >"$out"; rc=$?
${PAGER:-less} "$out"
rm -f "$out"
exit $rc`
	return exec.Command("sh", "-c", script, "mcgtui-diff", live, target)
}

// pagedUnified writes the unified diff of every file in the two folders (a file on one side
// only is created or deleted) to diff.txt beside them and returns the pager command for it. If
// the file cannot be written, the command reports that when run.
func pagedUnified(live, target string) *exec.Cmd {
	out := filepath.Join(filepath.Dir(live), "diff.txt")
	if err := os.WriteFile(out, []byte(treeDiff(live, target)), 0o600); err != nil {
		return exec.Command("mcgtui-cannot-write-"+filepath.Base(out), err.Error())
	}
	if args := strings.Fields(os.Getenv("PAGER")); len(args) > 0 {
		return exec.Command(args[0], append(args[1:], out)...)
	}
	return exec.Command("more", out)
}

// treeDiff is the unified diff of two folders of files, file by file in name order, like
// `diff -u -N -r`.
func treeDiff(live, target string) string {
	names := map[string]bool{}
	for _, dir := range []string{live, target} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			names[e.Name()] = true
		}
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	var b strings.Builder
	for _, n := range sorted {
		old, _ := os.ReadFile(filepath.Join(live, n))
		new, _ := os.ReadFile(filepath.Join(target, n))
		b.WriteString(Unified("live/"+n, "target/"+n, string(old), string(new)))
	}
	return b.String()
}

// IsDifferencesExit reports whether a diff program's error is just its "differences found"
// exit status 1.
func IsDifferencesExit(err error) bool {
	ee, ok := err.(*exec.ExitError)
	return ok && ee.ExitCode() == 1
}
