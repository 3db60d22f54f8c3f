import Testing
@testable import Form

/// The posable figure: segment lengths, placement on the floor, the camera, occlusion.
@Suite("Posable skeleton")
struct SkeletonTests {
    static let skeleton = Skeleton()

    @Test("segments keep their lengths in any pose")
    func lengths() {
        var pose = SkeletonPose()
        pose.hipFlexion = LeftRight(left: 70, right: -20)
        pose.kneeFlexion = LeftRight(left: 100, right: 10)
        pose.shoulderFlexion.left = 150
        pose.elbowFlexion.left = 60
        pose.trunkFlexion = 30
        let p = Self.skeleton.bodyPositions(pose)
        func distance(_ a: BodyLandmark, _ b: BodyLandmark) -> Double { (p[a.rawValue] - p[b.rawValue]).length }
        let b = Self.skeleton.proportions
        #expect(abs(distance(.leftHip, .leftKnee) - b.thigh) < 1e-9)
        #expect(abs(distance(.rightKnee, .rightAnkle) - b.shin) < 1e-9)
        #expect(abs(distance(.leftShoulder, .leftElbow) - b.upperArm) < 1e-9)
        #expect(abs(distance(.leftElbow, .leftWrist) - b.forearm) < 1e-9)
        #expect(abs(distance(.leftHip, .rightHip) - b.hipWidth) < 1e-9)
        #expect(abs(distance(.leftShoulder, .rightShoulder) - b.shoulderWidth) < 1e-9)
    }

    @Test("flexion moves limbs forward, the mirror swaps sides")
    func signs() {
        var pose = SkeletonPose()
        pose.hipFlexion.left = 90
        pose.shoulderFlexion.right = 90
        let p = Self.skeleton.bodyPositions(pose)
        // Body frame: x left, y up, z forward.
        #expect(p[BodyLandmark.leftKnee.rawValue].z > 0.4 && p[BodyLandmark.rightElbow.rawValue].z > 0.3)
        #expect(p[BodyLandmark.nose.rawValue].z > 0.05 && p[BodyLandmark.leftHip.rawValue].x > 0)
        let mirrored = Self.skeleton.bodyPositions(pose.mirrored)
        for landmark in BodyLandmark.allCases {
            let a = p[landmark.rawValue], b = mirrored[landmark.mirrored.rawValue]
            #expect((a - Vector3(-b.x, b.y, b.z)).length < 1e-9)
        }
    }

    @Test("placement rests the figure on the floor; levelling rests two landmarks")
    func placement() {
        let standing = Self.skeleton.place(SkeletonPose(), Placement(.standing))
        let lowest = BodyLandmark.allCases.map { standing[$0].y - Self.skeleton.clearance($0) }.min() ?? 1
        #expect(abs(lowest) < 1e-9)
        #expect(standing[.nose].y > 1.5)
        let plank = Self.skeleton.place(BasePoses.forearmPlank, BasePoses.onForearmsAndToes)
        let elbow = plank[.leftElbow].y - Self.skeleton.clearance(.leftElbow)
        let toes = plank[.leftFootIndex].y - Self.skeleton.clearance(.leftFootIndex)
        #expect(abs(elbow - toes) < 1e-6 && abs(min(elbow, toes)) < 0.01)
    }

    @Test("the camera's image and world landmarks agree with the room")
    func camera() {
        let body = Self.skeleton.place(SkeletonPose(), Placement(.standing))
        let camera = PinholeCamera.viewing(body, azimuth: 30, elevation: 15)
        let pose = camera.landmarks(of: body, occlusion: false)
        for landmark in BodyLandmark.allCases {
            let pixel = camera.project(body[landmark])
            #expect(abs((pixel?.x ?? 0) - pose[landmark].x) < 1e-6 && abs((pixel?.y ?? 0) - pose[landmark].y) < 1e-6)
            let world = pose.world(landmark)?.vector ?? .zero
            let expected = (body[landmark] - body.hipCentre).length
            #expect(abs(world.length - expected) < 1e-9, "world landmarks keep distances")
        }
        #expect(pose.world(.leftAnkle)?.y ?? 0 > 0.5, "world y points down")
    }

    @Test("from the side the far limbs are hidden, from the front none are")
    func occlusion() {
        let body = Self.skeleton.place(SkeletonPose(), Placement(.standing))
        let side = PinholeCamera.viewing(body, azimuth: 0).landmarks(of: body)
        #expect(side[.leftKnee].visibility > 0.9 && side[.rightKnee].visibility < 0.5)
        #expect(side[.rightHip].visibility > 0.9, "hips are never hidden")
        let front = PinholeCamera.viewing(body, azimuth: 90).landmarks(of: body)
        #expect(BodyLandmark.allCases.allSatisfy { front[$0].visibility > 0.9 })
    }
}
