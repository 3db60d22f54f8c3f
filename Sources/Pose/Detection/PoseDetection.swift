// One person found by the pose detector.

/// A detection of the pose detector: a score, a face box and four body keypoints.
///
/// Coordinates are normalised: to the letterboxed 224×224 tensor while decoding, to the original
/// image once the letterbox is removed (`blazepose-pipeline.md` §6–§7). The keypoints are
/// 0 = mid-hip centre, 1 = a point whose offset from 0 gives the body's size and rotation,
/// 2 = mid-shoulder centre, 3 = the same as 1 for the upper body. Only 0 and 1 make the region.
public struct PoseDetection: Sendable, Hashable {
    /// Probability that this is a person (sigmoid of the model's logit).
    public var score: Float
    /// Left edge of the face box.
    public var xmin: Float
    /// Top edge of the face box.
    public var ymin: Float
    /// Width of the face box.
    public var width: Float
    /// Height of the face box.
    public var height: Float
    /// Keypoints 0…3 as (x0, y0, x1, y1, x2, y2, x3, y3).
    public var keypointCoordinates: SIMD8<Float>

    /// A detection from its score, box and keypoint coordinates (x0, y0, …, x3, y3).
    public init(score: Float, xmin: Float, ymin: Float, width: Float, height: Float, keypointCoordinates: SIMD8<Float>) {
        self.score = score
        self.xmin = xmin
        self.ymin = ymin
        self.width = width
        self.height = height
        self.keypointCoordinates = keypointCoordinates
    }

    /// Number of keypoints (4).
    public static let keypointCount = 4

    /// Keypoint `index` (0…3) as (x, y).
    public func keypoint(_ index: Int) -> SIMD2<Float> {
        SIMD2(keypointCoordinates[2 * index], keypointCoordinates[2 * index + 1])
    }
}

/// A quarter turn under which the detector looked at the frame.
public enum DetectorTurn: Sendable, Hashable {
    /// The frame as it is (MediaPipe's only attempt).
    case none
    /// The frame turned a quarter clockwise: a person lying with the head to the left stands up.
    case clockwise
    /// The frame turned a quarter counter-clockwise: a person lying with the head to the right stands up.
    case counterClockwise
}
