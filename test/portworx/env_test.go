package portworx

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mcgtui/mcgtui/test/internal/controlplane"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/client-go/rest"
)

// sdk is one running SDK server: REST port on the test address, control listener on loopback.
type sdk struct {
	proc      *proc
	restPort  int
	control   string
	tokenFile string
}

// Env is the shared set of peers.
type Env struct {
	Dir     string
	Addr    string // the test interface's address
	Plane   *controlplane.Plane
	Open    *sdk // security off, behind px-open (and px-missing's claims)
	Secure  *sdk // security on, behind px-secure and the port-forward pod
	Down    *sdk // killed by the SDK-down test, behind px-down
	Slow    *slowProxy
	Kubelet *kubelet
	Bin     string
	// Reader may read what mcgtui reads plus services/proxy and port-forward; NoProxy lacks
	// services/proxy.
	Reader, NoProxy  *rest.Config
	ReaderKubeconfig string
}

const (
	readerRole  = "px-reader"
	noProxyRole = "px-no-proxy"
	nodeName    = "px-node-1"
	podName     = "portworx-api-x7k2p"
)

func startEnv() (e *Env, err error) {
	dir, err := os.MkdirTemp("", "mcgtui-px-")
	if err != nil {
		return nil, err
	}
	e = &Env{Dir: dir, Addr: os.Getenv(addrEnv)}
	defer func() {
		if err != nil {
			e.stop()
		}
	}()
	if e.Bin, err = mcgtuiBinary(dir); err != nil {
		return e, err
	}
	assets, _ := controlplane.FindAssets()
	crds := []string{filepath.Join("..", "e2e", "testdata", "crds", "portworx")}
	if e.Plane, err = controlplane.Start(filepath.Join(dir, "plane"), "px", assets, crds); err != nil {
		return e, err
	}
	if e.Open, err = startSDK(dir, "sdk-open", 9020, ""); err != nil {
		return e, err
	}
	if e.Secure, err = startSDK(dir, "sdk-secure", 9120, "mcgtui-test-shared-secret", "-guest-access=false"); err != nil {
		return e, err
	}
	if e.Down, err = startSDK(dir, "sdk-down", 9220, ""); err != nil {
		return e, err
	}
	if e.Slow, err = startSlowProxy(net.JoinHostPort(e.Addr, "9022"), net.JoinHostPort("127.0.0.1", "9021"), 3*time.Second); err != nil {
		return e, err
	}
	if e.Kubelet, err = startKubelet(net.JoinHostPort(e.Addr, "10250")); err != nil {
		return e, err
	}
	ctx := context.Background()
	read := []string{"get", "list", "watch"}
	base := []rbacv1.PolicyRule{
		{APIGroups: []string{"core.libopenstorage.org"}, Resources: []string{"storageclusters", "storagenodes"}, Verbs: read},
		{APIGroups: []string{""}, Resources: []string{"persistentvolumeclaims", "persistentvolumes"}, Verbs: read},
		{APIGroups: []string{"storage.k8s.io"}, Resources: []string{"storageclasses"}, Verbs: read},
	}
	sdkRules := []rbacv1.PolicyRule{
		{APIGroups: []string{""}, Resources: []string{"services/proxy"}, Verbs: []string{"get"}},
		{APIGroups: []string{""}, Resources: []string{"services"}, Verbs: []string{"get"}},
		{APIGroups: []string{""}, Resources: []string{"pods"}, Verbs: []string{"list"}},
		{APIGroups: []string{""}, Resources: []string{"pods/portforward"}, Verbs: []string{"create", "get"}},
	}
	if err = e.Plane.Grant(ctx, readerRole, append(base, sdkRules...)); err != nil {
		return e, err
	}
	if err = e.Plane.Grant(ctx, noProxyRole, base); err != nil {
		return e, err
	}
	if e.Reader, err = e.Plane.User(ctx, "px-reader", readerRole); err != nil {
		return e, err
	}
	if e.NoProxy, err = e.Plane.User(ctx, "px-no-proxy", noProxyRole); err != nil {
		return e, err
	}
	e.ReaderKubeconfig = filepath.Join(dir, "reader.kubeconfig")
	if err = controlplane.WriteKubeconfig(e.ReaderKubeconfig, "px", "", e.Reader); err != nil {
		return e, err
	}
	if err = e.node(ctx); err != nil {
		return e, err
	}
	for ns, port := range map[string]int{"px-open": e.Open.restPort, "px-secure": e.Secure.restPort, "px-slow": 9022, "px-down": e.Down.restPort, "px-none": 0} {
		if err = e.service(ctx, ns, port); err != nil {
			return e, fmt.Errorf("service in %s: %w", ns, err)
		}
	}
	return e, nil
}

func (e *Env) stop() {
	for _, s := range []*sdk{e.Open, e.Secure, e.Down} {
		if s != nil {
			s.proc.stop()
		}
	}
	if e.Slow != nil {
		e.Slow.close()
	}
	if e.Kubelet != nil {
		e.Kubelet.close()
	}
	if e.Plane != nil {
		e.Plane.Stop()
	}
	_ = os.RemoveAll(e.Dir)
}

