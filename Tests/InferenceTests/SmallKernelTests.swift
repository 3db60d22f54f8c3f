import Testing
@testable import Inference

/// PAD, DEPTH_TO_SPACE, CONCATENATION, RESIZE_BILINEAR, MAX_POOL_2D, ADD and LOGISTIC against
/// their scalar reference twins, at sizes below, at and above the 16-lane vectors.
@Suite struct SmallKernelTests {
    @Test(arguments: [1, 3, 8, 16, 17, 33])
    func pad(channels: Int) {
        var random = SeededRandom(seed: 1)
        let inputShape = [1, 5, 4, channels]
        let paddings: [(before: Int, after: Int)] = [(0, 0), (1, 2), (2, 1), (0, channels % 3)]
        let outputShape = zip(inputShape, paddings).map { $0 + $1.before + $1.after }
        let input = random.floats(inputShape.reduce(1, *))
        let count = outputShape.reduce(1, *)
        let results = withBuffers([input, [Float](repeating: .nan, count: count), [Float](repeating: .nan, count: count)]) { p in
            padF32(input: p[0], inputShape: inputShape, paddings: paddings, output: p[1], outputShape: outputShape)
            padReference(input: p[0], inputShape: inputShape, paddings: paddings, output: p[2], outputShape: outputShape)
            return (Array(UnsafeBufferPointer(start: p[1], count: count)), Array(UnsafeBufferPointer(start: p[2], count: count)))
        }
        #expect(results.0 == results.1)
    }

    @Test(arguments: [(2, 4), (2, 12), (3, 9), (2, 1152)])
    func depthToSpace(block: Int, channels: Int) {
        var random = SeededRandom(seed: 2)
        let (h, w) = (3, 5)
        let input = random.floats(h * w * channels)
        let results = withBuffers([input, [Float](repeating: .nan, count: input.count), [Float](repeating: .nan, count: input.count)]) { p in
            depthToSpaceF32(input: p[0], height: h, width: w, channels: channels, block: block, output: p[1])
            depthToSpaceReference(input: p[0], height: h, width: w, channels: channels, block: block, output: p[2])
            return (Array(UnsafeBufferPointer(start: p[1], count: input.count)), Array(UnsafeBufferPointer(start: p[2], count: input.count)))
        }
        #expect(results.0 == results.1)
    }

    @Test func concatenation() {
        // [1, 4, 2] + [1, 3, 2] + [1, 1, 2] along axis 1, and along the last axis.
        let a: [Float] = (0..<8).map(Float.init), b: [Float] = (100..<106).map(Float.init), c: [Float] = [-1, -2]
        let middle = withBuffers([a, b, c, [Float](repeating: .nan, count: 16)]) { p in
            concatenateF32(inputs: [UnsafePointer(p[0]), UnsafePointer(p[1]), UnsafePointer(p[2])], runs: [8, 6, 2], outer: 1, output: p[3])
            return Array(UnsafeBufferPointer(start: p[3], count: 16))
        }
        #expect(middle == a + b + c)
        let last = withBuffers([[1, 2, 3, 4], [10, 20], [Float](repeating: .nan, count: 6)]) { p in
            // [2, 2] + [2, 1] along axis 1 → outer 2, runs 2 and 1.
            concatenateF32(inputs: [UnsafePointer(p[0]), UnsafePointer(p[1])], runs: [2, 1], outer: 2, output: p[2])
            return Array(UnsafeBufferPointer(start: p[2], count: 6))
        }
        #expect(last == [1, 2, 10, 3, 4, 20])
    }

