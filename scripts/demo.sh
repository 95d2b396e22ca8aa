#!/usr/bin/env bash
# The main job: builds kops and runs the HA examples of kops' documentation against a
# throw-away file:// state store, printing what each command shows.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh >/dev/null
KOPS="$PWD/build/kops"
STATE="$(mktemp -d /tmp/kops-demo.XXXXXX)"
trap 'rm -rf "$STATE"' EXIT
export KOPS_STATE_STORE="file://$STATE"

run() {
  echo
  echo "\$ kops $*"
  "$KOPS" "$@"
}

echo "== kops' HA examples, state store $KOPS_STATE_STORE"
run create cluster --node-count 3 --zones us-west-2a,us-west-2b,us-west-2c \
    --master-zones us-west-2a,us-west-2b,us-west-2c hacluster.example.com
run create cluster --node-count 3 --zones us-west-2a,us-west-2b,us-west-2c \
    --control-plane-zones us-west-2a,us-west-2b,us-west-2c --topology private --networking calico \
    private.example.com
run create cluster --node-count 3 --master-count 3 --zones cn-north-1a,cn-north-1b \
    --master-zones cn-north-1a,cn-north-1b hacluster.k8s.local
run get clusters
run get all hacluster.example.com
run get all hacluster.k8s.local -o yaml

echo
echo "== an even number of etcd members is refused, and nothing is written"
run create cluster --zones us-west-2a,us-west-2b --control-plane-zones us-west-2a,us-west-2b \
    even.example.com || echo "(exit code $?)"
run get clusters

echo
echo "== the same layouts on the local cloud"
run create cluster --cloud local --zones local-a,local-b,local-c \
    --control-plane-zones local-a,local-b,local-c --node-count 3 ha.local
run get all ha.local
