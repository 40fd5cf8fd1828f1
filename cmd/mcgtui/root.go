package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mcgtui/mcgtui/internal/version"
)

// newRootCmd builds the whole command tree. The root command is the dashboard; demo, status,
// version and completion are its subcommands. name is "mcgtui" or "kubectl mcgtui".
func newRootCmd(name string, stdout, stderr io.Writer) *cobra.Command {
	o := newDashboardOptions(stdout)
	root := &cobra.Command{
		Use:   "mcgtui",
		Short: "The fleet of an ACM hub (Argo CD, External Secrets, Portworx) in one terminal screen",
		Long: `The fleet of an ACM hub (Argo CD, External Secrets, Portworx) in one terminal screen.

Opens the dashboard on the hub of the kubeconfig's current context (or --context): which managed
clusters are available, which apps are out of sync or degraded, which volumes, secrets and
policies are broken, and why. 'demo' runs it on an embedded fleet; 'status' prints the same
verdicts for scripts.`,
		Example: strings.ReplaceAll(`  # The dashboard on the hub of the current context, changing nothing
  mcgtui --readonly

  # Another hub, as another user, one namespace only
  mcgtui --context hub-prod --as sre@example.com -n payments

  # Every problem of the fleet for a script (exit 0 all fine, 1 problems, 2 error)
  mcgtui status --problems -o json`, "mcgtui", name),
		Version:           version.Get().String(),
		Args:              unknownCommand,
		SilenceErrors:     true,
		SilenceUsage:      true,
		CompletionOptions: cobra.CompletionOptions{HiddenDefaultCmd: false},
		Annotations:       map[string]string{cobra.CommandDisplayNameAnnotation: name},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := o.Complete(cmd); err != nil {
				return err
			}
			if err := o.Validate(); err != nil {
				return err
			}
			return o.Run(cmd.Context())
		},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err.Error()} })
	o.addFlags(root.Flags())
	o.registerCompletions(root)
	root.AddCommand(newDemoCmd(stdout), newStatusCmd(stdout, stderr), newVersionCmd(stdout))
	root.SuggestionsMinimumDistance = 2
	// cobra's `completion bash|zsh|fish|powershell`, made now rather than at Execute so that an
	// unknown shell is an error (cobra would print the help and exit 0).
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Args = unknownCommand
			c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
		}
	}
	return root
}

// unknownCommand rejects arguments to a command that takes none, in one line, with the
// closest command name when there is one ("did you mean status?").
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if !cmd.HasSubCommands() {
		return usagef("unexpected argument %q", args[0])
	}
	msg := fmt.Sprintf("unknown command %q", args[0])
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += fmt.Sprintf("; did you mean %q?", s[0])
	}
	return usageError{msg}
}

// versionOptions are `mcgtui version`'s.
type versionOptions struct {
	out io.Writer
}

func newVersionCmd(stdout io.Writer) *cobra.Command {
	o := &versionOptions{out: stdout}
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit, build date and Go version",
		Args:  unknownCommand,
		RunE:  func(*cobra.Command, []string) error { return o.Run() },
	}
}

// Run prints one line: version, commit, build date, Go version and platform.
func (o *versionOptions) Run() error {
	_, err := fmt.Fprintln(o.out, version.Get())
	return err
}
