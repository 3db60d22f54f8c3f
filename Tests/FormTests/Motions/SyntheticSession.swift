import Foundation
@testable import Form

/// A whole synthetic recording of an exercise: settling at rest, reps (or holds) on given
/// sides, with an optional fault, filmed with an ``Observation``.
struct SyntheticSession {
    var motion: ExerciseMotion
    var template: ExerciseTemplate
    var observation: Observation
    var reps = 3
    /// The side of each rep, in turn.
    var sides: [BodySide] = [.left]
    var fps = 10.0
    var moveSeconds = 1.2
    var holdSeconds = 1.5
    var restSeconds = 1.2
    var fault: (ExerciseMotion.Injection, Double)?
    /// How far each rep goes (1: to the target).
    var reach = 1.0
    var seed: UInt64 = 7

    static let skeleton = Skeleton()

    /// The frames: landmarks and seconds.
    func frames() -> [(pose: PoseLandmarks, seconds: Double)] {
        var random = SeededRandom(seed: seed)
        var result: [(PoseLandmarks, Double)] = []
        var time = 0.0
        // One camera for the whole recording, set up around the figure in its working position.
        let setUp = template.movement == nil ? motion.frame(progress: 1, side: sides[0]) : motion.frame(progress: 0, side: sides[0])
        let camera = observation.camera(for: setUp.body(Self.skeleton))
        func add(_ frame: ExerciseMotion.Frame, seconds: Double) {
            let count = max(1, Int((seconds * fps).rounded()))
            let body = frame.body(Self.skeleton)
            for _ in 0..<count {
                result.append((observation.landmarks(of: body, camera: camera, random: &random), time))
                time += 1 / fps
            }
        }
        func move(from: Double, to: Double, side: BodySide) {
            let count = max(2, Int((moveSeconds * fps).rounded()))
            for step in 1...count {
                let t = Double(step) / Double(count)
                let eased = t * t * (3 - 2 * t)
                let frame = motion.frame(progress: from + (to - from) * eased, side: side, fault: fault)
                let body = frame.body(Self.skeleton)
                result.append((observation.landmarks(of: body, camera: camera, random: &random), time))
                time += 1 / fps
            }
        }
        if template.movement == nil {
            // Holds: get into position (out of it), hold, get up again.
            for index in 0..<reps {
                let side = sides[index % sides.count]
                add(motion.frame(progress: 0, side: side), seconds: restSeconds)
                add(motion.frame(progress: 1, side: side, fault: fault), seconds: holdSeconds)
            }
            add(motion.frame(progress: 0, side: sides[0]), seconds: restSeconds)
            return result
        }
        add(motion.frame(progress: 0, side: sides[0], fault: fault), seconds: restSeconds + 0.5)
        for index in 0..<reps {
            let side = sides[index % sides.count]
            move(from: 0, to: reach, side: side)
            add(motion.frame(progress: reach, side: side, fault: fault), seconds: holdSeconds)
            move(from: reach, to: 0, side: side)
            add(motion.frame(progress: 0, side: side, fault: fault), seconds: restSeconds)
        }
        return result
    }

    /// The frames run through a session, with each frame's analysis.
    func run() throws -> (session: Session, analyses: [FrameAnalysis]) {
        var session = try Session(template: template, options: SessionOptions(framesPerSecond: fps))
        var analyses: [FrameAnalysis] = []
        for frame in frames() {
            analyses.append(session.add(frame.pose, atSeconds: frame.seconds))
        }
        session.finish()
        return (session, analyses)
    }
}
