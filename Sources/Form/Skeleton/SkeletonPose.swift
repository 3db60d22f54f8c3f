/// Joint angles of the posable figure, in degrees; zero everywhere is standing straight,
/// arms by the sides, palms forward.
///
/// Signs follow anatomy: flexion brings a limb forward (hip, shoulder, elbow) or bends it back
/// (knee); trunk flexion curls the spine forward and extension (negative) arches it.
public struct SkeletonPose: Sendable, Equatable {
    /// Thigh forward relative to the pelvis (negative: extension, behind the body).
    public var hipFlexion = LeftRight(both: 0.0)
    /// Thigh out to the side.
    public var hipAbduction = LeftRight(both: 0.0)
    /// Thigh turned about its own axis, toes outward (negative: inward).
    public var hipRotation = LeftRight(both: 0.0)
    /// Knee bend.
    public var kneeFlexion = LeftRight(both: 0.0)
    /// Shin turned outward at the knee, so the knee falls inward (knock-knee; negative: bow-legged).
    public var kneeValgus = LeftRight(both: 0.0)
    /// Foot pulled up toward the shin (negative: pointed, heel raised).
    public var ankleFlexion = LeftRight(both: 0.0)
    /// Arm raised forward relative to the trunk (180: overhead).
    public var shoulderFlexion = LeftRight(both: 0.0)
    /// Arm raised out to the side.
    public var shoulderAbduction = LeftRight(both: 0.0)
    /// Elbow bend.
    public var elbowFlexion = LeftRight(both: 0.0)
    /// Spine curled forward (negative: arched back), spread over the lower and upper back.
    public var trunkFlexion = 0.0
    /// The whole trunk tipped forward at its base without curling (its inclination relative to the pelvis).
    public var trunkLean = 0.0
    /// Spine bent toward the left side (negative: right).
    public var trunkSideBend = 0.0
    /// Shoulders turned toward the left (negative: right) relative to the pelvis.
    public var trunkRotation = 0.0
    /// Pelvis tipped backward (tail tucked; negative: tipped forward). Carries the legs, not the trunk.
    public var pelvisTilt = 0.0
    /// Pelvis rolled so the left hip rises (negative: the right hip), about the front-to-back
    /// axis (a hip hike when standing). Carries the legs, not the trunk.
    public var pelvisRoll = 0.0
    /// Pelvis turned about the spine's long axis so the left hip goes back (negative: the right
    /// hip): on hands and knees the left hip rises toward the ceiling, lying on the back it drops
    /// toward the floor. Carries the legs, not the trunk.
    public var pelvisRotation = 0.0
    /// Chin toward the chest (negative: head tipped back).
    public var headFlexion = 0.0
    /// Head turned toward the left (negative: right).
    public var headRotation = 0.0

    /// Standing straight.
    public init() {}

    /// The same pose with left and right swapped (for the other side of an exercise).
    public var mirrored: SkeletonPose {
        var pose = self
        func swap(_ pair: LeftRight<Double>) -> LeftRight<Double> { LeftRight(left: pair.right, right: pair.left) }
        pose.hipFlexion = swap(hipFlexion)
        pose.hipAbduction = swap(hipAbduction)
        pose.hipRotation = swap(hipRotation)
        pose.kneeFlexion = swap(kneeFlexion)
        pose.kneeValgus = swap(kneeValgus)
        pose.ankleFlexion = swap(ankleFlexion)
        pose.shoulderFlexion = swap(shoulderFlexion)
        pose.shoulderAbduction = swap(shoulderAbduction)
        pose.elbowFlexion = swap(elbowFlexion)
        pose.trunkSideBend = -trunkSideBend
        pose.trunkRotation = -trunkRotation
        pose.pelvisRoll = -pelvisRoll
        pose.pelvisRotation = -pelvisRotation
        pose.headRotation = -headRotation
        return pose
    }

    /// The pose `fraction` of the way from `self` to `other` (0 is `self`, 1 is `other`).
    public func interpolated(to other: SkeletonPose, _ fraction: Double) -> SkeletonPose {
        func mix(_ a: Double, _ b: Double) -> Double { a + (b - a) * fraction }
        func mix(_ a: LeftRight<Double>, _ b: LeftRight<Double>) -> LeftRight<Double> {
            LeftRight(left: mix(a.left, b.left), right: mix(a.right, b.right))
        }
        var pose = SkeletonPose()
        pose.hipFlexion = mix(hipFlexion, other.hipFlexion)
        pose.hipAbduction = mix(hipAbduction, other.hipAbduction)
        pose.hipRotation = mix(hipRotation, other.hipRotation)
        pose.kneeFlexion = mix(kneeFlexion, other.kneeFlexion)
        pose.kneeValgus = mix(kneeValgus, other.kneeValgus)
        pose.ankleFlexion = mix(ankleFlexion, other.ankleFlexion)
        pose.shoulderFlexion = mix(shoulderFlexion, other.shoulderFlexion)
        pose.shoulderAbduction = mix(shoulderAbduction, other.shoulderAbduction)
        pose.elbowFlexion = mix(elbowFlexion, other.elbowFlexion)
        pose.trunkFlexion = mix(trunkFlexion, other.trunkFlexion)
        pose.trunkLean = mix(trunkLean, other.trunkLean)
        pose.trunkSideBend = mix(trunkSideBend, other.trunkSideBend)
        pose.trunkRotation = mix(trunkRotation, other.trunkRotation)
        pose.pelvisTilt = mix(pelvisTilt, other.pelvisTilt)
        pose.pelvisRoll = mix(pelvisRoll, other.pelvisRoll)
        pose.pelvisRotation = mix(pelvisRotation, other.pelvisRotation)
        pose.headFlexion = mix(headFlexion, other.headFlexion)
        pose.headRotation = mix(headRotation, other.headRotation)
        return pose
    }
}
