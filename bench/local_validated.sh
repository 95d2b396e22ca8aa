#!/usr/bin/env bash
# Time from `create cluster --cloud local` (3 zones, 3 control planes, 3 nodes) to a cluster
# `kops validate cluster` accepts, polling validate every 0.25 s. Usage: bench/local_validated.sh [build/kops]
set -u
K="${1:-build/kops}"
W=$(mktemp -d /tmp/kops-val.XXXXXX)
export KOPS_LOCAL_CLOUD_DIR=$W/cloud KOPS_STATE_STORE=file://$W/state
start=$(date +%s.%N)
$K create cluster --cloud local --zones local-a,local-b,local-c --control-plane-zones local-a,local-b,local-c --node-count 3 v.local >/dev/null 2>&1
$K update cluster v.local --yes >/dev/null 2>&1
ok=0
for i in $(seq 240); do
  if $K validate cluster v.local >$W/val.out 2>&1; then ok=1; break; fi
  sleep 0.25
done
end=$(date +%s.%N)
echo "validated=$ok after $(echo "$end - $start" | bc) s"
tail -3 "$W/val.out"
$K delete cluster v.local --yes >/dev/null 2>&1
$K toolbox local-cloud stop >/dev/null 2>&1
rm -rf "$W"
