import Foundation

/// A pinhole camera that sees a ``PosedBody`` the way a pose model reports it: image landmarks
/// in pixels with visibility, and world landmarks in metres (camera-aligned, y down, origin at
/// the hip centre), as MediaPipe gives them.
public struct PinholeCamera: Sendable, Equatable {
    /// Where the camera is in the room.
    public var position: Vector3
    /// The camera's axes in the room: x to the right of the image, y down it, z into the scene.
    public var axes: Rotation3
    /// Focal length in pixels.
    public var focalLength: Double
    /// Image size in pixels.
    public var imageWidth: Double, imageHeight: Double

    /// A camera at `position` looking at `target`, turned by `roll` degrees about its line of
    /// sight (positive turns the picture clockwise), with a horizontal field of view in degrees.
    public init(position: Vector3, lookingAt target: Vector3, roll: Double = 0, imageWidth: Double = 1280,
                imageHeight: Double = 720, horizontalFieldOfView: Double = 60) {
        self.position = position
        let forward = (target - position).normalized ?? Vector3(0, 0, -1)
        var right = forward.cross(Vector3(0, 1, 0)).normalized ?? Vector3(1, 0, 0)
        var down = forward.cross(right)
        let c = cos(Angle.radians(roll)), s = sin(Angle.radians(roll))
        (right, down) = (right * c + down * s, down * c - right * s)
        axes = Rotation3(x: right, y: down, z: forward)
        focalLength = imageWidth / 2 / tan(Angle.radians(horizontalFieldOfView) / 2)
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
    }

    /// A camera looking at `body` from `azimuth` degrees around it (0: from the person's left,
    /// 90: from the front — from the feet when lying on the back, from the head when lying face
    /// down —, 180: from the right, 270: from behind), `elevation` degrees above the horizontal,
    /// `distance` metres from the body's centre.
    public static func viewing(_ body: PosedBody, azimuth: Double, elevation: Double = 10, distance: Double = 3.5,
                               roll: Double = 0, imageWidth: Double = 1280, imageHeight: Double = 720) -> PinholeCamera {
        let up = Vector3(0, 1, 0)
        var left = body.orientation.x.removingComponent(along: up)
        if left.length < 0.3 {
            // Lying on a side: the left axis is vertical; take the front as the reference instead.
            left = up.cross(body.orientation.z.removingComponent(along: up))
        }
        let l = left.normalized ?? Vector3(1, 0, 0)
        let front = l.cross(up)
        let a = Angle.radians(azimuth), e = Angle.radians(elevation)
        let direction = (l * cos(a) + front * sin(a)) * cos(e) + up * sin(e)
        let target = body.centre
        return PinholeCamera(position: target + direction * distance, lookingAt: target, roll: roll,
                             imageWidth: imageWidth, imageHeight: imageHeight)
    }

    /// `point` in camera coordinates (x right, y down, z depth).
    public func cameraCoordinates(_ point: Vector3) -> Vector3 {
        let d = point - position
        return Vector3(d.dot(axes.x), d.dot(axes.y), d.dot(axes.z))
    }

    /// The pixel position of `point` (`nil` behind the camera).
    public func project(_ point: Vector3) -> (x: Double, y: Double)? {
        let c = cameraCoordinates(point)
        guard c.z > 1e-6 else { return nil }
        return (imageWidth / 2 + focalLength * c.x / c.z, imageHeight / 2 + focalLength * c.y / c.z)
    }

    /// The landmarks a pose model would report for `body`: visibility 0.99 when seen, 0.3 when
    /// hidden behind the body (with `occlusion`), 0.05 outside the picture.
    public func landmarks(of body: PosedBody, occlusion: Bool = true) -> PoseLandmarks {
        let camera = body.positions.map(cameraCoordinates)
        let hip = (camera[BodyLandmark.leftHip.rawValue] + camera[BodyLandmark.rightHip.rawValue]) / 2
        let occluded = occlusion ? OcclusionModel(camera: self, body: body).occluded : Set<BodyLandmark>()
        let image = BodyLandmark.allCases.map { landmark -> ImageLandmark in
            let c = camera[landmark.rawValue]
            let x = imageWidth / 2 + focalLength * c.x / max(c.z, 1e-6)
            let y = imageHeight / 2 + focalLength * c.y / max(c.z, 1e-6)
            let inside = c.z > 0 && x >= 0 && y >= 0 && x <= imageWidth && y <= imageHeight
            let visibility = !inside ? 0.05 : occluded.contains(landmark) ? 0.3 : 0.99
            let z = (c.z - hip.z) * focalLength / max(hip.z, 1e-6) / imageWidth
            return ImageLandmark(x: x, y: y, z: z, visibility: visibility, presence: inside ? 0.99 : 0.2)
        }
        let world = camera.map { WorldLandmark(x: $0.x - hip.x, y: $0.y - hip.y, z: $0.z - hip.z) }
        return PoseLandmarks(checked: image, world: world, imageWidth: imageWidth, imageHeight: imageHeight)
    }
}
