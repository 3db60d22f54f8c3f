/// Exercises lying on the back.
public enum LyingMotions {
    /// A pose with its placement.
    public typealias Frame = ExerciseMotion.Frame
    /// A fault put into a motion.
    public typealias Injection = ExerciseMotion.Injection

    /// The motions of this group, in catalog order.
    public static var all: [ExerciseMotion] {
        [kneeToChest, doubleKneeHug, pelvicTilt, partialCrunch, abdominalCrunch, bridge, kneeRoll, heelSlide,
         straightLegRaise, deadBug]
    }

    /// The head lifted off the floor (chin to chest), in every frame.
    public static let headLift = Injection(fault: "head_lifted", sizes: [55, 70], throughout: true) { frame, size in
        frame.pose.headFlexion = size
    }

    /// Knee to chest: lying on the back, the left knee drawn to the chest.
    public static var kneeToChest: ExerciseMotion {
        var target = BasePoses.hookLying()
        BasePoses.setLeg(&target, .left, hip: 125, knee: 125)
        return ExerciseMotion(
            id: "knee-to-chest",
            rest: Frame(pose: BasePoses.hookLying(), placement: BasePoses.supineOnHipsAndHeels),
            target: Frame(pose: target, placement: BasePoses.supineOnHipsAndHeels),
            faults: [
                Injection(fault: "other_leg_lifted", sizes: [42, 55, 70], views: [.oblique]) { frame, size in
                    BasePoses.setLeg(&frame.pose, .right, hip: 45 + size, knee: 90 + size / 2)
                    frame.placement = BasePoses.supine
                },
                Injection(fault: "shoulders_lifted", sizes: [40, 50, 60]) { frame, size in
                    frame.pose.trunkFlexion = size
                },
            ],
            views: Viewpoint.sideViews,
            partialFraction: 0.55
        )
    }

    /// Double knee hug: lying on the back, both knees drawn to the chest.
    public static var doubleKneeHug: ExerciseMotion {
        var target = SkeletonPose()
        BasePoses.setLeg(&target, .left, hip: 120, knee: 125)
        BasePoses.setLeg(&target, .right, hip: 120, knee: 125)
        return ExerciseMotion(
            id: "double-knee-hug",
            rest: Frame(pose: BasePoses.hookLying(), placement: BasePoses.supine),
            target: Frame(pose: target, placement: BasePoses.supine),
            faults: [
                Injection(fault: "one_knee_only", sizes: [45, 60], views: [.oblique]) { frame, size in
                    BasePoses.setLeg(&frame.pose, .right, hip: 120 - size, knee: 125 - size / 2)
                },
                headLift,
            ],
            views: Viewpoint.sideViews,
            partialFraction: 0.5
        )
    }

    /// Pelvic tilt: held lying on the back, knees bent, the pelvis tipped back.
    public static var pelvicTilt: ExerciseMotion {
        var held = BasePoses.hookLying()
        held.pelvisTilt = 10
        return ExerciseMotion(
            id: "pelvic-tilt",
            rest: BasePoses.kneelingUpright,
            target: Frame(pose: held, placement: BasePoses.supineOnHeels),
            faults: [
                Injection(fault: "hips_lifted", sizes: [35, 45]) { frame, size in
                    BasePoses.setLeg(&frame.pose, .left, hip: 45 - size, knee: 90)
                    BasePoses.setLeg(&frame.pose, .right, hip: 45 - size, knee: 90)
                },
                Injection(fault: "feet_too_far", sizes: [40, 30]) { frame, size in
                    frame.pose = BasePoses.hookLying(knee: size)
                },
                Injection(fault: "feet_too_close", sizes: [135, 145]) { frame, size in
                    frame.pose = BasePoses.hookLying(knee: size)
                },
                headLift,
            ],
            views: Viewpoint.sideViews
        )
    }

