// Command openstorage-sdk runs the real OpenStorage SDK server (gRPC and its REST gateway) with
// the upstream in-memory "fake" volume driver and an in-memory kvdb, for mcgtui's Portworx
// end-to-end tests (test/portworx). Nothing here re-implements the SDK: the handlers, the REST
// gateway's JSON, the authentication (JWT shared secret) and the volume store are upstream code.
//
// Two things are ours, because no upstream fake provides them:
//   - a fixture cluster: the SDK's node and cluster calls read it (the upstream cluster manager
//     would need gossip between real nodes to report several nodes, pools and node states);
//   - a control listener (-control) on which the test loads volumes into the fake driver's
//     store and nodes into the fixture cluster: POST /fixture with the JSON described at
//     fixture below. The SDK's REST port never serves it.
//
// Usage:
//
//	openstorage-sdk -grpc-port 9020 -rest-port 9021 -control 127.0.0.1:9030 -socket DIR/sdk.sock \
//	    [-shared-secret S -token-file FILE -guest-access=false]
//
// With -shared-secret the SDK authenticates "Authorization: bearer <JWT>" and a token signed with
// that secret for a system.admin user is written to -token-file; requests without a token are
// the guest user, who may read volumes and nodes unless -guest-access=false.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/libopenstorage/openstorage/api"
	"github.com/libopenstorage/openstorage/api/server/sdk"
	"github.com/libopenstorage/openstorage/cluster"
	clustermanager "github.com/libopenstorage/openstorage/cluster/manager"
	"github.com/libopenstorage/openstorage/config"
	"github.com/libopenstorage/openstorage/pkg/auth"
	"github.com/libopenstorage/openstorage/pkg/role"
	"github.com/libopenstorage/openstorage/pkg/storagepolicy"
	volumedrivers "github.com/libopenstorage/openstorage/volume/drivers"
	"github.com/libopenstorage/openstorage/volume/drivers/fake"
	"github.com/portworx/kvdb"
	"github.com/portworx/kvdb/mem"
	"github.com/sirupsen/logrus"
	"google.golang.org/protobuf/encoding/protojson"
)

const issuer = "mcgtui-test"

func main() {
	grpcPort := flag.String("grpc-port", "9020", "SDK gRPC port (every interface of the network namespace)")
	restPort := flag.String("rest-port", "9021", "SDK REST gateway port (every interface of the network namespace)")
	control := flag.String("control", "127.0.0.1:9030", "address of the fixture control listener")
	socket := flag.String("socket", "", "unix socket the REST gateway uses to reach the gRPC server")
	secret := flag.String("shared-secret", "", "turn security on: JWT shared secret")
	tokenFile := flag.String("token-file", "", "with -shared-secret: write a system.admin token here")
	guest := flag.Bool("guest-access", true, "with -shared-secret: let requests without a token in as system.guest "+
		"(false: the guest role may call identity/version only, as after `pxctl auth guest-access disable`)")
	clusterName := flag.String("cluster-name", "px-test", "cluster name the SDK reports")
	flag.Parse()
	if *socket == "" {
		fatal(fmt.Errorf("-socket is required"))
	}
	logrus.SetOutput(os.Stderr)

	kv, err := kvdb.New(mem.Name, "openstorage", []string{}, nil, kvdb.LogFatalErrorCB)
	fatal(err)
	fatal(kvdb.SetInstance(kv))
	// The cluster manager is initialised, never started (no gossip); the SDK and the fake
	// driver see the fixture cluster wrapped around it.
	fatal(clustermanager.Init(config.ClusterConfig{ClusterId: *clusterName, NodeId: "fixture"}))
	real, err := clustermanager.Inst()
	fatal(err)
	fc := &fixtureCluster{Cluster: real, name: *clusterName, status: api.Status_STATUS_OK}
	clustermanager.Inst = func() (cluster.Cluster, error) { return fc, nil }

	fatal(volumedrivers.Add(fake.Name, fake.Init))
	fatal(volumedrivers.Register(fake.Name, map[string]string{}))
	driver, err := volumedrivers.Get(fake.Name)
	fatal(err)
	store, ok := driver.(volumeStore)
	if !ok {
		fatal(fmt.Errorf("the fake driver has no volume store"))
	}

	rm, err := role.NewSdkRoleManager(kv)
	fatal(err)
	sp, err := storagepolicy.Init()
	fatal(err)
	security := &sdk.SecurityConfig{Role: rm}
	if *secret != "" {
		jwtAuth, err := auth.NewJwtAuth(&auth.JwtAuthConfig{SharedSecret: []byte(*secret), UsernameClaim: auth.UsernameClaimTypeSubject})
		fatal(err)
		security.Authenticators = map[string]auth.Authenticator{issuer: jwtAuth}
		if *tokenFile != "" {
			fatal(writeToken(*secret, *tokenFile))
		}
		if !*guest {
			_, err := rm.Update(context.Background(), &api.SdkRoleUpdateRequest{Role: &api.SdkRole{Name: role.SystemGuestRoleName,
				Rules: []*api.SdkRule{{Services: []string{"identity"}, Apis: []string{"version"}}}}})
			fatal(err)
		}
	}
	server, err := sdk.New(&sdk.ServerConfig{
		Net: "tcp", Address: ":" + *grpcPort, RestPort: *restPort, Socket: *socket,
		DriverName: fake.Name, Cluster: fc, StoragePolicy: sp, Security: security,
		AuditOutput: io.Discard, AccessOutput: io.Discard,
	})
	fatal(err)
	fatal(server.Start())

	mux := http.NewServeMux()
	mux.HandleFunc("/fixture", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "POST only", http.StatusMethodNotAllowed)
			return
		}
		if err := load(r.Body, fc, store); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	fmt.Fprintf(os.Stderr, "openstorage-sdk: grpc :%s rest :%s control %s\n", *grpcPort, *restPort, *control)
	fatal(http.ListenAndServe(*control, mux))
}

