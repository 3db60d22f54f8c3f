import Foundation
import Testing
import TestSupport

/// `formcheck score`, run as the built binary on rendered frame sequences: the repository's
/// `SampleFrames` when they are there, else sequences the test renders with `formcheck render`.
@Suite(.serialized) struct ScoreCommandTests {
    /// A rendered sequence: its folder and the number of frames in it.
    struct Sequence {
        let folder: URL
        let frames: Int
    }

    /// Where this suite's rendered sequences live (removed by nobody: the system's temporary
    /// folder is cleaned on its own; one folder per test process).
    static let renders: URL = FileManager.default.temporaryDirectory
        .appendingPathComponent("formcheck-score-tests-\(ProcessInfo.processInfo.processIdentifier)")

    /// `SampleFrames/<exercise>/<name>` when the repository has it, else that sequence rendered
    /// (good form, or `fault`) into the suite's scratch folder.
    static func sequence(_ exercise: String, fault: String? = nil) throws -> Sequence {
        let name = fault ?? "good"
        let bundled = FormcheckProcess.repositoryRoot.appendingPathComponent("SampleFrames/\(exercise)/\(name)")
        var folder = bundled
        if try frameCount(bundled) == 0 {
            folder = renders.appendingPathComponent("\(exercise)-\(name)")
            if try frameCount(folder) == 0 {
                let result = try FormcheckProcess.run(["render", exercise, "--out", folder.path] + (fault.map { ["--fault", $0] } ?? []))
                guard result.status == 0 else {
                    throw RenderFailure(message: "formcheck render \(exercise) \(name): \(result.error)")
                }
            }
        }
        return Sequence(folder: folder, frames: try frameCount(folder))
    }

