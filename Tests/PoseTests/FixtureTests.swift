import Foundation
import Imaging
import Testing
@testable import Pose

/// The whole pipeline against MediaPipe 0.10.14 on the project's own drawn images
/// (Fixtures/README.md). In MediaPipe-exact mode the results are MediaPipe's to the bit on
/// this platform; the tolerances (0.01 px, 1e-5) only leave room for another libm.
@Suite(.enabled(if: TestModels.engineIsFast, TestModels.slowEngineReason))
struct FixtureTests {
    static let pixelTolerance = 0.01
    static let valueTolerance: Float = 1e-5

    /// Compares a pose with MediaPipe's; returns the largest landmark distance in pixels.
    @discardableResult
    static func compare(_ pose: Pose?, _ expected: PoseFixtures.Expectation, _ label: String) -> Double {
        guard let expectedPose = expected.pose else {
            #expect(pose == nil, "\(label): MediaPipe finds nobody, formcheck found a pose")
            return 0
        }
        guard let pose else {
            Issue.record("\(label): MediaPipe finds a pose, formcheck none")
            return .infinity
        }
        #expect(pose.imageWidth == expected.width && pose.imageHeight == expected.height)
        var worst = 0.0
        for (i, (ours, theirs)) in zip(pose.landmarks, expectedPose.landmarks).enumerated() {
            let distance = pixelDistance(ours.x, ours.y, theirs[0], theirs[1], width: expected.width, height: expected.height)
            worst = max(worst, distance)
            #expect(distance < pixelTolerance, "\(label): \(PoseLandmark.allCases[i].name) is \(distance) px from MediaPipe's")
            #expect(abs(ours.z - theirs[2]) < valueTolerance, "\(label): z of landmark \(i)")
            #expect(abs(ours.visibility - theirs[3]) < valueTolerance, "\(label): visibility of landmark \(i)")
            #expect(abs(ours.presence - theirs[4]) < valueTolerance, "\(label): presence of landmark \(i)")
        }
        for (i, (ours, theirs)) in zip(pose.worldLandmarks, expectedPose.world_landmarks).enumerated() {
            let error = max(abs(ours.x - theirs[0]), abs(ours.y - theirs[1]), abs(ours.z - theirs[2]))
            #expect(error < valueTolerance, "\(label): world landmark \(i) off by \(error) m")
        }
        let roi = pose.debug.region
        let used = [roi.xCenter, roi.yCenter, roi.width, roi.height, roi.rotation]
        #expect(zip(used, expectedPose.roi).allSatisfy { abs($0 - $1) < valueTolerance }, "\(label): region \(used) vs \(expectedPose.roi)")
        if let detection = expectedPose.detection {
            #expect(abs((pose.debug.detection?.score ?? -1) - detection.score) < valueTolerance, "\(label): detection score")
        } else {
            #expect(pose.debug.detection == nil, "\(label): MediaPipe tracked this frame, formcheck ran the detector")
        }
        return worst
    }

    @Test(arguments: PoseFixtures.expectations.images.map(\.file))
    func imageModeMatchesMediaPipe(file: String) throws {
        let expected = try #require(PoseFixtures.still(file))
        let tracker = try TestModels.tracker(.mediaPipeExact(mode: .image))
        let pose = try tracker.process(try PoseFixtures.image(file))
        Self.compare(pose, expected, file)
    }

    @Test func videoModeMatchesMediaPipeThroughTrackingAndAGap() throws {
        let tracker = try TestModels.tracker(.mediaPipeExact(mode: .video))
        var nextRegion: NormalizedRect?
        for expected in PoseFixtures.expectations.sequence {
            let pose = try tracker.process(try PoseFixtures.image(expected.file))
            Self.compare(pose, expected, expected.file)
            if let pose, let expectedNext = expected.pose?.roi_from_landmarks, let next = pose.debug.nextRegion {
                let values = [next.xCenter, next.yCenter, next.width, next.height, next.rotation]
                #expect(zip(values, expectedNext).allSatisfy { abs($0 - $1) < Self.valueTolerance }, "\(expected.file): next region")
            }
            // A frame with a tracked region must be the one the previous frame proposed.
            if let pose, pose.debug.detection == nil {
                #expect(pose.debug.region == nextRegion)
            }
            nextRegion = pose?.debug.nextRegion
        }
    }

