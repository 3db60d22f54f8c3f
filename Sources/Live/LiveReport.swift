import Foundation
import Form
import Reports
import Scoring

/// The session file of a live session: the JSON and the HTML page `formcheck score` writes,
/// with the live figures (how it ended, frame rate, latency, dropped frames) and the safety
/// log (pain before and after, a sharp-pain stop) that the analysis report carries.
public enum LiveReport {
    /// What the report says about the live run itself.
    public struct Run: Sendable {
        /// What the frames came from.
        public var source: String
        /// How the session ended.
        public var ending: LivePipeline.Ending
        /// When it started.
        public var started: Date
        /// Seconds it ran (wall clock).
        public var wallSeconds: Double

        /// The run's facts.
        public init(source: String, ending: LivePipeline.Ending, started: Date, wallSeconds: Double) {
            self.source = source
            self.ending = ending
            self.started = started
            self.wallSeconds = wallSeconds
        }
    }

    /// The `live` object of the JSON report.
    public static func liveFields(_ session: LiveSession, run: Run) -> JSONValue {
        let latency = session.latency
        func number(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
        let frames = session.scored.frames.count
        return .object([
            "source": .string(run.source),
            "ended": .string(describe(run.ending)),
            "started": .string(ISO8601DateFormatter().string(from: run.started)),
            "wall_s": .number(run.wallSeconds),
            "frames_processed": .integer(frames),
            "frames_per_second": .number(run.wallSeconds > 0 ? Double(frames) / run.wallSeconds : 0),
            "dropped_frames": .integer(session.droppedFrames),
            "failed_frames": .integer(session.failedFrames),
            "latency_ms": .object([
                "samples": .integer(latency.samples.count),
                "median": number(latency.percentile(50)),
                "p95": number(latency.percentile(95)),
                "max": number(latency.maximum),
                "mean": number(latency.mean),
            ]),
        ])
    }

    /// The lines shown under the summary in the HTML page.
    public static func notes(_ session: LiveSession, run: Run) -> [String] {
        var notes = ["Live session from \(run.source), \(describe(run.ending))."]
        let frames = session.scored.frames.count
        if let median = session.latency.percentile(50), let p95 = session.latency.percentile(95) {
            notes.append(String(format: "%d frames in %.1f s (%.1f fps); latency from frame to screen %.0f ms median, %.0f ms at the 95th percentile; %d frames dropped to stay current.",
                                frames, run.wallSeconds, run.wallSeconds > 0 ? Double(frames) / run.wallSeconds : 0,
                                median, p95, session.droppedFrames))
        }
        let safety = session.scored.session.safety
        var pain: [String] = []
        if let before = safety.painBefore { pain.append("pain before: \(before)/10") }
        if let after = safety.painAfter { pain.append("pain after: \(after)/10") }
        if !pain.isEmpty { notes.append(pain.joined(separator: "; ").capitalizedFirst + ".") }
        return notes
    }

    /// Writes `base.json` and `base.html`; returns their paths.
    public static func write(_ session: LiveSession, run: Run, base: String) throws(LiveError) -> [String] {
        let json = base + ".json", html = base + ".html"
        let report = ScoreReport(session.scored, extra: ["live": liveFields(session, run: run)])
        let data: Data
        do {
            data = try ScoreReport.jsonData([report])
        } catch {
            throw .reportUnwritable(path: json, reason: "\(error)")
        }
        try save(data, to: json)
        let section = HTMLReport.Section(scored: session.scored, pictures: session.pictures, notes: notes(session, run: run))
        let page = HTMLReport.page([section], title: "formcheck live: \(session.scored.template.name)", generated: run.started)
        try save(Data(page.utf8), to: html)
        return [json, html]
    }

    /// How a session ended, in words.
    public static func describe(_ ending: LivePipeline.Ending) -> String {
        switch ending {
        case .quit: return "ended by the user"
        case .sourceEnded: return "ended at the end of the recording"
        case .sharpPain: return "stopped for a sharp pain"
        case let .failed(reason): return "stopped: \(reason)"
        }
    }

    private static func save(_ data: Data, to path: String) throws(LiveError) {
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw .reportUnwritable(path: path, reason: error.localizedDescription)
        }
    }
}

/// Pain scores as a person types them.
public enum PainScore {
    /// The score in `text` (0–10), `nil` for an empty answer (skipped).
    public static func parse(_ text: String) throws(LiveError) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        guard let score = Int(trimmed), SafetyLog.painScale.contains(score) else { throw .invalidPainScore(trimmed) }
        return score
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
