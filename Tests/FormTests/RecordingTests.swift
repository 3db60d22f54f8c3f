import Foundation
import Testing
@testable import Form

/// Reading the landmark JSON of `formcheck pose --json`.
@Suite("Landmark recordings")
struct RecordingTests {
    static func landmarks(shuffled: Bool = false, drop: String? = nil) -> [[String: Any]] {
        var items: [[String: Any]] = BodyLandmark.allCases.map { landmark in
            var item: [String: Any] = ["name": landmark.name, "x_px": Double(landmark.rawValue), "y_px": 100.0 + Double(landmark.rawValue),
                                       "z": 0.1, "visibility": 0.9, "presence": 0.95]
            if let drop { item.removeValue(forKey: drop) }
            return item
        }
        if shuffled { items.reverse() }
        return items
    }

    static func frame(_ landmarks: [[String: Any]]?, world: Bool = true, timestamp: Double? = nil) -> [String: Any] {
        var frame: [String: Any] = ["image": "a.jpg", "width": 640, "height": 480]
        if let landmarks {
            var pose: [String: Any] = ["landmarks": landmarks]
            if world { pose["world_landmarks"] = (0..<33).map { ["x": Double($0) / 100, "y": 0.5, "z": -0.1] } }
            frame["pose"] = pose
        } else {
            frame["pose"] = NSNull()
        }
        if let timestamp { frame["timestamp_s"] = timestamp }
        return frame
    }

    static func decode(_ value: Any) throws -> [RecordedFrame] {
        try PoseRecording.decode(try JSONSerialization.data(withJSONObject: value), source: "poses.json")
    }

    @Test("an array of frames, landmarks placed by name, world and timestamps read")
    func array() throws {
        let frames = try Self.decode([Self.frame(Self.landmarks(shuffled: true), timestamp: 1.5), Self.frame(nil)])
        #expect(frames.count == 2)
        let pose = try #require(frames[0].pose)
        #expect(pose[.rightFootIndex].x == 32 && pose[.nose].y == 100 && abs(pose[.nose].presence - 0.95) < 1e-12)
        #expect(pose.world(.leftShoulder)?.x == 0.11)
        #expect(frames[0].timestampSeconds == 1.5 && frames[0].image == "a.jpg")
        #expect(frames[1].pose == nil)
    }

    @Test("a single frame; visibility and presence default to 1 when absent")
    func single() throws {
        let frames = try Self.decode(Self.frame(Self.landmarks(drop: "visibility"), world: false))
        #expect(frames.count == 1 && frames[0].pose?.world == nil && frames[0].pose?[.leftKnee].visibility == 1)
    }

    @Test("errors name the field")
    func errors() throws {
        #expect(throws: FormError.invalidPoseFile(path: "poses.json", field: "[0].pose.landmarks[0].x_px", problem: "missing")) {
            try Self.decode([Self.frame(Self.landmarks(drop: "x_px"))])
        }
        #expect(throws: FormError.invalidPoseFile(path: "poses.json", field: "[0].pose.landmarks", problem: "expected 33 landmarks, found 32")) {
            try Self.decode([Self.frame(Array(Self.landmarks().dropLast()))])
        }
        var renamed = Self.landmarks()
        renamed[3]["name"] = "left_eyebrow"
        #expect(throws: FormError.invalidPoseFile(path: "poses.json", field: "[0].pose.landmarks[3].name", problem: "unknown landmark 'left_eyebrow'")) {
            try Self.decode([Self.frame(renamed)])
        }
        #expect(throws: FormError.self) { try PoseRecording.decode(Data("not json".utf8), source: "x.json") }
    }

    @Test("a folder is read in natural name order")
    func folder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("formtests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for index in [10, 2, 1] {
            var frame = Self.frame(nil)
            frame["image"] = "frame_\(index).jpg"
            try JSONSerialization.data(withJSONObject: frame).write(to: folder.appendingPathComponent("frame_\(index).json"))
        }
        let frames = try PoseRecording.load(folder)
        #expect(frames.map(\.image) == ["frame_1.jpg", "frame_2.jpg", "frame_10.jpg"])
        #expect(throws: FormError.unreadableFile(path: "/nonexistent/x", reason: "no such file or folder")) {
            try PoseRecording.load(URL(fileURLWithPath: "/nonexistent/x"))
        }
    }

    @Test("the JSON report has exactly the fields of the issue")
    func report() throws {
        let template = try #require(MotionCatalog.library).template(id: "plank")
        let analysis = try RecordingAnalysis(recording: [RecordedFrame(image: "x.jpg", timestampSeconds: nil, pose: nil)], template: template)
        let json = try #require(try JSONSerialization.jsonObject(with: analysis.report.jsonData()) as? [String: Any])
        #expect(Set(json.keys) == ["exercise", "frames", "reps", "holds", "summary"])
        let frame = try #require((json["frames"] as? [[String: Any]])?.first)
        #expect(Set(frame.keys) == ["image", "verdict", "faults", "cues", "measures"])
        #expect(frame["verdict"] as? String == "unseen")
    }
}
