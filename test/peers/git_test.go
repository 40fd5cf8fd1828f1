package peers

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// GitRepo is a bare git repository on the local file system (Argo CD reads it through a
// file:// URL) and a work tree to commit to it from.
type GitRepo struct {
	URL  string
	bare string
	work string
	t    *testing.T
}

// NewGitRepo makes a bare repository whose main branch has one commit with files.
func NewGitRepo(t *testing.T, files map[string]string) *GitRepo {
	t.Helper()
	dir := t.TempDir()
	r := &GitRepo{bare: filepath.Join(dir, "repo.git"), work: filepath.Join(dir, "work"), t: t}
	r.URL = "file://" + r.bare
	r.git(dir, "init", "--bare", "--initial-branch=main", r.bare)
	r.git(dir, "init", "--initial-branch=main", r.work)
	r.git(r.work, "remote", "add", "origin", r.bare)
	r.Commit("initial manifests", files, nil)
	return r
}

// Commit writes files, removes the paths in remove, commits and pushes; it returns the new
// commit's SHA.
func (r *GitRepo) Commit(message string, files map[string]string, remove []string) string {
	r.t.Helper()
	for _, name := range sortedKeys(files) {
		if err := os.WriteFile(filepath.Join(r.work, name), []byte(files[name]), 0o644); err != nil {
			r.t.Fatal(err)
		}
		r.git(r.work, "add", name)
	}
	for _, name := range remove {
		r.git(r.work, "rm", "-q", name)
	}
	r.git(r.work, "commit", "-q", "-m", message)
	r.git(r.work, "push", "-q", "origin", "main")
	return r.Head()
}

// Head is the SHA of the main branch.
func (r *GitRepo) Head() string {
	r.t.Helper()
	return strings.TrimSpace(r.git(r.work, "rev-parse", "HEAD"))
}

// git runs git with no user or system configuration and a fixed identity.
func (r *GitRepo) git(dir string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=mcgtui peers test", "GIT_AUTHOR_EMAIL=peers@mcgtui.invalid",
		"GIT_COMMITTER_NAME=mcgtui peers test", "GIT_COMMITTER_EMAIL=peers@mcgtui.invalid")
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
