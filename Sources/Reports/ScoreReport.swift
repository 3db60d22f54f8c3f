import Foundation
import Form
import Scoring

/// The JSON report of one scored input: what `formcheck analyze --json` writes (exercise,
/// frames with verdict, faults, cues and measures, reps, holds, summary), with each frame's
/// landmarks as `formcheck pose --json` writes them, and the input, the recognition and the
/// checks' pass rates.
///
/// `{"input", "exercise", "recognition"?: {"confidence", "candidates": [{"id", "probability"}]},
/// "frames": [{"image", "verdict", "faults", "cues", "measures", "index", "timestamp_s",
/// "width", "height", "pose": null | {"landmarks": [33 × {"name", "x_px", "y_px", "z",
/// "visibility", "presence"}], "world_landmarks"?: [33 × {"x", "y", "z"}]}}], "reps", "holds",
/// "summary", "checks": [{"measure", "good", "applicable", "measured", "failed", "pass_rate"}]}`.
public struct ScoreReport: Encodable, Sendable {
    /// The report `formcheck analyze` writes.
    public var analysis: AnalysisReport
    /// The input as the user named it.
    public var input: String
    /// The frames' poses and timing, parallel to the analysis's frames.
    public var frames: [PosedFrame]
    /// How the exercise was recognised, when it was not named.
    public var recognition: Recognition?
    /// The checks' pass rates.
    public var checks: [CheckStatistics]
    /// Extra top-level fields (for the live session: frame rate, latency), as JSON values.
    public var extra: [String: JSONValue]

    /// The report of `scored`, with `extra` fields.
    public init(_ scored: ScoredSession, extra: [String: JSONValue] = [:]) {
        analysis = scored.report
        input = scored.input
        frames = scored.frames
        recognition = scored.recognition
        checks = scored.checkStatistics
        self.extra = extra
    }

    /// Several reports (one per input) as the bytes of the file `--json` writes: one object for
    /// one input, an array for several.
    public static func jsonData(_ reports: [ScoreReport]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if reports.count == 1, let only = reports.first { return try encoder.encode(only) + Data("\n".utf8) }
        return try encoder.encode(reports) + Data("\n".utf8)
    }

    private enum Keys: String, CodingKey {
        case input, exercise, recognition, frames, reps, holds, summary, checks
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(input, forKey: .input)
        try container.encode(analysis.exercise, forKey: .exercise)
        try container.encodeIfPresent(recognition.map(RecognitionJSON.init), forKey: .recognition)
        try container.encode(zip(analysis.frames, frames).map(FrameJSON.init), forKey: .frames)
        try container.encode(analysis.reps, forKey: .reps)
        try container.encode(analysis.holds, forKey: .holds)
        try container.encode(analysis.summary, forKey: .summary)
        try container.encode(checks.map(CheckJSON.init), forKey: .checks)
        if !extra.isEmpty {
            var more = encoder.container(keyedBy: AnyKey.self)
            for (key, value) in extra { try more.encode(value, forKey: AnyKey(key)) }
        }
    }
}

/// A JSON value, for report fields that are not a fixed type.
public enum JSONValue: Encodable, Sendable, Equatable {
    case number(Double)
    case integer(Int)
    case string(String)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .number(value): try container.encode(value.isFinite ? (value * 1000).rounded() / 1000 : 0)
        case let .integer(value): try container.encode(value)
        case let .string(value): try container.encode(value)
        case let .bool(value): try container.encode(value)
        case let .array(values): try container.encode(values)
        case let .object(values): try container.encode(values)
        case .null: try container.encodeNil()
        }
    }
}

/// A coding key made at run time.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// One frame: the analysis's fields, then the frame's number, time, size and pose.
private struct FrameJSON: Encodable {
    var analysis: AnalysisReport.Frame
    var frame: PosedFrame

    enum Keys: String, CodingKey {
        case index, width, height, pose
        case seconds = "timestamp_s"
    }

    func encode(to encoder: any Encoder) throws {
        try analysis.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(frame.index, forKey: .index)
        try container.encode((frame.seconds * 1000).rounded() / 1000, forKey: .seconds)
        try container.encode(frame.width, forKey: .width)
        try container.encode(frame.height, forKey: .height)
        if let landmarks = frame.landmarks {
            try container.encode(PoseJSONObject(landmarks), forKey: .pose)
        } else {
            try container.encodeNil(forKey: .pose)
        }
    }
}

/// A pose as `formcheck pose --json` writes it.
struct PoseJSONObject: Encodable {
    struct Landmark: Encodable {
        var name: String
        var x_px: Double, y_px: Double, z: Double, visibility: Double, presence: Double
    }
    struct World: Encodable { var x: Double, y: Double, z: Double }

    var landmarks: [Landmark]
    var world_landmarks: [World]?

    init(_ pose: PoseLandmarks) {
        landmarks = BodyLandmark.allCases.map { landmark in
            let point = pose[landmark]
            return Landmark(name: landmark.name, x_px: point.x, y_px: point.y, z: point.z,
                            visibility: point.visibility, presence: point.presence)
        }
        world_landmarks = pose.world.map { $0.map { World(x: $0.x, y: $0.y, z: $0.z) } }
    }
}

private struct RecognitionJSON: Encodable {
    struct Candidate: Encodable {
        var id: String
        var probability: Double
    }
    var confidence: Double
    var sure: Bool
    var candidates: [Candidate]

    init(_ recognition: Recognition) {
        confidence = (recognition.confidence * 1000).rounded() / 1000
        sure = recognition.isSure
        candidates = recognition.candidates.prefix(5).map { Candidate(id: $0.id, probability: ($0.probability * 1000).rounded() / 1000) }
    }
}

private struct CheckJSON: Encodable {
    var measure: String
    var good: String
    var applicable: Int
    var measured: Int
    var failed: Int
    var pass_rate: Double?

    init(_ statistics: CheckStatistics) {
        measure = statistics.check.measure.description
        good = statistics.check.good.phrase
        applicable = statistics.applicable
        measured = statistics.measured
        failed = statistics.failed
        pass_rate = statistics.passRate.map { ($0 * 1000).rounded() / 1000 }
    }
}
