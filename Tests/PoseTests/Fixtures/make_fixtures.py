#!/usr/bin/env python3
"""Makes the PoseTests fixtures: procedural images of a drawn figure and MediaPipe's pose on them.

    /work/.venv-ref/bin/python make_fixtures.py            # from this folder (see README.md)

Every image is drawn here (numpy + OpenCV primitives) and saved as PNG, so that every decoder
reads the same pixels. The expectations come from MediaPipe 0.10.14 itself, through
../shared/tools/mp_reference.py (mp.solutions.pose, model_complexity 1, heatmap kernel 9):
image mode on each still, video mode (tracking, smoothing, synthetic 30 fps clock) on the
sequence, whose blank frames in the middle exercise the filters' reset rules.
Output: the PNGs and expectations.json (numbers as MediaPipe's f32 values widened to double).
Needs: mediapipe==0.10.14, opencv-python, numpy (the .venv-ref environment).
"""
import json
import math
import os
import subprocess
import sys
import tempfile

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.environ.get("MP_REFERENCE", os.path.join(HERE, "../../../../shared/tools/mp_reference.py"))


def background(w, h, tone=(200, 205, 210)):
    """A soft vertical gradient (BGR)."""
    img = np.zeros((h, w, 3), np.float64)
    ramp = np.linspace(0, 60, h)[:, None]
    for c in range(3):
        img[:, :, c] = tone[c] - ramp
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def figure_joints(t=0.0):
    """The drawn figure's joints in its own units (x right of the centre line, y down from the
    top of the head; 1 unit = 1 px at scale 1): MediaPipe landmark name -> (x, y)."""
    a = 0.6 + 0.3 * math.sin(t)
    el_l, el_r = (58, 150), (-58, 150)
    return {
        "left_shoulder": (38, 95), "right_shoulder": (-38, 95),
        "left_elbow": el_l, "right_elbow": el_r,
        "left_wrist": (el_l[0] + 25 * math.cos(a), el_l[1] + 50 * math.sin(a) + 10),
        "right_wrist": (el_r[0] - 25 * math.cos(a), el_r[1] + 50 * math.sin(a) + 10),
        "left_hip": (24, 205), "right_hip": (-24, 205),
        "left_knee": (32, 280), "right_knee": (-32, 280),
        "left_ankle": (34, 350), "right_ankle": (-34, 350),
    }


def draw_figure(img, cx, top, s=1.0, t=0.0):
    """A standing person facing the camera: head with eyes and mouth, shirt, arms, trousers,
    shoes. `cx`, `top`: centre x and top of the head; `s`: scale (1 = 400 px tall figure);
    `t`: phase of the arm swing. The person's left is the image's right."""
    skin, shirt, pants, hair, shoe = (140, 170, 215), (60, 60, 170), (90, 60, 40), (30, 40, 60), (40, 40, 40)

    def P(x, y):
        return (int(round(cx + x * s)), int(round(top + y * s)))

    def limb(a, b, color, width):
        cv2.line(img, P(*a), P(*b), color, max(1, int(round(width * s))), cv2.LINE_AA)

    j = figure_joints(t)
    head, neck = (0, 40), (0, 80)
    sh_l, sh_r, el_l, el_r = j["left_shoulder"], j["right_shoulder"], j["left_elbow"], j["right_elbow"]
    wr_l, wr_r, hip_l, hip_r = j["left_wrist"], j["right_wrist"], j["left_hip"], j["right_hip"]
    kn_l, kn_r, an_l, an_r = j["left_knee"], j["right_knee"], j["left_ankle"], j["right_ankle"]
    for p, q in [(hip_l, kn_l), (kn_l, an_l), (hip_r, kn_r), (kn_r, an_r)]:
        limb(p, q, pants, 26)
    cv2.ellipse(img, P(an_l[0] + 12, an_l[1] + 6), (int(18 * s), int(8 * s)), 0, 0, 360, shoe, -1, cv2.LINE_AA)
    cv2.ellipse(img, P(an_r[0] - 12, an_r[1] + 6), (int(18 * s), int(8 * s)), 0, 0, 360, shoe, -1, cv2.LINE_AA)
    torso = np.array([P(*sh_l), P(*sh_r), P(hip_r[0] - 4, hip_r[1]), P(hip_l[0] + 4, hip_l[1])], np.int32)
    cv2.fillConvexPoly(img, torso, shirt, cv2.LINE_AA)
    limb(neck, (0, 95), skin, 18)
    for p, q in [(sh_l, el_l), (sh_r, el_r)]:
        limb(p, q, shirt, 20)
    for p, q in [(el_l, wr_l), (el_r, wr_r)]:
        limb(p, q, skin, 16)
    for w in (wr_l, wr_r):
        cv2.circle(img, P(*w), int(10 * s), skin, -1, cv2.LINE_AA)
    cv2.ellipse(img, P(*head), (int(28 * s), int(36 * s)), 0, 0, 360, skin, -1, cv2.LINE_AA)
    cv2.ellipse(img, P(head[0], head[1] - 22), (int(30 * s), int(20 * s)), 0, 180, 360, hair, -1, cv2.LINE_AA)
    for dx in (-11, 11):
        cv2.circle(img, P(head[0] + dx, head[1] - 4), max(1, int(4 * s)), (255, 255, 255), -1, cv2.LINE_AA)
        cv2.circle(img, P(head[0] + dx, head[1] - 4), max(1, int(2 * s)), (40, 30, 20), -1, cv2.LINE_AA)
    cv2.ellipse(img, P(head[0], head[1] + 16), (int(9 * s), int(4 * s)), 0, 0, 180, (60, 60, 150), max(1, int(2 * s)), cv2.LINE_AA)
    return img


