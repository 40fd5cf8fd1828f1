package demo

import (
	"strconv"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// Portworx layout and strings (examples portworx-storagecluster-online.yaml and
// portworx-storagenode-online.yaml; libopenstorage/operator status.go).
const (
	pxAPIVersion    = "core.libopenstorage.org/v1"
	pxNamespace     = "portworx"
	pxProvisioner   = "pxd.portworx.com"
	pxNodesPerClust = 3
	rhcosRelease    = "Red Hat Enterprise Linux CoreOS 416.94.202410211619-0"
	rhcosKernel     = "5.14.0-427.40.1.el9_4.x86_64"
)

// Portworx releases the clusters run: version string and oci-monitor image tag.
var pxReleases = []struct{ version, tag string }{
	{"3.1.4.0-ab9c1a4", "3.1.4"},
	{"3.2.0.0-6dca9b8", "3.2.0"},
}

// volumeTemplate is one PersistentVolumeClaim of the catalogue.
type volumeTemplate struct {
	name, namespace, size, class string
	shared                       bool // ReadWriteMany (a Portworx sharedv4 volume)
}

var volumeCatalogue = []volumeTemplate{
	{"data-postgres-0", "payments", "50Gi", "px-csi-db", false},
	{"redis-data-redis-master-0", "cache", "8Gi", "px-csi-replicated", false},
	{"data-events-broker-0", "kafka", "100Gi", "px-csi-db", false},
	{"grafana-storage", "observability", "10Gi", "px-csi-replicated", false},
	{"data-keycloak-postgres-0", "sso", "20Gi", "px-csi-db", false},
	{"export-minio-0", "minio", "200Gi", "px-csi-replicated", false},
	{"data-events-broker-1", "kafka", "100Gi", "px-csi-db", false},
	{"data-events-broker-2", "kafka", "100Gi", "px-csi-db", false},
	{"inventory-db-0", "inventory", "30Gi", "px-csi-db", false},
	{"search-index-0", "search", "60Gi", "px-csi-replicated", false},
	{"reports-archive", "reports", "500Gi", "px-csi-replicated", true},
	{"checkout-cache", "checkout", "5Gi", "px-csi-replicated", false},
}

// hubVolume is the hub's first volume: Vault's storage.
var hubVolume = volumeTemplate{"data-vault-0", "vault", "10Gi", "px-csi-db", false}

// portworx adds the cluster's StorageCluster, StorageNodes, StorageClasses and volumes.
func (b *clusterBuilder) portworx() {
	rel := pxReleases[b.r.IntN(len(pxReleases))]
	nodeOfflineHere := b.p.scenarios&nodeOffline != 0
	clusterName := "px-cluster-" + hexString(b.r, 8)
	installed := b.created()
	b.add(b.storageCluster(clusterName, rel.version, rel.tag, installed))
	for i := range pxNodesPerClust {
		u := b.storageNode(i, rel.version, installed, nodeOfflineHere && i == pxNodesPerClust-1)
		b.add(u)
		if nodeOfflineHere && i == pxNodesPerClust-1 {
			b.addTrouble(ScenarioNodeOffline, u, true)
		}
	}
	b.storageClass("px-csi-db", pxProvisioner, false, "repl", "3", "io_profile", "db_remote", "priority_io", "high")
	b.storageClass("px-csi-replicated", pxProvisioner, false, "repl", "2")
	cloudClass, cloudProvisioner := cloudStorageClass(b.p.cloud)
	b.storageClass(cloudClass, cloudProvisioner, true)

	for i := range b.opts.VolumesPerCluster {
		t := volumeCatalogue[i%len(volumeCatalogue)]
		t.name = nthName(t.name, i/len(volumeCatalogue))
		if b.p.hub && i == 0 {
			t = hubVolume
		}
		pending := nodeOfflineHere && i == b.opts.VolumesPerCluster-1
		b.volume(t, pxProvisioner, pending)
	}
	// One volume outside Portworx, which a Portworx view must leave out.
	b.volume(volumeTemplate{"prometheus-k8s-db-prometheus-k8s-0", "openshift-monitoring", "40Gi", cloudClass, false}, cloudProvisioner, false)
}

// cloudStorageClass is the default class of the cloud's own CSI driver.
func cloudStorageClass(cloud string) (name, provisioner string) {
	switch cloud {
	case "Amazon":
		return "gp3-csi", "ebs.csi.aws.com"
	case "Azure":
		return "managed-csi", "disk.csi.azure.com"
	case "Google":
		return "standard-csi", "pd.csi.storage.gke.io"
	case "VSphere":
		return "thin-csi", "csi.vsphere.vmware.com"
	case "OpenStack":
		return "standard-csi", "cinder.csi.openstack.org"
	}
	return "lvms-vg1", "topolvm.io"
}

func (b *clusterBuilder) storageCluster(name, version, tag string, installed time.Time) *unstructured.Unstructured {
	u := newObject(pxAPIVersion, "StorageCluster", pxNamespace, name, b.r, installed)
	setAnnotations(u, "portworx.io/install-source", "https://install.portworx.com/"+tag[:3]+
		"?operator=true&mc=false&kbver="+b.p.kube[1:5]+"&ns=portworx&b=true&c="+name+"&stork=true&csi=true&mon=true&tel=false&st=k8s&promop=true")
	u.Object["spec"] = m{
		"image": "portworx/oci-monitor:" + tag, "imagePullPolicy": "Always",
		"kvdb": m{"internal": true}, "storage": m{"useAll": true}, "secretsProvider": "k8s",
		"stork":     m{"enabled": true, "args": m{"webhook-controller": "true"}},
		"autopilot": m{"enabled": true}, "csi": m{"enabled": true},
		"monitoring": m{"telemetry": m{"enabled": false}, "prometheus": m{"enabled": true, "exportMetrics": true}},
	}
	online := installed.Add(6 * time.Minute)
	u.Object["status"] = m{
		"clusterName": name, "clusterUid": uuid(b.r), "phase": "Running", "version": version,
		"storage": m{"storageNodesPerZone": int64(1)},
		"conditions": []any{
			m{"lastTransitionTime": stamp(online), "source": "Portworx", "status": "Completed", "type": "Install",
				"message": "Portworx installation completed on " + strconv.Itoa(pxNodesPerClust) + " nodes"},
			m{"lastTransitionTime": stamp(online), "source": "Portworx", "status": "Online", "type": "RuntimeState"},
		},
		"desiredImages": m{
			"autopilot":              "portworx/autopilot:1.3.15",
			"csiNodeDriverRegistrar": "registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.11.1",
			"csiProvisioner":         "registry.k8s.io/sig-storage/csi-provisioner:v5.0.1",
			"csiResizer":             "registry.k8s.io/sig-storage/csi-resizer:v1.11.1",
			"csiSnapshotter":         "registry.k8s.io/sig-storage/csi-snapshotter:v8.0.1",
			"stork":                  "openstorage/stork:24.3.0",
		},
	}
	return u
}

// storageNode is one Portworx node, named like the OpenShift worker it runs on. Every node is a
// storage node and KVDB member; node 0 leads KVDB.
func (b *clusterBuilder) storageNode(i int, version string, installed time.Time, offline bool) *unstructured.Unstructured {
	zone := b.p.zones[i%len(b.p.zones)]
	name := b.p.name + "-" + lowerAlnum(b.r, 5) + "-worker-" + zone + "-" + lowerAlnum(b.r, 5)
	u := newObject(pxAPIVersion, "StorageNode", pxNamespace, name, b.r, installed)
	setLabels(u, "controller-revision-hash", "5c8f7d9b6", "name", "portworx")
	u.Object["spec"] = m{"version": version}
	ip := "10." + strconv.Itoa(b.r.IntN(250)) + "." + strconv.Itoa(i+1) + "." + strconv.Itoa(10+b.r.IntN(200))
	initAt, online := installed.Add(2*time.Minute), installed.Add(6*time.Minute)
	role := "member"
	if i == 0 {
		role = "leader"
	}
	phase := "Online"
	conditions := []any{
		m{"lastTransitionTime": stamp(initAt), "status": "Succeeded", "type": "NodeInit"},
		m{"lastTransitionTime": stamp(online), "status": "Online", "type": "NodeState"},
		m{"lastTransitionTime": stamp(online), "status": "Online", "type": "NodeKVDB",
			"message": "node is kvdb " + role + " listening on " + ip},
	}
	if offline {
		phase = "Offline"
		conditions = conditions[:2]
		conditions[1] = m{"lastTransitionTime": stamp(ago(b.r, b.now, 40*time.Minute, 55*time.Minute)), "status": "Offline", "type": "NodeState"}
	}
	totalGi := int64(2048)
	usedMi := int64(40_000 + b.r.IntN(600_000))
	u.Object["status"] = m{
		"nodeUid":         uuid(b.r),
		"phase":           phase,
		"network":         m{"dataIP": ip, "mgmtIP": ip},
		"storage":         m{"totalSize": strconv.FormatInt(totalGi, 10) + "Gi", "usedSize": strconv.FormatInt(usedMi, 10) + "Mi"},
		"conditions":      conditions,
		"geography":       m{"region": b.p.region, "zone": zone},
		"nodeAttributes":  m{"kvdb": true, "storage": true},
		"operatingSystem": rhcosRelease,
		"kernelVersion":   rhcosKernel,
	}
	return u
}

// storageClass adds a StorageClass; parameters alternate keys and values.
func (b *clusterBuilder) storageClass(name, provisioner string, isDefault bool, parameters ...string) {
	u := newObject("storage.k8s.io/v1", "StorageClass", "", name, b.r, b.created())
	if isDefault {
		setAnnotations(u, "storageclass.kubernetes.io/is-default-class", "true")
	}
	u.Object["provisioner"] = provisioner
	u.Object["reclaimPolicy"] = "Delete"
	u.Object["volumeBindingMode"] = "Immediate"
	u.Object["allowVolumeExpansion"] = true
	if len(parameters) > 0 {
		u.Object["parameters"] = pairs(parameters...)
	}
	b.add(u)
}

// volume adds a PersistentVolumeClaim and, unless it is still Pending, the PersistentVolume
// bound to it, with the annotations the PV controller and the provisioner set.
func (b *clusterBuilder) volume(t volumeTemplate, provisioner string, pending bool) {
	created := b.created()
	if pending {
		created = ago(b.r, b.now, 30*time.Minute, 45*time.Minute)
	}
	pvc := newObject("v1", "PersistentVolumeClaim", t.namespace, t.name, b.r, created)
	mode := "ReadWriteOnce"
	if t.shared {
		mode = "ReadWriteMany"
	}
	metadata(pvc)["finalizers"] = strs("kubernetes.io/pvc-protection")
	pvName := "pvc-" + string(pvc.GetUID())
	spec := m{"accessModes": strs(mode), "resources": m{"requests": m{"storage": t.size}},
		"storageClassName": t.class, "volumeMode": "Filesystem"}
	pvc.Object["spec"] = spec
	if pending {
		setAnnotations(pvc, "volume.beta.kubernetes.io/storage-provisioner", provisioner,
			"volume.kubernetes.io/storage-provisioner", provisioner)
		pvc.Object["status"] = m{"phase": "Pending"}
		b.add(pvc)
		b.addTrouble(ScenarioPVCPending, pvc, true)
		return
	}
	setAnnotations(pvc, "pv.kubernetes.io/bind-completed", "yes", "pv.kubernetes.io/bound-by-controller", "yes",
		"volume.beta.kubernetes.io/storage-provisioner", provisioner, "volume.kubernetes.io/storage-provisioner", provisioner)
	spec["volumeName"] = pvName
	pvc.Object["status"] = m{"phase": "Bound", "accessModes": strs(mode), "capacity": m{"storage": t.size}}
	b.add(pvc)

	pv := newObject("v1", "PersistentVolume", "", pvName, b.r, created.Add(3*time.Second))
	setAnnotations(pv, "pv.kubernetes.io/provisioned-by", provisioner, "volume.kubernetes.io/provisioner-deletion-secret-name", "",
		"volume.kubernetes.io/provisioner-deletion-secret-namespace", "")
	metadata(pv)["finalizers"] = strs("external-provisioner.volume.kubernetes.io/finalizer", "kubernetes.io/pv-protection")
	handle := strconv.FormatUint(b.r.Uint64()>>1, 10) // Portworx volume IDs are large decimal numbers
	if provisioner != pxProvisioner {
		handle = "vol-" + hexString(b.r, 17)
	}
	pv.Object["spec"] = m{
		"accessModes": strs(mode),
		"capacity":    m{"storage": t.size},
		"claimRef": m{"apiVersion": "v1", "kind": "PersistentVolumeClaim", "name": t.name, "namespace": t.namespace,
			"uid": string(pvc.GetUID()), "resourceVersion": pvc.GetResourceVersion()},
		"csi": m{"driver": provisioner, "fsType": "ext4", "volumeHandle": handle,
			"volumeAttributes": m{"storage.kubernetes.io/csiProvisionerIdentity": strconv.FormatInt(created.UnixMilli(), 10) + "-" + strconv.Itoa(1000+b.r.IntN(9000)) + "-" + provisioner}},
		"persistentVolumeReclaimPolicy": "Delete",
		"storageClassName":              t.class,
		"volumeMode":                    "Filesystem",
	}
	pv.Object["status"] = m{"phase": "Bound", "lastPhaseTransitionTime": stamp(created.Add(3 * time.Second))}
	b.add(pv)
}
