/// The schedule of a recording of an exercise motion, frame by frame: settling at rest, then
/// reps (or holds) on given sides, with an optional fault.
///
/// For an exercise with reps (a template with a movement), the figure rests for
/// ``leadInSeconds``, then each rep moves to the target in ``moveSeconds`` (eased), holds it for
/// ``holdSeconds``, moves back and rests for ``restSeconds``. For a hold, each hold is
/// ``restSeconds`` out of position (the motion's rest pose) followed by ``holdSeconds`` in it,
/// and the recording ends out of position again; with ``restSeconds`` 0 the recording is the
/// hold alone. Ground-truth tests turn the steps into landmarks; the renderer into pictures.
public struct MotionTimeline: Sendable {
    /// One frame of the schedule.
    public struct Step: Sendable {
        /// The figure's pose and placement.
        public var frame: ExerciseMotion.Frame
        /// Seconds from the first frame.
        public var seconds: Double
        /// The phase the frame was made in: `setup` while out of position (before a hold),
        /// `rest`, `moving` or `target`.
        public var phase: Phase
        /// How far from rest (0) to the target (1) the pose is.
        public var progress: Double
        /// The side that works.
        public var side: BodySide
        /// The rep or hold the frame belongs to, from 1 (`nil` before the first one starts and
        /// between holds).
        public var rep: Int?
        /// Whether the analysis should report the injected fault in this frame (the fault is
        /// in the pose and the frame is in one of the injection's ``ExerciseMotion/Injection/reportedPhases``).
        public var faultExpected: Bool
    }

    /// The exercise.
    public var motion: ExerciseMotion
    /// Whether the exercise counts reps (its template has a movement) rather than holding.
    public var countsReps: Bool
    /// Reps, or holds.
    public var reps = 3
    /// The side of each rep, in turn.
    public var sides: [BodySide] = [.left]
    /// Frames per second.
    public var fps = 10.0
    /// Seconds from rest to the target (and back).
    public var moveSeconds = 1.2
    /// Seconds at the target of a rep, or in position for a hold.
    public var holdSeconds = 1.5
    /// Seconds at rest after a rep, or out of position before and after a hold.
    public var restSeconds = 1.2
    /// Seconds at rest before the first rep (reps only).
    public var leadInSeconds = 1.7
    /// How far each rep goes (1: to the target).
    public var reach = 1.0
    /// A fault put into the motion at a size.
    public var fault: (ExerciseMotion.Injection, Double)?

    /// The schedule of `motion`, counting reps or holding as `countsReps` says, with the default timing.
    public init(motion: ExerciseMotion, countsReps: Bool) {
        self.motion = motion
        self.countsReps = countsReps
    }

    /// The figure in its working position on the first side, without a fault: at rest for reps,
    /// in the hold for holds. A fixed camera is set up around it.
    public var setUpFrame: ExerciseMotion.Frame {
        motion.frame(progress: countsReps ? 0 : 1, side: sides.first ?? .left)
    }

    /// The frames in order.
    public var steps: [Step] {
        var result: [Step] = []
        var time = 0.0
        let period = 1 / fps
        func expected(_ phase: Phase) -> Bool {
            guard let (injection, _) = fault else { return false }
            return injection.reportedPhases.contains(phase)
        }
        func add(progress: Double, side: BodySide, rep: Int?, phase: Phase, faulty: Bool, seconds: Double) {
            guard seconds > 0 else { return }
            let frame = motion.frame(progress: progress, side: side, fault: faulty ? fault : nil)
            for _ in 0..<max(1, Int((seconds * fps).rounded())) {
                result.append(Step(frame: frame, seconds: time, phase: phase, progress: progress, side: side, rep: rep,
                                   faultExpected: faulty && expected(phase)))
                time += period
            }
        }
        func move(from: Double, to: Double, side: BodySide, rep: Int) {
            let count = max(2, Int((moveSeconds * fps).rounded()))
            for step in 1...count {
                let t = Double(step) / Double(count)
                let eased = t * t * (3 - 2 * t)
                let progress = from + (to - from) * eased
                result.append(Step(frame: motion.frame(progress: progress, side: side, fault: fault), seconds: time,
                                   phase: .moving, progress: progress, side: side, rep: rep,
                                   faultExpected: expected(.moving)))
                time += period
            }
        }
        let first = sides.first ?? .left
        guard countsReps else {
            for index in 0..<reps {
                let side = sides.isEmpty ? first : sides[index % sides.count]
                add(progress: 0, side: side, rep: nil, phase: .setup, faulty: false, seconds: restSeconds)
                add(progress: 1, side: side, rep: index + 1, phase: .target, faulty: true, seconds: holdSeconds)
            }
            add(progress: 0, side: first, rep: nil, phase: .setup, faulty: false, seconds: restSeconds)
            return result
        }
        add(progress: 0, side: first, rep: nil, phase: .rest, faulty: true, seconds: leadInSeconds)
        for index in 0..<reps {
            let side = sides.isEmpty ? first : sides[index % sides.count]
            move(from: 0, to: reach, side: side, rep: index + 1)
            add(progress: reach, side: side, rep: index + 1, phase: reach >= 1 ? .target : .moving, faulty: true,
                seconds: holdSeconds)
            move(from: reach, to: 0, side: side, rep: index + 1)
            add(progress: 0, side: side, rep: index + 1, phase: .rest, faulty: true, seconds: restSeconds)
        }
        return result
    }
}
