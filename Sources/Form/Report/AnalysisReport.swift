import Foundation

/// The JSON report of `formcheck analyze --json`: every frame's verdict, the reps, holds and summary.
///
/// `{"exercise", "frames": [{"image", "verdict", "faults", "cues", "measures": {name: value}}],
/// "reps", "holds", "summary"}`; a measure that could not be trusted is `null`.
public struct AnalysisReport: Codable, Sendable, Equatable {
    /// One frame.
    public struct Frame: Codable, Sendable, Equatable {
        public var image: String?
        public var verdict: Verdict
        public var faults: [String]
        public var cues: [String]
        public var measures: [String: Double?]
    }

    /// A fault's frame count.
    public struct FaultCount: Codable, Sendable, Equatable {
        public var id: String
        public var frames: Int
        public var cue: String
    }

    /// Safety: pain reports, advice and the red flags.
    public struct Safety: Codable, Sendable, Equatable {
        public var painBefore: Int?
        public var painAfter: Int?
        public var stopped: Bool
        public var advice: [String]
        public var redFlags: [String]

        enum CodingKeys: String, CodingKey {
            case stopped, advice
            case painBefore = "pain_before", painAfter = "pain_after", redFlags = "red_flags"
        }
    }

    /// The session summed up.
    public struct Summary: Codable, Sendable, Equatable {
        public var name: String
        public var prescription: String
        public var durationSeconds: Double
        public var frames: Int
        public var goodFrames: Int
        public var faultFrames: Int
        public var unseenFrames: Int
        public var reps: Int
        public var partialReps: Int
        public var repsBySide: [String: Int]?
        public var holds: Int
        public var completedHolds: Int
        public var goodHoldSeconds: Double
        public var score: Int?
        public var faults: [FaultCount]
        public var safety: Safety

        enum CodingKeys: String, CodingKey {
            case name, prescription, frames, reps, holds, score, faults, safety
            case durationSeconds = "duration_s", goodFrames = "good_frames", faultFrames = "fault_frames"
            case unseenFrames = "unseen_frames", partialReps = "partial_reps", repsBySide = "reps_by_side"
            case completedHolds = "completed_holds", goodHoldSeconds = "good_hold_s"
        }
    }

    public var exercise: String
    public var frames: [Frame]
    public var reps: [RepRecord]
    public var holds: [HoldRecord]
    public var summary: Summary

    /// The report of `session`, whose frames were `frames` (image name and analysis, in order).
    public init(session: Session, frames: [(image: String?, analysis: FrameAnalysis)]) {
        exercise = session.template.id
        self.frames = frames.map { image, analysis in
            Frame(image: image, verdict: analysis.verdict, faults: analysis.faults, cues: analysis.cues.map(\.text),
                  measures: Dictionary(analysis.measures.map { ($0.name, $0.measurement.trustedValue.map(Self.rounded)) },
                                       uniquingKeysWith: { first, _ in first }))
        }
        reps = session.reps.map { rep in
            var rounded = rep
            rounded.startSeconds = Self.rounded(rep.startSeconds)
            rounded.endSeconds = Self.rounded(rep.endSeconds)
            rounded.heldSeconds = Self.rounded(rep.heldSeconds)
            return rounded
        }
        holds = session.holds.map { hold in
            var rounded = hold
            rounded.startSeconds = Self.rounded(hold.startSeconds)
            rounded.endSeconds = Self.rounded(hold.endSeconds)
            rounded.goodSeconds = Self.rounded(hold.goodSeconds)
            return rounded
        }
        let summary = session.summary
        self.summary = Summary(
            name: summary.exerciseName, prescription: summary.prescription,
            durationSeconds: Self.rounded(summary.durationSeconds), frames: summary.frames,
            goodFrames: summary.goodFrames, faultFrames: summary.faultFrames, unseenFrames: summary.unseenFrames,
            reps: summary.reps, partialReps: summary.partialReps,
            repsBySide: summary.repsBySide.map { ["left": $0.left, "right": $0.right] },
            holds: summary.holds, completedHolds: summary.completedHolds,
            goodHoldSeconds: Self.rounded(summary.goodHoldSeconds), score: summary.score,
            faults: summary.faults.map { FaultCount(id: $0.id, frames: $0.frames, cue: $0.cue) },
            safety: Safety(painBefore: session.safety.painBefore, painAfter: session.safety.painAfter,
                           stopped: summary.stopped, advice: summary.safetyAdvice,
                           redFlags: RedFlag.allCases.map(\.text))
        )
    }

    /// The report as pretty-printed JSON with sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Values rounded to 3 decimals, so reports diff cleanly.
    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
