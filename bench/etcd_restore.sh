#!/usr/bin/env bash
# Whole-command time of `kops etcd restore --yes` (every member restores, quorum, validate
# cluster) on a 3-zone local cluster (3 control planes, 1 node) with a few configmaps, under
# /usr/bin/time -v. Usage: bench/etcd_restore.sh [build/kops] [runs]
set -u
K="${1:-build/kops}"
RUNS="${2:-3}"
for run in $(seq "$RUNS"); do
  W=$(mktemp -d /tmp/kops-restore.XXXXXX)
  export KOPS_LOCAL_CLOUD_DIR=$W/cloud KOPS_STATE_STORE=file://$W/state KOPS_LOCAL_CLOUD_IDLE_EXIT=5
  $K create cluster --cloud local --zones local-a,local-b,local-c --control-plane-zones local-a,local-b,local-c --node-count 1 r.local >/dev/null 2>&1
  $K update cluster r.local --yes >/dev/null 2>&1
  if $K validate cluster r.local --wait 3m >/dev/null 2>&1 && ID=$($K etcd backup r.local --cluster main 2>/dev/null); then
    /usr/bin/time -v $K etcd restore r.local --cluster main --backup "$ID" --yes 2>&1 |
      grep -E "Elapsed|Maximum resident|^Error" | sed "s/^/run $run: /"
  else
    echo "run $run: the cluster did not come up"
  fi
  $K delete cluster r.local --yes >/dev/null 2>&1
  $K toolbox local-cloud stop >/dev/null 2>&1
  rm -rf "$W"
done