// volumeStore is the part of the fake driver's store (upstream's default store enumerator)
// the fixture writes volumes through.
type volumeStore interface {
	CreateVol(*api.Volume) error
	UpdateVol(*api.Volume) error
	GetVol(string) (*api.Volume, error)
	DeleteVol(string) error
	Enumerate(*api.VolumeLocator, map[string]string) ([]*api.Volume, error)
}

// fixture is what POST /fixture takes: the whole desired state, replacing the previous one.
// Volumes are api.Volume messages in protobuf JSON (the REST gateway's own format, enum
// names, 64-bit integers as strings); nodes are api.StorageNode messages likewise.
type fixture struct {
	ClusterStatus string            `json:"cluster_status,omitempty"` // api.Status name
	Nodes         []json.RawMessage `json:"nodes"`
	Volumes       []json.RawMessage `json:"volumes"`
}

func load(body io.Reader, fc *fixtureCluster, store volumeStore) error {
	var f fixture
	if err := json.NewDecoder(body).Decode(&f); err != nil {
		return err
	}
	status := api.Status_STATUS_OK
	if f.ClusterStatus != "" {
		v, ok := api.Status_value[f.ClusterStatus]
		if !ok {
			return fmt.Errorf("unknown cluster status %q", f.ClusterStatus)
		}
		status = api.Status(v)
	}
	nodes := make([]api.Node, 0, len(f.Nodes))
	for _, raw := range f.Nodes {
		var sn api.StorageNode
		if err := protojson.Unmarshal(raw, &sn); err != nil {
			return fmt.Errorf("node: %w", err)
		}
		nodes = append(nodes, fromStorageNode(&sn))
	}
	fc.set(status, nodes)

	old, err := store.Enumerate(&api.VolumeLocator{}, nil)
	if err != nil {
		return err
	}
	for _, v := range old {
		if err := store.DeleteVol(v.GetId()); err != nil {
			return err
		}
	}
	for _, raw := range f.Volumes {
		var v api.Volume
		if err := protojson.Unmarshal(raw, &v); err != nil {
			return fmt.Errorf("volume: %w", err)
		}
		if err := store.CreateVol(&v); err != nil {
			return fmt.Errorf("volume %s: %w", v.GetId(), err)
		}
	}
	return nil
}

// fromStorageNode is the inverse of upstream's api.Node.ToStorageNode for the fields a
// fixture sets.
func fromStorageNode(sn *api.StorageNode) api.Node {
	n := api.Node{
		Id: sn.GetId(), SchedulerNodeName: sn.GetSchedulerNodeName(), Status: sn.GetStatus(),
		MgmtIp: sn.GetMgmtIp(), DataIp: sn.GetDataIp(), Hostname: sn.GetHostname(),
		NodeLabels: sn.GetNodeLabels(), NonQuorumMember: sn.GetNonQuorumMember(),
		SecurityStatus: sn.GetSecurityStatus(),
	}
	for _, p := range sn.GetPools() {
		n.Pools = append(n.Pools, api.StoragePool{
			ID: p.GetID(), Cos: p.GetCos(), Medium: p.GetMedium(), RaidLevel: p.GetRaidLevel(),
			TotalSize: p.GetTotalSize(), Used: p.GetUsed(), Labels: p.GetLabels(), Uuid: p.GetUuid(),
		})
	}
	return n
}

// fixtureCluster answers the SDK's cluster and node calls from the loaded fixture; every
// other call goes to the (unstarted) upstream cluster manager.
type fixtureCluster struct {
	cluster.Cluster
	name string

	mu     sync.Mutex
	status api.Status
	nodes  []api.Node
}

func (c *fixtureCluster) set(status api.Status, nodes []api.Node) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.status, c.nodes = status, nodes
}

func (c *fixtureCluster) Uuid() string { return c.name + "-uuid" }

func (c *fixtureCluster) Enumerate() (api.Cluster, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := api.Cluster{Id: c.name, Status: c.status, NodeId: "fixture"}
	for i := range c.nodes {
		n := c.nodes[i]
		out.Nodes = append(out.Nodes, &n)
	}
	return out, nil
}

func (c *fixtureCluster) Inspect(id string) (api.Node, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, n := range c.nodes {
		if n.Id == id {
			return n, nil
		}
	}
	return api.Node{}, kvdb.ErrNotFound
}

func writeToken(secret, path string) error {
	sig, err := auth.NewSignatureSharedSecret(secret)
	if err != nil {
		return err
	}
	token, err := auth.Token(&auth.Claims{Issuer: issuer, Subject: "mcgtui-tester", Name: "mcgtui tester",
		Email: "tester@mcgtui.invalid", Roles: []string{"system.admin"}},
		sig, &auth.Options{Expiration: time.Now().Add(24 * time.Hour).Unix(), IATSubtract: time.Minute})
	if err != nil {
		return err
	}
	return os.WriteFile(path, []byte(token), 0o600)
}

func fatal(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "openstorage-sdk:", err)
		os.Exit(1)
	}
}
