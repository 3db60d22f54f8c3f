import ArgumentParser
import Capture
import Form
import Foundation

/// `formcheck analyze`: runs recorded landmarks through one exercise's analysis.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse recorded landmarks for one exercise: verdicts, reps, holds, score.",
        discussion: """
            Reads the landmark JSON that `formcheck pose --json` writes (an array of frames, \
            or a folder of one JSON file per frame), judges every frame against the exercise's \
            checks, counts reps and holds, and prints the session summary. Frames of separate \
            photos (image files that are not one numbered series, as `formcheck pose` writes \
            for a folder of photos) are each judged on their own, with no reps or holds. --json \
            writes every frame's verdict, faults, cues and measures, the reps, holds and summary.
            """)

    @Argument(help: ArgumentHelp("The landmark JSON file, or a folder of one JSON file per frame.", valueName: "poses"))
    var poses: String

    @Option(help: ArgumentHelp("The exercise id (see `formcheck exercises`).", valueName: "id"))
    var exercise: String?

    @Option(help: ArgumentHelp("A template file of your own, instead of --exercise.", valueName: "file"))
    var template: String?

    @Option(help: ArgumentHelp("Write the full report as JSON to this file ('-' for standard output).", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Frames per second, for frames without a timestamp_s.", valueName: "rate"))
    var fps: Double = 30

    @Option(help: ArgumentHelp("The lowest landmark visibility to trust, 0 to 1.", valueName: "level"))
    var visibility: Double = 0.5

    @Flag(help: "Measure on image landmarks only, ignoring world landmarks.")
    var imageOnly = false

    @Flag(inversion: .prefixedNo, help: ArgumentHelp(
        "Take the frames as separate photos, each judged on its own with no reps or holds (--photos), or as one recording (--no-photos). By default they are photos when their image files are not one numbered series."))
    var photos: Bool?

    @Option(help: ArgumentHelp("Pain before starting, 0 (none) to 10 (worst).", valueName: "score"))
    var painBefore: Int?

    @Option(help: ArgumentHelp("Pain after finishing, 0 to 10.", valueName: "score"))
    var painAfter: Int?

    @Flag(help: "A sharp pain was felt during the exercise.")
    var sharpPain = false

    @Option(help: ArgumentHelp("Seconds into the recording when the sharp pain came (default: at the end).", valueName: "seconds"))
    var sharpPainAt: Double?

    func validate() throws {
        guard (exercise == nil) != (template == nil) else {
            throw ValidationError("give --exercise ID or --template FILE (one of them)")
        }
        guard fps > 0 else { throw ValidationError("--fps must be above 0") }
        guard (0...1).contains(visibility) else { throw ValidationError("--visibility must be between 0 and 1") }
        try PainArguments.validate(before: painBefore, after: painAfter)
        if sharpPainAt != nil, !sharpPain { throw ValidationError("--sharp-pain-at needs --sharp-pain") }
    }

    func run() throws {
        let chosen = try template.map { try TemplateLoader.load(contentsOf: URL(fileURLWithPath: $0)) }
            ?? TemplateLibrary.bundled().template(id: exercise ?? "")
        let recording = try PoseRecording.load(URL(fileURLWithPath: poses))
        var options = SessionOptions(framesPerSecond: fps,
                                     analysis: AnalysisOptions(visibilityThreshold: visibility, preferWorld: !imageOnly))
        options.separatePhotos = photos ?? Self.arePhotos(recording.map(\.image))
        let pain = RecordingAnalysis.Pain(before: painBefore, after: painAfter, sharp: sharpPain, sharpAtSeconds: sharpPainAt)
        let analysis = try RecordingAnalysis(recording: recording, template: chosen, options: options, pain: pain)
        if let json {
            let data = try analysis.report.jsonData()
            if json == "-" {
                FileHandle.standardOutput.write(data + Data("\n".utf8))
                return
            }
            try data.write(to: URL(fileURLWithPath: json))
        }
        print(analysis.session.summary.lines.joined(separator: "\n"))
    }

    /// Whether frames named `images` are separate photos: every frame has a name, and the names
    /// are those of separate photos (``FrameSeries/arePhotos(_:)``).
    static func arePhotos(_ images: [String?]) -> Bool {
        let names = images.compactMap { $0 }
        return names.count == images.count && FrameSeries.arePhotos(names)
    }
}
