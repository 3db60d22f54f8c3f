import Foundation
import Form
import Scoring

/// The self-contained HTML page of `formcheck score --html` and of a live session: for each
/// input the summary, the checks' pass rates, the most frequent cues, plots of the key measures
/// over time and the worst frames as pictures (embedded as base64 JPEG). No scripts, no
/// external files: the page can be mailed or archived as it is.
public enum HTMLReport {
    /// One input's part of the page.
    public struct Section: Sendable {
        /// The scored session.
        public var scored: ScoredSession
        /// The worst frames' pictures, worst first.
        public var pictures: [ReportPicture]
        /// Extra lines shown under the summary (a live session's frame rate and latency).
        public var notes: [String]

        /// A section for `scored` with `pictures` and `notes`.
        public init(scored: ScoredSession, pictures: [ReportPicture], notes: [String] = []) {
            self.scored = scored
            self.pictures = pictures
            self.notes = notes
        }
    }

    /// The page for `sections`, titled `title`, stamped `generated`.
    public static func page(_ sections: [Section], title: String = "formcheck report", generated: Date = Date()) -> String {
        let stamp = ISO8601DateFormatter.string(from: generated, timeZone: .current, formatOptions: [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime])
        var out = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header><h1>\(HTML.escape(title))</h1><p class="meta">Made by formcheck on \(HTML.escape(stamp)) · \(sections.count) input\(sections.count == 1 ? "" : "s")</p>
            """
        if sections.count > 1 {
            out += "<nav><ol>" + sections.enumerated().map { index, section in
                "<li><a href=\"#input-\(index + 1)\">\(HTML.escape(section.scored.input))</a> — \(HTML.escape(section.scored.template.name))"
                    + (section.scored.session.summary.score.map { ", score \($0)" } ?? "") + "</li>"
            }.joined() + "</ol></nav>"
        }
        out += "</header>\n"
        for (index, section) in sections.enumerated() {
            out += render(section, number: index + 1)
        }
        out += "<footer><p>\(RedFlag.lines.map(HTML.escape).joined(separator: "<br>"))</p></footer>\n</body>\n</html>\n"
        return out
    }

    static func render(_ section: Section, number: Int) -> String {
        let scored = section.scored, template = scored.template, summary = scored.session.summary
        var out = "<section class=\"input\" id=\"input-\(number)\">\n"
        out += "<h2>\(HTML.escape(scored.input)) <span class=\"exercise\">\(HTML.escape(template.name)) (\(HTML.escape(template.id)))</span></h2>\n"
        if let recognition = scored.recognition {
            out += "<p class=\"recognition \(recognition.isSure ? "sure" : "unsure")\">Recognised as \(HTML.escape(recognition.sentence)).</p>\n"
        }
        out += "<div class=\"cards\">"
        out += card("Score", summary.score.map { "\($0)<small>/100</small>" } ?? "—",
                    summary.score == nil ? "no rep or hold counted" : "mean of the \(template.countsReps ? "reps" : "holds")")
        if template.countsReps {
            let prescribed = template.prescription.reps.map { " of \($0)" } ?? ""
            var detail = summary.partialReps > 0 ? "\(summary.partialReps) partial, not counted" : "prescribed: \(template.prescription.summary)"
            if let bySide = summary.repsBySide { detail = "left \(bySide.left), right \(bySide.right) · " + detail }
            out += card("Reps", "\(summary.reps)<small>\(HTML.escape(prescribed))</small>", detail)
        }
        if let hold = template.prescription.holdSeconds {
            out += card("Holds", "\(summary.completedHolds)<small> of \(summary.holds) long enough</small>",
                        String(format: "%.1f s good form in all, best %.1f s; aim %@–%@ s each", summary.goodHoldSeconds,
                               summary.longestHoldSeconds, SummaryTable.format(hold.minimum), SummaryTable.format(hold.target)))
        }
        out += card("Frames", "\(summary.frames)", String(format: "%.1f s: %d good, %d with faults, %d unseen",
                                                           summary.durationSeconds, summary.goodFrames, summary.faultFrames, summary.unseenFrames))
        out += "</div>\n"
        if summary.stopped || !summary.safetyAdvice.isEmpty {
            out += "<div class=\"safety\">" + (summary.stopped ? "<strong>Stopped for safety.</strong> " : "")
                + summary.safetyAdvice.map(HTML.escape).joined(separator: " ") + "</div>\n"
        }
        for note in section.notes { out += "<p class=\"note\">\(HTML.escape(note))</p>\n" }

        let holds = SummaryTable.holds(scored)
        if !holds.isEmpty {
            out += "<h3>Holds against the prescription</h3>\n<ul class=\"holds\">" + holds.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>\n"
        }
        let statistics = scored.checkStatistics
        if !statistics.isEmpty {
            out += "<h3>Checks</h3>\n<table class=\"checks\"><thead><tr><th>measure</th><th>good</th><th>pass rate</th><th>measured</th><th>fault</th></tr></thead><tbody>"
            for item in statistics {
                let check = item.check
                let unit = check.measure.kind.unit == .degrees ? "°" : " × trunk"
                let rate = item.passRate
                let bar = rate.map { "<div class=\"bar\"><div style=\"width:\(Int(($0 * 100).rounded()))%\"></div></div> \(Int(($0 * 100).rounded()))%" } ?? "never seen"
                let faults = Array(Set([check.below, check.above].compactMap { $0 })).sorted()
                out += "<tr><td>\(HTML.escape(check.measure.description))</td><td>\(HTML.escape(check.good.phrase + unit))</td><td>\(bar)</td>"
                    + "<td>\(item.measured)/\(item.applicable)</td><td>\(HTML.escape(faults.joined(separator: " / ")))</td></tr>"
            }
            out += "</tbody></table>\n"
        }
        let cues = SummaryTable.frequentCues(scored, limit: 5)
        if !cues.isEmpty {
            out += "<h3>Most frequent cues</h3>\n<ol class=\"cues\">" + cues.map { "<li><span class=\"count\">\($0.frames) frames</span> \(HTML.escape($0.text))</li>" }.joined() + "</ol>\n"
        }
        let plots = AnglePlot.plots(for: scored)
        if !plots.isEmpty {
            out += "<h3>Key measures over time</h3>\n<p class=\"legendnote\">Green: the good range. Blue bands: \(template.countsReps ? "reps (faint: partial)" : "holds"). Red dots: frames where the check failed.</p>\n"
            out += plots.map { "<figure>\($0.svg)</figure>\n" }.joined()
        }
        if !section.pictures.isEmpty {
            out += "<h3>Worst frames</h3>\n<div class=\"frames\">"
            for picture in section.pictures {
                let name = scored.frames[picture.frame].image
                out += "<figure><img alt=\"\(HTML.escape(name))\" src=\"data:image/jpeg;base64,\(Data(picture.jpeg).base64EncodedString())\">"
                    + String(format: "<figcaption><b>%.1f s</b> ", picture.seconds) + HTML.escape(picture.caption)
                    + "<br><small>\(HTML.escape(name))</small></figcaption></figure>"
            }
            out += "</div>\n"
        } else if summary.faultFrames == 0 {
            out += "<p class=\"note\">No frame with a fault.</p>\n"
        }
        return out + "</section>\n"
    }

    static func card(_ title: String, _ value: String, _ detail: String) -> String {
        "<div class=\"card\"><div class=\"ctitle\">\(HTML.escape(title))</div><div class=\"cvalue\">\(value)</div><div class=\"cdetail\">\(HTML.escape(detail))</div></div>"
    }

    static let style = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1000px;padding:16px 20px;color:#1b1f24;background:#fafbfc}
        h1{margin:0 0 4px}h2{margin:28px 0 8px;border-bottom:2px solid #d0d7de;padding-bottom:4px}h2 .exercise{font-weight:400;color:#57606a}
        h3{margin:20px 0 8px}.meta,.note,.legendnote{color:#57606a}.recognition.unsure{color:#9a6700}
        .cards{display:flex;flex-wrap:wrap;gap:10px}.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:10px 14px;min-width:150px;flex:1}
        .ctitle{color:#57606a;font-size:13px;text-transform:uppercase;letter-spacing:.05em}.cvalue{font-size:30px;font-weight:700}.cvalue small{font-size:15px;font-weight:400;color:#57606a}
        .cdetail{font-size:13px;color:#57606a}.safety{background:#ffebe9;border:1px solid #ff8182;border-radius:8px;padding:10px;margin:10px 0}
        table.checks{border-collapse:collapse;width:100%;background:#fff}table.checks th,table.checks td{border-bottom:1px solid #d0d7de;padding:5px 8px;text-align:left;font-size:14px}
        .bar{display:inline-block;width:110px;height:10px;background:#ffd8d3;border-radius:5px;vertical-align:middle}.bar div{height:10px;background:#2da44e;border-radius:5px}
        ol.cues .count{display:inline-block;min-width:80px;color:#57606a}figure{margin:8px 0}svg.plot{width:100%;height:auto;background:#fff;border:1px solid #d0d7de;border-radius:6px}
        svg .area{fill:#fff}svg .good{fill:#2da44e;fill-opacity:.16}svg .rep{fill:#0969da;fill-opacity:.08}svg .rep.partial{fill-opacity:.03}
        svg .grid{stroke:#eaeef2}svg .reference{stroke:#8c959f;stroke-dasharray:4 3}svg .fail{fill:#cf222e}
        svg text{font:11px system-ui,sans-serif;fill:#57606a}svg .ytick{text-anchor:end}svg .xtick,svg .replabel{text-anchor:middle}svg .reflabel{text-anchor:end}svg .ptitle{font-weight:600;fill:#1b1f24;font-size:12px}
        .frames{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}.frames figure{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:6px;margin:0}
        .frames img{width:100%;height:auto;border-radius:4px}.frames figcaption{font-size:13px}footer{margin-top:30px;color:#57606a;font-size:13px}
        """
}
