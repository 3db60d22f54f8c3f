/// The executable form of a planned model: one `Step` per node, holding the kernel and the
/// arena pointers it reads and writes, all fixed at load time. Running a step never allocates.
protocol Step: AnyObject {
    /// Operator name and shapes, for profiles.
    var label: String { get }
    /// The model operator this step came from.
    var operatorIndex: Int { get }
    /// Multiply-adds of the step (0 for data movement), for profiles.
    var multiplyAdds: Int { get }
    func run(_ pool: ThreadPool)
}

/// The kernel a convolution runs on.
enum ConvolutionKernel {
    /// Through the GEMM microkernels (1×1 directly, others via im2col tiles).
    case gemm(Conv2DKernel)
    /// Few output channels: vectorised over output columns.
    case planar(PlanarConv2DKernel)

    var geometry: ConvGeometry {
        switch self {
        case let .gemm(kernel): return kernel.geometry
        case let .planar(kernel): return kernel.geometry
        }
    }
}

final class ConvolutionStep: Step {
    let label: String, operatorIndex: Int
    let kernel: ConvolutionKernel
    let input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>
    let residual: UnsafePointer<Float>?, scratch: UnsafeMutablePointer<Float>?
    var multiplyAdds: Int { kernel.geometry.multiplyAdds }

    init(label: String, operatorIndex: Int, kernel: ConvolutionKernel, input: UnsafePointer<Float>,
         output: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?, scratch: UnsafeMutablePointer<Float>?) {
        self.label = label; self.operatorIndex = operatorIndex; self.kernel = kernel
        self.input = input; self.output = output; self.residual = residual; self.scratch = scratch
    }

    func run(_ pool: ThreadPool) {
        switch kernel {
        case let .gemm(gemm):
            gemm.run(input: input, output: output, residual: residual, scratch: scratch, pool: pool)
        case let .planar(planar):
            planar.run(input: input, output: output, residual: residual, pool: pool)
        }
    }
}

final class DepthwiseStep: Step {
    let label: String, operatorIndex: Int
    let kernel: DepthwiseConv2DKernel
    let input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>
    var multiplyAdds: Int { kernel.geometry.multiplyAdds / max(kernel.geometry.inputChannels, 1) }

    init(label: String, operatorIndex: Int, kernel: DepthwiseConv2DKernel, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        self.label = label; self.operatorIndex = operatorIndex; self.kernel = kernel; self.input = input; self.output = output
    }

    func run(_ pool: ThreadPool) { kernel.run(input: input, output: output, pool: pool) }
}

/// A depthwise convolution and the 1×1 convolution that reads it, band of rows by band of rows:
/// each thread computes a few depthwise rows into its own small buffer and multiplies them at
/// once, so the depthwise output is never written to (or read back from) memory.
final class DepthwisePointwiseStep: Step, ParallelWork {
    let label: String, operatorIndex: Int
    let depthwise: DepthwiseConv2DKernel, pointwise: Conv2DKernel
    let input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?
    /// Per-thread band buffers, `bandFloats` apart.
    let bands: UnsafeMutablePointer<Float>
    let bandRows: Int
    var multiplyAdds: Int {
        depthwise.geometry.multiplyAdds / max(depthwise.geometry.inputChannels, 1) + pointwise.geometry.multiplyAdds
    }

    /// Rows per band for `geometry` (the depthwise output) on `threads` threads: about 64 KB of
    /// depthwise output but at least 48 pixels (four full GEMM tiles), and at least two bands
    /// per thread.
    static func bandRows(_ geometry: ConvGeometry, threads: Int) -> Int {
        let rowFloats = max(1, geometry.outputWidth * geometry.outputChannels)
        let cacheRows = max(1, 16384 / rowFloats, (48 + geometry.outputWidth - 1) / max(1, geometry.outputWidth))
        let spreadRows = max(1, (geometry.outputHeight + 2 * threads - 1) / (2 * threads))
        return min(cacheRows, spreadRows, geometry.outputHeight)
    }

    /// Floats of band buffer one thread needs.
    static func bandFloats(_ geometry: ConvGeometry, threads: Int) -> Int {
        bandRows(geometry, threads: threads) * geometry.outputWidth * geometry.outputChannels
    }

    init(label: String, operatorIndex: Int, depthwise: DepthwiseConv2DKernel, pointwise: Conv2DKernel,
         input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?,
         bands: UnsafeMutablePointer<Float>, threads: Int) {
        self.label = label; self.operatorIndex = operatorIndex; self.depthwise = depthwise; self.pointwise = pointwise
        self.input = input; self.output = output; self.residual = residual; self.bands = bands
        bandRows = Self.bandRows(depthwise.geometry, threads: threads)
    }

    func run(_ pool: ThreadPool) {
        let g = depthwise.geometry
        pool.parallelFor((g.outputHeight + bandRows - 1) / bandRows, self)
    }

