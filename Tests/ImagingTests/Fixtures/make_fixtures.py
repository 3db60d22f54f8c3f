#!/usr/bin/env python3
"""Makes the ImagingTests fixtures. See README.md beside this file for the exact commands.

    python make_fixtures.py codecs   # small JPEG/PNG files of every kind + what cv2.imread reads
    python make_fixtures.py crops    # procedural images + MediaPipe's own crop tensors (hashes)
    python make_fixtures.py shared --frames ../../../../shared/frames
                                     # derived numbers only (hashes, ROIs) for a few shared photos

Every image here is drawn by this script (numpy + Pillow); nothing is copied from elsewhere.
Expectations come from the tools MediaPipe's reference uses: `cv2.imread(path, IMREAD_COLOR)`
for decoding, and MediaPipe 0.10.14's own ImageToTensorCalculator (through
../shared/tools/mp_reference.py) for the crops. Hashes are 64-bit FNV-1a over the bytes:
RGB uint8 row-major for images and crops, little-endian float32 for tensors.
Needs: mediapipe==0.10.14, opencv-python, numpy, pillow (the .venv-ref environment).
"""
import argparse
import io
import json
import math
import os
import struct
import sys
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FNV_OFFSET, FNV_PRIME, MASK = 0xCBF29CE484222325, 0x100000001B3, (1 << 64) - 1


def fnv1a64(data: bytes) -> str:
    h = FNV_OFFSET
    for b in data:
        h = ((h ^ b) * FNV_PRIME) & MASK
    return f"{h:016x}"


def cv2_rgb(path):
    import cv2
    bgr = cv2.imread(path, cv2.IMREAD_COLOR)
    if bgr is None:
        raise RuntimeError(f"cv2 cannot read {path}")
    return np.ascontiguousarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))


def f32(v):
    return float(np.float32(v))


# --------------------------------------------------------------------------------------------
# codecs: one small file per decoder path
# --------------------------------------------------------------------------------------------

