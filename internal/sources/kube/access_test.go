package kube

import (
	"errors"
	"strings"
	"testing"

	"github.com/mcgtui/mcgtui/internal/model"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

func TestStateForExplainsTheProxyPath(t *testing.T) {
	proxy := Conn{Cluster: "cluster-east", Access: model.AccessProxy}
	direct := Conn{Cluster: "cluster-east", Access: model.AccessContext}
	apps := schema.GroupResource{Group: "argoproj.io", Resource: "applications"}
	forbidden := apierrors.NewForbidden(apps, "", errors.New(`User "alice" cannot list`))
	badGateway := apierrors.NewGenericServerResponse(502, "GET", apps, "", "upstream down", 0, true)
	tests := []struct {
		name   string
		conn   Conn
		err    error
		synced bool
		state  model.SourceState
		want   []string
	}{
		{"forbidden via proxy says what to grant", proxy, forbidden, false, model.StateForbidden, []string{`User "alice" cannot list`, "ClusterPermission", "cluster-east"}},
		{"forbidden direct is unchanged", direct, forbidden, false, model.StateForbidden, []string{`User "alice"`}},
		{"401 via proxy", proxy, apierrors.NewUnauthorized("token expired"), false, model.StateForbidden, []string{"cluster-proxy rejected the hub credentials", "clusters.cluster-east.proxy.tokenEnv"}},
		{"502 via proxy after sync is Unreachable", proxy, badGateway, true, model.StateUnreachable, []string{"cluster-proxy answered 502 Bad Gateway for cluster-east"}},
		{"404 for /version", proxy, unknownToProxy{apierrors.NewNotFound(schema.GroupResource{}, "")}, false, model.StateUnreachable, []string{"cluster-proxy does not serve cluster-east"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := stateFor(tc.conn, tc.err, tc.synced)
			if st.State != tc.state {
				t.Errorf("state %s, want %s (%s)", st.State, tc.state, st.Reason)
			}
			for _, w := range tc.want {
				if !strings.Contains(st.Reason, w) {
					t.Errorf("reason %q lacks %q", st.Reason, w)
				}
			}
			if tc.conn.Access == model.AccessContext && strings.Contains(st.Reason, "ClusterPermission") {
				t.Errorf("a context path got proxy advice: %q", st.Reason)
			}
		})
	}
}
