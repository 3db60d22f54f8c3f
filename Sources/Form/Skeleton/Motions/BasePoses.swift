/// Starting poses and placements the exercise motions are built from.
public enum BasePoses {
    /// Lying on the back, knees bent by `knee` degrees with the feet flat on the floor.
    public static func hookLying(knee: Double = 90) -> SkeletonPose {
        var pose = SkeletonPose()
        pose.kneeFlexion = LeftRight(both: knee)
        pose.hipFlexion = LeftRight(both: knee / 2)
        pose.ankleFlexion = LeftRight(both: flatFootAnkle(hip: knee / 2, knee: knee))
        return pose
    }

    /// The ankle flexion that lays the foot flat along the floor (sole down, toes pointing away)
    /// when lying on the back with `hip` and `knee` flexion.
    public static func flatFootAnkle(hip: Double, knee: Double) -> Double { knee - hip - 90 }

    /// Sets one leg's hip and knee flexion, with the foot flat when lying on the back.
    public static func setLeg(_ pose: inout SkeletonPose, _ side: BodySide, hip: Double, knee: Double) {
        pose.hipFlexion[side] = hip
        pose.kneeFlexion[side] = knee
        pose.ankleFlexion[side] = flatFootAnkle(hip: hip, knee: knee)
    }

    /// Lying on the back, resting on shoulders and hips.
    public static let supine = Placement(.onBack, levelled: (.leftShoulder, .leftHip))
    /// Lying on the back, resting on hips and heels (the shoulders may lift).
    public static let supineOnHipsAndHeels = Placement(.onBack, levelled: (.leftHip, .rightHeel))
    /// Lying on the back, resting on shoulders and heels (the hips may lift).
    public static let supineOnHeels = Placement(.onBack, levelled: (.leftShoulder, .leftHeel))

    /// Kneeling upright, as when getting into position on the floor.
    public static var kneelingUpright: ExerciseMotion.Frame {
        var pose = SkeletonPose()
        pose.kneeFlexion = LeftRight(both: 90)
        pose.ankleFlexion = LeftRight(both: -60)
        return ExerciseMotion.Frame(pose: pose, placement: Placement(.kneeling))
    }

    /// On hands and knees: thighs and arms vertical, shins and feet flat behind.
    public static var allFours: SkeletonPose {
        var pose = SkeletonPose()
        pose.hipFlexion = LeftRight(both: 90)
        // The arms are longer than the thighs, so the trunk tilts up toward the head; the knees
        // bend past a right angle to keep the shins flat on the floor.
        pose.kneeFlexion = LeftRight(both: 106)
        pose.ankleFlexion = LeftRight(both: -60)
        pose.shoulderFlexion = LeftRight(both: 90)
        return pose
    }

    /// On hands and knees, resting on the left hand and knee.
    public static let onAllFours = Placement(.allFours, levelled: (.leftWrist, .leftKnee))

    /// Forearm plank: upper arms vertical, forearms on the floor, on the toes.
    public static var forearmPlank: SkeletonPose {
        var pose = SkeletonPose()
        pose.shoulderFlexion = LeftRight(both: 90)
        pose.elbowFlexion = LeftRight(both: 90)
        pose.ankleFlexion = LeftRight(both: 0)
        return pose
    }

    /// Face down on forearms and toes.
    public static let onForearmsAndToes = Placement(.onFront, levelled: (.leftElbow, .leftFootIndex))
}
