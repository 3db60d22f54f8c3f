import Foundation

/// A session summed up: counts, score, the faults seen most, safety advice.
public struct SessionSummary: Sendable {
    /// A fault and how many frames showed it.
    public struct FaultCount: Sendable, Equatable {
        /// The fault id.
        public var id: String
        /// Frames that showed it.
        public var frames: Int
        /// What to say about it.
        public var cue: String
    }

    /// The exercise id.
    public var exerciseID: String
    /// The exercise name.
    public var exerciseName: String
    /// Seconds from the first to the last frame.
    public var durationSeconds: Double
    /// Frames analysed, and how they were judged.
    public var frames: Int, goodFrames: Int, faultFrames: Int, unseenFrames: Int
    /// Counted reps.
    public var reps: Int
    /// Reps that came back before reaching the target.
    public var partialReps: Int
    /// Counted reps per side (exercises with sides).
    public var repsBySide: LeftRight<Int>?
    /// Holds, and how many reached the prescribed minimum.
    public var holds: Int, completedHolds: Int
    /// Seconds held with good form, in all and in the longest hold.
    public var goodHoldSeconds: Double, longestHoldSeconds: Double
    /// 0…100: the mean score of the reps (or of the holds), `nil` when there were none; for
    /// separate photos, the frames' form score.
    public var score: Int?
    /// Whether the frames were separate photos, judged one by one (no reps or holds).
    public var separatePhotos: Bool
    /// The faults seen, most frequent first.
    public var faults: [FaultCount]
    /// The prescription in words.
    public var prescription: String
    /// Whether the exercise was stopped for safety.
    public var stopped: Bool
    /// Safety advice (pain), most important first.
    public var safetyAdvice: [String]

    init(session: Session) {
        let template = session.template
        exerciseID = template.id
        exerciseName = template.name
        durationSeconds = session.durationSeconds
        frames = session.frameCount
        goodFrames = session.tally.good
        faultFrames = session.tally.faulty
        unseenFrames = session.tally.unseen
        let counted = session.reps.filter(\.complete)
        reps = counted.count
        partialReps = session.reps.count - counted.count
        if template.workingSide != nil, template.prescription.sides != .none {
            repsBySide = LeftRight(left: counted.filter { $0.side == .left }.count,
                                   right: counted.filter { $0.side == .right }.count)
        }
        holds = session.holds.count
        completedHolds = session.holds.filter(\.completed).count
        goodHoldSeconds = session.holds.map(\.goodSeconds).reduce(0, +)
        longestHoldSeconds = session.holds.map(\.goodSeconds).max() ?? 0
        let scores = counted.isEmpty ? session.holds.map(\.score) : counted.map(\.score)
        score = scores.isEmpty ? nil : Int((Double(scores.reduce(0, +)) / Double(scores.count)).rounded())
        separatePhotos = session.options.separatePhotos
        if separatePhotos { score = session.tally.formScore.map { Int($0.rounded()) } }
        faults = session.tally.faultsByFrequency.map { id in
            FaultCount(id: id, frames: session.tally.faultFrames[id] ?? 0,
                       cue: template.fault(id)?.cue ?? template.positionCue)
        }
        prescription = template.prescription.summary
        stopped = session.safety.isStopped
        safetyAdvice = session.safety.advice
    }

    /// The summary as lines of text for people.
    public var lines: [String] {
        var lines = ["\(exerciseName) (\(exerciseID)) — prescription: \(prescription)"]
        lines.append(String(format: "%d frames over %.1f s: %d good, %d with faults, %d unseen",
                            frames, durationSeconds, goodFrames, faultFrames, unseenFrames))
        if reps > 0 || partialReps > 0 {
            var text = "Reps: \(reps)"
            if let bySide = repsBySide { text += " (left \(bySide.left), right \(bySide.right))" }
            if partialReps > 0 { text += "; \(partialReps) partial (not counted)" }
            lines.append(text)
        }
        if holds > 0 {
            lines.append(String(format: "Holds: %d, %d long enough; good-form time %.1f s (longest %.1f s)",
                                holds, completedHolds, goodHoldSeconds, longestHoldSeconds))
        }
        if separatePhotos {
            lines.append("Separate photos, each judged on its own: no reps or holds.")
        } else if reps == 0, holds == 0 {
            lines.append("No reps or holds counted yet.")
        }
        lines.append(score.map { "Score: \($0)/100" } ?? "Score: none (nothing counted)")
        for fault in faults.prefix(5) {
            lines.append("  \(fault.id) (\(fault.frames) frames): \(fault.cue)")
        }
        if stopped { lines.append("Stopped for safety.") }
        lines.append(contentsOf: safetyAdvice)
        lines.append(contentsOf: RedFlag.lines)
        return lines
    }
}