    func perform(task band: Int, worker: Int) {
        let g = depthwise.geometry
        let rowFloats = g.outputWidth * g.outputChannels
        let outputRowFloats = g.outputWidth * pointwise.geometry.outputChannels
        let first = band * bandRows
        let rows = min(bandRows, g.outputHeight - first)
        let buffer = bands + worker * bandRows * rowFloats
        withUnsafeTemporaryAllocation(of: UnsafePointer<Float>?.self, capacity: g.kernelHeight) { window in
            let window = window.baseAddress.unsafelyUnwrapped
            for r in 0..<rows {
                depthwise.windowRows(first + r, input: input, into: window)
                depthwise.computeRow(first + r, rows: window, outputRow: buffer + r * rowFloats)
            }
        }
        pointwise.multiplyRows(rows * g.outputWidth, a: buffer, output: output + first * outputRowFloats,
                               residual: residual.map { $0 + first * outputRowFloats })
    }
}

/// An inverted residual block (1×1 expansion → depthwise → 1×1 projection, + residual), row by
/// row: each thread owns a contiguous run of output rows and a ring of `kernelHeight` expanded
/// input rows; an expanded row is computed once when a window first needs it and reused by the
/// following rows, so the expanded tensor and the depthwise output never reach memory. Rows of
/// a thread's first window that the previous thread also expands are computed twice, a few
/// percent of the expansion.
final class InvertedResidualStep: Step, ParallelWork {
    let label: String, operatorIndex: Int
    let expand: Conv2DKernel, depthwise: DepthwiseConv2DKernel, project: Conv2DKernel
    let input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?
    /// Per-thread scratch, `scratchFloats` apart: the ring of expanded rows, then one depthwise row.
    let scratch: UnsafeMutablePointer<Float>
    var multiplyAdds: Int {
        expand.geometry.multiplyAdds + depthwise.geometry.multiplyAdds / max(depthwise.geometry.inputChannels, 1)
            + project.geometry.multiplyAdds
    }

    /// Floats of scratch one thread needs for a depthwise convolution of `geometry`.
    static func scratchFloats(_ geometry: ConvGeometry) -> Int {
        (geometry.kernelHeight * geometry.inputWidth + geometry.outputWidth) * geometry.inputChannels + MemoryPlan.guardFloats
    }

    init(label: String, operatorIndex: Int, expand: Conv2DKernel, depthwise: DepthwiseConv2DKernel, project: Conv2DKernel,
         input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?,
         scratch: UnsafeMutablePointer<Float>) {
        precondition(expand.geometry.isPointwise && project.geometry.isPointwise)
        self.label = label; self.operatorIndex = operatorIndex
        self.expand = expand; self.depthwise = depthwise; self.project = project
        self.input = input; self.output = output; self.residual = residual; self.scratch = scratch
    }

    func run(_ pool: ThreadPool) {
        chunks = min(pool.threadCount, depthwise.geometry.outputHeight)
        pool.parallelFor(chunks, self)
    }

    private var chunks = 1

    func perform(task chunk: Int, worker: Int) {
        let g = depthwise.geometry
        computeRows(Conv2DKernel.share(g.outputHeight, part: chunk, of: chunks), scratch: scratch + worker * Self.scratchFloats(g))
    }

    private func computeRows(_ outputRows: Range<Int>, scratch: UnsafeMutablePointer<Float>) {
        let g = depthwise.geometry
        let kh = g.kernelHeight
        let expandedRowFloats = g.inputWidth * g.inputChannels
        let inputRowFloats = expand.geometry.inputWidth * expand.geometry.inputChannels
        let outputRowFloats = g.outputWidth * project.geometry.outputChannels
        let depthwiseRow = scratch + kh * expandedRowFloats
        withUnsafeTemporaryAllocation(of: Int.self, capacity: kh) { slotRows in
            withUnsafeTemporaryAllocation(of: UnsafePointer<Float>?.self, capacity: kh) { window in
                let slotRows = slotRows.baseAddress.unsafelyUnwrapped, window = window.baseAddress.unsafelyUnwrapped
                for slot in 0..<kh { slotRows[slot] = -1 }
                for oy in outputRows {
                    // The window's rows are consecutive, so `iy % kh` gives each its own slot.
                    for ky in 0..<kh {
                        let iy = g.inputRow(oy) + ky
                        guard iy >= 0 && iy < g.inputHeight else { window[ky] = nil; continue }
                        let slot = iy % kh
                        let row = scratch + slot * expandedRowFloats
                        if slotRows[slot] != iy {
                            expand.multiplyRows(g.inputWidth, a: input + iy * inputRowFloats, output: row, residual: nil)
                            slotRows[slot] = iy
                        }
                        window[ky] = UnsafePointer(row)
                    }
                    depthwise.computeRow(oy, rows: window, outputRow: depthwiseRow)
                    project.multiplyRows(g.outputWidth, a: depthwiseRow, output: output + oy * outputRowFloats,
                                         residual: residual.map { $0 + oy * outputRowFloats })
                }
            }
        }
    }
}

final class AddStep: Step, ParallelWork {
    let label: String, operatorIndex: Int
    let lhs: UnsafePointer<Float>, rhs: UnsafePointer<Float>, rhsCount: Int
    let output: UnsafeMutablePointer<Float>, count: Int, clamp: Clamp
    var multiplyAdds: Int { 0 }

