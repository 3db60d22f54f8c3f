import Foundation
import Testing
@testable import Form
import TestSupport

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

extension GeometryTests {
    @Test("elbow, shoulder and ankle angles within 2°", arguments: [(40.0, 60.0, 10.0), (90, 120, -20), (130, 170, 15)])
    func armAndAnkle(elbow: Double, shoulder: Double, ankle: Double) {
        var pose = SkeletonPose()
        pose.elbowFlexion = LeftRight(both: elbow)
        pose.shoulderFlexion = LeftRight(both: shoulder)
        pose.ankleFlexion = LeftRight(both: ankle)
        pose.kneeFlexion = LeftRight(both: 20)
        pose.hipFlexion = LeftRight(both: 20)
        for (name, view) in Self.views {
            let m = Self.measure(pose, Placement(.standing), view)
            #expect(abs((m.measure(.elbowAngle, on: .left).value ?? 0) - (180 - elbow)) < 2, "\(name) elbow")
            #expect(abs((m.measure(.shoulderAngle, on: .left).value ?? 0) - shoulder) < 2, "\(name) shoulder")
            // The foot points 90° from the shin plus the toe's drop below the ankle (atan(0.8 h / forefoot)).
            let b = Self.skeleton.proportions
            let neutral = 90 + atan(0.8 * b.ankleHeight / b.forefoot) * 180 / .pi
            #expect(abs((m.measure(.ankleAngle, on: .left).value ?? 0) - (neutral - ankle)) < 2, "\(name) ankle")
        }
    }

    @Test("noise: the mean knee angle stays within 2°", arguments: [0.0, 90.0])
    func noisyMean(azimuth: Double) {
        var pose = SkeletonPose()
        pose.kneeFlexion = LeftRight(both: 70)
        pose.hipFlexion = LeftRight(both: 60)
        let view = Observation(azimuth: azimuth, elevation: 0).noisy()
        let values = (0..<60).compactMap { Self.measure(pose, Placement(.standing), view, seed: UInt64($0)).measure(MeasureRef(.kneeAngle, .best)).value }
        let mean = values.reduce(0, +) / Double(values.count)
        #expect(values.count == 60 && abs(mean - 110) < 2, "mean \(mean)")
    }

    @Test("a tilted camera: the floor found from resting landmarks keeps inclinations true",
          arguments: [(0.0, true), (12.0, true), (-12.0, true), (12.0, false)])
    func tiltedCamera(roll: Double, world: Bool) throws {
        // A bridge at the top: shoulders and heels on the floor, trunk inclined up to the hips.
        let bridge = try #require(MotionCatalog.motion("bridge")).target
        let body = bridge.body(Self.skeleton)
        var random = SeededRandom(seed: 1)
        let pose = Observation(azimuth: 0, elevation: 0, roll: roll, world: world).landmarks(of: body, random: &random)
        let geometry = PoseGeometry(pose: pose)
        let contacts = [BodyLandmark.leftShoulder, .rightShoulder, .leftHeel, .rightHeel]
        let truth = TruthMeasurer.measurer(bridge, floor: contacts).measure(MeasureRef(.trunkInclination)).value ?? .nan
        let withFloor = BodyMeasurer(geometry: geometry, floorContacts: contacts)
        let cameraOnly = BodyMeasurer(geometry: geometry)
        let corrected = withFloor.measure(MeasureRef(.trunkInclination)).value ?? .nan
        #expect(abs(corrected - truth) < 2, "with the floor: \(corrected) vs \(truth)")
        #expect(withFloor.floor.source != .camera)
        if roll != 0 {
            let uncorrected = cameraOnly.measure(MeasureRef(.trunkInclination)).value ?? .nan
            #expect(abs(uncorrected - truth) > 8, "the camera's own up is off by the roll: \(uncorrected)")
        }
    }

    @Test("a resting landmark that lifts is left out of the floor")
    func liftedContact() throws {
        // On hands and knees; the left hand lifted 15 cm by hand.
        let frame = ExerciseMotion.Frame(pose: BasePoses.allFours, placement: BasePoses.onAllFours) { positions in
            var lifted = positions
            lifted[BodyLandmark.leftWrist.rawValue].y += 0.15
            return lifted
        }
        let body = frame.body(Self.skeleton)
        var random = SeededRandom(seed: 1)
        let pose = Observation(azimuth: 30, elevation: 15, occlusion: false).landmarks(of: body, random: &random)
        let contacts = [BodyLandmark.leftWrist, .rightWrist, .leftKnee, .rightKnee, .leftFootIndex, .rightFootIndex]
        let measurer = BodyMeasurer(geometry: PoseGeometry(pose: pose), floorContacts: contacts)
        #expect(!measurer.floor.landmarks.contains(.leftWrist))
        #expect(measurer.floor.source == .plane)
        let truth = TruthMeasurer.measurer(frame, floor: contacts).measure(.thighInclination, on: .right).value ?? .nan
        #expect(abs((measurer.measure(.thighInclination, on: .right).value ?? .nan) - truth) < 2)
    }

    @Test("the camera's view is told from the picture", arguments: [(0.0, CameraView.side), (90, .front), (45, .oblique), (180, .side)])
    func views(azimuth: Double, expected: CameraView) {
        var random = SeededRandom(seed: 1)
        let pose = Observation(azimuth: azimuth, elevation: 0).landmarks(of: Self.skeleton.place(SkeletonPose(), Placement(.standing)), random: &random)
        #expect(CameraView.estimate(pose, visibilityThreshold: 0.5)?.view == expected)
    }

    @Test("a measurement lists its landmarks and which were hidden")
    func trust() {
        var view = Observation(azimuth: 0, elevation: 0)
        view.hidden = [.leftAnkle]
        var pose = SkeletonPose()
        pose.kneeFlexion = LeftRight(both: 30)
        let m = Self.measure(pose, Placement(.standing), view)
        let knee = m.measure(.kneeAngle, on: .left)
        #expect(knee.landmarks == [.leftHip, .leftKnee, .leftAnkle])
        #expect(knee.hidden == [.leftAnkle] && !knee.isTrusted && knee.trustedValue == nil && knee.value != nil)
        // From the side, side-to-side measures need another view.
        #expect(m.measure(.pelvisLevel, on: .left).neededView == .front)
    }
}
