import ArgumentParser
import Capture
import Dispatch
import Form
import Foundation
import Imaging
import Live
import LiveView
import Mannequin
import Pose
import Reports
import Scoring
import Synchronization

/// `formcheck live`: a webcam (or a replayed recording) pointed at yourself, judged frame by
/// frame: the cue in big letters on the terminal, an optional web view and spoken cues, the
/// safety keys, and the session report at the end.
struct LiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Watch yourself exercise through a webcam: cues, reps, hold timer and score, live.",
        discussion: """
            Reads a V4L2 webcam (--device, default /dev/video0) or replays a folder of frames \
            as if it were one (--source, at --fps, default 30). Each frame's pose is tracked \
            and judged against the exercise; the terminal shows the current cue in big \
            letters, reps, the hold timer (it runs only while the form is good), the side, \
            the score, frames per second and the latency from a frame's arrival to its \
            verdict on the screen. Frames that arrive while one is being judged replace each \
            other: the newest is judged next, nothing queues.

            Keys: q or Ctrl-C ends the session; x means "sharp pain": the set stops at once \
            and the stop is recorded. Before and after, you are asked for your pain from 0 \
            to 10 (Enter skips; --pain-before/--pain-after answer in advance, --no-check-in \
            skips both); above 3/10 before starting, the exercise does not start.

            --view serves a page on http://127.0.0.1:PORT/ only (not the network): the camera \
            image with the skeleton and the failing segments in red, the cue in letters \
            readable from across the room, reps, timer, score and the target pose. --speak \
            says cues (at most one every few seconds), the rep count and "switch sides" \
            through espeak-ng.

            At the end the session report is written as JSON and HTML (as `formcheck score` \
            writes them) to --report BASE.json and BASE.html. --bench replays without the \
            screen and prints the latency figures as JSON.
            """)

    @Option(help: ArgumentHelp("The exercise id (see `formcheck exercises`).", valueName: "id"))
    var exercise: String

    @Option(help: ArgumentHelp("The webcam's device node (default /dev/video0).", valueName: "path"))
    var device: String?

    @Option(help: ArgumentHelp("Replay a folder of frames as if it came from a camera.", valueName: "folder"))
    var source: String?

    @Option(help: ArgumentHelp("Frames per second: of the replayed folder (default 30), or asked of the camera.", valueName: "n"))
    var fps: Double?

    @Flag(help: "Replay the folder again and again until stopped.")
    var loop = false

    @Flag(help: "Serve the live web view on 127.0.0.1.")
    var view = false

    @Option(help: ArgumentHelp("The web view's port (0: any free port).", valueName: "n"))
    var port = 8765

    @Flag(help: "Speak cues, rep counts and side switches through espeak-ng.")
    var speak = false

    @Option(help: ArgumentHelp("Your pain before starting, 0-10 (instead of being asked).", valueName: "n"))
    var painBefore: Int?

    @Option(help: ArgumentHelp("Your pain after finishing, 0-10 (instead of being asked).", valueName: "n"))
    var painAfter: Int?

    @Flag(help: "Don't ask for pain before and after.")
    var noCheckIn = false

    @Option(help: ArgumentHelp("Write the session report to BASE.json and BASE.html (default: formcheck-live-EXERCISE-DATE-TIME).", valueName: "base"))
    var report: String?

    @Option(help: ArgumentHelp("Threads for the pose models.", valueName: "n"))
    var threads = 1

    @Flag(help: "Benchmark: no screen; draw every frame's screen to standard error and print the latency figures as JSON.")
    var bench = false

    func validate() throws {
        if device != nil, source != nil { throw ValidationError("give --device or --source, not both") }
        if let fps { guard fps > 0, fps <= 240, fps.isFinite else { throw ValidationError("--fps must be above 0 and at most 240") } }
        if loop, source == nil { throw ValidationError("--loop replays a --source folder") }
        if bench, source == nil { throw ValidationError("--bench replays a --source folder") }
        guard port == 0 || (1024...65535).contains(port) else { throw ValidationError(LiveViewError.invalidPort(port).description) }
        try PainArguments.validate(before: painBefore, after: painAfter)
        guard (1...16).contains(threads) else { throw ValidationError("--threads must be between 1 and 16") }
    }

    func run() throws {
        let template = try TemplateLibrary.bundled().template(id: exercise)
        let speaker = try speak ? Speaker(program: Speaker.find()) : nil
        let location = source ?? device ?? "/dev/video0"
        let open: @Sendable () throws(CaptureError) -> any FrameSource = { [fps] () throws(CaptureError) in
            try FrameSources.open(location, framesPerSecond: fps, realTime: true)
        }
        let frameSource = try openSource(open)
        var configuration = PoseConfiguration(mode: .video)
        configuration.threads = threads
        let tracker: PoseTracker
        do {
            tracker = try PoseTracker(configuration: configuration)
        } catch {
            frameSource.stop()
            throw error
        }
        let options = SessionOptions(framesPerSecond: frameSource.framesPerSecond ?? fps ?? 30)
        var session = try LiveSession(template: template, input: frameSource.sourceDescription, options: options)
        let started = Date()
        let base = report ?? Self.defaultReportBase(exercise: template.id, date: started)
        let interactive = isatty(STDIN_FILENO) == 1 && !noCheckIn && !bench

        // Pain before starting.
        if let before = try painBefore ?? (interactive ? Self.askPain("Before you start: how much pain do you have now, 0 (none) to 10 (worst)? Enter skips: ") : nil) {
            try session.recordPainBefore(before)
        }
        if session.scored.session.safety.isStopped {
            frameSource.stop()
            let run = LiveReport.Run(source: frameSource.sourceDescription, ending: .quit, started: started, wallSeconds: 0)
            let paths = try LiveReport.write(session, run: run, base: base)
            Console.error(session.scored.session.safety.advice.joined(separator: "\n"))
            Console.error("Session file: " + paths.joined(separator: ", "))
            return
        }

        // The web view.
        let board = view ? LiveBoard(template: template) : nil
        let server = try board.map { board throws(LiveViewError) in try LiveViewServer(board: board, port: port) }
        if let board {
            Self.drawFigure(template, on: board)
        }
        server?.start()

        let display = bench ? nil : LiveDisplay()
        if let server {
            let line = "Web view: \(server.url)"
            if display?.isScreen == true { display?.setInfo(line) } else { Console.error(line) }
        }
        let benchScreen = TerminalScreen(columns: 100, rows: 30)
        let spoken = speaker.map { SpokenCues(speaker: $0) }
        let pipeline = LivePipeline(
            source: frameSource, tracker: tracker, session: session, reopen: loop ? open : nil,
            show: { snapshot in
                if let display {
                    display.show(snapshot)
                } else {
                    LiveDisplay.writeToStandardError(benchScreen.lines(snapshot).joined(separator: "\n") + "\n")
                }
                board?.publish(snapshot)
            },
            shown: { snapshot, frame in
                board?.publish(snapshot, frame: frame)
                spoken?.hear(snapshot)
            })

        // Ways out: signals and keys.
        let signals = Self.watchSignals { signal in
            if signal == SIGWINCH { display?.redraw() } else { pipeline.end(.quit) }
        }
        let keys = display?.isScreen == true ? KeyReader { key in
            switch key {
            case UInt8(ascii: "q"), UInt8(ascii: "Q"):
                pipeline.end(.quit)
            case UInt8(ascii: "x"), UInt8(ascii: "X"):
                pipeline.update { $0.recordSharpPain() }
                pipeline.redraw()
                speaker?.say("Stop")
                pipeline.end(.sharpPain)
            default:
                break
            }
        } : nil
        keys?.start()
        pipeline.start()
        let ending = pipeline.wait()
        let wallSeconds = Date().timeIntervalSince(started)

        keys?.stop()
        display?.restore()
        for source in signals { source.cancel() }
        speaker?.stop()
        server?.stop()

        // Pain after, and the report.
        pipeline.update { $0.finish() }
        var finished = pipeline.current
        if let after = try painAfter ?? (interactive ? Self.askPain("How much pain do you have now, 0 (none) to 10 (worst)? Enter skips: ") : nil) {
            try finished.recordPainAfter(after)
        }
        let run = LiveReport.Run(source: pipeline.currentSource.sourceDescription, ending: ending, started: started, wallSeconds: wallSeconds)
        let paths = try LiveReport.write(finished, run: run, base: base)
        if bench {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(LiveReport.liveFields(finished, run: run)), as: UTF8.self))
        } else {
            print(SummaryTable.lines(finished.scored).joined(separator: "\n"))
        }
        Console.error("Session \(LiveReport.describe(ending)). Session file: " + paths.joined(separator: ", "))
        if case .failed = ending { throw ExitCode.failure }
    }

    private func openSource(_ open: () throws(CaptureError) -> any FrameSource) throws -> any FrameSource {
        do {
            return try open()
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// `formcheck-live-ID-YYYYMMDD-HHMMSS` in the current folder.
    static func defaultReportBase(exercise: String, date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return "formcheck-live-\(exercise)-\(formatter.string(from: date))"
    }

    /// Asks for a pain score on the terminal until one is given or the answer is empty.
    static func askPain(_ question: String) throws -> Int? {
        while true {
            FileHandle.standardError.write(Data(question.utf8))
            guard let answer = readLine() else { return nil }
            do {
                return try PainScore.parse(answer)
            } catch {
                Console.error(error.description)
            }
        }
    }

    /// Draws the target pose for the web view on a thread of its own (it takes a moment).
    static func drawFigure(_ template: ExerciseTemplate, on board: LiveBoard) {
        let thread = Thread {
            guard let sequence = try? SampleSequence(template: template, settings: SampleSettings(width: 480, height: 360)),
                  let image = try? sequence.still(progress: 1, options: RenderOptions(threads: 1)),
                  let jpeg = try? JPEG.encode(image, quality: 85) else { return }
            board.setFigure(jpeg)
        }
        thread.name = "formcheck figure"
        thread.qualityOfService = .background
        thread.start()
    }

    /// Handles SIGINT, SIGTERM, SIGHUP and SIGWINCH with `handler` instead of the default.
    static func watchSignals(_ handler: @escaping @Sendable (Int32) -> Void) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM, SIGHUP, SIGWINCH].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
    }
}
