package main

import (
	"flag"
	"fmt"
	"strings"
	"time"
)

// options are the flags every command shares, named like kubectl's where kubectl has one.
type options struct {
	kubeconfig      string
	context         string
	readOnly        bool
	logFile         string
	argocdNamespace string
	clusterContexts stringList
	configPath      string
	argocdServer    string
	argocdInsecure  bool
	argocdPlaintext bool
	access          accessOptions // access.go

	// status only
	output   string
	timeout  time.Duration
	demo     bool
	problems bool
}

// stringList is a repeatable flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func (o *options) register(fs *flag.FlagSet, defaultConfig string) {
	fs.StringVar(&o.kubeconfig, "kubeconfig", "", "path to the kubeconfig file (default: $KUBECONFIG, merged, else ~/.kube/config)")
	fs.StringVar(&o.context, "context", "", "kubeconfig context of the hub (default: the current context)")
	fs.BoolVar(&o.readOnly, "readonly", false, "never change anything: hide and refuse every action")
	fs.StringVar(&o.logFile, "log-file", "", "write client logs to this file (default: discarded; the screen is the UI)")
	fs.StringVar(&o.argocdNamespace, "argocd-namespace", "", "watch Argo CD Applications in this namespace only (default: every namespace)")
	fs.Var(&o.clusterContexts, "cluster-context", "NAME=CONTEXT: reach managed cluster NAME with kubeconfig context CONTEXT (repeatable)")
	fs.StringVar(&o.configPath, "config", defaultConfig, "config file")
	fs.StringVar(&o.argocdServer, "argocd-server", "", "the hub's Argo CD API server for the diff view, host[:port] or URL (default: config file, $ARGOCD_SERVER, argocd CLI current context)")
	fs.BoolVar(&o.argocdInsecure, "argocd-insecure", false, "skip TLS certificate verification of --argocd-server or $ARGOCD_SERVER")
	fs.BoolVar(&o.argocdPlaintext, "argocd-plaintext", false, "talk to --argocd-server or $ARGOCD_SERVER over plain HTTP")
}

func (o *options) registerStatus(fs *flag.FlagSet) {
	fs.StringVar(&o.output, "o", "table", "output format: table, wide or json")
	fs.StringVar(&o.output, "output", "table", "output format: table, wide or json")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Second, "how long to wait for every source to be ready or failed")
	fs.BoolVar(&o.demo, "demo", false, "report on the embedded demo fleet instead of a cluster")
	fs.BoolVar(&o.problems, "problems", false, "list only objects that are Warning or Critical")
}

// usageError is a command-line mistake: exit code 2 with the command's usage.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }
