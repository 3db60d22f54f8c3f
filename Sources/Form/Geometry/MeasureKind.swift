/// A measure of the body that templates can check: a joint angle, an inclination, a deviation.
///
/// Angles are in degrees; heights and distances are fractions of the trunk length (hip centre
/// to shoulder centre), so they do not depend on the person's size or the camera distance.
/// "Up" is the floor's up (see ``FloorEstimate``).
public enum MeasureKind: String, CaseIterable, Sendable {
    // MARK: Joint angles (180 = straight)
    /// Trunk–thigh angle at the hip: 180 standing straight, 90 sitting, smaller with the knee to the chest.
    case hipAngle = "hip_angle"
    /// Angle at the knee between thigh and shin: 180 straight, 90 bent at a right angle.
    case kneeAngle = "knee_angle"
    /// Angle at the ankle between shin and foot: about 110 standing, larger on tiptoe.
    case ankleAngle = "ankle_angle"
    /// Angle at the elbow between upper arm and forearm: 180 straight.
    case elbowAngle = "elbow_angle"
    /// Angle between the trunk (pointing down) and the upper arm: 0 arm at the side, 90 reaching forward or out, 180 overhead.
    case shoulderAngle = "shoulder_angle"

    // MARK: Inclinations to the floor (+90 pointing up, −90 pointing down)
    /// Elevation of the trunk from the hips to the shoulders.
    case trunkInclination = "trunk_inclination"
    /// Elevation of the body line from the ankles to the shoulders.
    case bodyInclination = "body_inclination"
    /// Elevation of the thigh from the hip to the knee.
    case thighInclination = "thigh_inclination"
    /// Elevation of the shin from the knee to the ankle.
    case shinInclination = "shin_inclination"
    /// Elevation of the whole leg from the hip to the ankle.
    case legInclination = "leg_inclination"
    /// Elevation of the whole arm from the shoulder to the wrist.
    case armInclination = "arm_inclination"
    /// Elevation of the upper arm from the shoulder to the elbow.
    case upperArmInclination = "upper_arm_inclination"

    // MARK: Deviations from a line (+ toward the ceiling)
    /// How far the hips lie above (+) or below (−) the shoulder–ankle line, as the bend at the hips in degrees.
    case hipOffShoulderAnkleLine = "hip_off_shoulder_ankle_line"
    /// The same as a fraction of the trunk length.
    case hipOffShoulderAnkleLineFraction = "hip_off_shoulder_ankle_line_fraction"
    /// How far the hips lie above (+) or below (−) the shoulder–knee line, in degrees.
    case hipOffShoulderKneeLine = "hip_off_shoulder_knee_line"
    /// The same as a fraction of the trunk length.
    case hipOffShoulderKneeLineFraction = "hip_off_shoulder_knee_line_fraction"
    /// How far the head is raised (+) or dropped (−) from the line of the trunk, in degrees.
    case headOffTrunkLine = "head_off_trunk_line"

    // MARK: Heights, levels and directions
    /// Elevation of the line from the ears to the nose: + face up, − face down.
    case faceDirection = "face_direction"
    /// Height of the hip centre above the floor, as a fraction of the trunk length.
    case hipHeight = "hip_height"
    /// Height of the knee above the floor, as a fraction of the trunk length.
    case kneeHeight = "knee_height"
    /// Height of the heel above the floor, as a fraction of the trunk length.
    case heelHeight = "heel_height"
    /// How much higher this side's hip is than the other's, in degrees of the hip line's tilt.
    case pelvisLevel = "pelvis_level"
    /// How much higher this side's shoulder is than the other's, in degrees of the shoulder line's tilt.
    case shoulderLevel = "shoulder_level"
    /// How far the knee falls inward (+) or outward (−) of the hip–ankle line, seen from the front, in degrees.
    case kneeValgus = "knee_valgus"
    /// How far both knees have rolled toward this side from pointing at the ceiling, in degrees.
    case kneeRoll = "knee_roll"
    /// Distance between the knees as a fraction of the thigh length.
    case kneeGap = "knee_gap"

    /// Whether the measure exists once per side (and takes a side qualifier such as `.working`).
    public var isSided: Bool {
        switch self {
        case .hipAngle, .kneeAngle, .ankleAngle, .elbowAngle, .shoulderAngle,
             .thighInclination, .shinInclination, .legInclination, .armInclination, .upperArmInclination,
             .kneeHeight, .heelHeight, .pelvisLevel, .shoulderLevel, .kneeValgus, .kneeRoll:
            return true
        default:
            return false
        }
    }

    /// The unit of the measure's values.
    public var unit: MeasureUnit {
        switch self {
        case .hipOffShoulderAnkleLineFraction, .hipOffShoulderKneeLineFraction, .hipHeight, .kneeHeight, .heelHeight, .kneeGap:
            return .trunkFraction
        default:
            return .degrees
        }
    }

    /// The plane the measure lies in, which decides from where a camera can see it.
    public var plane: BodyPlane {
        switch self {
        case .hipAngle, .kneeAngle, .ankleAngle, .elbowAngle, .shoulderAngle, .headOffTrunkLine:
            return .sagittal
        case .pelvisLevel, .shoulderLevel, .kneeValgus, .kneeRoll, .kneeGap:
            return .frontal
        default:
            return .vertical
        }
    }

    /// The joints a sided measure uses on its own side (to pick the better-seen side).
    var sidedJoints: [Joint] {
        switch self {
        case .hipAngle: return [.hip, .knee]
        case .kneeAngle: return [.hip, .knee, .ankle]
        case .ankleAngle: return [.knee, .ankle, .footIndex]
        case .elbowAngle: return [.shoulder, .elbow, .wrist]
        case .shoulderAngle: return [.shoulder, .elbow]
        case .thighInclination: return [.hip, .knee]
        case .shinInclination: return [.knee, .ankle]
        case .legInclination: return [.hip, .ankle]
        case .armInclination: return [.shoulder, .wrist]
        case .upperArmInclination: return [.shoulder, .elbow]
        case .kneeHeight: return [.knee]
        case .heelHeight: return [.heel]
        case .pelvisLevel: return [.hip]
        case .shoulderLevel: return [.shoulder]
        case .kneeValgus: return [.hip, .knee, .ankle]
        case .kneeRoll: return [.knee]
        default: return []
        }
    }
}

/// The unit of a measure.
public enum MeasureUnit: String, Sendable {
    /// Degrees.
    case degrees
    /// A fraction of the trunk length (hip centre to shoulder centre).
    case trunkFraction = "trunk fraction"

    /// A short suffix for printing values ("°" or "× trunk").
    public var symbol: String { self == .degrees ? "°" : "× trunk" }
}

/// The plane of the body a measure lies in.
public enum BodyPlane: String, Sendable {
    /// Front-to-back (bending forward and back): seen best from the side.
    case sagittal
    /// Side-to-side (levels, knees in or out): seen best from the front or back.
    case frontal
    /// The vertical plane along the body (inclinations, heights): not seen when the camera looks along the body.
    case vertical
}
