// One stream of MediaPipe's pose filtering: visibility low-pass, then one-euro on x, y, z.

/// The filters of one landmark stream (`blazepose-pipeline.md` §12): a low-pass filter on each
/// landmark's visibility (`VisibilitySmoothingCalculator`), then a one-euro filter on each
/// coordinate (`LandmarksSmoothingCalculator`).
///
/// Image landmarks are filtered in pixels (x·W, y·H, z·W) with speeds divided by the object
/// scale, and converted back; world landmarks are filtered in metres without scaling. The
/// filters keep their state across frames; `resetCoordinates()` drops the one-euro state
/// (MediaPipe does so for image landmarks on a frame without a pose) and nothing ever resets
/// the visibility filters.
struct LandmarkSmoother {
    /// Whether values are image-normalised (filtered in pixels, speed scaled) or metres.
    enum Space {
        /// Normalised image coordinates; filtered in pixels with `1 / object scale` speeds.
        case image
        /// World metres; filtered as they are (`disable_value_scaling`).
        case world
    }

    /// Visibility weight of `VisibilitySmoothingCalculator` (`alpha: 0.1`).
    static let visibilityAlpha: Float = 0.1
    /// Objects smaller than this (pixels) are not filtered (`min_allowed_object_scale`).
    static let minObjectScale = Double(Float(1e-6))

    let space: Space
    let parameters: OneEuroFilter.Parameters
    private let count: Int
    private var visibility: [LowPassFilter]
    /// x, y and z filters of landmark i at 3i, 3i+1, 3i+2; empty after a reset.
    private var coordinates: [OneEuroFilter] = []

    /// Filters for `count` landmarks.
    init(count: Int, space: Space, parameters: OneEuroFilter.Parameters) {
        self.count = count
        self.space = space
        self.parameters = parameters
        visibility = []
        coordinates.reserveCapacity(count * 3)
    }

    /// Low-pass filters the visibility of each landmark (the filters start on first use and
    /// are never reset).
    mutating func smoothVisibility(_ landmarks: inout [LandmarkPoint]) {
        if visibility.isEmpty {
            visibility = [LowPassFilter](repeating: LowPassFilter(alpha: Self.visibilityAlpha), count: count)
        }
        for i in 0..<count {
            landmarks[i].visibility = visibility[i].apply(landmarks[i].visibility)
        }
    }

    /// One-euro filters the coordinates at `nanoseconds`. For `.image`, `objectScale` is in
    /// pixels and the image size converts to pixels and back; for `.world` both are unused.
    mutating func smoothCoordinates(_ landmarks: inout [LandmarkPoint], nanoseconds: Int64, objectScale: Float,
                                    imageWidth: Int, imageHeight: Int) {
        if space == .image { Self.toPixels(&landmarks, imageWidth: imageWidth, imageHeight: imageHeight) }
        defer { if space == .image { Self.toNormalized(&landmarks, imageWidth: imageWidth, imageHeight: imageHeight) } }
        if coordinates.isEmpty {
            coordinates.append(contentsOf: repeatElement(OneEuroFilter(parameters), count: count * 3))
        }
        var valueScale: Float = 1
        if space == .image {
            guard Double(objectScale) >= Self.minObjectScale else { return }
            valueScale = 1 / objectScale
        }
        for i in 0..<count {
            landmarks[i].x = coordinates[3 * i].apply(landmarks[i].x, nanoseconds: nanoseconds, valueScale: valueScale)
            landmarks[i].y = coordinates[3 * i + 1].apply(landmarks[i].y, nanoseconds: nanoseconds, valueScale: valueScale)
            landmarks[i].z = coordinates[3 * i + 2].apply(landmarks[i].z, nanoseconds: nanoseconds, valueScale: valueScale)
        }
    }

    /// Drops the one-euro state: the next frame passes through and starts afresh.
    mutating func resetCoordinates() {
        coordinates.removeAll(keepingCapacity: true)
    }

    /// `NormalizedLandmarksToLandmarks`: x·W, y·H, z·W in f32.
    static func toPixels(_ landmarks: inout [LandmarkPoint], imageWidth: Int, imageHeight: Int) {
        let w = Float(imageWidth), h = Float(imageHeight)
        for i in landmarks.indices {
            landmarks[i].x *= w
            landmarks[i].y *= h
            landmarks[i].z *= w
        }
    }

    /// `LandmarksToNormalizedLandmarks`: x/W, y/H, z/W in f32.
    static func toNormalized(_ landmarks: inout [LandmarkPoint], imageWidth: Int, imageHeight: Int) {
        let w = Float(imageWidth), h = Float(imageHeight)
        for i in landmarks.indices {
            landmarks[i].x /= w
            landmarks[i].y /= h
            landmarks[i].z /= w
        }
    }
}
