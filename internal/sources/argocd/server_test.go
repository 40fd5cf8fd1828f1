package argocd

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/diff"
	"github.com/mcgtui/mcgtui/internal/model"
)

const testToken = "eyJhbGciOiJIUzI1NiJ9.test-token-never-shown"

// recorded serves a file from testdata/managed-resources with status code, and records the
// last request.
func recorded(t *testing.T, file string, code int, last **http.Request) http.HandlerFunc {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", "managed-resources", file))
	if err != nil {
		t.Fatal(err)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		if last != nil {
			*last = r.Clone(context.Background())
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = w.Write(body)
	}
}

func guestbook(ns string) model.App {
	return model.App{Meta: model.Meta{Ref: model.Ref{
		Cluster: "hub", APIVersion: "argoproj.io/v1alpha1", Resource: "applications",
		Kind: "Application", Namespace: ns, Name: "guestbook",
	}}}
}

// noToken fails when an error carries the token.
func noToken(t *testing.T, err error) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), testToken) {
		t.Fatalf("token leaked into error: %v", err)
	}
}

func TestDiffFromRecordedResponse(t *testing.T) {
	for _, tc := range []struct {
		name string
		tls  bool
	}{{"plain", false}, {"tls-insecure", true}} {
		t.Run(tc.name, func(t *testing.T) {
			var last *http.Request
			h := recorded(t, "guestbook.json", http.StatusOK, &last)
			ts := httptest.NewServer(h)
			if tc.tls {
				ts.Close()
				ts = httptest.NewTLSServer(h)
			}
			defer ts.Close()
			c := NewClient(Server{URL: ts.URL + "/", Token: testToken, Insecure: tc.tls})
			app := guestbook("openshift-gitops")
			res, err := c.Diff(context.Background(), app)
			if err != nil {
				t.Fatal(err)
			}
			if last.URL.Path != "/api/v1/applications/guestbook/managed-resources" ||
				last.URL.RawQuery != "appNamespace=openshift-gitops" {
				t.Errorf("request %s", last.URL)
			}
			if got := last.Header.Get("Authorization"); got != "Bearer "+testToken {
				t.Errorf("Authorization = %q", got)
			}
			if res.App != app.Ref || res.Source != "Argo CD API "+ts.URL {
				t.Errorf("app %+v source %q", res.App, res.Source)
			}
			checkGuestbook(t, res.Resources)
		})
	}
}

func checkGuestbook(t *testing.T, got []diff.Resource) {
	t.Helper()
	want := []string{
		"ConfigMap guestbook/guestbook-config",
		"apps/Deployment guestbook/guestbook-ui",
		"networking.k8s.io/Ingress guestbook/guestbook-legacy",
		"Secret guestbook/guestbook-db",
		"Service guestbook/guestbook-ui",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d resources, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].Title() != w {
			t.Errorf("resource %d = %s, want %s", i, got[i].Title(), w)
		}
	}
	cm, dep, ing, sec, svc := got[0], got[1], got[2], got[3], got[4]

	// Missing live: to be created.
	wantCM := `apiVersion: v1
data:
  GUESTBOOK_TITLE: Guestbook (fleet)
  REDIS_HOST: redis.guestbook.svc
kind: ConfigMap
metadata:
  annotations:
    argocd.argoproj.io/tracking-id: guestbook:/ConfigMap:guestbook/guestbook-config
  name: guestbook-config
  namespace: guestbook
`
	if !cm.Modified || cm.LiveYAML != "" || cm.TargetYAML != wantCM {
		t.Errorf("configmap: modified %v live %q target:\n%s", cm.Modified, cm.LiveYAML, cm.TargetYAML)
	}

	// Modified: normalized live (no managedFields) against predicted live.
	if !dep.Modified || strings.Contains(dep.LiveYAML, "managedFields") {
		t.Errorf("deployment: modified %v, live from liveState instead of normalizedLiveState:\n%s", dep.Modified, dep.LiveYAML)
	}
	u := dep.Unified()
	for _, line := range []string{
		"-  replicas: 1", "+  replicas: 3",
		"-      - image: quay.io/argoprojlabs/argocd-e2e-container:0.2",
		"+      - image: quay.io/argoprojlabs/argocd-e2e-container:0.3",
	} {
		if !strings.Contains(u, line+"\n") {
			t.Errorf("deployment diff lacks %q:\n%s", line, u)
		}
	}
	changed := 0
	for _, line := range strings.Split(u, "\n") {
		if (strings.HasPrefix(line, "-") || strings.HasPrefix(line, "+")) &&
			!strings.HasPrefix(line, "---") && !strings.HasPrefix(line, "+++") {
			changed++
		}
	}
	if changed != 4 {
		t.Errorf("deployment diff has more than the two changes:\n%s", u)
	}

	// Missing target: to be pruned; Argo CD does not call it Modified, it still differs.
	if ing.Modified || ing.TargetYAML != "" || !strings.Contains(ing.LiveYAML, "host: guestbook.apps.hub.example.com") {
		t.Errorf("ingress: modified %v target %q live:\n%s", ing.Modified, ing.TargetYAML, ing.LiveYAML)
	}

	// Secret values stay masked as Argo CD sent them.
	if !sec.Modified || !strings.Contains(sec.LiveYAML, "password: ++++++++++++\n") ||
		!strings.Contains(sec.TargetYAML, "password: ++++++++\n") {
		t.Errorf("secret:\nlive:\n%s\ntarget:\n%s", sec.LiveYAML, sec.TargetYAML)
	}

	// In sync.
	if svc.Modified || svc.LiveYAML == "" || svc.LiveYAML != svc.TargetYAML || svc.Unified() != "" {
		t.Errorf("service not in sync: modified %v\n%s", svc.Modified, svc.Unified())
	}
}

