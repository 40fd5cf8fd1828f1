package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/mcgtui/mcgtui/internal/config"
	"github.com/mcgtui/mcgtui/internal/sources/argocd"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// options are the settings the backend and the dashboard run with, resolved from the flags
// and the config file by a command's Complete. Every flag is bound in this file.
type options struct {
	kubeconfig      string
	context         string
	overrides       clientcmd.ConfigOverrides // kubectl's connection flags, for the hub
	namespace       string                    // -n: every namespaced list in this namespace only
	readOnly        bool
	logFile         string
	argocdNamespace string
	clusterContexts []string
	configPath      string
	argocdServer    string
	argocdInsecure  bool
	argocdPlaintext bool
	cfg             config.Config
	access          accessOptions // access.go: the paths through the hub (issue #10)
	scenario        string        // mcgtui demo and status --demo: see triage.go
}

// kubectlFlags are the connection flags mcgtui shares with kubectl, from client-go's clientcmd,
// with kubectl's help texts and its -s for --server. --context is bound separately (it names
// the hub), and so are -n (a list filter in mcgtui) and --request-timeout.
func kubectlFlags() clientcmd.ConfigOverrideFlags {
	f := clientcmd.RecommendedConfigOverrideFlags("")
	f.ClusterOverrideFlags.APIServer.ShortName = "s"
	f.CurrentContext.Description = "kubeconfig context of the hub (default: the current context)"
	f.ContextOverrideFlags.Namespace.Description = "list objects in this namespace only (cluster-scoped objects are always listed)"
	f.Timeout.Description = "time limit of a single request to the hub that is not a watch (discovery), e.g. 10s; 0 for the default 15s"
	return f
}

// addCommonFlags binds the flags of every command that shows the fleet.
func (o *options) addCommonFlags(fs *pflag.FlagSet) {
	fs.BoolVar(&o.readOnly, "readonly", false, "never change anything: hide and refuse every action")
	fs.StringVar(&o.logFile, "log-file", "", "write client logs to this file (default: discarded; the screen is the UI)")
	fs.StringVar(&o.configPath, "config", config.DefaultPath(), "config file (an explicit path must exist)")
}

// addConnectionFlags binds kubectl's connection flags and mcgtui's own ways to reach the fleet.
func (o *options) addConnectionFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.kubeconfig, "kubeconfig", "", "path to the kubeconfig file (default: $KUBECONFIG, merged, else ~/.kube/config)")
	clientcmd.BindOverrideFlags(&o.overrides, fs, kubectlFlags())
	fs.StringVar(&o.argocdNamespace, "argocd-namespace", "", "watch Argo CD Applications in this namespace only (default: every namespace, or -n)")
	fs.StringArrayVar(&o.clusterContexts, "cluster-context", nil, "NAME=CONTEXT: reach managed cluster NAME with kubeconfig context CONTEXT (repeatable)")
	fs.StringVar(&o.argocdServer, "argocd-server", "", "the hub's Argo CD API server for the diff view, host[:port] or URL (default: config file, $ARGOCD_SERVER, argocd CLI current context)")
	fs.BoolVar(&o.argocdInsecure, "argocd-insecure", false, "skip TLS certificate verification of --argocd-server or $ARGOCD_SERVER")
	fs.BoolVar(&o.argocdPlaintext, "argocd-plaintext", false, "talk to --argocd-server or $ARGOCD_SERVER over plain HTTP")
	o.access.register(fs)
}

// registerCompletions makes shell completion offer the kubeconfig's contexts for --context
// and --cluster-context NAME=, read from --kubeconfig when it is already on the line.
func (o *options) registerCompletions(cmd *cobra.Command) {
	contexts := func(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
		kc, err := kube.LoadKubeconfig(o.kubeconfig)
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		return kc.Contexts(), cobra.ShellCompDirectiveNoFileComp
	}
	_ = cmd.RegisterFlagCompletionFunc("context", contexts)
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{"table", "wide", "json"}, cobra.ShellCompDirectiveNoFileComp))
}

// connectionFlagNames are the flags that choose how to reach a cluster, which the demo ignores.
func connectionFlagNames() []string {
	var names []string
	fs := pflag.NewFlagSet("", pflag.ContinueOnError)
	(&options{}).addConnectionFlags(fs)
	fs.VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	return names
}

// completeCommon loads the config file (an explicit --config must exist) and merges it with
// the flags; flags win.
func (o *options) completeCommon(cmd *cobra.Command) error {
	explicit := cmd.Flags().Changed("config")
	if explicit {
		if _, err := os.Stat(o.configPath); errors.Is(err, fs.ErrNotExist) {
			return usagef("--config %s: no such file", o.configPath)
		}
	}
	cfg, err := config.Load(o.configPath)
	if err != nil {
		return err
	}
	o.cfg = cfg
	o.readOnly = o.readOnly || cfg.ReadOnly
	return nil
}

