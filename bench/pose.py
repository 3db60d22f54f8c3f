#!/usr/bin/env python3
"""formcheck's pose pipeline vs mp.solutions.pose, side by side on this machine, in one run.

    bench/pose.py [--sequence NAME | --frames DIR] [--count N] [--rounds R] [--repeat P] [--default-mode]

Times, from a 640x480 JPEG file to 33 landmarks, `formcheck bench-pose` (release build) and
mp.solutions.pose (mediapipe 0.10.14 from PyPI, model_complexity 1, installed into bench/.venv/pose
on first use) on the same frames: video (tracking) and image mode, 1 thread and 2 threads.
For 1 thread both processes are pinned to one CPU (`taskset -c 0`; MediaPipe picks its own
thread count otherwise); for 2 threads both may use CPUs 0-1. Each configuration alternates R
rounds of ours and theirs (P passes over the frames each) and reports the median of the
per-round medians, and the ratio ours/theirs (< 1: formcheck is faster). Shared machines are
noisy: compare ratios, not milliseconds.

Frames: the first N frames of ../shared/frames/sequences/NAME (default hans_glute-bridges),
fitted into 640x480 with black bars, written as JPEG (quality 95) to bench/results/pose-frames;
without ../shared, the drawn figure of Tests/PoseTests/Fixtures/make_fixtures.py walking across
640x480. --exact (MediaPipe's behaviour) is timed unless --default-mode is given.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "bench", ".venv", "pose")  # its own venv, beside engine.sh's, git-ignored
PYTHON = os.path.join(VENV, "bin", "python")


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def ensure_venv():
    if not os.path.exists(PYTHON):
        run([sys.executable, "-m", "venv", VENV])
    probe = subprocess.run([PYTHON, "-c", "import mediapipe, cv2; assert mediapipe.__version__ == '0.10.14'"],
                           capture_output=True)
    if probe.returncode != 0:
        run([PYTHON, "-m", "pip", "install", "-q", "mediapipe==0.10.14"], stdout=sys.stderr)


def formcheck_binary():
    if os.environ.get("FORMCHECK_BIN"):
        return os.environ["FORMCHECK_BIN"]
    run(["swift", "build", "-c", "release", "--product", "formcheck"], cwd=ROOT, stdout=sys.stderr)
    path = run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
               capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "formcheck")


MAKE_FRAMES = r'''
import os, sys, glob, math
import cv2, numpy as np
source, out, count, fixtures = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
os.makedirs(out, exist_ok=True)
def fit(img):
    h, w = img.shape[:2]
    s = min(640 / w, 480 / h)
    small = cv2.resize(img, (max(1, round(w * s)), max(1, round(h * s))), interpolation=cv2.INTER_AREA)
    canvas = np.zeros((480, 640, 3), np.uint8)
    y, x = (480 - small.shape[0]) // 2, (640 - small.shape[1]) // 2
    canvas[y:y + small.shape[0], x:x + small.shape[1]] = small
    return canvas
if os.path.isdir(source):
    names = sorted(glob.glob(os.path.join(source, "*.jpg")))[:count]
    frames = [fit(cv2.imread(n)) for n in names]
else:
    sys.path.insert(0, fixtures)
    from make_fixtures import background, draw_figure
    frames = [draw_figure(background(640, 480), 200 + 8 * k, 40, s=1.0, t=0.3 * k) for k in range(count)]
for k, f in enumerate(frames):
    cv2.imwrite(os.path.join(out, "frame_%04d.jpg" % (k + 1)), f, [cv2.IMWRITE_JPEG_QUALITY, 95])
print(len(frames))
'''


def make_frames(args):
    out = os.path.join(ROOT, "bench", "results", "pose-frames")
    shutil.rmtree(out, ignore_errors=True)
    source = args.frames or os.path.join(ROOT, "..", "shared", "frames", "sequences", args.sequence)
    fixtures = os.path.join(ROOT, "Tests", "PoseTests", "Fixtures")
    n = run([PYTHON, "-c", MAKE_FRAMES, source, out, str(args.count), fixtures],
            capture_output=True, text=True).stdout.strip()
    what = source if os.path.isdir(source) else "the drawn figure (no shared frames)"
    print(f"frames: {n} x 640x480 JPEG from {what}", file=sys.stderr)
    return sorted(os.path.join(out, f) for f in os.listdir(out))


def time_ours(binary, frames, mode, threads, repeat, exact, pin):
    cmd = [binary, "bench-pose", "--mode", mode, "--threads", str(threads), "--repeat", str(repeat)]
    cmd += (["--exact"] if exact else []) + frames
    out = run(pin + cmd, capture_output=True, text=True).stdout
    return json.loads(out)


def time_theirs(frames, mode, repeat, pin):
    script = os.path.join(ROOT, "bench", "pose_mediapipe.py")
    out = run(pin + [PYTHON, script, "--mode", mode, "--repeat", str(repeat)] + frames,
              capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sequence", default="hans_glute-bridges")
    parser.add_argument("--frames", help="a folder of images to use instead of a shared sequence")
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--default-mode", action="store_true", help="time formcheck's default (not --exact)")
    args = parser.parse_args()
    ensure_venv()
    binary = formcheck_binary()
    frames = make_frames(args)
    rows = []
    for mode in ("video", "image"):
        for threads in (1, 2):
            pin = ["taskset", "-c", "0" if threads == 1 else "0-1"] if shutil.which("taskset") else []
            ours, theirs, found = [], [], None
            for _ in range(args.rounds):
                o = time_ours(binary, frames, mode, threads, args.repeat, not args.default_mode, pin)
                t = time_theirs(frames, mode, args.repeat, pin)
                ours.append(o["median_total_ms"])
                theirs.append(t["median_total_ms"])
                found = (sum(f["pose"] for f in o["frames"]), sum(f["pose"] for f in t["frames"]), len(o["frames"]))
            a, b = statistics.median(ours), statistics.median(theirs)
            rows.append((mode, threads, a, b, a / b, found))
            print(f"{mode:5} {threads} thread{'s' if threads > 1 else ' '}  formcheck {a:7.2f} ms  "
                  f"mediapipe {b:7.2f} ms  ratio {a / b:.2f}  (poses {found[0]}/{found[2]} vs {found[1]}/{found[2]})",
                  flush=True)
    print("\nmedian ms per frame, JPEG file -> landmarks (decode included); ratio = formcheck / mediapipe")
    print("mode   threads  formcheck  mediapipe  ratio")
    for mode, threads, a, b, r, _ in rows:
        print(f"{mode:6} {threads:7}  {a:9.2f}  {b:9.2f}  {r:5.2f}")


if __name__ == "__main__":
    main()
