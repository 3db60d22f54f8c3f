/// DEPTHWISE_CONV_2D on NHWC tensors (batch 1, depth multiplier 1), vectorised over channels.
///
/// Each output row is computed channel block by channel block (16 lanes, then 8, then single
/// channels). Columns whose window lies inside the input go to a microkernel that keeps the
/// window's weights in registers (3×3 and 5×5; rows outside the input read a row of zeros);
/// the few border columns, and other window sizes, take a path that checks each tap. Taps are
/// summed column by column, XNNPACK's order, so results match TFLite's bit for bit. Rows are
/// split across threads.
final class DepthwiseConv2DKernel: ParallelWork {
    let geometry: ConvGeometry
    /// `[kernelHeight][kernelWidth][channels]`, as TFLite stores it.
    let weights: AlignedBuffer
    /// `[channels]`.
    let bias: AlignedBuffer
    let clamp: Clamp
    /// A row of zeros standing in for input rows outside the image.
    private let zeroRow: AlignedBuffer

    init(geometry: ConvGeometry, weights: [Float], bias: [Float], clamp: Clamp) {
        precondition(geometry.inputChannels == geometry.outputChannels)
        precondition(weights.count == geometry.kernelHeight * geometry.kernelWidth * geometry.inputChannels)
        self.geometry = geometry
        self.weights = AlignedBuffer(copying: weights)
        self.bias = AlignedBuffer(copying: bias)
        self.clamp = clamp
        zeroRow = AlignedBuffer(count: geometry.inputWidth * geometry.inputChannels + 16)
    }

    /// The arguments of the call in progress (one call at a time per kernel).
    private var call: (input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, tasks: Int)?

