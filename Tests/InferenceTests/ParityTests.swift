import Foundation
import Testing
@testable import Inference

/// Both bundled models against TFLite's own outputs (XNNPACK, ai-edge-litert 2.3.0) on the
/// synthetic input of `mp_reference.py raw`. The issue asks for max |ours − theirs| ≤
/// 1e-4 × max |theirs| per tensor; the engine sums in XNNPACK's order, so it is exact.
@Suite(.serialized) struct ParityTests {
    static let cases: [(model: String, tag: String)] = [
        ("pose_detection.tflite", "pose_detection"),
        ("pose_landmark_full.tflite", "pose_landmark_full"),
    ]

    @Test(arguments: [1, 2], cases.indices)
    func outputsMatchTFLite(threads: Int, caseIndex: Int) throws {
        let (model, tag) = Self.cases[caseIndex]
        let interpreter = try Interpreter(modelPath: TestSupport.model(model), threads: threads)
        let input = try #require(interpreter.inputs.first)
        try interpreter.setInput(SyntheticInput.pattern(shape: input.shape, range: SyntheticInput.defaultRange(forInputShape: input.shape)))
        // Twice: the second run must not depend on what the first left in the arena.
        interpreter.invoke()
        interpreter.invoke()
        for (index, output) in interpreter.outputs.enumerated() {
            let reference = try NPY.read(path: TestSupport.reference("\(tag)_out\(index)_\(output.name).npy").path)
            #expect(reference.shape == output.shape, "\(tag) \(output.name) shape")
            let ours = interpreter.output(index)
            let scale = reference.values.reduce(0) { max($0, abs($1)) }
            let difference = maxAbsoluteDifference(ours, reference.values)
            #expect(difference <= 1e-4 * scale, "\(tag) \(output.name): max difference \(difference), scale \(scale)")
            #if !FORMCHECK_PORTABLE
            // With fused multiply-adds (every CPU target but the portable build), the sums run
            // in XNNPACK's order and the outputs are identical.
            #expect(difference == 0, "\(tag) \(output.name) is no longer bit-identical to TFLite (max difference \(difference))")
            #endif
        }
    }

    @Test(arguments: cases.indices)
    func syntheticInputIsMediaPipesPattern(caseIndex: Int) throws {
        let (model, tag) = Self.cases[caseIndex]
        let data = try Data(contentsOf: TestSupport.reference("input-samples.json"))
        let samples = try JSONDecoder().decode([String: InputSamples].self, from: data)
        let expected = try #require(samples[tag])
        let interpreter = try Interpreter(modelPath: TestSupport.model(model))
        let shape = interpreter.inputs[0].shape
        let pattern = SyntheticInput.pattern(shape: shape, range: SyntheticInput.defaultRange(forInputShape: shape))
        #expect(pattern.count == expected.count)
        for (index, value) in zip(expected.indices, expected.values) {
            #expect(pattern[index] == Float(value), "element \(index)")
        }
    }

    struct InputSamples: Decodable {
        let count: Int
        let indices: [Int]
        let values: [Double]
    }

    @Test func modelsDescribeTheirTensors() throws {
        let detector = try Interpreter(modelPath: TestSupport.detectorPath)
        #expect(detector.inputs == [.init(name: "input_1", shape: [1, 224, 224, 3])])
        #expect(detector.outputs.map(\.name) == ["Identity", "Identity_1"])
        #expect(detector.outputs.map(\.shape) == [[1, 2254, 12], [1, 2254, 1]])
        let landmarks = try Interpreter(modelPath: TestSupport.landmarkPath)
        #expect(landmarks.inputs == [.init(name: "input_1", shape: [1, 256, 256, 3])])
        #expect(landmarks.outputs.map(\.name) == ["Identity", "Identity_1", "Identity_2", "Identity_3", "Identity_4"])
        #expect(landmarks.outputs.map(\.shape) == [[1, 195], [1, 1], [1, 256, 256, 1], [1, 64, 64, 39], [1, 117]])
    }

    @Test func fusionRemovesPadsAndAdds() throws {
        // The landmark model has 5 PADs and 28 ADDs; all PADs fold into convolutions and the
        // ADDs after a convolution become its epilogue.
        let interpreter = try Interpreter(modelPath: TestSupport.landmarkPath)
        let operators = interpreter.model.operators.filter { $0.code != BuiltinOperator.dequantize && $0.code != BuiltinOperator.reshape }
        #expect(interpreter.stepCount < operators.count - 5 - 10)
    }
}
