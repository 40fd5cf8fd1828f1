package argocd

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/mcgtui/mcgtui/internal/diff"
	"github.com/mcgtui/mcgtui/internal/model"
)

// DefaultTimeout bounds one request to an Argo CD API server.
const DefaultTimeout = 15 * time.Second

// maxBody bounds a managed-resources response: every resource carries up to four copies of
// itself, so a large app's answer runs to megabytes, but never to this.
const maxBody = 64 << 20

// Server is one Argo CD API server and how to talk to it. Token is sent as a bearer token and
// never appears in errors or logs.
type Server struct {
	// URL is the server's base URL with scheme, without trailing slash: "https://argocd.example",
	// "https://example.com/argocd" behind a path prefix.
	URL string
	// Insecure skips TLS certificate verification.
	Insecure bool
	// Token is the bearer token; "" sends no Authorization header (anonymous access).
	Token string
	// TokenSource says where Token came from ("ARGOCD_AUTH_TOKEN", "argocd login file"), for
	// error hints; never the token itself.
	TokenSource string
	// Namespace is the control-plane namespace: apps in it are asked for without
	// ?appNamespace=. "" always sends appNamespace (Argo CD 2.5+ accepts its own namespace).
	Namespace string
	// Timeout bounds each request; 0 means DefaultTimeout.
	Timeout time.Duration
}

// Client is a REST client of one Argo CD API server, built on net/http only.
type Client struct {
	srv  Server
	http *http.Client
}

// NewClient returns a client of srv. TLS is verified unless srv.Insecure; an http:// URL talks
// plain text.
func NewClient(srv Server) *Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: srv.Insecure} //nolint:gosec // only when configured
	// Diffs are occasional: do not hold connections open for long.
	tr.IdleConnTimeout = 30 * time.Second
	srv.URL = strings.TrimRight(srv.URL, "/")
	if srv.Timeout <= 0 {
		srv.Timeout = DefaultTimeout
	}
	return &Client{srv: srv, http: &http.Client{Transport: tr}}
}

// resourceDiff is one item of Argo CD's ManagedResourcesResponse (v1alpha1.ResourceDiff). The
// *State fields are JSON documents in strings: "null" (or absent) when the side does not exist.
type resourceDiff struct {
	Group               string `json:"group"`
	Kind                string `json:"kind"`
	Namespace           string `json:"namespace"`
	Name                string `json:"name"`
	TargetState         string `json:"targetState"`
	LiveState           string `json:"liveState"`
	Diff                string `json:"diff"` // deprecated JSON patch; unused
	Hook                bool   `json:"hook"`
	NormalizedLiveState string `json:"normalizedLiveState"`
	PredictedLiveState  string `json:"predictedLiveState"`
	ResourceVersion     string `json:"resourceVersion"`
	Modified            bool   `json:"modified"`
}

// managedResourcesResponse is the body of GET /api/v1/applications/{name}/managed-resources.
type managedResourcesResponse struct {
	Items []resourceDiff `json:"items"`
}

// apiError is the body Argo CD's gRPC gateway sends with a non-2xx status.
type apiError struct {
	Error   string `json:"error"`
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// ManagedResourcesURL is the request URL for an app: appNamespace is sent unless the app lives
// in the server's configured control-plane namespace.
func (c *Client) ManagedResourcesURL(namespace, name string) string {
	u := c.srv.URL + "/api/v1/applications/" + url.PathEscape(name) + "/managed-resources"
	if namespace != "" && namespace != c.srv.Namespace {
		u += "?" + url.Values{"appNamespace": {namespace}}.Encode()
	}
	return u
}

// Diff fetches the app's managed resources and turns them into a diff.Result.
func (c *Client) Diff(ctx context.Context, app model.App) (diff.Result, error) {
	items, err := c.managedResources(ctx, app.Namespace, app.Name)
	if err != nil {
		return diff.Result{}, err
	}
	return diff.Result{App: app.Ref, Source: "Argo CD API " + c.srv.URL, Resources: toResources(items)}, nil
}

// managedResources does GET {server}/api/v1/applications/{name}/managed-resources. Errors say
// which URL answered what, and never contain the token.
func (c *Client) managedResources(ctx context.Context, namespace, name string) ([]resourceDiff, error) {
	target := c.ManagedResourcesURL(namespace, name)
	ctx, cancel := context.WithTimeout(ctx, c.srv.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, fmt.Errorf("Argo CD server %s: bad URL: %w", c.srv.URL, err)
	}
	req.Header.Set("Accept", "application/json")
	if c.srv.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.srv.Token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.transportError(ctx, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, c.transportError(ctx, err)
	}
	if len(body) > maxBody {
		return nil, fmt.Errorf("response from %s larger than %d MiB", target, maxBody>>20)
	}
	if resp.StatusCode/100 != 2 {
		return nil, c.statusError(resp, body, target)
	}
	var out managedResourcesResponse
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, fmt.Errorf("unexpected response from %s (%s, %s): not Argo CD managed resources: %v",
			target, resp.Status, orUnknown(resp.Header.Get("Content-Type")), err)
	}
	return out.Items, nil
}

// statusError explains a non-2xx answer: "401 Unauthorized from URL: message", with a hint of
// what to do where there is an obvious one.
func (c *Client) statusError(resp *http.Response, body []byte, target string) error {
	msg := errorMessage(resp.Header.Get("Content-Type"), body)
	text := resp.Status + " from " + target
	if msg != "" {
		text += ": " + msg
	}
	switch resp.StatusCode {
	case http.StatusUnauthorized:
		if c.srv.Token == "" {
			text += " (no token was sent: log in with argocd login " + hostOf(c.srv.URL) + ")"
		} else {
			text += " (token from " + orUnknown(c.srv.TokenSource) + " rejected: log in again with argocd login " + hostOf(c.srv.URL) + ")"
		}
	case http.StatusForbidden:
		text += " (the token's account may not get this application, or it does not exist)"
	}
	return errors.New(text)
}

// errorMessage is the message of Argo CD's JSON error body, else the body's first line when it
// is short text, else "".
func errorMessage(contentType string, body []byte) string {
	var e apiError
	if json.Unmarshal(body, &e) == nil {
		if e.Message != "" {
			return e.Message
		}
		if e.Error != "" {
			return e.Error
		}
	}
	if strings.Contains(contentType, "html") {
		return ""
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(body)), "\n")
	if len(line) > 200 {
		line = line[:200] + "…"
	}
	return line
}

// transportError explains a request that got no answer: timeout, refused, TLS trouble.
func (c *Client) transportError(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || isTimeout(err) {
		return fmt.Errorf("Argo CD server %s timed out after %s", c.srv.URL, c.srv.Timeout)
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err
	}
	if hint := tlsHint(err); hint != "" {
		return fmt.Errorf("Argo CD server %s: %v (%s)", c.srv.URL, err, hint)
	}
	return fmt.Errorf("Argo CD server %s unreachable: %v", c.srv.URL, err)
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// hostOf is a URL's host[:port] and path, the form argocd login takes.
func hostOf(u string) string {
	_, rest, ok := strings.Cut(u, "://")
	if !ok {
		return u
	}
	return rest
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
