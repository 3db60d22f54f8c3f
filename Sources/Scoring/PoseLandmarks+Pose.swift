import Form
import Pose

extension PoseLandmarks {
    /// The Form module's landmarks of a pose found by the Pose module: pixel positions,
    /// MediaPipe's normalised depth, visibility and presence, and the world landmarks in metres.
    ///
    /// Pose and Form do not know each other; this is where the two meet. Both use MediaPipe's
    /// 33 landmarks in the same order, so landmark `i` of one is landmark `i` of the other.
    public init(_ pose: Pose) {
        let image = pose.landmarks.map { landmark in
            ImageLandmark(x: landmark.pixelX, y: landmark.pixelY, z: Double(landmark.z),
                          visibility: Double(landmark.visibility), presence: Double(landmark.presence))
        }
        let world = pose.worldLandmarks.map { WorldLandmark(x: Double($0.x), y: Double($0.y), z: Double($0.z)) }
        do {
            try self.init(image: image, world: world, imageWidth: Double(pose.imageWidth), imageHeight: Double(pose.imageHeight))
        } catch {
            // A `Pose` always holds 33 landmarks of each kind for an image with pixels.
            preconditionFailure("a Pose with \(pose.landmarks.count) landmarks in a \(pose.imageWidth)x\(pose.imageHeight) image: \(error)")
        }
    }
}
