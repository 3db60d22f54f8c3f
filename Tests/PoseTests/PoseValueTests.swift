import Foundation
import Imaging
import Testing
@testable import Pose

/// The public values: landmark names, the Pose value, the JSON, errors, the model locator.
@Suite struct PoseValueTests {
    @Test func landmarkNamesFollowMediaPipesOrder() {
        #expect(PoseLandmark.allCases.count == 33)
        #expect(PoseLandmark.nose.name == "nose" && PoseLandmark.leftEyeInner.rawValue == 1)
        #expect(PoseLandmark.rightFootIndex.name == "right_foot_index" && PoseLandmark.rightFootIndex.rawValue == 32)
        #expect(PoseLandmark(name: "left_knee") == .leftKnee && PoseLandmark(name: "knee") == nil)
        #expect(PoseLandmark.connections.count == 35)
    }

    static func pose(width: Int = 640, height: Int = 480) -> Pose {
        let landmarks = (0..<33).map { i in
            Pose.Landmark(x: Float(i) / 33, y: 0.5, z: -0.1, visibility: 0.9, presence: 0.8, imageWidth: width, imageHeight: height)
        }
        let world = (0..<33).map { i in Pose.WorldLandmark(x: Float(i) / 100, y: -0.25, z: 0.125, visibility: 0.9, presence: 0.8) }
        let debug = PoseDebugInfo(detection: nil, regionFromDetection: nil,
                                  region: NormalizedRect(xCenter: 0.5, yCenter: 0.5, width: 0.5, height: 0.6),
                                  poseScore: 0.99, auxiliaryLandmarks: [], nextRegion: nil, detectorTurn: .none)
        return Pose(imageWidth: width, imageHeight: height, landmarks: landmarks, worldLandmarks: world, debug: debug)
    }

    @Test func pixelPositionsAreComputedInDouble() {
        let p = Self.pose()
        #expect(p[.leftKnee].pixelX == Double(Float(25) / 33) * 640)
        #expect(p[.leftKnee].pixelY == 240)
        #expect(p.world(.leftKnee).x == Float(25) / 100)
    }

    @Test func jsonHasTheSchemaFormReads() throws {
        let text = PoseJSON.array([PoseJSON.frame(image: "dir/a \"b\".jpg", width: 640, height: 480, pose: Self.pose()),
                                   PoseJSON.frame(image: "c.png", width: 10, height: 20, pose: nil)])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(json.count == 2)
        #expect(json[0]["image"] as? String == "dir/a \"b\".jpg")
        #expect(json[0]["width"] as? Int == 640 && json[0]["height"] as? Int == 480)
        let pose = try #require(json[0]["pose"] as? [String: Any])
        #expect(Set(pose.keys) == ["landmarks", "world_landmarks"])
        let landmarks = try #require(pose["landmarks"] as? [[String: Any]])
        #expect(landmarks.count == 33)
        #expect(Set(landmarks[0].keys) == ["name", "x_px", "y_px", "z", "visibility", "presence"])
        #expect(landmarks[25]["name"] as? String == "left_knee")
        // Foundation's JSON reader may be 1 ulp off the shortest decimal it is given.
        #expect(abs((landmarks[25]["x_px"] as? Double ?? 0) - Double(Float(25) / 33) * 640) < 1e-12)
        #expect(abs((landmarks[25]["z"] as? Double ?? 0) - Double(Float(-0.1))) < 1e-15)
        let world = try #require(pose["world_landmarks"] as? [[String: Any]])
        #expect(world.count == 33 && Set(world[0].keys) == ["x", "y", "z"])
        #expect(json[1]["pose"] is NSNull)
    }

    @Test func debugJSONAddsTheRegions() throws {
        let text = PoseJSON.frame(image: "a", width: 640, height: 480, pose: Self.pose(), debug: true)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let debug = try #require((json["pose"] as? [String: Any])?["debug"] as? [String: Any])
        #expect((debug["roi"] as? [String: Any])?["width"] as? Double == 0.5)
        #expect(debug["detection"] is NSNull && debug["detector_turn"] as? String == "none")
    }

    @Test func emptyImagesAreRefused() throws {
        guard TestModels.engineIsFast else { return }
        let tracker = try TestModels.tracker(.mediaPipeExact(mode: .image))
        #expect(throws: PoseError.emptyImage(width: 0, height: 0)) {
            try tracker.process(RGBImage(width: 0, height: 0))
        }
    }

    @Test func invalidConfigurationsAreRefusedWithTheField() {
        var configuration = PoseConfiguration()
        configuration.heatmapKernelSize = 8
        #expect(throws: PoseError.self) { try configuration.validate() }
        configuration = PoseConfiguration()
        configuration.minDetectionConfidence = 1.5
        do {
            try configuration.validate()
            Issue.record("accepted a confidence of 1.5")
        } catch {
            #expect(error.description.contains("minDetectionConfidence"))
        }
    }

    @Test func modelLocatorSearchesInOrderAndListsWhereItLooked() throws {
        let root = NSTemporaryDirectory() + "pose-locator-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let package = root + "/pkg", binary = package + "/.build/debug"
        try FileManager.default.createDirectory(atPath: binary, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: package + "/Models", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: package + "/Package.swift", contents: Data())
        _ = FileManager.default.createFile(atPath: package + "/Models/" + ModelLocator.detectorFileName, contents: Data([1]))
        _ = FileManager.default.createFile(atPath: binary + "/" + ModelLocator.landmarkFileName, contents: Data([2]))
        let locator = ModelLocator.standard(environment: [ModelLocator.environmentVariable: root + "/nowhere"],
                                            executablePath: binary + "/formcheck")
        #expect(locator.directories.first == root + "/nowhere")
        #expect(try locator.detectorPath().hasSuffix("pkg/Models/" + ModelLocator.detectorFileName))
        #expect(try locator.landmarkPath() == binary + "/" + ModelLocator.landmarkFileName)
        do {
            _ = try locator.path(of: "missing.tflite")
            Issue.record("found a missing file")
        } catch {
            #expect(error.description.contains(root + "/nowhere") && error.description.contains("FORMCHECK_MODELS"))
            if case .modelNotFound(let file, let searched) = error {
                #expect(file == "missing.tflite" && searched == locator.directories)
            }
        }
    }

    @Test func aDamagedModelIsReportedWithItsPath() throws {
        let root = NSTemporaryDirectory() + "pose-model-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let path = root + "/" + ModelLocator.detectorFileName
        _ = FileManager.default.createFile(atPath: path, contents: Data("not a model".utf8))
        _ = FileManager.default.createFile(atPath: root + "/" + ModelLocator.landmarkFileName, contents: Data("x".utf8))
        do {
            _ = try PoseTracker(configuration: PoseConfiguration(), models: ModelLocator(directories: [root]))
            Issue.record("loaded a text file as a model")
        } catch {
            guard case .modelUnusable(let reported, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(reported == path)
        }
    }
}
