/// One of the 33 BlazePose body landmarks, in MediaPipe's index order.
///
/// The raw value is MediaPipe's landmark index (0 `nose` … 32 `rightFootIndex`) and ``name`` is
/// MediaPipe's snake-case name (`left_shoulder`, …). Left and right are the person's own sides.
public enum BodyLandmark: Int, CaseIterable, Sendable, Codable, Comparable {
    case nose = 0
    case leftEyeInner, leftEye, leftEyeOuter
    case rightEyeInner, rightEye, rightEyeOuter
    case leftEar, rightEar
    case mouthLeft, mouthRight
    case leftShoulder, rightShoulder
    case leftElbow, rightElbow
    case leftWrist, rightWrist
    case leftPinky, rightPinky
    case leftIndex, rightIndex
    case leftThumb, rightThumb
    case leftHip, rightHip
    case leftKnee, rightKnee
    case leftAnkle, rightAnkle
    case leftHeel, rightHeel
    case leftFootIndex, rightFootIndex

    /// The number of landmarks in a BlazePose skeleton.
    public static let count = 33

    /// MediaPipe's name for the landmark, e.g. `left_shoulder`.
    public var name: String { Self.names[rawValue] }

    /// The landmark with MediaPipe's name `name`, or `nil` when no landmark has that name.
    public init?(name: String) {
        guard let index = Self.names.firstIndex(of: name) else { return nil }
        self.init(rawValue: index)
    }

    /// The side of the body the landmark is on, or `nil` for the nose.
    public var side: BodySide? {
        switch rawValue {
        case 0: return nil
        case 1...3: return .left
        case 4...6: return .right
        // From the ears on, landmarks come in left/right pairs.
        default: return (rawValue - BodyLandmark.leftEar.rawValue).isMultiple(of: 2) ? .left : .right
        }
    }

    /// The same landmark on the other side of the body (the nose is its own mirror).
    public var mirrored: BodyLandmark {
        guard let side else { return self }
        switch self {
        case .leftEyeInner, .leftEye, .leftEyeOuter:
            return BodyLandmark(rawValue: rawValue + 3) ?? self
        case .rightEyeInner, .rightEye, .rightEyeOuter:
            return BodyLandmark(rawValue: rawValue - 3) ?? self
        default:
            return BodyLandmark(rawValue: side == .left ? rawValue + 1 : rawValue - 1) ?? self
        }
    }

    /// The part of the body a person would name for this landmark ("knees", "hands", …).
    public var bodyPart: BodyPart {
        switch self {
        case .nose, .leftEyeInner, .leftEye, .leftEyeOuter, .rightEyeInner, .rightEye, .rightEyeOuter,
             .leftEar, .rightEar, .mouthLeft, .mouthRight:
            return .head
        case .leftShoulder, .rightShoulder: return .shoulders
        case .leftElbow, .rightElbow: return .elbows
        case .leftWrist, .rightWrist, .leftPinky, .rightPinky, .leftIndex, .rightIndex, .leftThumb, .rightThumb:
            return .hands
        case .leftHip, .rightHip: return .hips
        case .leftKnee, .rightKnee: return .knees
        case .leftAnkle, .rightAnkle, .leftHeel, .rightHeel, .leftFootIndex, .rightFootIndex: return .feet
        }
    }

    /// How high the landmark sits above the floor when that part of the body rests on it, as a
    /// fraction of the trunk length (hip centre to shoulder centre): the flesh between the joint
    /// and the floor. About 0.1 m at the hip, 2 cm at the toes for an adult.
    public var restingClearance: Double {
        switch bodyPart {
        case .head: return 0.16
        case .shoulders: return 0.14
        case .elbows: return 0.08
        case .hands: return self == .leftWrist || self == .rightWrist ? 0.06 : 0.04
        case .hips: return 0.2
        case .knees: return 0.1
        case .feet:
            switch self {
            case .leftAnkle, .rightAnkle: return 0.12
            case .leftHeel, .rightHeel: return 0.05
            default: return 0.04
            }
        }
    }

    public static func < (lhs: BodyLandmark, rhs: BodyLandmark) -> Bool { lhs.rawValue < rhs.rawValue }

    private static let names: [String] = [
        "nose",
        "left_eye_inner", "left_eye", "left_eye_outer",
        "right_eye_inner", "right_eye", "right_eye_outer",
        "left_ear", "right_ear",
        "mouth_left", "mouth_right",
        "left_shoulder", "right_shoulder",
        "left_elbow", "right_elbow",
        "left_wrist", "right_wrist",
        "left_pinky", "right_pinky",
        "left_index", "right_index",
        "left_thumb", "right_thumb",
        "left_hip", "right_hip",
        "left_knee", "right_knee",
        "left_ankle", "right_ankle",
        "left_heel", "right_heel",
        "left_foot_index", "right_foot_index",
    ]
}

extension BodyLandmark: CustomStringConvertible {
    public var description: String { name }
}
