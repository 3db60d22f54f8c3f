import Foundation
import Form
@testable import Scoring
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

    /// How the catalog's recordings were recognised.
    struct Tally {
        var good = 0, goodFirst = 0, goodInTopTwo = 0
        var faulty = 0, faultyFirst = 0, faultyInTopTwo = 0
        var mistakes: [String] = []
        /// Wrong first choices that the recognizer said it was sure of.
        var sureMistakes: [String] = []
    }

    /// Faults that put the body in another exercise's position, so that being sure of that
    /// exercise is no mistake: a deep stomach hold sunk onto the forearms is a plank on the knees.
    static let faultsThatMakeAnotherExercise: [String: String] = [
        "deep-stomach-hold/back_not_level": "knee-plank",
    ]

    /// Recognises every recording of the catalog.
    static func evaluate(_ recognizer: ExerciseRecognizer) -> Tally {
        var tally = Tally()
        for recording in recordings {
            let isGood = recording.fault == nil
            if isGood { tally.good += 1 } else { tally.faulty += 1 }
            guard let recognition = try? recognizer.recognize(recording.frames(), input: recording.description) else {
                tally.mistakes.append("\(recording): nothing recognised")
                continue
            }
            let rank = recognition.candidates.firstIndex { $0.id == recording.motion.id }
            if rank == 0 {
                if isGood { tally.goodFirst += 1 } else { tally.faultyFirst += 1 }
            } else {
                tally.mistakes.append("\(recording) → \(recognition.sentence)")
                let lookAlike = recording.fault.flatMap { Self.faultsThatMakeAnotherExercise["\(recording.motion.id)/\($0.0.fault)"] }
                if recognition.isSure, recognition.best?.id != lookAlike {
                    tally.sureMistakes.append("\(recording) → \(recognition.sentence)")
                }
            }
            if let rank, rank < 2 {
                if isGood { tally.goodInTopTwo += 1 } else { tally.faultyInTopTwo += 1 }
            }
        }
        return tally
    }

    /// Good form is recognised; a fault may make one exercise look like its neighbour (knee-to-chest
    /// with the other leg lifted is a double knee hug; a side plank sagging to the floor is a
    /// plank), so a faulty recording needs its exercise first in most cases and among the two
    /// likeliest in nearly all. When the first choice is wrong, the recognizer must say it is not
    /// sure (so the user is told to name the exercise).
    @Test func recognisesNearlyEverySyntheticRecording() throws {
        let recognizer = ExerciseRecognizer(library: Self.library)
        let tally = Self.evaluate(recognizer)
        print("recognition on \(Self.recordings.count) synthetic recordings: good form \(tally.goodFirst)/\(tally.good) first, "
              + "\(tally.goodInTopTwo)/\(tally.good) in the top two; with a fault \(tally.faultyFirst)/\(tally.faulty) first, "
              + "\(tally.faultyInTopTwo)/\(tally.faulty) in the top two")
        for mistake in tally.mistakes { print("  wrong: \(mistake)") }
        let details = tally.mistakes.joined(separator: "\n")
        #expect(Double(tally.goodFirst) >= 0.9 * Double(tally.good), "\(details)")
        #expect(tally.goodInTopTwo == tally.good, "\(details)")
        #expect(Double(tally.faultyFirst) >= 0.7 * Double(tally.faulty), "\(details)")
        #expect(Double(tally.faultyInTopTwo) >= 0.9 * Double(tally.faulty), "\(details)")
        #expect(tally.sureMistakes.isEmpty, "wrong but sure:\n\(tally.sureMistakes.joined(separator: "\n"))")
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

extension RecognitionTests {
    @Test("stillness is local: holds with a rest between them are still, reps are not")
    func stillnessIsLocal() {
        let key = MeasureUnit.degrees.rawValue + "hip_off_shoulder_ankle_line"
        // 10 s held at 5°, 5 s resting at -30° (on the floor), 10 s held again, at 10 fps.
        let holds = (0..<250).map { i -> (seconds: Double, value: Double) in
            let t = Double(i) / 10
            return (t, (10..<15).contains(t) ? -30 : 5 + sin(t * 3))
        }
        // Reps: the measure swings by 60° every 2 s.
        let reps = (0..<250).map { i -> (seconds: Double, value: Double) in
            let t = Double(i) / 10
            return (t, 30 * sin(t * .pi))
        }
        #expect(TemplateFit.stillness([key: holds]) > 0.9)
        #expect(TemplateFit.stillness([key: reps]) < 0.2)
    }
}

extension RecognitionTests {
    @Test("separate photos: no movement or hold is expected of them")
    func photosCarryNoTimeEvidence() throws {
        let template = try Self.library.template(id: "bridge")
        let motion = try #require(MotionCatalog.motion("bridge"))
        let frames = try SyntheticRecording(motion: motion, template: template, viewpoint: Viewpoint(azimuth: 0, elevation: 10)).frames()
        // A handful of stills of the held bridge, as a folder of photos of it would give.
        let analyzer = FormAnalyzer(template: template)
        let held = frames.filter { frame in frame.landmarks.map { analyzer.analyze($0).phase == .target } ?? false }
        try #require(held.count >= 6)
        let stills = stride(from: 0, to: held.count, by: held.count / 6).map { held[$0] }
        var options = SessionOptions()
        options.separatePhotos = true
        let postures = stills.map { $0.landmarks.flatMap { PostureEstimate($0) } }
        let fit = TemplateFit(template: template, frames: stills, postures: postures, options: options)
        #expect(fit.motion == 1 && fit.hold == 1 && fit.reps == 0)
        let recognition = ExerciseRecognizer(library: Self.library, options: options).recognition(
            from: Self.library.templates.map { TemplateFit(template: $0, frames: stills, postures: postures, options: options) })
        #expect(recognition.best?.id == "bridge", "\(recognition.sentence)")
    }
}
