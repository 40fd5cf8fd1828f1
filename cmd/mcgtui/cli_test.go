package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadInput runs every flag with a bad value (and the other command-line mistakes): each
// is exit 2 with one line naming the flag, then where help is, and never a panic.
func TestBadInput(t *testing.T) {
	kc := writeKubeconfig(t, "https://127.0.0.1:1")
	tests := []struct {
		args []string
		want string // in the first line of stderr
	}{
		{[]string{"--contxt", "hub"}, "unknown flag: --contxt"},
		{[]string{"status", "--timeout", "-5s"}, `"--timeout" flag: must be more than 0`},
		{[]string{"status", "--timeout", "5"}, `"--timeout" flag: want a duration`},
		{[]string{"status", "--timeout", "0s"}, `"--timeout" flag`},
		{[]string{"status", "-o", "yaml"}, `"-o, --output" flag: want table, wide, json`},
		{[]string{"status", "--problems=maybe"}, `"--problems" flag`},
		{[]string{"status", "--readonly=sure"}, `"--readonly" flag`},
		{[]string{"status", "--insecure-skip-tls-verify=perhaps"}, `"--insecure-skip-tls-verify" flag`},
		{[]string{"status", "--argocd-insecure=x"}, `"--argocd-insecure" flag`},
		{[]string{"status", "--argocd-plaintext=x"}, `"--argocd-plaintext" flag`},
		{[]string{"status", "--argocd-insecure", "--argocd-plaintext", "--kubeconfig", kc}, "--argocd-insecure and --argocd-plaintext"},
		{[]string{"status", "--request-timeout", "soon", "--kubeconfig", kc}, `--request-timeout "soon"`},
		{[]string{"status", "-n", "Not_A_Namespace", "--kubeconfig", kc}, `--namespace "Not_A_Namespace"`},
		{[]string{"status", "--argocd-namespace", "-bad-", "--kubeconfig", kc}, `--argocd-namespace "-bad-"`},
		{[]string{"status", "-n", "a", "--argocd-namespace", "b", "--kubeconfig", kc}, "disagree"},
		{[]string{"status", "--cluster-context", "east", "--kubeconfig", kc}, `--cluster-context "east": want NAME=CONTEXT`},
		{[]string{"status", "--certificate-authority", "/nonexistent/ca.crt", "--kubeconfig", kc}, "--certificate-authority /nonexistent/ca.crt"},
		{[]string{"status", "--client-certificate", "/nonexistent/c.crt", "--kubeconfig", kc}, "--client-certificate"},
		{[]string{"status", "--client-key", "/nonexistent/c.key", "--kubeconfig", kc}, "--client-key"},
		{[]string{"status", "--server", "not a url", "--kubeconfig", kc}, `--server "not a url": want https://HOST[:PORT]`},
		{[]string{"status", "-s", "ftp://x", "--kubeconfig", kc}, `--server "ftp://x"`},
		{[]string{"status", "--cluster", "nope", "--kubeconfig", kc}, `--cluster "nope": no such cluster in the kubeconfig`},
		{[]string{"status", "--user", "nope", "--kubeconfig", kc}, `--user "nope": no such user in the kubeconfig`},
		{[]string{"status", "--as-group", "admins", "--kubeconfig", kc}, "--as-group and --as-uid need --as USER"},
		{[]string{"status", "--as-uid", "42", "--kubeconfig", kc}, "--as-group and --as-uid need --as USER"},
		{[]string{"status", "--proxy-url", "::bad", "--kubeconfig", kc}, `--proxy-url "::bad"`},
		{[]string{"status", "--disable-compression=maybe"}, `"--disable-compression" flag`},
		{[]string{"status", "--argocd-server", "ftp://argocd", "--kubeconfig", kc}, `--argocd-server "ftp://argocd"`},
		{[]string{"status", "--argocd-server", "https://user:pw@argocd", "--kubeconfig", kc}, `--argocd-server`},
		{[]string{"status", "--insecure-skip-tls-verify", "--certificate-authority", "/dev/null", "--kubeconfig", kc}, "root certificates file with the insecure flag"},
		{[]string{"status", "--config", "/nonexistent/config.yaml"}, "--config /nonexistent/config.yaml: no such file"},
		{[]string{"status", "--cluster-proxy", "proxy.example.com", "--kubeconfig", kc}, `--cluster-proxy "proxy.example.com": want the endpoint's URL`},
		{[]string{"status", "--cluster-proxy", "https://u:pw@proxy.example.com", "--kubeconfig", kc}, `--cluster-proxy "https://u:xxxxx@proxy.example.com": want a URL without credentials`},
		{[]string{"status", "--cluster-proxy-ca", "/nonexistent/ca.pem", "--kubeconfig", kc}, "--cluster-proxy-ca /nonexistent/ca.pem: no such file"},
		{[]string{"status", "--cluster-proxy-insecure=often"}, `"--cluster-proxy-insecure" flag`},
		{[]string{"status", "--cluster-proxy-insecure", "--cluster-proxy-ca", "/dev/null", "--kubeconfig", kc}, "--cluster-proxy-insecure and --cluster-proxy-ca: choose one"},
		{[]string{"status", "--demo", "--cluster-proxy", "https://p.example.com"}, "takes no connection flags: --cluster-proxy"},
		{[]string{"status", "--triage=perhaps"}, `"--triage" flag`},
		{[]string{"status", "--demo", "--scenario", "meteor-strike"}, `meteor-strike`},
		{[]string{"demo", "--scenario", "meteor-strike"}, `meteor-strike`},
		{[]string{"status", "--scenario", "vault-outage", "--kubeconfig", kc}, `--scenario`},
		{[]string{"status", "--demo", "--log-file", "/nonexistent/dir/log"}, "--log-file"},
		{[]string{"status", "--demo", "--context", "hub"}, "--demo reports on the embedded fleet and takes no connection flags: --context"},
		{[]string{"status", "--demo", "--as", "bob", "-n", "x"}, "--as, --namespace"},
		{[]string{"status", "--kubeconfig", "/nonexistent/kubeconfig"}, "kubeconfig"},
		{[]string{"status", "--kubeconfig", kc, "--context", "nope"}, `context "nope" not found`},
		{[]string{"demo", "--context", "hub"}, "unknown flag: --context"},
		{[]string{"demo", "--readonly=yes"}, `"--readonly" flag`},
		{[]string{"demo", "extra"}, `unexpected argument "extra"`},
		{[]string{"stauts"}, `unknown command "stauts"; did you mean "status"?`},
		{[]string{"version", "extra"}, `unexpected argument "extra"`},
		{[]string{"completion", "tcsh"}, `unknown command "tcsh"`},
		{[]string{"--kubeconfig", kc}, "the dashboard needs a terminal on stdin and stdout; for scripts use 'mcgtui status'"},
		{[]string{"demo"}, "the dashboard needs a terminal"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runCmd(t, tt.args...)
			lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
			if code != 2 || !strings.Contains(lines[0], tt.want) || !strings.HasPrefix(lines[0], "mcgtui: ") {
				t.Fatalf("exit %d, stderr %q; want 2 and a first line with %q", code, stderr, tt.want)
			}
			if len(lines) > 2 || len(lines) == 2 && !strings.HasPrefix(lines[1], "Run 'mcgtui") {
				t.Errorf("more than the message and the help hint:\n%s", stderr)
			}
			if stdout != "" {
				t.Errorf("stdout %q", stdout)
			}
		})
	}
}

