import CInferenceSIMD

/// CONV_2D for convolutions with fewer than 8 output channels (e.g. a segmentation head's
/// 3×3 convolution to one channel), where a GEMM would waste most of each vector.
///
/// The input is first transposed into zero-bordered channel planes (`[C][rows][columns]`), so
/// that 16 neighbouring output pixels of one output channel are one vector: each multiply-add
/// takes 16 consecutive input columns of one plane times one broadcast weight. Products are
/// summed in the GEMM's order (kernel row, kernel column, input channel), so results equal
/// the GEMM path's bit for bit. Needs horizontal stride 1 and no dilation.
final class PlanarConv2DKernel {
    let geometry: ConvGeometry
    /// OHWI weights, unpacked.
    private let weights: AlignedBuffer
    private let bias: [Float]
    let epilogue: Epilogue
    /// The input as zero-bordered planes; borders are zeroed once and never written.
    private let planes: AlignedBuffer
    private let planeRows: Int
    private let planeColumns: Int

    /// Whether this kernel handles `geometry`.
    static func supports(_ g: ConvGeometry) -> Bool {
        g.outputChannels < 8 && g.strideWidth == 1 && g.dilationWidth == 1 && g.dilationHeight == 1
            && g.outputWidth >= 16
    }

    init(geometry: ConvGeometry, weights: [Float], bias: [Float], epilogue: Epilogue) {
        precondition(Self.supports(geometry))
        self.geometry = geometry
        self.weights = AlignedBuffer(copying: weights)
        self.bias = bias
        self.epilogue = epilogue
        planeRows = (geometry.outputHeight - 1) * geometry.strideHeight + geometry.kernelHeight
        // Room for the window plus a vector's worth of guard columns for the last block.
        planeColumns = geometry.outputWidth + geometry.kernelWidth - 1 + 16
        planes = AlignedBuffer(count: geometry.inputChannels * planeRows * planeColumns)
    }

    func run(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?,
             pool: ThreadPool) {
        let g = geometry
        // 1. Transpose the input rows that the windows read into the planes.
        let firstRow = max(0, -g.padTop), lastRow = min(g.inputHeight, planeRows - g.padTop)
        let usableColumns = min(g.inputWidth, planeColumns - 16 - g.padLeft)
        let rowCount = max(0, lastRow - firstRow)
        let parts = pool.threadCount == 1 ? 1 : min(rowCount, 4 * pool.threadCount)
        pool.parallelFor(parts) { part, _ in
            for y in Conv2DKernel.share(rowCount, part: part, of: parts) {
                self.transposeRow(firstRow + y, input: input, columns: max(0, usableColumns))
            }
        }
        // 2. Vectorised over output columns.
        let rows = g.outputHeight
        let tasks = pool.threadCount == 1 ? 1 : min(rows, 4 * pool.threadCount)
        pool.parallelFor(tasks) { task, _ in
            for oy in Conv2DKernel.share(rows, part: task, of: tasks) {
                self.computeRow(oy, output: output, residual: residual)
            }
        }
    }

    /// Writes input row `y` into the planes (8×8 blocks through registers, the rest lane by lane).
    private func transposeRow(_ y: Int, input: UnsafePointer<Float>, columns: Int) {
        let g = geometry
        let c = g.inputChannels
        let planeSize = planeRows * planeColumns
        let destinationRow = planes.pointer + (y + g.padTop) * planeColumns + g.padLeft
        let sourceRow = input + y * g.inputWidth * c
        var x = 0
        if c % 8 == 0 {
            while x + 8 <= columns {
                var channel = 0
                while channel < c {
                    fc_transpose8x8(sourceRow + x * c + channel, c, destinationRow + channel * planeSize + x, planeSize)
                    channel += 8
                }
                x += 8
            }
        }
        while x < columns {
            for channel in 0..<c { destinationRow[channel * planeSize + x] = sourceRow[x * c + channel] }
            x += 1
        }
    }

    private func computeRow(_ oy: Int, output: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?) {
        typealias V = SIMD16<Float>
        let g = geometry
        let ic = g.inputChannels, oc = g.outputChannels
        let planeSize = planeRows * planeColumns
        let w = UnsafePointer(weights.pointer)
        let lower1 = V(repeating: epilogue.first.lower), upper1 = V(repeating: epilogue.first.upper)
        for o in 0..<oc {
            var x0 = 0
            while x0 < g.outputWidth {
                var acc = V(repeating: bias[o])
                var tap = w + o * g.kernelHeight * g.kernelWidth * ic
                for ky in 0..<g.kernelHeight {
                    let row = UnsafePointer(planes.pointer) + (oy * g.strideHeight + ky) * planeColumns + x0
                    for kx in 0..<g.kernelWidth {
                        var plane = row + kx
                        for _ in 0..<ic {
                            acc = multiplyAdd(acc, loadVector(plane, as: V.self), V(repeating: tap.pointee))
                            plane += planeSize
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