// startSDK runs one SDK server: gRPC on grpcPort, REST on grpcPort+1, control on loopback
// grpcPort+10; with secret, security on and a system.admin token in its folder.
func startSDK(dir, name string, grpcPort int, secret string, extra ...string) (*sdk, error) {
	sdkDir := filepath.Join(dir, name)
	if err := os.MkdirAll(sdkDir, 0o700); err != nil {
		return nil, err
	}
	osDir, _ := controlplane.Folder(openstorageFolder)
	s := &sdk{restPort: grpcPort + 1, control: "127.0.0.1:" + strconv.Itoa(grpcPort+10)}
	args := []string{"-grpc-port", strconv.Itoa(grpcPort), "-rest-port", strconv.Itoa(s.restPort), "-control", s.control,
		"-socket", filepath.Join(sdkDir, "sdk.sock"), "-cluster-name", name}
	if secret != "" {
		s.tokenFile = filepath.Join(sdkDir, "token")
		args = append(args, "-shared-secret", secret, "-token-file", s.tokenFile)
	}
	args = append(args, extra...)
	var err error
	if s.proc, err = startProc(sdkDir, name, filepath.Join(osDir, "openstorage-sdk"), args...); err != nil {
		return nil, err
	}
	if err := waitListening(s.proc, s.control, 60*time.Second); err != nil {
		s.proc.stop()
		return nil, err
	}
	if err := waitListening(s.proc, "127.0.0.1:"+strconv.Itoa(s.restPort), 30*time.Second); err != nil {
		s.proc.stop()
		return nil, err
	}
	return s, nil
}

// load replaces the SDK's nodes and volumes (the control listener's /fixture).
func (s *sdk) load(fixture []byte) error {
	resp, err := http.Post("http://"+s.control+"/fixture", "application/json", bytes.NewReader(fixture))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("loading the fixture: HTTP %d", resp.StatusCode)
	}
	return nil
}

func (s *sdk) token() (string, error) {
	b, err := os.ReadFile(s.tokenFile)
	return strings.TrimSpace(string(b)), err
}

// service creates a namespace with a portworx-api Service whose EndpointSlice points at the
// test address and port (none when port is 0: a Service without endpoints… is not created
// either: px-none has no Service at all).
func (e *Env) service(ctx context.Context, ns string, port int) error {
	kc := e.Plane.Kube
	if _, err := kc.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{}); err != nil {
		return err
	}
	if port == 0 {
		return nil
	}
	name := "px-rest-gateway"
	_, err := kc.CoreV1().Services(ns).Create(ctx, &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: "portworx-api"},
		Spec: corev1.ServiceSpec{Selector: map[string]string{"name": "portworx-api"}, Ports: []corev1.ServicePort{
			{Name: name, Port: 9021, TargetPort: intstr.FromInt32(int32(port)), Protocol: corev1.ProtocolTCP}}},
	}, metav1.CreateOptions{})
	if err != nil {
		return err
	}
	// The API server's service proxy picks an EndpointSlice endpoint whose target is a pod of
	// the namespace with that IP: the portworx-api pod, on the test address.
	if err := e.pod(ctx, ns, port); err != nil {
		return err
	}
	p32, proto, ready := int32(port), corev1.ProtocolTCP, true
	_, err = kc.DiscoveryV1().EndpointSlices(ns).Create(ctx, &discoveryv1.EndpointSlice{
		ObjectMeta:  metav1.ObjectMeta{Name: "portworx-api-1", Labels: map[string]string{discoveryv1.LabelServiceName: "portworx-api"}},
		AddressType: discoveryv1.AddressTypeIPv4,
		Endpoints: []discoveryv1.Endpoint{{Addresses: []string{e.Addr}, Conditions: discoveryv1.EndpointConditions{Ready: &ready},
			TargetRef: &corev1.ObjectReference{Kind: "Pod", Namespace: ns, Name: podName}}},
		Ports: []discoveryv1.EndpointPort{{Name: &name, Port: &p32, Protocol: &proto}},
	}, metav1.CreateOptions{})
	return err
}

// node creates the Node the portworx-api pods run on; its kubelet endpoint is this test's
// kubelet (the port-forward path).
func (e *Env) node(ctx context.Context) error {
	kc := e.Plane.Kube
	node, err := kc.CoreV1().Nodes().Create(ctx, &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: nodeName}}, metav1.CreateOptions{})
	if err != nil {
		return err
	}
	node.Status.Addresses = []corev1.NodeAddress{{Type: corev1.NodeInternalIP, Address: e.Addr}}
	node.Status.DaemonEndpoints.KubeletEndpoint.Port = 10250
	_, err = kc.CoreV1().Nodes().UpdateStatus(ctx, node, metav1.UpdateOptions{})
	return err
}

// pod creates a running, ready portworx-api pod on the node, with the test address as its IP
// and port as its REST gateway port.
func (e *Env) pod(ctx context.Context, ns string, port int) error {
	kc := e.Plane.Kube
	pod, err := kc.CoreV1().Pods(ns).Create(ctx, &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: podName, Labels: map[string]string{"name": "portworx-api"}},
		Spec: corev1.PodSpec{NodeName: nodeName, Containers: []corev1.Container{{Name: "portworx-api", Image: "registry.invalid/pause",
			Ports: []corev1.ContainerPort{{Name: "px-rest-gateway", ContainerPort: int32(port)}}}}},
	}, metav1.CreateOptions{})
	if err != nil {
		return err
	}
	pod.Status.Phase = corev1.PodRunning
	pod.Status.PodIP, pod.Status.PodIPs = e.Addr, []corev1.PodIP{{IP: e.Addr}}
	pod.Status.Conditions = []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue}}
	_, err = kc.CoreV1().Pods(ns).UpdateStatus(ctx, pod, metav1.UpdateOptions{})
	return err
}
