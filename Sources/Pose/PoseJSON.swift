// The landmark JSON of `formcheck pose --json`, which `formcheck analyze` reads.

/// Writes poses as the JSON that `formcheck pose --json` produces and the Form module's
/// `PoseRecording` reads: an array with one object per image,
/// `{"image", "width", "height", "pose": null | {"landmarks": [33 × {"name", "x_px", "y_px",
/// "z", "visibility", "presence"}], "world_landmarks": [33 × {"x", "y", "z"}]}}`.
///
/// Numbers are written in the shortest form that reads back to the same value (Floats widened
/// to Double first, as MediaPipe's Python reference does); `z` is MediaPipe's normalised depth.
public enum PoseJSON {
    /// One frame's object, on one line; with `debug`, the pose also carries a `"debug"` object
    /// with the detection, the regions and the auxiliary landmarks, named as in MediaPipe's
    /// reference dumper (`detection`, `roi_from_detection`, `roi`, `auxiliary_landmarks`,
    /// `roi_from_landmarks`, plus `pose_score` and `detector_turn`).
    public static func frame(image: String, width: Int, height: Int, pose: Pose?, debug: Bool = false) -> String {
        var out = "{\"image\": \(string(image)), \"width\": \(width), \"height\": \(height), \"pose\": "
        guard let pose else { return out + "null}" }
        out += "{\"landmarks\": ["
        for (i, landmark) in pose.landmarks.enumerated() {
            if i > 0 { out += ", " }
            out += "{\"name\": \"\(PoseLandmark.allCases[i].name)\", \"x_px\": \(number(landmark.pixelX)), "
                + "\"y_px\": \(number(landmark.pixelY)), \"z\": \(number(landmark.z)), "
                + "\"visibility\": \(number(landmark.visibility)), \"presence\": \(number(landmark.presence))}"
        }
        out += "], \"world_landmarks\": ["
        for (i, landmark) in pose.worldLandmarks.enumerated() {
            if i > 0 { out += ", " }
            out += "{\"x\": \(number(landmark.x)), \"y\": \(number(landmark.y)), \"z\": \(number(landmark.z))}"
        }
        out += "]"
        if debug { out += ", \"debug\": " + debugObject(pose.debug) }
        return out + "}}"
    }

    /// The debug object of a pose.
    static func debugObject(_ info: PoseDebugInfo) -> String {
        func rect(_ r: NormalizedRect?) -> String {
            guard let r else { return "null" }
            return "{\"x_center\": \(number(r.xCenter)), \"y_center\": \(number(r.yCenter)), "
                + "\"width\": \(number(r.width)), \"height\": \(number(r.height)), \"rotation\": \(number(r.rotation))}"
        }
        var detection = "null"
        if let d = info.detection {
            let keypoints = (0..<PoseDetection.keypointCount).map { k in
                "[\(number(d.keypoint(k).x)), \(number(d.keypoint(k).y))]"
            }.joined(separator: ", ")
            detection = "{\"score\": \(number(d.score)), \"box_norm\": {\"xmin\": \(number(d.xmin)), "
                + "\"ymin\": \(number(d.ymin)), \"width\": \(number(d.width)), \"height\": \(number(d.height))}, "
                + "\"keypoints_norm\": [\(keypoints)]}"
        }
        let auxiliary = info.auxiliaryLandmarks.map { l in
            "{\"x\": \(number(l.x)), \"y\": \(number(l.y)), \"z\": \(number(l.z)), \"x_px\": \(number(l.pixelX)), "
                + "\"y_px\": \(number(l.pixelY)), \"visibility\": \(number(l.visibility))}"
        }.joined(separator: ", ")
        let turn: String
        switch info.detectorTurn {
        case .none: turn = "none"
        case .clockwise: turn = "clockwise"
        case .counterClockwise: turn = "counter_clockwise"
        }
        return "{\"pose_score\": \(number(info.poseScore)), \"detector_turn\": \"\(turn)\", \"detection\": \(detection), "
            + "\"roi_from_detection\": \(rect(info.regionFromDetection)), \"roi\": \(rect(info.region)), "
            + "\"auxiliary_landmarks\": [\(auxiliary)], \"roi_from_landmarks\": \(rect(info.nextRegion))}"
    }

    /// The array of frame objects (from `frame`), one per line.
    public static func array(_ frames: [String]) -> String {
        frames.isEmpty ? "[]\n" : "[\n" + frames.joined(separator: ",\n") + "\n]\n"
    }

    /// A JSON number; non-finite values (which the pipeline does not produce) become null.
    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "null"
    }

    static func number(_ value: Float) -> String {
        number(Double(value))
    }

    /// `value` as a JSON string literal, quotes and escapes included.
    public static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
