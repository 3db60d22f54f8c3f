import Foundation
import Form

/// The live screen as text: the cue in big letters, then reps, the hold timer, side, score,
/// frames per second and latency. A pure function of a snapshot and the terminal's size, so it
/// is tested without a terminal; ``LiveTerminal`` draws it in place.
public struct TerminalScreen: Sendable {
    /// Columns and rows of the terminal.
    public var columns: Int, rows: Int
    /// Whether to colour the cue (ANSI SGR).
    public var color: Bool
    /// A line shown above the keys (the web view's address), if any.
    public var info: String?

    /// A screen `columns` × `rows`, coloured or not.
    public init(columns: Int, rows: Int, color: Bool = true) {
        self.columns = max(20, columns)
        self.rows = max(8, rows)
        self.color = color
    }

    /// The keys, as the screen's last line shows them.
    public static let keyHelp = "q quit · x sharp pain: stop the set"

    /// The screen's lines for `snapshot`, at most `rows`, none wider than `columns` (colour
    /// codes take no columns).
    public func lines(_ snapshot: LiveSnapshot) -> [String] {
        var top: [String] = []
        var title = "formcheck live · \(snapshot.exerciseName)"
        if snapshot.hasSides, let side = snapshot.side { title += " · \(side.rawValue) side" }
        top.append(fit(title))
        top.append(String(repeating: "─", count: columns))

        var bottom: [String] = []
        if let cue = snapshot.cue {
            bottom += TextWrap.lines(cue, width: columns).prefix(3)
        } else {
            bottom.append("")
        }
        bottom.append("")
        bottom.append(fit(countsLine(snapshot)))
        bottom.append(fit(timingLine(snapshot)))
        if let stopped = snapshot.stopped { bottom.append(paint(fit(stopped), code: "1;31")) }
        if let notice = snapshot.notice { bottom += TextWrap.lines(notice, width: columns).prefix(2).map { paint($0, code: "33") } }
        if let info { bottom.append(fit(info)) }
        bottom.append(fit(Self.keyHelp))

        // The big letters get the rows left (a blank row between lines of big text).
        let free = rows - top.count - bottom.count - 1
        let bigLines = free >= BlockFont.height ? min(3, (free + 1) / (BlockFont.height + 1)) : 0
        var middle: [String] = [""]
        let headline = snapshot.headline
        if bigLines > 0 {
            for (index, line) in BlockFont.wrap(headline, columns: columns, maxLines: bigLines).enumerated() {
                if index > 0 { middle.append("") }
                middle += BlockFont.render(line).map { paint($0.trimmingTrailingSpaces(), code: cueColor(snapshot)) }
            }
        } else {
            middle.append(paint(fit(headline.uppercased()), code: "1;" + cueColor(snapshot)))
        }
        var all = top + middle
        let padding = rows - all.count - bottom.count
        if padding > 0 { all += Array(repeating: "", count: padding) }
        all += bottom
        return Array(all.prefix(rows))
    }

    /// Reps (of the prescription, per side), hold timer, side and score, in one line.
    public func countsLine(_ s: LiveSnapshot) -> String {
        var parts: [String] = []
        if s.countsReps {
            var reps = "Reps: \(s.reps)" + (s.prescribedReps.map { "/\($0)" } ?? "")
            if let bySide = s.repsBySide { reps += " (L \(bySide.left), R \(bySide.right))" }
            if s.partialReps > 0 { reps += " +\(s.partialReps) partial" }
            parts.append(reps)
        }
        if let hold = s.prescribedHold {
            let running = s.holdSeconds ?? s.lastHoldSeconds ?? 0
            parts.append(String(format: "Hold: %.1f s of %@ s", running, Self.number(hold.target)))
        } else if !s.countsReps {
            parts.append(String(format: "Hold: %.1f s", s.holdSeconds ?? s.lastHoldSeconds ?? 0))
        }
        if s.holds > 0 { parts.append("Holds: \(s.completedHolds)/\(s.holds)") }
        if s.hasSides { parts.append("Side: \(s.side?.rawValue ?? "-")") }
        parts.append("Score: " + (s.score.map(String.init) ?? "-"))
        return parts.joined(separator: "   ")
    }

    /// Frames per second, latency, drops and time.
    public func timingLine(_ s: LiveSnapshot) -> String {
        var text = String(format: "%.1f fps", s.framesPerSecond)
        if let latency = s.latencyMilliseconds {
            text += String(format: " · latency %.0f ms", latency)
            if let p95 = s.latencyP95 { text += String(format: " (p95 %.0f)", p95) }
        }
        text += " · dropped \(s.droppedFrames) · frame \(s.frames)"
        let seconds = Int(s.seconds)
        text += String(format: " · %d:%02d", seconds / 60, seconds % 60)
        if let verdict = s.verdict { text += " · \(verdict.rawValue)" }
        return text
    }

    /// One status line for output that is not a terminal.
    public static func plainLine(_ s: LiveSnapshot) -> String {
        let screen = TerminalScreen(columns: 400, rows: 40, color: false)
        var line = String(format: "%7.1fs ", s.seconds) + (s.verdict?.rawValue ?? "-")
        line += "  " + screen.countsLine(s) + "  " + screen.timingLine(s)
        if let cue = s.cue { line += "  cue: \(cue)" }
        if let stopped = s.stopped { line += "  STOPPED: \(stopped)" }
        if let notice = s.notice { line += "  notice: \(notice)" }
        return line
    }

    private func cueColor(_ s: LiveSnapshot) -> String {
        if s.stopped != nil { return "31" }
        switch s.verdict {
        case .good?: return "32"
        case .fault?: return s.cueKind == .position ? "33" : "31"
        case .unseen?: return "33"
        case nil: return "37"
        }
    }

    private func paint(_ text: String, code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func fit(_ text: String) -> String {
        text.count <= columns ? text : String(text.prefix(columns - 1)) + "…"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}

/// Word wrapping for plain text.
enum TextWrap {
    /// `text` in lines of at most `width` characters, broken at spaces.
    static func lines(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
            while current.count > width {
                lines.append(String(current.prefix(width)))
                current = String(current.dropFirst(width))
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
