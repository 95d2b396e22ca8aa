#!/usr/bin/env bash
# The write gap when etcd main's leader's control plane is killed: create a 3-zone local
# cluster (3 control planes, 3 nodes), wait until `validate cluster` accepts it, run
# `kops toolbox probe --duration 15s -o json` through the API load balancer, kill the
# leader's instance 3 s into it (`toolbox chaos kill-instance --etcd-leader main`), print
# the probe's JSON and the etcd timings the instances ran with; then delete everything.
# Usage: bench/leader_kill.sh [build/kops] [runs]
set -u
K="$(realpath "${1:-build/kops}")"
RUNS="${2:-1}"
for run in $(seq "$RUNS"); do
  W=$(mktemp -d /tmp/kops-lk.XXXXXX)
  export KOPS_LOCAL_CLOUD_DIR=$W/cloud KOPS_STATE_STORE=file://$W/state
  $K create cluster --cloud local --zones local-a,local-b,local-c --control-plane-zones local-a,local-b,local-c \
    --node-count 3 lk.local >/dev/null 2>&1
  $K update cluster lk.local --yes >/dev/null 2>&1
  if ! $K validate cluster lk.local --wait 2m >/dev/null 2>"$W/validate.err"; then
    echo "run $run: cluster did not validate:"; tail -5 "$W/validate.err"
  else
    $K toolbox probe lk.local --duration 15s -o json >"$W/probe.json" 2>"$W/probe.err" &
    probe=$!
    sleep 3
    $K toolbox chaos kill-instance lk.local --etcd-leader main 2>&1 | grep Killed
    wait "$probe"
    echo "run $run: $(cat "$W/probe.json")"
    # The etcd flags of a running member (heartbeat and election timeout, ms).
    pgrep -a -f "etcd .*$W" | grep -o -- '--\(heartbeat-interval\|election-timeout\)[= ][0-9]*' | sort -u | tr '\n' ' '
    echo
  fi
  $K delete cluster lk.local --yes >/dev/null 2>&1
  $K toolbox local-cloud stop >/dev/null 2>&1
  rm -rf "$W"
done
