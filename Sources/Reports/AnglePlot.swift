import Foundation
import Form
import Scoring

/// A plot of measures over time as inline SVG: the lines, the good range shaded, the reps (or
/// holds) marked as bands, and the frames where the check failed as red dots.
public struct AnglePlot: Sendable {
    /// One line of the plot.
    public struct Series: Sendable {
        /// The legend's text.
        public var label: String
        /// The line's colour (CSS).
        public var color: String
        /// (seconds, value) per frame; `nil` where the measure could not be trusted (a gap).
        public var points: [(seconds: Double, value: Double?)]
        /// Seconds of frames where the check failed.
        public var failures: [(seconds: Double, value: Double)]
    }

    /// A band along the time axis (a rep or a hold).
    public struct Band: Sendable {
        /// Start and end, seconds.
        public var start: Double, end: Double
        /// The label drawn at its top ("1", "2", …).
        public var label: String
        /// Whether it counted (a partial rep is drawn fainter).
        public var counted: Bool
    }

    /// The plot's title.
    public var title: String
    /// The unit of the values.
    public var unit: MeasureUnit
    /// The lines.
    public var series: [Series]
    /// The good range, shaded.
    public var good: ValueRange?
    /// Horizontal reference lines (a rep's rest and target), with labels.
    public var references: [(value: Double, label: String)] = []
    /// The reps or holds.
    public var bands: [Band] = []
    /// Seconds the time axis spans.
    public var duration: Double

    /// Width and height of the drawing, in CSS pixels.
    public static let width = 760.0, height = 250.0
    static let left = 52.0, right = 12.0, top = 44.0, bottom = 30.0

    /// The SVG element.
    public var svg: String {
        let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
        let values = series.flatMap { $0.points.compactMap(\.value) } + references.map(\.value)
        var low = values.min() ?? 0, high = values.max() ?? 1
        if let min = good?.min { low = Swift.min(low, min); high = Swift.max(high, min) }
        if let max = good?.max { low = Swift.min(low, max); high = Swift.max(high, max) }
        let span = Swift.max(high - low, unit == .degrees ? 10 : 0.1)
        low -= span * 0.08
        high = low + span * 1.16
        let duration = Swift.max(self.duration, 0.001)
        func x(_ seconds: Double) -> Double { Self.left + plotWidth * Swift.min(1, Swift.max(0, seconds / duration)) }
        func y(_ value: Double) -> Double { Self.top + plotHeight * (1 - (value - low) / (high - low)) }

        var out = "<svg class=\"plot\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" role=\"img\" aria-label=\"\(HTML.escape(title))\">"
        out += "<title>\(HTML.escape(title))</title>"
        out += "<rect x=\"\(c(Self.left))\" y=\"\(c(Self.top))\" width=\"\(c(plotWidth))\" height=\"\(c(plotHeight))\" class=\"area\"/>"
        // The good range.
        if let good {
            let upper = good.max.map(y) ?? Self.top, lower = good.min.map(y) ?? Self.top + plotHeight
            let top = Swift.max(Self.top, Swift.min(upper, lower)), bottom = Swift.min(Self.top + plotHeight, Swift.max(upper, lower))
            if bottom > top {
                out += "<rect x=\"\(c(Self.left))\" y=\"\(c(top))\" width=\"\(c(plotWidth))\" height=\"\(c(bottom - top))\" class=\"good\"><title>good range: \(HTML.escape(good.phrase))</title></rect>"
            }
        }
        // Reps and holds.
        for band in bands {
            let start = x(band.start), end = Swift.max(x(band.end), start + 1)
            out += "<rect x=\"\(c(start))\" y=\"\(c(Self.top))\" width=\"\(c(end - start))\" height=\"\(c(plotHeight))\" class=\"\(band.counted ? "rep" : "rep partial")\"/>"
            out += "<text x=\"\(c((start + end) / 2))\" y=\"\(c(Self.top + 13))\" class=\"replabel\">\(HTML.escape(band.label))</text>"
        }
        // Value axis.
        for tick in Self.ticks(low: low, high: high, count: 5) {
            out += "<line x1=\"\(c(Self.left))\" x2=\"\(c(Self.left + plotWidth))\" y1=\"\(c(y(tick)))\" y2=\"\(c(y(tick)))\" class=\"grid\"/>"
            out += "<text x=\"\(c(Self.left - 6))\" y=\"\(c(y(tick) + 4))\" class=\"ytick\">\(Self.label(tick, unit: unit))</text>"
        }
        // Time axis.
        for tick in Self.ticks(low: 0, high: duration, count: 8) where tick <= duration {
            out += "<text x=\"\(c(x(tick)))\" y=\"\(c(Self.top + plotHeight + 18))\" class=\"xtick\">\(Self.label(tick, unit: nil)) s</text>"
        }
        for reference in references {
            out += "<line x1=\"\(c(Self.left))\" x2=\"\(c(Self.left + plotWidth))\" y1=\"\(c(y(reference.value)))\" y2=\"\(c(y(reference.value)))\" class=\"reference\"/>"
            out += "<text x=\"\(c(Self.left + plotWidth - 4))\" y=\"\(c(y(reference.value) - 4))\" class=\"reflabel\">\(HTML.escape(reference.label))</text>"
        }
        // The lines, broken where the measure was not seen.
        for line in series {
            var runs: [[String]] = [[]]
            for point in line.points {
                guard let value = point.value else {
                    if !(runs.last?.isEmpty ?? true) { runs.append([]) }
                    continue
                }
                runs[runs.count - 1].append("\(c(x(point.seconds))),\(c(y(value)))")
            }
            for run in runs where !run.isEmpty {
                if run.count == 1 {
                    let xy = run[0].split(separator: ",")
                    out += "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"2\" fill=\"\(line.color)\"/>"
                } else {
                    out += "<polyline points=\"\(run.joined(separator: " "))\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2\"/>"
                }
            }
            for failure in line.failures {
                out += "<circle cx=\"\(c(x(failure.seconds)))\" cy=\"\(c(y(failure.value)))\" r=\"3\" class=\"fail\"/>"
            }
        }
        // Title, and the legend on the line below it.
        out += "<text x=\"\(c(Self.left))\" y=\"15\" class=\"ptitle\">\(HTML.escape(title))</text>"
        var legendX = Self.left
        for line in series {
            out += "<line x1=\"\(c(legendX))\" x2=\"\(c(legendX + 14))\" y1=\"29\" y2=\"29\" stroke=\"\(line.color)\" stroke-width=\"3\"/>"
            out += "<text x=\"\(c(legendX + 18))\" y=\"33\" class=\"legend\">\(HTML.escape(line.label))</text>"
            legendX += Double(line.label.count) * 6.5 + 34
        }
        if series.contains(where: { !$0.failures.isEmpty }) {
            out += "<circle cx=\"\(c(legendX + 4))\" cy=\"29\" r=\"3\" class=\"fail key\"/>"
            out += "<text x=\"\(c(legendX + 12))\" y=\"33\" class=\"legend\">check failed</text>"
        }
        return out + "</svg>"
    }