    /// A crunch `id` curling the trunk `curl` degrees; `sitUp` sizes of the too-high fault; `partial` the fraction of a short rep.
    public static func crunch(id: String, curl: Double, sitUp: [Double], partial: Double?) -> ExerciseMotion {
        var up = BasePoses.hookLying()
        up.trunkFlexion = curl
        up.headFlexion = 20
        var faults = [
            Injection(fault: "too_high", sizes: sitUp) { frame, size in
                frame.pose.trunkLean = size
            },
            Injection(fault: "neck_pulled", sizes: [65, 80]) { frame, size in
                frame.pose.headFlexion = size
            },
            Injection(fault: "legs_straight", sizes: [30, 20], throughout: true) { frame, size in
                BasePoses.setLeg(&frame.pose, .left, hip: size / 2, knee: size)
                BasePoses.setLeg(&frame.pose, .right, hip: size / 2, knee: size)
            },
        ]
        if partial != nil {
            faults.append(Injection(fault: "not_high_enough", sizes: []) { _, _ in })
        }
        return ExerciseMotion(
            id: id,
            rest: Frame(pose: BasePoses.hookLying(), placement: BasePoses.supineOnHipsAndHeels),
            target: Frame(pose: up, placement: BasePoses.supineOnHipsAndHeels),
            faults: faults.filter { !$0.sizes.isEmpty },
            views: Viewpoint.sideViews,
            partialFraction: partial
        )
    }

    /// Partial crunch: the shoulders curl a little off the floor.
    public static var partialCrunch: ExerciseMotion { crunch(id: "partial-crunch", curl: 30, sitUp: [40, 55], partial: nil) }
    /// Abdominal crunch: the shoulder blades curl off the floor.
    public static var abdominalCrunch: ExerciseMotion { crunch(id: "abdominal-crunch", curl: 36, sitUp: [50, 65], partial: 0.4) }

    /// Bridge: lying on the back, the hips lift into a line with shoulders and knees.
    public static var bridge: ExerciseMotion {
        var top = SkeletonPose()
        BasePoses.setLeg(&top, .left, hip: -10, knee: 90)
        BasePoses.setLeg(&top, .right, hip: -10, knee: 90)
        top.ankleFlexion = LeftRight(both: 0)
        return ExerciseMotion(
            id: "bridge",
            rest: Frame(pose: BasePoses.hookLying(), placement: BasePoses.supineOnHeels),
            target: Frame(pose: top, placement: BasePoses.supineOnHeels),
            faults: [
                Injection(fault: "over_arching", sizes: [30, 40]) { frame, size in
                    frame.pose.hipFlexion = LeftRight(both: -size)
                },
                Injection(fault: "feet_too_far", sizes: [45, 35]) { frame, size in
                    frame.pose.kneeFlexion = LeftRight(both: size)
                    frame.pose.ankleFlexion = LeftRight(both: 90 - size)
                },
                Injection(fault: "feet_too_close", sizes: [145, 150]) { frame, size in
                    frame.pose.kneeFlexion = LeftRight(both: size)
                    frame.pose.ankleFlexion = LeftRight(both: 90 - size)
                },
                Injection(fault: "hip_dropping", sizes: [25, 32], views: [.oblique]) { frame, size in
                    frame.adjust = ExerciseMotion.tipHips(-size)
                },
                Injection(fault: "knees_apart", sizes: [35, 45], views: [.oblique]) { frame, size in
                    frame.pose.hipAbduction = LeftRight(both: size)
                },
            ],
            views: Viewpoint.sideViews,
            partialFraction: 0.45
        )
    }

