#!/usr/bin/env bash
# Builds the end-to-end suites' real peers from the Go module proxy, each into its own
# versioned cache folder outside the clone, only when missing:
#   k8s-v1.37.1-etcd-v3.7.0/   kube-apiserver, etcd           (this module)
#   argocd-v3.5.7/             argocd (multi-call), git-verify-wrapper.sh  (argocd/)
#   eso-v0.20.4/               external-secrets, crds/        (eso/)
#   governance-policy-propagator-v0.19.0/  governance-policy-propagator  (governance/)
# Prints the kube-apiserver/etcd folder, which the tests read as KUBEBUILDER_ASSETS; the
# others are found next to it (MCGTUI_TESTBIN_ROOT overrides the root).
#   hack/testbin/build.sh            # everything missing
#   hack/testbin/build.sh k8s        # only kube-apiserver and etcd
# Cold, on 2 cores: kube-apiserver ≈6 min, etcd ≈1, Argo CD ≈7, ESO ≈6, the governance propagator
# 59 min measured on a heavily loaded machine (docs/testing.md); warm: nothing to do.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
k8s=v1.37.1 etcd=v3.7.0 argocd=v3.5.7 eso=v0.20.4 propagator=v0.19.0
root=${MCGTUI_TESTBIN_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/mcgtui/testbin}
what=${1:-all}

build() { # module-dir out-dir name package [ldflags]
  local mod=$1 dir=$2 name=$3 pkg=$4 ldflags=${5:-}
  mkdir -p "$dir"
  if [ -x "$dir/$name" ]; then return; fi
  echo "building $name ($pkg) into $dir" >&2
  (cd "$mod" && CGO_ENABLED=0 go build -mod=readonly -trimpath -ldflags "$ldflags" -o "$dir/$name.tmp.$$" "$pkg")
  mv "$dir/$name.tmp.$$" "$dir/$name"
}

moddir() { (cd "$1" && go list -mod=readonly -m -f '{{.Dir}}' "$2"); }

k8sdir=$root/k8s-$k8s-etcd-$etcd
minor=${k8s#v1.}; minor=${minor%%.*}
vpkg=k8s.io/component-base/version
build "$here" "$k8sdir" kube-apiserver k8s.io/kubernetes/cmd/kube-apiserver \
  "-s -w -X $vpkg.gitVersion=$k8s -X $vpkg.gitMajor=1 -X $vpkg.gitMinor=$minor -X $vpkg.gitTreeState=clean"
build "$here" "$k8sdir" etcd go.etcd.io/etcd/server/v3 "-s -w"

if [ "$what" = all ]; then
  argodir=$root/argocd-$argocd
  build "$here/argocd" "$argodir" argocd github.com/argoproj/argo-cd/v3/cmd \
    "-s -w -X github.com/argoproj/argo-cd/v3/common.version=${argocd#v}"
  if [ ! -f "$argodir/git-verify-wrapper.sh" ]; then
    cp "$(moddir "$here/argocd" github.com/argoproj/argo-cd/v3)/hack/git-verify-wrapper.sh" "$argodir/"
    chmod 755 "$argodir/git-verify-wrapper.sh"
  fi
  esodir=$root/eso-$eso
  build "$here/eso" "$esodir" external-secrets github.com/external-secrets/external-secrets "-s -w"
  if [ ! -d "$esodir/crds" ]; then
    src=$(moddir "$here/eso" github.com/external-secrets/external-secrets)/config/crds/bases
    mkdir -p "$esodir/crds.tmp.$$" && cp "$src"/*.io_*.yaml "$esodir/crds.tmp.$$/" && chmod 644 "$esodir/crds.tmp.$$"/*.yaml
    mv "$esodir/crds.tmp.$$" "$esodir/crds"
  fi
  build "$here/governance" "$root/governance-policy-propagator-$propagator" governance-policy-propagator \
    open-cluster-management.io/governance-policy-propagator "-s -w"
fi
echo "$k8sdir"