    struct RenderFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// JPEG files directly in `folder` (0 when it does not exist).
    static func frameCount(_ folder: URL) throws -> Int {
        guard FileManager.default.fileExists(atPath: folder.path) else { return 0 }
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).count { $0.hasSuffix(".jpg") }
    }

    /// Whether the engine is fast enough to score whole sequences (an unoptimised build is not).
    static var engineIsFast: Bool { PoseCommandTests.engineIsFast }

    // MARK: End to end

    @Test func scoresAGoodAndAFaultyPlankWithEveryReport() throws {
        try #require(Self.engineIsFast, "needs an optimised build (scripts/test)")
        let good = try Self.sequence("plank"), faulty = try Self.sequence("plank", fault: "hips_sagging")
        let out = try FormcheckProcess.scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        let json = out.appendingPathComponent("report.json"), csv = out.appendingPathComponent("frames.csv")
        let html = out.appendingPathComponent("report.html"), annotated = out.appendingPathComponent("annotated")
        let result = try FormcheckProcess.run(["score", good.folder.path, faulty.folder.path, "--exercise", "plank", "--fps", "10",
                                               "--json", json.path, "--csv", csv.path, "--html", html.path, "--annotate", annotated.path])
        #expect(result.status == 0, "\(result.error)")

        // The summary: one block per input, the checks and a score each, no progress bar when piped.
        #expect(result.output.contains("\(good.folder.path): Plank (plank)"), "\(result.output)")
        #expect(result.output.contains("\(faulty.folder.path): Plank (plank)"), "\(result.output)")
        #expect(result.output.components(separatedBy: "  Score       ").count == 3, "\(result.output)")
        #expect(result.output.contains("  Checks "))
        #expect(result.output.contains("2 recordings scored"))
        #expect(!result.error.contains("\u{1B}[K") && !result.error.contains("░"), "no progress line when standard error is not a terminal")
        let faultyBlock = try #require(result.output.components(separatedBy: "\(faulty.folder.path): Plank").last)
        #expect(faultyBlock.localizedCaseInsensitiveContains("hips"), "the sagging plank's cues name the hips: \(faultyBlock)")

        // JSON: an array of two reports, a frame with landmarks for every image.
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [[String: Any]])
        #expect(reports.count == 2)
        for (report, sequence) in zip(reports, [good, faulty]) {
            #expect(report["exercise"] as? String == "plank" || (report["exercise"] as? [String: Any])?["id"] as? String == "plank")
            let frames = try #require(report["frames"] as? [[String: Any]])
            #expect(frames.count == sequence.frames)
            let posed = frames.compactMap { $0["pose"] as? [String: Any] }
            #expect(posed.count >= sequence.frames * 9 / 10, "a pose in nearly every rendered frame")
            #expect((posed.first?["landmarks"] as? [Any])?.count == 33)
            #expect(report["summary"] is [String: Any] && report["checks"] is [Any])
        }
        // The faulty plank scores lower than the good one.
        let scores = reports.map { ($0["summary"] as? [String: Any])?["score"] as? Int }
        if let goodScore = scores[0], let faultyScore = scores[1] {
            #expect(faultyScore < goodScore, "scores \(scores)")
        }

        // CSV: a header and one row per frame.
        let rows = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 1 + good.frames + faulty.frames)
        #expect(rows.first?.hasPrefix("input,exercise,frame,image,time_s,verdict") == true)

        // HTML: self-contained, with plots (good range, holds) and pictures of the worst frames.
        let page = try String(contentsOf: html, encoding: .utf8)
        for external in ["http://", "https://", "src=\"/", "src=\"file:", "<script", "<link", "@import", "url("] {
            #expect(!page.contains(external), "the page must not load anything: found \(external)")
        }
        #expect(page.components(separatedBy: "<svg").count - 1 >= 4, "plots of the key angles")
        #expect(page.contains("class=\"good\""), "the good range is shaded")
        #expect(page.contains("class=\"rep"), "the holds are marked")
        #expect(page.contains("src=\"data:image/jpeg;base64,"), "the worst frames as pictures")
        #expect(page.contains("id=\"input-1\"") && page.contains("id=\"input-2\""))

        // Annotated frames: one per frame, in a folder per input.
        let folders = try FileManager.default.contentsOfDirectory(atPath: annotated.path).sorted()
        #expect(folders.count == 2, "\(folders)")
        var written = 0
        for folder in folders { written += try Self.frameCount(annotated.appendingPathComponent(folder)) }
        #expect(written == good.frames + faulty.frames)
    }

    @Test func recognisesThePlankAndSaysHowSure() throws {
        try #require(Self.engineIsFast, "needs an optimised build (scripts/test)")
        let good = try Self.sequence("plank")
        let result = try FormcheckProcess.run(["score", good.folder.path, "--exercise", "auto", "--fps", "10"])
        #expect(result.status == 0, "\(result.error)")
        let line = try #require(result.output.split(separator: "\n").first { $0.contains("Recognised") }, "\(result.output)")
        #expect(line.contains("(plank)") && line.contains("% sure"), "\(line)")
    }

    @Test func aVideoIsScoredThroughFFmpeg() throws {
        try #require(Self.engineIsFast, "needs an optimised build (scripts/test)")
        guard let ffmpeg = Self.which("ffmpeg") else { return }
        let good = try Self.sequence("plank")
        let out = try FormcheckProcess.scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        let video = out.appendingPathComponent("plank.mkv")
        let encode = Process()
        encode.executableURL = URL(fileURLWithPath: ffmpeg)
        encode.arguments = ["-loglevel", "error", "-framerate", "10", "-pattern_type", "glob",
                            "-i", good.folder.appendingPathComponent("*.jpg").path, "-c:v", "mjpeg", "-q:v", "3", video.path]
        encode.standardInput = FileHandle.nullDevice
        try encode.run()
        encode.waitUntilExit()
        try #require(encode.terminationStatus == 0)
        let csv = out.appendingPathComponent("frames.csv")
        let result = try FormcheckProcess.run(["score", video.path, "--exercise", "plank", "--csv", csv.path])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("\(video.path): Plank (plank)"))
        let rows = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 1 + good.frames)
    }

    // MARK: Bad inputs

    @Test func aVideoWithoutFFmpegSaysToInstallIt() throws {
        let out = try FormcheckProcess.scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        let video = out.appendingPathComponent("session.mp4")
        try Data("not really a video".utf8).write(to: video)
        let result = try FormcheckProcess.run(["score", video.path, "--exercise", "plank"], environment: ["PATH": out.path])
        #expect(result.status != 0)
        #expect(result.error.contains(video.path) && result.error.contains("ffmpeg"), "\(result.error)")
    }

    @Test func anUnknownExerciseSuggestsTheClosest() throws {
        let result = try FormcheckProcess.run(["score", "/tmp", "--exercise", "plonk"])
        #expect(result.status != 0)
        #expect(result.error.contains("No exercise 'plonk'") && result.error.contains("Did you mean 'plank'?"), "\(result.error)")
    }

    @Test func missingPathsAndEmptyFoldersAreNamedAndFail() throws {
        let out = try FormcheckProcess.scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        let empty = out.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let result = try FormcheckProcess.run(["score", empty.path, "/no/such/folder", "--exercise", "plank"])
        #expect(result.status != 0)
        #expect(result.error.contains("Could not score 2 of 2"), "\(result.error)")
        #expect(result.error.contains(empty.path) && result.error.contains("/no/such/folder"), "\(result.error)")
    }

    @Test func corruptFramesAreSkippedAndNamed() throws {
        try #require(Self.engineIsFast, "needs an optimised build (scripts/test)")
        let good = try Self.sequence("plank")
        let out = try FormcheckProcess.scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        let folder = out.appendingPathComponent("frames")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files = try FileManager.default.contentsOfDirectory(atPath: good.folder.path).filter { $0.hasSuffix(".jpg") }.sorted().prefix(8)
        for file in files {
            try FileManager.default.copyItem(at: good.folder.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        let first = try Data(contentsOf: folder.appendingPathComponent(files[files.startIndex]))
        try first.prefix(first.count / 3).write(to: folder.appendingPathComponent("frame_0002b.jpg"))
        try Data("text".utf8).write(to: folder.appendingPathComponent("frame_0003b.jpg"))
        let csv = out.appendingPathComponent("frames.csv")
        let result = try FormcheckProcess.run(["score", folder.path, "--exercise", "plank", "--csv", csv.path])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("frame_0002b.jpg") || result.error.contains("frame_0002b.jpg"), "\(result.output)\n\(result.error)")
        #expect(result.output.contains("frame_0003b.jpg") || result.error.contains("frame_0003b.jpg"), "\(result.output)\n\(result.error)")
        let rows = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 1 + files.count)
    }

    @Test func anUnwritableReportFailsBeforeAnyWork() throws {
        let result = try FormcheckProcess.run(["score", "/tmp", "--exercise", "plank", "--html", "/no/such/folder/report.html"])
        #expect(result.status != 0)
        #expect(result.error.contains("/no/such/folder/report.html"), "\(result.error)")
        for option in [["--fps", "0"], ["--threads", "0"], ["--worst-frames", "-1"]] {
            let bad = try FormcheckProcess.run(["score", "/tmp", "--exercise", "plank"] + option)
            #expect(bad.status != 0)
            #expect(bad.error.contains(option[0]), "\(bad.error)")
        }
    }

    /// The executable `name` on the PATH, or `nil`.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

