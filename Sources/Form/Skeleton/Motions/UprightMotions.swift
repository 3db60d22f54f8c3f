/// Planks and standing exercises.
public enum UprightMotions {
    /// A pose with its placement.
    public typealias Frame = ExerciseMotion.Frame
    /// A fault put into a motion.
    public typealias Injection = ExerciseMotion.Injection

    /// The motions of this group, in catalog order.
    public static var all: [ExerciseMotion] { [plank, kneePlank, sidePlank, squat, wallSquat, heelRaise] }

    /// Faults shared by the planks: head dropped or raised, elbows ahead of the shoulders.
    public static let planks: [Injection] = [
        AllFoursMotions.headDropped, AllFoursMotions.headRaised,
        Injection(fault: "elbows_not_under_shoulders", sizes: [130, 140]) { frame, size in
            frame.pose.shoulderFlexion = LeftRight(both: size)
            frame.pose.elbowFlexion = LeftRight(both: 180 - size)
        },
    ]

    /// Plank: held on forearms and toes, body straight.
    public static var plank: ExerciseMotion {
        ExerciseMotion(
            id: "plank",
            rest: BasePoses.kneelingUpright,
            target: Frame(pose: BasePoses.forearmPlank, placement: BasePoses.onForearmsAndToes),
            faults: [
                Injection(fault: "hips_sagging", sizes: [-30, -40, -50]) { frame, size in frame.pose.trunkFlexion = size },
                Injection(fault: "hips_piked", sizes: [30, 40, 50]) { frame, size in frame.pose.hipFlexion = LeftRight(both: size) },
                Injection(fault: "knees_bent", sizes: [40, 60]) { frame, size in frame.pose.kneeFlexion = LeftRight(both: size) },
            ] + planks,
            views: Viewpoint.sideViews
        )
    }

    /// Knee plank: held on forearms and knees, body straight from shoulders to knees.
    public static var kneePlank: ExerciseMotion {
        var pose = BasePoses.forearmPlank
        pose.kneeFlexion = LeftRight(both: 90)
        return ExerciseMotion(
            id: "knee-plank",
            rest: BasePoses.kneelingUpright,
            target: Frame(pose: pose, placement: Placement(.onFront, levelled: (.leftElbow, .leftKnee))),
            faults: [
                Injection(fault: "hips_sagging", sizes: [-30, -40]) { frame, size in frame.pose.trunkFlexion = size },
                Injection(fault: "hips_piked", sizes: [30, 40]) { frame, size in frame.pose.hipFlexion = LeftRight(both: size) },
            ] + planks,
            views: Viewpoint.sideViews
        )
    }

    /// Side plank: held on the left forearm and the feet, hips lifted.
    public static var sidePlank: ExerciseMotion {
        var pose = SkeletonPose()
        pose.shoulderAbduction.left = 90
        pose.elbowFlexion.left = 90
        let placement = Placement(.sideLying(down: .left), levelled: (.leftElbow, .leftFootIndex))
        return ExerciseMotion(
            id: "side-plank",
            rest: BasePoses.kneelingUpright,
            target: Frame(pose: pose, placement: placement),
            faults: [
                Injection(fault: "hips_sagging", sizes: [-40, -50]) { frame, size in frame.pose.trunkSideBend = size },
                Injection(fault: "hips_piked", sizes: [25, 35]) { frame, size in
                    frame.pose.hipAbduction = LeftRight(left: size, right: -size)
                },
                Injection(fault: "hips_rolling", sizes: [45, 55], views: [Viewpoint(azimuth: 90, elevation: 15), Viewpoint(azimuth: 90, elevation: 5)]) { frame, size in
                    frame.placement.roll = size
                    frame.pose.trunkRotation = -size
                },
            ],
            // From the front, a little above (a pose model keeps the arms apart better than from floor level).
            views: [Viewpoint(azimuth: 90, elevation: 15), Viewpoint(azimuth: 90, elevation: 5),
                    Viewpoint(azimuth: 90, elevation: 5, worldLandmarks: false)]
        )
    }

