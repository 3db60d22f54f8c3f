/// CONV_2D on NHWC tensors (batch 1) through the GEMM microkernels.
///
/// A 1×1 stride-1 convolution is a matrix product of the input pixels (rows) by the weights; the
/// microkernels read the input in place. Any other convolution gathers each tile of 12 output
/// pixels' input windows into a per-thread scratch matrix first (im2col, one tile at a time, so
/// the scratch stays in L1), zero-filling padding, then runs the same microkernels.
final class Conv2DKernel {
    let geometry: ConvGeometry
    let weights: PackedGEMMWeights
    let epilogue: Epilogue

    /// Floats of scratch each thread needs (0 for 1×1 convolutions).
    var scratchPerThread: Int {
        geometry.isPointwise ? 0 : PackedGEMMWeights.tileRows * weights.depth
    }

    /// - Parameters:
    ///   - weights: `[outputChannels][kernelHeight][kernelWidth][inputChannels]` (OHWI).
    ///   - bias: `[outputChannels]`.
    init(geometry: ConvGeometry, weights: [Float], bias: [Float], epilogue: Epilogue) {
        self.geometry = geometry
        self.epilogue = epilogue
        self.weights = PackedGEMMWeights(
            weights: weights, bias: bias,
            depth: geometry.kernelHeight * geometry.kernelWidth * geometry.inputChannels,
            outputChannels: geometry.outputChannels)
    }

    /// Computes `output` [OH][OW][OC] from `input` [IH][IW][IC], adding `residual`
    /// ([OH][OW][OC]) when an ADD is fused. `scratch` holds `scratchPerThread` floats per thread.
    func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?,
             scratch: UnsafeMutablePointer<Float>?, pool: ThreadPool) {
        let g = geometry
        let pixels = g.outputHeight * g.outputWidth
        let tileRows = PackedGEMMWeights.tileRows
        let tiles = (pixels + tileRows - 1) / tileRows
        let blocks = weights.blocks
        // Split tiles across threads; with few tiles, split the column blocks too.
        let threads = pool.threadCount
        let columnSplits = tiles >= 4 * threads ? 1 : min(blocks.count, 4 * threads)
        let tileSplits = min(tiles, max(1, 4 * threads / columnSplits))
        let tasks = threads == 1 ? 1 : tileSplits * columnSplits
        let oc = g.outputChannels
        let pointwise = g.isPointwise
        let depth = weights.depth

        pool.parallelFor(tasks) { task, worker in
            let tileTask = threads == 1 ? 0 : task / columnSplits
            let columnTask = threads == 1 ? 0 : task % columnSplits
            let tileRange = Self.share(tiles, part: tileTask, of: threads == 1 ? 1 : tileSplits)
            let blockRange = Self.share(blocks.count, part: columnTask, of: threads == 1 ? 1 : columnSplits)
            for tile in tileRange {
                let first = tile * tileRows
                let rows = min(tileRows, pixels - first)
                let a: UnsafePointer<Float>
                let aStride: Int
                if pointwise {
                    a = input + first * g.inputChannels
                    aStride = g.inputChannels
                } else {
                    guard let scratch else { preconditionFailure("im2col convolution without scratch") }
                    let rowsScratch = scratch + worker * tileRows * depth
                    Self.gatherWindows(g, input: input, firstPixel: first, rows: rows, into: rowsScratch)
                    a = UnsafePointer(rowsScratch)
                    aStride = depth
                }
                let c = output + first * oc
                let r = residual.map { $0 + first * oc }
                for b in blockRange {
                    weights.multiply(block: blocks[b], rows: rows, a: a, aStride: aStride, c: c, cStride: oc,
                                     residual: r, residualStride: oc, epilogue: epilogue)
                }
            }
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
        for r in 0..<rows {
            let pixel = firstPixel + r
            let oy = pixel / g.outputWidth, ox = pixel % g.outputWidth
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
