#!/usr/bin/env python3
"""Times mp.solutions.pose (mediapipe 0.10.14, model_complexity 1) from image file to landmarks.

    python pose_mediapipe.py --mode video|image --repeat N FRAME...

The same loop as `formcheck bench-pose`: per frame, cv2.imread + BGR->RGB + Pose.process(),
over N passes after one untimed warm-up pass; a fresh Pose per pass (so every pass tracks the
same way). Prints one JSON object with every timed frame and the medians. Run by bench/pose.py.
"""
import argparse
import json
import os
import statistics
import time

os.environ.setdefault("GLOG_minloglevel", "2")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import cv2  # noqa: E402
import mediapipe as mp  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["video", "image"], default="video")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("frames", nargs="+")
    args = parser.parse_args()
    frames = []
    for p in range(args.repeat + 1):
        with mp.solutions.pose.Pose(static_image_mode=args.mode == "image", model_complexity=1) as pose:
            for path in args.frames:
                start = time.perf_counter()
                rgb = cv2.cvtColor(cv2.imread(path, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
                decoded = time.perf_counter()
                result = pose.process(rgb)
                end = time.perf_counter()
                if p > 0:
                    frames.append({"image": path, "decode_ms": (decoded - start) * 1e3,
                                   "pose_ms": (end - decoded) * 1e3, "total_ms": (end - start) * 1e3,
                                   "pose": result.pose_landmarks is not None})
    print(json.dumps({
        "mode": args.mode, "repeat": args.repeat, "frames_per_pass": len(args.frames),
        "median_decode_ms": statistics.median(f["decode_ms"] for f in frames),
        "median_pose_ms": statistics.median(f["pose_ms"] for f in frames),
        "median_total_ms": statistics.median(f["total_ms"] for f in frames),
        "frames": frames}))


if __name__ == "__main__":
    main()