    init(label: String, operatorIndex: Int, lhs: UnsafePointer<Float>, rhs: UnsafePointer<Float>, rhsCount: Int,
         output: UnsafeMutablePointer<Float>, count: Int, clamp: Clamp) {
        self.label = label; self.operatorIndex = operatorIndex; self.lhs = lhs; self.rhs = rhs
        self.rhsCount = rhsCount; self.output = output; self.count = count; self.clamp = clamp
    }

    func run(_ pool: ThreadPool) {
        guard rhsCount == count, count >= 1 << 14 else {
            addF32(lhs: lhs, rhs: rhs, rhsCount: rhsCount, output: output, count: count, clamp: clamp)
            return
        }
        parts = pool.threadCount
        pool.parallelFor(parts, self)
    }

    private var parts = 1

    func perform(task part: Int, worker: Int) {
        // Split on multiples of 16 so each part runs whole vectors.
        let range = Conv2DKernel.share(count / 16, part: part, of: parts)
        let lower = range.lowerBound * 16
        let upper = part == parts - 1 ? count : range.upperBound * 16
        addF32(lhs: lhs + lower, rhs: rhs + lower, rhsCount: upper - lower, output: output + lower, count: upper - lower, clamp: clamp)
    }
}

final class PadStep: Step {
    let label: String, operatorIndex: Int
    let input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>
    let inputShape: [Int], paddings: [(before: Int, after: Int)], outputShape: [Int]
    var multiplyAdds: Int { 0 }

    init(label: String, operatorIndex: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
         inputShape: [Int], paddings: [(before: Int, after: Int)], outputShape: [Int]) {
        self.label = label; self.operatorIndex = operatorIndex; self.input = input; self.output = output
        self.inputShape = inputShape; self.paddings = paddings; self.outputShape = outputShape
    }

    func run(_ pool: ThreadPool) {
        padF32(input: input, inputShape: inputShape, paddings: paddings, output: output, outputShape: outputShape)
    }
}

final class MaxPoolStep: Step {
    let label: String, operatorIndex: Int
    let geometry: ConvGeometry, clamp: Clamp
    let input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>
    var multiplyAdds: Int { 0 }

    init(label: String, operatorIndex: Int, geometry: ConvGeometry, clamp: Clamp, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        self.label = label; self.operatorIndex = operatorIndex; self.geometry = geometry; self.clamp = clamp
        self.input = input; self.output = output
    }

    func run(_ pool: ThreadPool) { maxPoolF32(geometry, input: input, output: output, clamp: clamp) }
}

final class ResizeBilinearStep: Step, ParallelWork {
    let label: String, operatorIndex: Int
    let plan: ResizeBilinearPlan
    let input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>
    var multiplyAdds: Int { 0 }

    init(label: String, operatorIndex: Int, plan: ResizeBilinearPlan, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        self.label = label; self.operatorIndex = operatorIndex; self.plan = plan; self.input = input; self.output = output
    }

    func run(_ pool: ThreadPool) {
        parts = pool.threadCount == 1 ? 1 : min(plan.outputHeight, 4 * pool.threadCount)
        pool.parallelFor(parts, self)
    }

    private var parts = 1

    func perform(task part: Int, worker: Int) {
        plan.run(input: input, output: output, rowRange: Conv2DKernel.share(plan.outputHeight, part: part, of: parts))
    }
}

final class DepthToSpaceStep: Step {
    let label: String, operatorIndex: Int
    let input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>
    let height: Int, width: Int, channels: Int, block: Int
    var multiplyAdds: Int { 0 }

    init(label: String, operatorIndex: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
         height: Int, width: Int, channels: Int, block: Int) {
        self.label = label; self.operatorIndex = operatorIndex; self.input = input; self.output = output
        self.height = height; self.width = width; self.channels = channels; self.block = block
    }

    func run(_ pool: ThreadPool) {
        depthToSpaceF32(input: input, height: height, width: width, channels: channels, block: block, output: output)
    }
}

final class ConcatenationStep: Step {
    let label: String, operatorIndex: Int
    let inputs: [UnsafePointer<Float>], runs: [Int], outer: Int
    let output: UnsafeMutablePointer<Float>
    var multiplyAdds: Int { 0 }

    init(label: String, operatorIndex: Int, inputs: [UnsafePointer<Float>], runs: [Int], outer: Int, output: UnsafeMutablePointer<Float>) {
        self.label = label; self.operatorIndex = operatorIndex; self.inputs = inputs; self.runs = runs
        self.outer = outer; self.output = output
    }

    func run(_ pool: ThreadPool) { concatenateF32(inputs: inputs, runs: runs, outer: outer, output: output) }
}

final class LogisticStep: Step {
    let label: String, operatorIndex: Int
    let input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, count: Int
    var multiplyAdds: Int { 0 }

    init(label: String, operatorIndex: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, count: Int) {
        self.label = label; self.operatorIndex = operatorIndex; self.input = input; self.output = output; self.count = count
    }

    func run(_ pool: ThreadPool) { logisticF32(input: input, output: output, count: count) }
}