// completeConnection resolves the connection flags: the hub context and the namespace limit.
func (o *options) completeConnection(cmd *cobra.Command) {
	o.context = o.overrides.CurrentContext
	if cmd.Flags().Changed("namespace") {
		o.namespace = o.overrides.Context.Namespace
	}
	if o.argocdNamespace == "" {
		o.argocdNamespace = o.cfg.ArgoCDNamespace
	}
}

// validateConnection rejects bad connection flag values, naming the flag.
func (o *options) validateConnection() error {
	if t := o.overrides.Timeout; t != "" && t != "0" {
		if d, err := time.ParseDuration(t); err != nil || d < 0 {
			return usagef("--request-timeout %q: want a duration such as 10s, or 0", t)
		}
	}
	for name, v := range map[string]string{"--namespace": o.namespace, "--argocd-namespace": o.argocdNamespace} {
		if v == "" {
			continue
		}
		if errs := validation.IsDNS1123Label(v); len(errs) > 0 {
			return usagef("%s %q: not a namespace name: %s", name, v, errs[0])
		}
	}
	if o.namespace != "" && o.argocdNamespace != "" && o.namespace != o.argocdNamespace {
		return usagef("--namespace %q and --argocd-namespace %q disagree: Applications would be in neither", o.namespace, o.argocdNamespace)
	}
	if _, err := o.cfg.ContextMapping(o.clusterContexts); err != nil {
		return usageError{err.Error()}
	}
	for name, f := range map[string]string{"--certificate-authority": o.overrides.ClusterInfo.CertificateAuthority,
		"--client-certificate": o.overrides.AuthInfo.ClientCertificate, "--client-key": o.overrides.AuthInfo.ClientKey} {
		if f == "" {
			continue
		}
		if _, err := os.Stat(f); err != nil {
			return usagef("%s %s: %v", name, f, errors.Unwrap(err))
		}
	}
	if s := o.overrides.ClusterInfo.Server; s != "" {
		u, err := url.Parse(s)
		if strings.Contains(s, "://") && (err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "") ||
			!strings.Contains(s, "://") && strings.ContainsAny(s, " \t/") {
			return usagef("--server %q: want https://HOST[:PORT] or HOST[:PORT]", s)
		}
	}
	if a := o.overrides.AuthInfo; a.Impersonate == "" && (len(a.ImpersonateGroups) > 0 || a.ImpersonateUID != "") {
		return usagef("--as-group and --as-uid need --as USER, as in kubectl")
	}
	if p := o.overrides.ClusterInfo.ProxyURL; p != "" {
		if u, err := url.Parse(p); err != nil || u.Scheme == "" || u.Host == "" {
			return usagef("--proxy-url %q: want a URL such as http://proxy:3128", p)
		}
	}
	if o.argocdServer != "" {
		if _, err := argocd.NormalizeServer(o.argocdServer, o.argocdPlaintext, ""); err != nil {
			return usagef("--argocd-server %q: want HOST[:PORT][/PATH] or an http(s) URL (%v)", o.argocdServer, err)
		}
	}
	if o.argocdInsecure && o.argocdPlaintext {
		return usagef("--argocd-insecure and --argocd-plaintext: choose one (plaintext has no TLS to verify)")
	}
	return o.access.validate()
}

// changedFlags returns which of names were set on the command line, as "--name".
func changedFlags(cmd *cobra.Command, names []string) []string {
	var out []string
	for _, n := range names {
		if cmd.Flags().Changed(n) {
			out = append(out, "--"+n)
		}
	}
	return out
}

// positiveDuration is a duration flag that must be more than zero.
type positiveDuration struct{ d *time.Duration }

func (p positiveDuration) String() string { return p.d.String() }
func (p positiveDuration) Type() string   { return "duration" }
func (p positiveDuration) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("want a duration such as 30s or 2m")
	}
	if d <= 0 {
		return fmt.Errorf("must be more than 0")
	}
	*p.d = d
	return nil
}

// oneOf is a string flag limited to a few values.
type oneOf struct {
	v       *string
	allowed []string
}

func (o oneOf) String() string { return *o.v }
func (o oneOf) Type() string   { return "string" }
func (o oneOf) Set(s string) error {
	for _, a := range o.allowed {
		if s == a {
			*o.v = s
			return nil
		}
	}
	return fmt.Errorf("want %s", strings.Join(o.allowed, ", "))
}
