// The fixed-point bilinear warp of OpenCV 3.4 (warpPerspective + remapBilinear, 8UC3).

/// Where the warp writes each output pixel.
protocol WarpSink {
    /// Stores output pixel number `index` (row-major); each channel is 0...255.
    func store(_ index: Int, _ r: Int32, _ g: Int32, _ b: Int32)
}

/// Writes interleaved RGB bytes.
struct ByteSink: WarpSink {
    let base: UnsafeMutablePointer<UInt8>

    @inline(__always)
    func store(_ index: Int, _ r: Int32, _ g: Int32, _ b: Int32) {
        let o = index &* 3
        base[o] = UInt8(truncatingIfNeeded: r)
        base[o &+ 1] = UInt8(truncatingIfNeeded: g)
        base[o &+ 2] = UInt8(truncatingIfNeeded: b)
    }
}

/// Writes interleaved RGB floats through a 256-entry table (`TensorValueRange.table`).
struct FloatSink: WarpSink {
    let base: UnsafeMutablePointer<Float>
    let table: UnsafePointer<Float>

    @inline(__always)
    func store(_ index: Int, _ r: Int32, _ g: Int32, _ b: Int32) {
        let o = index &* 3
        base[o] = table[Int(r)]
        base[o &+ 1] = table[Int(g)]
        base[o &+ 2] = table[Int(b)]
    }
}

/// OpenCV 3.4's `warpPerspective(src, dst, M, size, INTER_LINEAR, border)` for 8-bit,
/// 3-channel images, reproduced bit for bit.
///
/// For output pixel (x, y) OpenCV works in blocks of `blockWidth` columns: with `x0` the
/// block's first column, `X0 = M0·x0 + M1·y + M2` (likewise Y0, W0), then for `x1 = x − x0`:
/// `W = W0 + M6·x1`, `W = W ≠ 0 ? 32/W : 0`, `X = lrint(clamp((X0 + M0·x1)·W))` (round half
/// to even). The source pixel is `X >> 5` (saturated to Int16), the fraction `X & 31`; the
/// value is `(Σ wᵢ·pᵢ + 512) >> 10` with weights `(32−fy)(32−fx)`, `(32−fy)fx`, `fy(32−fx)`,
/// `fy·fx` (OpenCV's 15-bit weights are these × 32). Borders as in `remapBilinear`.
enum WarpKernel {
    /// OpenCV's block width for a `width`×`height` output (`BLOCK_SZ` = 32).
    static func blockWidth(outputWidth width: Int, outputHeight height: Int) -> Int {
        var bh0 = min(16, height)
        let bw0 = min(1024 / max(bh0, 1), width)
        bh0 = min(1024 / max(bw0, 1), height)
        return max(bw0, 1)
    }

