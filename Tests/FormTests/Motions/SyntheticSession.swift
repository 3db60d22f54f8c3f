import Foundation
@testable import Form
import TestSupport

/// A whole synthetic recording of an exercise: the ``MotionTimeline`` of a motion (settling at
/// rest, reps or holds on given sides, an optional fault), filmed with an ``Observation``.
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

    /// The schedule of the recording.
    var timeline: MotionTimeline {
        var timeline = MotionTimeline(motion: motion, countsReps: template.countsReps)
        timeline.reps = reps
        timeline.sides = sides
        timeline.fps = fps
        timeline.moveSeconds = moveSeconds
        timeline.holdSeconds = holdSeconds
        timeline.restSeconds = restSeconds
        timeline.leadInSeconds = restSeconds + 0.5
        timeline.reach = reach
        timeline.fault = fault
        return timeline
    }

    /// The frames: landmarks and seconds.
    func frames() -> [(pose: PoseLandmarks, seconds: Double)] {
        var random = SeededRandom(seed: seed)
        let timeline = timeline
        // One camera for the whole recording, set up around the figure in its working position.
        let camera = observation.camera(for: timeline.setUpFrame.body(Self.skeleton))
        return timeline.steps.map { step in
            (observation.landmarks(of: step.frame.body(Self.skeleton), camera: camera, random: &random), step.seconds)
        }
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
