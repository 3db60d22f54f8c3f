import Testing
@testable import Inference

/// Convolutions through im2col + GEMM, the planar kernel and the depthwise kernels, against
/// their scalar reference twins, over window sizes, strides, padding and channel counts
/// below, at and above each kernel's vector width.
@Suite struct ConvolutionKernelTests {
    struct Case: CustomStringConvertible, Sendable {
        var size: (height: Int, width: Int)
        var kernel: Int
        var stride: Int
        var padding: Padding
        var channels: Int
        var description: String { "\(size.height)×\(size.width) k\(kernel)/\(stride) \(padding) c\(channels)" }
    }

    static func geometry(_ c: Case, outputChannels: Int) -> ConvGeometry {
        let rows = ConvGeometry.outputSize(input: c.size.height, kernel: c.kernel, stride: c.stride, dilation: 1, padding: c.padding)
        let columns = ConvGeometry.outputSize(input: c.size.width, kernel: c.kernel, stride: c.stride, dilation: 1, padding: c.padding)
        return ConvGeometry(inputHeight: c.size.height, inputWidth: c.size.width, inputChannels: c.channels,
                            outputHeight: rows.size, outputWidth: columns.size, outputChannels: outputChannels,
                            kernelHeight: c.kernel, kernelWidth: c.kernel, strideHeight: c.stride, strideWidth: c.stride,
                            padTop: rows.padBefore, padLeft: columns.padBefore)
    }

    static let depthwiseCases: [Case] = {
        var cases: [Case] = []
        for kernel in [2, 3, 5] {
            for stride in [1, 2] {
                for padding in [Padding.same, .valid] {
                    for channels in [1, 7, 8, 9, 16, 17, 24, 40] {
                        cases.append(Case(size: (9, 11), kernel: kernel, stride: stride, padding: padding, channels: channels))
                    }
                }
            }
        }
        cases.append(Case(size: (3, 3), kernel: 5, stride: 1, padding: .same, channels: 16)) // window larger than the image
        cases.append(Case(size: (1, 20), kernel: 3, stride: 1, padding: .same, channels: 8))
        return cases
    }()

    @Test(arguments: depthwiseCases)
    func depthwiseMatchesReference(_ c: Case) {
        var random = SeededRandom(seed: UInt64(c.description.hashValue & 0xFFFF))
        let g = Self.geometry(c, outputChannels: c.channels)
        let input = random.floats(c.size.height * c.size.width * c.channels)
        let weights = random.floats(c.kernel * c.kernel * c.channels), bias = random.floats(c.channels)
        let count = g.outputHeight * g.outputWidth * c.channels
        for clamp in [Clamp.none, Clamp(.relu6)!] {
            let expected = withBuffers([input, weights, bias, [Float](repeating: 0, count: count)]) { p in
                depthwiseConv2DReference(g, input: p[0], weights: p[1], bias: p[2], output: p[3], clamp: clamp)
                return Array(UnsafeBufferPointer(start: p[3], count: count))
            }
            let kernel = DepthwiseConv2DKernel(geometry: g, weights: weights, bias: bias, clamp: clamp)
            for threads in [1, 2] {
                let actual = withBuffers([input, [Float](repeating: .nan, count: count)]) { p in
                    kernel.run(input: p[0], output: p[1], pool: ThreadPool(threads: threads))
                    return Array(UnsafeBufferPointer(start: p[1], count: count))
                }
                #expect(maxAbsoluteDifference(actual, expected) <= 1e-5, "\(c) threads \(threads)")
            }
        }
    }

    static let convolutionCases: [(Case, Int)] = [
        (Case(size: (9, 10), kernel: 3, stride: 2, padding: .same, channels: 3), 24),
        (Case(size: (9, 10), kernel: 3, stride: 1, padding: .valid, channels: 5), 17),
        (Case(size: (4, 4), kernel: 2, stride: 1, padding: .valid, channels: 9), 39),
        (Case(size: (2, 2), kernel: 2, stride: 1, padding: .valid, channels: 20), 117),
        (Case(size: (7, 5), kernel: 1, stride: 2, padding: .valid, channels: 8), 12),
        (Case(size: (13, 40), kernel: 3, stride: 1, padding: .same, channels: 8), 1),
        (Case(size: (13, 17), kernel: 3, stride: 1, padding: .same, channels: 8), 3),
        (Case(size: (6, 33), kernel: 5, stride: 2, padding: .same, channels: 9), 2),
        (Case(size: (5, 16), kernel: 3, stride: 1, padding: .valid, channels: 4), 7),
    ]

