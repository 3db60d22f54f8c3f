#!/usr/bin/env bash
# Instruction counts per model run, ours and TFLite/XNNPACK, under valgrind's callgrind.
#
#   bench/callgrind.sh
#
# Counts are repeatable whatever else the machine is doing, unlike times. valgrind cannot run
# AVX-512, so formcheck is built for haswell (AVX2 + FMA) into .build-haswell, and XNNPACK picks
# its AVX2 kernels under valgrind too: both sides run 256-bit code. Each side runs 1 and 11
# timed invocations after the same warm-up; the difference / 10 is one invocation.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind is not installed (apt-get install -y valgrind)" >&2; exit 1; }

if [[ -n "${FORMCHECK_HASWELL_BIN:-}" ]]; then
    formcheck="$FORMCHECK_HASWELL_BIN"
else
    scripts/install-deps
    FORMCHECK_TARGET_CPU=haswell swift build -c release --build-path .build-haswell --product formcheck >&2
    formcheck="$(FORMCHECK_TARGET_CPU=haswell swift build -c release --build-path .build-haswell --show-bin-path)/formcheck"
fi
# valgrind 3.19 cannot read the debug information of Swift 6 binaries: count a stripped copy.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$formcheck" "$work/formcheck"
strip -g "$work/formcheck"

venv=bench/.venv
if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "ai-edge-litert==2.3.0" numpy >&2
fi

count() {   # count ITERATIONS COMMAND... → instructions of the whole process
    valgrind --tool=callgrind --callgrind-out-file="$work/out" "${@:2}" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    grep -o 'Collected : [0-9]*' "$work/err" | grep -o '[0-9]*'
}

printf '%-28s %16s %16s %7s\n' model "formcheck Minstr" "XNNPACK Minstr" ratio
for model in Models/pose_landmark_full.tflite Models/pose_detection.tflite; do
    ours1=$(count 1 "$work/formcheck" bench-model "$model" --threads 1 --iterations 1)
    ours11=$(count 11 "$work/formcheck" bench-model "$model" --threads 1 --iterations 11)
    theirs1=$(count 1 "$venv/bin/python" bench/tflite_bench.py "$model" --threads 1 --iterations 1)
    theirs11=$(count 11 "$venv/bin/python" bench/tflite_bench.py "$model" --threads 1 --iterations 11)
    python3 -c "
o = ($ours11 - $ours1) / 10 / 1e6; t = ($theirs11 - $theirs1) / 10 / 1e6
print(f'{\"$(basename "$model")\":28} {o:16.1f} {t:16.1f} {o / t:7.2f}')"
done
echo "(instructions per invocation, 1 thread; haswell build against XNNPACK's AVX2 path)"
