package kube

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/mcgtui/mcgtui/internal/model"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
)

// stateFor is StateFor with the connection's path taken into account: through the hub's
// cluster-proxy a refusal means the hub user lacks rights on the spoke (granted there with a
// ClusterPermission), a rejected token means the proxy does not accept the hub's credentials,
// and a gateway error (502, 503, 504) means the proxy could not reach the spoke.
func stateFor(conn Conn, err error, synced bool) model.SourceStatus {
	st := StateFor(err, synced)
	if conn.Access != model.AccessProxy || err == nil {
		return st
	}
	var status apierrors.APIStatus
	code := 0
	if errors.As(err, &status) {
		code = int(status.Status().Code)
	}
	switch {
	case errors.As(err, new(unknownToProxy)):
	case apierrors.IsUnauthorized(err):
		st.Reason = fmt.Sprintf("unauthorized: cluster-proxy rejected the hub credentials for %s (%s); "+
			"it needs a token it accepts (MCE 2.9 or later accepts hub tokens), or set clusters.%s.proxy.tokenEnv",
			conn.Cluster, shorten(err), conn.Cluster)
	case apierrors.IsForbidden(err):
		st.Reason = fmt.Sprintf("%s (through cluster-proxy, as the hub user: grant get, list and watch on %s with a ClusterPermission)",
			shorten(err), conn.Cluster)
	case code == http.StatusBadGateway || code == http.StatusServiceUnavailable || code == http.StatusGatewayTimeout:
		st = model.SourceStatus{State: model.StateUnreachable,
			Reason: fmt.Sprintf("cluster-proxy answered %d %s for %s: %s", code, http.StatusText(code), conn.Cluster, shorten(err))}
	}
	var unknown unknownToProxy
	if errors.As(err, &unknown) {
		st = model.SourceStatus{State: model.StateUnreachable,
			Reason: fmt.Sprintf("cluster-proxy does not serve %s (404 for /version): %s", conn.Cluster, shorten(unknown.err))}
	}
	return st
}

// unknownToProxy is a 404 for /version through cluster-proxy: no API server answers that, so
// the proxy does not know the cluster (see ClusterSource.probe).
type unknownToProxy struct{ err error }

func (u unknownToProxy) Error() string { return u.err.Error() }
