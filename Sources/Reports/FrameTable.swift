import Foundation
import Form
import Scoring

/// The CSV `formcheck score --csv` writes: one row per frame of every input.
///
/// Columns: `input, exercise, frame, image, time_s, verdict, phase, side, rep, faults, cue`,
/// then one column per measure any template used (`knee_angle.mean`, …; empty when not
/// measured or not trusted). `faults` are separated by `;`; `rep` is the number of the counted
/// rep the frame falls in (empty outside reps). Fields are quoted as RFC 4180 says.
public enum FrameTable {
    /// The CSV text for `sessions`.
    public static func csv(_ sessions: [ScoredSession]) -> String {
        var measureNames: [String] = []
        for session in sessions {
            for analysis in session.analyses {
                for measure in analysis.measures where !measureNames.contains(measure.name) {
                    measureNames.append(measure.name)
                }
            }
        }
        let header = ["input", "exercise", "frame", "image", "time_s", "verdict", "phase", "side", "rep", "faults", "cue"] + measureNames
        var lines = [header.map(field).joined(separator: ",")]
        for session in sessions {
            let start = session.frames.first?.seconds ?? 0
            let reps = session.session.reps.filter(\.complete)
            for (frame, analysis) in zip(session.frames, session.analyses) {
                let seconds = frame.seconds - start
                let rep = reps.first { seconds >= $0.startSeconds - 1e-9 && seconds <= $0.endSeconds + 1e-9 }?.number
                var row = [session.input, session.template.id, String(frame.index), frame.image, number(seconds),
                           analysis.verdict.rawValue, analysis.phase?.rawValue ?? "", analysis.workingSide?.rawValue ?? "",
                           rep.map(String.init) ?? "", analysis.faults.joined(separator: ";"), analysis.cues.first?.text ?? ""]
                for name in measureNames {
                    row.append(analysis.value(name).map(number) ?? "")
                }
                lines.append(row.map(field).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A value with at most three decimals.
    static func number(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
    }

    /// A field, quoted when it holds a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
