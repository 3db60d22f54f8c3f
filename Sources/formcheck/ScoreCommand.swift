import ArgumentParser
import Dispatch
import Form
import Foundation
import Pose
import Reports
import Scoring

/// `formcheck score`: scores recorded exercise (folders of frames, images, videos) against a
/// template, with a summary table and optional JSON, CSV, HTML and annotated frames.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score recorded exercise: reps, holds, checks, cues and a score, with reports.",
        discussion: """
            Each PATH is a folder of frames (JPEG/PNG, taken in natural order: frame_2 before \
            frame_10), a single image, or a video file (read through ffmpeg). Each is one \
            recording: the person is tracked through it and its frames are judged against the \
            exercise's checks; reps, holds and the score are counted as in `formcheck analyze`. \
            A folder whose files are not one numbered series (front.jpg, side.jpg; anna_1.jpg, \
            ben_1.jpg) is a set of separate photos instead: each is found and judged on its own, \
            with no reps or holds (--photos and --no-photos decide it yourself). \
            Several paths are scored in parallel (one at a time per thread). --exercise auto \
            recognises the exercise from the poses and says how sure it is. On a terminal a \
            progress line shows frames per second and the time left. --json writes the report \
            of `formcheck analyze --json` with each frame's landmarks (one object, or an array \
            for several paths); --csv one row per frame; --html one self-contained page with \
            the summary, plots of the key measures and the worst frames; --annotate every frame \
            with the skeleton and the failing segments in red.
            """)

    @Argument(help: ArgumentHelp("Folders of frames, images or video files.", valueName: "path"))
    var paths: [String]

    @Option(help: ArgumentHelp("The exercise id (see `formcheck exercises`), or 'auto' to recognise it.", valueName: "id"))
    var exercise: String

    @Option(help: ArgumentHelp("Frames per second of folders (default 30); videos are resampled to it (default: their own rate).", valueName: "n"))
    var fps: Double?

    @Flag(inversion: .prefixedNo, help: ArgumentHelp(
        "Take a folder's images as separate photos, each judged on its own with no reps or holds (--photos), or as the frames of one recording (--no-photos). By default a folder is a recording when its files are one numbered series (frame_0001.jpg, frame_0002.jpg, …)."))
    var photos: Bool?

    @Option(help: ArgumentHelp("Write the report as JSON, with the landmarks, to this file ('-' for standard output).", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Write one row per frame as CSV to this file.", valueName: "file"))
    var csv: String?

    @Option(help: ArgumentHelp("Write the HTML report (summary, plots, worst frames) to this file.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Write every frame with the overlay, as JPEG, into this folder (a folder per path when there are several).", valueName: "folder"))
    var annotate: String?

    @Option(help: ArgumentHelp("Threads to use (default: the number of cores): paths run in parallel, the rest go to each model.", valueName: "n"))
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Worst frames to show in the HTML report.", valueName: "n"))
    var worstFrames = 6

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one folder, image or video") }
        if let fps { guard fps > 0, fps.isFinite else { throw ValidationError("--fps must be above 0") } }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be between 1 and 64") }
        guard (0...50).contains(worstFrames) else { throw ValidationError("--worst-frames must be between 0 and 50") }
    }

    func run() throws {
        let library = try TemplateLibrary.bundled()
        let choice: ExerciseChoice
        do {
            choice = try ExerciseChoice(exercise, library: library)
        } catch {
            throw ValidationError(error.description)
        }
        // Fail before any frame is read when a report cannot be written.
        for case let (option, path?) in [("--json", json), ("--csv", csv), ("--html", html)] where path != "-" {
            try Self.checkWritable(file: path, option: option)
        }
        if let annotate { try Self.checkWritable(folder: annotate) }

        let inputs = paths.map { ScoringInput(path: $0, framesPerSecond: fps, photos: photos) }
        let workers = min(threads, inputs.count)
        var configuration = PoseConfiguration(mode: .video)
        configuration.threads = max(1, threads / workers)
        let extraction = PoseExtraction(configuration: configuration)
        // Fail early, before any frame is read, when the models are missing.
        _ = try extraction.makeTracker(for: inputs[0].path)

        let progress = PoseExtraction.Progress(inputs: inputs.count)
        let bar = TerminalProgress(progress: progress)
        let started = ContinuousClock.now
        bar.start()
        let results = extraction.run(inputs, workers: workers, progress: progress)
        bar.finish()
        let elapsed = ContinuousClock.now - started

        var scored: [(input: ScoringInput, track: PoseTrack, session: ScoredSession)] = []
        var failures: [String] = []
        var skipped: [String] = []
        for (input, result) in zip(inputs, results) {
            do {
                let track = try result.get()
                skipped += track.skipped
                var options = SessionOptions(framesPerSecond: track.framesPerSecond)
                options.separatePhotos = track.separatePhotos
                let template: ExerciseTemplate
                var recognition: Recognition?
                switch choice {
                case let .named(named):
                    template = named
                case .automatic:
                    let recognised = try ExerciseRecognizer(library: library, options: options).recognize(track.frames, input: input.path)
                    guard let best = recognised.best else {
                        throw ScoringError.unrecognised(input: input.path, reason: "no template fits")
                    }
                    template = try library.template(id: best.id)
                    recognition = recognised
                }
                let session = try ScoredSession.scoring(track, template: template, options: options, recognition: recognition)
                scored.append((input, track, session))
            } catch {
                failures.append(String(describing: error))
            }
        }
        let toStandardOutput = json == "-"
        for (index, item) in scored.enumerated() {
            var lines = SummaryTable.lines(item.session)
            if index > 0 { lines.insert("", at: 0) }
            if !item.track.skipped.isEmpty {
                lines.append("  Skipped     \(item.track.skipped.count) unreadable frame\(item.track.skipped.count == 1 ? "" : "s") (listed at the end)")
            }
            Console.report(lines.joined(separator: "\n"), toStandardError: toStandardOutput)
        }
        let frames = scored.reduce(0) { $0 + $1.track.frames.count }
        if scored.count > 1 {
            let scores = scored.compactMap { $0.session.session.summary.score }
            let mean = scores.isEmpty ? "none" : "\(Int((Double(scores.reduce(0, +)) / Double(scores.count)).rounded()))/100"
            Console.report("\n\(scored.count) recordings scored; mean score \(mean).", toStandardError: toStandardOutput)
        }
        // The summary before the notes on standard error about the files written.
        fflush(nil)
        if frames > 0 {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            Console.error(String(format: "%d frames in %.1f s (%.1f frames/s, %d at a time).", frames, seconds,
                                 Double(frames) / max(seconds, 1e-9), workers))
        }

        try writePictures(scored, failures: &failures)
        if let json {
            let data = try ScoreReport.jsonData(scored.map { ScoreReport($0.session) })
            if toStandardOutput {
                FileHandle.standardOutput.write(data)
            } else {
                try Self.write(data, to: json)
                Console.report("JSON report: \(json)", toStandardError: true)
            }
        }
        if let csv {
            try Self.write(Data(FrameTable.csv(scored.map(\.session)).utf8), to: csv)
            Console.report("CSV, one row per frame: \(csv)", toStandardError: true)
        }
        if !skipped.isEmpty {
            Console.error("Skipped \(skipped.count) unreadable frame\(skipped.count == 1 ? "" : "s"):\n" + skipped.map { "  " + $0 }.joined(separator: "\n"))
        }
        if !failures.isEmpty {
            Console.error("Could not score \(failures.count) of \(inputs.count):\n" + failures.map { "  " + $0 }.joined(separator: "\n"))
        }
        if scored.isEmpty { throw ExitCode.failure }
    }

    /// The HTML report's pictures and the annotated frames: one more pass over each input.
    private func writePictures(_ scored: [(input: ScoringInput, track: PoseTrack, session: ScoredSession)],
                               failures: inout [String]) throws {
        guard html != nil || annotate != nil else { return }
        var sections: [HTMLReport.Section] = []
        var folders = Set<String>()
        for item in scored {
            var folder: String?
            if let annotate {
                folder = scored.count == 1 ? annotate : (annotate as NSString).appendingPathComponent(Self.unique(item.input.name, in: &folders))
            }
            let duration = (item.track.frames.last?.seconds ?? 0) - (item.track.frames.first?.seconds ?? 0)
            do {
                let pictures = try FramePictures.make(for: item.session, track: item.track, input: item.input,
                                                      worst: html == nil ? 0 : worstFrames,
                                                      minimumGapSeconds: max(0.5, duration / Double(max(1, 2 * worstFrames))),
                                                      annotateFolder: folder)
                sections.append(HTMLReport.Section(scored: item.session, pictures: pictures.worst))
                if let folder { Console.report("\(item.input.path): \(pictures.annotated) annotated frames in \(folder)", toStandardError: true) }
            } catch {
                failures.append("\(item.input.path): pictures: \(error)")
                sections.append(HTMLReport.Section(scored: item.session, pictures: []))
            }
        }
        if let html {
            let title = scored.count == 1 ? "formcheck: \(scored[0].input.name)" : "formcheck report"
            try Self.write(Data(HTMLReport.page(sections, title: title).utf8), to: html)
            Console.report("HTML report: \(html)", toStandardError: true)
        }
    }

    /// `name`, or `name_2`, `name_3`, … when taken.
    static func unique(_ name: String, in taken: inout Set<String>) -> String {
        var candidate = name, n = 1
        while taken.contains(candidate) {
            n += 1
            candidate = "\(name)_\(n)"
        }
        taken.insert(candidate)
        return candidate
    }

    /// Throws when `file` could not be created: its folder is missing or not writable, or it
    /// is a folder.
    static func checkWritable(file: String, option: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else { throw ValidationError("\(option) \(file) is a folder; give a file name.") }
            guard FileManager.default.isWritableFile(atPath: file) else {
                throw ValidationError("\(option) \(file) cannot be written (no permission). Choose another file.")
            }
            return
        }
        let folder = (file as NSString).deletingLastPathComponent
        let parent = folder.isEmpty ? "." : folder
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("\(option) \(file): the folder \(parent) does not exist. Create it or choose another file.")
        }
        guard FileManager.default.isWritableFile(atPath: parent) else {
            throw ValidationError("\(option) \(file): the folder \(parent) is not writable. Choose another file.")
        }
    }

    /// Throws when `folder` is a file, or cannot be created.
    static func checkWritable(folder: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ValidationError("--annotate \(folder) is a file; give a folder.") }
            guard FileManager.default.isWritableFile(atPath: folder) else {
                throw ValidationError("--annotate \(folder) is not writable. Choose another folder.")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("--annotate \(folder) cannot be created: \(error.localizedDescription)")
        }
    }

    static func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw ValidationError("cannot write \(path): \(error.localizedDescription). Check that its folder exists and is writable.")
        }
    }
}

/// The progress line on standard error, redrawn in place a few times a second while standard
/// error is a terminal; nothing otherwise. (Unchecked: a dispatch timer is safe to use from any
/// thread; the rest is immutable.)
final class TerminalProgress: @unchecked Sendable {
    private let progress: PoseExtraction.Progress
    private let queue = DispatchQueue(label: "formcheck.progress")
    private let timer: DispatchSourceTimer?
    private let startTime = Date()

    init(progress: PoseExtraction.Progress) {
        self.progress = progress
        timer = isatty(STDERR_FILENO) == 1 ? DispatchSource.makeTimerSource(queue: queue) : nil
    }

    func start() {
        guard let timer else { return }
        timer.schedule(deadline: .now() + 0.2, repeating: 0.25)
        timer.setEventHandler { [self] in draw() }
        timer.resume()
    }

    /// Stops redrawing and clears the line.
    func finish() {
        guard let timer else { return }
        timer.cancel()
        queue.sync { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    private func draw() {
        let line = ProgressLine.text(progress.counts, elapsed: Date().timeIntervalSince(startTime), width: Self.columns())
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    /// The terminal's width, 80 when it cannot be asked.
    static func columns() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
