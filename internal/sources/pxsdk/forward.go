package pxsdk

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/httpstream"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/portforward"
	"k8s.io/client-go/transport/spdy"
)

// PortForward reaches the SDK's REST gateway through a port-forward to a ready pod behind the
// portworx-api Service, as `kubectl port-forward` does (WebSocket first, SPDY as the fallback),
// on 127.0.0.1 and a port the kernel picks, for the duration of one poll. Unlike the service
// proxy it can carry the user's SDK token (Portworx security on). It needs get services, list
// pods and create pods/portforward in the Portworx namespace. Token comes from the user
// (environment or config), never from a Secret.
type PortForward struct {
	Config *rest.Config
	Client kubernetes.Interface
	Token  string
	// HTTP is the client for the forwarded port (default: 10 s timeout).
	HTTP *http.Client
}

// Open implements Opener: it finds a ready pod and its REST gateway port and starts forwarding.
func (p PortForward) Open(ctx context.Context, namespace string) (Session, error) {
	pod, port, err := p.target(ctx, namespace)
	if err != nil {
		return nil, err
	}
	u := p.Client.CoreV1().RESTClient().Post().Resource("pods").Namespace(namespace).Name(pod).SubResource("portforward").URL()
	ws, err := portforward.NewSPDYOverWebsocketDialer(u, p.Config)
	if err != nil {
		return nil, err
	}
	rt, upgrader, err := spdy.RoundTripperFor(p.Config)
	if err != nil {
		return nil, err
	}
	dialer := portforward.NewFallbackDialer(ws, spdy.NewDialer(upgrader, &http.Client{Transport: rt}, http.MethodPost, u),
		func(err error) bool { return httpstream.IsUpgradeFailure(err) || httpstream.IsHTTPSProxyError(err) })
	fctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	fw, err := portforward.NewOnAddressesWithContext(fctx, dialer, []string{"127.0.0.1"}, []string{"0:" + strconv.Itoa(port)}, ready, io.Discard, io.Discard)
	if err != nil {
		cancel()
		return nil, err
	}
	done := make(chan error, 1)
	go func() { done <- fw.ForwardPorts() }()
	select {
	case <-ready:
	case err := <-done:
		cancel()
		return nil, fmt.Errorf("port-forward to pod %s: %w", pod, err)
	case <-ctx.Done():
		cancel()
		<-done
		return nil, ctx.Err()
	}
	ports, err := fw.GetPorts()
	if err != nil || len(ports) == 0 {
		cancel()
		<-done
		return nil, fmt.Errorf("port-forward to pod %s: no local port", pod)
	}
	hc := p.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 10 * time.Second}
	}
	return &forwardSession{
		base: "http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(int(ports[0].Local))), token: p.Token,
		http: hc, stop: func() { cancel(); <-done },
	}, nil
}

// target picks the first ready pod (by name) behind the portworx-api Service and the pod port
// its REST service port maps to (9021, or 17018 on OpenShift, by number or by name).
func (p PortForward) target(ctx context.Context, namespace string) (string, int, error) {
	svc, err := p.Client.CoreV1().Services(namespace).Get(ctx, ServiceName, metav1.GetOptions{})
	if err != nil {
		return "", 0, err
	}
	var target intstr.IntOrString
	found := false
	for _, sp := range svc.Spec.Ports {
		if sp.Port == RESTPort {
			target, found = sp.TargetPort, true
		}
	}
	if !found {
		return "", 0, fmt.Errorf("service %s/%s has no port %d", namespace, ServiceName, RESTPort)
	}
	if len(svc.Spec.Selector) == 0 {
		return "", 0, fmt.Errorf("service %s/%s has no selector: no pod to forward to", namespace, ServiceName)
	}
	pods, err := p.Client.CoreV1().Pods(namespace).List(ctx, metav1.ListOptions{LabelSelector: labels.SelectorFromSet(svc.Spec.Selector).String()})
	if err != nil {
		return "", 0, err
	}
	items := pods.Items
	slices.SortFunc(items, func(a, b corev1.Pod) int {
		if a.Name < b.Name {
			return -1
		}
		if a.Name > b.Name {
			return 1
		}
		return 0
	})
	for i := range items {
		pod := &items[i]
		if !podReady(pod) {
			continue
		}
		if port := podPort(pod, target); port > 0 {
			return pod.Name, port, nil
		}
	}
	return "", 0, fmt.Errorf("no ready %s pod in %s", ServiceName, namespace)
}

func podReady(pod *corev1.Pod) bool {
	if pod.Status.Phase != corev1.PodRunning || pod.DeletionTimestamp != nil {
		return false
	}
	for _, c := range pod.Status.Conditions {
		if c.Type == corev1.PodReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

// podPort resolves a service targetPort on a pod: a number as it is (the service port when
// unset), a name through the containers' ports.
func podPort(pod *corev1.Pod, target intstr.IntOrString) int {
	switch {
	case target.Type == intstr.Int && target.IntVal > 0:
		return int(target.IntVal)
	case target.Type == intstr.Int:
		return RESTPort
	}
	for _, c := range pod.Spec.Containers {
		for _, cp := range c.Ports {
			if cp.Name == target.StrVal {
				return int(cp.ContainerPort)
			}
		}
	}
	return 0
}

type forwardSession struct {
	base  string
	token string
	http  *http.Client
	stop  func()
}

func (s *forwardSession) Path() string { return "port-forward" }
func (s *forwardSession) Close()       { s.stop() }

func (s *forwardSession) Get(ctx context.Context, path string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.base+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	if s.token != "" {
		req.Header.Set("Authorization", "bearer "+s.token)
	}
	resp, err := s.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		e := statusError(resp.StatusCode, body)
		e.SDK = true // nothing but the SDK answers on the forwarded port
		e.TokenSent = s.token != ""
		return nil, e
	}
	return body, nil
}

// maxBody bounds one answer: a volume list of 100,000 ids is about 2 MiB.
const maxBody = 32 << 20
