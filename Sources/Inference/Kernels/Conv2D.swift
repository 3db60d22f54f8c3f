/// CONV_2D on NHWC tensors (batch 1) through the GEMM microkernels.
///
/// A 1×1 stride-1 convolution is a matrix product of the input pixels (rows) by the weights; the
/// microkernels read the input in place. Any other convolution is an "implicit" matrix product:
/// the row of output pixel p is its input window. Tiles of 12 pixels whose windows lie inside the
/// input are read in place by the indirect microkernels (12 window pointers plus one table of
/// element offsets shared by all windows); tiles touching the padding gather their windows into
/// a per-thread scratch matrix first (im2col, one tile at a time), zero-filling the padding.
/// Products are summed in the same order on every path, so they agree bit for bit.
final class Conv2DKernel: ParallelWork {
    let geometry: ConvGeometry
    let weights: PackedGEMMWeights
    let epilogue: Epilogue
    /// Row tiles of the output pixels (12 rows, then 8/4/2/1 for the tail), and whether every
    /// window of the tile lies inside the input.
    private let tiles: [(first: Int, rows: Int, interior: Bool)]
    /// Offset of window element kk from the window's first element (kernel row, column, channel).
    private let offsets: UnsafeMutablePointer<Int>
    /// Per thread: room for the 12 window pointers of an indirect tile.
    private let windowPointers: UnsafeMutablePointer<UnsafePointer<Float>>
    private let threadSlots: Int

    /// Floats of im2col scratch each thread needs (0 for 1×1 convolutions).
    var scratchPerThread: Int {
        geometry.isPointwise ? 0 : PackedGEMMWeights.tileRows * weights.depth
    }

    /// - Parameters:
    ///   - weights: `[outputChannels][kernelHeight][kernelWidth][inputChannels]` (OHWI).
    ///   - bias: `[outputChannels]`.
    ///   - threads: the number of threads `run` may be called with (for per-thread memory).
    init(geometry g: ConvGeometry, weights: [Float], bias: [Float], epilogue: Epilogue, threads: Int = 2) {
        self.geometry = g
        self.epilogue = epilogue
        self.weights = PackedGEMMWeights(
            weights: weights, bias: bias,
            depth: g.kernelHeight * g.kernelWidth * g.inputChannels,
            outputChannels: g.outputChannels)
        let depth = self.weights.depth
        offsets = .allocate(capacity: max(depth, 1))
        var kk = 0
        for ky in 0..<g.kernelHeight {
            for kx in 0..<g.kernelWidth {
                for c in 0..<g.inputChannels {
                    offsets[kk] = (ky * g.dilationHeight * g.inputWidth + kx * g.dilationWidth) * g.inputChannels + c
                    kk += 1
                }
            }
        }
        threadSlots = max(1, threads)
        windowPointers = .allocate(capacity: 12 * threadSlots)
        func inside(_ pixel: Int) -> Bool {
            let oy = pixel / g.outputWidth, ox = pixel % g.outputWidth
            let iy = g.inputRow(oy), ix = g.inputColumn(ox)
            return iy >= 0 && iy + (g.kernelHeight - 1) * g.dilationHeight < g.inputHeight
                && ix >= 0 && ix + (g.kernelWidth - 1) * g.dilationWidth < g.inputWidth
        }
        tiles = PackedGEMMWeights.rowTiles(g.outputHeight * g.outputWidth).map { tile in
            (tile.first, tile.rows, tile.rows == 12 && (tile.first..<(tile.first + 12)).allSatisfy(inside))
        }
    }

    deinit {
        offsets.deallocate()
        windowPointers.deallocate()
    }

    /// The arguments of the call in progress (one call at a time per kernel).
    private struct Call {
        var input: UnsafePointer<Float>
        var output: UnsafeMutablePointer<Float>
        var residual: UnsafePointer<Float>?
        var scratch: UnsafeMutablePointer<Float>?
        var tileSplits = 1
        var columnSplits = 1
    }
    private var call: Call?

