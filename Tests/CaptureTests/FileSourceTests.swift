@testable import Capture
import Foundation
import Imaging
import Testing

/// Folders of images and single images as frame sources.
@Suite struct ImageFolderSourceTests {
    @Test func handsOutImagesInNaturalOrderWithTimestamps() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.image("frame_10.png", .blue)
        try folder.image("frame_2.jpg", .green)
        try folder.image("frame_1.PNG", .red)
        try folder.image(".hidden.png", .white)
        folder.write("notes.txt", Array("not a frame".utf8))

        let source = try ImageFolderSource(folder: folder.path, framesPerSecond: 4)
        #expect(source.files == ["frame_1.PNG", "frame_2.jpg", "frame_10.png"].map(folder.file))
        var frames: [Frame] = []
        let before = MonotonicClock.now()
        while let frame = try source.nextFrame() {
            // Stamped when the file was read, before decoding: a replay's latency includes decoding.
            #expect(frame.receivedAt.map { $0 >= before && $0 <= MonotonicClock.now() } == true)
            frames.append(frame)
        }
        #expect(frames.map(\.sequence) == [0, 1, 2])
        #expect(frames.map(\.timestamp) == [0, 0.25, 0.5])
        #expect(frames.map(\.source) == source.files)
        expectUniform(frames[0].image, .red, tolerance: 0)
        expectUniform(frames[1].image, .green, tolerance: 3)
        expectUniform(frames[2].image, .blue, tolerance: 0)
        #expect(source.statistics == CaptureStatistics(delivered: 3))
        #expect(source.framesPerSecond == 4 && source.sourceDescription == folder.path)
        #expect(try source.nextFrame() == nil)
    }

    @Test func unreadableImagesAreSkippedCountedAndNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.image("a1.png", .red)
        folder.write("a2.jpg", Array("<html>not found</html>".utf8))
        let good = try PNG.encode(RGBImage(width: 8, height: 8, fill: .green))
        folder.write("a3.png", Array(good.prefix(good.count / 2)))
        try folder.image("a4.png", .blue)

        let source = try ImageFolderSource(folder: folder.path)
        let first = try #require(try source.nextFrame())
        let second = try #require(try source.nextFrame())
        #expect(try source.nextFrame() == nil)
        #expect(first.sequence == 0 && second.sequence == 3)
        #expect(second.discardedBefore == 2)
        #expect(source.statistics == CaptureStatistics(delivered: 2, corrupt: 1, short: 1))
        #expect(source.skippedFiles.map(\.path) == [folder.file("a2.jpg"), folder.file("a3.png")])
        #expect(source.skippedFiles[0].reason.contains("text"))
    }

    @Test func refusesWhatIsNoFolderOfImages() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: CaptureError.noImages(folder: folder.path)) { try ImageFolderSource(folder: folder.path) }
        #expect(throws: CaptureError.fileMissing(path: folder.file("nope"))) {
            try ImageFolderSource(folder: folder.file("nope"))
        }
        try folder.image("x.png", .red)
        #expect(throws: CaptureError.self) { try ImageFolderSource(folder: folder.path, framesPerSecond: 0) }
        #expect(throws: CaptureError.fileMissing(path: folder.file("x.png"))) {
            try ImageFolderSource(folder: folder.file("x.png"))
        }
    }

    @Test func realTimeReplayPacesAndDropsLikeACamera() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for index in 0..<8 { try folder.image("f\(index).png", EmulatedV4L2.palette[index % 4]) }
        let clock = ManualClock()
        let source = try ImageFolderSource(folder: folder.path, framesPerSecond: 10, realTime: true, clock: clock)

        #expect(try source.nextFrame()?.sequence == 0)
        #expect(clock.sleeps.isEmpty, "the first frame comes at once")
        let second = try #require(try source.nextFrame())
        #expect(second.sequence == 1 && second.droppedBefore == 0)
        #expect(clock.sleeps == [0.1])

        clock.advance(by: 0.35)  // The caller took 350 ms over frame 1: frames 2 and 3 are gone.
        let late = try #require(try source.nextFrame())
        #expect(late.sequence == 4 && late.droppedBefore == 2 && late.timestamp == 0.4)
        #expect(clock.sleeps == [0.1], "a late caller does not wait")

        #expect(try source.nextFrame()?.sequence == 5)
        #expect(clock.sleeps == [0.1, 0.5])

        clock.advance(by: 10)  // Far behind: the last frame is the one due.
        let last = try #require(try source.nextFrame())
        #expect(last.sequence == 7 && last.droppedBefore == 1)
        #expect(try source.nextFrame() == nil)
        #expect(source.statistics == CaptureStatistics(delivered: 5, dropped: 3))
    }

    @Test func stopWakesAWaitingReplay() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.image("1.png", .red)
        try folder.image("2.png", .green)
        let source = try ImageFolderSource(folder: folder.path, framesPerSecond: 0.1, realTime: true)
        _ = try source.nextFrame()
        let started = Date()
        let reader = Background { () -> Bool in (try? source.nextFrame()) == nil }
        Thread.sleep(forTimeInterval: 0.05)
        source.stop()
        #expect(reader.wait() == true, "the waiting nextFrame returns nil after stop()")
        #expect(Date().timeIntervalSince(started) < 5, "instead of waiting the 10 s to the next frame")
        #expect(try source.nextFrame() == nil)
    }
}

@Suite struct SingleImageSourceTests {
    @Test func oneFrameThenTheEnd() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.image("still.png", .green, width: 5, height: 3)
        let source = try SingleImageSource(path: path)
        let frame = try #require(try source.nextFrame())
        #expect(frame.image.width == 5 && frame.image.height == 3)
        #expect(frame.sequence == 0 && frame.timestamp == 0 && frame.source == path)
        expectUniform(frame.image, .green, tolerance: 0)
        #expect(try source.nextFrame() == nil)
        #expect(source.statistics == CaptureStatistics(delivered: 1))
        #expect(source.framesPerSecond == nil)
    }

    @Test func stoppedBeforeItsFrame() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let source = try SingleImageSource(path: try folder.image("still.png", .red))
        source.stop()
        #expect(try source.nextFrame() == nil)
        #expect(source.statistics == CaptureStatistics())
    }

    @Test func missingOrUnreadable() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: CaptureError.fileMissing(path: folder.file("gone.png"))) {
            try SingleImageSource(path: folder.file("gone.png"))
        }
        let text = folder.write("page.jpg", Array("<html>".utf8))
        #expect {
            try SingleImageSource(path: text)
        } throws: { error in
            guard case .imageUnreadable(let path, let reason) = error as? CaptureError else { return false }
            return path == text && reason.contains("text")
        }
    }
}
