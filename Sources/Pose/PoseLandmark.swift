// The 33 body landmarks of BlazePose, in MediaPipe's index order.

/// One of the 33 body landmarks, with MediaPipe's index as raw value.
///
/// The order and the names (`name`) are MediaPipe's `PoseLandmark` enumeration
/// (`blazepose-pipeline.md` Appendix A). "Left" and "right" are the person's own sides.
public enum PoseLandmark: Int, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// The tip of the nose (0).
    case nose = 0
    /// The left eye's inner corner, centre and outer corner (1–3).
    case leftEyeInner, leftEye, leftEyeOuter
    /// The right eye's inner corner, centre and outer corner (4–6).
    case rightEyeInner, rightEye, rightEyeOuter
    /// The ears (7, 8).
    case leftEar, rightEar
    /// The corners of the mouth (9, 10).
    case mouthLeft, mouthRight
    /// The shoulders (11, 12).
    case leftShoulder, rightShoulder
    /// The elbows (13, 14).
    case leftElbow, rightElbow
    /// The wrists (15, 16).
    case leftWrist, rightWrist
    /// The knuckles of the little fingers (17, 18).
    case leftPinky, rightPinky
    /// The knuckles of the index fingers (19, 20).
    case leftIndex, rightIndex
    /// The thumbs (21, 22).
    case leftThumb, rightThumb
    /// The hips (23, 24).
    case leftHip, rightHip
    /// The knees (25, 26).
    case leftKnee, rightKnee
    /// The ankles (27, 28).
    case leftAnkle, rightAnkle
    /// The heels (29, 30).
    case leftHeel, rightHeel
    /// The tips of the big toes (31, 32).
    case leftFootIndex, rightFootIndex

    /// Number of body landmarks (33).
    public static let count = 33

    /// MediaPipe's snake-case name ("left_eye_inner"), as in its JSON and Python API.
    public var name: String { Self.names[rawValue] }

    /// The landmark with MediaPipe's snake-case name, if there is one.
    public init?(name: String) {
        guard let index = Self.names.firstIndex(of: name) else { return nil }
        self.init(rawValue: index)
    }

    /// The snake-case name.
    public var description: String { name }

    private static let names = [
        "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner",
        "right_eye", "right_eye_outer", "left_ear", "right_ear", "mouth_left",
        "mouth_right", "left_shoulder", "right_shoulder", "left_elbow", "right_elbow",
        "left_wrist", "right_wrist", "left_pinky", "right_pinky", "left_index",
        "right_index", "left_thumb", "right_thumb", "left_hip", "right_hip",
        "left_knee", "right_knee", "left_ankle", "right_ankle", "left_heel",
        "right_heel", "left_foot_index", "right_foot_index",
    ]

    /// The bones MediaPipe draws (`POSE_CONNECTIONS` of `mp.solutions.pose`), 35 pairs.
    public static let connections: [(PoseLandmark, PoseLandmark)] = [
        (.nose, .rightEyeInner), (.rightEyeInner, .rightEye), (.rightEye, .rightEyeOuter),
        (.rightEyeOuter, .rightEar), (.nose, .leftEyeInner), (.leftEyeInner, .leftEye),
        (.leftEye, .leftEyeOuter), (.leftEyeOuter, .leftEar), (.mouthRight, .mouthLeft),
        (.rightShoulder, .leftShoulder), (.rightShoulder, .rightElbow), (.rightElbow, .rightWrist),
        (.rightWrist, .rightPinky), (.rightWrist, .rightIndex), (.rightWrist, .rightThumb),
        (.rightPinky, .rightIndex), (.leftShoulder, .leftElbow), (.leftElbow, .leftWrist),
        (.leftWrist, .leftPinky), (.leftWrist, .leftIndex), (.leftWrist, .leftThumb),
        (.leftPinky, .leftIndex), (.rightShoulder, .rightHip), (.leftShoulder, .leftHip),
        (.rightHip, .leftHip), (.rightHip, .rightKnee), (.leftHip, .leftKnee),
        (.rightKnee, .rightAnkle), (.leftKnee, .leftAnkle), (.rightAnkle, .rightHeel),
        (.leftAnkle, .leftHeel), (.rightHeel, .rightFootIndex), (.leftHeel, .leftFootIndex),
        (.rightAnkle, .rightFootIndex), (.leftAnkle, .leftFootIndex),
    ]
}
