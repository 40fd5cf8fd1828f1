// Command mcgtui is a terminal dashboard for a Multicloud GitOps fleet: an ACM / Open Cluster
// Management hub, its managed clusters, Argo CD, External Secrets and Portworx. This package
// is wiring only: the command line (one Options struct per command, with Complete, Validate and
// Run, as kubectl's commands), config, and starting the program; the work lives under internal/.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
)

func main() {
	traceMain()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runAs(ctx, filepath.Base(os.Args[0]), os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line as `mcgtui` and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runAs(ctx, "mcgtui", args, stdout, stderr)
}

// runAs executes one command line for a binary called program: "kubectl-mcgtui" (a krew
// plugin) is shown to the user as `kubectl mcgtui`. Exit codes: 0 fine, 1 problems found
// (status), 2 a usage, config or connection error, written to stderr in one line.
func runAs(ctx context.Context, program string, args []string, stdout, stderr io.Writer) int {
	root := newRootCmd(displayName(program), stdout, stderr)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return 0
	}
	var ec exitCoder
	if errors.As(err, &ec) {
		return ec.ExitCode()
	}
	fmt.Fprintf(stderr, "%s: %s\n", root.DisplayName(), oneLine(err.Error()))
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return 2
}

// displayName is how the command names itself: `kubectl mcgtui` when run as a kubectl plugin.
func displayName(program string) string {
	program = strings.TrimSuffix(program, ".exe")
	if strings.HasPrefix(program, "kubectl-") {
		return "kubectl " + strings.ReplaceAll(strings.TrimPrefix(program, "kubectl-"), "_", "-")
	}
	return "mcgtui"
}

// oneLine keeps an error to its first line: errors from libraries (cobra's suggestions, YAML
// excerpts) may carry more, and a script reading stderr wants one.
func oneLine(s string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return first
}

// exitCoder is an error that decides the exit code itself (status: 1 for problems found).
type exitCoder interface{ ExitCode() int }

// usageError is a command-line mistake: exit code 2, with a pointer to --help.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }
