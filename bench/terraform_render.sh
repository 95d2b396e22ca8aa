#!/usr/bin/env bash
# Timings of `kops update cluster --target terraform` (offline: file:// store, no AWS
# credentials), medians of wall time, CPU and peak RSS by bench/measure.py:
#   - kops' ha fixture with its keystore already made (the first run, which makes the
#     keystore, is measured apart on fresh copies of the store);
#   - generated specs with 3 control planes and 30 / 300 / 3000 node groups over 6 zones.
# Usage: bench/terraform_render.sh [build/kops] [runs]
set -euo pipefail
KOPS="$(realpath "${1:-build/kops}")"
RUNS="${2:-21}"
here="$(cd "$(dirname "$0")" && pwd)"
fixtures="$here/../tests/fixtures/kops/update_cluster"
work="$(mktemp -d /tmp/kops-bench-tf.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# offline: no credentials from the environment or ~/.aws
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE S3_ACCESS_KEY_ID
export HOME="$work" AWS_SHARED_CREDENTIALS_FILE="$work/none" AWS_CONFIG_FILE="$work/none"

measure() {  # NAME RUNS CMD...
  local name="$1" runs="$2"; shift 2
  python3 "$here/measure.py" "$name" "$runs" -- "$@"
}

# ha: 3 control planes (one per zone), 1 node group, NLB-less, kops' fixture.
grep -v configBase: "$fixtures/ha/in-v1alpha2.yaml" >"$work/ha.yaml"
st="file://$work/ha-state"
"$KOPS" create -f "$work/ha.yaml" --state "$st" >/dev/null 2>&1
"$KOPS" create sshpublickey --name ha.example.com -i "$fixtures/ha/id_rsa.pub" --state "$st" >/dev/null 2>&1
cp -r "$work/ha-state" "$work/ha-fresh"
for i in 1 2 3 4 5; do
  rm -rf "$work/ha-first" && cp -r "$work/ha-fresh" "$work/ha-first"
  measure "ha: first run (makes the keystore), run $i" 1 \
    "$KOPS" update cluster ha.example.com --target terraform --out "$work/out-first" --state "file://$work/ha-first"
done
"$KOPS" update cluster ha.example.com --target terraform --out "$work/out" --state "$st" >/dev/null 2>&1
measure "ha: keystore made" "$RUNS" \
  "$KOPS" update cluster ha.example.com --target terraform --out "$work/out" --state "$st"

# generated: 3 control planes, N node groups spread over 6 zones
zones=us-west-2a,us-west-2b,us-west-2c,us-west-2d,us-west-2e,us-west-2f
"$KOPS" create cluster --zones "$zones" --control-plane-zones us-west-2a,us-west-2b,us-west-2c \
  big.example.com --dry-run -o yaml --state "file://$work/scratch" >"$work/base.yaml"
for n in 30 300 3000; do
  python3 - "$work/base.yaml" "$work/big-$n.yaml" "$n" <<'PY'
import sys, yaml
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
docs = [d for d in yaml.safe_load_all(open(src)) if d]
nodes = [d for d in docs if d["kind"] == "InstanceGroup" and d["spec"]["role"] == "Node"]
keep = [d for d in docs if d not in nodes]
zones = [s["name"] for s in docs[0]["spec"]["subnets"]]
for i in range(n):
    ig = yaml.safe_load(yaml.safe_dump(nodes[0]))
    ig["metadata"]["name"] = f"nodes-{i + 1}"
    ig["spec"].setdefault("nodeLabels", {})["kops.k8s.io/instancegroup"] = f"nodes-{i + 1}"
    ig["spec"]["subnets"] = [zones[i % len(zones)]]
    keep.append(ig)
open(dst, "w").write("\n---\n".join(yaml.safe_dump(d) for d in keep))
PY
  st="file://$work/big-$n-state"
  "$KOPS" create -f "$work/big-$n.yaml" --state "$st" >/dev/null 2>&1
  "$KOPS" update cluster big.example.com --target terraform --out "$work/out-$n" --state "$st" >/dev/null 2>&1
  runs="$RUNS"; [ "$n" -ge 3000 ] && runs=$(( RUNS < 5 ? RUNS : 5 ))
  measure "3 control planes, $n node groups, 6 zones" "$runs" \
    "$KOPS" update cluster big.example.com --target terraform --out "$work/out-$n" --state "$st"
done
