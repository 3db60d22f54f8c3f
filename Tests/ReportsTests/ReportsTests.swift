import Foundation
import Form
@testable import Reports
import Scoring
import Testing

/// The reports of a scored session: summary table, JSON, CSV, HTML with plots, progress line.
@Suite struct ReportsTests {
    static let plank: ScoredSession = {
        do { return try RecordedSession.scored("plank", input: "plank/good") } catch { fatalError("\(error)") }
    }()
    static let saggingPlank: ScoredSession = {
        do { return try RecordedSession.scored("plank", fault: "hips_sagging", input: "plank/hips_sagging") } catch { fatalError("\(error)") }
    }()
    static let squat: ScoredSession = {
        do { return try RecordedSession.scored("squat", input: "squat, \"front\"", reps: 3) } catch { fatalError("\(error)") }
    }()

    // MARK: Summary table

    @Test func theSummaryGivesHoldsChecksCuesAndScore() throws {
        let lines = SummaryTable.lines(Self.saggingPlank)
        #expect(lines.first == "plank/hips_sagging: Plank (plank)")
        #expect(lines.contains { $0.hasPrefix("  Holds       #1") })
        #expect(lines.contains { $0.hasPrefix("  Score       ") })
        #expect(lines.contains { $0.hasPrefix("  Checks      ") })
        // The sagging plank fails the hip line check in some frames, and says so in its cues.
        let hipLine = try #require(Self.saggingPlank.checkStatistics.first { $0.check.measure.description.contains("hip_off") })
        #expect(hipLine.failed > 0 && (hipLine.passRate ?? 1) < 1)
        let cues = SummaryTable.frequentCues(Self.saggingPlank, limit: 3)
        #expect(!cues.isEmpty)
        #expect(cues.map(\.frames) == cues.map(\.frames).sorted(by: >), "most frequent first")
    }

    @Test func aGoodSquatCountsItsRepsAndPassesItsChecks() throws {
        let lines = SummaryTable.lines(Self.squat)
        let reps = try #require(lines.first { $0.hasPrefix("  Reps        ") })
        #expect(reps.hasPrefix("  Reps        3 counted of 10 prescribed"), "\(reps)")
        for statistics in Self.squat.checkStatistics where statistics.measured > 0 {
            #expect((statistics.passRate ?? 0) > 0.8, "\(statistics.label)")
        }
    }

    // MARK: CSV

    @Test func theCSVHasOneRowPerFrameAndQuotesFields() throws {
        let csv = FrameTable.csv([Self.plank, Self.squat])
        let rows = csv.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(rows.count == 1 + Self.plank.frames.count + Self.squat.frames.count)
        let header = rows[0].split(separator: ",").map(String.init)
        #expect(Array(header.prefix(11)) == ["input", "exercise", "frame", "image", "time_s", "verdict", "phase", "side", "rep", "faults", "cue"])
        // The squat's input name has a comma and quotes: quoted, quotes doubled.
        #expect(rows.last?.hasPrefix("\"squat, \"\"front\"\"\",squat,") == true, "\(rows.last ?? "")")
        // Every squat rep's frames carry its number.
        let repColumn = rows.dropFirst().filter { $0.contains(",squat,") }.compactMap { row -> Int? in
            Int(FrameTableFields.split(String(row))[8])
        }
        #expect(Set(repColumn) == [1, 2, 3])
    }

    // MARK: JSON

