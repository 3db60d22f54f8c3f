import Foundation
import Form
import Scoring

/// The summary `formcheck score` prints for each input: reps and holds against the
/// prescription, the checks' pass rates, the most frequent cues and the score.
public enum SummaryTable {
    /// The lines for `scored`.
    public static func lines(_ scored: ScoredSession) -> [String] {
        let template = scored.template
        let summary = scored.session.summary
        var lines = ["\(scored.input): \(template.name) (\(template.id))"]
        if let recognition = scored.recognition {
            lines.append("  Recognised  \(recognition.sentence)")
        }
        if summary.separatePhotos {
            lines.append(String(format: "  Photos      %d: %d good, %d with faults, %d unseen",
                                summary.frames, summary.goodFrames, summary.faultFrames, summary.unseenFrames))
        } else {
            lines.append(String(format: "  Frames      %d over %.1f s: %d good, %d with faults, %d unseen",
                                summary.frames, summary.durationSeconds, summary.goodFrames, summary.faultFrames, summary.unseenFrames))
        }
        lines.append("  Prescribed  \(template.prescription.summary)")
        if summary.separatePhotos {
            lines.append("  Counting    none: separate photos are each judged on their own")
        } else {
            if let repsLine = reps(scored) { lines.append("  Reps        " + repsLine) }
            lines += holds(scored).enumerated().map { ($0 == 0 ? "  Holds       " : "              ") + $1 }
        }
        lines.append("  Score       " + (summary.score.map { "\($0)/100" } ?? "none (no rep or hold was counted)"))

        let statistics = scored.checkStatistics
        if !statistics.isEmpty {
            let labels = statistics.map(\.label)
            let width = max(labels.map(\.count).max() ?? 0, 5)
            lines.append("  Checks      " + pad("", width) + "  pass  measured")
            for (label, check) in zip(labels, statistics) {
                let rate = check.passRate.map { String(format: "%3d%%", Int(($0 * 100).rounded())) } ?? "   —"
                var line = "              " + pad(label, width) + "  " + rate + "  \(check.measured)/\(check.applicable) frames"
                if check.applicable > 0, check.measured == 0 { line += " (never seen)" }
                lines.append(line)
            }
        }
        let cues = frequentCues(scored, limit: 3)
        if !cues.isEmpty {
            lines.append("  Most frequent cues")
            for cue in cues { lines.append(String(format: "    %4d frames  ", cue.frames) + cue.text) }
        }
        if summary.stopped { lines.append("  Stopped for safety.") }
        lines += summary.safetyAdvice.map { "  " + $0 }
        return lines
    }

    /// "4 counted of 10 prescribed (left 2, right 2); 1 partial (not counted)", or `nil` for
    /// exercises without reps.
    static func reps(_ scored: ScoredSession) -> String? {
        let template = scored.template
        guard template.countsReps else { return nil }
        let summary = scored.session.summary
        var text = "\(summary.reps) counted"
        if let prescribed = template.prescription.reps {
            text += " of \(prescribed) prescribed"
            if template.prescription.sides == .each { text += " each side" }
        }
        if let bySide = summary.repsBySide { text += " (left \(bySide.left), right \(bySide.right))" }
        if summary.partialReps > 0 { text += "; \(summary.partialReps) partial (not counted)" }
        return text
    }

    /// One line per hold: good-form seconds against the prescribed minimum and aim.
    static func holds(_ scored: ScoredSession) -> [String] {
        let template = scored.template
        let holds = scored.session.holds
        guard let hold = template.prescription.holdSeconds else { return [] }
        let aim = hold.minimum == hold.target ? "\(format(hold.target)) s" : "\(format(hold.minimum))–\(format(hold.target)) s"
        guard !holds.isEmpty else { return ["none counted (aim: \(aim) of good form each)"] }
        var lines = holds.prefix(12).map { record in
            var text = "#\(record.number)"
            if let side = record.side { text += " \(side.rawValue)" }
            text += String(format: "  %.1f s good form of %.1f s", record.goodSeconds, record.endSeconds - record.startSeconds)
            text += record.completed ? "  ✓ reached \(format(hold.minimum)) s" : "  ✗ short of \(format(hold.minimum)) s"
            if record.goodSeconds >= hold.target { text += " and the \(format(hold.target)) s aim" }
            return text
        }
        if holds.count > 12 { lines.append("… and \(holds.count - 12) more") }
        lines.append("aim: \(aim) of good form each; \(holds.filter(\.completed).count) of \(holds.count) long enough")
        return lines
    }

    /// The cues said most often (the first cue of each frame that has one), most frequent first.
    public static func frequentCues(_ scored: ScoredSession, limit: Int) -> [(text: String, frames: Int)] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for analysis in scored.analyses {
            guard let cue = analysis.cues.first?.text else { continue }
            if counts[cue] == nil { order.append(cue) }
            counts[cue, default: 0] += 1
        }
        return order.enumerated()
            .sorted { (counts[$0.element] ?? 0, -$0.offset) > (counts[$1.element] ?? 0, -$1.offset) }
            .prefix(limit).map { ($0.element, counts[$0.element] ?? 0) }
    }

    static func format(_ seconds: Double) -> String {
        seconds.rounded() == seconds ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