    /// Computes `output` [OH][OW][C] from `input` [IH][IW][C].
    func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, pool: ThreadPool) {
        let tasks = pool.threadCount == 1 ? 1 : min(geometry.outputHeight, 4 * pool.threadCount)
        call = (input, output, tasks)
        pool.parallelFor(tasks, self)
        call = nil
    }

    func perform(task: Int, worker: Int) {
        guard let (input, output, tasks) = call else { preconditionFailure("DepthwiseConv2DKernel task outside a call") }
        let g = geometry
        withUnsafeTemporaryAllocation(of: UnsafePointer<Float>?.self, capacity: g.kernelHeight) { window in
            let window = window.baseAddress.unsafelyUnwrapped
            for oy in Conv2DKernel.share(g.outputHeight, part: task, of: tasks) {
                windowRows(oy, input: input, into: window)
                computeRow(oy, rows: window, outputRow: output + oy * g.outputWidth * g.outputChannels)
            }
        }
    }

    /// Fills `window[ky]` with the input row that kernel row `ky` of output row `oy` reads, or
    /// nil where that row lies outside the input.
    @inline(__always)
    func windowRows(_ oy: Int, input: UnsafePointer<Float>, into window: UnsafeMutablePointer<UnsafePointer<Float>?>) {
        let g = geometry
        let rowStride = g.inputWidth * g.inputChannels
        for ky in 0..<g.kernelHeight {
            let iy = g.inputRow(oy) + ky * g.dilationHeight
            window[ky] = iy >= 0 && iy < g.inputHeight ? input + iy * rowStride : nil
        }
    }

    /// Computes output row `oy` into `outputRow` (`outputWidth × channels` floats).
    ///
    /// `rows[ky]` is the input row kernel row `ky` reads (`inputWidth × channels` floats), nil
    /// outside the input; rows may live anywhere (the fused inverted-residual step keeps them in
    /// a small ring of freshly expanded rows).
    func computeRow(_ oy: Int, rows: UnsafePointer<UnsafePointer<Float>?>, outputRow: UnsafeMutablePointer<Float>) {
        let channels = geometry.inputChannels
        var c = 0
        while channels - c >= 16 {
            computeRow(channel: c, SIMD16<Float>.self, rows: rows, outputRow: outputRow)
            c += 16
        }
        if channels - c >= 8 {
            computeRow(channel: c, SIMD8<Float>.self, rows: rows, outputRow: outputRow)
            c += 8
        }
        while c < channels {
            computeRowScalar(channel: c, rows: rows, outputRow: outputRow)
            c += 1
        }
    }

    @inline(__always)
    private func computeRow<V: FloatVector>(channel c: Int, _: V.Type, rows: UnsafePointer<UnsafePointer<Float>?>,
                                            outputRow rowStart: UnsafeMutablePointer<Float>) {
        let g = geometry
        let channels = g.inputChannels
        let interior = g.interiorColumns
        let outputRow = rowStart + c

        // Interior columns: the register-blocked microkernels; rows outside read zeros.
        var handled = 0..<0
        let square = g.kernelHeight == g.kernelWidth && (g.kernelHeight == 3 || g.kernelHeight == 5)
        if square && !interior.isEmpty {
            let firstColumn = g.inputColumn(interior.lowerBound) * channels + c
            func row(_ ky: Int) -> UnsafePointer<Float> {
                (rows[ky] ?? UnsafePointer(zeroRow.pointer)) + firstColumn
            }
            let step = g.strideWidth * channels, columnStep = g.dilationWidth * channels
            let w = UnsafePointer(weights.pointer) + c, b = UnsafePointer(bias.pointer) + c
            let out = outputRow + interior.lowerBound * channels
            switch (g.kernelHeight, V.scalarCount) {
            case (3, 16):
                depthwiseF32_3x3_c16(rows: (row(0), row(1), row(2)), count: interior.count, step: step, columnStep: columnStep,
                                     weights: w, channels: channels, bias: b, output: out, clamp: clamp)
                handled = interior
            case (3, 8):
                depthwiseF32_3x3_c8(rows: (row(0), row(1), row(2)), count: interior.count, step: step, columnStep: columnStep,
                                    weights: w, channels: channels, bias: b, output: out, clamp: clamp)
                handled = interior
            case (5, 16):
                depthwiseF32_5x5_c16(rows: (row(0), row(1), row(2), row(3), row(4)), count: interior.count, step: step,
                                     columnStep: columnStep, weights: w, channels: channels, bias: b, output: out, clamp: clamp)
                handled = interior
            case (5, 8):
                depthwiseF32_5x5_c8(rows: (row(0), row(1), row(2), row(3), row(4)), count: interior.count, step: step,
                                    columnStep: columnStep, weights: w, channels: channels, bias: b, output: out, clamp: clamp)
                handled = interior
            default:
                break
            }
        }

        // Everything else: check each tap (taps outside the input are skipped).
        let biasVector = loadVector(bias.pointer + c, as: V.self)
        let lower = V(repeating: clamp.lower), upper = V(repeating: clamp.upper)
        let w = UnsafePointer(weights.pointer) + c
        for ox in 0..<g.outputWidth where !handled.contains(ox) {
            let ix0 = g.inputColumn(ox)
            var acc = biasVector
            let kxLower = max(0, (-ix0 + g.dilationWidth - 1) / g.dilationWidth)
            let kxUpper = min(g.kernelWidth, (g.inputWidth - ix0 + g.dilationWidth - 1) / g.dilationWidth)
            for kx in kxLower..<max(kxLower, kxUpper) {
                let column = (ix0 + kx * g.dilationWidth) * channels + c
                for ky in 0..<g.kernelHeight {
                    guard let row = rows[ky] else { continue }
                    acc = multiplyAdd(acc, loadVector(row + column, as: V.self),
                                      loadVector(w + (ky * g.kernelWidth + kx) * channels, as: V.self))
                }
            }
            storeVector(acc.clamped(lower, upper), outputRow + ox * channels)
        }
    }

    /// One channel of a row, lane by lane (channel counts that are not a multiple of 8), in the
    /// same column-by-column order as the vector paths.
    private func computeRowScalar(channel c: Int, rows: UnsafePointer<UnsafePointer<Float>?>, outputRow: UnsafeMutablePointer<Float>) {
        let g = geometry
        let channels = g.inputChannels
        for ox in 0..<g.outputWidth {
            var acc = bias.pointer[c]
            for kx in 0..<g.kernelWidth {
                let ix = g.inputColumn(ox) + kx * g.dilationWidth
                guard ix >= 0 && ix < g.inputWidth else { continue }
                for ky in 0..<g.kernelHeight {
                    guard let row = rows[ky] else { continue }
                    acc = multiplyAdd(acc, row[ix * channels + c], weights.pointer[(ky * g.kernelWidth + kx) * channels + c])
                }
            }
            outputRow[ox * channels + c] = clamp.apply(acc)
        }
    }
}

/// Scalar reference twin of `DepthwiseConv2DKernel`.
func depthwiseConv2DReference(_ g: ConvGeometry, input: UnsafePointer<Float>, weights: UnsafePointer<Float>,
                              bias: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, clamp: Clamp) {
    let channels = g.inputChannels
    for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
            for c in 0..<channels {
                var sum = bias[c]
                for ky in 0..<g.kernelHeight {
                    for kx in 0..<g.kernelWidth {
                        let iy = oy * g.strideHeight - g.padTop + ky * g.dilationHeight
                        let ix = ox * g.strideWidth - g.padLeft + kx * g.dilationWidth
                        guard iy >= 0, iy < g.inputHeight, ix >= 0, ix < g.inputWidth else { continue }
                        sum += input[(iy * g.inputWidth + ix) * channels + c] * weights[(ky * g.kernelWidth + kx) * channels + c]
                    }
                }
                output[(oy * g.outputWidth + ox) * channels + c] = clamp.apply(sum)
            }
        }
    }
}
