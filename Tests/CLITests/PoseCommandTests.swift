import Foundation
import Testing
import TestSupport

/// `formcheck pose` and `formcheck bench-pose`, run as the built binary.
@Suite struct PoseCommandTests {
    static let fixtures = FormcheckProcess.repositoryRoot.appendingPathComponent("Tests/PoseTests/Fixtures")

    /// Whether this build's inference engine is fast enough for runs over several frames
    /// (debug builds leave it unoptimised: one detector run takes seconds there).
    static let engineIsFast: Bool = {
        let detector = FormcheckProcess.repositoryRoot.appendingPathComponent("Models/pose_detection.tflite").path
        guard let result = try? FormcheckProcess.run(["bench-model", detector, "--iterations", "1", "--json"]),
              let object = try? JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any],
              let milliseconds = object["median_ms"] as? Double else { return false }
        return milliseconds < 1000
    }()

    static func write(_ bytes: [UInt8], to url: URL) throws {
        try Data(bytes).write(to: url)
    }

    @Test func badFilesAreSkippedNamedAndTheRestProcessed() throws {
        let folder = try FormcheckProcess.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = Self.fixtures.appendingPathComponent("blank_200x150.png").path
        let jpeg = try Data(contentsOf: Self.fixtures.appendingPathComponent("figure_portrait_320x400.png"))
        try Self.write([], to: folder.appendingPathComponent("empty.jpg"))
        try Self.write(Array("this is not a picture\n".utf8), to: folder.appendingPathComponent("notes.jpg"))
        try Self.write([UInt8](jpeg.prefix(jpeg.count / 3)), to: folder.appendingPathComponent("cut.png"))
        // A JPEG header that claims 60000×60000 pixels.
        try Self.write([0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0xEA, 0x60, 0xEA, 0x60, 0x03,
                        0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9], to: folder.appendingPathComponent("huge.jpg"))
        let emptyFolder = folder.appendingPathComponent("no-images")
        try FileManager.default.createDirectory(at: emptyFolder, withIntermediateDirectories: true)
        let json = folder.appendingPathComponent("out.json").path
        let bad = ["empty.jpg", "notes.jpg", "cut.png", "huge.jpg"].map { folder.appendingPathComponent($0).path }
        let result = try FormcheckProcess.run(["pose", "--exact", "--json", json, good] + bad + [emptyFolder.path, "/no/such/file.jpg"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("blank_200x150.png: 200x150, no pose"))
        #expect(result.error.contains("Skipped 6:"), "\(result.error)")
        for path in bad + [emptyFolder.path, "/no/such/file.jpg"] {
            #expect(result.error.contains(path), "the error output should name \(path)")
        }
        let frames = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [[String: Any]]
        #expect(frames?.count == 1)
        #expect(frames?.first?["pose"] is NSNull)
    }

    @Test func nothingProcessedIsAFailure() throws {
        let folder = try FormcheckProcess.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write(Array("text".utf8), to: folder.appendingPathComponent("a.jpg"))
        let result = try FormcheckProcess.run(["pose", folder.path])
        #expect(result.status != 0)
        #expect(result.error.contains("a.jpg") && result.error.contains("No image could be processed."), "\(result.error)")
    }

    @Test func threadsMustBePositive() throws {
        let result = try FormcheckProcess.run(["pose", "--threads", "0", Self.fixtures.appendingPathComponent("blank_200x150.png").path])
        #expect(result.status != 0)
        #expect(result.error.contains("--threads"), "\(result.error)")
    }

    @Test func missingModelsSayWhereTheyWereLookedFor() throws {
        // A copy of the binary outside the package, with FORMCHECK_MODELS at an empty folder.
        let folder = try FormcheckProcess.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("formcheck"), models = folder.appendingPathComponent("models")
        try FileManager.default.copyItem(at: FormcheckProcess.executable, to: copy)
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = copy
        process.arguments = ["pose", Self.fixtures.appendingPathComponent("blank_200x150.png").path]
        process.environment = ProcessInfo.processInfo.environment.merging(["FORMCHECK_MODELS": models.path]) { $1 }
        let errorFile = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: errorFile)
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let error = String(decoding: try Data(contentsOf: errorFile), as: UTF8.self)
        #expect(process.terminationStatus != 0)
        #expect(error.contains("pose_detection.tflite") && error.contains(models.path) && error.contains("FORMCHECK_MODELS"), "\(error)")
    }

    @Test(.enabled(if: engineIsFast, "the inference engine is unoptimised in this build; run `swift test -c release`"))
    func jsonAndAnnotationsFeedAnalyze() throws {
        let folder = try FormcheckProcess.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = folder.appendingPathComponent("poses.json").path, drawn = folder.appendingPathComponent("drawn").path
        let image = Self.fixtures.appendingPathComponent("figure_portrait_320x400.png").path
        let result = try FormcheckProcess.run(["pose", "--exact", "--json", json, "--annotate", drawn, image])
        #expect(result.status == 0, "\(result.error)")
        let frames = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [[String: Any]]
        let pose = frames?.first?["pose"] as? [String: Any]
        #expect((pose?["landmarks"] as? [Any])?.count == 33 && (pose?["world_landmarks"] as? [Any])?.count == 33)
        #expect(FileManager.default.fileExists(atPath: drawn + "/figure_portrait_320x400.jpg"))
        let analysis = try FormcheckProcess.run(["analyze", json, "--exercise", "squat"])
        #expect(analysis.status == 0, "\(analysis.error)")
        #expect(analysis.output.contains("1 frames"), "\(analysis.output)")
    }

    @Test(.enabled(if: engineIsFast, "the inference engine is unoptimised in this build; run `swift test -c release`"))
    func videoTakesAFolderInNaturalOrder() throws {
        let result = try FormcheckProcess.run(["pose", "--exact", "--video", "--json", "-",
                                               Self.fixtures.appendingPathComponent("sequence").path])
        #expect(result.status == 0, "\(result.error)")
        let frames = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]] ?? []
        let names = frames.compactMap { ($0["image"] as? String).map { ($0 as NSString).lastPathComponent } }
        #expect(names == (1...12).map { "frame_\($0).png" })
        let empty = frames.enumerated().filter { $0.element["pose"] is NSNull }.map(\.offset)
        #expect(empty == [6, 7])
    }

    @Test(.enabled(if: engineIsFast, "the inference engine is unoptimised in this build; run `swift test -c release`"))
    func benchPosePrintsPerFrameTimings() throws {
        let image = Self.fixtures.appendingPathComponent("figure_portrait_320x400.png").path
        let result = try FormcheckProcess.run(["bench-pose", "--mode", "image", "--repeat", "2", image])
        #expect(result.status == 0, "\(result.error)")
        let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        #expect(object?["mode"] as? String == "image" && object?["threads"] as? Int == 1)
        let frames = object?["frames"] as? [[String: Any]] ?? []
        #expect(frames.count == 2)
        #expect(frames.allSatisfy { ($0["total_ms"] as? Double ?? 0) > 0 && $0["pose"] as? Bool == true })
    }
}
