import Testing
@testable import Form
import TestSupport

/// Per-frame verdicts: unseen cues, cue order, hysteresis of faults, phases and sides.
@Suite("Per-frame analysis")
struct AnalyzerTests {
    static let library = MotionCatalog.library

    /// The squat motion's landmarks at `progress` (0 standing, 1 bottom), from `observation`.
    static func squat(_ progress: Double, _ observation: Observation = Observation(azimuth: 0, elevation: 0),
                      edit: (inout SkeletonPose) -> Void = { _ in }) -> PoseLandmarks {
        var frame = UprightMotions.squat.frame(progress: progress, side: .left)
        edit(&frame.pose)
        var random = SeededRandom(seed: 2)
        return observation.landmarks(of: frame.body(Skeleton()), random: &random)
    }

    @Test("no person: unseen, and a cue to step into the picture")
    func nobody() throws {
        let analyzer = FormAnalyzer(template: try #require(Self.library).template(id: "squat"))
        let analysis = analyzer.analyze(nil)
        #expect(analysis.verdict == .unseen && analysis.phase == nil)
        #expect(analysis.cues.map(\.text) == ["I can't see you — step into the picture so your whole body is in view."])
    }

    @Test("landmarks outside the picture: move the camera back")
    func outOfFrame() throws {
        let analyzer = FormAnalyzer(template: try #require(Self.library).template(id: "squat"))
        var pose = Self.squat(1)
        for landmark in [BodyLandmark.leftKnee, .rightKnee, .leftAnkle, .rightAnkle] {
            pose[landmark].y = pose.imageHeight + 50
            pose[landmark].visibility = 0.05
        }
        let analysis = analyzer.analyze(pose)
        #expect(analysis.verdict == .unseen)
        #expect(analysis.cues.first?.text == "I can't see your knees and feet — move the camera back so your whole body is in the picture.")
    }

    @Test("hidden but in the picture: keep them in view")
    func hidden() throws {
        let analyzer = FormAnalyzer(template: try #require(Self.library).template(id: "squat"))
        var observation = Observation(azimuth: 0, elevation: 0)
        observation.hidden = [.leftKnee, .rightKnee]
        let analysis = analyzer.analyze(Self.squat(1, observation))
        #expect(analysis.verdict == .unseen)
        #expect(analysis.cues.first?.text.hasPrefix("I can't see your knees") == true && analysis.cues.first?.text.contains("clearly") == true, "\(analysis.cues.map(\.text))")
        #expect(analysis.measures.first { $0.name == "knee_angle.mean" }?.measurement.hidden.contains(.leftKnee) == true)
    }

    @Test("a side-view check in a front view, image only: turn side-on")
    func wrongView() throws {
        let analyzer = FormAnalyzer(template: try #require(Self.library).template(id: "squat"))
        let analysis = analyzer.analyze(Self.squat(1, Observation(azimuth: 90, elevation: 0, world: false)))
        #expect(analysis.verdict == .unseen)
        #expect(analysis.cues.first?.text == "I can't judge this from here — turn so the camera sees you from the side.")
    }

    @Test("cues come most severe first")
    func cueOrder() throws {
        let template = try #require(Self.library).template(id: "plank")
        var frame = UprightMotions.plank.target
        frame.pose.trunkFlexion = -45      // hips sagging: high
        frame.pose.headFlexion = 60        // head dropped: low
        var random = SeededRandom(seed: 1)
        let pose = Observation(azimuth: 0).landmarks(of: frame.body(Skeleton()), random: &random)
        let analysis = FormAnalyzer(template: template).analyze(pose)
        #expect(analysis.verdict == .fault)
        #expect(analysis.faults == ["hips_sagging", "head_dropped"])
        #expect(analysis.cues.map(\.severity) == [.high, .low])
        #expect(analysis.worstSeverity == .high)
    }

    @Test("a fault needs the tolerance to be raised and the good range to be cleared")
    func faultHysteresis() throws {
        let template = try #require(Self.library).template(id: "squat")
        let analyzer = FormAnalyzer(template: template)
        // Trunk at 33° from the floor: under the good 35° but inside the 5° tolerance.
        func lean(_ degrees: Double) -> PoseLandmarks { Self.squat(1) { $0.trunkLean = 90 - degrees } }
        var state = AnalysisState()
        #expect(analyzer.analyze(lean(33), state: &state).faults.isEmpty)
        #expect(analyzer.analyze(lean(28), state: &state).faults == ["leaning_forward"])
        #expect(analyzer.analyze(lean(33), state: &state).faults == ["leaning_forward"], "stays raised inside the tolerance")
        #expect(analyzer.analyze(lean(37), state: &state).faults.isEmpty, "clears inside the good range")
    }

    @Test("phases have hysteresis")
    func phases() throws {
        let library = try #require(Self.library)
        let movement = try #require(try library.template(id: "squat").movement)
        // Rest at 155°, target at 115°, hysteresis 8 (knee angle falls toward the target).
        #expect(FormAnalyzer.phase(of: 170, movement: movement, previous: nil) == .rest)
        #expect(FormAnalyzer.phase(of: 150, movement: movement, previous: nil) == .moving)
        #expect(FormAnalyzer.phase(of: 150, movement: movement, previous: .rest) == .rest)
        #expect(FormAnalyzer.phase(of: 146, movement: movement, previous: .rest) == .moving)
        #expect(FormAnalyzer.phase(of: 110, movement: movement, previous: .moving) == .target)
        #expect(FormAnalyzer.phase(of: 120, movement: movement, previous: .target) == .target)
        #expect(FormAnalyzer.phase(of: 124, movement: movement, previous: .target) == .moving)
    }

    @Test("the working side changes only when the other side leads by the margin")
    func workingSide() throws {
        let template = try #require(Self.library).template(id: "heel-slide")
        let analyzer = FormAnalyzer(template: template)
        func slide(left: Double, right: Double) -> PoseLandmarks {
            var pose = SkeletonPose()
            BasePoses.setLeg(&pose, .left, hip: left / 2, knee: left)
            BasePoses.setLeg(&pose, .right, hip: right / 2, knee: right)
            var random = SeededRandom(seed: 1)
            return Observation(azimuth: 90, elevation: 30).landmarks(of: Skeleton().place(pose, BasePoses.supine), random: &random)
        }
        var state = AnalysisState()
        #expect(analyzer.analyze(slide(left: 60, right: 0), state: &state).workingSide == .left)
        #expect(analyzer.analyze(slide(left: 50, right: 60), state: &state).workingSide == .left, "10° lead is within the 15° margin")
        #expect(analyzer.analyze(slide(left: 20, right: 60), state: &state).workingSide == .right)
    }

    @Test("out of position: the position cue, no checks")
    func outOfPosition() throws {
        let template = try #require(Self.library).template(id: "plank")
        var random = SeededRandom(seed: 1)
        let standing = Observation(azimuth: 0, distance: 5).landmarks(of: Skeleton().place(SkeletonPose(), Placement(.standing)), random: &random)
        let analysis = FormAnalyzer(template: template).analyze(standing)
        #expect(analysis.phase == .setup && analysis.verdict == .fault)
        #expect(analysis.faults == ["out_of_position"])
        #expect(analysis.cues.first?.kind == .position && analysis.cues.first?.severity == .low)
    }
}

extension AnalyzerTests {
    /// The landmarks of `motion` at `progress`, seen from the side.
    static func landmarks(_ motion: ExerciseMotion, _ progress: Double, seed: UInt64 = 3) -> PoseLandmarks {
        let frame = motion.frame(progress: progress, side: .left)
        var random = SeededRandom(seed: seed)
        return Observation(azimuth: 0, elevation: 10).landmarks(of: frame.body(Skeleton()), random: &random)
    }

    @Test("on all fours for an exercise on the back: out of position, whatever the measures say")
    func wrongPosture() throws {
        let library = try #require(Self.library)
        let allFours = Self.landmarks(AllFoursMotions.deepStomachHold, 1)
        // The pelvic tilt's own gate (a flat trunk) passes on all fours; the posture does not.
        let analysis = FormAnalyzer(template: try library.template(id: "pelvic-tilt")).analyze(allFours)
        #expect(analysis.phase == .setup && analysis.faults == [TemplateLoader.outOfPositionFault], "\(analysis.faults)")
        #expect(analysis.cues.first?.text.contains("lie on your back") == true, "\(analysis.cues.map(\.text))")
        // The same pose is in position for an exercise on all fours.
        let hold = FormAnalyzer(template: try library.template(id: "deep-stomach-hold")).analyze(allFours)
        #expect(hold.phase == .target && hold.verdict == .good, "\(hold.faults)")
    }

    @Test("in a stream, one frame in another posture does not take the person out of position")
    func postureGlitch() throws {
        let library = try #require(Self.library)
        let analyzer = FormAnalyzer(template: try library.template(id: "pelvic-tilt"))
        let lying = Self.landmarks(LyingMotions.pelvicTilt, 1), allFours = Self.landmarks(AllFoursMotions.deepStomachHold, 1)
        var state = AnalysisState()
        for _ in 0..<5 { #expect(analyzer.analyze(lying, state: &state).phase != .setup) }
        #expect(analyzer.analyze(allFours, state: &state).phase != .setup, "one odd frame")
        #expect(analyzer.analyze(lying, state: &state).phase != .setup)
        let phases = (0..<4).map { _ in analyzer.analyze(allFours, state: &state).phase }
        #expect(phases.last == .setup, "several frames on all fours: \(phases)")
    }
}

extension AnalyzerTests {
    @Test("a relative movement is measured from the person's own resting value")
    func relativeMovement() throws {
        let library = try #require(Self.library)
        let movement = try #require(try library.template(id: "heel-raise").movement)
        #expect(movement.relativeToRest)
        // Standing at 100° (the template's absolute thresholds would never see a rise), then up to 112°.
        var baseline: Double?
        var phases: [Phase] = []
        var previous: Phase?
        for value in [100.0, 100.5, 99.5, 100, 104, 108, 112, 112, 108, 103, 100, 100] {
            let rest = FormAnalyzer.baseline(baseline, value: value, movement: movement, previous: previous)
            baseline = rest
            let phase = FormAnalyzer.phase(of: value - rest, movement: movement, previous: previous)
            phases.append(phase)
            previous = phase
        }
        #expect(phases.first == .rest && phases.contains(.target) && phases.last == .rest, "\(phases)")
        #expect(abs((baseline ?? 0) - 100) < 1.5, "the resting value stays near 100°: \(baseline ?? 0)")
    }
}
