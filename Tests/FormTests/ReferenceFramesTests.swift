import Foundation
import Testing
@testable import Form

/// MediaPipe's landmarks on real photos (`/work/shared/frames`), against the quick form labels
/// of the manifest. Skips when the shared folder is absent. It reports agreement; it asserts
/// only what must hold on any real data (no crash, no verdict on a frame with no person, a
/// high agreement on the frames labelled good), not a tuned result per photo.
@Suite("Real photos (MediaPipe reference landmarks)")
struct ReferenceFramesTests {
    static let root = URL(fileURLWithPath: "/work/shared/frames")
    static var available: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("MANIFEST.tsv").path) }

    /// The template for each exercise folder of the manifest (folders without one are skipped).
    static let templateFor: [String: String] = [
        "plank": "plank", "side_plank": "side-plank", "bridge": "bridge", "pelvic_tilt": "pelvic-tilt",
        "cat_cow": "cat-cow", "childs_pose": "childs-pose", "knee_to_chest": "knee-to-chest", "crunch": "abdominal-crunch",
        "dead_bug": "dead-bug", "squat": "squat", "bird_dog": "bird-dog", "cobra": "cobra",
    ]

    struct Row {
        var path: String
        var exercise: String
        var view: String
        var label: String
        var reference: URL
    }

    static func rows() throws -> [Row] {
        let text = try String(contentsOf: root.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)
        var byImage: [String: URL] = [:]
        let folder = root.appendingPathComponent("reference/image")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".json") {
            let url = folder.appendingPathComponent(name)
            if let frame = try PoseRecording.load(url).first, let image = frame.image { byImage[image] = url }
        }
        // The manifest has Windows line ends ("\r\n" is one Character in Swift).
        return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 8, let reference = byImage[fields[0]] else { return nil }
            return Row(path: fields[0], exercise: fields[1], view: fields[6], label: fields[7], reference: reference)
        }
    }

    @Test("verdicts against the manifest's labels", .enabled(if: available))
    func agreement() throws {
        let library = try TemplateLibrary.bundled()
        var goodTotal = 0, goodAgree = 0, badTotal = 0, badAgree = 0, unseen = 0
        var lines: [String] = []
        for row in try Self.rows() {
            guard let id = Self.templateFor[row.exercise] else { continue }
            let template = try library.template(id: id)
            guard let frame = try PoseRecording.load(row.reference).first else { continue }
            let analysis = FormAnalyzer(template: template).analyze(frame.pose)
            if frame.pose == nil { #expect(analysis.verdict == .unseen) }
            let measures = analysis.measures.map { "\($0.name)=\($0.measurement.value.map { String(format: "%.2f", $0) } ?? "-")\($0.measurement.isTrusted ? "" : "?")" }
            lines.append("\(row.path) [\(row.view), \(row.label)] \(id): \(analysis.verdict.rawValue) \(analysis.faults) phase=\(analysis.phase?.rawValue ?? "-") \(measures.joined(separator: " "))\(analysis.verdict == .unseen ? " CUE: " + (analysis.cues.first?.text ?? "") : "")")
            if analysis.verdict == .unseen { unseen += 1 }
            if row.label == "good" {
                goodTotal += 1
                if analysis.verdict == .good { goodAgree += 1 }
            } else if row.label.hasPrefix("bad:") {
                badTotal += 1
                if analysis.faults.contains(String(row.label.dropFirst(4))) { badAgree += 1 }
            }
        }
        print(lines.joined(separator: "\n"))
        print("REFERENCE: good frames judged good \(goodAgree)/\(goodTotal); bad frames with the labelled fault \(badAgree)/\(badTotal); unseen \(unseen)")
        // A guard against regressions on real data, not a target tuned photo by photo: most
        // frames a person called good must not be called faulty.
        #expect(goodTotal > 100 && Double(goodAgree) >= 0.8 * Double(goodTotal))
    }
}

extension ReferenceFramesTests {
    /// The video sequences of the reference (MediaPipe in video mode), with their real frame rates.
    /// Each sequence with its frame rate and the reps (or holds) a person counts in it by eye.
    static let sequences: [(folder: String, exercise: String, fps: Double, counted: ClosedRange<Int>)] = [
        ("hans_glute-bridges", "bridge", 15, 2...3), ("malik_kneetochest", "knee-to-chest", 15, 1...1),
        ("chloe_bird-dog", "bird-dog", 12, 0...1), ("pose_squats", "squat", 10, 2...3),
    ]

    @Test("video sequences: reps and holds", .enabled(if: available))
    func sequences() throws {
        let library = try TemplateLibrary.bundled()
        for sequence in Self.sequences {
            let folder = Self.root.appendingPathComponent("reference/video/\(sequence.folder)")
            let recording = try PoseRecording.load(folder)
            let analysis = try RecordingAnalysis(recording: recording, template: try library.template(id: sequence.exercise),
                                                 options: SessionOptions(framesPerSecond: sequence.fps))
            let summary = analysis.session.summary
            let phases = analysis.frames.map { $0.analysis.phase.map { String($0.rawValue.prefix(1)) } ?? "?" }.joined()
            let values = analysis.frames.map { $0.analysis.movementValue.map { String(Int($0.rounded())) } ?? "-" }
            print("SEQUENCE \(sequence.folder): \(summary.lines.prefix(5).joined(separator: " | "))")
            print("  phases \(phases)")
            print("  values \(values.joined(separator: " "))")
            let counted = analysis.session.template.countsReps ? summary.reps : summary.holds
            #expect(sequence.counted.contains(counted), "\(sequence.folder): \(counted)")
            for rep in analysis.session.reps {
                print("  rep \(rep.number) complete=\(rep.complete) side=\(rep.side?.rawValue ?? "-") \(String(format: "%.1f–%.1f s held %.1f", rep.startSeconds, rep.endSeconds, rep.heldSeconds)) faults=\(rep.faults) score=\(rep.score)")
            }
        }
    }
}