    @Test func theJSONIsAnalyzesReportWithLandmarks() throws {
        let data = try ScoreReport.jsonData([ScoreReport(Self.plank)])
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["input"] as? String == "plank/good")
        let frames = try #require(object["frames"] as? [[String: Any]])
        #expect(frames.count == Self.plank.frames.count)
        let pose = try #require(frames.first?["pose"] as? [String: Any])
        #expect((pose["landmarks"] as? [[String: Any]])?.count == 33)
        #expect(frames.first?["verdict"] is String && frames.first?["timestamp_s"] is Double)
        #expect(object["summary"] is [String: Any] && object["holds"] is [Any])
        // Several reports make an array, with extra fields where given.
        let two = try ScoreReport.jsonData([ScoreReport(Self.plank), ScoreReport(Self.squat, extra: ["fps": .number(29.5)])])
        let array = try #require(try JSONSerialization.jsonObject(with: two) as? [[String: Any]])
        #expect(array.count == 2 && array[1]["fps"] as? Double == 29.5)
    }

    // MARK: HTML

    @Test func thePageIsSelfContainedAndEscapesNames() throws {
        let hostile = try RecordedSession.scored("plank", input: "<script>alert(1)</script>")
        let page = HTMLReport.page([HTMLReport.Section(scored: hostile, pictures: []),
                                    HTMLReport.Section(scored: Self.squat, pictures: [], notes: ["12.5 frames/s"])])
        #expect(!page.contains("<script"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        for external in ["http://", "https://", "<link", "url("] { #expect(!page.contains(external)) }
        #expect(page.contains("<nav>") && page.contains("id=\"input-2\""))
        #expect(page.contains("12.5 frames/s"))
        #expect(page.hasSuffix("</html>\n"))
    }

    @Test func plotsShadeTheGoodRangeAndMarkReps() throws {
        let plots = AnglePlot.plots(for: Self.squat)
        // The movement first, then one plot per distinct check.
        let movement = try #require(plots.first)
        #expect(movement.title.hasPrefix("knee_angle.mean"))
        #expect(movement.bands.filter(\.counted).count == 3)
        #expect(plots.count >= 2)
        let checked = try #require(plots.dropFirst().first)
        #expect(checked.good != nil)
        let svg = checked.svg
        #expect(svg.contains("class=\"good\"") && svg.contains("class=\"rep\"") && svg.contains("<polyline"))
        #expect(svg.hasPrefix("<svg ") && svg.hasSuffix("</svg>"))
    }

    @Test func aGapInTheMeasureBreaksTheLine() throws {
        let good = try #require(RecordedSession.library.template(id: "plank").checks.first?.good)
        let points: [(seconds: Double, value: Double?)] = [(0, 10), (1, 20), (2, nil), (3, 30), (4, 35)]
        let plot = AnglePlot(title: "t", unit: .degrees, series: [.init(label: "a", color: "#000", points: points, failures: [(1, 20)])],
                             good: good, duration: 4)
        #expect(plot.svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(plot.svg.components(separatedBy: "class=\"fail\"/>").count - 1 == 1)
        #expect(plot.svg.contains("check failed"), "the legend explains the red dots")
    }

    @Test(arguments: [(0.0, 100.0, 5), (-3.0, 7.0, 4), (0.0, 0.37, 5)])
    func ticksAreRoundAndInRange(low: Double, high: Double, count: Int) {
        let ticks = AnglePlot.ticks(low: low, high: high, count: count)
        #expect(!ticks.isEmpty && ticks.count <= 2 * count + 1)
        #expect(ticks.allSatisfy { $0 >= low - 1e-9 && $0 <= high + 1e-9 })
        let steps = zip(ticks.dropFirst(), ticks).map { $0 - $1 }
        #expect(steps.allSatisfy { abs($0 - steps[0]) < 1e-9 })
    }

    @Test func tickLabelsAreNeverInExponentForm() {
        #expect(AnglePlot.label(160, unit: .degrees) == "160°")
        #expect(AnglePlot.label(-7.5, unit: .degrees) == "-7.5°")
        #expect(AnglePlot.label(0.25, unit: nil) == "0.25")
        #expect(AnglePlot.label(0.05, unit: nil) == "0.05")
        #expect(!AnglePlot.label(1234.5, unit: nil).contains("e"))
    }

    // MARK: Progress line and file names

    @Test func theProgressLineShowsRateAndTimeLeft() {
        var counts = PoseExtraction.Progress.Counts(frames: 30, expectedFrames: 120, inputsDone: 1, inputs: 2)
        let line = ProgressLine.text(counts, elapsed: 3, width: 100)
        #expect(line.contains("30/120 frames") && line.contains("10.0 frames/s") && line.contains("9 s left") && line.contains("1/2 inputs"))
        #expect(line.count <= 100)
        counts.expectedFrames = nil
        #expect(ProgressLine.text(counts, elapsed: 3).contains("30 frames · 10.0 frames/s"))
        #expect(ProgressLine.text(counts, elapsed: 3, width: 20).count <= 20)
        #expect(ProgressLine.duration(75) == "1:15")
    }

    @Test func annotatedFileNamesAreUnique() {
        var names = UniqueFileNames()
        #expect(names.name(for: "a/frame_1.png") == "frame_1.jpg")
        #expect(names.name(for: "b/frame_1.jpg") == "frame_1_2.jpg")
        #expect(names.name(for: "frame_1") == "frame_1_3.jpg")
        #expect(names.name(stem: "frame_2") == "frame_2.jpg")
    }
}

/// Splits one CSV row (RFC 4180 quoting) for the tests.
enum FrameTableFields {
    static func split(_ row: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false
        var characters = Array(row)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        return fields + [field]
    }
}
