#!/usr/bin/env bash
# Regenerates the reference tensors in Tests/InferenceTests/Fixtures/tflite-reference/.
#
# They are TFLite's own outputs (ai-edge-litert 2.3.0, XNNPACK) for both bundled models on the
# deterministic synthetic input of ../shared/tools/mp_reference.py raw. The inputs themselves are
# not committed (formcheck regenerates them); input-samples.json holds 256 of their values per
# model, so the tests can check that formcheck's pattern is the same.
#
# Usage (from the repository root, with ../shared beside it):
#   python3 -m venv /tmp/venv-ref && /tmp/venv-ref/bin/pip install mediapipe==0.10.14 ai-edge-litert
#   PYTHON=/tmp/venv-ref/bin/python Tests/InferenceTests/Fixtures/make-fixtures.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$python" "$here/../../../../shared/tools/mp_reference.py" raw --out "$tmp" \
    --det-model "$here/../../../Models/pose_detection.tflite" --lm-model "$here/../../../Models/pose_landmark_full.tflite" > /dev/null
mkdir -p "$here/tflite-reference"
rm -f "$here/tflite-reference/"*.npy
cp "$tmp"/*_out*.npy "$here/tflite-reference/"
"$python" - "$tmp" "$here/tflite-reference/input-samples.json" <<'PY'
import json, sys, numpy as np
tmp, out = sys.argv[1], sys.argv[2]
samples = {}
for tag in ("pose_detection", "pose_landmark_full"):
    x = np.load(f"{tmp}/{tag}_input.npy").reshape(-1)
    idx = np.linspace(0, x.size - 1, 256).astype(np.int64)
    samples[tag] = {"count": int(x.size), "indices": idx.tolist(), "values": [float(v) for v in x[idx]]}
json.dump(samples, open(out, "w"), indent=0)
PY
echo "wrote $(ls "$here/tflite-reference" | wc -l) files to $here/tflite-reference"
