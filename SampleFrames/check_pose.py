#!/usr/bin/env python3
"""Checks the rendered sample frames against a pose model and against formcheck's analysis.

For every sequence SampleFrames/<exercise>/<good|fault>/ this script

  1. runs a pose model over the frames as one video:
       --model mediapipe   MediaPipe BlazePose (mp.solutions.pose, model_complexity 1) through
                           ../shared/tools/mp_reference.py pose --video (needs its venv);
       --model formcheck   our own pipeline, `formcheck pose --video --json`;
  2. compares the landmarks with truth.json: a frame counts as found when the model reports a
     pose; the error of a landmark is its distance in pixels from the true one, over the
     landmarks the figure shows (truth visibility 0.99, i.e. not hidden behind the body);
  3. runs `formcheck analyze --exercise <id> --fps <fps> --json` on the model's landmarks and
     compares reps, holds and faults with the truth's expectations.

It writes a summary (JSON) with the numbers per sequence and overall, the landmarks the model
found (per frame: 33 × [x px, y px], rounded to whole pixels, which the errors are measured
from) and the command that made it, and prints a table. The committed SampleFrames/poses.json
was made from the repository root with our own pipeline:

  swift build -c release
  python3 SampleFrames/check_pose.py --model formcheck --formcheck .build/release/formcheck \
      --out SampleFrames/poses.json

and MediaPipe itself is checked with (its venv; see bench/pose.py for setting one up):

  /work/.venv-ref/bin/python SampleFrames/check_pose.py --model mediapipe \
      --formcheck .build/release/formcheck --out /tmp/mediapipe.json

Only the Python standard library is needed here (the model runs in its own process).
"""
import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
# Landmark groups for the error report (MediaPipe's indices).
FACE = set(range(0, 11))
BODY = set(range(11, 33))


def sequences(root):
    """(exercise, sequence, folder) for every folder with a truth.json, in sorted order."""
    found = []
    for exercise in sorted(os.listdir(root)):
        folder = os.path.join(root, exercise)
        if not os.path.isdir(folder):
            continue
        for sequence in sorted(os.listdir(folder)):
            path = os.path.join(folder, sequence)
            if os.path.isfile(os.path.join(path, "truth.json")):
                found.append((exercise, sequence, path))
    return found


