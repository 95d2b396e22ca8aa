#!/usr/bin/env bash
# Whole-command timings of the spec verbs (median wall time and peak RSS over N runs,
# measured by bench/measure.py from the child's rusage). Usage: bench/spec_commands.sh [build/kops] [runs]
set -euo pipefail
KOPS="${1:-build/kops}"
RUNS="${2:-21}"
work="$(mktemp -d /tmp/kops-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
export KOPS_STATE_STORE="file://$work/state"

# measure NAME CMD...: medians of wall time, CPU time and peak RSS over $RUNS runs.
measure() {
  local name="$1"; shift
  python3 "$(dirname "$0")/measure.py" "$name" "$RUNS" -- "$@"
}

measure "create cluster (kops docs HA example) --dry-run -o yaml" \
  "$KOPS" create cluster --node-count 3 --zones us-west-2a,us-west-2b,us-west-2c \
  --master-zones us-west-2a,us-west-2b,us-west-2c hacluster.example.com --dry-run -o yaml

# A spec with 5 control planes and 30 node groups over 6 zones, stored with create -f.
zones=us-west-2a,us-west-2b,us-west-2c,us-west-2d,us-west-2e,us-west-2f
"$KOPS" create cluster --zones "$zones" --control-plane-zones us-west-2a,us-west-2b,us-west-2c,us-west-2d,us-west-2e \
  big.example.com --dry-run -o yaml >"$work/big.yaml"
python3 - "$work/big.yaml" <<'PY'
import sys, yaml
path = sys.argv[1]
docs = [d for d in yaml.safe_load_all(open(path)) if d]
nodes = [d for d in docs if d["kind"] == "InstanceGroup" and d["spec"]["role"] == "Node"]
keep = [d for d in docs if d not in nodes]
zones = [s["name"] for s in docs[0]["spec"]["subnets"]]
for i in range(30):
    ig = yaml.safe_load(yaml.safe_dump(nodes[0]))
    ig["metadata"]["name"] = f"nodes-{i + 1}"
    ig["spec"]["nodeLabels"]["kops.k8s.io/instancegroup"] = f"nodes-{i + 1}"
    ig["spec"]["subnets"] = [zones[i % len(zones)]]
    keep.append(ig)
open(path, "w").write("\n---\n".join(yaml.safe_dump(d) for d in keep))
PY
"$KOPS" create -f "$work/big.yaml" 2>/dev/null
measure "get all (5 control planes, 30 node groups, 6 zones) -o yaml" \
  "$KOPS" get all big.example.com -o yaml
measure "get all (5 control planes, 30 node groups, 6 zones) table" \
  "$KOPS" get all big.example.com
