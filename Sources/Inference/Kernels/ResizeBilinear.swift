/// RESIZE_BILINEAR on NHWC (batch 1) with TFLite's coordinate rules.
///
/// Source coordinate of output index i: `i·scale` (default) or `(i + 0.5)·scale − 0.5`
/// (`halfPixelCenters`), with `scale = in/out`, or `(in−1)/(out−1)` when `alignCorners`.
/// TFLite's reference kernel takes the neighbours `max(floor(s), 0)` and `min(ceil(s), in−1)`;
/// here the coordinate is clamped to `0...in−1` and the upper neighbour is `min(lower + 1, in−1)`,
/// which gives the same values, and the blend is computed as XNNPACK does it
/// (`top = tl + (tr − tl)·αx`, `bottom = bl + (br − bl)·αx`, `out = top + (bottom − top)·αy`,
/// products rounded before the sums), so that results match TFLite's to the last bit.
struct ResizeBilinearPlan {
    let inputHeight: Int, inputWidth: Int, channels: Int
    let outputHeight: Int, outputWidth: Int
    /// Per output row: upper row index, lower row index, weight of the lower row.
    let rows: [(Int, Int, Float)]
    /// Per output column: left column, right column, weight of the right column.
    let columns: [(Int, Int, Float)]

    init(inputHeight: Int, inputWidth: Int, channels: Int, outputHeight: Int, outputWidth: Int,
         alignCorners: Bool, halfPixelCenters: Bool) {
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.channels = channels
        self.outputHeight = outputHeight
        self.outputWidth = outputWidth
        func axis(_ input: Int, _ output: Int) -> [(Int, Int, Float)] {
            let adjust = alignCorners && output > 1 ? 1 : 0
            let scale = Float(input - adjust) / Float(output - adjust)
            let offset: Float = halfPixelCenters && !alignCorners ? 0.5 * scale - 0.5 : 0
            let last = Float(input - 1)
            return (0..<output).map { i in
                let source = min(max(Float(i) * scale + offset, 0), last)
                let lower = Int(source)
                let upper = min(lower + 1, input - 1)
                return (lower, upper, source - Float(lower))
            }
        }
        rows = axis(inputHeight, outputHeight)
        columns = axis(inputWidth, outputWidth)
    }

    /// Computes rows `rowRange` of the output.
    func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, rowRange: Range<Int>) {
        let c = channels
        rows.withUnsafeBufferPointer { rows in
            columns.withUnsafeBufferPointer { columns in
                for oy in rowRange {
                    let (y0, y1, fy) = rows[oy]
                    let top = input + y0 * inputWidth * c, bottom = input + y1 * inputWidth * c
                    var out = output + oy * outputWidth * c
                    for ox in 0..<outputWidth {
                        let (x0, x1, fx) = columns[ox]
                        var ch = 0
                        while ch + 16 <= c {
                            blend(SIMD16<Float>.self, top + ch, bottom + ch, x0 * c, x1 * c, fx, fy, out + ch)
                            ch += 16
                        }
                        if ch + 8 <= c {
                            blend(SIMD8<Float>.self, top + ch, bottom + ch, x0 * c, x1 * c, fx, fy, out + ch)
                            ch += 8
                        }
                        while ch < c {
                            let tl = top[x0 * c + ch], tr = top[x1 * c + ch], bl = bottom[x0 * c + ch], br = bottom[x1 * c + ch]
                            let t = tl + (tr - tl) * fx
                            let b = bl + (br - bl) * fx
                            out[ch] = t + (b - t) * fy
                            ch += 1
                        }
                        out += c
                    }
                }
            }
        }
    }

    /// One vector of channels of one output pixel.
    @inline(__always)
    private func blend<V: FloatVector>(_: V.Type, _ top: UnsafePointer<Float>, _ bottom: UnsafePointer<Float>,
                                       _ left: Int, _ right: Int, _ fx: Float, _ fy: Float,
                                       _ out: UnsafeMutablePointer<Float>) {
        let tl = loadVector(top + left, as: V.self), tr = loadVector(top + right, as: V.self)
        let bl = loadVector(bottom + left, as: V.self), br = loadVector(bottom + right, as: V.self)
        let t = tl + (tr - tl) * V(repeating: fx)
        let b = bl + (br - bl) * V(repeating: fx)
        storeVector(t + (b - t) * V(repeating: fy), out)
    }
}

/// Scalar reference twin of `ResizeBilinearPlan.run`, straight from TFLite's reference formula.
func resizeBilinearReference(input: UnsafePointer<Float>, inputHeight: Int, inputWidth: Int, channels: Int,
                             output: UnsafeMutablePointer<Float>, outputHeight: Int, outputWidth: Int,
                             alignCorners: Bool, halfPixelCenters: Bool) {
    func scale(_ i: Int, _ o: Int) -> Float {
        alignCorners && o > 1 ? Float(i - 1) / Float(o - 1) : Float(i) / Float(o)
    }
    let hs = scale(inputHeight, outputHeight), ws = scale(inputWidth, outputWidth)
    for y in 0..<outputHeight {
        let iy = halfPixelCenters ? (Float(y) + 0.5) * hs - 0.5 : Float(y) * hs
        let y0 = max(Int(iy.rounded(.down)), 0), y1 = min(Int(iy.rounded(.up)), inputHeight - 1)
        for x in 0..<outputWidth {
            let ix = halfPixelCenters ? (Float(x) + 0.5) * ws - 0.5 : Float(x) * ws
            let x0 = max(Int(ix.rounded(.down)), 0), x1 = min(Int(ix.rounded(.up)), inputWidth - 1)
            for c in 0..<channels {
                func at(_ yy: Int, _ xx: Int) -> Float { input[(yy * inputWidth + xx) * channels + c] }
                let dy = iy - Float(y0), dx = ix - Float(x0)
                output[(y * outputWidth + x) * channels + c] =
                    at(y0, x0) * (1 - dy) * (1 - dx) + at(y1, x0) * dy * (1 - dx)
                    + at(y0, x1) * (1 - dy) * dx + at(y1, x1) * dy * dx
            }
        }
    }
}
