#!/usr/bin/env python3
"""Generates Sources/Inference/Kernels/GEMM/GEMMMicrokernels.generated.swift.

The GEMM microkernels are fully unrolled over their tile (MR rows x NR columns) so that every
accumulator lives in a register. Swift has no templates to unroll for us, so this script writes
them out, the way XNNPACK generates its microkernels. Edit this script, not the output:

    python3 scripts/gen-gemm-microkernels.py > Sources/Inference/Kernels/GEMM/GEMMMicrokernels.generated.swift

Two families:
- gemmF32_<MR>x<NR>: A is a row-major matrix (row i at a + i*aStride): 1x1 convolutions and
  im2col tiles. MR = 12 for the bulk of the rows, 8/4/2/1 for the tail of a matrix.
- igemmF32_12x<NR>: "indirect" A: row i is the window of output pixel i, read in place at
  rows[i] + offsets[k] (no im2col copy); used for the interior tiles of other convolutions.
"""

TILE_ROWS = [12, 8, 4, 2, 1]
WIDTHS = [  # (NR, vector type, vector width)
    (32, "SIMD16<Float>", 16),
    (16, "SIMD16<Float>", 16),
    (8, "SIMD8<Float>", 8),
]


def kernel(mr, nr, vtype, vw, indirect):
    nv = nr // vw
    name = f"{'i' if indirect else ''}gemmF32_{mr}x{nr}"
    out = []
    w = out.append
    w(f"/// C[{mr} x {nr}] = epilogue(A[{mr} x k] * B[k x {nr}] + bias).")
    w("///")
    if indirect:
        w(f"/// - `rows`: {mr} pointers, the windows of {mr} output pixels; element kk of row i is")
        w("///   `rows[i][offsets[kk]]` (the input read in place, no im2col copy).")
    else:
        w("/// - `a`: row-major activations, row i at `a + i * aStride` (k floats used per row).")
    w(f"/// - `b`: packed weights of one column block: `{nr}` bias values, then k rows of `{nr}` floats.")
    w(f"/// - `c`: output, row i at `c + i * cStride`; `columns` (<= {nr}) of each row are stored.")
    w("/// - `residual`: when not nil, added after the first clamp (a fused ADD), row i at")
    w("///   `residual + i * residualStride`, then the second clamp applies.")
    w("@inline(never)")
    w(f"func {name}(")
    w("    depth k: Int,")
    if indirect:
        w("    rows: UnsafePointer<UnsafePointer<Float>>, offsets: UnsafePointer<Int>,")
    else:
        w("    a: UnsafePointer<Float>, aStride: Int,")
    w("    b: UnsafePointer<Float>,")
    w("    c: UnsafeMutablePointer<Float>, cStride: Int, columns: Int,")
    w("    residual: UnsafePointer<Float>?, residualStride: Int,")
    w("    epilogue: Epilogue")
    w(") {")
    w(f"    assert(k >= 0 && columns >= 1 && columns <= {nr})")
    w(f"    typealias V = {vtype}")
    for i in range(mr):
        if indirect:
            w(f"    let a{i} = rows[{i}]")
        elif i == 0:
            w("    let a0 = a")
        else:
            w(f"    let a{i} = a{i-1} + aStride")
    for j in range(nv):
        w(f"    let bias{j} = loadVector(b + {j * vw}, as: V.self)")
    for i in range(mr):
        w("    " + "; ".join(f"var acc{i}_{j} = bias{j}" for j in range(nv)))
    w(f"    var p = b + {nr}")
    w("    for kk in 0..<k {")
    if indirect:
        w("        let offset = offsets[kk]")
    for j in range(nv):
        w(f"        let w{j} = loadVector(p + {j * vw}, as: V.self)")
    for i in range(mr):
        w(f"        let x{i} = V(repeating: a{i}[{'offset' if indirect else 'kk'}])")
        for j in range(nv):
            w(f"        acc{i}_{j} = multiplyAdd(acc{i}_{j}, x{i}, w{j})")
    w(f"        p += {nr}")
    w("    }")
    w("    let lower1 = V(repeating: epilogue.first.lower), upper1 = V(repeating: epilogue.first.upper)")
    for i in range(mr):
        w("    " + "; ".join(f"acc{i}_{j} = acc{i}_{j}.clamped(lower1, upper1)" for j in range(nv)))
    w("    if let residual {")
    w("        let lower2 = V(repeating: epilogue.second.lower), upper2 = V(repeating: epilogue.second.upper)")
    for i in range(mr):
        row = "residual" if i == 0 else f"residual + {i} * residualStride"
        for j in range(nv):
            w(f"        acc{i}_{j} = (acc{i}_{j} + loadVector({row} + {j * vw}, as: V.self)).clamped(lower2, upper2)")
    w("    }")
    w(f"    if columns == {nr} {{")
    for i in range(mr):
        row = "c" if i == 0 else f"c + {i} * cStride"
        for j in range(nv):
            w(f"        storeVector(acc{i}_{j}, {row} + {j * vw})")
    if nr == 32:
        # 24 channels (a common width) as one 32-wide block: a full vector and a half vector.
        w("    } else if columns == 24 {")
        for i in range(mr):
            row = "c" if i == 0 else f"c + {i} * cStride"
            w(f"        storeVector(acc{i}_0, {row}); storeVector(fc_low8(acc{i}_1), {row} + 16)")
    w("    } else {")
    for i in range(mr):
        row = "c" if i == 0 else f"c + {i} * cStride"
        w(f"        storePartialRow(" + ", ".join(f"acc{i}_{j}" for j in range(nv)) + f", to: {row}, columns: columns)")
    w("    }")
    w("}")
    return "\n".join(out)


