import Form
import Pose
import Scoring
import Testing

/// Pose (the model's output) to Form's landmarks.
@Suite struct PoseConversionTests {
    /// A pose whose landmark `i` sits at pixel (10 i, 20 i) of a 640×480 image, world (i, −i, 2i) cm.
    static func pose() -> Pose {
        let landmarks = (0..<PoseLandmark.count).map { i in
            Pose.Landmark(x: Float(i) * 10 / 640, y: Float(i) * 20 / 480, z: Float(i) / 100,
                          visibility: 0.9, presence: Float(i) / 40, imageWidth: 640, imageHeight: 480)
        }
        let world = (0..<PoseLandmark.count).map { i in
            Pose.WorldLandmark(x: Float(i) / 100, y: -Float(i) / 100, z: Float(2 * i) / 100, visibility: 0.9, presence: 0.8)
        }
        let debug = PoseDebugInfo(detection: nil, regionFromDetection: nil,
                                  region: NormalizedRect(xCenter: 0.5, yCenter: 0.5, width: 1, height: 1, rotation: 0),
                                  poseScore: 1, auxiliaryLandmarks: [], nextRegion: nil, detectorTurn: .none)
        return Pose(imageWidth: 640, imageHeight: 480, landmarks: landmarks, worldLandmarks: world, debug: debug)
    }

    @Test func everyLandmarkKeepsItsPlaceAndValues() throws {
        let pose = Self.pose()
        let landmarks = PoseLandmarks(pose)
        #expect(landmarks.imageWidth == 640 && landmarks.imageHeight == 480)
        for body in BodyLandmark.allCases {
            let i = Double(body.rawValue)
            let point = landmarks[body]
            #expect(abs(point.x - 10 * i) < 1e-3 && abs(point.y - 20 * i) < 1e-3)
            #expect(abs(point.z - i / 100) < 1e-6)
            #expect(abs(point.visibility - 0.9) < 1e-6 && abs(point.presence - i / 40) < 1e-6)
            let world = try #require(landmarks.world(body))
            #expect(abs(world.x - i / 100) < 1e-6 && abs(world.y + i / 100) < 1e-6 && abs(world.z - 2 * i / 100) < 1e-6)
            // Both modules name the landmark the same way.
            #expect(PoseLandmark(rawValue: body.rawValue)?.name == body.name)
        }
    }
}