func TestLegacyResponseFallsBackToRawStates(t *testing.T) {
	ts := httptest.NewServer(recorded(t, "legacy-no-predicted.json", http.StatusOK, nil))
	defer ts.Close()
	res, err := NewClient(Server{URL: ts.URL}).Diff(context.Background(), guestbook("argocd"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Resources) != 1 {
		t.Fatalf("%+v", res.Resources)
	}
	r := res.Resources[0]
	if !strings.Contains(r.LiveYAML, "clusterIP: 172.30.118.42") || !strings.Contains(r.TargetYAML, "targetPort: 80") ||
		strings.Contains(r.TargetYAML, "clusterIP") {
		t.Errorf("live:\n%s\ntarget:\n%s", r.LiveYAML, r.TargetYAML)
	}
}

func TestAppNamespaceQuery(t *testing.T) {
	for _, tc := range []struct {
		controlPlane, appNS, name, want string
	}{
		{"", "openshift-gitops", "guestbook", "/api/v1/applications/guestbook/managed-resources?appNamespace=openshift-gitops"},
		{"openshift-gitops", "openshift-gitops", "guestbook", "/api/v1/applications/guestbook/managed-resources"},
		{"openshift-gitops", "team-a", "guestbook", "/api/v1/applications/guestbook/managed-resources?appNamespace=team-a"},
		{"", "", "a b/c", "/api/v1/applications/a%20b%2Fc/managed-resources"},
	} {
		c := NewClient(Server{URL: "https://argocd.example", Namespace: tc.controlPlane})
		if got := c.ManagedResourcesURL(tc.appNS, tc.name); got != "https://argocd.example"+tc.want {
			t.Errorf("%+v: got %s", tc, got)
		}
	}
}

func TestNoTokenSendsNoAuthorization(t *testing.T) {
	var last *http.Request
	ts := httptest.NewServer(recorded(t, "guestbook.json", http.StatusOK, &last))
	defer ts.Close()
	if _, err := NewClient(Server{URL: ts.URL}).Diff(context.Background(), guestbook("argocd")); err != nil {
		t.Fatal(err)
	}
	if h, ok := last.Header["Authorization"]; ok {
		t.Errorf("Authorization sent without a token: %q", h)
	}
}

func TestHTTPErrorsExplainThemselves(t *testing.T) {
	for _, tc := range []struct {
		file  string
		code  int
		token string
		want  string
	}{
		{"error-401.json", 401, testToken, "401 Unauthorized from URL: invalid session: token has invalid claims: token is expired (token from ARGOCD_AUTH_TOKEN rejected: log in again with argocd login HOST)"},
		{"error-401.json", 401, "", "401 Unauthorized from URL: invalid session: token has invalid claims: token is expired (no token was sent: log in with argocd login HOST)"},
		{"error-403.json", 403, testToken, "403 Forbidden from URL: permission denied (the token's account may not get this application, or it does not exist)"},
		{"error-404.json", 404, testToken, `404 Not Found from URL: applications.argoproj.io "guestbook" not found`},
	} {
		ts := httptest.NewServer(recorded(t, tc.file, tc.code, nil))
		c := NewClient(Server{URL: ts.URL, Token: tc.token, TokenSource: "ARGOCD_AUTH_TOKEN"})
		_, err := c.Diff(context.Background(), guestbook("openshift-gitops"))
		ts.Close()
		noToken(t, err)
		want := strings.NewReplacer("URL", ts.URL+"/api/v1/applications/guestbook/managed-resources?appNamespace=openshift-gitops",
			"HOST", strings.TrimPrefix(ts.URL, "http://")).Replace(tc.want)
		if err == nil || err.Error() != want {
			t.Errorf("%s:\n got %v\nwant %s", tc.file, err, want)
		}
	}
}

func TestNonJSONErrorBodies(t *testing.T) {
	for _, tc := range []struct {
		ctype, body, want string
	}{
		{"text/plain", "upstream connect error or disconnect/reset before headers\nmore", "502 Bad Gateway from URL: upstream connect error or disconnect/reset before headers"},
		{"text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>", "502 Bad Gateway from URL"},
	} {
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", tc.ctype)
			w.WriteHeader(http.StatusBadGateway)
			_, _ = w.Write([]byte(tc.body))
		}))
		c := NewClient(Server{URL: ts.URL, Namespace: "argocd"})
		_, err := c.Diff(context.Background(), guestbook("argocd"))
		ts.Close()
		want := strings.ReplaceAll(tc.want, "URL", ts.URL+"/api/v1/applications/guestbook/managed-resources")
		if err == nil || err.Error() != want {
			t.Errorf("got %v\nwant %s", err, want)
		}
	}
}

