package e2e

import (
	"context"
	"testing"
	"time"

	"k8s.io/client-go/rest"

	"github.com/mcgtui/mcgtui/internal/health"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/clusterproxy"
	"github.com/mcgtui/mcgtui/internal/sources/fleet"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// BenchmarkEnterCluster measures entering cluster-east: from a new connection to the first
// snapshot with every product listed (what the cluster page waits for), through a kubeconfig
// context and through cluster-proxy (the reproduced endpoint, docs/testing.md), against the
// same real kube-apiserver. The target (issue #10) is proxy ≤ 1.5 × direct; it is measured
// here, never asserted. make bench-e2e runs it.
func BenchmarkEnterCluster(b *testing.B) {
	s := requireSuite(b)
	seedExamples(b, s)
	p := s.clusterProxy(b)
	token, username := s.hubTokenUser(b, proxyViewer, readerRole)
	bindUser(b, s.East, username, readerRole)
	direct, _ := s.East.UserConfig(mcgtuiUser)
	hubCfg := &rest.Config{Host: s.Hub.Admin.Host, BearerToken: token}
	viaProxy, err := clusterproxy.ClusterConfig(hubCfg, p.URL, eastName, clusterproxy.TLS{CAData: p.CAPEM}, clusterproxy.Credentials{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, path := range []struct {
		name string
		cfg  *rest.Config
		conn func(*rest.Config) (kube.Conn, error)
	}{
		{"direct", direct, func(c *rest.Config) (kube.Conn, error) { return kube.ConnForConfig(c, eastName, false) }},
		{"proxy", viaProxy, func(c *rest.Config) (kube.Conn, error) { return clusterproxy.Conn(c, eastName) }},
	} {
		b.Run(path.name, func(b *testing.B) {
			for b.Loop() {
				conn, err := path.conn(rest.CopyConfig(path.cfg))
				if err != nil {
					b.Fatal(err)
				}
				enter(b, conn)
			}
		})
	}
}

// enter runs one cluster source until every product has settled with apps listed.
func enter(b *testing.B, conn kube.Conn) {
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	var once bool
	src := kube.NewClusterSource(conn, kube.SourceOptions{
		Products: fleet.DefaultProducts(""), Coalesce: time.Millisecond,
		Finish: func(s *model.ClusterSnapshot) { health.Apply(s, s.Updated) },
		Publish: func(s *model.ClusterSnapshot) {
			for _, st := range s.Sources[model.ProductArgoCD:] {
				if !st.State.Settled() {
					return
				}
			}
			if len(s.Apps) > 0 && !once {
				once = true
				close(ready)
			}
		},
	})
	done := make(chan struct{})
	go func() { defer close(done); src.Run(ctx) }()
	select {
	case <-ready:
	case <-time.After(time.Minute):
		b.Fatal("the cluster never settled")
	}
	cancel()
	<-done
	conn.Close()
}
