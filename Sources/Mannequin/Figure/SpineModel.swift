import Form

/// Where the spine bends: the direction of the lower back in the room.
///
/// The skeleton's 33 landmarks have no point on the spine, so the curl of a crunch or of
/// cat-cow cannot be read from them. The skeleton builds its trunk from two segments (the
/// lower back, 0.4 of the trunk, and the upper back), each taking half the curl, side bend
/// and twist on top of the lean (``Skeleton/bodyPositions(_:)``); this mirrors the lower one.
/// `MannequinTests` checks that the two segments rebuilt here end at the skeleton's shoulders.
enum SpineModel {
    /// The fraction of the trunk's length in the lower segment.
    static let lowerFraction = 0.4

    /// The unit direction of the lower back in the body frame (x left, y up, z forward).
    static func lowerDirection(_ pose: SkeletonPose) -> Vector3 {
        lowerRotation(pose).apply(Vector3(0, 1, 0))
    }

    /// The unit direction of the upper back in the body frame.
    static func upperDirection(_ pose: SkeletonPose) -> Vector3 {
        (lowerRotation(pose) * halfCurl(pose)).apply(Vector3(0, 1, 0))
    }

    /// The rotation of each segment relative to the one below it.
    private static func halfCurl(_ pose: SkeletonPose) -> Rotation3 {
        Rotation3.aboutY(pose.trunkRotation / 2) * Rotation3.aboutZ(-pose.trunkSideBend / 2) * Rotation3.aboutX(pose.trunkFlexion / 2)
    }

    /// The rotation of the lower segment relative to the pelvis frame.
    private static func lowerRotation(_ pose: SkeletonPose) -> Rotation3 {
        Rotation3.aboutX(pose.trunkLean) * halfCurl(pose)
    }
}
