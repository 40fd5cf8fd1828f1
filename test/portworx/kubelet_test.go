package portworx

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"k8s.io/cri-streaming/pkg/streaming/portforward"
)

// kubelet is the one part of a node the port-forward path needs: the kubelet's HTTPS
// /portForward/{namespace}/{pod} endpoint, served by the kubelet's own streaming library
// (k8s.io/cri-streaming, SPDY and WebSocket), forwarding each stream to the pod's port — here
// the SDK's port on this network namespace's loopback. The kube-apiserver reaches it as it
// reaches any kubelet (the Node's InternalIP and kubeletEndpoint port; envtest configures no
// kubelet CA, so the API server does not verify its certificate).
type kubelet struct {
	srv *httptest.Server
	mu  sync.Mutex
	hit []string // pod/port of every forwarded stream
}

func startKubelet(addr string) (*kubelet, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	k := &kubelet{}
	mux := http.NewServeMux()
	mux.HandleFunc("/portForward/{namespace}/{pod}", func(w http.ResponseWriter, r *http.Request) {
		pod := r.PathValue("namespace") + "/" + r.PathValue("pod")
		opts, err := portforward.NewV4Options(r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		portforward.ServePortForward(w, r, k, pod, "", opts, time.Minute, 30*time.Second, portforward.SupportedProtocols)
	})
	k.srv = httptest.NewUnstartedServer(mux)
	k.srv.Listener = ln
	k.srv.EnableHTTP2 = false // SPDY upgrades need HTTP/1.1
	k.srv.StartTLS()
	return k, nil
}

// PortForward implements portforward.PortForwarder: it copies the stream to the pod's port.
func (k *kubelet) PortForward(ctx context.Context, pod, _ string, port int32, stream io.ReadWriteCloser) error {
	k.mu.Lock()
	k.hit = append(k.hit, pod+":"+strconv.Itoa(int(port)))
	k.mu.Unlock()
	defer stream.Close()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(int(port))))
	if err != nil {
		return fmt.Errorf("pod %s port %d: %w", pod, port, err)
	}
	defer conn.Close()
	done := make(chan struct{}, 2)
	go func() { _, _ = io.Copy(conn, stream); done <- struct{}{} }()
	go func() { _, _ = io.Copy(stream, conn); done <- struct{}{} }()
	<-done
	return nil
}

func (k *kubelet) forwarded() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]string(nil), k.hit...)
}

func (k *kubelet) close() { k.srv.Close() }

// slowProxy answers like the SDK, but only after delay: a TCP relay that waits before
// forwarding each connection.
type slowProxy struct {
	ln    net.Listener
	delay time.Duration
	wg    sync.WaitGroup
}

func startSlowProxy(listen, target string, delay time.Duration) (*slowProxy, error) {
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, err
	}
	p := &slowProxy{ln: ln, delay: delay}
	p.wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.wg.Go(func() {
				defer c.Close()
				time.Sleep(p.delay)
				up, err := net.Dial("tcp", target)
				if err != nil {
					return
				}
				defer up.Close()
				go func() { _, _ = io.Copy(up, c) }()
				_, _ = io.Copy(c, up)
			})
		}
	})
	return p, nil
}

func (p *slowProxy) close() { _ = p.ln.Close() }

// mcgtuiBinary is $MCGTUI_BIN (hack/test-portworx.sh builds it), else a fresh go build.
func mcgtuiBinary(dir string) (string, error) {
	if bin := os.Getenv("MCGTUI_BIN"); bin != "" {
		return bin, nil
	}
	bin := filepath.Join(dir, "mcgtui")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/mcgtui/mcgtui/cmd/mcgtui").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, strings.TrimSpace(string(out)))
	}
	return bin, nil
}