    @Test(arguments: convolutionCases.indices)
    func convolutionMatchesReference(_ index: Int) {
        let (c, outputChannels) = Self.convolutionCases[index]
        var random = SeededRandom(seed: UInt64(index + 77))
        let g = Self.geometry(c, outputChannels: outputChannels)
        let input = random.floats(c.size.height * c.size.width * c.channels)
        let weights = random.floats(outputChannels * c.kernel * c.kernel * c.channels), bias = random.floats(outputChannels)
        let count = g.outputHeight * g.outputWidth * outputChannels
        let residual = random.floats(count)
        for (epilogue, withResidual) in [(Epilogue(), false), (Epilogue(first: Clamp(.relu)!, second: Clamp(.relu6)!), true)] {
            let expected = withBuffers([input, weights, bias, residual, [Float](repeating: 0, count: count)]) { p in
                conv2DReference(g, input: p[0], weights: p[1], bias: p[2], output: p[4], residual: withResidual ? UnsafePointer(p[3]) : nil,
                                epilogue: epilogue)
                return Array(UnsafeBufferPointer(start: p[4], count: count))
            }
            for threads in [1, 2] {
                let pool = ThreadPool(threads: threads)
                let gemm = Conv2DKernel(geometry: g, weights: weights, bias: bias, epilogue: epilogue)
                let scratch = AlignedBuffer(count: max(1, gemm.scratchPerThread * threads))
                let viaGEMM = withBuffers([input, residual, [Float](repeating: .nan, count: count)]) { p in
                    gemm.run(input: p[0], output: p[2], residual: withResidual ? UnsafePointer(p[1]) : nil, scratch: scratch.pointer, pool: pool)
                    return Array(UnsafeBufferPointer(start: p[2], count: count))
                }
                #expect(maxAbsoluteDifference(viaGEMM, expected) <= 1e-4, "GEMM \(c) → \(outputChannels) threads \(threads)")
                if PlanarConv2DKernel.supports(g) {
                    let planar = PlanarConv2DKernel(geometry: g, weights: weights, bias: bias, epilogue: epilogue)
                    let viaPlanes = withBuffers([input, residual, [Float](repeating: .nan, count: count)]) { p in
                        planar.run(input: p[0], output: p[2], residual: withResidual ? UnsafePointer(p[1]) : nil, pool: pool)
                        return Array(UnsafeBufferPointer(start: p[2], count: count))
                    }
                    #expect(maxAbsoluteDifference(viaPlanes, expected) <= 1e-4, "planar \(c) → \(outputChannels) threads \(threads)")
                    // Same summation order as the GEMM path: identical results.
                    #expect(viaPlanes == viaGEMM, "planar and GEMM differ for \(c)")
                }
            }
        }
    }
}

/// The fused depthwise → pointwise step against the two reference kernels run one after the other.
@Suite struct DepthwisePointwiseTests {
    @Test(arguments: [(7, 9, 16, 24), (13, 5, 8, 8), (33, 40, 144, 24), (4, 3, 17, 5)])
    func matchesTheTwoKernelsInSequence(height: Int, width: Int, channels: Int, outputs: Int) {
        var random = SeededRandom(seed: UInt64(height * 100 + channels))
        let dg = ConvGeometry(inputHeight: height, inputWidth: width, inputChannels: channels, outputHeight: height,
                              outputWidth: width, outputChannels: channels, kernelHeight: 3, kernelWidth: 3, padTop: 1, padLeft: 1)
        let pg = ConvGeometry(inputHeight: height, inputWidth: width, inputChannels: channels, outputHeight: height,
                              outputWidth: width, outputChannels: outputs, kernelHeight: 1, kernelWidth: 1)
        let input = random.floats(height * width * channels)
        let dw = random.floats(9 * channels), db = random.floats(channels)
        let pw = random.floats(outputs * channels), pb = random.floats(outputs)
        let residual = random.floats(height * width * outputs)
        let count = height * width * outputs
        let expected = withBuffers([input, dw, db, pw, pb, residual, [Float](repeating: 0, count: height * width * channels),
                                    [Float](repeating: 0, count: count)]) { p in
            depthwiseConv2DReference(dg, input: p[0], weights: p[1], bias: p[2], output: p[6], clamp: Clamp(.relu6)!)
            conv2DReference(pg, input: p[6], weights: p[3], bias: p[4], output: p[7], residual: p[5],
                            epilogue: Epilogue(first: .none, second: Clamp(.relu)!))
            return Array(UnsafeBufferPointer(start: p[7], count: count))
        }
        for threads in [1, 2] {
            let depthwise = DepthwiseConv2DKernel(geometry: dg, weights: dw, bias: db, clamp: Clamp(.relu6)!)
            let pointwise = Conv2DKernel(geometry: pg, weights: pw, bias: pb, epilogue: Epilogue(first: .none, second: Clamp(.relu)!))
            let bands = AlignedBuffer(count: DepthwisePointwiseStep.bandFloats(dg, threads: threads) * threads + 16)
            let actual = withBuffers([input, residual, [Float](repeating: .nan, count: count)]) { p in
                let step = DepthwisePointwiseStep(label: "test", operatorIndex: 0, depthwise: depthwise, pointwise: pointwise,
                                                  input: p[0], output: p[2], residual: p[1], bands: bands.pointer, threads: threads)
                step.run(ThreadPool(threads: threads))
                return Array(UnsafeBufferPointer(start: p[2], count: count))
            }
            #expect(maxAbsoluteDifference(actual, expected) <= 1e-4, "\(height)×\(width)×\(channels) → \(outputs), \(threads) threads")
        }
    }
}

