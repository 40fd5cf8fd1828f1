package views

import (
	"go/build"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The package layout of docs/adr/0005-views-packages.md, kept by a test: arrows run root →
// pages → components/rows → model, a page never imports a page, components know nothing of
// mcgtui's objects, rows is pure, and nothing here reaches client-go.

const module = "github.com/mcgtui/mcgtui/"

// deps returns the import paths pkg (a path in this module) reaches: every import of every
// package of this module on the way, non-test files only. Packages outside the module are
// listed, not followed (none of ours depends on client-go through a third party).
func deps(t *testing.T, pkg string) []string {
	t.Helper()
	seen := map[string]bool{}
	var walk func(string)
	walk = func(path string) {
		p, err := build.ImportDir(filepath.Join("..", "..", strings.TrimPrefix(path, module)), 0)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, imp := range p.Imports {
			if seen[imp] {
				continue
			}
			seen[imp] = true
			if strings.HasPrefix(imp, module) {
				walk(imp)
			}
		}
	}
	walk(module + pkg)
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// directImports returns pkg's own imports (non-test files).
func directImports(t *testing.T, pkg string) []string {
	t.Helper()
	p, err := build.ImportDir(filepath.Join("..", "..", pkg), 0)
	if err != nil {
		t.Fatalf("%s: %v", pkg, err)
	}
	return p.Imports
}

// viewsPackages lists every package under internal/views, relative to the module.
func viewsPackages(t *testing.T) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(".", func(dir string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if _, err := build.ImportDir(dir, 0); err == nil {
			out = append(out, path.Join("internal/views", filepath.ToSlash(dir)))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestImportRules(t *testing.T) {
	forbid := func(pkg string, all []string, bad func(string) bool, why string) {
		t.Helper()
		for _, imp := range all {
			if bad(imp) {
				t.Errorf("%s imports %s: %s", pkg, imp, why)
			}
		}
	}
	prefix := func(ps ...string) func(string) bool {
		return func(imp string) bool {
			for _, p := range ps {
				if imp == p || strings.HasPrefix(imp, p+"/") {
					return true
				}
			}
			return false
		}
	}
	pkgs := viewsPackages(t)
	if len(pkgs) < 8 {
		t.Fatalf("found only %v", pkgs)
	}
	for _, pkg := range pkgs {
		forbid(pkg, deps(t, pkg), prefix("k8s.io/client-go"), "the views never import client-go")
		if page, ok := strings.CutPrefix(pkg, "internal/views/pages/"); ok {
			forbid(pkg, directImports(t, pkg), func(imp string) bool {
				other, isPage := strings.CutPrefix(imp, module+"internal/views/pages/")
				return isPage && other != page
			}, "a page never imports a page")
		}
		if pkg != "internal/views" {
			forbid(pkg, directImports(t, pkg), func(imp string) bool { return imp == module+"internal/views" },
				"nothing imports the root")
		}
	}
	forbid("components", deps(t, "internal/views/components"),
		prefix(module+"internal/model", module+"internal/health", module+"internal/actions", module+"internal/views/rows",
			module+"internal/views/pages", module+"internal/views/confirm"),
		"components know nothing of mcgtui's objects")
	forbid("rows", deps(t, "internal/views/rows"),
		prefix("charm.land/bubbletea/v2", "charm.land/bubbles/v2", "charm.land/lipgloss/v2", module+"internal/views"),
		"rows is pure: snapshots in, rows out")
	forbid("pages", directImports(t, "internal/views/pages"), prefix(module+"internal/views/pages"),
		"the contract imports no page")
	forbid("confirm", deps(t, "internal/views/confirm"),
		prefix(module+"internal/views/pages", module+"internal/views/rows"), "the dialog knows requests, not pages or rows")
}
