package demo

import (
	"context"
	"encoding/json"
	"hash/fnv"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"

	"github.com/mcgtui/mcgtui/internal/sources/kube"
	"github.com/mcgtui/mcgtui/internal/sources/pxsdk"
)

// PortworxOpeners serves each demo cluster's Portworx SDK: at every poll it reads the cluster's
// StorageNodes, StorageClasses and Portworx PersistentVolumes from the cluster's fake client and
// answers the SDK's REST paths with what a Portworx cluster holding them would say, in the
// gateway's own JSON (snake_case, enum names, 64-bit integers as strings), so that the real
// decoder and poller run. The hub's Portworx is healthy; each spoke, by a hash of its name, has
// a volume that lost a replica and a node with a pool 95 % full, or a resyncing volume, or
// both a resyncing volume and a full pool. A StorageNode that is Offline is STATUS_OFFLINE and
// its replicas are not in their volumes' current sets (so its volumes are degraded too).
func PortworxOpeners() func(kube.Conn) pxsdk.Opener {
	return func(conn kube.Conn) pxsdk.Opener {
		if conn.Dynamic == nil {
			return nil
		}
		return sdkOpener{dyn: conn.Dynamic, cluster: conn.Cluster}
	}
}

type sdkOpener struct {
	dyn     dynamic.Interface
	cluster string
}

var (
	sdkStorageNodesGVR = schema.GroupVersionResource{Group: "core.libopenstorage.org", Version: "v1", Resource: "storagenodes"}
	persistentVolsGVR  = schema.GroupVersionResource{Version: "v1", Resource: "persistentvolumes"}
	storageClassGVR    = schema.GroupVersionResource{Group: "storage.k8s.io", Version: "v1", Resource: "storageclasses"}
)

// Open reads the cluster's objects and prepares the answers of one poll.
func (o sdkOpener) Open(ctx context.Context, ns string) (pxsdk.Session, error) {
	nodes, err := o.dyn.Resource(sdkStorageNodesGVR).Namespace(ns).List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, err
	}
	pvs, err := o.dyn.Resource(persistentVolsGVR).List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, err
	}
	classes, err := o.dyn.Resource(storageClassGVR).List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, err
	}
	return buildSDK(o.cluster, nodes.Items, pvs.Items, classes.Items), nil
}

// sdkSession answers GETs from prepared bodies.
type sdkSession struct{ bodies map[string][]byte }

func (s *sdkSession) Path() string { return "service-proxy" }
func (s *sdkSession) Close()       {}

func (s *sdkSession) Get(_ context.Context, path string) ([]byte, error) {
	if b, ok := s.bodies[path]; ok {
		return b, nil
	}
	return nil, &pxsdk.StatusError{Code: http.StatusNotFound, SDK: true, Message: "not found"}
}

type sdkNode struct {
	id, host, ip, status string
	total, used          int64
}

// sdkTrouble is what a demo cluster's SDK shows besides healthy volumes.
type sdkTrouble struct{ degraded, resync, fullPool bool }

func troubleFor(cluster string) sdkTrouble {
	if cluster == "hub" {
		return sdkTrouble{}
	}
	h := fnv.New32a()
	_, _ = h.Write([]byte(cluster))
	switch h.Sum32() % 3 {
	case 0:
		return sdkTrouble{degraded: true, fullPool: true}
	case 1:
		return sdkTrouble{resync: true}
	}
	return sdkTrouble{resync: true, fullPool: true}
}

