/// A landmark that exists on both sides of the body, named without its side (`knee`, `shoulder`).
///
/// Templates name points this way (`floor: [wrist, knee]`); the analysis picks the side.
public enum Joint: String, CaseIterable, Sendable {
    case eye, ear, mouth
    case shoulder, elbow, wrist, pinky, index, thumb
    case hip, knee, ankle, heel
    case footIndex = "foot_index"

    /// The landmark of this joint on `side`.
    public func landmark(_ side: BodySide) -> BodyLandmark {
        let left: BodyLandmark
        switch self {
        case .eye: left = .leftEye
        case .ear: left = .leftEar
        case .mouth: left = .mouthLeft
        case .shoulder: left = .leftShoulder
        case .elbow: left = .leftElbow
        case .wrist: left = .leftWrist
        case .pinky: left = .leftPinky
        case .index: left = .leftIndex
        case .thumb: left = .leftThumb
        case .hip: left = .leftHip
        case .knee: left = .leftKnee
        case .ankle: left = .leftAnkle
        case .heel: left = .leftHeel
        case .footIndex: left = .leftFootIndex
        }
        return side == .left ? left : left.mirrored
    }

    /// Both landmarks of this joint.
    public var landmarks: LeftRight<BodyLandmark> {
        LeftRight(left: landmark(.left), right: landmark(.right))
    }
}
