@testable import Capture
import Foundation
import Imaging
import Testing

/// ffmpeg and ffprobe on this machine's PATH, if installed.
let installedFFmpeg = FFmpeg.locate(searchPath: ProcessInfo.processInfo.environment["PATH"] ?? "")

/// Makes a lossless video (PNG frames in Matroska) of `colors`, one frame each, at `rate` fps.
func makeVideo(in folder: TemporaryFolder, colors: [RGB], rate: Int = 10) throws -> String {
    for (index, color) in colors.enumerated() {
        try folder.image(String(format: "src_%03d.png", index), color, width: 16, height: 8)
    }
    let video = folder.file("clip.mkv")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(installedFFmpeg).ffmpeg)
    process.arguments = ["-nostdin", "-loglevel", "error", "-framerate", "\(rate)", "-i", folder.file("src_%03d.png"),
                         "-c:v", "png", "-pix_fmt", "rgb24", video]
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "ffmpeg could not make the test video")
    return video
}

@Suite struct VideoFileSourceTests {
    static let colors: [RGB] = [.red, .green, .blue, .white, .black, .yellow, .cyan, .magenta]

    @Test(.enabled(if: installedFFmpeg != nil, "ffmpeg is not installed"))
    func decodesEveryFrameExactlyAtTheVideosRate() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let source = try VideoFileSource(path: try makeVideo(in: folder, colors: Self.colors))
        #expect(source.rate == 10)
        var frames: [Frame] = []
        while let frame = try source.nextFrame() { frames.append(frame) }
        #expect(frames.count == Self.colors.count)
        for (index, frame) in frames.enumerated() {
            #expect(frame.sequence == index)
            #expect(abs(frame.timestamp - Double(index) / 10) < 1e-9)
            #expect(frame.image.width == 16 && frame.image.height == 8)
            expectUniform(frame.image, Self.colors[index], tolerance: 0)
        }
        #expect(source.statistics == CaptureStatistics(delivered: Self.colors.count))
        #expect(try source.nextFrame() == nil)
    }

    @Test(.enabled(if: installedFFmpeg != nil, "ffmpeg is not installed"))
    func resamplesToTheRateAskedFor() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let source = try VideoFileSource(path: try makeVideo(in: folder, colors: Self.colors), framesPerSecond: 5)
        var frames: [Frame] = []
        while let frame = try source.nextFrame() { frames.append(frame) }
        #expect(frames.count == 4)
        #expect(frames.map(\.timestamp) == [0, 0.2, 0.4, 0.6])
        expectUniform(frames[1].image, .blue, tolerance: 0)
    }

    @Test(.enabled(if: installedFFmpeg != nil, "ffmpeg is not installed"))
    func realTimeReplayDropsWhatACallerMisses() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let clock = ManualClock()
        let source = try VideoFileSource(path: try makeVideo(in: folder, colors: Self.colors), framesPerSecond: nil,
                                         realTime: true, clock: clock, searchPath: ProcessInfo.processInfo.environment["PATH"] ?? "")
        #expect(try source.nextFrame()?.sequence == 0)
        clock.advance(by: 0.25)
        let late = try #require(try source.nextFrame())
        #expect(late.sequence == 2 && late.droppedBefore == 1)
        expectUniform(late.image, .blue, tolerance: 0)
        #expect(try source.nextFrame()?.sequence == 3)
        #expect(clock.sleeps == [0.3])
    }

    @Test(.enabled(if: installedFFmpeg != nil, "ffmpeg is not installed"))
    func stopEndsFFmpeg() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let source = try VideoFileSource(path: try makeVideo(in: folder, colors: Self.colors))
        _ = try source.nextFrame()
        source.stop()
        #expect(try source.nextFrame() == nil)
        #expect(!source.isDecoding)
        #expect(!FileManager.default.fileExists(atPath: source.errorLogPath))
    }

    @Test(.enabled(if: installedFFmpeg != nil, "ffmpeg is not installed"))
    func aFileThatIsNoVideo() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let text = folder.write("notes.mp4", Array("this is not a video\n".utf8))
        #expect {
            try VideoFileSource(path: text)
        } throws: { error in
            guard case .videoUnreadable(let path, let reason) = error as? CaptureError else { return false }
            return path == text && reason.contains("Invalid data")
        }
    }

    @Test func withoutFFmpegSaysHowToGetIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let video = folder.write("clip.mp4", [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70])
        #expect(throws: CaptureError.ffmpegMissing) {
            try VideoFileSource(path: video, framesPerSecond: nil, realTime: false, clock: ManualClock(),
                                searchPath: folder.path)
        }
        #expect(CaptureError.ffmpegMissing.description.contains("apt-get install ffmpeg"))
        #expect(throws: CaptureError.fileMissing(path: folder.file("none.mp4"))) {
            try VideoFileSource(path: folder.file("none.mp4"))
        }
    }

    @Test(arguments: [("30000/1001", 30000.0 / 1001), ("25/1", 25), ("25", 25), ("0/0", nil), ("x", nil), ("1/2/3", nil)])
    func frameRatesAsFFprobeStatesThem(text: String, value: Double?) {
        #expect(FFmpeg.rate(text) == value)
    }
}