def run_mediapipe(python, script, folder, out):
    subprocess.run([python, script, "pose", "--video", "--out", out, folder], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    frames = []
    for name in sorted(n for n in os.listdir(out) if n.endswith(".json")):
        with open(os.path.join(out, name)) as f:
            frames.append(json.load(f))
    return frames


def run_formcheck_pose(formcheck, folder, out):
    target = os.path.join(out, "poses.json")
    env = dict(os.environ)
    # The models are in the repository's Models folder (unless FORMCHECK_MODELS says otherwise).
    env.setdefault("FORMCHECK_MODELS", os.path.join(HERE, "..", "Models"))
    result = subprocess.run([formcheck, "pose", "--video", "--json", target, folder], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit("formcheck pose failed on %s: %s" % (folder, result.stderr.strip()))
    with open(target) as f:
        frames = json.load(f)
    # One file per frame, so that `formcheck analyze` reads them like MediaPipe's.
    for index, frame in enumerate(frames):
        with open(os.path.join(out, "frame_%04d.json" % index), "w") as f:
            json.dump(frame, f)
    os.remove(target)
    return frames


def landmark_errors(truth, frames):
    """Per-frame lists of (index, error px) over the landmarks the figure shows."""
    errors = []
    by_name = {os.path.basename(f.get("image", "")): f for f in frames}
    for index, expected in enumerate(truth["frames"]):
        frame = by_name.get(expected["file"])
        if frame is None and index < len(frames):
            frame = frames[index]
        pose = frame and frame.get("pose")
        if not pose:
            errors.append(None)
            continue
        # The landmarks as stored in the summary (to the pixel).
        found = [(round(p["x_px"]), round(p["y_px"])) for p in pose["landmarks"]]
        row = []
        for i, (x, y, visibility) in enumerate(expected["landmarks"]):
            if visibility < 0.9:
                continue
            row.append((i, math.hypot(found[i][0] - x, found[i][1] - y)))
        errors.append(row)
    return errors


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def analyze(formcheck, exercise, fps, poses):
    result = subprocess.run([formcheck, "analyze", poses, "--exercise", exercise, "--fps", str(fps), "--json", "-"],
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def judge(truth, report):
    """Whether the analysis of the model's landmarks agrees with the truth: reps, holds, faults."""
    expected = truth["expected"]
    summary = report.get("summary", {})
    reps = [r for r in report.get("reps", []) if r.get("complete")]
    frames = report.get("frames", [])
    fault = truth["fault"]["id"] if truth.get("fault") else None
    seen = {}
    for frame in frames:
        for f in frame.get("faults", []):
            seen[f] = seen.get(f, 0) + 1
    hits = sum(1 for t, f in zip(truth["frames"], frames) if t["fault_expected"] and fault in f.get("faults", []))
    allowed = set(expected["rep_faults"]) | {"out_of_position"}
    extra = sorted(f for f in seen if f != fault and f not in allowed)
    holds = report.get("holds", [])
    verdict = {
        "reps": len(reps),
        "reps_expected": expected["reps"],
        "rep_sides": [r.get("side") for r in reps],
        "rep_sides_expected": expected["rep_sides"],
        "holds": len(holds),
        "holds_expected": expected["holds"],
        "good_hold_seconds": round(sum(h.get("good_s", 0) for h in holds), 2),
        "good_hold_seconds_expected": round(expected["good_hold_seconds"] * expected["holds"], 2),
        "faults_seen": seen,
        "fault_frames_expected": expected["fault_frames"],
        "fault_frames_found": hits,
        "unexpected_faults": extra,
    }
    reps_ok = len(reps) == expected["reps"] and (not expected["holds"] or len(holds) == expected["holds"])
    if fault is None:
        form_ok = not extra
    else:
        form_ok = expected["fault_frames"] > 0 and hits >= 0.5 * expected["fault_frames"]
    verdict["reps_agree"] = reps_ok
    verdict["form_agrees"] = form_ok
    return verdict


def shown_arguments(arguments):
    """The arguments as recorded in the summary: a formcheck binary by its name only (its folder
    is wherever it was built)."""
    shown = list(arguments)
    for i, value in enumerate(shown[:-1]):
        if value == "--formcheck":
            shown[i + 1] = os.path.basename(shown[i + 1])
    return shown


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", choices=["mediapipe", "formcheck"], default="mediapipe")
    parser.add_argument("--formcheck", default="formcheck", help="the formcheck binary")
    parser.add_argument("--mp-script", default=os.path.join(HERE, "..", "..", "shared", "tools", "mp_reference.py"))
    parser.add_argument("--mp-python", default=sys.executable, help="the Python with mediapipe")
    parser.add_argument("--root", default=HERE, help="the SampleFrames folder")
    parser.add_argument("--out", required=True, help="the summary JSON to write")
    parser.add_argument("--only", help="only exercises whose id contains this")
    args = parser.parse_args()

    rows = []
    all_errors, body_errors, face_errors = [], [], []
    per_exercise = {}
    frames_total = frames_found = 0
    scratch = tempfile.mkdtemp(prefix="formcheck-samples-")
    try:
        for exercise, sequence, folder in sequences(args.root):
            if args.only and args.only not in exercise:
                continue
            with open(os.path.join(folder, "truth.json")) as f:
                truth = json.load(f)
            out = os.path.join(scratch, exercise, sequence)
            os.makedirs(out)
            if args.model == "mediapipe":
                frames = run_mediapipe(args.mp_python, os.path.abspath(args.mp_script), folder, out)
            else:
                frames = run_formcheck_pose(args.formcheck, folder, out)
            errors = landmark_errors(truth, frames)
            found = [e for e in errors if e is not None]
            flat = [d for row in found for _, d in row]
            body = [d for row in found for i, d in row if i in BODY]
            face = [d for row in found for i, d in row if i in FACE]
            all_errors += flat
            per_exercise.setdefault(exercise, []).extend(flat)
            body_errors += body
            face_errors += face
            frames_total += len(errors)
            frames_found += len(found)
            report = analyze(args.formcheck, exercise, truth["fps"], out)
            verdict = judge(truth, report)
            landmarks = []
            for frame in frames:
                pose = frame.get("pose")
                landmarks.append(None if not pose else
                                 [[round(p["x_px"]), round(p["y_px"])] for p in pose["landmarks"]])
            rows.append({
                "exercise": exercise, "sequence": sequence, "frames": len(errors), "found": len(found),
                "median_px": percentile(flat, 0.5), "p95_px": percentile(flat, 0.95),
                "body_median_px": percentile(body, 0.5), "body_p95_px": percentile(body, 0.95),
                "analysis": verdict, "landmarks": landmarks,
            })
            r = rows[-1]
            print("%-20s %-27s found %2d/%2d  median %5.1f  p95 %5.1f px  reps %d/%d  holds %d/%d  fault frames %2d/%2d  %s %s" % (
                exercise, sequence, r["found"], r["frames"], r["median_px"] or -1, r["p95_px"] or -1,
                verdict["reps"], verdict["reps_expected"], verdict["holds"], verdict["holds_expected"],
                verdict["fault_frames_found"], verdict["fault_frames_expected"],
                "ok" if verdict["form_agrees"] and verdict["reps_agree"] else "MISMATCH",
                "" if verdict["form_agrees"] and verdict["reps_agree"] else json.dumps(verdict["faults_seen"])), flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    def rounded(value):
        return None if value is None else round(value, 2)

    exercises = {}
    for exercise in sorted(per_exercise):
        errors = per_exercise[exercise]
        exercises[exercise] = {
            "frames": sum(r["frames"] for r in rows if r["exercise"] == exercise),
            "found": sum(r["found"] for r in rows if r["exercise"] == exercise),
            "median_px": rounded(percentile(errors, 0.5)), "p95_px": rounded(percentile(errors, 0.95)),
        }
    overall = {
        "sequences": len(rows), "frames": frames_total, "frames_found": frames_found,
        "median_px": rounded(percentile(all_errors, 0.5)), "p95_px": rounded(percentile(all_errors, 0.95)),
        "body_median_px": rounded(percentile(body_errors, 0.5)), "body_p95_px": rounded(percentile(body_errors, 0.95)),
        "face_median_px": rounded(percentile(face_errors, 0.5)), "face_p95_px": rounded(percentile(face_errors, 0.95)),
        "reps_agree": sum(1 for r in rows if r["analysis"]["reps_agree"]),
        "form_agrees": sum(1 for r in rows if r["analysis"]["form_agrees"]),
    }
    for r in rows:
        for key in ("median_px", "p95_px", "body_median_px", "body_p95_px"):
            r[key] = rounded(r[key])
    summary = {
        "model": "mediapipe 0.10.14 pose (model_complexity 1, video mode)" if args.model == "mediapipe"
        else "formcheck pose --video",
        "command": " ".join(["python3", "SampleFrames/check_pose.py"] + shown_arguments(sys.argv[1:])),
        "exercises": exercises,
        "overall": overall,
        "sequences": rows,
    }
    with open(args.out, "w") as f:
        json.dump(summary, f, separators=(",", ":"), sort_keys=True)
        f.write("\n")
    print(json.dumps(overall, indent=1))


if __name__ == "__main__":
    main()
