// The result of the pose pipeline for one frame: 33 named landmarks in the image and in metres.

/// A person's pose in one frame: 33 landmarks in the image and 33 world landmarks in metres.
///
/// The values are those of MediaPipe's `mp.solutions.pose` (model_complexity 1): image landmarks
/// normalised to the image size (x by width, y by height), z on the scale of x (divided by the
/// image width, smaller is nearer the camera, origin near the hips); world landmarks in metres
/// with the origin between the hips, x to the image's right, y down. `debug` tells how the pose
/// was found.
public struct Pose: Sendable {
    /// A landmark in the image.
    public struct Landmark: Sendable, Hashable {
        /// x / image width (0 at the left edge, 1 at the right; may fall outside).
        public var x: Float
        /// y / image height (0 at the top edge, 1 at the bottom; may fall outside).
        public var y: Float
        /// Depth on the scale of `x` (divided by the image width); smaller is nearer the camera.
        public var z: Float
        /// How likely the landmark is visible (not hidden, inside the image), 0…1.
        public var visibility: Float
        /// How likely the landmark is present in the frame at all, 0…1.
        public var presence: Float
        /// x in pixels, `x · width` in double precision (as MediaPipe's Python users compute it).
        public var pixelX: Double
        /// y in pixels, `y · height` in double precision.
        public var pixelY: Double

        /// A landmark from normalised coordinates; the pixel position is computed from the image size.
        public init(x: Float, y: Float, z: Float, visibility: Float, presence: Float, imageWidth: Int, imageHeight: Int) {
            self.x = x
            self.y = y
            self.z = z
            self.visibility = visibility
            self.presence = presence
            pixelX = Double(x) * Double(imageWidth)
            pixelY = Double(y) * Double(imageHeight)
        }
    }

    /// A landmark in metres, origin between the hips.
    public struct WorldLandmark: Sendable, Hashable {
        /// Metres towards the image's right.
        public var x: Float
        /// Metres towards the image's bottom.
        public var y: Float
        /// Metres away from the camera.
        public var z: Float
        /// The visibility of the matching image landmark (smoothed separately in video mode).
        public var visibility: Float
        /// The presence of the matching image landmark.
        public var presence: Float

        /// A world landmark at (`x`, `y`, `z`) metres.
        public init(x: Float, y: Float, z: Float, visibility: Float, presence: Float) {
            self.x = x
            self.y = y
            self.z = z
            self.visibility = visibility
            self.presence = presence
        }
    }

    /// Width of the image the pose was found in, in pixels.
    public var imageWidth: Int
    /// Height of the image, in pixels.
    public var imageHeight: Int
    /// The 33 image landmarks, in `PoseLandmark` order.
    public var landmarks: [Landmark]
    /// The 33 world landmarks, in `PoseLandmark` order.
    public var worldLandmarks: [WorldLandmark]
    /// How the pose was found: detection, regions, auxiliary landmarks.
    public var debug: PoseDebugInfo

    /// A pose from 33 image and 33 world landmarks.
    public init(imageWidth: Int, imageHeight: Int, landmarks: [Landmark], worldLandmarks: [WorldLandmark], debug: PoseDebugInfo) {
        precondition(landmarks.count == PoseLandmark.count && worldLandmarks.count == PoseLandmark.count,
                     "a pose has \(PoseLandmark.count) landmarks of each kind")
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.landmarks = landmarks
        self.worldLandmarks = worldLandmarks
        self.debug = debug
    }

    /// The image landmark `landmark`.
    public subscript(_ landmark: PoseLandmark) -> Landmark { landmarks[landmark.rawValue] }

    /// The world landmark `landmark`.
    public func world(_ landmark: PoseLandmark) -> WorldLandmark { worldLandmarks[landmark.rawValue] }
}

/// How a pose was found, for tests and debugging (MediaPipe's intermediate streams).
public struct PoseDebugInfo: Sendable {
    /// The detection, on frames where the detector ran (`pose_detection`), in normalised
    /// coordinates of the original image.
    public var detection: PoseDetection?
    /// The region made from the detection (`pose_rect_from_detection`).
    public var regionFromDetection: NormalizedRect?
    /// The region the landmark model looked at (`pose_rect`).
    public var region: NormalizedRect
    /// The pose-presence probability the landmark model gave for the region.
    public var poseScore: Float
    /// Auxiliary landmarks 33 (body centre) and 34 (scale and rotation point), after their
    /// filter in video mode (`auxiliary_landmarks`); unfiltered in image mode.
    public var auxiliaryLandmarks: [Pose.Landmark]
    /// The region for the next frame (`pose_rect_from_landmarks`); nil in image mode.
    public var nextRegion: NormalizedRect?
    /// The quarter turn the detector needed to find the person (`.none` unless the
    /// lying-down retry found them).
    public var detectorTurn: DetectorTurn

    /// Debug information for one frame.
    public init(detection: PoseDetection?, regionFromDetection: NormalizedRect?, region: NormalizedRect, poseScore: Float,
                auxiliaryLandmarks: [Pose.Landmark], nextRegion: NormalizedRect?, detectorTurn: DetectorTurn) {
        self.detection = detection
        self.regionFromDetection = regionFromDetection
        self.region = region
        self.poseScore = poseScore
        self.auxiliaryLandmarks = auxiliaryLandmarks
        self.nextRegion = nextRegion
        self.detectorTurn = detectorTurn
    }
}