def silhouette(angle):
    """A dark grey silhouette of the figure (t = 2) turned by `angle` degrees anticlockwise about
    the centre of a 340x340 square, pasted 85 px from the left of a 510x340 frame; also where
    its drawn joints are in the frame (pixels, MediaPipe names)."""
    w = h = 340
    bg = background(w, h)
    drawn = draw_figure(background(w, h), w // 2, 30, s=0.7, t=2.0)
    img = bg.copy()
    img[np.any(drawn != bg, axis=2)] = (60, 60, 60)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    img = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    canvas = background(510, 340)
    canvas[:, 85:85 + w] = img
    joints = {}
    for name, (x, y) in figure_joints(2.0).items():
        px, py = w // 2 + x * 0.7, 30 + y * 0.7
        joints[name] = [m[0, 0] * px + m[0, 1] * py + m[0, 2] + 85, m[1, 0] * px + m[1, 1] * py + m[1, 2]]
    return canvas, joints


def stills():
    """name -> BGR image."""
    out = {}
    out["figure_portrait_320x400"] = draw_figure(background(320, 400), 160, 20)
    out["figure_landscape_480x300"] = draw_figure(background(480, 300), 330, 30, s=0.65, t=1.0)
    tilted = draw_figure(background(400, 400), 200, 20, s=0.9, t=2.0)
    m = cv2.getRotationMatrix2D((200, 200), 25, 1.0)
    out["figure_tilted_400x400"] = cv2.warpAffine(tilted, m, (400, 400), flags=cv2.INTER_LINEAR,
                                                  borderMode=cv2.BORDER_REPLICATE)
    out["figure_lying_400x320"] = np.ascontiguousarray(np.rot90(out["figure_portrait_320x400"], 1))
    out["blank_200x150"] = background(200, 150)
    out["silhouette_upright_510x340"], _ = silhouette(0)
    # MediaPipe finds nobody here (issue #5276); formcheck's turned retry does.
    out["silhouette_lying_510x340"], _ = silhouette(80)
    return out


def sequence():
    """12 frames 240x300: the figure walks right swinging its arms; frames 6 and 7 are empty."""
    frames = []
    for k in range(12):
        img = background(240, 300)
        if k not in (6, 7):
            draw_figure(img, 100 + 4 * k, 14, s=0.7, t=0.5 * k)
        frames.append(img)
    return frames


def run_reference(paths, video):
    with tempfile.TemporaryDirectory() as out:
        cmd = [sys.executable, REFERENCE, "pose", "--out", out] + (["--video"] if video else []) + paths
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        records = []
        for p in paths:
            stem = os.path.splitext(os.path.basename(p))[0]
            with open(os.path.join(out, stem + ".json")) as f:
                records.append(json.load(f))
        return records


def compact(record, name):
    entry = {"file": name, "width": record["width"], "height": record["height"], "pose": None}
    pose = record["pose"]
    if pose is None:
        return entry
    debug = pose["debug"]

    def rect(r):
        return None if r is None else [r["x_center"], r["y_center"], r["width"], r["height"], r["rotation"]]

    entry["pose"] = {
        "landmarks": [[l["x"], l["y"], l["z"], l["visibility"], l["presence"]] for l in pose["landmarks"]],
        "world_landmarks": [[l["x"], l["y"], l["z"]] for l in pose["world_landmarks"]],
        "detection": None if debug["detection"] is None else {
            "score": debug["detection"]["score"], "keypoints": debug["detection"]["keypoints_norm"]},
        "roi": rect(debug["roi"]),
        "roi_from_landmarks": rect(debug["roi_from_landmarks"]),
        "auxiliary_landmarks": [[l["x"], l["y"]] for l in debug["auxiliary_landmarks"]],
    }
    return entry


def main():
    os.chdir(HERE)
    names = []
    for name, img in stills().items():
        cv2.imwrite(name + ".png", img)
        names.append(name + ".png")
    os.makedirs("sequence", exist_ok=True)
    seq = []
    for k, img in enumerate(sequence()):
        path = os.path.join("sequence", f"frame_{k + 1}.png")
        cv2.imwrite(path, img)
        seq.append(path)
    image_records = run_reference([os.path.abspath(n) for n in names], video=False)
    video_records = run_reference([os.path.abspath(p) for p in seq], video=True)
    images = [compact(r, n) for r, n in zip(image_records, names)]
    for entry in images:
        if entry["file"] == "silhouette_lying_510x340.png":
            entry["drawn_joints_px"] = silhouette(80)[1]
    sequence_entries = [compact(r, p) for r, p in zip(video_records, seq)]
    with open("expectations.json", "w") as f:
        f.write('{"made_by": "make_fixtures.py: mediapipe 0.10.14, mp.solutions.pose model_complexity 1, via mp_reference.py",\n')
        f.write(' "images": [\n' + ",\n".join("  " + json.dumps(e) for e in images) + "\n ],\n")
        f.write(' "sequence": [\n' + ",\n".join("  " + json.dumps(e) for e in sequence_entries) + "\n ]}\n")
    for e in images + sequence_entries:
        print(e["file"], "pose" if e["pose"] else "null")


if __name__ == "__main__":
    main()
