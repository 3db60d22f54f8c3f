/// A landmark in the image: pixel position, relative depth and how sure the model is.
public struct ImageLandmark: Sendable, Equatable {
    /// Horizontal position in pixels, from the left edge.
    public var x: Double
    /// Vertical position in pixels, from the top edge (y points down).
    public var y: Double
    /// Depth relative to the hips, in MediaPipe's units (smaller is nearer the camera).
    public var z: Double
    /// How likely the landmark is visible (not hidden by the body or outside the image), 0…1.
    public var visibility: Double
    /// How likely the landmark is present in the image at all, 0…1.
    public var presence: Double

    /// A landmark at pixel position (`x`, `y`).
    public init(x: Double, y: Double, z: Double = 0, visibility: Double = 1, presence: Double = 1) {
        self.x = x
        self.y = y
        self.z = z
        self.visibility = visibility
        self.presence = presence
    }
}

/// A landmark in world coordinates: metres, origin between the hips, y pointing down.
///
/// The axes follow MediaPipe's world landmarks: x to the right of the image, y down, z away
/// from the camera; they turn with the camera, not with gravity.
public struct WorldLandmark: Sendable, Equatable {
    /// Metres to the right (as seen in the image) of the hip centre.
    public var x: Double
    /// Metres below the hip centre (y points down).
    public var y: Double
    /// Metres further from the camera than the hip centre.
    public var z: Double

    /// A world landmark at (`x`, `y`, `z`) metres.
    public init(x: Double, y: Double, z: Double) {
        self.x = x
        self.y = y
        self.z = z
    }

    /// The position as a vector.
    public var vector: SIMD3<Double> { SIMD3(x, y, z) }
}

/// The 33 landmarks of one person in one frame, as the pose model sees them.
///
/// Image landmarks are always there; world landmarks (3D, metres) when the model gives them.
/// Geometry prefers the world landmarks: their angles do not depend on where the camera is.
public struct PoseLandmarks: Sendable, Equatable {
    /// The 33 image landmarks, indexed by ``BodyLandmark/rawValue``.
    public private(set) var image: [ImageLandmark]
    /// The 33 world landmarks, or `nil` when the model gave none.
    public private(set) var world: [WorldLandmark]?
    /// Width of the image in pixels.
    public var imageWidth: Double
    /// Height of the image in pixels.
    public var imageHeight: Double

    /// Landmarks from 33 image landmarks and, optionally, 33 world landmarks.
    ///
    /// - Throws: ``FormError/invalidPose(_:)`` when a list does not hold exactly 33 landmarks
    ///   or the image size is not positive.
    public init(image: [ImageLandmark], world: [WorldLandmark]? = nil, imageWidth: Double, imageHeight: Double) throws {
        guard image.count == BodyLandmark.count else {
            throw FormError.invalidPose("expected \(BodyLandmark.count) image landmarks, got \(image.count)")
        }
        if let world, world.count != BodyLandmark.count {
            throw FormError.invalidPose("expected \(BodyLandmark.count) world landmarks, got \(world.count)")
        }
        guard imageWidth > 0, imageHeight > 0 else {
            throw FormError.invalidPose("the image size \(imageWidth)×\(imageHeight) is not positive")
        }
        self.image = image
        self.world = world
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
    }

    /// Landmarks the caller has made itself, 33 of each and a positive image size (asserted).
    init(checked image: [ImageLandmark], world: [WorldLandmark]?, imageWidth: Double, imageHeight: Double) {
        assert(image.count == BodyLandmark.count && (world?.count ?? BodyLandmark.count) == BodyLandmark.count)
        assert(imageWidth > 0 && imageHeight > 0)
        self.image = image
        self.world = world
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
    }

    /// The image landmark `landmark`.
    public subscript(landmark: BodyLandmark) -> ImageLandmark {
        get { image[landmark.rawValue] }
        set { image[landmark.rawValue] = newValue }
    }

    /// The world landmark `landmark`, or `nil` without world landmarks.
    public func world(_ landmark: BodyLandmark) -> WorldLandmark? {
        world?[landmark.rawValue]
    }

    /// Replaces the world landmark `landmark` (no effect without world landmarks).
    public mutating func setWorld(_ landmark: BodyLandmark, _ value: WorldLandmark) {
        world?[landmark.rawValue] = value
    }

    /// The same landmarks without the world coordinates (geometry then works in the image).
    public var imageOnly: PoseLandmarks {
        var copy = self
        copy.world = nil
        return copy
    }

    /// Whether `landmark` lies inside the image.
    public func isInsideImage(_ landmark: BodyLandmark) -> Bool {
        let point = self[landmark]
        return point.x >= 0 && point.y >= 0 && point.x <= imageWidth && point.y <= imageHeight
    }
}