func TestNotArgoCD(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<!doctype html><title>Argo CD</title>"))
	}))
	defer ts.Close()
	_, err := NewClient(Server{URL: ts.URL}).Diff(context.Background(), guestbook("argocd"))
	if err == nil || !strings.Contains(err.Error(), "unexpected response from "+ts.URL) ||
		!strings.Contains(err.Error(), "text/html") || !strings.Contains(err.Error(), "not Argo CD managed resources") {
		t.Errorf("got %v", err)
	}
}

func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer ts.Close()
	defer close(release)
	c := NewClient(Server{URL: ts.URL, Token: testToken, Timeout: 100 * time.Millisecond})
	start := time.Now()
	_, err := c.Diff(context.Background(), guestbook("argocd"))
	noToken(t, err)
	if want := "Argo CD server " + ts.URL + " timed out after 100ms"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("took %s", time.Since(start))
	}
}

func TestCanceledIsNotATimeout(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := NewClient(Server{URL: "http://127.0.0.1:1"}).Diff(ctx, guestbook("argocd"))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v", err)
	}
}

func TestUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, err = NewClient(Server{URL: "http://" + addr, Token: testToken}).Diff(context.Background(), guestbook("argocd"))
	noToken(t, err)
	want := "Argo CD server http://" + addr + " unreachable: dial tcp " + addr + ": connect: connection refused"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func TestTLSIsVerifiedUnlessInsecure(t *testing.T) {
	ts := httptest.NewUnstartedServer(recorded(t, "guestbook.json", http.StatusOK, nil))
	ts.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is the point
	ts.StartTLS()
	defer ts.Close()
	_, err := NewClient(Server{URL: ts.URL, Token: testToken}).Diff(context.Background(), guestbook("argocd"))
	noToken(t, err)
	if err == nil || !strings.HasPrefix(err.Error(), "Argo CD server "+ts.URL+": ") ||
		!strings.Contains(err.Error(), "certificate") || !strings.Contains(err.Error(), "--argocd-insecure") {
		t.Fatalf("self-signed certificate accepted or unexplained: %v", err)
	}
	if _, err := NewClient(Server{URL: ts.URL, Insecure: true}).Diff(context.Background(), guestbook("argocd")); err != nil {
		t.Fatalf("insecure: %v", err)
	}
}

func TestHTTPSToPlainServerSaysPlainText(t *testing.T) {
	ts := httptest.NewServer(recorded(t, "guestbook.json", http.StatusOK, nil))
	defer ts.Close()
	u := "https://" + strings.TrimPrefix(ts.URL, "http://")
	_, err := NewClient(Server{URL: u}).Diff(context.Background(), guestbook("argocd"))
	if err == nil || !strings.Contains(err.Error(), "--argocd-plaintext") {
		t.Errorf("got %v", err)
	}
}
