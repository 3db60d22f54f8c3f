// Fixture images and MediaPipe's expectations, the models, and the shared photos.

import Foundation
import Imaging
import Inference
import Testing
@testable import Pose
import TestSupport

/// The committed fixtures (see Fixtures/README.md).
enum PoseFixtures {
    /// The folder holding the fixture files.
    static let directory: URL = {
        if let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) { return url }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
    }()

    static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    static func image(_ name: String) throws -> RGBImage {
        try ImageFile.load(path: path(name))
    }

    /// One image's expected outcome (`expectations.json`).
    struct Expectation: Decodable {
        struct Detection: Decodable {
            var score: Float
            var keypoints: [[Float]]
        }
        struct Pose: Decodable {
            var landmarks: [[Float]]
            var world_landmarks: [[Float]]
            var detection: Detection?
            var roi: [Float]
            var roi_from_landmarks: [Float]?
            var auxiliary_landmarks: [[Float]]
        }
        var file: String
        var width: Int
        var height: Int
        var pose: Pose?
        var drawn_joints_px: [String: [Double]]?
    }

    struct Expectations: Decodable {
        var images: [Expectation]
        var sequence: [Expectation]
    }

    static let expectations: Expectations = {
        do {
            return try JSONDecoder().decode(Expectations.self, from: Data(contentsOf: directory.appendingPathComponent("expectations.json")))
        } catch {
            fatalError("PoseTests fixtures: cannot read expectations.json: \(error)")
        }
    }()

    static func still(_ file: String) -> Expectation? {
        expectations.images.first { $0.file == file }
    }
}

/// The two models, from the package's Models folder (or `FORMCHECK_MODELS`).
enum TestModels {
    static let locator: ModelLocator = {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var directories: [String] = []
        if let folder = ProcessInfo.processInfo.environment[ModelLocator.environmentVariable] { directories.append(folder) }
        directories.append(packageRoot.appendingPathComponent("Models").path)
        return ModelLocator(directories: directories)
    }()

    static func tracker(_ configuration: PoseConfiguration) throws -> PoseTracker {
        try PoseTracker(configuration: configuration, models: locator)
    }

    /// Whether the inference engine in this build runs a model in reasonable time.
    ///
    /// Debug builds compile Inference with `-O` but without whole-module optimisation, which
    /// leaves its generic SIMD helpers unspecialised across files (about 1000 times slower);
    /// end-to-end tests then skip, and `swift test -c release` runs them.
    static let engineIsFast: Bool = {
        guard let path = try? locator.detectorPath(), let interpreter = try? Interpreter(modelPath: path) else { return false }
        let start = DispatchTime.now().uptimeNanoseconds
        interpreter.invoke()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < 1.0
    }()

    static let slowEngineReason: Comment = "the inference engine is unoptimised in this build (debug builds lack whole-module optimisation); run `swift test -c release`"
}

/// `../shared/frames` (photos not in the repository); tests that need it skip without it
/// (see ``SharedData/frames(containing:)``).
enum SharedFrames {
    static let directory: String? = SharedData.frames(containing: "reference/image")

    static var available: Bool { directory != nil }
}

/// Distance in pixels between two points given in normalised coordinates of a W×H image.
func pixelDistance(_ ax: Float, _ ay: Float, _ bx: Float, _ by: Float, width: Int, height: Int) -> Double {
    let dx = (Double(ax) - Double(bx)) * Double(width), dy = (Double(ay) - Double(by)) * Double(height)
    return (dx * dx + dy * dy).squareRoot()
}
