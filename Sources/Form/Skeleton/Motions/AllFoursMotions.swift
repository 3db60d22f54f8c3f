/// Exercises on hands and knees, and the kneeling child's pose.
public enum AllFoursMotions {
    /// A pose with its placement.
    public typealias Frame = ExerciseMotion.Frame
    /// A fault put into a motion.
    public typealias Injection = ExerciseMotion.Injection

    /// The motions of this group, in catalog order.
    public static var all: [ExerciseMotion] { [catCow, birdDog, backStabiliser, deepStomachHold, childsPose] }

    /// The head hanging toward the floor (chin to chest), in every frame.
    public static let headDropped = Injection(fault: "head_dropped", sizes: [50, 65], throughout: true) { frame, size in
        frame.pose.headFlexion = size
    }
    /// The head tipped back to look forward, in every frame.
    public static let headRaised = Injection(fault: "head_raised", sizes: [-40, -50], throughout: true) { frame, size in
        frame.pose.headFlexion = size
    }
    /// The hands placed ahead of the shoulders, in every frame.
    public static let handsForward = Injection(fault: "hands_not_under_shoulders", sizes: [135, 145], throughout: true) { frame, size in
        frame.pose.shoulderFlexion = LeftRight(both: size)
    }
    /// The knees drawn forward under the belly (shins still flat), in every frame, at `sizes` degrees.
    public static func kneesForward(_ sizes: [Double]) -> Injection {
        Injection(fault: "knees_not_under_hips", sizes: sizes, throughout: true) { frame, size in
        // Knees forward under the belly, shins still flat on the floor.
        frame.pose.hipFlexion = frame.pose.hipFlexion.map { $0 + size }
        frame.pose.kneeFlexion = frame.pose.kneeFlexion.map { $0 + size }
        }
    }
    /// One hip higher than the other (seen from an oblique view), in every frame.
    public static let pelvisTipping = Injection(fault: "pelvis_tipping", sizes: [20, 26], throughout: true, views: [.oblique]) { frame, size in
        frame.adjust = ExerciseMotion.tipHips(size)
    }

    /// Cat-cow: from an arched back with the head up (cow) to a rounded back with the head down (cat).
    public static var catCow: ExerciseMotion {
        var cow = BasePoses.allFours
        cow.headFlexion = -25
        cow.trunkFlexion = -10
        var cat = BasePoses.allFours
        cat.headFlexion = 55
        cat.trunkFlexion = 16
        cat.pelvisTilt = 12
        cat.hipFlexion = LeftRight(both: 55)
        return ExerciseMotion(
            id: "cat-cow",
            rest: Frame(pose: cow, placement: BasePoses.onAllFours),
            target: Frame(pose: cat, placement: BasePoses.onAllFours),
            faults: [handsForward, kneesForward([25, 28])],
            views: Viewpoint.sideViews
        )
    }

    /// Bird-dog: from all fours, the left leg and right arm reach out level.
    public static var birdDog: ExerciseMotion {
        var reach = BasePoses.allFours
        reach.hipFlexion.left = 0
        reach.kneeFlexion.left = 0
        reach.ankleFlexion.left = -30
        reach.shoulderFlexion.right = 180
        let support = Placement(.allFours, levelled: (.leftWrist, .rightKnee))
        return ExerciseMotion(
            id: "bird-dog",
            rest: Frame(pose: BasePoses.allFours, placement: support),
            target: Frame(pose: reach, placement: support),
            faults: [
                Injection(fault: "leg_too_high", sizes: [-45, -55]) { frame, size in frame.pose.hipFlexion.left = size },
                Injection(fault: "leg_bent", sizes: [45, 60]) { frame, size in frame.pose.kneeFlexion.left = size },
                Injection(fault: "arm_not_raised", sizes: [125, 110]) { frame, size in frame.pose.shoulderFlexion.right = size },
                Injection(fault: "arm_too_high", sizes: [215, 225]) { frame, size in frame.pose.shoulderFlexion.right = size },
                Injection(fault: "hips_rolling", sizes: [28, 34], views: [.oblique]) { frame, size in
                    frame.adjust = ExerciseMotion.tipHips(size)
                },
                headDropped, headRaised,
            ],
            views: Viewpoint.sideViews,
            partialFraction: 0.65
        )
    }

    /// Back stabiliser: from all fours, the left arm reaches forward.
    public static var backStabiliser: ExerciseMotion {
        var reach = BasePoses.allFours
        reach.shoulderFlexion.left = 180
        let support = Placement(.allFours, levelled: (.rightWrist, .leftKnee))
        return ExerciseMotion(
            id: "back-stabiliser",
            rest: Frame(pose: BasePoses.allFours, placement: support),
            target: Frame(pose: reach, placement: support),
            faults: [
                Injection(fault: "arm_too_high", sizes: [215, 225]) { frame, size in frame.pose.shoulderFlexion.left = size },
                pelvisTipping, kneesForward([22, 26]), headDropped, headRaised,
            ],
            views: Viewpoint.sideViews,
            partialFraction: 0.45
        )
    }

    /// Deep stomach hold: held on all fours with the back level.
    public static var deepStomachHold: ExerciseMotion {
        ExerciseMotion(
            id: "deep-stomach-hold",
            rest: BasePoses.kneelingUpright,
            target: Frame(pose: BasePoses.allFours, placement: BasePoses.onAllFours),
            faults: [
                Injection(fault: "back_not_level", sizes: [100, 115]) { frame, size in
                    frame.pose.elbowFlexion = LeftRight(both: size)
                    frame.pose.shoulderFlexion = LeftRight(both: 90 + size / 2)
                },
                handsForward, kneesForward([22, 25]), pelvisTipping, headDropped, headRaised,
            ],
            views: Viewpoint.sideViews
        )
    }

    /// Child's pose: kneeling, sitting back on the heels and folded forward, arms overhead.
    public static var childsPose: ExerciseMotion {
        var folded = SkeletonPose()
        folded.hipFlexion = LeftRight(both: 140)
        folded.kneeFlexion = LeftRight(both: 150)
        folded.ankleFlexion = LeftRight(both: -60)
        folded.shoulderFlexion = LeftRight(both: 170)
        return ExerciseMotion(
            id: "childs-pose",
            rest: BasePoses.kneelingUpright,
            target: Frame(pose: folded, placement: Placement(.allFours, levelled: (.leftKnee, .leftFootIndex))),
            faults: [
                Injection(fault: "hips_not_back", sizes: [100, 90]) { frame, size in
                    frame.pose.kneeFlexion = LeftRight(both: size)
                    frame.pose.hipFlexion = LeftRight(both: 140 - (150 - size) / 2)
                },
                Injection(fault: "chest_not_down", sizes: [95, 90]) { frame, size in
                    frame.pose.hipFlexion = LeftRight(both: size)
                },
            ],
            views: Viewpoint.sideViews
        )
    }
}