func TestMistypedFlagPointsToHelp(t *testing.T) {
	_, _, stderr := runCmd(t, "status", "--probelms")
	if stderr != "mcgtui: unknown flag: --probelms\nRun 'mcgtui status --help' for usage.\n" {
		t.Fatalf("stderr %q", stderr)
	}
}

func TestHelpGoesToStdout(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"status", "--help"}, {"demo", "-h"}, {"help", "status"}} {
		code, stdout, stderr := runCmd(t, args...)
		if code != 0 || stderr != "" || !strings.Contains(stdout, "Usage:") {
			t.Errorf("%v: exit %d, stderr %q, stdout %q", args, code, stderr, stdout)
		}
	}
	_, stdout, _ := runCmd(t, "--help")
	// kubectl's connection flags, every one of them.
	for _, f := range []string{"--as ", "--as-group", "--as-uid", "--token", "-s, --server", "--user", "--cluster ",
		"--certificate-authority", "--insecure-skip-tls-verify", "--tls-server-name", "--request-timeout",
		"-n, --namespace", "--context", "--kubeconfig"} {
		if !strings.Contains(stdout, f) {
			t.Errorf("--help does not list %s", f)
		}
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, stdout, _ := runCmd(t, args...)
		if code != 0 || !strings.HasPrefix(stdout, "mcgtui dev (commit ") || !strings.Contains(stdout, "go1.") || strings.Count(stdout, "\n") != 1 {
			t.Errorf("%v: exit %d, %q", args, code, stdout)
		}
	}
}

