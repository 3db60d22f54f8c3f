import Form
import Foundation
import Imaging
import Testing
@testable import Mannequin

/// The committed `SampleFrames` folder: complete, consistent with the templates, what the code
/// renders now, under its size budget, and checked with our pose pipeline (bit-identical to
/// MediaPipe's BlazePose).
@Suite("Committed sample frames")
struct SampleFramesTests {
    /// The repository's `SampleFrames` folder.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleFrames")
    static let library: TemplateLibrary? = try? TemplateLibrary.bundled()

    /// (exercise, sequence) of every folder holding a truth.json.
    static var sequences: [(String, String)] {
        let files = FileManager.default
        let exercises = ((try? files.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        return exercises.flatMap { exercise -> [(String, String)] in
            let names = ((try? files.contentsOfDirectory(atPath: folder.appendingPathComponent(exercise).path)) ?? []).sorted()
            return names.filter { files.fileExists(atPath: folder.appendingPathComponent("\(exercise)/\($0)/truth.json").path) }
                .map { (exercise, $0) }
        }
    }

    static func truth(_ exercise: String, _ sequence: String) throws -> SampleTruth {
        let url = folder.appendingPathComponent("\(exercise)/\(sequence)/truth.json")
        return try SampleTruth.decode(try Data(contentsOf: url), source: url.path)
    }

    static func frames(_ exercise: String, _ sequence: String) -> [String] {
        let path = folder.appendingPathComponent("\(exercise)/\(sequence)").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".jpg") }.sorted()
    }

    @Test("every template has a good sequence and every fault of its motion; every folder is a template's fault")
    func complete() throws {
        let library = try #require(Self.library)
        let found = Self.sequences
        #expect(!found.isEmpty, "no sample frames in \(Self.folder.path); make them with `formcheck render --samples SampleFrames`")
        for template in library.templates {
            let names = Set(found.filter { $0.0 == template.id }.map(\.1))
            let motion = try #require(MotionCatalog.motion(template.id))
            #expect(names == Set(["good"] + motion.faults.map(\.fault)), "\(template.id): \(names.sorted())")
        }
        for (exercise, sequence) in found {
            let template = try library.template(id: exercise)
            #expect(sequence == "good" || template.fault(sequence) != nil, "\(exercise)/\(sequence): not a fault of the template")
        }
    }

