// The fixed-point bilinear warp of OpenCV 3.4 (warpPerspective + remapBilinear, 8UC3).

/// Where the warp writes each output pixel.
protocol WarpSink {
    /// Stores output pixel number `index` (row-major).
    func store(_ index: Int, _ r: UInt8, _ g: UInt8, _ b: UInt8)
}

/// Writes interleaved RGB bytes.
struct ByteSink: WarpSink {
    let base: UnsafeMutablePointer<UInt8>

    @inline(__always)
    func store(_ index: Int, _ r: UInt8, _ g: UInt8, _ b: UInt8) {
        base[index * 3] = r
        base[index * 3 + 1] = g
        base[index * 3 + 2] = b
    }
}

/// Writes interleaved RGB floats through a 256-entry table.
struct FloatSink: WarpSink {
    let base: UnsafeMutablePointer<Float>
    let table: UnsafePointer<Float>

    @inline(__always)
    func store(_ index: Int, _ r: UInt8, _ g: UInt8, _ b: UInt8) {
        base[index * 3] = table[Int(r)]
        base[index * 3 + 1] = table[Int(g)]
        base[index * 3 + 2] = table[Int(b)]
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
    @inline(__always)
    static func warp<Sink: WarpSink>(src: UnsafePointer<UInt8>, width: Int, height: Int,
                                     matrix: PerspectiveMatrix, outputWidth: Int, outputHeight: Int,
                                     border: BorderMode, sink: Sink) {
        precondition(width >= 1 && height >= 1)
        let m = matrix.m
        let blockWidth = blockWidth(outputWidth: outputWidth, outputHeight: outputHeight)
        let rowStride = width * 3
        let width1 = UInt(width - 1), height1 = UInt(height - 1)
        let intMax = Double(Int32.max), intMin = Double(Int32.min)

        for y in 0..<outputHeight {
            let yd = Double(y)
            var x0 = 0
            while x0 < outputWidth {
                let blockEnd = min(x0 + blockWidth, outputWidth)
                let xd = Double(x0)
                let X0 = m.0 * xd + m.1 * yd + m.2
                let Y0 = m.3 * xd + m.4 * yd + m.5
                let W0 = m.6 * xd + m.7 * yd + m.8
                for x in x0..<blockEnd {
                    let x1 = Double(x - x0)
                    var w = W0 + m.6 * x1
                    w = w != 0 ? 32 / w : 0
                    let fX = clampToInt32((X0 + m.0 * x1) * w, intMin, intMax)
                    let fY = clampToInt32((Y0 + m.3 * x1) * w, intMin, intMax)
                    let X = Int(Int32(fX.rounded(.toNearestOrEven)))
                    let Y = Int(Int32(fY.rounded(.toNearestOrEven)))
                    let sx = saturateInt16(X >> 5), sy = saturateInt16(Y >> 5)
                    let fx = X & 31, fy = Y & 31
                    let w00 = (32 - fx) * (32 - fy), w01 = fx * (32 - fy)
                    let w10 = (32 - fx) * fy, w11 = fx * fy
                    let index = y * outputWidth + x

                    if UInt(bitPattern: sx) < width1 && UInt(bitPattern: sy) < height1 {
                        let p = src + sy * rowStride + sx * 3
                        let q = p + rowStride
                        sink.store(index,
                                   blend(p[0], p[3], q[0], q[3], w00, w01, w10, w11),
                                   blend(p[1], p[4], q[1], q[4], w00, w01, w10, w11),
                                   blend(p[2], p[5], q[2], q[5], w00, w01, w10, w11))
                        continue
                    }
                    switch border {
                    case .zero:
                        if sx >= width || sx + 1 < 0 || sy >= height || sy + 1 < 0 {
                            sink.store(index, 0, 0, 0)
                            continue
                        }
                        let inX0 = sx >= 0, inX1 = sx + 1 < width
                        let inY0 = sy >= 0, inY1 = sy + 1 < height
                        var channels: (UInt8, UInt8, UInt8) = (0, 0, 0)
                        for c in 0..<3 {
                            let v00 = inY0 && inX0 ? src[sy * rowStride + sx * 3 + c] : 0
                            let v01 = inY0 && inX1 ? src[sy * rowStride + (sx + 1) * 3 + c] : 0
                            let v10 = inY1 && inX0 ? src[(sy + 1) * rowStride + sx * 3 + c] : 0
                            let v11 = inY1 && inX1 ? src[(sy + 1) * rowStride + (sx + 1) * 3 + c] : 0
                            let value = blend(v00, v01, v10, v11, w00, w01, w10, w11)
                            switch c {
                            case 0: channels.0 = value
                            case 1: channels.1 = value
                            default: channels.2 = value
                            }
                        }
                        sink.store(index, channels.0, channels.1, channels.2)
                    case .replicate:
                        let cx0 = clip(sx, width), cx1 = clip(sx + 1, width)
                        let cy0 = clip(sy, height), cy1 = clip(sy + 1, height)
                        let p00 = src + cy0 * rowStride + cx0 * 3, p01 = src + cy0 * rowStride + cx1 * 3
                        let p10 = src + cy1 * rowStride + cx0 * 3, p11 = src + cy1 * rowStride + cx1 * 3
                        sink.store(index,
                                   blend(p00[0], p01[0], p10[0], p11[0], w00, w01, w10, w11),
                                   blend(p00[1], p01[1], p10[1], p11[1], w00, w01, w10, w11),
                                   blend(p00[2], p01[2], p10[2], p11[2], w00, w01, w10, w11))
                    }
                }
                x0 = blockEnd
            }
        }
    }

    /// `std::max(INT_MIN, std::min(INT_MAX, v))` with C++'s argument order, so NaN → INT_MAX.
    @inline(__always)
    static func clampToInt32(_ v: Double, _ intMin: Double, _ intMax: Double) -> Double {
        let upper = v < intMax ? v : intMax
        return intMin < upper ? upper : intMin
    }

    @inline(__always)
    static func saturateInt16(_ v: Int) -> Int {
        v < -32768 ? -32768 : (v > 32767 ? 32767 : v)
    }

    /// OpenCV's `clip(x, 0, n)`: x clamped to 0...n−1.
    @inline(__always)
    static func clip(_ v: Int, _ n: Int) -> Int {
        v >= 0 ? (v < n ? v : n - 1) : 0
    }

    @inline(__always)
    static func blend(_ p00: UInt8, _ p01: UInt8, _ p10: UInt8, _ p11: UInt8,
                      _ w00: Int, _ w01: Int, _ w10: Int, _ w11: Int) -> UInt8 {
        let sum = Int(p00) * w00 + Int(p01) * w01 + Int(p10) * w10 + Int(p11) * w11
        return UInt8(truncatingIfNeeded: (sum + 512) >> 10)
    }
}