    /// The bottom of a good squat: hips back, trunk leaning 35°, arms forward.
    public static var squatBottom: SkeletonPose {
        var pose = SkeletonPose()
        pose.hipFlexion = LeftRight(both: 75)
        pose.kneeFlexion = LeftRight(both: 95)
        pose.ankleFlexion = LeftRight(both: 20)
        pose.trunkLean = 35
        pose.shoulderFlexion = LeftRight(both: 80)
        return pose
    }

    /// Squat: from standing to the bottom and back.
    public static var squat: ExerciseMotion {
        ExerciseMotion(
            id: "squat",
            rest: Frame(pose: SkeletonPose(), placement: Placement(.standing)),
            target: Frame(pose: squatBottom, placement: Placement(.standing)),
            faults: [
                Injection(fault: "leaning_forward", sizes: [62, 72]) { frame, size in frame.pose.trunkLean = size },
                Injection(fault: "knees_caving_in", sizes: [14, 18], views: [Viewpoint(azimuth: 90), .oblique]) { frame, size in
                    frame.pose.hipAbduction = LeftRight(both: -size)
                    frame.pose.kneeValgus = LeftRight(both: 2 * size)
                },
                Injection(fault: "uneven", sizes: [40, 50], views: [Viewpoint(azimuth: 90, elevation: 0)]) { frame, size in
                    frame.pose.kneeFlexion.right = 95 - size
                    frame.pose.hipFlexion.right = 75 - size / 2
                },
            ],
            views: Viewpoint.standingViews + [Viewpoint(azimuth: 90, elevation: 0)],
            partialFraction: 0.4
        )
    }

    /// Wall squat: the back sliding down a wall until the knees bend 70°.
    public static var wallSquat: ExerciseMotion {
        var down = SkeletonPose()
        down.hipFlexion = LeftRight(both: 70)
        down.kneeFlexion = LeftRight(both: 70)
        return ExerciseMotion(
            id: "wall-squat",
            rest: Frame(pose: SkeletonPose(), placement: Placement(.standing)),
            target: Frame(pose: down, placement: Placement(.standing)),
            faults: [
                Injection(fault: "too_deep", sizes: [110, 120]) { frame, size in
                    frame.pose.hipFlexion = LeftRight(both: size - 10)
                    frame.pose.kneeFlexion = LeftRight(both: size)
                    frame.pose.ankleFlexion = LeftRight(both: 10)
                },
                Injection(fault: "knees_past_ankles", sizes: [38, 48]) { frame, size in
                    frame.pose.hipFlexion = LeftRight(both: 45)
                    frame.pose.kneeFlexion = LeftRight(both: 45 + size)
                    frame.pose.ankleFlexion = LeftRight(both: size)
                },
                Injection(fault: "back_off_wall", sizes: [30, 40], throughout: true) { frame, size in frame.pose.trunkLean = size },
            ],
            views: Viewpoint.standingViews,
            backAgainstWall: true
        )
    }

    /// Heel raise: standing, up onto the toes and back.
    public static var heelRaise: ExerciseMotion {
        var up = SkeletonPose()
        up.ankleFlexion = LeftRight(both: -35)
        return ExerciseMotion(
            id: "heel-raise",
            rest: Frame(pose: SkeletonPose(), placement: Placement(.standing)),
            target: Frame(pose: up, placement: Placement(.standing)),
            faults: [
                Injection(fault: "knees_bending", sizes: [35, 45]) { frame, size in
                    frame.pose.kneeFlexion = LeftRight(both: size)
                    frame.pose.hipFlexion = LeftRight(both: size / 2)
                },
                Injection(fault: "leaning_forward", sizes: [25, 35]) { frame, size in frame.pose.trunkLean = size },
            ],
            views: Viewpoint.standingViews,
            partialFraction: 0.25
        )
    }
}
