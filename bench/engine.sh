#!/usr/bin/env bash
# Inference engine vs TFLite/XNNPACK, side by side on this machine, in one run.
#
#   bench/engine.sh [ROUNDS] [ITERATIONS]
#
# Builds formcheck (release), creates bench/.venv with ai-edge-litert from PyPI on first use,
# then for each model and thread count (1, 2) alternates ROUNDS times between
# `formcheck bench-model --json` and the same timing loop in TFLite with XNNPACK, and prints the
# median of the per-round medians and the ratio ours/theirs (< 1 means formcheck is faster).
# Shared machines are noisy: compare ratios, not milliseconds.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
iterations="${2:-40}"

if [[ -n "${FORMCHECK_BIN:-}" ]]; then
    formcheck="$FORMCHECK_BIN"           # an already built formcheck (or compatible) binary
else
    scripts/install-deps
    swift build -c release --product formcheck >&2
    formcheck="$(swift build -c release --show-bin-path)/formcheck"
fi

venv=bench/.venv
if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "ai-edge-litert==2.3.0" numpy >&2
fi

results="$(mktemp)"
trap 'rm -f "$results"' EXIT
for model in Models/pose_landmark_full.tflite Models/pose_detection.tflite; do
    for threads in 1 2; do
        for ((round = 0; round < rounds; round++)); do
            echo "ours $("$formcheck" bench-model "$model" --threads "$threads" --iterations "$iterations" --json)" >> "$results"
            echo "theirs $("$venv/bin/python" bench/tflite_bench.py "$model" --threads "$threads" --iterations "$iterations" 2>/dev/null | tail -n 1)" >> "$results"
        done
    done
done

python3 - "$results" <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    who, _, payload = line.partition(" ")
    r = json.loads(payload)
    rows.setdefault((r["model"].split("/")[-1], r["threads"]), {}).setdefault(who, []).append(r["median_ms"])
print(f"{'model':28} {'threads':>7} {'formcheck ms':>13} {'TFLite+XNNPACK ms':>18} {'ratio':>7}")
for (model, threads), v in rows.items():
    ours, theirs = statistics.median(v["ours"]), statistics.median(v["theirs"])
    print(f"{model:28} {threads:>7} {ours:>13.2f} {theirs:>18.2f} {ours / theirs:>7.2f}")
print("(medians of per-round medians; ratio = formcheck / TFLite, lower is faster)")
PY
