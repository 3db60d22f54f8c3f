import Foundation

/// An exercise performed by the posable skeleton: the figure's pose along one rep (or hold),
/// the faults that can be put into it at several sizes, and the views it is watched from.
///
/// One definition serves the ground-truth tests of the analysis and the rendered sample
/// frames. Poses are written for the left side working; the right side is the mirror image
/// (``frame(progress:side:fault:)``).
public struct ExerciseMotion: Sendable {
    /// How a fault is put into the motion.
    public struct Injection: Sendable {
        /// The fault id the analysis must report (one of the template's faults).
        public var fault: String
        /// Sizes (in the units of ``apply``), mildest first; every one must be detected, and the
        /// last is the clearest (``clearestSize``).
        public var sizes: [Double]
        /// Whether the fault is in every frame of the rep (else only toward the target).
        public var throughout: Bool
        /// The phases in which the fault must be reported (`nil`: the target; with
        /// ``throughout``, every phase in position).
        public var phases: Set<Phase>?
        /// The views from which it can be seen (`nil`: the motion's own views).
        public var views: [Viewpoint]?
        /// Changes the target pose (or, with ``throughout``, every pose) and placement for a
        /// fault of the given size.
        public var apply: @Sendable (inout Frame, Double) -> Void

        /// A fault `fault` put into the motion by `apply` at each of `sizes` (mildest first).
        public init(fault: String, sizes: [Double], throughout: Bool = false, phases: Set<Phase>? = nil,
                    views: [Viewpoint]? = nil, apply: @escaping @Sendable (inout Frame, Double) -> Void) {
            self.fault = fault
            self.sizes = sizes
            self.throughout = throughout
            self.phases = phases
            self.views = views
            self.apply = apply
        }

        /// The size that shows the fault most clearly (the last of ``sizes``), or `nil` when
        /// there is none.
        public var clearestSize: Double? { sizes.last }

        /// The phases in whose frames the fault must be reported.
        public var reportedPhases: Set<Phase> {
            phases ?? (throughout ? [.rest, .moving, .target] : [.target])
        }
    }

    /// One pose with its placement, and an optional change to the placed landmarks (for faults
    /// a joint-angle figure cannot make while keeping its resting parts on the floor, like one
    /// hip rising while both knees stay down).
    public struct Frame: Sendable {
        /// The joint angles.
        public var pose: SkeletonPose
        /// Where and how the figure rests in the room.
        public var placement: Placement
        /// A change to the placed landmark positions (indexed by ``BodyLandmark/rawValue``).
        public var adjust: (@Sendable ([Vector3]) -> [Vector3])?

        /// A frame of `pose` placed by `placement`, its landmarks then changed by `adjust`.
        public init(pose: SkeletonPose, placement: Placement, adjust: (@Sendable ([Vector3]) -> [Vector3])? = nil) {
            self.pose = pose
            self.placement = placement
            self.adjust = adjust
        }

        /// The figure placed in the room, with the adjustment.
        public func body(_ skeleton: Skeleton) -> PosedBody {
            let body = skeleton.place(pose, placement)
            guard let adjust else { return body }
            return PosedBody(positions: adjust(body.positions), orientation: body.orientation)
        }
    }

    /// An adjustment that tips the hip line by `degrees` about the body's long axis (+ raises the
    /// left hip), leaving every other landmark where it is.
    public static func tipHips(_ degrees: Double) -> @Sendable ([Vector3]) -> [Vector3] {
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
    public var id: String
    /// The pose at rest (start of a rep); for holds, the pose while getting into position.
    public var rest: Frame
    /// The pose at the target (or the hold).
    public var target: Frame
    /// The faults.
    public var faults: [Injection]
    /// Views from which the template's checks can all be made, the most natural first.
    public var views: [Viewpoint]
    /// A rep that stops short of the target (for partial-rep faults), as a fraction of the way.
    public var partialFraction: Double?
    /// Whether the figure's back rests against a wall (a wall squat): a renderer draws one there.
    public var backAgainstWall: Bool

    /// A motion from `rest` to `target` for the template `id`.
    public init(id: String, rest: Frame, target: Frame, faults: [Injection], views: [Viewpoint],
                partialFraction: Double? = nil, backAgainstWall: Bool = false) {
        self.id = id
        self.rest = rest
        self.target = target
        self.faults = faults
        self.views = views
        self.partialFraction = partialFraction
        self.backAgainstWall = backAgainstWall
    }

    /// The injection of fault `id`, if the motion has one.
    public func injection(_ id: String) -> Injection? { faults.first { $0.fault == id } }

    /// The frame `progress` of the way from rest (0) to target (1) on `side`, with `fault` at a size.
    public func frame(progress: Double, side: BodySide, fault: (Injection, Double)? = nil) -> Frame {
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