/// The fused inverted residual step against its three reference kernels run one after another.
@Suite struct InvertedResidualTests {
    @Test(arguments: [(9, 11, 3, 1), (9, 11, 3, 2), (12, 7, 5, 1), (13, 10, 5, 2), (2, 2, 3, 1)])
    func matchesTheThreeKernelsInSequence(height: Int, width: Int, kernel: Int, stride: Int) {
        let (channels, expanded, outputs) = (8, 24, 16)
        var random = SeededRandom(seed: UInt64(height * 1000 + width * 10 + kernel + stride))
        let eg = ConvGeometry(inputHeight: height, inputWidth: width, inputChannels: channels, outputHeight: height,
                              outputWidth: width, outputChannels: expanded, kernelHeight: 1, kernelWidth: 1)
        let rows = ConvGeometry.outputSize(input: height, kernel: kernel, stride: stride, dilation: 1, padding: .same)
        let columns = ConvGeometry.outputSize(input: width, kernel: kernel, stride: stride, dilation: 1, padding: .same)
        let dg = ConvGeometry(inputHeight: height, inputWidth: width, inputChannels: expanded, outputHeight: rows.size,
                              outputWidth: columns.size, outputChannels: expanded, kernelHeight: kernel, kernelWidth: kernel,
                              strideHeight: stride, strideWidth: stride, padTop: rows.padBefore, padLeft: columns.padBefore)
        let pg = ConvGeometry(inputHeight: rows.size, inputWidth: columns.size, inputChannels: expanded, outputHeight: rows.size,
                              outputWidth: columns.size, outputChannels: outputs, kernelHeight: 1, kernelWidth: 1)
        let input = random.floats(height * width * channels)
        let ew = random.floats(expanded * channels), eb = random.floats(expanded)
        let dw = random.floats(kernel * kernel * expanded), db = random.floats(expanded)
        let pw = random.floats(outputs * expanded), pb = random.floats(outputs)
        let count = rows.size * columns.size * outputs
        let residual = random.floats(count)
        let expected = withBuffers([input, ew, eb, dw, db, pw, pb, residual, [Float](repeating: 0, count: height * width * expanded),
                                    [Float](repeating: 0, count: rows.size * columns.size * expanded),
                                    [Float](repeating: 0, count: count)]) { p in
            conv2DReference(eg, input: p[0], weights: p[1], bias: p[2], output: p[8], residual: nil, epilogue: Epilogue(first: Clamp(.relu6)!))
            depthwiseConv2DReference(dg, input: p[8], weights: p[3], bias: p[4], output: p[9], clamp: Clamp(.relu6)!)
            conv2DReference(pg, input: p[9], weights: p[5], bias: p[6], output: p[10], residual: p[7], epilogue: Epilogue())
            return Array(UnsafeBufferPointer(start: p[10], count: count))
        }
        for threads in [1, 2] {
            let expand = Conv2DKernel(geometry: eg, weights: ew, bias: eb, epilogue: Epilogue(first: Clamp(.relu6)!))
            let depthwise = DepthwiseConv2DKernel(geometry: dg, weights: dw, bias: db, clamp: Clamp(.relu6)!)
            let project = Conv2DKernel(geometry: pg, weights: pw, bias: pb, epilogue: Epilogue())
            let scratch = AlignedBuffer(count: InvertedResidualStep.scratchFloats(dg) * threads)
            let actual = withBuffers([input, residual, [Float](repeating: .nan, count: count)]) { p in
                let step = InvertedResidualStep(label: "test", operatorIndex: 0, expand: expand, depthwise: depthwise, project: project,
                                                input: p[0], output: p[2], residual: p[1], scratch: scratch.pointer)
                step.run(ThreadPool(threads: threads))
                return Array(UnsafeBufferPointer(start: p[2], count: count))
            }
            #expect(maxAbsoluteDifference(actual, expected) <= 1e-4, "\(height)×\(width) k\(kernel)/\(stride), \(threads) threads")
        }
    }
}
