@testable import Form
import TestSupport

/// How a synthetic figure is filmed: from where, with what noise, with which landmarks hidden.
struct Observation {
    /// Degrees around the body (0 from the left, 90 front, 180 right, 270 behind).
    var azimuth: Double = 0
    /// Degrees above the horizontal.
    var elevation: Double = 10
    /// Camera roll in degrees (a tilted camera).
    var roll: Double = 0
    /// Metres from the body.
    var distance: Double = 3.5
    /// Whether the geometry may use world landmarks (else the image only).
    var world = true
    /// Pixel noise (standard deviation), independent per landmark and frame.
    var pixelNoise: Double = 0
    /// World noise in metres.
    var worldNoise: Double = 0
    /// Landmarks reported as not visible.
    var hidden: Set<BodyLandmark> = []
    /// Whether the body hides its own far side (visibility 0.3).
    var occlusion = true

    static let leftSide = Observation(azimuth: 0)
    static let rightSide = Observation(azimuth: 180)
    /// An oblique view, for side-to-side checks seen in world coordinates.
    static let oblique = Observation(Viewpoint.oblique)

    /// A noisy copy of this observation.
    func noisy(pixels: Double = 2.5, metres: Double = 0.012) -> Observation {
        var copy = self
        copy.pixelNoise = pixels
        copy.worldNoise = metres
        return copy
    }

    /// The camera of this observation, placed around `body`.
    func camera(for body: PosedBody) -> PinholeCamera {
        PinholeCamera.viewing(body, azimuth: azimuth, elevation: elevation, distance: distance, roll: roll)
    }

    /// The landmarks `camera` (by default one placed around `body`) reports for `body`, with this
    /// observation's noise and hiding.
    func landmarks(of body: PosedBody, camera fixed: PinholeCamera? = nil, random: inout SeededRandom) -> PoseLandmarks {
        let camera = fixed ?? camera(for: body)
        var pose = camera.landmarks(of: body, occlusion: occlusion)
        for landmark in BodyLandmark.allCases {
            var point = pose[landmark]
            if pixelNoise > 0 {
                point.x += random.gaussian(pixelNoise)
                point.y += random.gaussian(pixelNoise)
            }
            if hidden.contains(landmark) { point.visibility = 0.05 }
            pose[landmark] = point
            if worldNoise > 0, let w = pose.world(landmark) {
                pose.setWorld(landmark, WorldLandmark(x: w.x + random.gaussian(worldNoise), y: w.y + random.gaussian(worldNoise),
                                                      z: w.z + random.gaussian(worldNoise)))
            }
        }
        return world ? pose : pose.imageOnly
    }
}

extension Observation {
    /// A noiseless observation from `viewpoint`.
    init(_ viewpoint: Viewpoint) {
        self.init(azimuth: viewpoint.azimuth, elevation: viewpoint.elevation, roll: viewpoint.roll,
                  distance: viewpoint.distance, world: viewpoint.worldLandmarks)
    }
}