    @Test(arguments: [false, true], [false, true])
    func resizeBilinear(alignCorners: Bool, halfPixelCenters: Bool) {
        guard !(alignCorners && halfPixelCenters) else { return }  // TFLite forbids both
        var random = SeededRandom(seed: 3)
        for (ih, iw, oh, ow, c) in [(4, 4, 8, 8, 8), (3, 5, 7, 4, 17), (8, 8, 16, 16, 48), (1, 1, 3, 3, 3), (5, 3, 5, 3, 16)] {
            let input = random.floats(ih * iw * c)
            let count = oh * ow * c
            let plan = ResizeBilinearPlan(inputHeight: ih, inputWidth: iw, channels: c, outputHeight: oh, outputWidth: ow,
                                          alignCorners: alignCorners, halfPixelCenters: halfPixelCenters)
            let results = withBuffers([input, [Float](repeating: .nan, count: count), [Float](repeating: .nan, count: count)]) { p in
                plan.run(input: p[0], output: p[1], rowRange: 0..<oh)
                resizeBilinearReference(input: p[0], inputHeight: ih, inputWidth: iw, channels: c, output: p[2], outputHeight: oh,
                                        outputWidth: ow, alignCorners: alignCorners, halfPixelCenters: halfPixelCenters)
                return (Array(UnsafeBufferPointer(start: p[1], count: count)), Array(UnsafeBufferPointer(start: p[2], count: count)))
            }
            #expect(maxAbsoluteDifference(results.0, results.1) <= 1e-5, "\(ih)×\(iw) → \(oh)×\(ow) c\(c)")
        }
    }

    @Test(arguments: [1, 15, 16, 17, 288])
    func maxPool(channels: Int) {
        var random = SeededRandom(seed: 4)
        for (size, window, stride, padding) in [(8, 2, 2, Padding.valid), (7, 3, 2, .same), (5, 2, 1, .same)] {
            let rows = ConvGeometry.outputSize(input: size, kernel: window, stride: stride, dilation: 1, padding: padding)
            let g = ConvGeometry(inputHeight: size, inputWidth: size, inputChannels: channels, outputHeight: rows.size,
                                 outputWidth: rows.size, outputChannels: channels, kernelHeight: window, kernelWidth: window,
                                 strideHeight: stride, strideWidth: stride, padTop: rows.padBefore, padLeft: rows.padBefore)
            let input = random.floats(size * size * channels)
            let count = rows.size * rows.size * channels
            let results = withBuffers([input, [Float](repeating: .nan, count: count), [Float](repeating: .nan, count: count)]) { p in
                maxPoolF32(g, input: p[0], output: p[1], clamp: .none)
                maxPoolReference(g, input: p[0], output: p[2], clamp: .none)
                return (Array(UnsafeBufferPointer(start: p[1], count: count)), Array(UnsafeBufferPointer(start: p[2], count: count)))
            }
            #expect(results.0 == results.1)
        }
    }

    @Test(arguments: [1, 15, 16, 17, 100])
    func add(count: Int) {
        var random = SeededRandom(seed: 5)
        for rhsCount in Set([count, 1]) {
            let lhs = random.floats(count), rhs = random.floats(rhsCount)
            let results = withBuffers([lhs, rhs, [Float](repeating: .nan, count: count), [Float](repeating: .nan, count: count)]) { p in
                addF32(lhs: p[0], rhs: p[1], rhsCount: rhsCount, output: p[2], count: count, clamp: Clamp(.relu)!)
                addReference(lhs: p[0], rhs: p[1], rhsCount: rhsCount, output: p[3], count: count, clamp: Clamp(.relu)!)
                return (Array(UnsafeBufferPointer(start: p[2], count: count)), Array(UnsafeBufferPointer(start: p[3], count: count)))
            }
            #expect(results.0 == results.1)
        }
    }

    @Test func logistic() {
        let input: [Float] = [-100, -5, -0.5, 0, 0.5, 5, 100]
        let output = withBuffers([input, [Float](repeating: .nan, count: input.count)]) { p in
            logisticF32(input: p[0], output: p[1], count: input.count)
            return Array(UnsafeBufferPointer(start: p[1], count: input.count))
        }
        for (x, y) in zip(input, output) {
            let expected = 1 / (1 + Foundation.exp(-Double(x)))
            #expect(abs(Double(y) - expected) <= 1e-7, "σ(\(x))")
        }
    }
}

import Foundation
