import Foundation
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

    /// One pose with its placement, and an optional change to the placed landmarks (for faults
    /// a joint-angle figure cannot make while keeping its resting parts on the floor, like one
    /// hip rising while both knees stay down).
    struct Frame: Sendable {
        var pose: SkeletonPose
        var placement: Placement
        var adjust: (@Sendable ([Vector3]) -> [Vector3])?

        init(pose: SkeletonPose, placement: Placement, adjust: (@Sendable ([Vector3]) -> [Vector3])? = nil) {
            self.pose = pose
            self.placement = placement
            self.adjust = adjust
        }

        /// The figure placed in the room, with the adjustment.
        func body(_ skeleton: Skeleton) -> PosedBody {
            let body = skeleton.place(pose, placement)
            guard let adjust else { return body }
            return PosedBody(positions: adjust(body.positions), orientation: body.orientation)
        }
    }

    /// An adjustment that tips the hip line by `degrees` about the body's long axis (+ raises the
    /// left hip), leaving every other landmark where it is.
    static func tipHips(_ degrees: Double) -> @Sendable ([Vector3]) -> [Vector3] {
        { positions in
            var result = positions
            let left = positions[BodyLandmark.leftHip.rawValue], right = positions[BodyLandmark.rightHip.rawValue]
            let centre = (left + right) / 2, half = (left - right).length / 2
            let up = Vector3(0, 1, 0)
            let across = (left - right).removingComponent(along: up).normalized ?? Vector3(0, 0, 1)
            let angle = degrees * .pi / 180
            let offset = across * (half * cos(angle)) + up * (half * sin(angle))
            result[BodyLandmark.leftHip.rawValue] = centre + offset
            result[BodyLandmark.rightHip.rawValue] = centre - offset
            return result
        }
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
        let adjust = progress < 0.5 ? start.adjust : end.adjust
        var placement = progress < 0.5 ? start.placement : end.placement
        placement.pitch = start.placement.pitch + (end.placement.pitch - start.placement.pitch) * progress
        placement.roll = start.placement.roll + (end.placement.roll - start.placement.roll) * progress
        guard side == .right else { return Frame(pose: pose, placement: placement, adjust: adjust) }
        placement.roll = -placement.roll
        if let (a, b) = placement.levelled { placement.levelled = (a.mirrored, b.mirrored) }
        if case let .sideLying(down) = placement.posture { placement.posture = .sideLying(down: down.opposite) }
        // Mirror the adjustment: swap the sides of the landmarks around it.
        let mirroredAdjust = adjust.map { adjust in
            { @Sendable (positions: [Vector3]) -> [Vector3] in
                let swapped = BodyLandmark.allCases.map { positions[$0.mirrored.rawValue] }
                let adjusted = adjust(swapped)
                return BodyLandmark.allCases.map { adjusted[$0.mirrored.rawValue] }
            }
        }
        return Frame(pose: pose.mirrored, placement: placement, adjust: mirroredAdjust)
    }
}

extension Observation {
    /// Side views from both sides (world coordinates) and one in the image only.
    static let sideViews: [Observation] = [
        Observation(azimuth: 0), Observation(azimuth: 180, elevation: 5), Observation(azimuth: 0, elevation: 0, world: false),
    ]
    /// Side views of a standing figure from a camera at hip height, as on a tripod (exercises
    /// standing up have no resting landmarks to correct a tipped camera with).
    static let standingViews: [Observation] = [
        Observation(azimuth: 0, elevation: 0), Observation(azimuth: 180, elevation: 3), Observation(azimuth: 0, elevation: 0, world: false),
    ]
    /// Front views (from the feet when lying): world and image.
    static let frontViews: [Observation] = [Observation(azimuth: 90, elevation: 20), Observation(azimuth: 90, elevation: 20, world: false)]
    /// An oblique view, for side-to-side checks seen in world coordinates.
    static let oblique = Observation(azimuth: 45, elevation: 20)
}
