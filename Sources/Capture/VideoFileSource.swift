import Foundation
import Imaging
import Synchronization

/// The frames of a video file, decoded by `ffmpeg` (which must be installed), at the video's
/// frame rate or one given: frame `i` has the timestamp `i / framesPerSecond`.
///
/// With `realTime`, frames are handed out at that rate as a camera would (see `ImageFolderSource`).
/// `stop()` ends ffmpeg; so do the end of the video and deallocation.
public final class VideoFileSource: FrameSource {
    /// The video file.
    public let path: String
    /// The frame rate frames are decoded (resampled) at and stamped with.
    public let rate: Double
    /// Whether frames are handed out in real time.
    public let realTime: Bool

    private let stopSignal = StopSignal()
    private let decoder: Mutex<Decoder>
    private let process: Process
    /// Where ffmpeg's messages go while it runs.
    private let errorFile: URL
    private let shared = Mutex(CaptureStatistics())

    /// The reading side: ffmpeg's output and where the replay is.
    private struct Decoder {
        var frames: PPMStreamReader
        let output: FileHandle
        var pacer: ReplayPacer?
        var next = 0
        var droppedSinceLastFrame = 0
        var finished = false
        /// ffmpeg's exit status and last message, once it has ended.
        var outcome: (status: Int32, message: String?)?
    }

    /// Starts decoding `path` with ffmpeg. `framesPerSecond` nil keeps the video's own rate.
    ///
    /// Throws `fileMissing`, `ffmpegMissing` (ffmpeg or ffprobe not on `PATH`), or
    /// `videoUnreadable` when ffprobe finds no video in the file.
    public convenience init(path: String, framesPerSecond: Double? = nil, realTime: Bool = false) throws(CaptureError) {
        try self.init(path: path, framesPerSecond: framesPerSecond, realTime: realTime, clock: SystemReplayClock(),
                      searchPath: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    }

    init(path: String, framesPerSecond: Double?, realTime: Bool, clock: any ReplayClock,
         searchPath: String) throws(CaptureError) {
        if let framesPerSecond, !(framesPerSecond > 0 && framesPerSecond.isFinite) {
            throw .invalidSetting("The frame rate must be a positive number; \(framesPerSecond) is not.")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw .fileMissing(path: path)
        }
        guard let tools = FFmpeg.locate(searchPath: searchPath) else { throw .ffmpegMissing }
        let (rateText, rate): (String, Double)
        if let framesPerSecond {
            (rateText, rate) = (String(framesPerSecond), framesPerSecond)
        } else {
            (rateText, rate) = try tools.frameRate(of: path)
        }
        self.path = path
        self.rate = rate
        self.realTime = realTime

        let decoding = try tools.startDecoding(path, rate: rateText)
        process = decoding.process
        errorFile = decoding.errorFile
        let reading = decoding.output
        decoder = Mutex(Decoder(
            frames: PPMStreamReader { count in try reading.read(upToCount: count).map { [UInt8]($0) } ?? [] },
            output: reading,
            pacer: realTime ? ReplayPacer(framesPerSecond: rate, clock: clock) : nil))
    }

    deinit {
        decoder.withLock { Self.finish(&$0, process: process, errorFile: errorFile) }
    }

    public var sourceDescription: String { path }

    public var framesPerSecond: Double? { rate }

    public var statistics: CaptureStatistics { shared.withLock { $0 } }

    /// Whether ffmpeg is still running (for tests).
    var isDecoding: Bool { process.isRunning }

    /// Where ffmpeg's messages are kept until it ends (for tests).
    var errorLogPath: String { errorFile.path }

    /// The next frame; `nil` at the end of the video or once stopped.
    ///
    /// Throws `videoUnreadable` when ffmpeg fails before giving any frame, or gives bytes that
    /// are not frames.
    public func nextFrame() throws(CaptureError) -> Frame? {
        try decoder.withLock { (decoder) throws(CaptureError) -> Frame? in
            while !decoder.finished && !stopSignal.isStopped {
                var wanted = decoder.next
                if var pacer = decoder.pacer {
                    guard let due = pacer.frameToDeliver(next: wanted, stop: stopSignal) else { break }
                    decoder.pacer = pacer
                    wanted = due
                }
                let image: RGBImage?
                do throws(PPMStreamReader.Failure) {
                    image = try decoder.frames.nextImage()
                } catch .truncated {
                    shared.withLock { $0.short += 1 }
                    image = nil
                } catch {
                    Self.finish(&decoder, process: process, errorFile: errorFile)
                    throw .videoUnreadable(path: path, reason: Self.reason(error, decoder.outcome))
                }
                guard let image else {
                    Self.finish(&decoder, process: process, errorFile: errorFile)
                    if let outcome = decoder.outcome, outcome.status != 0, !stopSignal.isStopped,
                       shared.withLock({ $0.delivered }) == 0 {
                        throw .videoUnreadable(path: path, reason: outcome.message ?? "ffmpeg failed (exit status \(outcome.status))")
                    }
                    return nil
                }
                let index = decoder.next
                decoder.next += 1
                if index < wanted {
                    decoder.droppedSinceLastFrame += 1
                    shared.withLock { $0.dropped += 1 }
                    continue
                }
                let frame = Frame(image: image, timestamp: Double(index) / rate, sequence: index, source: path,
                                  droppedBefore: decoder.droppedSinceLastFrame)
                decoder.droppedSinceLastFrame = 0
                shared.withLock { $0.delivered += 1 }
                return frame
            }
            Self.finish(&decoder, process: process, errorFile: errorFile)
            return nil
        }
    }

    /// Ends the replay and ffmpeg; a waiting `nextFrame()` returns `nil` promptly, as do later
    /// calls. Returns once ffmpeg has exited.
    public func stop() {
        stopSignal.stop()
        // Ending ffmpeg closes its end of the pipe, which wakes a reader blocked on it.
        if process.isRunning { process.terminate() }
        decoder.withLock { Self.finish(&$0, process: process, errorFile: errorFile) }
    }

    /// Closes ffmpeg's output, makes sure ffmpeg has exited, keeps its status and last message.
    private static func finish(_ decoder: inout Decoder, process: Process, errorFile: URL) {
        guard !decoder.finished else { return }
        decoder.finished = true
        // With its output closed, an ffmpeg still writing gets EPIPE and ends.
        try? decoder.output.close()
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let messages = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: errorFile)
        decoder.outcome = (process.terminationStatus, FFmpeg.lastLine(messages))
    }

    private static func reason(_ failure: PPMStreamReader.Failure, _ outcome: (status: Int32, message: String?)?) -> String {
        if let message = outcome?.message { return message }
        switch failure {
        case .malformed(let what): return "ffmpeg wrote \(what)"
        case .truncated: return "ffmpeg's output ended inside a frame"
        case .unreadable(let why): return "reading ffmpeg's output failed: \(why)"
        }
    }
}
