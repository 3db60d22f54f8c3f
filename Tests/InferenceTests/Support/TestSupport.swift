import Foundation
@testable import Inference

/// Paths and helpers shared by the Inference tests.
enum TestSupport {
    /// The repository root (three levels above this file).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A bundled model in `Models/`.
    static func model(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("Models").appendingPathComponent(name).path
    }

    static let detectorPath = model("pose_detection.tflite")
    static let landmarkPath = model("pose_landmark_full.tflite")

    /// A file in `Fixtures/tflite-reference/`.
    static func reference(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: "Fixtures/tflite-reference/\(name)", withExtension: nil) else {
            throw FixtureMissing(name: name)
        }
        return url
    }

    struct FixtureMissing: Error { let name: String }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("formcheck-inference-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A small deterministic random generator (SplitMix64), so sweeps are reproducible.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` floats uniform in -1...1.
    mutating func floats(_ count: Int) -> [Float] {
        (0..<count).map { _ in Float.random(in: -1...1, using: &self) }
    }
}

/// The largest absolute difference between two arrays of the same length.
func maxAbsoluteDifference(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count)
    return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// Runs `body` with buffers holding `arrays`, plus guard space after each for vector over-reads.
func withBuffers<R>(_ arrays: [[Float]], _ body: ([UnsafeMutablePointer<Float>]) -> R) -> R {
    let buffers = arrays.map { array -> AlignedBuffer in
        let buffer = AlignedBuffer(count: array.count + 64)
        for (i, v) in array.enumerated() { buffer.pointer[i] = v }
        return buffer
    }
    return withExtendedLifetime(buffers) { body(buffers.map(\.pointer)) }
}
