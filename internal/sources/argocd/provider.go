package argocd

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/mcgtui/mcgtui/internal/config"
	"github.com/mcgtui/mcgtui/internal/diff"
	"github.com/mcgtui/mcgtui/internal/model"
)

// Settings say where each cluster's Argo CD API server is and where its token comes from.
type Settings struct {
	// HubCluster is the hub's fleet name; its apps (and, in one-cluster mode, the only
	// cluster's) may also use Flag, ARGOCD_SERVER and the argocd CLI's current context.
	HubCluster string
	// Config is mcgtui's config file: clusters.NAME.argocd, and argocd for the hub.
	Config config.Config
	// ConfigPath names the config file in messages.
	ConfigPath string
	// Flag is --argocd-server, --argocd-insecure, --argocd-plaintext; Server "" when not given.
	// Insecure and PlainText also apply to a server taken from ARGOCD_SERVER.
	Flag config.ArgoCDServer
	// CLIConfigPath is the argocd CLI's login file; "" means CLIConfigPath().
	CLIConfigPath string
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
	// Timeout bounds each request; 0 means DefaultTimeout.
	Timeout time.Duration
}

// Provider is the diff.Provider of real hubs: it finds the Argo CD server of the app's cluster
// and asks its REST API for the app's managed resources.
type Provider struct {
	s       Settings
	mu      sync.Mutex
	clients map[Server]*Client
}

// NewDiffProvider returns the diff provider for s.
func NewDiffProvider(s Settings) *Provider {
	if s.Getenv == nil {
		s.Getenv = os.Getenv
	}
	return &Provider{s: s, clients: map[Server]*Client{}}
}

var _ diff.Provider = (*Provider)(nil)

// Diff implements diff.Provider.
func (p *Provider) Diff(ctx context.Context, app model.App) (diff.Result, error) {
	srv, err := p.Resolve(app.Cluster)
	if err != nil {
		return diff.Result{}, err
	}
	return p.client(srv).Diff(ctx, app)
}

func (p *Provider) client(srv Server) *Client {
	p.mu.Lock()
	defer p.mu.Unlock()
	c := p.clients[srv]
	if c == nil {
		c = NewClient(srv)
		p.clients[srv] = c
	}
	return c
}

// Resolve finds the Argo CD server that owns the Applications stored on cluster, in this order:
//
//  1. for the hub, --argocd-server;
//  2. clusters.NAME.argocd in the config file;
//  3. for the hub, the config file's top-level argocd, then $ARGOCD_SERVER, then the argocd
//     CLI's current context.
//
// The token is $TOKENENV when the server's tokenEnv names one; else the argocd CLI login file's
// token for that server; for the hub's servers also $ARGOCD_AUTH_TOKEN ($ARGOCD_AUTH_TOKEN first
// for a server from the flag or $ARGOCD_SERVER, as the argocd CLI pairs them). The login file is
// read on every call, so that a fresh argocd login is picked up.
func (p *Provider) Resolve(cluster string) (Server, error) {
	hub := cluster == p.s.HubCluster
	cli, cliErr := LoadCLIConfig(p.cliPath())
	envToken := p.s.Getenv("ARGOCD_AUTH_TOKEN")

	if hub && p.s.Flag.Server != "" {
		return p.fromEnvOrFlag("--argocd-server", p.s.Flag.Server, cli, envToken)
	}
	if cl, ok := p.s.Config.Clusters[cluster]; ok && cl.ArgoCD != nil && cl.ArgoCD.Server != "" {
		return p.fromConfig("clusters."+cluster+".argocd", cl.ArgoCD, cli, hub, envToken)
	}
	if !hub {
		return Server{}, fmt.Errorf("no Argo CD server configured for cluster %s (set clusters.%s.argocd.server in %s)",
			cluster, cluster, p.configPath())
	}
	if a := p.s.Config.ArgoCD; a != nil && a.Server != "" {
		return p.fromConfig("argocd", a, cli, true, envToken)
	}
	if env := p.s.Getenv("ARGOCD_SERVER"); env != "" {
		return p.fromEnvOrFlag("ARGOCD_SERVER", env, cli, envToken)
	}
	if cliErr != nil {
		return Server{}, cliErr
	}
	srv, ok, err := cli.Current()
	if err != nil {
		return Server{}, err
	}
	if ok {
		srv.Timeout = p.s.Timeout
		if srv.Token == "" && envToken != "" {
			srv.Token, srv.TokenSource = envToken, "ARGOCD_AUTH_TOKEN"
		}
		return srv, nil
	}
	return Server{}, fmt.Errorf("no Argo CD server configured for cluster %s (set clusters.%s.argocd.server in %s or --argocd-server)",
		cluster, cluster, p.configPath())
}

// fromEnvOrFlag is a server named by --argocd-server or $ARGOCD_SERVER.
func (p *Provider) fromEnvOrFlag(what, server string, cli *CLIConfig, envToken string) (Server, error) {
	u, err := NormalizeServer(server, p.s.Flag.PlainText, "")
	if err != nil {
		return Server{}, fmt.Errorf("%s: %w", what, err)
	}
	srv := Server{URL: u, Insecure: p.s.Flag.Insecure, Timeout: p.s.Timeout}
	switch {
	case envToken != "":
		srv.Token, srv.TokenSource = envToken, "ARGOCD_AUTH_TOKEN"
	case cli.TokenFor(u) != "":
		srv.Token, srv.TokenSource = cli.TokenFor(u), "argocd login file "+cli.Path
	}
	return srv, nil
}

// fromConfig is a server from the config file at key (clusters.NAME.argocd, argocd).
func (p *Provider) fromConfig(key string, a *config.ArgoCDServer, cli *CLIConfig, hub bool, envToken string) (Server, error) {
	u, err := NormalizeServer(a.Server, a.PlainText, "")
	if err != nil {
		return Server{}, fmt.Errorf("%s.server in %s: %w", key, p.configPath(), err)
	}
	srv := Server{URL: u, Insecure: a.Insecure, Namespace: a.Namespace, Timeout: p.s.Timeout}
	switch {
	case a.TokenEnv != "":
		tok := p.s.Getenv(a.TokenEnv)
		if tok == "" {
			return Server{}, fmt.Errorf("%s.tokenEnv in %s names $%s, which is not set", key, p.configPath(), a.TokenEnv)
		}
		srv.Token, srv.TokenSource = tok, "$"+a.TokenEnv
	case cli.TokenFor(u) != "":
		srv.Token, srv.TokenSource = cli.TokenFor(u), "argocd login file "+cli.Path
	case hub && envToken != "":
		srv.Token, srv.TokenSource = envToken, "ARGOCD_AUTH_TOKEN"
	}
	return srv, nil
}

func (p *Provider) cliPath() string {
	if p.s.CLIConfigPath != "" {
		return p.s.CLIConfigPath
	}
	return CLIConfigPath()
}

func (p *Provider) configPath() string {
	if p.s.ConfigPath == "" {
		return "the config file"
	}
	return p.s.ConfigPath
}
