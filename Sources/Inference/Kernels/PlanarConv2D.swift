import CInferenceSIMD

/// CONV_2D for convolutions with fewer than 8 output channels (e.g. a segmentation head's
/// 3×3 convolution to one channel), where a GEMM would waste most of each vector.
///
/// Input rows are transposed into zero-bordered channel planes, so that 16 neighbouring output
/// pixels of one output channel are one vector: each multiply-add takes 16 consecutive input
/// columns of one plane times one broadcast weight. Each thread keeps only the `kernelHeight`
/// plane rows its current output row reads, in a small ring (rows are transposed once, when a
/// window first needs them), so the planes stay in L1. Products are summed in the GEMM's order
/// (kernel row, kernel column, input channel), so results equal the GEMM path's bit for bit.
/// Needs horizontal stride 1 and no dilation.
final class PlanarConv2DKernel: ParallelWork {
    let geometry: ConvGeometry
    /// OHWI weights, unpacked.
    private let weights: AlignedBuffer
    private let bias: [Float]
    let epilogue: Epilogue
    /// Per thread: a ring of `kernelHeight` rows of every channel plane,
    /// `[channel][slot][planeColumns]`; the border columns are zeroed once and never written.
    private let rings: AlignedBuffer
    private let planeColumns: Int
    private let ringFloats: Int
    private let threadSlots: Int

    /// Whether this kernel handles `geometry`.
    static func supports(_ g: ConvGeometry) -> Bool {
        g.outputChannels < 8 && g.strideWidth == 1 && g.dilationWidth == 1 && g.dilationHeight == 1
            && g.outputWidth >= 16
    }

    /// - Parameter threads: the number of threads `run` may be called with.
    init(geometry: ConvGeometry, weights: [Float], bias: [Float], epilogue: Epilogue, threads: Int = 2) {
        precondition(Self.supports(geometry))
        self.geometry = geometry
        self.weights = AlignedBuffer(copying: weights)
        self.bias = bias
        self.epilogue = epilogue
        // Room for the window plus a vector's worth of guard columns for the last block.
        planeColumns = geometry.outputWidth + geometry.kernelWidth - 1 + 16
        ringFloats = geometry.inputChannels * geometry.kernelHeight * planeColumns
        threadSlots = max(1, threads)
        rings = AlignedBuffer(count: ringFloats * threadSlots)
    }

    /// The arguments of the call in progress (one call at a time per kernel).
    private var call: (input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?, chunks: Int)?

    func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?,
             pool: ThreadPool) {
        precondition(pool.threadCount <= threadSlots, "kernel planned for \(threadSlots) threads")
        // One contiguous run of rows per thread: the ring is reused from row to row.
        let chunks = min(pool.threadCount, geometry.outputHeight)
        call = (input, output, residual, chunks)
        pool.parallelFor(chunks, self)
        call = nil
    }

    func perform(task: Int, worker: Int) {
        guard let (input, output, residual, chunks) = call else { preconditionFailure("PlanarConv2DKernel task outside a call") }
        computeRows(Conv2DKernel.share(geometry.outputHeight, part: task, of: chunks), input: input, output: output,
                    residual: residual, ring: rings.pointer + worker * ringFloats)
    }

    private func computeRows(_ outputRows: Range<Int>, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                             residual: UnsafePointer<Float>?, ring: UnsafeMutablePointer<Float>) {
        let g = geometry
        let kh = g.kernelHeight
        withUnsafeTemporaryAllocation(of: Int.self, capacity: kh) { slotRows in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: kh) { windowSlots in
                let slotRows = slotRows.baseAddress.unsafelyUnwrapped, windowSlots = windowSlots.baseAddress.unsafelyUnwrapped
                for slot in 0..<kh { slotRows[slot] = Int.min }
                for oy in outputRows {
                    for ky in 0..<kh {
                        // Window rows are consecutive: `iy mod kh` gives each its own slot.
                        let iy = g.inputRow(oy) + ky
                        let slot = ((iy % kh) + kh) % kh
                        if slotRows[slot] != iy {
                            fillSlot(slot, inputRow: iy, input: input, ring: ring)
                            slotRows[slot] = iy
                        }
                        windowSlots[ky] = slot
                    }
                    computeRow(oy, windowSlots: windowSlots, ring: ring, output: output, residual: residual)
                }
            }
        }
    }

    /// Transposes input row `iy` into ring slot `slot` of every channel plane (zeros when the
    /// row lies outside the input), 8×8 blocks through registers, the rest lane by lane.
    private func fillSlot(_ slot: Int, inputRow iy: Int, input: UnsafePointer<Float>, ring: UnsafeMutablePointer<Float>) {
        let g = geometry
        let c = g.inputChannels
        let planeStride = g.kernelHeight * planeColumns
        let destination = ring + slot * planeColumns + g.padLeft
        let columns = min(g.inputWidth, planeColumns - 16 - g.padLeft)
        guard iy >= 0 && iy < g.inputHeight else {
            for channel in 0..<c { (destination + channel * planeStride).update(repeating: 0, count: max(0, columns)) }
            return
        }
        let sourceRow = input + iy * g.inputWidth * c
        var x = 0
        if c % 8 == 0 {
            while x + 8 <= columns {
                var channel = 0
                while channel < c {
                    fc_transpose8x8(sourceRow + x * c + channel, c, destination + channel * planeStride + x, planeStride)
                    channel += 8
                }
                x += 8
            }
        }
        while x < columns {
            for channel in 0..<c { destination[channel * planeStride + x] = sourceRow[x * c + channel] }
            x += 1
        }
    }

    /// Output row `oy`: for each output channel, 16 columns per vector.
    private func computeRow(_ oy: Int, windowSlots: UnsafePointer<Int>, ring: UnsafeMutablePointer<Float>,
                             output: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?) {
        typealias V = SIMD16<Float>
        let g = geometry
        let ic = g.inputChannels, oc = g.outputChannels
        let planeStride = g.kernelHeight * planeColumns
        let w = UnsafePointer(weights.pointer)
        let lower1 = V(repeating: epilogue.first.lower), upper1 = V(repeating: epilogue.first.upper)
        for o in 0..<oc {
            var x0 = 0
            while x0 < g.outputWidth {
                var acc = V(repeating: bias[o])
                var tap = w + o * g.kernelHeight * g.kernelWidth * ic
                for ky in 0..<g.kernelHeight {
                    let row = UnsafePointer(ring) + windowSlots[ky] * planeColumns + x0
                    for kx in 0..<g.kernelWidth {
                        var plane = row + kx
                        for _ in 0..<ic {
                            acc = multiplyAdd(acc, loadVector(plane, as: V.self), V(repeating: tap.pointee))
                            plane += planeStride
                            tap += 1
                        }
                    }
                }
                acc = acc.clamped(lower1, upper1)
                let count = min(16, g.outputWidth - x0)
                let first = (oy * g.outputWidth + x0) * oc + o
                if let residual {
                    for j in 0..<count {
                        output[first + j * oc] = epilogue.second.apply(acc[j] + residual[first + j * oc])
                    }
                } else if oc == 1 && count == 16 {
                    storeVector(acc, output + first)
                } else {
                    for j in 0..<count { output[first + j * oc] = acc[j] }
                }
                x0 += 16
            }
        }
    }
}
