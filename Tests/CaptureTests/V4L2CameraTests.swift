@testable import Capture
import CV4L2
import Foundation
import Imaging
import Testing

/// Opening, negotiating, streaming and stopping, against an emulated device.
@Suite struct V4L2CameraTests {
    let system = EmulatedV4L2()

    func camera(_ settings: V4L2Camera.Settings = .init()) throws -> V4L2Camera {
        try V4L2Camera(devicePath: "/dev/video0", settings: settings, system: system)
    }

    @Test func opensNegotiatesStreamsAndStopsWithTheExactCalls() throws {
        let camera = try camera()
        #expect(system.calls == Expected.opening())
        #expect(camera.format == .init(pixelFormat: .mjpeg, size: FrameSize(width: 64, height: 48), bytesPerLine: 0,
                                       frameInterval: FrameInterval(numerator: 1, denominator: 30)))
        #expect(camera.sourceDescription == "/dev/video0 (Emulated Webcam)")
        #expect(camera.framesPerSecond == 30)

        system.clearCalls()
        let first = try #require(try camera.nextFrame())
        let second = try #require(try camera.nextFrame())
        #expect(system.calls == [.ioctl(.streamOn)] + Expected.frame + Expected.frame)

        system.clearCalls()
        camera.stop()
        #expect(system.calls == [.signal] + Expected.release())
        #expect(try camera.nextFrame() == nil)
        #expect(system.calls == [.signal] + Expected.release(), "a stopped camera makes no more calls")
        #expect(system.mappedBuffers == 0)
        #expect(system.openDescriptors == 1, "only the wake event, closed with the camera")

        #expect(first.sequence == 0 && second.sequence == 1)
        #expect(abs(second.timestamp - first.timestamp - 1.0 / 30) < 1e-6)
        #expect(first.source == "/dev/video0 (Emulated Webcam)")
        #expect(camera.statistics == CaptureStatistics(delivered: 2))
    }

    @Test func decodesRealMotionJPEGFrames() throws {
        let camera = try camera()
        for sequence in 0..<6 {
            let frame = try #require(try camera.nextFrame())
            #expect(frame.sequence == sequence)
            #expect(frame.image.width == 64 && frame.image.height == 48)
            expectUniform(frame.image, EmulatedV4L2.palette[sequence % 4], tolerance: 3)
        }
    }

    @Test func decodesMotionJPEGWithoutHuffmanTables() throws {
        let system = EmulatedV4L2(devices: ["/dev/video0": .init(sendsHuffmanTables: false)])
        let jpeg = EmulatedV4L2.standardPayload(.mjpeg, FrameSize(width: 64, height: 48), 0)
        let stripped = EmulatedV4L2.withoutHuffmanTables(jpeg)
        #expect(stripped.count < jpeg.count - 100, "the tables are gone")
        #expect(!zip(stripped, stripped.dropFirst()).contains { $0 == 0xFF && $1 == 0xC4 })
        let camera = try V4L2Camera(devicePath: "/dev/video0", settings: .init(), system: system)
        for sequence in 0..<4 {
            let frame = try #require(try camera.nextFrame())
            expectUniform(frame.image, EmulatedV4L2.palette[sequence], tolerance: 3)
        }
        #expect(camera.statistics == CaptureStatistics(delivered: 4))
    }

    @Test func fallsBackToYUYVWhenThereIsNoMotionJPEG() throws {
        let system = EmulatedV4L2(devices: ["/dev/video0": .init(formats: [EmulatedV4L2.yuyv])])
        let camera = try V4L2Camera(devicePath: "/dev/video0", settings: .init(), system: system)
        #expect(camera.format.pixelFormat == .yuyv)
        #expect(camera.format.size == FrameSize(width: 32, height: 24))
        #expect(camera.format.bytesPerLine == 64)
        for sequence in 0..<4 {
            let frame = try #require(try camera.nextFrame())
            #expect(frame.image.width == 32 && frame.image.height == 24)
            expectUniform(frame.image, EmulatedV4L2.palette[sequence], tolerance: 3)
        }
    }

    @Test func asksLibv4l2ForRGB24WhenTheCameraHasNeither() throws {
        let nv12 = EmulatedV4L2.Format(fourcc: FourCC("NV12")!, description: "Y/UV 4:2:0",
                                       sizes: EmulatedV4L2.yuyv.sizes)
        var rgb = EmulatedV4L2.Format(fourcc: .rgb24, description: "RGB3", sizes: EmulatedV4L2.yuyv.sizes)
        rgb.flags = UInt32(V4L2_FMT_FLAG_EMULATED)
        let system = EmulatedV4L2(devices: ["/dev/video0": .init(formats: [nv12, rgb])])
        let camera = try V4L2Camera(devicePath: "/dev/video0", settings: .init(), system: system)
        #expect(camera.format.pixelFormat == .rgb24)
        let frame = try #require(try camera.nextFrame())
        expectUniform(frame.image, .red, tolerance: 0)
    }

    @Test func prefersTheCamerasOwnFormatsOverConvertedOnes() throws {
        var emulatedMJPEG = EmulatedV4L2.mjpeg
        emulatedMJPEG.flags |= UInt32(V4L2_FMT_FLAG_EMULATED)
        let system = EmulatedV4L2(devices: ["/dev/video0": .init(formats: [emulatedMJPEG, EmulatedV4L2.yuyv])])
        let camera = try V4L2Camera(devicePath: "/dev/video0", settings: .init(), system: system)
        #expect(camera.format.pixelFormat == .yuyv)
    }

    @Test(arguments: [
        (FrameSize(width: 30, height: 20), 14.0, FrameSize(width: 32, height: 24), FrameInterval(numerator: 1, denominator: 15)),
        (FrameSize(width: 1920, height: 1080), 60.0, FrameSize(width: 64, height: 48), FrameInterval(numerator: 1, denominator: 30)),
        (FrameSize(width: 64, height: 48), 7.0, FrameSize(width: 64, height: 48), FrameInterval(numerator: 2, denominator: 15)),
    ])
    func grantsTheNearestSizeAndRate(wanted: FrameSize, fps: Double, size: FrameSize, interval: FrameInterval) throws {
        let camera = try camera(.init(size: wanted, framesPerSecond: fps))
        #expect(camera.format.size == size)
        #expect(camera.format.frameInterval == interval)
        let frame = try #require(try camera.nextFrame())
        #expect(frame.image.width == size.width && frame.image.height == size.height)
    }

    @Test func picksAStepwiseSizeOnTheGrid() throws {
        let format = EmulatedV4L2.Format(
            fourcc: .yuyv, description: "YUYV 4:2:2",
            sizes: .stepwise(minimum: FrameSize(width: 16, height: 16), maximum: FrameSize(width: 96, height: 64),
                             step: FrameSize(width: 8, height: 4), intervals: EmulatedV4L2.standardIntervals))
        let system = EmulatedV4L2(devices: ["/dev/video0": .init(formats: [format])])
        let camera = try V4L2Camera(devicePath: "/dev/video0",
                                    settings: .init(size: FrameSize(width: 45, height: 30)), system: system)
        #expect(camera.format.size == FrameSize(width: 48, height: 32))
        #expect(try camera.nextFrame()?.image.width == 48)
    }

    @Test func leavesTheRateAloneWhenTheDriverCannotSetIt() throws {
        let system = EmulatedV4L2(devices: ["/dev/video0": .init(setsFrameRate: false)])
        let camera = try V4L2Camera(devicePath: "/dev/video0", settings: .init(framesPerSecond: 15), system: system)
        #expect(system.calls == Expected.opening(setsRate: false))
        #expect(camera.format.frameInterval == FrameInterval(numerator: 1, denominator: 30))
    }

    @Test func goesOnWithoutStreamParameters() throws {
        let system = EmulatedV4L2(devices: ["/dev/video0": .init(hasStreamParameters: false)])
        let camera = try V4L2Camera(devicePath: "/dev/video0", settings: .init(), system: system)
        #expect(system.calls == Expected.opening(setsRate: false))
        #expect(camera.format.frameInterval == nil)
        #expect(camera.framesPerSecond == nil)
        #expect(try camera.nextFrame() != nil)
    }

    @Test func streamsThroughTheBuffersTheDriverGrants() throws {
        let system = EmulatedV4L2(devices: ["/dev/video0": .init(maximumBuffers: 3)])
        let camera = try V4L2Camera(devicePath: "/dev/video0", settings: .init(bufferCount: 8), system: system)
        #expect(system.calls == Expected.opening(buffers: 3))
        for _ in 0..<7 { _ = try #require(try camera.nextFrame()) }
        system.clearCalls()
        camera.stop()
        #expect(system.calls == [.signal] + Expected.release(buffers: 3))
    }

    @Test func releasesEverythingWhenDeallocatedWithoutStop() throws {
        do {
            let camera = try camera()
            _ = try camera.nextFrame()
            system.clearCalls()
        }
        #expect(system.calls == Expected.release() + [.close("eventfd")])
        #expect(system.openDescriptors == 0 && system.mappedBuffers == 0)
    }

    @Test func stopBeforeStreamingSkipsStreamOff() throws {
        let camera = try camera()
        system.clearCalls()
        camera.stop()
        camera.stop()
        #expect(system.calls == [.signal] + Expected.release(streaming: false) + [.signal])
        #expect(try camera.nextFrame() == nil)
    }

    @Test func stopFromAnotherThreadWakesAWaitingReader() throws {
        let camera = try camera(.init(frameTimeout: .seconds(30)))
        system.stalled = true
        let started = Date()
        let reader = Background { () -> Result<Frame?, CaptureError> in
            do throws(CaptureError) { return .success(try camera.nextFrame()) } catch { return .failure(error) }
        }
        #expect(system.waitUntilPollBlocks())
        system.clearCalls()
        camera.stop()
        let result = try #require(reader.wait(), "nextFrame did not return after stop()")
        #expect(try result.get() == nil)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(system.calls.first == .signal)
        #expect(system.calls.suffix(6) == ArraySlice(Expected.release()))
        #expect(system.mappedBuffers == 0)
    }

    @Test func rejectsSettingsNoCameraCouldGrant() {
        #expect(throws: CaptureError.self) { try camera(.init(size: FrameSize(width: 0, height: 480))) }
        #expect(throws: CaptureError.self) { try camera(.init(framesPerSecond: 0)) }
        #expect(throws: CaptureError.self) { try camera(.init(bufferCount: 1)) }
        #expect(throws: CaptureError.self) { try camera(.init(frameTimeout: .zero)) }
        #expect(system.calls.isEmpty, "settings are checked before anything is opened")
    }
}