    /// Warps `src` (`width`×`height`, RGB, at least 1×1) into an `outputWidth`×`outputHeight`
    /// image through `matrix` (output → source).
    ///
    /// Per output row: pass 1 computes the fixed-point source coordinates of every pixel
    /// (a loop the compiler vectorises), pass 2 samples them.
    @inline(__always)
    static func warp<Sink: WarpSink>(src: UnsafePointer<UInt8>, width: Int, height: Int,
                                     matrix: PerspectiveMatrix, outputWidth: Int, outputHeight: Int,
                                     border: BorderMode, sink: Sink) {
        precondition(width >= 1 && height >= 1 && outputWidth >= 1 && outputHeight >= 1)
        let blockWidth = blockWidth(outputWidth: outputWidth, outputHeight: outputHeight)
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 3 * outputWidth) { scratch in
            guard let xs = scratch.baseAddress else { return }
            let ys = xs + outputWidth
            let offsets = ys + outputWidth
            for y in 0..<outputHeight {
                var x0 = 0
                while x0 < outputWidth {
                    let count = min(blockWidth, outputWidth - x0)
                    blockCoordinates(matrix, x0: x0, y: y, count: count, xs: xs + x0, ys: ys + x0)
                    x0 += count
                }
                sourceOffsets(xs: xs, ys: ys, count: outputWidth, width: width, height: height, offsets: offsets)
                sampleRow(src: src, width: width, height: height, xs: xs, ys: ys, offsets: offsets,
                          count: outputWidth, border: border, sink: sink, firstIndex: y * outputWidth)
            }
        }
    }

    /// Pass 1 for one block of a row: OpenCV's `X = saturate_cast<int>((X0 + M0·x1)·W)` with
    /// `W = 32 / (W0 + M6·x1)` (0 if the denominator is 0), clamped to Int32 with C++'s
    /// `max(INT_MIN, min(INT_MAX, v))` (so NaN → INT_MAX) and rounded half to even.
    @inline(__always)
    static func blockCoordinates(_ matrix: PerspectiveMatrix, x0: Int, y: Int, count: Int,
                                 xs: UnsafeMutablePointer<Int32>, ys: UnsafeMutablePointer<Int32>) {
        let m = matrix.m
        let xd = Double(x0), yd = Double(y)
        let X0 = m.0 * xd + m.1 * yd + m.2
        let Y0 = m.3 * xd + m.4 * yd + m.5
        let W0 = m.6 * xd + m.7 * yd + m.8
        let intMax = Double(Int32.max), intMin = Double(Int32.min)
        // Adding 1.5·2⁵² rounds any |v| < 2⁵¹ to an integer (half to even, the FPU's mode)
        // and leaves it in the low 32 bits of the result's bit pattern: lrint without a branch.
        let magic = 6_755_399_441_055_744.0
        for i in 0..<count {
            let x1 = Double(i)
            let denominator = W0 + m.6 * x1
            let w = denominator != 0 ? 32 / denominator : 0
            var fX = (X0 + m.0 * x1) * w
            var fY = (Y0 + m.3 * x1) * w
            fX = fX < intMax ? fX : intMax
            fX = intMin < fX ? fX : intMin
            fY = fY < intMax ? fY : intMax
            fY = intMin < fY ? fY : intMin
            xs[i] = Int32(truncatingIfNeeded: (fX + magic).bitPattern)
            ys[i] = Int32(truncatingIfNeeded: (fY + magic).bitPattern)
        }
    }

    /// Pass 2a: the byte offset of each pixel's top-left tap when all 4 taps are inside the
    /// image, else −1 (a branch-free loop the compiler vectorises).
    @inline(__always)
    static func sourceOffsets(xs: UnsafePointer<Int32>, ys: UnsafePointer<Int32>, count: Int,
                              width: Int, height: Int, offsets: UnsafeMutablePointer<Int32>) {
        let width1 = UInt32(width &- 1), height1 = UInt32(height &- 1)
        let rowStride = Int32(truncatingIfNeeded: width &* 3)
        for i in 0..<count {
            // saturate_cast<short>(X >> 5), as OpenCV stores the integer part.
            let sx = min(max(xs[i] &>> 5, -32768), 32767)
            let sy = min(max(ys[i] &>> 5, -32768), 32767)
            let inside = UInt32(bitPattern: sx) < width1 && UInt32(bitPattern: sy) < height1
            offsets[i] = inside ? sy &* rowStride &+ sx &* 3 : -1
        }
    }

    /// Pass 2b: samples `count` pixels at fixed-point coordinates (1/32 px) as OpenCV's
    /// `remapBilinear` does for 8UC3.
    @inline(__always)
    static func sampleRow<Sink: WarpSink>(src: UnsafePointer<UInt8>, width: Int, height: Int,
                                          xs: UnsafePointer<Int32>, ys: UnsafePointer<Int32>,
                                          offsets: UnsafePointer<Int32>, count: Int,
                                          border: BorderMode, sink: Sink, firstIndex: Int) {
        let rowStride = width &* 3
        for i in 0..<count {
            let X = xs[i], Y = ys[i]
            let fx = X & 31, fy = Y & 31
            let w00 = (32 &- fx) &* (32 &- fy), w01 = fx &* (32 &- fy)
            let w10 = (32 &- fx) &* fy, w11 = fx &* fy
            let index = firstIndex &+ i
            let offset = offsets[i]
            if offset >= 0 {
                let p = src + Int(offset)
                let q = p + rowStride
                sink.store(index,
                           blend(p[0], p[3], q[0], q[3], w00, w01, w10, w11),
                           blend(p[1], p[4], q[1], q[4], w00, w01, w10, w11),
                           blend(p[2], p[5], q[2], q[5], w00, w01, w10, w11))
                continue
            }
            let sx = Int(min(max(X &>> 5, -32768), 32767))
            let sy = Int(min(max(Y &>> 5, -32768), 32767))
            switch border {
            case .zero:
                if sx >= width || sx &+ 1 < 0 || sy >= height || sy &+ 1 < 0 {
                    sink.store(index, 0, 0, 0)
                    continue
                }
                let inX0 = sx >= 0, inX1 = sx &+ 1 < width
                let inY0 = sy >= 0, inY1 = sy &+ 1 < height
                let o00 = sy &* rowStride &+ sx &* 3
                let o10 = o00 &+ rowStride
                var rgb: (Int32, Int32, Int32) = (0, 0, 0)
                for c in 0..<3 {
                    let v00: UInt8 = inY0 && inX0 ? src[o00 &+ c] : 0
                    let v01: UInt8 = inY0 && inX1 ? src[o00 &+ 3 &+ c] : 0
                    let v10: UInt8 = inY1 && inX0 ? src[o10 &+ c] : 0
                    let v11: UInt8 = inY1 && inX1 ? src[o10 &+ 3 &+ c] : 0
                    let value = blend(v00, v01, v10, v11, w00, w01, w10, w11)
                    switch c {
                    case 0: rgb.0 = value
                    case 1: rgb.1 = value
                    default: rgb.2 = value
                    }
                }
                sink.store(index, rgb.0, rgb.1, rgb.2)
            case .replicate:
                let cx0 = clip(sx, width) &* 3, cx1 = clip(sx &+ 1, width) &* 3
                let cy0 = clip(sy, height) &* rowStride, cy1 = clip(sy &+ 1, height) &* rowStride
                let p00 = src + (cy0 &+ cx0), p01 = src + (cy0 &+ cx1)
                let p10 = src + (cy1 &+ cx0), p11 = src + (cy1 &+ cx1)
                sink.store(index,
                           blend(p00[0], p01[0], p10[0], p11[0], w00, w01, w10, w11),
                           blend(p00[1], p01[1], p10[1], p11[1], w00, w01, w10, w11),
                           blend(p00[2], p01[2], p10[2], p11[2], w00, w01, w10, w11))
            }
        }
    }

    /// `(Σ wᵢ·pᵢ + 512) >> 10`: OpenCV's `(Σ (32·wᵢ)·pᵢ + 2¹⁴) >> 15` with the common factor 32
    /// taken out (the same integer for every input).
    @inline(__always)
    static func blend(_ p00: UInt8, _ p01: UInt8, _ p10: UInt8, _ p11: UInt8,
                      _ w00: Int32, _ w01: Int32, _ w10: Int32, _ w11: Int32) -> Int32 {
        (Int32(p00) &* w00 &+ Int32(p01) &* w01 &+ Int32(p10) &* w10 &+ Int32(p11) &* w11 &+ 512) &>> 10
    }

    /// OpenCV's `clip(x, 0, n)`: x clamped to 0...n−1.
    @inline(__always)
    static func clip(_ v: Int, _ n: Int) -> Int {
        v >= 0 ? (v < n ? v : n &- 1) : 0
    }
}