    /// Computes `output` [OH][OW][OC] from `input` [IH][IW][IC], adding `residual`
    /// ([OH][OW][OC]) when an ADD is fused. `scratch` holds `scratchPerThread` floats per thread.
    func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?,
             scratch: UnsafeMutablePointer<Float>?, pool: ThreadPool) {
        precondition(pool.threadCount <= threadSlots, "kernel planned for \(threadSlots) threads")
        // Split tiles across threads; with few tiles, split the column blocks too.
        let threads = pool.threadCount
        let blocks = weights.blocks.count
        let columnSplits = threads == 1 || tiles.count >= 4 * threads ? 1 : min(blocks, 4 * threads)
        let tileSplits = threads == 1 ? 1 : min(tiles.count, max(1, 4 * threads / columnSplits))
        call = Call(input: input, output: output, residual: residual, scratch: scratch,
                    tileSplits: tileSplits, columnSplits: columnSplits)
        pool.parallelFor(tileSplits * columnSplits, self)
        call = nil
    }

    func perform(task: Int, worker: Int) {
        guard let call else { preconditionFailure("Conv2DKernel task outside a call") }
        let g = geometry
        let blocks = weights.blocks
        let oc = g.outputChannels
        let depth = weights.depth
        let tileRange = Self.share(tiles.count, part: task / call.columnSplits, of: call.tileSplits)
        let blockRange = Self.share(blocks.count, part: task % call.columnSplits, of: call.columnSplits)
        for t in tileRange {
            let (first, rows, interior) = tiles[t]
            let c = call.output + first * oc
            let r = call.residual.map { $0 + first * oc }
            if g.isPointwise {
                let a = call.input + first * g.inputChannels
                for b in blockRange {
                    weights.multiply(block: blocks[b], rows: rows, a: a, aStride: g.inputChannels, c: c, cStride: oc,
                                     residual: r, residualStride: oc, epilogue: epilogue)
                }
            } else if interior {
                let windows = windowPointers + worker * 12
                // One division for the tile, then step along the row (divisions cost more than
                // a short GEMM's loop iterations).
                var oy = first / g.outputWidth, ox = first - oy * g.outputWidth
                for i in 0..<12 {
                    windows[i] = call.input + (g.inputRow(oy) * g.inputWidth + g.inputColumn(ox)) * g.inputChannels
                    ox += 1
                    if ox == g.outputWidth { ox = 0; oy += 1 }
                }
                for b in blockRange {
                    weights.multiplyIndirect(block: blocks[b], rows: windows, offsets: offsets, c: c, cStride: oc,
                                             residual: r, residualStride: oc, epilogue: epilogue)
                }
            } else {
                guard let scratch = call.scratch else { preconditionFailure("im2col convolution without scratch") }
                let rowsScratch = scratch + worker * PackedGEMMWeights.tileRows * depth
                Self.gatherWindows(g, input: call.input, firstPixel: first, rows: rows, into: rowsScratch)
                for b in blockRange {
                    weights.multiply(block: blocks[b], rows: rows, a: rowsScratch, aStride: depth, c: c, cStride: oc,
                                     residual: r, residualStride: oc, epilogue: epilogue)
                }
            }
        }
    }

    /// Computes `count` output rows of a 1×1 convolution from the row-major input `a`
    /// (`count × inputChannels`), on the calling thread: the second half of a fused
    /// depthwise → pointwise step, whose depthwise rows sit in a small per-thread buffer.
    func multiplyRows(_ count: Int, a: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                      residual: UnsafePointer<Float>?) {
        precondition(geometry.isPointwise)
        let ic = geometry.inputChannels, oc = geometry.outputChannels
        var first = 0
        while first < count {
            let remaining = count - first
            // Tiles of 12, then the tail in binary (8, 4, 2, 1), as `rowTiles` plans them.
            let rows = remaining >= 12 ? 12 : remaining >= 8 ? 8 : remaining >= 4 ? 4 : remaining >= 2 ? 2 : 1
            for block in weights.blocks {
                weights.multiply(block: block, rows: rows, a: a + first * ic, aStride: ic, c: output + first * oc, cStride: oc,
                                 residual: residual.map { $0 + first * oc }, residualStride: oc, epilogue: epilogue)
            }
            first += rows
        }
    }

    /// Part `part` of `count` items split into `parts` nearly equal contiguous ranges.
    @inline(__always)
    static func share(_ count: Int, part: Int, of parts: Int) -> Range<Int> {
        let lower = count * part / parts
        let upper = count * (part + 1) / parts
        return lower..<upper
    }

    /// im2col for one tile: row r of `scratch` gets the input window of output pixel
    /// `firstPixel + r`, laid out `[kernelHeight][kernelWidth][inputChannels]`, zeros outside.
    static func gatherWindows(_ g: ConvGeometry, input: UnsafePointer<Float>, firstPixel: Int, rows: Int,
                              into scratch: UnsafeMutablePointer<Float>) {
        let ic = g.inputChannels
        let depth = g.kernelHeight * g.kernelWidth * ic
        var oy = firstPixel / g.outputWidth, ox = firstPixel - oy * g.outputWidth
        for r in 0..<rows {
            defer {
                ox += 1
                if ox == g.outputWidth { ox = 0; oy += 1 }
            }
            var destination = scratch + r * depth
            for ky in 0..<g.kernelHeight {
                let iy = g.inputRow(oy) + ky * g.dilationHeight
                for kx in 0..<g.kernelWidth {
                    let ix = g.inputColumn(ox) + kx * g.dilationWidth
                    // Plain loops: windows are often a few channels wide, where a memmove call
                    // costs more than the copy.
                    if iy >= 0 && iy < g.inputHeight && ix >= 0 && ix < g.inputWidth {
                        let source = input + (iy * g.inputWidth + ix) * ic
                        for i in 0..<ic { destination[i] = source[i] }
                    } else {
                        for i in 0..<ic { destination[i] = 0 }
                    }
                    destination += ic
                }
            }
        }
    }
}

/// Scalar reference twin of `Conv2DKernel`: direct six-loop convolution.
func conv2DReference(_ g: ConvGeometry, input: UnsafePointer<Float>, weights: UnsafePointer<Float>,
                     bias: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                     residual: UnsafePointer<Float>?, epilogue: Epilogue) {
    for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
            for oc in 0..<g.outputChannels {
                var sum = bias[oc]
                for ky in 0..<g.kernelHeight {
                    for kx in 0..<g.kernelWidth {
                        let iy = oy * g.strideHeight - g.padTop + ky * g.dilationHeight
                        let ix = ox * g.strideWidth - g.padLeft + kx * g.dilationWidth
                        guard iy >= 0, iy < g.inputHeight, ix >= 0, ix < g.inputWidth else { continue }
                        for ic in 0..<g.inputChannels {
                            let w = weights[((oc * g.kernelHeight + ky) * g.kernelWidth + kx) * g.inputChannels + ic]
                            sum += input[(iy * g.inputWidth + ix) * g.inputChannels + ic] * w
                        }
                    }
                }
                let index = (oy * g.outputWidth + ox) * g.outputChannels + oc
                output[index] = epilogue.apply(sum, residual: residual.map { $0[index] })
            }
        }
    }
}
