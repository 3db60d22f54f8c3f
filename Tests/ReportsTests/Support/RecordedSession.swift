import Form
import Scoring

/// Scored sessions of Form's posable skeleton doing an exercise, seen by a fixed camera, for
/// report tests: exact landmarks, no picture.
enum RecordedSession {
    static let library: TemplateLibrary = {
        do { return try TemplateLibrary.bundled() } catch { fatalError("bundled templates: \(error)") }
    }()

    /// The frames of `exercise` (in good form, or with `fault` at its clearest size), `reps`
    /// reps or holds at `fps`, seen from the motion's first view.
    static func frames(_ exercise: String, fault: String? = nil, reps: Int = 2, fps: Double = 10,
                       imageName: (Int) -> String = { "frame_\($0).jpg" }) throws -> [PosedFrame] {
        let template = try library.template(id: exercise)
        guard let motion = MotionCatalog.motion(exercise), let view = motion.views.first else {
            throw FormError.unknownExercise(id: exercise, available: MotionCatalog.ids)
        }
        var timeline = MotionTimeline(motion: motion, countsReps: template.countsReps)
        if let hold = template.prescription.holdSeconds { timeline.holdSeconds = hold.minimum + 0.5 }
        timeline.reps = reps
        timeline.fps = fps
        if let fault, let injection = motion.injection(fault), let size = injection.clearestSize {
            timeline.fault = (injection, size)
        }
        let skeleton = Skeleton()
        let camera = view.camera(for: timeline.setUpFrame.body(skeleton), imageWidth: 640, imageHeight: 480)
        return timeline.steps.enumerated().map { index, step in
            PosedFrame(index: index, seconds: step.seconds, image: imageName(index), width: 640, height: 480,
                       landmarks: camera.landmarks(of: step.frame.body(skeleton)))
        }
    }

    /// Those frames scored as `exercise`, under the input name `input`.
    static func scored(_ exercise: String, fault: String? = nil, input: String = "recording", reps: Int = 2) throws -> ScoredSession {
        let frames = try frames(exercise, fault: fault, reps: reps)
        let track = PoseTrack(input: input, framesPerSecond: 10, frames: frames)
        return try ScoredSession.scoring(track, template: library.template(id: exercise),
                                         options: SessionOptions(framesPerSecond: 10))
    }
}
