import Foundation
import Scoring

/// The one-line progress bar `formcheck score` redraws on a terminal: frames done, frames per
/// second and the time left.
public enum ProgressLine {
    /// The line for `counts` after `elapsed` seconds, at most `width` characters.
    public static func text(_ counts: PoseExtraction.Progress.Counts, elapsed: Double, width: Int = 80) -> String {
        let rate = elapsed > 0 ? Double(counts.frames) / elapsed : 0
        var parts: [String] = []
        if let total = counts.expectedFrames, total > 0 {
            parts.append("\(counts.frames)/\(total) frames")
            parts.append(String(format: "%.1f frames/s", rate))
            if rate > 0 {
                parts.append(duration(Double(max(0, total - counts.frames)) / rate) + " left")
            } else {
                parts.append("time left unknown")
            }
        } else {
            parts.append("\(counts.frames) frames")
            parts.append(String(format: "%.1f frames/s", rate))
        }
        if counts.inputs > 1 { parts.append("\(counts.inputsDone)/\(counts.inputs) inputs") }
        let tail = parts.joined(separator: " · ")
        let barWidth = min(30, width - tail.count - 3)
        guard barWidth >= 5 else { return String(tail.prefix(width)) }
        let fraction = counts.expectedFrames.map { $0 > 0 ? min(1, Double(counts.frames) / Double($0)) : 0 }
        let bar: String
        if let fraction {
            let filled = Int((fraction * Double(barWidth)).rounded(.down))
            bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
        } else {
            bar = String(repeating: "░", count: barWidth)
        }
        return "[" + bar + "] " + tail
    }

    /// "1:05", "12 s".
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return whole < 60 ? "\(whole) s" : String(format: "%d:%02d", whole / 60, whole % 60)
    }
}