def pattern(w, h, seed=0):
    """A smooth-plus-sharp RGB test pattern, uint8 [h, w, 3]."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    r = 255 * x / max(w - 1, 1)
    g = 255 * y / max(h - 1, 1)
    b = 127.5 + 127.5 * np.sin((x + 2 * y + seed) / 3.0)
    img = np.stack([r, g, b], -1)
    img[(x // 4 + y // 4) % 2 == 0] *= 0.6  # checker
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def write_interlaced_png(path, rgb):
    """8-bit RGB PNG with Adam7 interlacing (Pillow cannot write one), filter 0 per row."""
    h, w, _ = rgb.shape
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
    raw = b""
    for x0, y0, dx, dy in passes:
        sub = rgb[y0::dy, x0::dx]
        if sub.shape[0] == 0 or sub.shape[1] == 0:
            continue
        for row in sub:
            raw += b"\x00" + row.tobytes()
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 1)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", zlib.compress(raw, 9))
                + png_chunk(b"IEND", b""))


def make_codecs():
    import cv2
    from PIL import Image
    files = {}

    def out(name):
        return os.path.join(HERE, name)

    rgb = pattern(48, 32)
    Image.fromarray(rgb).save(out("rgb_48x32_q90.jpg"), quality=90)
    Image.fromarray(rgb).save(out("progressive_48x32.jpg"), quality=85, progressive=True)
    Image.fromarray(pattern(64, 48)[..., 1]).save(out("grey_64x48.jpg"), quality=90)
    Image.fromarray(rgb).convert("CMYK").save(out("cmyk_48x32.jpg"), quality=95)
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    Image.fromarray(pattern(40, 24)).save(out("exif6_40x24.jpg"), quality=90, exif=exif.tobytes())
    Image.fromarray(np.array([[[200, 30, 90]]], np.uint8)).save(out("one_pixel.jpg"), quality=95)
    Image.fromarray(np.array([[[12, 34, 56]]], np.uint8)).save(out("one_pixel.png"))

    Image.fromarray(pattern(33, 17)).save(out("rgb_33x17.png"))
    grey16 = (pattern(33, 17)[..., 0].astype(np.uint16) * 257 + np.arange(33, dtype=np.uint16)[None, :])
    Image.fromarray(grey16).save(out("grey16_33x17.png"))  # mode I;16 -> 16-bit grey
    rgb16 = pattern(21, 13).astype(np.uint16) * 257 + 100
    cv2.imwrite(out("rgb16_21x13.png"), cv2.cvtColor(rgb16, cv2.COLOR_RGB2BGR))
    pal = Image.fromarray(pattern(29, 19)).convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
    pal.info["transparency"] = 3
    pal.save(out("palette_trns_29x19.png"), transparency=3)
    rgba = np.dstack([pattern(31, 23), (np.arange(31 * 23) % 256).reshape(23, 31).astype(np.uint8)])
    Image.fromarray(rgba, "RGBA").save(out("rgba_31x23.png"))
    la = np.dstack([pattern(17, 11)[..., 2], np.full((11, 17), 77, np.uint8)])
    Image.fromarray(la, "LA").save(out("grey_alpha_17x11.png"))
    Image.fromarray(pattern(19, 7)[..., 0] > 128).save(out("bilevel_19x7.png"))
    write_interlaced_png(out("interlaced_27x15.png"), pattern(27, 15, seed=5))

    names = ["rgb_48x32_q90.jpg", "progressive_48x32.jpg", "grey_64x48.jpg", "cmyk_48x32.jpg",
             "exif6_40x24.jpg", "one_pixel.jpg", "one_pixel.png", "rgb_33x17.png", "grey16_33x17.png",
             "rgb16_21x13.png", "palette_trns_29x19.png", "rgba_31x23.png", "grey_alpha_17x11.png",
             "bilevel_19x7.png", "interlaced_27x15.png"]
    for name in names:
        img = cv2_rgb(out(name))
        files[name] = {"width": img.shape[1], "height": img.shape[0], "rgb_fnv1a64": fnv1a64(img.tobytes())}
    with open(out("decode_expectations.json"), "w") as f:
        json.dump({"about": "cv2.imread(IMREAD_COLOR) -> RGB of each file: size and FNV-1a 64 of the bytes",
                   "files": files}, f, indent=1)
    print(json.dumps(files, indent=1))


# --------------------------------------------------------------------------------------------
# crops: procedural images and MediaPipe's own tensors for them
# --------------------------------------------------------------------------------------------

def scene(w, h):
    """Gradients covering 0..255 in every channel, plus hard edges, thin lines and a disc."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    r = 255 * x / (w - 1)
    g = 255 * y / (h - 1)
    b = 255 * ((x + y) % 64) / 63
    img = np.stack([r, g, b], -1)
    cx, cy, rad = 0.62 * w, 0.4 * h, 0.18 * min(w, h)
    img[(x - cx) ** 2 + (y - cy) ** 2 < rad ** 2] = [250, 40, 10]
    img[(np.abs(x - 0.25 * w) < 0.08 * w) & (np.abs(y - 0.7 * h) < 0.1 * h) & ((x // 3 + y // 3) % 2 == 0)] = [0, 0, 255]
    img[(np.abs((x - y * 1.7) % 37) < 1)] = [255, 255, 255]
    img[:, int(0.9 * w)] = [0, 0, 0]
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def crop_cases(w, h):
    """(name, normalised roi or None, size, border, range) — detector, landmark-style and odd."""
    sq = lambda s: (s * max(w, h) / w, s * max(w, h) / h)  # square in pixels
    a, b = sq(0.8)
    c, d = sq(1.3)
    return [
        ("detector", None, 224, "zero", "minusOneToOne"),
        ("landmark_inside", [0.45, 0.55, a, b, 0.7], 256, "replicate", "zeroToOne"),
        ("landmark_past_edge", [0.85, 0.2, c, d, -2.5], 256, "replicate", "zeroToOne"),
        ("zero_border_rotated", [0.3, 0.9, c, d, 3.1], 224, "zero", "zeroToOne"),
        ("odd_size_not_square", [0.5, 0.5, 0.37, 0.61, 1.2], 97, "replicate", "minusOneToOne"),
    ]


def mp_tensor(rgb, roi, size, border, rng):
    sys.path.insert(0, os.environ.get("MP_REFERENCE_DIR", os.path.join(HERE, "../../../../shared/tools")))
    import mp_reference as mpr
    from mediapipe.framework.formats import rect_pb2
    lo, hi = (-1.0, 1.0) if rng == "minusOneToOne" else (0.0, 1.0)
    r = None
    if roi is not None:
        r = rect_pb2.NormalizedRect(x_center=roi[0], y_center=roi[1], width=roi[2], height=roi[3], rotation=roi[4])
    return mpr.mp_image_to_tensor(rgb, size, lo, hi, "BORDER_ZERO" if border == "zero" else None, r)[0]


def tensor_to_u8(t, rng):
    v = (t.astype(np.float64) + 1) * 127.5 if rng == "minusOneToOne" else t.astype(np.float64) * 255
    u = np.rint(v)
    assert np.abs(v - u).max() < 1e-3, "tensor values are not exact byte levels"
    return u.astype(np.uint8)


def case_record(rgb, name, roi, size, border, rng):
    t = mp_tensor(rgb, roi, size, border, rng).astype("<f4")
    u8 = tensor_to_u8(t, rng)
    return {"name": name, "roi_normalized": None if roi is None else [f32(v) for v in roi], "size": size,
            "border": border, "range": rng, "crop_fnv1a64": fnv1a64(u8.tobytes()),
            "tensor_fnv1a64": fnv1a64(t.tobytes())}, u8


def make_crops():
    from PIL import Image
    images = [("scene_320x240.png", scene(320, 240)), ("scene_portrait_181x259.jpg", scene(181, 259)),
              ("scene_square_128.png", scene(128, 128))]
    records = []
    for name, img in images:
        path = os.path.join(HERE, name)
        if name.endswith(".jpg"):
            Image.fromarray(img).save(path, quality=92)
        else:
            Image.fromarray(img).save(path, optimize=True)
        rgb = cv2_rgb(path)  # what MediaPipe's reference feeds in
        cases = []
        for case in crop_cases(rgb.shape[1], rgb.shape[0]):
            rec, u8 = case_record(rgb, *case)
            if case[0] == "landmark_past_edge" and not name.endswith(".jpg"):  # keep fixtures small
                crop_name = f"{os.path.splitext(name)[0]}.{case[0]}.expected.png"
                Image.fromarray(u8).save(os.path.join(HERE, crop_name), optimize=True)
                rec["expected_crop_png"] = crop_name
            cases.append(rec)
        records.append({"image": name, "width": rgb.shape[1], "height": rgb.shape[0],
                        "rgb_fnv1a64": fnv1a64(rgb.tobytes()), "cases": cases})
    with open(os.path.join(HERE, "crop_expectations.json"), "w") as f:
        json.dump({"about": "MediaPipe 0.10.14 ImageToTensorCalculator on images drawn by make_fixtures.py; "
                            "roi_normalized = NormalizedRect (x_center, y_center, width, height, rotation), "
                            "null = whole image; hashes FNV-1a 64 of the uint8 crop and the float32 tensor",
                   "images": records}, f, indent=1)
    print(json.dumps(records, indent=1))


# --------------------------------------------------------------------------------------------
# shared: derived numbers for a few photos of ../shared/frames (the photos stay there)
# --------------------------------------------------------------------------------------------

SHARED = ["squat/carlos_1.jpg", "plank/fedb_1.jpg", "lunge/malik_5.jpg", "bridge/fedb_3.jpg",
          "side_plank/fedb_2.jpg", "crunch/fedb_6.jpg", "mediapipe_assets/pose.jpg", "cat_cow/fedb_2.jpg"]


def make_shared(frames):
    sys.path.insert(0, os.environ.get("MP_REFERENCE_DIR", os.path.join(HERE, "../../../../shared/tools")))
    import mp_reference as mpr
    sol = mpr.make_pose_solution(True, True, 0.5, 0.5)
    records = []
    for rel in SHARED:
        path = os.path.join(frames, rel)
        rgb = cv2_rgb(path)
        res = sol.process_keep_presence(rgb)
        det, _ = case_record(rgb, "detector", None, 224, "zero", "minusOneToOne")
        rec = {"image": rel, "width": rgb.shape[1], "height": rgb.shape[0], "rgb_fnv1a64": fnv1a64(rgb.tobytes()),
               "cases": [det]}
        if res.pose_rect is not None:
            r = res.pose_rect
            roi = [r.x_center, r.y_center, r.width, r.height, r.rotation]
            lm, _ = case_record(rgb, "landmark", roi, 256, "replicate", "zeroToOne")
            rec["cases"].append(lm)
        records.append(rec)
        print(rel, len(rec["cases"]), "cases")
    sol.close()
    with open(os.path.join(HERE, "shared_frames.json"), "w") as f:
        json.dump({"about": "Derived numbers for photos in ../shared/frames (not copied): size, FNV-1a 64 of "
                            "cv2.imread's RGB, and of MediaPipe 0.10.14's detector input and landmark input "
                            "(roi_normalized = MediaPipe's own pose_rect for the photo, image mode)",
                   "images": records}, f, indent=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["codecs", "crops", "shared"])
    ap.add_argument("--frames", default=os.path.join(HERE, "../../../../shared/frames"))
    args = ap.parse_args()
    {"codecs": make_codecs, "crops": make_crops, "shared": lambda: make_shared(args.frames)}[args.what]()


if __name__ == "__main__":
    main()