def dispatcher():
    out = []
    w = out.append
    w("/// Runs the `gemmF32_<mr>x<width>` kernel for `mr` rows (12, 8, 4, 2 or 1).")
    w("@inline(__always)")
    w("func gemmF32(rows mr: Int, width: Int, depth k: Int, a: UnsafePointer<Float>, aStride: Int, b: UnsafePointer<Float>,")
    w("             c: UnsafeMutablePointer<Float>, cStride: Int, columns: Int,")
    w("             residual: UnsafePointer<Float>?, residualStride: Int, epilogue: Epilogue) {")
    w("    switch (mr, width) {")
    for mr in TILE_ROWS:
        for nr, _, _ in WIDTHS:
            w(f"    case ({mr}, {nr}): gemmF32_{mr}x{nr}(depth: k, a: a, aStride: aStride, b: b, c: c, cStride: cStride, columns: columns, residual: residual, residualStride: residualStride, epilogue: epilogue)")
    w("    default: preconditionFailure(\"no \\(mr)x\\(width) GEMM microkernel\")")
    w("    }")
    w("}")
    w("")
    w("/// Runs the `igemmF32_12x<width>` kernel.")
    w("@inline(__always)")
    w("func igemmF32(width: Int, depth k: Int, rows: UnsafePointer<UnsafePointer<Float>>, offsets: UnsafePointer<Int>, b: UnsafePointer<Float>,")
    w("              c: UnsafeMutablePointer<Float>, cStride: Int, columns: Int,")
    w("              residual: UnsafePointer<Float>?, residualStride: Int, epilogue: Epilogue) {")
    w("    switch width {")
    for nr, _, _ in WIDTHS:
        w(f"    case {nr}: igemmF32_12x{nr}(depth: k, rows: rows, offsets: offsets, b: b, c: c, cStride: cStride, columns: columns, residual: residual, residualStride: residualStride, epilogue: epilogue)")
    w("    default: preconditionFailure(\"no 12x\\(width) indirect GEMM microkernel\")")
    w("    }")
    w("}")
    return "\n".join(out)


def main():
    print("// GENERATED by scripts/gen-gemm-microkernels.py. Do not edit; edit the script and regenerate.")
    print("//")
    print("// Register-blocked GEMM microkernels (12/8/4/2/1 rows x 32/16/8 columns) over packed weights,")
    print("// direct and indirect. Their scalar reference twin is `gemmReference` in GEMMReference.swift.")
    print()
    print("import CInferenceSIMD")
    print()
    for mr in TILE_ROWS:
        for nr, vtype, vw in WIDTHS:
            print(kernel(mr, nr, vtype, vw, False))
            print()
    for nr, vtype, vw in WIDTHS:
        print(kernel(12, nr, vtype, vw, True))
        print()
    print(dispatcher())


main()
