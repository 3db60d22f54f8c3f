@testable import Form

/// A synthetic exercise for ground-truth tests: the figure's pose along one rep (or hold),
/// and the faults that can be put into it at several sizes.
///
/// Poses are written for the left side working; the right side is the mirror image.
struct ExerciseMotion: Sendable {
    /// How a fault is put into the motion.
    struct Injection: Sendable {
        /// The fault id the analysis must report.
        var fault: String
        /// Sizes (in the units of `apply`), all of which must be detected.
        var sizes: [Double]
        /// Whether the fault is in every frame of the rep (else only toward the target).
        var throughout = false
        /// The phases in which the fault must be reported (default: the target; with
        /// `throughout`, every phase in position).
        var phases: Set<Phase>?
        /// The views from which it can be seen (`nil`: the motion's own views).
        var views: [Observation]?
        /// Changes the target pose (or every pose) and placement for a fault of `size`.
        var apply: @Sendable (inout Frame, Double) -> Void
    }

    /// One pose with its placement.

    struct Frame: Sendable {
        var pose: SkeletonPose
        var placement: Placement
    }

    /// The template id.
    var id: String
    /// The pose at rest (start of a rep); for holds, the pose while getting into position.
    var rest: Frame
    /// The pose at the target (or the hold).
    var target: Frame
    /// The faults.
    var faults: [Injection]
    /// Views from which the template's checks can all be made.
    var views: [Observation]
    /// A rep that stops short of the target (for partial-rep faults), as a fraction of the way.
    var partialFraction: Double?

    /// The frame `progress` of the way from rest (0) to target (1) on `side`, with `fault`.
    func frame(progress: Double, side: BodySide, fault: (Injection, Double)? = nil) -> Frame {
        var start = rest, end = target
        if let (injection, size) = fault {
            injection.apply(&end, size)
            if injection.throughout { injection.apply(&start, size) }
        }
        let pose = start.pose.interpolated(to: end.pose, progress)
        var placement = progress < 0.5 ? start.placement : end.placement
        placement.pitch = start.placement.pitch + (end.placement.pitch - start.placement.pitch) * progress
        placement.roll = start.placement.roll + (end.placement.roll - start.placement.roll) * progress
        guard side == .right else { return Frame(pose: pose, placement: placement) }
        placement.roll = -placement.roll
        if let (a, b) = placement.levelled { placement.levelled = (a.mirrored, b.mirrored) }
        if case let .sideLying(down) = placement.posture { placement.posture = .sideLying(down: down.opposite) }
        return Frame(pose: pose.mirrored, placement: placement)
    }
}

extension Observation {
    /// Side views from both sides (world coordinates) and one in the image only.
    static let sideViews: [Observation] = [
        Observation(azimuth: 0), Observation(azimuth: 180, elevation: 5), Observation(azimuth: 0, elevation: 0, world: false),
    ]
    /// Front views (from the feet when lying): world and image.
    static let frontViews: [Observation] = [Observation(azimuth: 90, elevation: 20), Observation(azimuth: 90, elevation: 20, world: false)]
    /// An oblique view, for side-to-side checks seen in world coordinates.
    static let oblique = Observation(azimuth: 45, elevation: 20)
}
