import Testing
@testable import Form

@Suite("Landmarks")
struct LandmarkTests {
    @Test("33 landmarks in MediaPipe's order with MediaPipe's names")
    func namesAndIndices() {
        #expect(BodyLandmark.allCases.count == 33)
        #expect(BodyLandmark.nose.rawValue == 0 && BodyLandmark.nose.name == "nose")
        #expect(BodyLandmark.leftShoulder.rawValue == 11 && BodyLandmark.leftShoulder.name == "left_shoulder")
        #expect(BodyLandmark.rightFootIndex.rawValue == 32 && BodyLandmark.rightFootIndex.name == "right_foot_index")
        for landmark in BodyLandmark.allCases {
            #expect(BodyLandmark(name: landmark.name) == landmark)
        }
        #expect(BodyLandmark(name: "left_toe") == nil)
    }

    @Test("sides and mirror images", arguments: BodyLandmark.allCases)
    func mirrors(landmark: BodyLandmark) {
        #expect(landmark.mirrored.mirrored == landmark)
        #expect(landmark.mirrored.side == landmark.side?.opposite)
        if let side = landmark.side {
            #expect(landmark.name.hasPrefix(side.rawValue) || landmark.name.hasPrefix("mouth_\(side.rawValue)"))
        }
    }

    @Test("joints name both sides")
    func joints() {
        #expect(Joint.knee.landmark(.left) == .leftKnee && Joint.knee.landmark(.right) == .rightKnee)
        #expect(Joint.footIndex.landmarks == LeftRight(left: .leftFootIndex, right: .rightFootIndex))
        #expect(Joint.allCases.allSatisfy { $0.landmark(.left).mirrored == $0.landmark(.right) })
    }

    @Test("a pose needs 33 landmarks and a positive image size")
    func poseValidation() {
        let one = ImageLandmark(x: 1, y: 1)
        #expect(throws: FormError.invalidPose("expected 33 image landmarks, got 32")) {
            try PoseLandmarks(image: Array(repeating: one, count: 32), imageWidth: 10, imageHeight: 10)
        }
        #expect(throws: FormError.self) {
            try PoseLandmarks(image: Array(repeating: one, count: 33), imageWidth: 0, imageHeight: 10)
        }
        let world = Array(repeating: WorldLandmark(x: 0, y: 0, z: 0), count: 33)
        #expect((try? PoseLandmarks(image: Array(repeating: one, count: 33), world: world, imageWidth: 10, imageHeight: 10))?.imageOnly.world == nil)
    }
}
