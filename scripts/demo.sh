#!/usr/bin/env bash
# The main job: builds kops and runs the HA examples of kops' documentation against a
# throw-away file:// state store, printing what each command shows.
# KOPS_BIN=/path/to/kops runs an already built binary instead of building build/kops.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
if [ -n "${KOPS_BIN:-}" ]; then
  KOPS="$(realpath "$KOPS_BIN")"
else
  bash scripts/build.sh >/dev/null
  KOPS="$PWD/build/kops"
fi
STATE="$(mktemp -d /tmp/kops-demo.XXXXXX)"
export KOPS_STATE_STORE="file://$STATE"
# The local cloud of this demo: a private daemon whose state lives under $STATE.
export KOPS_LOCAL_CLOUD_DIR="$STATE/local-cloud"
export KOPS_LOCAL_CLOUD_IDLE_EXIT=5

# Processes of the demo's local cloud: the daemon, haproxy and etcd name its directory on
# their command line; supervisors and instances carry its socket in their environment.
demo_pids() {
  local dir=$KOPS_LOCAL_CLOUD_DIR p
  for p in /proc/[0-9]*; do
    case "$(tr '\0' ' ' 2>/dev/null <"$p/cmdline")" in *"$dir"*) echo "${p#/proc/}"; continue ;; esac
    case "$(tr '\0' '\n' 2>/dev/null <"$p/environ")" in
      *"KOPS_CLOUD_SOCKET=$dir"*) echo "${p#/proc/}" ;;
    esac
  done
}
cleanup() {
  if [ -d "$KOPS_LOCAL_CLOUD_DIR" ]; then
    "$KOPS" delete cluster ha.local --yes >/dev/null 2>&1 || true
    "$KOPS" toolbox local-cloud stop >/dev/null 2>&1 || true
    for pid in $(demo_pids); do kill -9 "$pid" 2>/dev/null || true; done
  fi
  rm -rf "$STATE"
}
trap cleanup EXIT

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

echo
echo "== the local cloud: a real HA control plane on this machine (3 zones, 3 etcd members)"
START=$(date +%s.%N)
run update cluster ha.local
echo "(a dry run starts no local cloud daemon: state directory present: $([ -e "$KOPS_LOCAL_CLOUD_DIR" ] && echo yes || echo no))"
run update cluster ha.local --yes
run validate cluster ha.local --wait 3m
printf '\nvalidated %.1f s after update began\n' "$(echo "$(date +%s.%N) - $START" | bc)"

# Bounded waits: every instance running, then /readyz through the API load balancer.
running() { "$KOPS" get instances ha.local -o json | jq '[.[] | select(.state == "running")] | length'; }
lb_address() { "$KOPS" toolbox local-cloud status -o json | jq -r '.load_balancers[0].address'; }
running_in() {
  "$KOPS" get instances ha.local -o json |
    jq -r --arg g "$1" '[.[] | select(.group == $g and .state == "running")][0].id // ""'
}
wait_until() {  # wait_until SECONDS DESCRIPTION COMMAND...
  local limit=$1 what=$2
  shift 2
  for _ in $(seq $((limit * 5))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "timed out after ${limit}s waiting for $what" >&2
  return 1
}
api_ready() { [ "$(curl -sk --max-time 2 "https://$(lb_address):443/readyz")" = "ok" ]; }
six_running() { [ "$(running)" = 6 ]; }
wait_until 60 "6 running instances" six_running
wait_until 60 "the API through the load balancer" api_ready
printf '\nAPI ready through the load balancer https://%s:443 %.1f s after update began\n' \
  "$(lb_address)" "$(echo "$(date +%s.%N) - $START" | bc)"
run get instances ha.local
echo
echo "\$ curl -sk https://$(lb_address):443/readyz"
curl -sk "https://$(lb_address):443/readyz"; echo

KUBECONFIG_FILE="$STATE/kubeconfig"
run export kubeconfig ha.local --admin --kubeconfig "$KUBECONFIG_FILE"
echo
echo "\$ kubectl --kubeconfig $KUBECONFIG_FILE get --raw /api/v1/nodes | jq ..."
HOME="$STATE/home" kubectl --kubeconfig "$KUBECONFIG_FILE" get --raw /api/v1/nodes |
  jq -r '.items[] | "\(.metadata.name)\t\([.status.conditions[]? | select(.type == "Ready") | .status][0] // "?")"'

echo
echo "== a failure: the control plane of zone local-a is killed; its group relaunches it"
VICTIM=$(running_in control-plane-local-a)
run toolbox chaos kill-instance ha.local --instance "$VICTIM"
replaced() { local id; id=$(running_in control-plane-local-a); [ -n "$id" ] && [ "$id" != "$VICTIM" ]; }
wait_until 60 "a new control-plane-local-a instance" replaced
wait_until 60 "the API through the load balancer" api_ready
run get instances ha.local
echo
echo "\$ kops update cluster ha.local --yes   # nothing to change"
"$KOPS" update cluster ha.local --yes

echo
echo "== delete: every process stopped, every volume and file removed"
run delete cluster ha.local --yes
gone() { [ -z "$(demo_pids)" ]; }
wait_until 30 "the processes of the cluster to exit" gone
echo "processes left: $(demo_pids | wc -l); files left in the local cloud's volumes, instances and load balancers: $(find "$KOPS_LOCAL_CLOUD_DIR/volumes" "$KOPS_LOCAL_CLOUD_DIR/instances" "$KOPS_LOCAL_CLOUD_DIR/lb" -mindepth 1 | wc -l)"
