package main

import (
	"cmp"
	"context"
	"errors"
	"os"

	"github.com/mcgtui/mcgtui/internal/config"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/clusterproxy"
	"github.com/mcgtui/mcgtui/internal/sources/fleet"
	"github.com/mcgtui/mcgtui/internal/sources/kube"

	"github.com/spf13/pflag"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// accessOptions are the flags of the paths to managed clusters other than a context (issue
// #10), kept apart from the other flags.
type accessOptions struct {
	clusterProxy         string
	clusterProxyCA       string
	clusterProxyInsecure bool
}

func (a *accessOptions) register(fs *pflag.FlagSet) {
	fs.StringVar(&a.clusterProxy, "cluster-proxy", "", "the hub's cluster-proxy user endpoint URL (default: config file, else the Route cluster-proxy-addon-user on the hub)")
	fs.StringVar(&a.clusterProxyCA, "cluster-proxy-ca", "", "PEM file with the CA of the cluster-proxy endpoint's certificate (default: config file, else the system's roots)")
	fs.BoolVar(&a.clusterProxyInsecure, "cluster-proxy-insecure", false, "skip TLS certificate verification of the cluster-proxy endpoint")
}

// validate checks the cluster-proxy flags before anything connects.
func (a *accessOptions) validate() error {
	if a.clusterProxy != "" {
		if msg := config.CheckProxyURL(a.clusterProxy); msg != "" {
			return usagef("--cluster-proxy %s", msg)
		}
	}
	if f := a.clusterProxyCA; f != "" {
		if _, err := os.Stat(f); err != nil {
			return usagef("--cluster-proxy-ca %s: %v", f, errors.Unwrap(err))
		}
		if a.clusterProxyInsecure {
			return usagef("--cluster-proxy-insecure and --cluster-proxy-ca: choose one (an unverified certificate needs no CA)")
		}
	}
	return nil
}

// pathConnector picks each managed cluster's path (context, cluster-proxy, hub facts only)
// and returns what must run beside the fleet manager (the proxy resolver) and the signal that
// asks the manager to pick again.
func pathConnector(a accessOptions, cfg config.Config, kc *kube.Kubeconfig, hubCtx string, hub kube.Conn, contexts fleet.Connector) (fleet.Connector, func(context.Context), <-chan struct{}, error) {
	names, err := cfg.AccessOverrides()
	if err != nil {
		return nil, nil, nil, usageError{err.Error()}
	}
	paths := map[string]model.Access{"context": model.AccessContext, "proxy": model.AccessProxy, "hub": model.AccessHub}
	force := make(map[string]model.Access, len(names))
	for cluster, name := range names {
		force[cluster] = paths[name]
	}
	cp := config.ClusterProxy{}
	if cfg.ClusterProxy != nil {
		cp = *cfg.ClusterProxy
	}
	caFile := cmp.Or(a.clusterProxyCA, cp.CertificateAuthority)
	ca, err := clusterproxy.ReadCA(caFile)
	if err != nil {
		return nil, nil, nil, err
	}
	hubCfg, err := kc.RESTConfig(hubCtx, true)
	if err != nil {
		return nil, nil, nil, err
	}
	creds := map[string]clusterproxy.Credentials{}
	for name, c := range cfg.Clusters {
		if c.Proxy == nil {
			continue
		}
		cr := clusterproxy.Credentials{TokenEnv: c.Proxy.TokenEnv}
		if e := c.Proxy.Exec; e != nil {
			cr.Exec = &clientcmdapi.ExecConfig{
				APIVersion:      cmp.Or(e.APIVersion, "client.authentication.k8s.io/v1"),
				Command:         e.Command,
				Args:            e.Args,
				InteractiveMode: clientcmdapi.NeverExecInteractiveMode,
			}
			for _, v := range e.Env {
				cr.Exec.Env = append(cr.Exec.Env, clientcmdapi.ExecEnvVar{Name: v.Name, Value: v.Value})
			}
		}
		creds[name] = cr
	}
	r := clusterproxy.NewResolver(clusterproxy.Options{
		Hub:       hub,
		HubConfig: hubCfg,
		Endpoint:  cmp.Or(a.clusterProxy, cp.URL),
		Namespace: cp.Namespace,
		TLS:       clusterproxy.TLS{CAData: ca, Insecure: a.clusterProxyInsecure || cp.InsecureSkipTLSVerify},
		Creds:     creds,
	})
	return fleet.PathConnector(contexts, r, force), r.Run, r.Changed(), nil
}