@Suite struct PPMStreamReaderTests {
    /// A reader over `bytes` that hands out at most `chunk` bytes a call.
    func reader(_ bytes: [UInt8], chunk: Int) -> PPMStreamReader {
        var offset = 0
        return PPMStreamReader { count in
            let end = min(bytes.count, offset + min(count, chunk))
            defer { offset = end }
            return Array(bytes[offset..<end])
        }
    }

    static let twoImages: [UInt8] = Array("P6\n2 1\n255\n".utf8) + [1, 2, 3, 4, 5, 6]
        + Array("P6 # a comment\n1\t1 255 ".utf8) + [7, 8, 9]

    @Test(arguments: [1, 3, 1 << 16])
    func readsImagesOneAfterAnother(chunk: Int) throws {
        var reader = reader(Self.twoImages, chunk: chunk)
        #expect(try reader.nextImage() == RGBImage(width: 2, height: 1, pixels: [1, 2, 3, 4, 5, 6]))
        #expect(try reader.nextImage() == RGBImage(width: 1, height: 1, pixels: [7, 8, 9]))
        #expect(try reader.nextImage() == nil)
    }

    @Test(arguments: [
        (Array(twoImages.dropLast()), PPMStreamReader.Failure.truncated),
        (Array("P6\n2".utf8), .truncated),
        (Array("P5\n1 1\n255\n0".utf8), .malformed("the stream does not start with a binary PPM header (P6)")),
        (Array("P6\n1 1\n65535\n".utf8), .malformed("PPM maxval 65535; only 8-bit (255) is read")),
        (Array("P6\n0 1\n255\n".utf8), .malformed("a PPM image of 0x1 pixels")),
        (Array("P6\nx".utf8), .malformed("a PPM header without its numbers")),
        (Array("P6\n99999999999 1\n255\n".utf8), .malformed("a PPM header number with more than 9 digits")),
    ])
    func refusesWhatIsNoPPM(bytes: [UInt8], failure: PPMStreamReader.Failure) {
        var reader = reader(bytes, chunk: 7)
        #expect(throws: failure) {
            while try reader.nextImage() != nil {}
        }
    }
}

@Suite struct FrameSourcesTests {
    @Test func opensWhatTheLocationNames() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let still = try folder.image("still.png", .red)
        #expect(try FrameSources.open(folder.path) is ImageFolderSource)
        #expect(try FrameSources.open(still) is SingleImageSource)
        #expect(throws: CaptureError.fileMissing(path: folder.file("nothing"))) { try FrameSources.open(folder.file("nothing")) }
        #expect(throws: CaptureError.deviceMissing(path: "/dev/video-formcheck-test")) {
            try FrameSources.open("/dev/video-formcheck-test")
        }
        if installedFFmpeg != nil {
            #expect(try FrameSources.open(try makeVideo(in: folder, colors: [.red, .green])) is VideoFileSource)
        }
    }
}