    private func c(_ value: Double) -> String { HTML.coordinate(value) }

    /// About `count` round tick values between `low` and `high`.
    static func ticks(low: Double, high: Double, count: Int) -> [Double] {
        guard high > low, count > 0 else { return [low] }
        let raw = (high - low) / Double(count)
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var tick = (low / step).rounded(.up) * step
        var ticks: [Double] = []
        while tick <= high + step * 1e-9 {
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return ticks
    }

    /// A tick's text: whole numbers as they are, others with two significant digits (never in
    /// exponent form); degrees with their sign.
    static func label(_ value: Double, unit: MeasureUnit?) -> String {
        let text: String
        if abs(value - value.rounded()) < 1e-9 {
            text = String(Int(value.rounded()))
        } else {
            let decimals = max(0, min(4, 1 - Int(log10(abs(value)).rounded(.down))))
            var fixed = String(format: "%.\(decimals)f", value)
            while fixed.contains("."), fixed.hasSuffix("0") { fixed.removeLast() }
            text = fixed.hasSuffix(".") ? String(fixed.dropLast()) : fixed
        }
        return unit == .degrees ? text + "°" : text
    }
}

extension AnglePlot {
    /// The plots a report shows for a scored session: the rep's movement measure with its rest
    /// and target, then each check's measure with its good range (both sides for checks on both).
    public static func plots(for scored: ScoredSession) -> [AnglePlot] {
        let template = scored.template
        let start = scored.frames.first?.seconds ?? 0
        let times = scored.frames.map { $0.seconds - start }
        let duration = times.last ?? 0
        var bands: [Band] = scored.session.reps.map {
            Band(start: $0.startSeconds, end: $0.endSeconds, label: $0.complete ? "\($0.number)" : "·", counted: $0.complete)
        }
        if !template.countsReps {
            bands = scored.session.holds.map { Band(start: $0.startSeconds, end: $0.endSeconds, label: "hold \($0.number)", counted: $0.completed) }
        }
        let outcomes = scored.analyses.map { CheckOutcome.evaluate(template, $0) }
        func values(_ name: String) -> [(seconds: Double, value: Double?)] {
            zip(times, scored.analyses).map { ($0, $1.value(name)) }
        }
        var plots: [AnglePlot] = []
        var plotted = Set<String>()
        if let movement = template.movement {
            let name = movement.measure.description
            plots.append(AnglePlot(title: "\(name): the movement of each rep", unit: movement.measure.kind.unit,
                                   series: [Series(label: name, color: "#1f6feb", points: values(name), failures: [])],
                                   good: nil,
                                   references: [(movement.rest.at, movement.rest.name), (movement.target.at, movement.target.name)],
                                   bands: bands, duration: duration))
            plotted.insert(name)
        }
        let colors = ["#1f6feb", "#b35900"]
        for (index, check) in template.checks.enumerated() {
            let names = check.measure.qualifier == .both
                ? ["\(check.measure.kind.rawValue).left", "\(check.measure.kind.rawValue).right"]
                : [check.measure.description]
            let key = names.joined(separator: "+") + check.good.phrase
            guard !plotted.contains(key) else { continue }
            plotted.insert(key)
            let series = names.enumerated().map { number, name in
                let points = values(name)
                let failures = zip(points, outcomes).compactMap { point, outcome -> (seconds: Double, value: Double)? in
                    guard outcome[index].state == .failed, let value = point.value, !check.good.contains(value) else { return nil }
                    return (point.seconds, value)
                }
                return Series(label: name, color: colors[number % colors.count], points: points, failures: failures)
            }
            let faults = [check.below, check.above].compactMap { $0 }
            let title = "\(check.measure): good \(check.good.phrase)\(check.measure.kind.unit == .degrees ? "°" : " × trunk")"
                + (faults.isEmpty ? "" : " (else \(Array(Set(faults)).sorted().joined(separator: " / ")))")
            plots.append(AnglePlot(title: title, unit: check.measure.kind.unit, series: series, good: check.good,
                                   bands: bands, duration: duration))
        }
        return plots
    }
}
