package diff

import (
	"os"
	"os/exec"
	"path/filepath"
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
// "colordiff -u"), else `diff -u -N`. Exit status 1 means "differences", not failure.
//
// The default runs inside the TUI's terminal, where plain diff output would vanish as soon as
// the dashboard redraws: its output goes through $PAGER (less by default), and the command
// still exits with diff's own status.
func ExternalCommand(live, target string) *exec.Cmd {
	line := os.Getenv("MCGTUI_DIFF")
	if line == "" {
		line = os.Getenv("KUBECTL_EXTERNAL_DIFF")
	}
	if args := strings.Fields(line); len(args) > 0 {
		return exec.Command(args[0], append(args[1:], live, target)...)
	}
	const script = `out=$(mktemp) || exit 2
diff -u -N "$1" "$2" >"$out"; rc=$?
${PAGER:-less} "$out"
rm -f "$out"
exit $rc`
	return exec.Command("sh", "-c", script, "mcgtui-diff", live, target)
}

// IsDifferencesExit reports whether a diff program's error is just its "differences found"
// exit status 1.
func IsDifferencesExit(err error) bool {
	ee, ok := err.(*exec.ExitError)
	return ok && ee.ExitCode() == 1
}
