package fleet

import (
	"fmt"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// KubeconfigConnector resolves a managed cluster to a kubeconfig context, in this order: the
// explicit mapping (config file and --cluster-context), a context named like the cluster, a
// context whose server URL is one of the ManagedCluster's client URLs. The hub's own context
// is never used for a spoke.
func KubeconfigConnector(kc *kube.Kubeconfig, mapping map[string]string, hubContext string) Connector {
	return func(mc *model.ManagedCluster) (kube.Conn, bool, string) {
		ctx := mapping[mc.Name]
		if ctx != "" && !kc.HasContext(ctx) {
			return kube.Conn{}, false, fmt.Sprintf("mapped context %q not found in kubeconfig", ctx)
		}
		if ctx == "" && kc.HasContext(mc.Name) && mc.Name != hubContext {
			ctx = mc.Name
		}
		if ctx == "" {
			for _, u := range mc.ClientURLs {
				if c := kc.ContextForServer(u); c != "" && c != hubContext {
					ctx = c
					break
				}
			}
		}
		if ctx == "" {
			return kube.Conn{}, false, "no kubeconfig context for " + mc.Name
		}
		conn, err := kc.Conn(ctx, mc.Name, false)
		if err != nil {
			return kube.Conn{}, false, err.Error()
		}
		return conn, true, ""
	}
}
