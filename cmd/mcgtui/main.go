// Command mcgtui is a terminal dashboard for a Multicloud GitOps fleet: an ACM / Open Cluster
// Management hub, its managed clusters, Argo CD, External Secrets and Portworx. This package
// is wiring only: flags, config, and starting the program; the work lives under internal/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/mcgtui/mcgtui/internal/config"
	"github.com/mcgtui/mcgtui/internal/version"
)

const usageText = `mcgtui: the fleet of an ACM hub (Argo CD, External Secrets, Portworx) in one terminal screen.

Usage:
  mcgtui [flags]              open the dashboard on the hub (--context, default: current context)
  mcgtui demo [flags]         open the dashboard on an embedded, simulated fleet (no cluster needed)
  mcgtui status [flags]       print every verdict without a UI; exit 0 all fine, 1 problems, 2 errors
  mcgtui version              print the version

Run 'mcgtui COMMAND -h' for a command's flags.
`

func main() {
	traceMain()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := "ui"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "version":
		fmt.Fprintf(stdout, "mcgtui %s %s\n", version.Version, version.Commit)
		return 0
	case "help":
		fmt.Fprint(stdout, usageText)
		return 0
	case "ui", "demo", "status":
	default:
		fmt.Fprintf(stderr, "mcgtui: unknown command %q\n\n%s", cmd, usageText)
		return 2
	}

	fs := flag.NewFlagSet("mcgtui "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usageText+"\nFlags:\n")
		fs.PrintDefaults()
	}
	var o options
	o.register(fs, config.DefaultPath())
	o.access.register(fs)
	if cmd == "status" {
		o.registerStatus(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "mcgtui %s: unexpected argument %q\n", cmd, fs.Arg(0))
		return 2
	}
	cfg, err := config.Load(o.configPath)
	if err != nil {
		fmt.Fprintf(stderr, "mcgtui: %v\n", err)
		return 2
	}
	o.readOnly = o.readOnly || cfg.ReadOnly
	if o.argocdNamespace == "" {
		o.argocdNamespace = cfg.ArgoCDNamespace
	}
	closeLog, err := setupLogging(o.logFile)
	if err != nil {
		fmt.Fprintf(stderr, "mcgtui: %v\n", err)
		return 2
	}
	defer closeLog()

	if cmd == "status" {
		err = runStatus(ctx, o, cfg, stdout, stderr)
	} else {
		err = runUI(ctx, o, cfg, cmd == "demo")
	}
	return exitCode(err, stderr)
}

// exitCoder is an error that decides the exit code itself (status: 1 for problems found).
type exitCoder interface{ ExitCode() int }

func exitCode(err error, stderr io.Writer) int {
	var ec exitCoder
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ec):
		return ec.ExitCode()
	}
	fmt.Fprintf(stderr, "mcgtui: %v\n", err)
	return 2
}