    /// Knee roll: lying on the back, knees bent, both knees roll to one side (the pelvis rolls
    /// with the legs, so the feet lift off the floor rather than pivot on it).
    public static var kneeRoll: ExerciseMotion {
        var rolled = BasePoses.supine
        rolled.roll = 55
        var twisted = BasePoses.hookLying()
        twisted.trunkRotation = -55
        return ExerciseMotion(
            id: "knee-roll",
            rest: Frame(pose: BasePoses.hookLying(), placement: BasePoses.supine),
            target: Frame(pose: twisted, placement: rolled),
            faults: [
                Injection(fault: "shoulder_lifting", sizes: [28, 35]) { frame, size in
                    frame.pose.trunkRotation = -55 + size
                },
                Injection(fault: "knees_apart", sizes: [30, 40]) { frame, size in
                    frame.pose.hipAbduction = LeftRight(both: size)
                },
            ],
            views: [Viewpoint(azimuth: 90, elevation: 0), Viewpoint(azimuth: 90, elevation: 8)],
            partialFraction: 0.4
        )
    }

    /// Heel slide: lying on the back, the left heel slides toward the buttock.
    public static var heelSlide: ExerciseMotion {
        var drawn = SkeletonPose()
        BasePoses.setLeg(&drawn, .left, hip: 50, knee: 100)
        return ExerciseMotion(
            id: "heel-slide",
            rest: Frame(pose: SkeletonPose(), placement: BasePoses.supine),
            target: Frame(pose: drawn, placement: BasePoses.supine),
            faults: [
                Injection(fault: "heel_lifted", sizes: [25, 35]) { frame, size in
                    frame.pose.hipFlexion.left = 50 + size
                },
                headLift,
            ],
            views: Viewpoint.sideViews,
            partialFraction: 0.45
        )
    }

    /// Straight-leg raise: lying on the back, the straight left leg lifts (the right knee bent).
    public static var straightLegRaise: ExerciseMotion {
        var down = SkeletonPose()
        BasePoses.setLeg(&down, .right, hip: 45, knee: 90)
        var up = down
        up.hipFlexion.left = 45
        return ExerciseMotion(
            id: "straight-leg-raise",
            rest: Frame(pose: down, placement: BasePoses.supine),
            target: Frame(pose: up, placement: BasePoses.supine),
            faults: [
                Injection(fault: "knee_bent", sizes: [35, 45], phases: [.moving, .target]) { frame, size in
                    frame.pose.kneeFlexion.left = size
                },
                Injection(fault: "leg_too_high", sizes: [75, 85]) { frame, size in
                    frame.pose.hipFlexion.left = size
                },
                Injection(fault: "other_knee_straight", sizes: [20, 0], throughout: true, views: [.oblique]) { frame, size in
                    frame.pose.hipFlexion.right = size / 2
                    frame.pose.kneeFlexion.right = size
                    frame.pose.ankleFlexion.right = 0
                },
            ],
            views: Viewpoint.sideViews,
            partialFraction: 0.4
        )
    }

    /// Dead bug: from table-top legs and raised arms, the left leg and right arm reach out.
    public static var deadBug: ExerciseMotion {
        var tableTop = SkeletonPose()
        tableTop.hipFlexion = LeftRight(both: 90)
        tableTop.kneeFlexion = LeftRight(both: 90)
        tableTop.shoulderFlexion = LeftRight(both: 90)
        var reach = tableTop
        reach.hipFlexion.left = 20
        reach.kneeFlexion.left = 0
        reach.shoulderFlexion.right = 175
        return ExerciseMotion(
            id: "dead-bug",
            rest: Frame(pose: tableTop, placement: BasePoses.supine),
            target: Frame(pose: reach, placement: BasePoses.supine),
            faults: [
                Injection(fault: "leg_too_low", sizes: [-5, -8]) { frame, size in
                    frame.pose.hipFlexion.left = size
                },
                Injection(fault: "leg_bent", sizes: [45, 55]) { frame, size in
                    frame.pose.kneeFlexion.left = size
                },
                Injection(fault: "other_leg_moving", sizes: [40, 30], views: [.oblique]) { frame, size in
                    frame.pose.hipFlexion.right = size
                },
                headLift,
            ],
            views: Viewpoint.sideViews,
            partialFraction: 0.45
        )
    }
}
