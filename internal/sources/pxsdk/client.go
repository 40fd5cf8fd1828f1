package pxsdk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/rest"
)

// The portworx-api Service: its name and the REST gateway's service port (px-rest-gateway).
// OpenShift's pods listen on 17018 behind the same service port, so 9021 holds there too.
const (
	ServiceName = "portworx-api"
	RESTPort    = 9021
)

// Paths the poller reads; all GETs.
const (
	pathCluster = "/v1/clusters/inspectcurrent"
	pathNodes   = "/v1/nodes"
	pathVolumes = "/v1/volumes"
)

func nodePath(id string) string   { return "/v1/nodes/inspect/" + url.PathEscape(id) }
func volumePath(id string) string { return "/v1/volumes/inspect/" + url.PathEscape(id) }

// Opener prepares the connection of one poll to the SDK of the Portworx installed in a
// namespace; ServiceProxy and PortForward are the two real ones, the demo has its own.
type Opener interface {
	Open(ctx context.Context, namespace string) (Session, error)
}

// Session is one poll's connection. Get returns the body of a 2xx answer, or an error:
// *StatusError for an HTTP answer, anything else for a transport failure.
type Session interface {
	Get(ctx context.Context, path string) ([]byte, error)
	// Path names how the SDK is reached: "service-proxy" or "port-forward".
	Path() string
	Close()
}

// StatusError is a non-2xx HTTP answer, from the API server (SDK false: a Kubernetes Status,
// such as forbidden or service not found) or from the SDK's REST gateway (a gRPC status in
// JSON: {"code": 16, "message": "..."}).
type StatusError struct {
	Code    int
	SDK     bool
	Reason  metav1.StatusReason // the API server's reason, when !SDK
	Message string
	// TokenSent is set when the request carried the user's SDK token (port-forward).
	TokenSent bool
}

func (e *StatusError) Error() string {
	who := "API server"
	if e.SDK {
		who = "portworx sdk"
	}
	if e.Message == "" {
		return fmt.Sprintf("%s: HTTP %d", who, e.Code)
	}
	return fmt.Sprintf("%s: HTTP %d: %s", who, e.Code, e.Message)
}

// statusError classifies an HTTP error answer by its body: a Kubernetes Status comes from the
// API server, anything else from the SDK behind it.
func statusError(code int, body []byte) *StatusError {
	var st metav1.Status
	if json.Unmarshal(body, &st) == nil && st.Kind == "Status" {
		return &StatusError{Code: code, Reason: st.Reason, Message: oneLine(st.Message)}
	}
	var g struct {
		Message string `json:"message"`
		Error   string `json:"error"`
	}
	msg := ""
	if json.Unmarshal(body, &g) == nil {
		msg = g.Message
		if msg == "" {
			msg = g.Error
		}
	} else {
		msg = string(body)
	}
	return &StatusError{Code: code, SDK: true, Message: oneLine(msg)}
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// ServiceProxy reaches the SDK's REST gateway through the Kubernetes API server's service proxy
// (/api/v1/namespaces/NS/services/portworx-api:9021/proxy/...): no port opens on the user's
// machine, and the user needs get on services/proxy. The API server drops the Authorization
// header of every request it authenticates, so this path carries no SDK token: a cluster with
// Portworx security on answers 401 here (see PortForward).
type ServiceProxy struct {
	Client rest.Interface // a core/v1 REST client (CoreV1().RESTClient())
}

// Open implements Opener; it does not touch the network.
func (p ServiceProxy) Open(_ context.Context, namespace string) (Session, error) {
	return &proxySession{client: p.Client, base: []string{"/api/v1/namespaces", namespace, "services",
		fmt.Sprintf("%s:%d", ServiceName, RESTPort), "proxy"}}, nil
}

type proxySession struct {
	client rest.Interface
	base   []string
}

func (s *proxySession) Path() string { return "service-proxy" }
func (s *proxySession) Close()       {}

func (s *proxySession) Get(ctx context.Context, path string) ([]byte, error) {
	res := s.client.Get().AbsPath(s.base...).Suffix(path).SetHeader("Accept", "application/json").Do(ctx)
	body, err := res.Raw()
	if err == nil {
		return body, nil
	}
	var code int
	res.StatusCode(&code)
	if code == 0 || len(body) == 0 && code >= 500 && isTransport(err) {
		return nil, err
	}
	return nil, statusError(code, body)
}

// isTransport reports whether err is a failure to get an HTTP answer at all.
func isTransport(err error) bool {
	var ue *url.Error
	return errors.As(err, &ue)
}
