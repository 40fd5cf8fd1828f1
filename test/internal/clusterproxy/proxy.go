// Package clusterproxy reproduces, for the end-to-end suites, the user-endpoint contract of
// Open Cluster Management's cluster-proxy (its upstream modules are not served by the Go
// module proxy, so the real addon cannot be built here; docs/testing.md says so):
//
//   - HTTPS with its own certificate; a managed cluster's API is under /CLUSTER/...;
//   - the caller's bearer token is authenticated against the hub (a TokenReview, as MCE 2.9
//     and later do) and the request is sent to the spoke's real kube-apiserver impersonating
//     that hub user (Impersonate-User / Impersonate-Group), so the spoke's RBAC decides;
//   - responses, watches included, are streamed as they come.
//
// Faults can be injected per cluster: an HTTP status instead of forwarding (502), and cutting
// every open stream mid-way.
package clusterproxy

import (
	"context"
	"crypto/sha256"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"time"

	authnv1 "k8s.io/api/authentication/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

// Proxy is a running reproduction of the cluster-proxy user endpoint.
type Proxy struct {
	URL   string // https://127.0.0.1:PORT
	CAPEM []byte // the CA of its serving certificate

	srv    *httptest.Server
	hub    kubernetes.Interface
	spokes map[string]*spoke

	mu       sync.Mutex
	faults   map[string]int            // cluster → status answered instead of forwarding
	streams  map[string]map[int]func() // cluster → open requests' cancel functions
	next     int
	reviews  map[[32]byte]authnv1.UserInfo // token hash → user, for a minute
	reviewed map[[32]byte]time.Time
	requests map[string]int // cluster → requests forwarded
}

type spoke struct {
	target *url.URL
	proxy  *httputil.ReverseProxy
}

// Start serves the spokes (cluster name → an identity on that spoke allowed to impersonate,
// e.g. its admin) and authenticates tokens with hub (an identity allowed to create
// TokenReviews).
func Start(hub *rest.Config, spokes map[string]*rest.Config) (*Proxy, error) {
	hc, err := kubernetes.NewForConfig(hub)
	if err != nil {
		return nil, err
	}
	p := &Proxy{hub: hc, spokes: map[string]*spoke{}, faults: map[string]int{}, streams: map[string]map[int]func(){},
		reviews: map[[32]byte]authnv1.UserInfo{}, reviewed: map[[32]byte]time.Time{}, requests: map[string]int{}}
	for name, cfg := range spokes {
		rt, err := rest.TransportFor(cfg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		target, err := url.Parse(cfg.Host)
		if err != nil {
			return nil, err
		}
		sp := &spoke{target: target}
		sp.proxy = &httputil.ReverseProxy{
			Transport:     rt,
			FlushInterval: -1, // stream watch events as they come
			Rewrite: func(pr *httputil.ProxyRequest) {
				pr.SetURL(target)
				pr.Out.Host = target.Host
			},
			ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
				http.Error(w, "cluster-proxy: "+err.Error(), http.StatusBadGateway)
			},
		}
		p.spokes[name] = sp
	}
	p.srv = httptest.NewUnstartedServer(http.HandlerFunc(p.serve))
	p.srv.EnableHTTP2 = true
	p.srv.StartTLS()
	p.URL = p.srv.URL
	p.CAPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: p.srv.Certificate().Raw})
	return p, nil
}

// Close stops serving and cuts every open stream.
func (p *Proxy) Close() {
	p.mu.Lock()
	for _, m := range p.streams {
		for _, cancel := range m {
			cancel()
		}
	}
	p.mu.Unlock()
	p.srv.CloseClientConnections()
	p.srv.Close()
}

// Fail makes the proxy answer code for every request to cluster (0 forwards again).
func (p *Proxy) Fail(cluster string, code int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if code == 0 {
		delete(p.faults, cluster)
	} else {
		p.faults[cluster] = code
	}
}

// Cut ends every request to cluster that is still streaming (watches) mid-way, as a proxy
// restart or a dropped tunnel would, and returns how many it cut.
func (p *Proxy) Cut(cluster string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, cancel := range p.streams[cluster] {
		cancel()
		n++
	}
	return n
}

// Requests returns how many requests to cluster were forwarded.
func (p *Proxy) Requests(cluster string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.requests[cluster]
}

func (p *Proxy) serve(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, "/")
	cluster, path, _ := strings.Cut(rest, "/")
	sp, ok := p.spokes[cluster]
	if !ok {
		http.Error(w, fmt.Sprintf("cluster %q not found", cluster), http.StatusNotFound)
		return
	}
	p.mu.Lock()
	code := p.faults[cluster]
	p.mu.Unlock()
	if code != 0 {
		http.Error(w, http.StatusText(code)+": injected fault for "+cluster, code)
		return
	}
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || token == "" {
		unauthorized(w, "no bearer token")
		return
	}
	user, err := p.authenticate(r.Context(), token)
	if err != nil {
		unauthorized(w, err.Error())
		return
	}
	// The caller's own identity headers never pass: the proxy decides who acts on the spoke.
	for h := range r.Header {
		if strings.HasPrefix(strings.ToLower(h), "impersonate-") {
			r.Header.Del(h)
		}
	}
	r.Header.Del("Authorization")
	r.Header.Set("Impersonate-User", user.Username)
	for _, g := range user.Groups {
		r.Header.Add("Impersonate-Group", g)
	}
	if user.UID != "" {
		r.Header.Set("Impersonate-Uid", user.UID)
	}
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	id := p.track(cluster, cancel)
	defer p.untrack(cluster, id)
	out := r.Clone(ctx)
	out.URL.Path = "/" + path
	out.URL.RawPath = ""
	sp.proxy.ServeHTTP(w, out)
}

func (p *Proxy) track(cluster string, cancel func()) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.next++
	if p.streams[cluster] == nil {
		p.streams[cluster] = map[int]func(){}
	}
	p.streams[cluster][p.next] = cancel
	p.requests[cluster]++
	return p.next
}

func (p *Proxy) untrack(cluster string, id int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.streams[cluster], id)
}

// authenticate asks the hub who the token belongs to (cached for a minute, as the real proxy
// caches its reviews).
func (p *Proxy) authenticate(ctx context.Context, token string) (authnv1.UserInfo, error) {
	key := sha256.Sum256([]byte(token))
	p.mu.Lock()
	if at, ok := p.reviewed[key]; ok && time.Since(at) < time.Minute {
		u := p.reviews[key]
		p.mu.Unlock()
		return u, nil
	}
	p.mu.Unlock()
	tr, err := p.hub.AuthenticationV1().TokenReviews().Create(ctx, &authnv1.TokenReview{Spec: authnv1.TokenReviewSpec{Token: token}}, metav1.CreateOptions{})
	if err != nil {
		return authnv1.UserInfo{}, fmt.Errorf("token review on the hub: %w", err)
	}
	if !tr.Status.Authenticated {
		return authnv1.UserInfo{}, fmt.Errorf("token not accepted by the hub: %s", tr.Status.Error)
	}
	p.mu.Lock()
	p.reviews[key], p.reviewed[key] = tr.Status.User, time.Now()
	p.mu.Unlock()
	return tr.Status.User, nil
}

// unauthorized answers 401 with a Kubernetes Status, as the real endpoint does.
func unauthorized(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusUnauthorized)
	fmt.Fprintf(w, `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":%q,"reason":"Unauthorized","code":401}`, "Unauthorized: "+msg)
}
