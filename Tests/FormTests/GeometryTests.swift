import Testing
@testable import Form

/// Angles measured from a posed figure agree with the joint angles it was posed with.
@Suite("Geometry against the posable skeleton")
struct GeometryTests {
    static let skeleton = Skeleton()

    static func measure(_ pose: SkeletonPose, _ placement: Placement, _ observation: Observation, seed: UInt64 = 1,
                        floor: [BodyLandmark] = []) -> BodyMeasurer {
        var random = SeededRandom(seed: seed)
        let body = skeleton.place(pose, placement)
        let landmarks = observation.landmarks(of: body, random: &random)
        return BodyMeasurer(geometry: PoseGeometry(pose: landmarks), floorContacts: floor)
    }

    static let views: [(String, Observation)] = [
        ("left side, image", Observation(azimuth: 0, elevation: 0, world: false)),
        ("right side, image", Observation(azimuth: 180, elevation: 0, world: false)),
        ("left side, world", Observation(azimuth: 0)),
        ("front, world", Observation(azimuth: 90)),
        ("oblique, world", Observation(azimuth: 40, elevation: 25)),
        ("tilted camera, world", Observation(azimuth: 200, roll: 12)),
        ("tilted camera, image", Observation(azimuth: 0, elevation: 0, roll: 12, world: false)),
    ]

    @Test("knee and hip angles within 2° in every view", arguments: [(30.0, 45.0), (90, 90), (120, 60), (10, 100)])
    func kneeAndHip(knee: Double, hip: Double) {
        var pose = SkeletonPose()
        pose.kneeFlexion = LeftRight(both: knee)
        pose.hipFlexion = LeftRight(both: hip)
        for (name, view) in Self.views {
            let m = Self.measure(pose, Placement(.standing), view)
            let kneeAngle = m.measure(MeasureRef(.kneeAngle, .best))
            let hipAngle = m.measure(MeasureRef(.hipAngle, .best))
            #expect(kneeAngle.isTrusted, "\(name)")
            #expect(abs((kneeAngle.value ?? 0) - (180 - knee)) < 2, "\(name): knee \(kneeAngle.value ?? .nan)")
            #expect(abs((hipAngle.value ?? 0) - (180 - hip)) < 2, "\(name): hip \(hipAngle.value ?? .nan)")
        }
    }
}
