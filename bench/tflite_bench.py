#!/usr/bin/env python3
"""Times TFLite (ai-edge-litert, XNNPACK delegate) on a model, as formcheck bench-model does.

Prints one JSON object per line: {"model", "threads", "iterations", "min_ms", "median_ms", "max_ms"}.
Input: the synthetic pattern of ../shared/tools/mp_reference.py raw (the values do not change
the run time of these models, but the same pattern keeps the comparison honest).
"""
import argparse
import json
import math
import os
import statistics
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np  # noqa: E402
from ai_edge_litert.interpreter import Interpreter  # noqa: E402


def synthetic(shape):
    _, h, w, _ = shape
    i = np.arange(h, dtype=np.float64)[:, None]
    j = np.arange(w, dtype=np.float64)[None, :]
    params = [(1.0, 0.5, 0.0), (0.5, 1.0, 1.0), (0.75, 0.75, 2.0)]
    base = np.stack([0.5 + 0.5 * np.sin(2 * math.pi * (fx * j / w + fy * i / h) + ph) for fx, fy, ph in params], -1)[None]
    return (2 * base - 1 if h == 224 and w == 224 else base).astype(np.float32)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--iterations", type=int, default=50)
    args = parser.parse_args()
    it = Interpreter(model_path=args.model, num_threads=args.threads)
    it.allocate_tensors()
    detail = it.get_input_details()[0]
    it.set_tensor(detail["index"], synthetic(detail["shape"]))
    for _ in range(max(3, args.iterations // 10)):
        it.invoke()
    times = []
    for _ in range(args.iterations):
        start = time.perf_counter()
        it.invoke()
        times.append((time.perf_counter() - start) * 1e3)
    print(json.dumps({"model": args.model, "threads": args.threads, "iterations": args.iterations,
                      "min_ms": min(times), "median_ms": statistics.median(times), "max_ms": max(times)}))


main()
