#!/usr/bin/env bash
# Latency of `formcheck live`: from a frame's arrival to its verdict drawn on the screen, replaying
# a folder of frames as a 30 fps camera on ONE core (taskset), pose models on one thread.
#
#   bench/live.sh [FOLDER] [EXERCISE] [FPS]      (default: SampleFrames/bridge/good bridge 30)
#
# Prints the JSON latency summary (median, p95, max in ms; frames processed and dropped). The
# budget from issue 7 is one frame period + 20 ms (53 ms at 30 fps). Each frame's whole screen
# is drawn to standard error (sent to /dev/null here), so drawing counts.
set -euo pipefail
cd "$(dirname "$0")/.."
folder="${1:-SampleFrames/bridge/good}"
exercise="${2:-bridge}"
fps="${3:-30}"
if [[ -n "${FORMCHECK_BIN:-}" ]]; then
    formcheck="$FORMCHECK_BIN"
else
    swift build -c release --product formcheck >&2
    formcheck="$(swift build -c release --show-bin-path)/formcheck"
fi
report="$(mktemp -d)"
trap 'rm -rf "$report"' EXIT
taskset -c 0 "$formcheck" live --exercise "$exercise" --source "$folder" --fps "$fps" \
    --bench --threads 1 --no-check-in --report "$report/session" 2>/dev/null