    @Test func resetStartsTheVideoAfresh() throws {
        let tracker = try TestModels.tracker(.mediaPipeExact(mode: .video))
        let frames = try PoseFixtures.expectations.sequence.prefix(4).map { try PoseFixtures.image($0.file) }
        let first = try frames.map { try tracker.process($0)?.landmarks }
        tracker.reset()
        #expect(tracker.frameCount == 0)
        let second = try frames.map { try tracker.process($0)?.landmarks }
        #expect(first == second)
    }

    @Test func firstVideoFrameEqualsTheImageModeResult() throws {
        let file = PoseFixtures.expectations.sequence[0].file
        let image = try PoseFixtures.image(file)
        let video = try TestModels.tracker(.mediaPipeExact(mode: .video)).process(image)
        let still = try TestModels.tracker(.mediaPipeExact(mode: .image)).process(image)
        #expect(video?.landmarks == still?.landmarks)
        #expect(video?.worldLandmarks == still?.worldLandmarks)
    }

    @Test func heatmapKernelSevenGivesOtherLandmarks() throws {
        var configuration = PoseConfiguration.mediaPipeExact(mode: .image)
        configuration.heatmapKernelSize = 7
        let file = "figure_portrait_320x400.png"
        let expected = try #require(PoseFixtures.still(file)?.pose)
        let pose = try #require(try TestModels.tracker(configuration).process(try PoseFixtures.image(file)))
        let moved = zip(pose.landmarks, expected.landmarks).map { ours, theirs in
            pixelDistance(ours.x, ours.y, theirs[0], theirs[1], width: 320, height: 400)
        }
        #expect(moved.contains { $0 > 0.1 }, "kernel 7 should move some landmarks (largest move \(moved.max() ?? 0) px)")
    }

    @Test func lyingSilhouetteIsFoundOnlyWithTheTurnedRetry() throws {
        let file = "silhouette_lying_510x340.png"
        let expected = try #require(PoseFixtures.still(file))
        let joints = try #require(expected.drawn_joints_px)
        let image = try PoseFixtures.image(file)
        #expect(expected.pose == nil)
        #expect(try TestModels.tracker(.mediaPipeExact(mode: .image)).process(image) == nil)
        var withRetry = PoseConfiguration(mode: .image)
        withRetry.retryTurnedFrames = true
        let pose = try #require(try TestModels.tracker(withRetry).process(image))
        #expect(pose.debug.detectorTurn != .none)
        // The lower body lands on the drawn joints (a silhouette has no front: either side order).
        for joint in ["hip", "knee", "ankle"] {
            func error(_ ours: String, _ drawn: String) -> Double {
                let landmark = pose[PoseLandmark(name: ours)!], point = joints[drawn]!
                return ((landmark.pixelX - point[0]) * (landmark.pixelX - point[0])
                    + (landmark.pixelY - point[1]) * (landmark.pixelY - point[1])).squareRoot()
            }
            let direct = max(error("left_\(joint)", "left_\(joint)"), error("right_\(joint)", "right_\(joint)"))
            let swapped = max(error("left_\(joint)", "right_\(joint)"), error("right_\(joint)", "left_\(joint)"))
            #expect(min(direct, swapped) < 25, "\(joint)s are \(min(direct, swapped)) px from the drawn ones")
        }
    }

    @Test func retryDoesNotChangeFramesMediaPipeHandles() throws {
        let tracker = try TestModels.tracker(PoseConfiguration(mode: .image))
        for expected in PoseFixtures.expectations.images where expected.pose != nil {
            let pose = try tracker.process(try PoseFixtures.image(expected.file))
            #expect(pose?.debug.detectorTurn == DetectorTurn.none)
            Self.compare(pose, expected, expected.file)
        }
    }
}
