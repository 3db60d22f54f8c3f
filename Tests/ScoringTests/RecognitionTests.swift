import Foundation
import Form
import Scoring
import Testing

/// `--exercise auto`: which template a recording shows, on synthetic recordings of every
/// template from Form's posable skeleton.
@Suite struct RecognitionTests {
    static let library: TemplateLibrary = {
        do { return try TemplateLibrary.bundled() } catch { fatalError("bundled templates: \(error)") }
    }()

    /// Whether to run the whole catalog (every view and fault, 10 fps: minutes in a debug build)
    /// rather than each motion's first view and fault at 5 fps: `FORMCHECK_FULL_RECOGNITION=1`.
    static let full = ProcessInfo.processInfo.environment["FORMCHECK_FULL_RECOGNITION"] == "1"

    static let recordings: [SyntheticRecording] = {
        do { return try SyntheticRecording.catalog(library: library, quick: !full) } catch { fatalError("catalog: \(error)") }
    }()

    /// Recognises every recording of the catalog; returns the wrong ones as text.
    static func evaluate(_ recognizer: ExerciseRecognizer) -> (correct: Int, mistakes: [String]) {
        var correct = 0
        var mistakes: [String] = []
        for recording in recordings {
            let frames = recording.frames()
            guard let recognition = try? recognizer.recognize(frames, input: recording.description) else {
                mistakes.append("\(recording): nothing recognised")
                continue
            }
            if recognition.best?.id == recording.motion.id {
                correct += 1
            } else {
                mistakes.append("\(recording) → \(recognition.sentence)")
            }
        }
        return (correct, mistakes)
    }

    @Test func recognisesNearlyEverySyntheticRecording() throws {
        let recognizer = ExerciseRecognizer(library: Self.library)
        let (correct, mistakes) = Self.evaluate(recognizer)
        let accuracy = Double(correct) / Double(Self.recordings.count)
        print("recognition on \(Self.recordings.count) synthetic recordings: \(correct) right (\(Int((accuracy * 100).rounded()))%)")
        for mistake in mistakes { print("  wrong: \(mistake)") }
        #expect(accuracy >= 0.9, "\(mistakes.joined(separator: "\n"))")
    }

    @Test func aGoodSquatIsASquatAndSure() throws {
        let template = try Self.library.template(id: "squat")
        let motion = try #require(MotionCatalog.motion("squat"))
        let recording = SyntheticRecording(motion: motion, template: template, viewpoint: Viewpoint(azimuth: 0, elevation: 0))
        let recognition = try ExerciseRecognizer(library: Self.library)
            .recognize(recording.frames(), input: "squat")
        #expect(recognition.best?.id == "squat")
        #expect(recognition.isSure)
        #expect(abs(recognition.candidates.map(\.probability).reduce(0, +) - 1) < 1e-9)
        #expect(recognition.sentence.hasPrefix("Squat (squat), "))
    }

    @Test func nobodyInAnyFrameIsNotRecognised() {
        let frames = (0..<5).map { PosedFrame(index: $0, seconds: Double($0), image: "\($0)", width: 640, height: 480, landmarks: nil) }
        #expect(throws: ScoringError.self) {
            try ExerciseRecognizer(library: Self.library).recognize(frames, input: "empty")
        }
    }

    /// The posture of the catalog's starting frames is the template's starting position.
    @Test(arguments: MotionCatalog.ids)
    func theStartingPostureIsRecognised(id: String) throws {
        let template = try Self.library.template(id: id)
        let motion = try #require(MotionCatalog.motion(id))
        let frame = motion.frame(progress: template.countsReps ? 0 : 1, side: .left)
        let body = frame.body(SyntheticRecording.skeleton)
        let viewpoint = try #require(motion.views.first)
        let pose = viewpoint.camera(for: body).landmarks(of: body)
        let posture = try #require(PostureEstimate(pose))
        #expect(posture.mostLikely == template.start, "\(id): \(posture.shares)")
    }

    /// Writes every synthetic recording's fits to the JSON file `FORMCHECK_FITS_OUT` names (for
    /// tuning the weights offline); does nothing without it.
    @Test func dumpFitsForTuning() throws {
        guard let path = ProcessInfo.processInfo.environment["FORMCHECK_FITS_OUT"] else { return }
        let recognizer = ExerciseRecognizer(library: Self.library)
        var rows: [[String: Any]] = []
        for recording in Self.recordings {
            let fits = recognizer.fits(recording.frames())
            rows.append(["recording": recording.description, "truth": recording.motion.id,
                         "fits": fits.map { ["id": $0.id, "shares": $0.shares, "specificity": $0.specificity, "reps": $0.reps] as [String: Any] }])
        }
        try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted]).write(to: URL(fileURLWithPath: path))
    }
}
