package diff

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// requireTool skips a test whose GNU tool is missing, except under MCGTUI_REQUIRE_TOOLS=1
// (hack/test.sh; .ci/run installs diffutils and patch), where that is a failure.
func requireTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("MCGTUI_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s not installed (MCGTUI_REQUIRE_TOOLS=1)", name)
		}
		t.Skipf("%s not installed", name)
	}
}

// gnuDiff runs GNU diff -u on two texts and returns its output with the same file labels as
// Unified.
func gnuDiff(t *testing.T, old, new string) string {
	t.Helper()
	requireTool(t, "diff")
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if err := os.WriteFile(a, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, []byte(new), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("diff", "-u", "--label", "old", "--label", "new", a, b).Output()
	if err != nil && !IsDifferencesExit(err) {
		t.Fatalf("diff: %v", err)
	}
	return string(out)
}

// uniqueEdit returns a random text of distinct lines and an edit of it (lines deleted, fresh
// lines inserted, runs replaced) in which every line is still distinct: the longest common
// subsequence is then unique, so every correct minimal diff, GNU's included, is the same one.
func uniqueEdit(r *rand.Rand) (old, new string) {
	n := r.IntN(60)
	fresh := 0
	var a, b []string
	for i := range n {
		line := fmt.Sprintf("line %d\n", i)
		a = append(a, line)
		switch p := r.IntN(10); {
		case p == 0: // deleted
		case p == 1: // replaced
			fresh++
			b = append(b, fmt.Sprintf("new %d\n", fresh))
		case p == 2: // kept, with a line inserted after it
			fresh++
			b = append(b, line, fmt.Sprintf("new %d\n", fresh))
		default:
			b = append(b, line)
		}
	}
	old, new = strings.Join(a, ""), strings.Join(b, "")
	if r.IntN(8) == 0 && old != "" { // a last line without its newline
		old = strings.TrimSuffix(old, "\n")
	}
	if r.IntN(8) == 0 && new != "" {
		new = strings.TrimSuffix(new, "\n")
	}
	return old, new
}

// TestUnifiedMatchesGNUDiff compares Unified with GNU diff -u, headers and bodies byte for
// byte, on randomized edits whose minimal diff is unique (see uniqueEdit).
func TestUnifiedMatchesGNUDiff(t *testing.T) {
	r := rand.New(rand.NewPCG(1, uint64(len(t.Name()))))
	for i := range 200 {
		old, new := uniqueEdit(r)
		want := gnuDiff(t, old, new)
		if got := Unified("old", "new", old, new); got != want {
			t.Fatalf("case %d differs from diff -u\nold:\n%s\nnew:\n%s\ngot:\n%s\nwant:\n%s", i, old, new, got, want)
		}
	}
}

// TestUnifiedMergedHunkNumbers is the case go-udiff v0.4.1 got wrong: two changes close enough
// to share a hunk, then a third further down, whose new-file line number must count the lines
// the merged hunk inserted.
func TestUnifiedMergedHunkNumbers(t *testing.T) {
	var a, b []string
	for i := 1; i <= 40; i++ {
		line := fmt.Sprintf("l%d\n", i)
		a = append(a, line)
		switch i {
		case 5, 9: // two changes 3 lines apart: one hunk
			b = append(b, line, "inserted\n")
		case 20:
			// deleted
		case 30:
			b = append(b, "changed\n")
		default:
			b = append(b, line)
		}
	}
	old, new := strings.Join(a, ""), strings.Join(b, "")
	if got, want := Unified("old", "new", old, new), gnuDiff(t, old, new); got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
}

var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$`)

// TestUnifiedIsConsistentOnRepetitiveText: on text with many repeated lines (YAML's "- name:"
// and closing lines) several minimal diffs exist and GNU's choice may differ from ours, so
// instead of comparing bytes this checks what must hold for any correct diff, against GNU's
// numbers: every header's counts match its body, every hunk's new-file start equals its
// old-file start plus the lines added so far, and GNU patch turns old into new with it.
func TestUnifiedIsConsistentOnRepetitiveText(t *testing.T) {
	requireTool(t, "patch")
	r := rand.New(rand.NewPCG(2, uint64(len(t.Name()))))
	words := []string{"- name: a\n", "  value: 1\n", "}\n", "\n", "kind: X\n", "  value: 2\n"}
	text := func(n int) string {
		var sb strings.Builder
		for range n {
			sb.WriteString(words[r.IntN(len(words))])
		}
		return sb.String()
	}
	dir := t.TempDir()
	for i := range 100 {
		old, new := text(r.IntN(50)), text(r.IntN(50))
		u := Unified("old", "new", old, new)
		if old == new {
			continue
		}
		checkHunks(t, u)
		checkHunks(t, gnuDiff(t, old, new)) // the checker itself agrees with GNU
		f := filepath.Join(dir, "f")
		if err := os.WriteFile(f, []byte(old), 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("patch", "--quiet", "--force", f)
		cmd.Stdin = strings.NewReader(u)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("case %d: patch rejects the diff: %v\n%s\n%s", i, err, out, u)
		}
		if got, _ := os.ReadFile(f); string(got) != new {
			t.Fatalf("case %d: patched text differs\ndiff:\n%s", i, u)
		}
	}
}

// checkHunks verifies each hunk's header against its body and the running line offset.
func checkHunks(t *testing.T, u string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(u, "\n"), "\n")
	offset := 0 // new-file lines minus old-file lines in the hunks so far
	for i := 0; i < len(lines); i++ {
		m := hunkHeader.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		num := func(s string, dflt int) int {
			if s == "" {
				return dflt
			}
			n, _ := strconv.Atoi(s)
			return n
		}
		oldStart, oldCount, newStart, newCount := num(m[1], 0), num(m[2], 1), num(m[3], 0), num(m[4], 1)
		var dels, adds int
		for j := i + 1; j < len(lines) && !strings.HasPrefix(lines[j], "@@"); j++ {
			switch lines[j][0] {
			case '-':
				dels++
			case '+':
				adds++
			case ' ':
				dels++
				adds++
			}
		}
		if dels != oldCount || adds != newCount {
			t.Fatalf("header %q: body has %d old and %d new lines\n%s", lines[i], dels, adds, u)
		}
		// A zero-length range names the line before it; normalise to where the hunk starts.
		if oldCount == 0 {
			oldStart++
		}
		if newCount == 0 {
			newStart++
		}
		if newStart != oldStart+offset {
			t.Fatalf("header %q: new start %d, want %d (old start %d + %d lines added before)\n%s", lines[i], newStart, oldStart+offset, oldStart, offset, u)
		}
		offset += newCount - oldCount
	}
}