extension ScoreCommandTests {
    @Test func aFolderOfSeparatePhotosIsJudgedPhotoByPhoto() throws {
        try #require(Self.engineIsFast, "needs an optimised build (scripts/test)")
        // Three unrelated pictures, named as photos are (no numbered series).
        let out = try FormcheckProcess.scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        let photos = out.appendingPathComponent("photos")
        try FileManager.default.createDirectory(at: photos, withIntermediateDirectories: true)
        for (name, exercise, fault) in [("front.jpg", "plank", "good"), ("sagging.jpg", "plank", "hips_sagging"), ("squat.jpg", "squat", "good")] {
            let sequence = try Self.sequence(exercise, fault: fault == "good" ? nil : fault)
            let frames = try FileManager.default.contentsOfDirectory(atPath: sequence.folder.path).filter { $0.hasSuffix(".jpg") }.sorted()
            try FileManager.default.copyItem(at: sequence.folder.appendingPathComponent(frames[frames.count / 2]),
                                             to: photos.appendingPathComponent(name))
        }
        let json = out.appendingPathComponent("photos.json")
        let result = try FormcheckProcess.run(["score", photos.path, "--exercise", "plank", "--json", json.path])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("  Photos      3:"), "\(result.output)")
        #expect(result.output.contains("separate photos are each judged on their own"), "\(result.output)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["separate_photos"] as? Bool == true && summary["reps"] as? Int == 0 && summary["holds"] as? Int == 0)
        // Forced to be one recording, the same folder is tracked and counted as a recording.
        let recording = try FormcheckProcess.run(["score", photos.path, "--exercise", "plank", "--no-photos"])
        #expect(recording.status == 0 && recording.output.contains("  Frames      3 over"), "\(recording.output)")
    }
}
