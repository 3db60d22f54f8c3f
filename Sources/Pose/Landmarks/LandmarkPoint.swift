// A landmark while the pipeline works on it (MediaPipe's NormalizedLandmark / Landmark).

/// A landmark with MediaPipe's five fields, in whatever frame the current stage uses
/// (crop-normalised, image-normalised, pixels or metres).
struct LandmarkPoint: Hashable {
    var x: Float
    var y: Float
    var z: Float
    var visibility: Float
    var presence: Float

    init(x: Float, y: Float, z: Float, visibility: Float = 0, presence: Float = 0) {
        self.x = x
        self.y = y
        self.z = z
        self.visibility = visibility
        self.presence = presence
    }

    /// The (x, y) pair.
    var xy: SIMD2<Float> { SIMD2(x, y) }
}
