import Foundation

/// One frame of a landmark recording: the image it came from and the pose found in it.
public struct RecordedFrame: Sendable {
    /// The image's name or path, as recorded.
    public var image: String?
    /// Seconds into the recording, when the file gives a timestamp.
    public var timestampSeconds: Double?
    /// The pose, or `nil` when no person was found.
    public var pose: PoseLandmarks?

    /// A frame with `pose`, from `image`, at `timestampSeconds`.
    public init(image: String?, timestampSeconds: Double?, pose: PoseLandmarks?) {
        self.image = image
        self.timestampSeconds = timestampSeconds
        self.pose = pose
    }
}

/// Reads the landmark JSON that `formcheck pose --json` (and MediaPipe's reference dumper) writes.
///
/// A file holds an array of frames or a single frame; a folder holds one JSON file per frame,
/// read in natural name order (`frame_2` before `frame_10`). A frame is
/// `{"image", "width", "height", "timestamp_s"?, "pose": null | {"landmarks": [33 × {"name"?,
/// "x_px", "y_px", "z"?, "visibility"?, "presence"?}], "world_landmarks"?: [33 × {"x", "y", "z"}]}}`.
/// Landmarks with names are placed by name, else by order; other fields are ignored.
public enum PoseRecording {
    /// The frames in the file or folder at `url`.
    public static func load(_ url: URL) throws -> [RecordedFrame] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw FormError.unreadableFile(path: url.path, reason: "no such file or folder")
        }
        guard isDirectory.boolValue else { return try decode(try read(url), source: url.path) }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        } catch {
            throw FormError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        let files = names.filter { $0.hasSuffix(".json") }
            .sorted { $0.compare($1, options: [.numeric]) == .orderedAscending }
        guard !files.isEmpty else { throw FormError.unreadableFile(path: url.path, reason: "the folder has no .json files") }
        return try files.flatMap { name -> [RecordedFrame] in
            let file = url.appendingPathComponent(name)
            return try decode(try read(file), source: file.path)
        }
    }

    /// The frames in JSON `data`; `source` names it in errors.
    public static func decode(_ data: Data, source: String) throws -> [RecordedFrame] {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw FormError.invalidPoseFile(path: source, field: "(file)", problem: "not valid JSON (\(error.localizedDescription))")
        }
        if let array = json as? [Any] {
            return try array.enumerated().map { try frame($1, field: "[\($0)]", source: source) }
        }
        return [try frame(json, field: "(frame)", source: source)]
    }

    private static func read(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw FormError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
    }

    private static func frame(_ value: Any, field: String, source: String) throws -> RecordedFrame {
        func fail(_ path: String, _ problem: String) -> FormError {
            .invalidPoseFile(path: source, field: path, problem: problem)
        }
        guard let object = value as? [String: Any] else { throw fail(field, "expected an object") }
        func number(_ object: [String: Any], _ key: String, _ path: String, default fallback: Double? = nil) throws -> Double {
            guard let raw = object[key], !(raw is NSNull) else {
                if let fallback { return fallback }
                throw fail("\(path).\(key)", "missing")
            }
            guard let value = (raw as? NSNumber)?.doubleValue, value.isFinite else { throw fail("\(path).\(key)", "expected a number") }
            return value
        }
        let image = object["image"] as? String
        var timestamp: Double?
        if object["timestamp_s"] != nil, !(object["timestamp_s"] is NSNull) {
            timestamp = try number(object, "timestamp_s", field)
        }
        guard let poseValue = object["pose"], !(poseValue is NSNull) else {
            return RecordedFrame(image: image, timestampSeconds: timestamp, pose: nil)
        }
        let width = try number(object, "width", field), height = try number(object, "height", field)
        guard let pose = poseValue as? [String: Any] else { throw fail("\(field).pose", "expected an object or null") }
        guard let landmarks = pose["landmarks"] as? [Any] else { throw fail("\(field).pose.landmarks", "expected an array of 33 landmarks") }
        guard landmarks.count == BodyLandmark.count else {
            throw fail("\(field).pose.landmarks", "expected 33 landmarks, found \(landmarks.count)")
        }
        var image2D = [ImageLandmark?](repeating: nil, count: BodyLandmark.count)
        for (index, item) in landmarks.enumerated() {
            let path = "\(field).pose.landmarks[\(index)]"
            guard let point = item as? [String: Any] else { throw fail(path, "expected an object") }
            var slot = index
            if let name = point["name"] as? String {
                guard let landmark = BodyLandmark(name: name) else { throw fail("\(path).name", "unknown landmark '\(name)'") }
                slot = landmark.rawValue
            }
            guard image2D[slot] == nil else { throw fail(path, "landmark \(BodyLandmark(rawValue: slot)?.name ?? "?") given twice") }
            image2D[slot] = ImageLandmark(x: try number(point, "x_px", path), y: try number(point, "y_px", path),
                                          z: try number(point, "z", path, default: 0),
                                          visibility: try number(point, "visibility", path, default: 1),
                                          presence: try number(point, "presence", path, default: 1))
        }
        var world: [WorldLandmark]?
        if let worldValue = pose["world_landmarks"], !(worldValue is NSNull) {
            guard let items = worldValue as? [Any], items.count == BodyLandmark.count else {
                throw fail("\(field).pose.world_landmarks", "expected an array of 33 world landmarks")
            }
            world = try items.enumerated().map { index, item in
                let path = "\(field).pose.world_landmarks[\(index)]"
                guard let point = item as? [String: Any] else { throw fail(path, "expected an object") }
                return WorldLandmark(x: try number(point, "x", path), y: try number(point, "y", path), z: try number(point, "z", path))
            }
        }
        do {
            let landmarks = try PoseLandmarks(image: image2D.compactMap { $0 }, world: world, imageWidth: width, imageHeight: height)
            return RecordedFrame(image: image, timestampSeconds: timestamp, pose: landmarks)
        } catch let error as FormError {
            throw fail("\(field).pose", error.description)
        }
    }
}
