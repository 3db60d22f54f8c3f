import Foundation

/// The JSON report of `formcheck analyze --json`: every frame's verdict, the reps, holds and summary.
///
/// `{"exercise", "frames": [{"image", "verdict", "faults", "cues", "measures": {name: value}}],
/// "reps", "holds", "summary"}`; a measure that could not be trusted is `null`.
public struct AnalysisReport: Codable, Sendable, Equatable {
    /// One frame.
    public struct Frame: Codable, Sendable, Equatable {
        /// The image the frame came from.
        public var image: String?
        /// Good, fault or unseen.
        public var verdict: Verdict
        /// The fault ids, most severe first.
        public var faults: [String]
        /// What to say, most severe first.
        public var cues: [String]
        /// Each measure the template uses, `nil` (JSON `null`) when it could not be trusted.
        public var measures: [String: Double?]
    }

    /// A fault's frame count.
    public struct FaultCount: Codable, Sendable, Equatable {
        /// The fault id.
        public var id: String
        /// Frames that showed it.
        public var frames: Int
        /// What to say about it.
        public var cue: String
    }

    /// Safety: pain reports, advice and the red flags.
    public struct Safety: Codable, Sendable, Equatable {
        /// Pain before starting, 0–10.
        public var painBefore: Int?
        /// Pain after finishing, 0–10.
        public var painAfter: Int?
        /// Whether the exercise was stopped for safety.
        public var stopped: Bool
        /// Safety advice, most important first.
        public var advice: [String]
        /// The red flags that mean: stop and see a doctor.
        public var redFlags: [String]

        enum CodingKeys: String, CodingKey {
            case stopped, advice
            case painBefore = "pain_before", painAfter = "pain_after", redFlags = "red_flags"
        }
    }

    /// The session summed up.
    public struct Summary: Codable, Sendable, Equatable {
        /// The exercise name.
        public var name: String
        /// The prescription in words.
        public var prescription: String
        /// Seconds from the first to the last frame.
        public var durationSeconds: Double
        /// Frames analysed.
        public var frames: Int
        /// Frames judged good.
        public var goodFrames: Int
        /// Frames with a fault.
        public var faultFrames: Int
        /// Frames that could not be judged.
        public var unseenFrames: Int
        /// Counted reps.
        public var reps: Int
        /// Reps that came back before the target.
        public var partialReps: Int
        /// Counted reps per side, for exercises with sides.
        public var repsBySide: [String: Int]?
        /// Holds.
        public var holds: Int
        /// Holds that reached the prescribed minimum.
        public var completedHolds: Int
        /// Seconds held with good form, in all.
        public var goodHoldSeconds: Double
        /// 0–100, `nil` when nothing was counted.
        public var score: Int?
        /// Whether the frames were separate photos, each judged on its own (no reps or holds).
        public var separatePhotos: Bool
        /// The faults seen, most frequent first.
        public var faults: [FaultCount]
        /// Pain, advice and red flags.
        public var safety: Safety

        enum CodingKeys: String, CodingKey {
            case name, prescription, frames, reps, holds, score, faults, safety
            case durationSeconds = "duration_s", goodFrames = "good_frames", faultFrames = "fault_frames"
            case unseenFrames = "unseen_frames", partialReps = "partial_reps", repsBySide = "reps_by_side"
            case completedHolds = "completed_holds", goodHoldSeconds = "good_hold_s", separatePhotos = "separate_photos"
        }
    }

    /// The exercise id.
    public var exercise: String
    /// Every frame, in order.
    public var frames: [Frame]
    /// Counted and partial reps.
    public var reps: [RepRecord]
    /// Holds.
    public var holds: [HoldRecord]
    /// The session summed up.
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
            separatePhotos: summary.separatePhotos,
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
