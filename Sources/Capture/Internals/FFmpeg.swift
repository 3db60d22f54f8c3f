import Foundation

/// The ffmpeg and ffprobe programs: finding them, asking about a video, decoding it.
struct FFmpeg: Sendable {
    let ffmpeg: String
    let ffprobe: String

    /// Finds both programs in the folders of `searchPath` (formatted like `PATH`); nil when
    /// either is missing.
    static func locate(searchPath: String) -> FFmpeg? {
        let folders = searchPath.split(separator: ":").map(String.init)
        func find(_ name: String) -> String? {
            folders.lazy.map { ($0 as NSString).appendingPathComponent(name) }
                .first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        guard let ffmpeg = find("ffmpeg"), let ffprobe = find("ffprobe") else { return nil }
        return FFmpeg(ffmpeg: ffmpeg, ffprobe: ffprobe)
    }

    /// The video's frame rate as ffprobe states it (`30000/1001`) and as a number.
    /// Throws `videoUnreadable` when ffprobe finds no video stream or cannot read the file.
    func frameRate(of path: String) throws(CaptureError) -> (text: String, value: Double) {
        let (status, output, errors) = try run(ffprobe, [
            "-v", "error", "-select_streams", "v:0",
            "-show_entries", "stream=avg_frame_rate,r_frame_rate", "-of", "default=noprint_wrappers=1", path,
        ], for: path)
        guard status == 0 else {
            throw .videoUnreadable(path: path, reason: Self.lastLine(errors) ?? "ffprobe failed (exit status \(status))")
        }
        var rates: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { rates[parts[0]] = parts[1] }
        }
        guard !rates.isEmpty else { throw .videoUnreadable(path: path, reason: "it has no video stream") }
        for key in ["avg_frame_rate", "r_frame_rate"] {
            if let text = rates[key], let value = Self.rate(text), value > 0 { return (text, value) }
        }
        throw .videoUnreadable(path: path, reason: "ffprobe states no frame rate; give one (framesPerSecond)")
    }

    /// `30000/1001` or `25` as a number; nil for `0/0` and anything unparsable.
    static func rate(_ text: String) -> Double? {
        let parts = text.split(separator: "/").compactMap { Double($0) }
        switch parts.count {
        case 1 where text.split(separator: "/").count == 1: return parts[0]
        case 2 where parts[1] != 0: return parts[0] / parts[1]
        default: return nil
        }
    }

    /// A running ffmpeg that decodes a video to PPM images.
    struct Decoding {
        let process: Process
        /// ffmpeg's standard output: the images, one after another.
        let output: FileHandle
        /// ffmpeg's messages, kept in a file rather than a pipe: a pipe nobody reads while frames
        /// are read could fill up and stall ffmpeg.
        let errorFile: URL
    }

    /// Starts ffmpeg writing the video's frames to its standard output as PPM images, resampled
    /// to `rate` frames per second (so that frame `i` is at `i / rate`) and turned upright by the
    /// video's rotation metadata as players show it.
    func startDecoding(_ path: String, rate: String) throws(CaptureError) -> Decoding {
        let errorFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("formcheck-ffmpeg-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil),
              let errorHandle = try? FileHandle(forWritingTo: errorFile) else {
            throw .videoUnreadable(path: path, reason: "cannot create a file for ffmpeg's messages in "
                                   + FileManager.default.temporaryDirectory.path)
        }
        defer { try? errorHandle.close() }
        let output = Pipe()
        do throws(CaptureError) {
            let process = try start(ffmpeg, [
                "-nostdin", "-hide_banner", "-loglevel", "error", "-i", path, "-an", "-sn", "-dn",
                "-vf", "fps=\(rate)", "-f", "image2pipe", "-c:v", "ppm", "-",
            ], output: output, errors: errorHandle, for: path)
            return Decoding(process: process, output: output.fileHandleForReading, errorFile: errorFile)
        } catch {
            try? FileManager.default.removeItem(at: errorFile)
            throw error
        }
    }

    /// Runs `executable` to its end; its exit status, standard output and standard error.
    private func run(_ executable: String, _ arguments: [String], for path: String) throws(CaptureError)
        -> (Int32, String, String) {
        let output = Pipe(), errors = Pipe()
        let process = try start(executable, arguments, output: output, errors: errors, for: path)
        // ffprobe at -v error writes a few lines at most: reading one pipe to its end, then the
        // other, cannot fill the second pipe's buffer.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self),
                String(decoding: errorData, as: UTF8.self))
    }

    /// Starts `executable` with nothing on its standard input.
    private func start(_ executable: String, _ arguments: [String], output: Any, errors: Any,
                       for path: String) throws(CaptureError) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .videoUnreadable(path: path, reason: "cannot start \(executable): \(error.localizedDescription)")
        }
        return process
    }

    /// The last non-empty line of a program's messages.
    static func lastLine(_ text: String) -> String? {
        text.split(whereSeparator: \.isNewline).last { !$0.allSatisfy(\.isWhitespace) }.map(String.init)
    }
}
