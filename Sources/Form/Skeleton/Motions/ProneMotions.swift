/// Exercises lying face down.
public enum ProneMotions {
    /// A pose with its placement.
    public typealias Frame = ExerciseMotion.Frame
    /// A fault put into a motion.
    public typealias Injection = ExerciseMotion.Injection

    /// The motions of this group, in catalog order.
    public static var all: [ExerciseMotion] { [cobra] }

    /// Lying face down, hands on the floor beside the chest, elbows bent.
    static var proneOnHands: SkeletonPose {
        var pose = SkeletonPose()
        pose.shoulderFlexion = LeftRight(both: 20)
        pose.elbowFlexion = LeftRight(both: 110)
        pose.ankleFlexion = LeftRight(both: -40)
        return pose
    }

    /// Lying face down, resting on the hips and the toes (the chest may lift).
    static let onHipsAndToes = Placement(.onFront, levelled: (.leftHip, .leftFootIndex))

    /// Cobra (prone press-up): lying face down, the arms press the chest up while the hips stay
    /// on the floor; the back bends, the head looks ahead.
    public static var cobra: ExerciseMotion {
        // Hands under the shoulders on the floor; the elbows stay bent, as far as the back
        // bends (straight arms would need the trunk upright).
        var up = proneOnHands
        up.trunkFlexion = -50
        up.shoulderFlexion = LeftRight(both: 10)
        up.elbowFlexion = LeftRight(both: 90)
        up.headFlexion = -15
        return ExerciseMotion(
            id: "cobra",
            rest: Frame(pose: proneOnHands, placement: onHipsAndToes),
            target: Frame(pose: up, placement: onHipsAndToes),
            faults: [
                // An upward dog: on hands and toes, the hips off the floor.
                Injection(fault: "hips_lifted", sizes: [20, 30]) { frame, size in
                    frame.pose.trunkFlexion = -size
                    frame.pose.shoulderFlexion = LeftRight(both: 60)
                    frame.pose.elbowFlexion = LeftRight(both: 0)
                    frame.placement = Placement(.onFront, levelled: (.leftWrist, .leftFootIndex))
                },
                Injection(fault: "head_thrown_back", sizes: [50, 60]) { frame, size in frame.pose.headFlexion = -size },
                // The shins lifted off the floor.
                Injection(fault: "knees_bent", sizes: [50, 60]) { frame, size in frame.pose.kneeFlexion = LeftRight(both: size) },
            ],
            views: Viewpoint.sideViews,
            partialFraction: 0.3
        )
    }
}
