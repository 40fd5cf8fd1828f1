package portworx

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

var storageClustersGVR = schema.GroupVersionResource{Group: "core.libopenstorage.org", Version: "v1", Resource: "storageclusters"}

// claims creates, in ns, a running StorageCluster and one bound claim per name whose CSI
// PersistentVolume names the given SDK volume id; existing objects are kept.
func (e *Env) claims(ctx context.Context, ns string, volumes map[string]string) error {
	kc := e.Plane.Kube
	sc := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "core.libopenstorage.org/v1", "kind": "StorageCluster",
		"metadata": map[string]any{"name": "px-cluster", "namespace": ns},
		"spec":     map[string]any{"image": "portworx/oci-monitor:3.1.4"},
	}}
	created, err := e.Plane.Dyn.Resource(storageClustersGVR).Namespace(ns).Create(ctx, sc, metav1.CreateOptions{})
	if err != nil && !apierrors.IsAlreadyExists(err) {
		return err
	}
	if err == nil {
		created.Object["status"] = map[string]any{"phase": "Running", "clusterName": "sdk-open"}
		if _, err := e.Plane.Dyn.Resource(storageClustersGVR).Namespace(ns).UpdateStatus(ctx, created, metav1.UpdateOptions{}); err != nil {
			return err
		}
	}
	_, err = kc.StorageV1().StorageClasses().Create(ctx, &storagev1.StorageClass{
		ObjectMeta: metav1.ObjectMeta{Name: "px-db"}, Provisioner: "pxd.portworx.com"}, metav1.CreateOptions{})
	if err != nil && !apierrors.IsAlreadyExists(err) {
		return err
	}
	size := resource.MustParse("20Gi")
	class := "px-db"
	for name, id := range volumes {
		pvName := "pv-" + ns + "-" + name
		pv, err := kc.CoreV1().PersistentVolumes().Create(ctx, &corev1.PersistentVolume{
			ObjectMeta: metav1.ObjectMeta{Name: pvName},
			Spec: corev1.PersistentVolumeSpec{
				Capacity:         corev1.ResourceList{corev1.ResourceStorage: size},
				AccessModes:      []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
				StorageClassName: class,
				ClaimRef:         &corev1.ObjectReference{Namespace: ns, Name: name},
				PersistentVolumeSource: corev1.PersistentVolumeSource{CSI: &corev1.CSIPersistentVolumeSource{
					Driver: "pxd.portworx.com", VolumeHandle: id}},
			},
		}, metav1.CreateOptions{})
		if apierrors.IsAlreadyExists(err) {
			continue
		}
		if err != nil {
			return err
		}
		pv.Status.Phase = corev1.VolumeBound
		if _, err := kc.CoreV1().PersistentVolumes().UpdateStatus(ctx, pv, metav1.UpdateOptions{}); err != nil {
			return err
		}
		pvc, err := kc.CoreV1().PersistentVolumeClaims(ns).Create(ctx, &corev1.PersistentVolumeClaim{
			ObjectMeta: metav1.ObjectMeta{Name: name},
			Spec: corev1.PersistentVolumeClaimSpec{
				AccessModes:      []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
				StorageClassName: &class, VolumeName: pvName,
				Resources: corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceStorage: size}},
			},
		}, metav1.CreateOptions{})
		if err != nil {
			return err
		}
		pvc.Status.Phase = corev1.ClaimBound
		pvc.Status.Capacity = corev1.ResourceList{corev1.ResourceStorage: size}
		if _, err := kc.CoreV1().PersistentVolumeClaims(ns).UpdateStatus(ctx, pvc, metav1.UpdateOptions{}); err != nil {
			return err
		}
	}
	return nil
}