    @Test("truth files match their folders, their frames and the templates")
    func truthFiles() throws {
        let library = try #require(Self.library)
        for (exercise, sequence) in Self.sequences {
            let truth = try Self.truth(exercise, sequence)
            let template = try library.template(id: exercise)
            #expect(truth.exercise == exercise && truth.sequence == sequence)
            #expect(truth.fault?.id == (sequence == "good" ? nil : sequence))
            let files = Self.frames(exercise, sequence)
            #expect(files == truth.frames.map(\.file), "\(exercise)/\(sequence): the frames on disk differ from the truth's")
            let seconds = Double(truth.frames.count) / truth.fps
            #expect(truth.fps == 10 && seconds >= 2.95 && seconds <= 6.05, "\(exercise)/\(sequence): \(seconds) s")
            #expect(truth.width == 640 && truth.height == 480)
            #expect(template.countsReps ? truth.expected.reps >= 1 : truth.expected.holds == 1)
            #expect(truth.frames.allSatisfy { $0.landmarks.count == BodyLandmark.count })
            if let fault = truth.fault { #expect(truth.frames.contains { $0.faultExpected }, "\(exercise)/\(fault.id): no faulty frame") }
        }
    }

    @Test("the truth files are what the code makes now (render again after changing a motion or the plan)")
    func truthUpToDate() throws {
        let library = try #require(Self.library)
        for (exercise, sequence) in Self.sequences {
            let sample = try SampleSequence(template: library.template(id: exercise), fault: sequence == "good" ? nil : sequence)
            let fresh = SampleTruth(sample, source: try Self.truth(exercise, sequence).source)
            #expect(fresh == (try Self.truth(exercise, sequence)), "\(exercise)/\(sequence) is stale: run `formcheck render --samples SampleFrames`")
        }
    }

    @Test("the frames are 640 × 480 JPEGs of what the renderer draws now", arguments: MotionCatalog.ids)
    func framesUpToDate(exercise: String) throws {
        let template = try #require(Self.library).template(id: exercise)
        let sample = try SampleSequence(template: template)
        let files = Self.frames(exercise, "good")
        let index = sample.steps.count / 2
        try #require(files.count == sample.steps.count)
        let stored = try ImageFile.load(path: Self.folder.appendingPathComponent("\(exercise)/good/\(files[index])").path)
        #expect(stored.width == 640 && stored.height == 480)
        let fresh = try JPEG.decode(try JPEG.encode(sample.picture(index), quality: SampleWriter.sampleQuality))
        var difference = 0
        for (a, b) in zip(stored.pixels, fresh.pixels) { difference += abs(Int(a) - Int(b)) }
        let mean = Double(difference) / Double(stored.pixels.count)
        // Builds for another CPU may round a few shading values differently; a change to the
        // figure or the room moves far more.
        #expect(mean < 1.5, "\(exercise): frame \(index) differs from a fresh render by \(mean) levels on average")
    }

    @Test("the folder stays under 40 MB")
    func size() throws {
        var bytes = 0
        let enumerator = FileManager.default.enumerator(at: Self.folder.resolvingSymlinksInPath(), includingPropertiesForKeys: [.fileSizeKey])
        while let url = enumerator?.nextObject() as? URL {
            bytes += (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        }
        #expect(bytes > 1_000_000 && bytes < 40_000_000, "\(bytes) bytes")
    }

    /// The stored summary of `formcheck pose --video` on the sample frames
    /// (`SampleFrames/poses.json`, made by `SampleFrames/check_pose.py`).
    struct PoseSummary: Decodable {
        struct Sequence: Decodable {
            var exercise: String
            var sequence: String
            var frames: Int
            var found: Int
            var medianPx: Double?
            var landmarks: [[[Double]]?]
        }
        var command: String
        var sequences: [Sequence]
    }

    @Test("the pose pipeline found the figure in every frame of the stored results, with its landmarks near the true joints")
    func poses() throws {
        let url = Self.folder.appendingPathComponent("poses.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let summary = try decoder.decode(PoseSummary.self, from: try Data(contentsOf: url))
        #expect(summary.command.contains("check_pose.py"))
        let stored = Dictionary(uniqueKeysWithValues: summary.sequences.map { ("\($0.exercise)/\($0.sequence)", $0) })
        var errors: [Double] = []
        var found = 0, frames = 0
        for (exercise, sequence) in Self.sequences {
            let entry = try #require(stored["\(exercise)/\(sequence)"], "\(exercise)/\(sequence) is missing from poses.json")
            let truth = try Self.truth(exercise, sequence)
            #expect(entry.frames == truth.frames.count && entry.landmarks.count == truth.frames.count,
                    "\(exercise)/\(sequence): results for \(entry.frames) frames, the truth has \(truth.frames.count)")
            var own: [Double] = []
            for (expected, seen) in zip(truth.frames, entry.landmarks) {
                frames += 1
                guard let seen else { continue }
                found += 1
                for (t, m) in zip(expected.landmarks, seen) where t[2] > 0.9 {
                    own.append(((t[0] - m[0]) * (t[0] - m[0]) + (t[1] - m[1]) * (t[1] - m[1])).squareRoot())
                }
            }
            try #require(!own.isEmpty, "\(exercise)/\(sequence): no landmarks found")
            let median = own.sorted()[own.count / 2]
            #expect(abs(median - (entry.medianPx ?? -1)) < 0.2, "\(exercise)/\(sequence): stored median \(entry.medianPx ?? -1), recomputed \(median)")
            #expect(median < 20, "\(exercise)/\(sequence): median landmark error \(median) px")
            errors += own
        }
        // Every frame found, and the landmarks the figure shows lie near the true joints.
        #expect(found == frames, "found in \(found) of \(frames) frames")
        let sorted = errors.sorted()
        #expect(sorted[sorted.count / 2] < 12, "median landmark error \(sorted[sorted.count / 2]) px")
    }
}