func buildSDK(cluster string, nodeObjs, pvObjs, classObjs []unstructured.Unstructured) *sdkSession {
	s := &sdkSession{bodies: map[string][]byte{}}
	trouble := troubleFor(cluster)
	put := func(path string, v any) {
		b, _ := json.Marshal(v)
		s.bodies[path] = b
	}
	sort.Slice(nodeObjs, func(i, j int) bool { return nodeObjs[i].GetName() < nodeObjs[j].GetName() })
	var nodes []sdkNode
	for _, u := range nodeObjs {
		n := sdkNode{id: str(u.Object, "status", "nodeUid"), host: u.GetName(), ip: str(u.Object, "status", "network", "mgmtIP"),
			status: nodeStatus(str(u.Object, "status", "phase"))}
		n.total = quantity(str(u.Object, "status", "storage", "totalSize"))
		n.used = quantity(str(u.Object, "status", "storage", "usedSize"))
		if n.id == "" {
			n.id = u.GetName()
		}
		nodes = append(nodes, n)
	}
	ids := make([]string, len(nodes))
	for i, n := range nodes {
		ids[i] = n.id
		pools := []map[string]any{{"ID": 0, "uuid": n.id + "-pool-0", "Cos": "HIGH", "Medium": "STORAGE_MEDIUM_SSD",
			"TotalSize": strconv.FormatInt(n.total, 10), "Used": strconv.FormatInt(n.used, 10)}}
		if i == 1 && trouble.fullPool {
			pools = append(pools, map[string]any{"ID": 1, "uuid": n.id + "-pool-1", "Cos": "LOW",
				"TotalSize": strconv.FormatInt(1<<40, 10), "Used": strconv.FormatInt(1<<40/100*95, 10)})
		}
		put("/v1/nodes/inspect/"+url.PathEscape(n.id), map[string]any{"node": map[string]any{
			"id": n.id, "hostname": n.host, "scheduler_node_name": n.host, "mgmt_ip": n.ip, "data_ip": n.ip,
			"status": n.status, "pools": pools}})
	}
	put("/v1/nodes", map[string]any{"node_ids": ids})
	put("/v1/clusters/inspectcurrent", map[string]any{"cluster": map[string]any{"status": "STATUS_OK", "id": cluster + "-px", "name": cluster + "-px"}})

	repl, cos := map[string]int{}, map[string]string{}
	for _, c := range classObjs {
		r, _ := strconv.Atoi(str(c.Object, "parameters", "repl"))
		repl[c.GetName()], cos[c.GetName()] = max(r, 1), "LOW"
		if str(c.Object, "parameters", "priority_io") == "high" {
			cos[c.GetName()] = "HIGH"
		}
	}
	sort.Slice(pvObjs, func(i, j int) bool { return pvObjs[i].GetName() < pvObjs[j].GetName() })
	var volIDs []string
	k := 0
	for _, pv := range pvObjs {
		if str(pv.Object, "spec", "csi", "driver") != "pxd.portworx.com" || len(nodes) == 0 {
			continue
		}
		id := str(pv.Object, "spec", "csi", "volumeHandle")
		class := str(pv.Object, "spec", "storageClassName")
		volIDs = append(volIDs, id)
		put("/v1/volumes/inspect/"+url.PathEscape(id), map[string]any{"volume": demoVolume(k, id, pv, nodes, min(repl[class], len(nodes)), cos[class], trouble), "name": pv.GetName()})
		k++
	}
	put("/v1/volumes", map[string]any{"volume_ids": volIDs})
	return s
}

// demoVolume is the k-th Portworx volume: replicas on ha nodes from node k on, attached to the
// first; with trouble, volume 1 is resyncing and volume 2 has lost its last replica from the
// current set.
func demoVolume(k int, id string, pv unstructured.Unstructured, nodes []sdkNode, ha int, cos string, trouble sdkTrouble) map[string]any {
	size := quantity(str(pv.Object, "spec", "capacity", "storage"))
	var set, pools, current []string
	for r := range max(ha, 1) {
		n := nodes[(k+r)%len(nodes)]
		set = append(set, n.id)
		pools = append(pools, n.id+"-pool-0")
		if n.status == "STATUS_OK" {
			current = append(current, n.id)
		}
	}
	state := "clean"
	switch {
	case k == 1 && trouble.resync:
		state = "resync"
	case k == 2 && trouble.degraded && len(current) == len(set) && len(set) > 1:
		current = current[:len(current)-1]
	}
	status := "VOLUME_STATUS_UP"
	if len(current) < len(set) {
		status = "VOLUME_STATUS_DEGRADED"
	}
	if len(current) == 0 {
		status = "VOLUME_STATUS_DOWN"
	}
	attached := set[0]
	return map[string]any{
		"id": id, "locator": map[string]any{"name": pv.GetName()},
		"spec":   map[string]any{"size": strconv.FormatInt(size, 10), "ha_level": strconv.Itoa(len(set)), "cos": cos},
		"usage":  strconv.FormatInt(size/100*int64(15+(k*37)%70), 10),
		"status": status, "state": "VOLUME_STATE_ATTACHED", "attached_on": attached,
		"replica_sets":  []any{map[string]any{"nodes": set, "pool_uuids": pools}},
		"runtime_state": []any{map[string]any{"runtime_state": map[string]string{"ReplicaSetCurrMid": strings.Join(current, ","), "RuntimeState": state}}},
	}
}

func nodeStatus(phase string) string {
	switch phase {
	case "Online":
		return "STATUS_OK"
	case "Offline":
		return "STATUS_OFFLINE"
	case "NotInQuorum":
		return "STATUS_NOT_IN_QUORUM"
	case "Maintenance":
		return "STATUS_MAINTENANCE"
	}
	return "STATUS_INIT"
}

func str(obj map[string]any, path ...string) string {
	s, _, _ := unstructured.NestedString(obj, path...)
	return s
}

func quantity(s string) int64 {
	q, err := resource.ParseQuantity(s)
	if err != nil {
		return 0
	}
	return q.Value()
}
