import Testing
@testable import Inference

/// The GEMM microkernels (12×32, 12×16, 12×8 over packed weights) against `gemmReference`,
/// for sizes below, at and above each tile in every dimension.
@Suite struct GEMMKernelTests {
    /// Rows: 1, below / at / above the 12-row tile, and several tiles with a tail.
    static let rows = [1, 5, 11, 12, 13, 24, 31]
    /// Columns: below / at / above 8, 16 and 32, and mixes of block widths.
    static let columns = [1, 2, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 39, 48, 88, 117]
    /// Depths: 1 and odd values around vector widths.
    static let depths = [1, 3, 16, 27]

    @Test(arguments: rows, columns)
    func matchesReference(m: Int, n: Int) {
        var random = SeededRandom(seed: UInt64(m * 1000 + n))
        for k in Self.depths {
            for (epilogue, withResidual) in [(Epilogue(), false), (Epilogue(first: Clamp(.relu6)!), false),
                                             (Epilogue(first: Clamp(.relu)!, second: Clamp(.relu)!), true)] {
                let a = random.floats(m * k), w = random.floats(n * k), bias = random.floats(n)
                let residual = random.floats(m * n)
                let expected = withBuffers([a, w, bias, residual, [Float](repeating: 0, count: m * n)]) { p in
                    gemmReference(m: m, n: n, k: k, a: p[0], aStride: k, weights: p[1], bias: p[2], c: p[4], cStride: n,
                                  residual: withResidual ? UnsafePointer(p[3]) : nil, residualStride: n, epilogue: epilogue)
                    return Array(UnsafeBufferPointer(start: p[4], count: m * n))
                }
                let geometry = ConvGeometry(inputHeight: 1, inputWidth: m, inputChannels: k, outputHeight: 1, outputWidth: m,
                                            outputChannels: n, kernelHeight: 1, kernelWidth: 1)
                let kernel = Conv2DKernel(geometry: geometry, weights: w, bias: bias, epilogue: epilogue)
                for threads in [1, 2] {
                    let pool = ThreadPool(threads: threads)
                    let actual = withBuffers([a, residual, [Float](repeating: .nan, count: m * n)]) { p in
                        kernel.run(input: p[0], output: p[2], residual: withResidual ? UnsafePointer(p[1]) : nil, scratch: nil, pool: pool)
                        return Array(UnsafeBufferPointer(start: p[2], count: m * n))
                    }
                    let difference = maxAbsoluteDifference(actual, expected)
                    #expect(difference <= 1e-5 * Float(k + 2), "m \(m) n \(n) k \(k) threads \(threads): \(difference)")
                }
            }
        }
    }

    @Test func blocksCoverEveryColumnOnce() {
        for n in 1...130 {
            let packed = PackedGEMMWeights(weights: [Float](repeating: 1, count: n * 3), bias: [Float](repeating: 0, count: n),
                                           depth: 3, outputChannels: n)
            var covered = Set<Int>()
            for block in packed.blocks {
                #expect([8, 16, 32].contains(block.width))
                #expect(block.column >= 0 && block.column + block.storedColumns <= n)
                covered.formUnion(block.column..<(block.column + block.storedColumns))
            }
            #expect(covered == Set(0..<n), "n = \(n)")
            // Overlap (recomputed columns) stays below one 8-wide block.
            let computed = packed.blocks.reduce(0) { $0 + $1.storedColumns }
            #expect(computed - n < 8, "n = \(n)")
        }
    }
}
