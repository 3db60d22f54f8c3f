/// Landmark positions in one coordinate space, with which of them can be trusted.
///
/// Works in world coordinates (metres, 3D) when the pose has them, else in image pixels
/// (2D, z = 0). Both spaces have y pointing down, so "up" starts as (0, −1, 0) in either.
public struct PoseGeometry: Sendable {
    /// Which coordinates the geometry works in.
    public enum Space: String, Sendable {
        /// World landmarks: 3D metres, angles independent of the camera position.
        case world
        /// Image landmarks: 2D pixels; angles are true only in the plane facing the camera.
        case image
    }

    /// The space of ``position(_:)``.
    public let space: Space
    /// The up direction of the camera (y points down in both spaces).
    public let cameraUp = Vector3(0, -1, 0)
    /// The pose the geometry was made from.
    public let pose: PoseLandmarks
    /// The lowest visibility (and presence) a landmark needs to be trusted.
    public let visibilityThreshold: Double
    private let positions: [Vector3]

    /// Geometry of `pose`, in world coordinates when it has them and `preferWorld` is true.
    public init(pose: PoseLandmarks, visibilityThreshold: Double = 0.5, preferWorld: Bool = true) {
        self.pose = pose
        self.visibilityThreshold = visibilityThreshold
        if preferWorld, let world = pose.world {
            space = .world
            positions = world.map(\.vector)
        } else {
            space = .image
            positions = pose.image.map { Vector3($0.x, $0.y, 0) }
        }
    }

    /// The position of `landmark` in ``space``.
    public func position(_ landmark: BodyLandmark) -> Vector3 { positions[landmark.rawValue] }

    /// How sure the model is that `landmark` is visible: the lower of visibility and presence.
    public func confidence(_ landmark: BodyLandmark) -> Double {
        let point = pose[landmark]
        return min(point.visibility, point.presence)
    }

    /// Whether `landmark` is visible enough to measure with.
    public func isTrusted(_ landmark: BodyLandmark) -> Bool {
        confidence(landmark) >= visibilityThreshold
    }

    /// A point made from landmarks, with the landmarks it used.
    public struct Point: Sendable {
        /// The position in ``PoseGeometry/space``.
        public var position: Vector3
        /// The landmarks the point was made from.
        public var landmarks: [BodyLandmark]
    }

    /// The landmark `joint` on `side`.
    public func point(_ joint: Joint, _ side: BodySide) -> Point {
        let landmark = joint.landmark(side)
        return Point(position: position(landmark), landmarks: [landmark])
    }

    /// The landmark `landmark` as a point.
    public func point(_ landmark: BodyLandmark) -> Point {
        Point(position: position(landmark), landmarks: [landmark])
    }

    /// The midpoint of the left and right `joint`; when only one of them is trusted, that one
    /// (the midline is then off by half the body's width, which no measure here is sensitive to).
    public func midpoint(_ joint: Joint) -> Point {
        let pair = joint.landmarks
        switch (isTrusted(pair.left), isTrusted(pair.right)) {
        case (true, false): return point(pair.left)
        case (false, true): return point(pair.right)
        default:
            return Point(position: (position(pair.left) + position(pair.right)) / 2, landmarks: [pair.left, pair.right])
        }
    }

    /// The side whose `landmarks` are seen best (highest lowest confidence), for measures that
    /// can be taken on either side.
    public func bestSide(for joints: [Joint]) -> BodySide {
        func score(_ side: BodySide) -> Double {
            joints.map { confidence($0.landmark(side)) }.min() ?? 0
        }
        let left = score(.left), right = score(.right)
        if abs(left - right) > 1e-9 { return left > right ? .left : .right }
        // Equal confidence: take the side nearer the camera (smaller z).
        let leftDepth = joints.map { pose[$0.landmark(.left)].z }.reduce(0, +)
        let rightDepth = joints.map { pose[$0.landmark(.right)].z }.reduce(0, +)
        return leftDepth <= rightDepth ? .left : .right
    }

    /// The unit vector from the left to the right hip, or `nil` when the hips coincide.
    public var towardRight: Vector3? {
        (position(.rightHip) - position(.leftHip)).normalized
    }
}
