package argocd

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"sigs.k8s.io/yaml"
)

// CLIConfig is the argocd CLI's login file, as argocd login writes it
// (util/localconfig.LocalConfig in Argo CD). Unknown fields are ignored: it is another tool's file.
type CLIConfig struct {
	// CurrentContext names the context argocd commands use.
	CurrentContext string `json:"current-context"`
	// Contexts, Servers and Users are joined by server address and user name.
	Contexts []CLIContext `json:"contexts"`
	Servers  []CLIServer  `json:"servers"`
	Users    []CLIUser    `json:"users"`
	// Path is where the file was read from, for messages.
	Path string `json:"-"`
}

// CLIContext binds a server to a user under a name.
type CLIContext struct {
	Name   string `json:"name"`
	Server string `json:"server"` // a CLIServer's Server
	User   string `json:"user"`   // a CLIUser's Name
}

// CLIServer is a server entry: Server is host[:port] without scheme.
type CLIServer struct {
	Server    string `json:"server"`
	Insecure  bool   `json:"insecure,omitempty"`   // skip TLS verification
	PlainText bool   `json:"plain-text,omitempty"` // no TLS
	// GRPCWeb is irrelevant to REST; GRPCWebRootPath is the server's path prefix.
	GRPCWeb         bool   `json:"grpc-web,omitempty"`
	GRPCWebRootPath string `json:"grpc-web-root-path,omitempty"`
	// Core is argocd login --core: the CLI talks to Kubernetes, there is no API server.
	Core bool `json:"core,omitempty"`
}

// CLIUser holds a context's tokens.
type CLIUser struct {
	Name      string `json:"name"`
	AuthToken string `json:"auth-token,omitempty"` // the bearer token
	// RefreshToken renews an SSO AuthToken; mcgtui does not use it (argocd CLI commands do).
	RefreshToken string `json:"refresh-token,omitempty"`
}

// CLIConfigPath is where the argocd CLI keeps its login file: $ARGOCD_CONFIG_DIR/config, else
// the legacy ~/.argocd/config when that folder exists, else $XDG_CONFIG_HOME/argocd/config,
// else ~/.config/argocd/config (the CLI's own order).
func CLIConfigPath() string {
	if dir := os.Getenv("ARGOCD_CONFIG_DIR"); dir != "" {
		return filepath.Join(dir, "config")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = ""
	}
	if home != "" {
		if st, err := os.Stat(filepath.Join(home, ".argocd")); err == nil && st.IsDir() {
			return filepath.Join(home, ".argocd", "config")
		}
	}
	if xdg := os.Getenv("XDG_CONFIG_HOME"); xdg != "" {
		return filepath.Join(xdg, "argocd", "config")
	}
	if home == "" {
		return ""
	}
	return filepath.Join(home, ".config", "argocd", "config")
}

// LoadCLIConfig reads the login file at path; a missing file (or path "") is nil, nil.
func LoadCLIConfig(path string) (*CLIConfig, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("argocd login file: %w", err)
	}
	var c CLIConfig
	if err := yaml.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("argocd login file %s: %w", path, err)
	}
	c.Path = path
	return &c, nil
}

// Current resolves the current context to a Server (without Namespace and Timeout). ok is false
// when there is no current context; err explains a context that cannot be used.
func (c *CLIConfig) Current() (srv Server, ok bool, err error) {
	if c == nil || c.CurrentContext == "" {
		return Server{}, false, nil
	}
	where := fmt.Sprintf("argocd login file %s: current context %q", c.Path, c.CurrentContext)
	var ctx *CLIContext
	for i := range c.Contexts {
		if c.Contexts[i].Name == c.CurrentContext {
			ctx = &c.Contexts[i]
		}
	}
	if ctx == nil {
		return Server{}, true, fmt.Errorf("%s is not defined", where)
	}
	s := c.server(ctx.Server)
	if s == nil {
		return Server{}, true, fmt.Errorf("%s: server %q is not defined", where, ctx.Server)
	}
	if s.Core {
		return Server{}, true, fmt.Errorf("%s uses --core mode, which has no API server; pass --argocd-server", where)
	}
	u, err := NormalizeServer(s.Server, s.PlainText, s.GRPCWebRootPath)
	if err != nil {
		return Server{}, true, fmt.Errorf("%s: %w", where, err)
	}
	srv = Server{URL: u, Insecure: s.Insecure}
	for _, usr := range c.Users {
		if usr.Name == ctx.User && usr.AuthToken != "" {
			srv.Token, srv.TokenSource = usr.AuthToken, "argocd login file "+c.Path
		}
	}
	return srv, true, nil
}

// TokenFor is the auth token the login file holds for the server at URL serverURL (any context
// whose server matches by host, port and path), or "".
func (c *CLIConfig) TokenFor(serverURL string) string {
	if c == nil {
		return ""
	}
	want := hostOf(strings.TrimRight(serverURL, "/"))
	for _, ctx := range c.Contexts {
		s := c.server(ctx.Server)
		if s == nil || s.Core {
			continue
		}
		u, err := NormalizeServer(s.Server, s.PlainText, s.GRPCWebRootPath)
		if err != nil || hostOf(u) != want {
			continue
		}
		for _, usr := range c.Users {
			if usr.Name == ctx.User && usr.AuthToken != "" {
				return usr.AuthToken
			}
		}
	}
	return ""
}

func (c *CLIConfig) server(name string) *CLIServer {
	for i := range c.Servers {
		if c.Servers[i].Server == name {
			return &c.Servers[i]
		}
	}
	return nil
}

// NormalizeServer turns an Argo CD server address into a base URL. server is host[:port][/path]
// (https, or http when plainText) or a URL with an http or https scheme; rootPath is a path
// prefix (argocd --grpc-web-root-path). The result has no trailing slash.
func NormalizeServer(server string, plainText bool, rootPath string) (string, error) {
	s := strings.TrimSpace(server)
	if s == "" {
		return "", errors.New("empty server address")
	}
	if !strings.Contains(s, "://") {
		scheme := "https://"
		if plainText {
			scheme = "http://"
		}
		s = scheme + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("server %q: %w", server, err)
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return "", fmt.Errorf("server %q: scheme %q is not http or https", server, u.Scheme)
	}
	if u.Host == "" {
		return "", fmt.Errorf("server %q: no host", server)
	}
	if u.User != nil {
		return "", errors.New("server address must not contain credentials; use a token")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("server %q: want scheme://host[:port][/path] only", server)
	}
	path := strings.Trim(u.Path, "/")
	if root := strings.Trim(rootPath, "/"); root != "" {
		path = strings.Trim(path+"/"+root, "/")
	}
	out := u.Scheme + "://" + u.Host
	if path != "" {
		out += "/" + path
	}
	return out, nil
}