func TestCompletion(t *testing.T) {
	for shell, marker := range map[string]string{"bash": "bash completion", "zsh": "#compdef", "fish": "complete -c mcgtui", "powershell": "Register-ArgumentCompleter"} {
		code, stdout, stderr := runCmd(t, "completion", shell)
		if code != 0 || !strings.Contains(stdout, marker) {
			t.Errorf("completion %s: exit %d, stderr %q, %d bytes without %q", shell, code, stderr, len(stdout), marker)
		}
	}
}

// TestKubectlPlugin: run as kubectl-mcgtui (krew), the usage says `kubectl mcgtui`.
func TestKubectlPlugin(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	var out, errb bytes.Buffer
	if code := runAs(context.Background(), "kubectl-mcgtui", []string{"--help"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out.String(), "Usage:\n  kubectl mcgtui [flags]") || !strings.Contains(out.String(), "kubectl mcgtui status --problems") {
		t.Errorf("usage does not say kubectl mcgtui:\n%s", out.String())
	}
	out.Reset()
	runAs(context.Background(), "kubectl-mcgtui", []string{"status", "--bogus"}, &out, &errb)
	if !strings.Contains(errb.String(), "Run 'kubectl mcgtui status --help' for usage.") {
		t.Errorf("stderr %q", errb.String())
	}
}

// TestExplicitConfigMustExistButDefaultMayNot: the default config path may be missing; an
// explicit one may not, and os.DevNull is an empty config.
func TestExplicitConfigMustExistButDefaultMayNot(t *testing.T) {
	if code, _, stderr := runCmd(t, "status", "--demo", "-o", "json"); code != 1 {
		t.Fatalf("missing default config: exit %d, %s", code, stderr)
	}
	if code, _, stderr := runCmd(t, "status", "--demo", "--config", os.DevNull); code != 1 {
		t.Fatalf("--config %s: exit %d, %s", os.DevNull, code, stderr)
	}
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte("readOnly: true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCmd(t, "status", "--demo", "--config", p); code != 1 {
		t.Fatalf("--config %s: exit %d, %s", p, code, stderr)
	}
}

// TestContextCompletion: completing --context offers the kubeconfig's contexts.
func TestContextCompletion(t *testing.T) {
	kc := writeKubeconfig(t, "https://127.0.0.1:1")
	code, stdout, _ := runCmd(t, "__complete", "status", "--kubeconfig", kc, "--context", "")
	if code != 0 || !strings.HasPrefix(stdout, "hub\n") {
		t.Fatalf("exit %d, completions %q", code, stdout)
	}
}

// TestBadConfigFile: a config mistake is exit 2 with one line naming file, line, column and
// field, for the dashboard, the demo and status alike.
func TestBadConfigFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte("theme:\n  warning: orange\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"status", "--demo"}, {"demo"}, {}} {
		code, _, stderr := runCmd(t, append(args, "--config", p)...)
		want := "mcgtui: config " + p + `:2:12: theme.warning: colour "orange": want #rrggbb, #rgb or an ANSI colour number 0-255` + "\n"
		if code != 2 || stderr != want {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}
