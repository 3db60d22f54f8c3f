/// Where a camera watches an exercise from, around the figure in its working position.
public struct Viewpoint: Sendable, Equatable {
    /// Degrees around the body (0 from the person's left, 90 the front, 180 the right, 270
    /// behind; see ``PinholeCamera/viewing(_:azimuth:elevation:distance:roll:imageWidth:imageHeight:)``).
    public var azimuth: Double
    /// Degrees above the horizontal.
    public var elevation: Double
    /// Camera roll in degrees (a tilted camera; positive turns the picture clockwise).
    public var roll: Double
    /// Metres from the body's centre.
    public var distance: Double
    /// Whether the analysis may use world landmarks from this view (else the image landmarks
    /// only, as from a 2D pose model).
    public var worldLandmarks: Bool

    /// A viewpoint `azimuth` degrees around the body, `elevation` degrees up, `distance` metres away.
    public init(azimuth: Double = 0, elevation: Double = 10, roll: Double = 0, distance: Double = 3.5,
                worldLandmarks: Bool = true) {
        self.azimuth = azimuth
        self.elevation = elevation
        self.roll = roll
        self.distance = distance
        self.worldLandmarks = worldLandmarks
    }

    /// The camera at this viewpoint around `body`, making pictures `imageWidth` × `imageHeight`
    /// pixels with a horizontal field of view of `horizontalFieldOfView` degrees.
    public func camera(for body: PosedBody, imageWidth: Double = 1280, imageHeight: Double = 720,
                       horizontalFieldOfView: Double = 60) -> PinholeCamera {
        let placed = PinholeCamera.viewing(body, azimuth: azimuth, elevation: elevation, distance: distance, roll: roll,
                                           imageWidth: imageWidth, imageHeight: imageHeight)
        guard horizontalFieldOfView != 60 else { return placed }
        return PinholeCamera(position: placed.position, lookingAt: placed.position + placed.axes.z, roll: roll,
                             imageWidth: imageWidth, imageHeight: imageHeight, horizontalFieldOfView: horizontalFieldOfView)
    }

    /// The sides of successive reps of `template` filmed from here: one side for an exercise
    /// without a working side; from the person's left (azimuth 0) or right (180), the side
    /// facing the camera (the far limb is hidden behind the body, as it is for a pose model);
    /// from the front or at an angle, alternating.
    public func workingSides(for template: ExerciseTemplate) -> [BodySide] {
        guard template.workingSide != nil else { return [.left] }
        switch azimuth {
        case 0: return [.left]
        case 180: return [.right]
        default: return [.left, .right]
        }
    }

    /// Side views from both sides (world coordinates) and one in the image only.
    public static let sideViews: [Viewpoint] = [
        Viewpoint(azimuth: 0), Viewpoint(azimuth: 180, elevation: 5), Viewpoint(azimuth: 0, elevation: 0, worldLandmarks: false),
    ]
    /// Side views of a standing figure from a camera at hip height, as on a tripod (exercises
    /// standing up have no resting landmarks to correct a tipped camera with).
    public static let standingViews: [Viewpoint] = [
        Viewpoint(azimuth: 0, elevation: 0), Viewpoint(azimuth: 180, elevation: 3),
        Viewpoint(azimuth: 0, elevation: 0, worldLandmarks: false),
    ]
    /// Front views (from the feet when lying): world and image.
    public static let frontViews: [Viewpoint] = [
        Viewpoint(azimuth: 90, elevation: 20), Viewpoint(azimuth: 90, elevation: 20, worldLandmarks: false),
    ]
    /// An oblique view, for side-to-side checks seen in world coordinates.
    public static let oblique = Viewpoint(azimuth: 45, elevation: 20)
}
