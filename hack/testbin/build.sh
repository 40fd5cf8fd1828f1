#!/usr/bin/env bash
# Builds the end-to-end suites' real peers from the Go module proxy, each into its own
# versioned cache folder outside the clone, only when missing:
#   k8s-v1.37.1-etcd-v3.7.0/   kube-apiserver, etcd           (this module)
#   argocd-v3.5.7/             argocd (multi-call), git-verify-wrapper.sh  (argocd/)
#   eso-v0.20.4/               external-secrets, crds/        (eso/)
#   governance-policy-propagator-v0.19.0/  governance-policy-propagator  (governance/)
#   openstorage-<pseudo>-main<N>/  openstorage-sdk            (openstorage/: the SDK server with
#                              the upstream fake driver; -checklinkname=0 links it under Go 1.26)
#   k9s-v0.50.16/              k9s, only for make bench-peers (k9s/)
# Prints the kube-apiserver/etcd folder, which the tests read as KUBEBUILDER_ASSETS; the
# others are found next to it (MCGTUI_TESTBIN_ROOT overrides the root).
#   hack/testbin/build.sh            # everything missing
#   hack/testbin/build.sh k8s        # only kube-apiserver and etcd
#   hack/testbin/build.sh k9s        # k9s (not part of "everything": only the peers benchmark)
#   hack/testbin/build.sh portworx   # kube-apiserver, etcd and the OpenStorage SDK server
# Cold, on 2 cores shared with other builds (docs/testing.md, "A cold .ci/run"): kube-apiserver
# 12 min, etcd 1, the OpenStorage SDK 4.5, Argo CD 13, ESO 5.5, the governance propagator about
# 2.5; warm: nothing to do.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
k8s=v1.37.1 etcd=v3.7.0 argocd=v3.5.7 eso=v0.20.4 propagator=v0.19.0 k9s=v0.50.16
# The module proxy serves openstorage only as pseudo-versions: this is the one its go.mod pins.
openstorage=v1.0.1-0.20240416193513-1e07b4359307
# Bump with every change to hack/testbin/openstorage/main.go (and test/portworx's folder name).
openstorage_main=2
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

if [ "$what" = k9s ]; then # prints k9s's folder instead
  k9sdir=$root/k9s-$k9s
  build "$here/k9s" "$k9sdir" k9s github.com/derailed/k9s \
    "-s -w -X github.com/derailed/k9s/cmd.version=$k9s -X github.com/derailed/k9s/cmd.commit=release"
  echo "$k9sdir"
  exit 0
fi

k8sdir=$root/k8s-$k8s-etcd-$etcd
minor=${k8s#v1.}; minor=${minor%%.*}
vpkg=k8s.io/component-base/version
build "$here" "$k8sdir" kube-apiserver k8s.io/kubernetes/cmd/kube-apiserver \
  "-s -w -X $vpkg.gitVersion=$k8s -X $vpkg.gitMajor=1 -X $vpkg.gitMinor=$minor -X $vpkg.gitTreeState=clean"
build "$here" "$k8sdir" etcd go.etcd.io/etcd/server/v3 "-s -w"

if [ "$what" = all ] || [ "$what" = portworx ]; then
  build "$here/openstorage" "$root/openstorage-$openstorage-main$openstorage_main" openstorage-sdk . "-s -w -checklinkname=0"
fi

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
