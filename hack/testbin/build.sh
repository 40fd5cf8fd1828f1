#!/usr/bin/env bash
# Builds the end-to-end suite's control plane (kube-apiserver v1.37.1, etcd v3.7.0) from the Go
# module proxy, into a cache folder outside the clone, only when a binary is missing. Prints
# the folder, which the tests read as KUBEBUILDER_ASSETS.
#   hack/testbin/build.sh            # build what is missing, print the folder
# Cold: about 6 min for kube-apiserver and 1 min for etcd on 2 cores; warm: seconds or nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
k8s=v1.37.1
etcd=v3.7.0
cache=${MCGTUI_TESTBIN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/mcgtui/testbin/k8s-$k8s-etcd-$etcd}
mkdir -p "$cache"

build() { # name package [ldflags]
  local name=$1 pkg=$2 ldflags=${3:-}
  if [ -x "$cache/$name" ]; then return; fi
  echo "building $name ($pkg) into $cache" >&2
  (cd "$here" && CGO_ENABLED=0 go build -mod=readonly -trimpath -ldflags "$ldflags" -o "$cache/$name.tmp" "$pkg")
  mv "$cache/$name.tmp" "$cache/$name"
}

minor=${k8s#v1.}; minor=${minor%%.*}
vpkg=k8s.io/component-base/version
build kube-apiserver k8s.io/kubernetes/cmd/kube-apiserver \
  "-s -w -X $vpkg.gitVersion=$k8s -X $vpkg.gitMajor=1 -X $vpkg.gitMinor=$minor -X $vpkg.gitTreeState=clean"
build etcd go.etcd.io/etcd/server/v3 "-s -w"
echo "$cache"
