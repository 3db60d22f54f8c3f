@testable import Capture
import CV4L2
import Foundation
import Imaging
import Testing

/// Every fault a webcam can have: what the camera reports, and that it lets go of the device.
@Suite struct V4L2CameraFaultTests {
    let system = EmulatedV4L2()

    func camera(_ settings: V4L2Camera.Settings = .init()) throws(CaptureError) -> V4L2Camera {
        try V4L2Camera(devicePath: "/dev/video0", settings: settings, system: system,
                       reconnectionInterval: .milliseconds(5))
    }

    /// Opening with this fault fails with this error, and leaves nothing open.
    func expectOpeningFails(_ expected: CaptureError, calls: [Call]? = nil,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: expected, sourceLocation: sourceLocation) { try camera() }
        if let calls { #expect(system.calls == calls, sourceLocation: sourceLocation) }
        #expect(system.openDescriptors == 0, "descriptors left open", sourceLocation: sourceLocation)
        #expect(system.mappedBuffers == 0, "buffers left mapped", sourceLocation: sourceLocation)
    }

    // MARK: Opening

    @Test func missingDevice() {
        let error = CaptureError.deviceMissing(path: "/dev/video7")
        #expect(throws: error) {
            try V4L2Camera(devicePath: "/dev/video7", settings: .init(), system: system)
        }
        #expect(system.calls == [.eventfd, .open("/dev/video7"), .close("eventfd")])
        #expect(error.description.contains("plugged in"))
        #expect(system.openDescriptors == 0)
    }

    @Test func permissionDeniedNamesTheVideoGroup() {
        system.failOpen(with: .permissionDenied)
        expectOpeningFails(.permissionDenied(path: "/dev/video0"),
                           calls: [.eventfd, .open("/dev/video0"), .close("eventfd")])
        let message = CaptureError.permissionDenied(path: "/dev/video0").description
        #expect(message.contains("`video` group") && message.contains("usermod -aG video"))
    }

    @Test func busyWhenOpening() {
        system.failOpen(with: .busy)
        expectOpeningFails(.deviceBusy(path: "/dev/video0"))
    }

    @Test func busyBecauseAnotherProgramStreams() {
        system.holdElsewhere()
        let opened = Array(Expected.opening().prefix(while: { $0 != .ioctl(.setFormat) }))
        expectOpeningFails(.deviceBusy(path: "/dev/video0"),
                           calls: opened + [.ioctl(.setFormat), .close("/dev/video0"), .close("eventfd")])
        #expect(CaptureError.deviceBusy(path: "/dev/video0").description.contains("another program"))
    }

    @Test func busyWhenRequestingBuffers() {
        system.failNext(.requestBuffers, with: .busy)
        let opened = Array(Expected.opening().prefix(while: { $0 != .ioctl(.requestBuffers) }))
        expectOpeningFails(.deviceBusy(path: "/dev/video0"),
                           calls: opened + [.ioctl(.requestBuffers), .close("/dev/video0"), .close("eventfd")])
    }

    @Test func metadataNodeIsNotACamera() {
        let metadata = EmulatedV4L2.Device(capabilities: UInt32(V4L2_CAP_META_CAPTURE) | UInt32(V4L2_CAP_STREAMING))
        let system = EmulatedV4L2(devices: ["/dev/video1": metadata])
        #expect(throws: CaptureError.notACamera(path: "/dev/video1", card: "Emulated Webcam",
                                                reason: "it has no video capture")) {
            try V4L2Camera(devicePath: "/dev/video1", settings: .init(), system: system)
        }
        #expect(system.calls == [.eventfd, .open("/dev/video1"), .ioctl(.queryCapability),
                                 .close("/dev/video1"), .close("eventfd")])
    }

    @Test func multiPlanarOnlyIsSaidSo() {
        let device = EmulatedV4L2.Device(capabilities: UInt32(V4L2_CAP_VIDEO_CAPTURE_MPLANE) | UInt32(V4L2_CAP_STREAMING))
        let system = EmulatedV4L2(devices: ["/dev/video0": device])
        #expect(throws: CaptureError.notACamera(path: "/dev/video0", card: "Emulated Webcam",
                                                reason: "it captures multi-planar video only, which formcheck does not read")) {
            try V4L2Camera(devicePath: "/dev/video0", settings: .init(), system: system)
        }
    }

    @Test func withoutStreamingIOIsSaidSo() {
        let device = EmulatedV4L2.Device(capabilities: UInt32(V4L2_CAP_VIDEO_CAPTURE) | UInt32(V4L2_CAP_READWRITE))
        let system = EmulatedV4L2(devices: ["/dev/video0": device])
        #expect(throws: CaptureError.notACamera(path: "/dev/video0", card: "Emulated Webcam",
                                                reason: "it cannot stream (no streaming I/O)")) {
            try V4L2Camera(devicePath: "/dev/video0", settings: .init(), system: system)
        }
    }

    @Test func noFormatCaptureCanRead() {
        let h264 = EmulatedV4L2.Format(fourcc: FourCC("H264")!, description: "H.264", sizes: EmulatedV4L2.yuyv.sizes)
        let system = EmulatedV4L2(devices: ["/dev/video0": .init(formats: [h264])])
        #expect(throws: CaptureError.noUsableFormat(path: "/dev/video0", offered: ["H264"])) {
            try V4L2Camera(devicePath: "/dev/video0", settings: .init(), system: system)
        }
        #expect(system.openDescriptors == 0)
    }

    @Test func tooFewBuffers() {
        let system = EmulatedV4L2(devices: ["/dev/video0": .init(maximumBuffers: 1)])
        #expect(throws: CaptureError.tooFewBuffers(path: "/dev/video0", granted: 1)) {
            try V4L2Camera(devicePath: "/dev/video0", settings: .init(), system: system)
        }
        #expect(system.openDescriptors == 0)
    }

    @Test func failureWhileMappingUnmapsWhatWasMapped() throws {
        system.failNext(.queryBuffer, with: .noMemory, after: 2)
        #expect(throws: CaptureError.systemCall(path: "/dev/video0", call: "ioctl(VIDIOC_QUERYBUF)",
                                                errno: Errno.noMemory.rawValue)) { try camera() }
        let opened = Expected.opening()
        let third = opened.indices.filter { opened[$0] == .ioctl(.queryBuffer) }[2]
        #expect(system.calls == opened[...third] + [.munmap(buffer: 0), .munmap(buffer: 1),
                                                   .close("/dev/video0"), .close("eventfd")])
        #expect(system.openDescriptors == 0 && system.mappedBuffers == 0)
        #expect(CaptureError.systemCall(path: "/dev/video0", call: "ioctl(VIDIOC_QUERYBUF)", errno: Errno.noMemory.rawValue)
                    .description.hasPrefix("ioctl(VIDIOC_QUERYBUF) on /dev/video0 failed: ENOMEM (Cannot allocate memory)."))
    }

    @Test func notAV4L2DeviceAtAll() {
        system.failOpen(with: .notTypewriter)
        expectOpeningFails(.notACamera(path: "/dev/video0", card: "", reason: "it is not a V4L2 video device"))
    }

    // MARK: Interrupted and would-block calls

    @Test func interruptedCallsAreMadeAgain() throws {
        system.failNext(.setFormat, with: .interrupted, times: 2)
        system.failNext(.queueBuffer, with: .interrupted)
        let camera = try camera()
        var expected = Expected.opening()
        expected.insert(contentsOf: [.ioctl(.setFormat), .ioctl(.setFormat)],
                        at: try #require(expected.firstIndex(of: .ioctl(.setFormat))))
        expected.insert(.ioctl(.queueBuffer), at: try #require(expected.firstIndex(of: .ioctl(.queueBuffer))))
        #expect(system.calls == expected)

        system.clearCalls()
        system.interruptNextPolls(3)
        _ = try #require(try camera.nextFrame())
        #expect(system.calls == [.ioctl(.streamOn), .poll, .poll, .poll] + Expected.frame)
    }

    @Test func wouldBlockMeansWaitAgain() throws {
        let camera = try camera()
        _ = try camera.nextFrame()
        system.failNext(.dequeueBuffer, with: .wouldBlock, times: 2)
        system.clearCalls()
        let frame = try #require(try camera.nextFrame())
        #expect(frame.sequence == 1)
        #expect(system.calls == [.poll, .ioctl(.dequeueBuffer), .poll, .ioctl(.dequeueBuffer)] + Expected.frame)
    }

    // MARK: Timeout

    @Test func noFrameWithinTheTimeout() throws {
        let camera = try camera(.init(frameTimeout: .milliseconds(60)))
        system.stalled = true
        let started = ContinuousClock.now
        #expect(throws: CaptureError.timeout(source: "/dev/video0 (Emulated Webcam)", seconds: 0.06)) {
            try camera.nextFrame()
        }
        #expect(ContinuousClock.now - started >= .milliseconds(55))
        #expect(CaptureError.timeout(source: "x", seconds: 2).description == "No frame from x within 2 s. The camera "
                + "may have hung, or low light may have slowed it down: add light, ask for a lower frame rate, or replug it.")
        // The camera keeps streaming: once frames come again, they are delivered.
        system.stalled = false
        #expect(try camera.nextFrame()?.sequence == 0)
        #expect(system.mappedBuffers == 4)
    }

    // MARK: Bad frames

    @Test func corruptMotionJPEGFramesAreSkippedAndCounted() throws {
        let camera = try camera()
        system.script([.good, .corrupt, .corrupt, .good])
        let first = try #require(try camera.nextFrame())
        let second = try #require(try camera.nextFrame())
        #expect(first.sequence == 0 && first.discardedBefore == 0)
        #expect(second.sequence == 3 && second.discardedBefore == 2 && second.droppedBefore == 0)
        expectUniform(second.image, EmulatedV4L2.palette[3], tolerance: 3)
        #expect(camera.statistics == CaptureStatistics(delivered: 2, corrupt: 2))
        #expect(system.calls.suffix(12) == ArraySlice(Array(repeating: Expected.frame, count: 4).joined()),
                "every buffer, bad ones too, goes back to the driver")
    }

    @Test func framesTheDriverFlagsAreSkipped() throws {
        let camera = try camera()
        system.script([.flagged])
        #expect(try camera.nextFrame()?.discardedBefore == 1)
        #expect(camera.statistics.corrupt == 1)
    }

    @Test(arguments: [[EmulatedV4L2.mjpeg], [EmulatedV4L2.yuyv]])
    func shortFramesAreSkippedAndCounted(formats: [EmulatedV4L2.Format]) throws {
        let system = EmulatedV4L2(devices: ["/dev/video0": .init(formats: formats)])
        let camera = try V4L2Camera(devicePath: "/dev/video0", settings: .init(), system: system)
        system.script([.short])
        let frame = try #require(try camera.nextFrame())
        #expect(frame.sequence == 1 && frame.discardedBefore == 1)
        #expect(camera.statistics == CaptureStatistics(delivered: 1, short: 1))
    }

    @Test func tooManyBadFramesInARow() throws {
        let camera = try camera(.init(badFrameLimit: 3))
        system.script([.corrupt, .short, .corrupt])
        #expect(throws: CaptureError.tooManyBadFrames(source: "/dev/video0 (Emulated Webcam)", count: 3)) {
            try camera.nextFrame()
        }
        let frame = try #require(try camera.nextFrame(), "the camera keeps streaming")
        #expect(frame.discardedBefore == 3)
        #expect(camera.statistics == CaptureStatistics(delivered: 1, corrupt: 2, short: 1))
    }

    @Test func sequenceGapsAreDroppedFrames() throws {
        let camera = try camera()
        system.script([.good, .afterGap(3), .good, .afterGap(1)])
        let frames = try (0..<4).map { _ in try #require(try camera.nextFrame()) }
        #expect(frames.map(\.sequence) == [0, 4, 5, 7])
        #expect(frames.map(\.droppedBefore) == [0, 3, 0, 1])
        #expect(camera.statistics == CaptureStatistics(delivered: 4, dropped: 4))
        #expect(abs(frames[1].timestamp - frames[0].timestamp - 4.0 / 30) < 1e-6)
    }

    // MARK: Unplugged mid-stream

    @Test func unpluggedMidStreamStopsCleanlyAndComesBack() throws {
        let camera = try camera()
        system.unplug(afterFrames: 2)
        _ = try camera.nextFrame()
        _ = try camera.nextFrame()
        system.clearCalls()
        #expect(throws: CaptureError.disconnected(path: "/dev/video0")) { try camera.nextFrame() }
        #expect(system.calls == [.poll, .ioctl(.dequeueBuffer)] + Expected.release())
        #expect(system.mappedBuffers == 0 && system.openDescriptors == 1)
        #expect(CaptureError.disconnected(path: "/dev/video0").description.contains("plug the camera back in"))

        system.clearCalls()
        #expect(throws: CaptureError.disconnected(path: "/dev/video0")) { try camera.nextFrame() }
        #expect(system.calls.isEmpty, "a disconnected camera touches nothing until reconnected")

        system.replug(afterOpenAttempts: 3)
        #expect(try camera.waitForReconnection(timeout: .seconds(5)))
        #expect(system.calls == [.open("/dev/video0"), .poll, .open("/dev/video0"), .poll] + Expected.reopening())
        let frame = try #require(try camera.nextFrame())
        #expect(frame.sequence == 0 && frame.droppedBefore == 0, "a new count after reconnection is no gap")
        #expect(camera.statistics == CaptureStatistics(delivered: 3))
    }

    @Test func unpluggedWhileGivingABufferBack() throws {
        let camera = try camera()
        system.failNext(.queueBuffer, with: .noDevice)
        #expect(throws: CaptureError.disconnected(path: "/dev/video0")) { try camera.nextFrame() }
        #expect(system.mappedBuffers == 0)
    }

    @Test func ioErrorOnABufferMeansTheDeviceIsGone() throws {
        let camera = try camera()
        system.failNext(.dequeueBuffer, with: .ioError)
        #expect(throws: CaptureError.disconnected(path: "/dev/video0")) { try camera.nextFrame() }
        #expect(system.mappedBuffers == 0)
    }

    @Test func deviceThatDoesNotComeBack() throws {
        let camera = try camera()
        system.unplug(afterFrames: 0)
        #expect(throws: CaptureError.disconnected(path: "/dev/video0")) { try camera.nextFrame() }
        #expect(throws: CaptureError.didNotReturn(path: "/dev/video0", seconds: 0.04)) {
            try camera.waitForReconnection(timeout: .milliseconds(40))
        }
        #expect(system.calls.filter { $0 == .open("/dev/video0") }.count >= 3)
    }

    @Test func stopEndsTheWaitForReconnection() throws {
        let camera = try V4L2Camera(devicePath: "/dev/video0", settings: .init(), system: system,
                                    reconnectionInterval: .seconds(30))
        system.unplug(afterFrames: 0)
        #expect(throws: CaptureError.disconnected(path: "/dev/video0")) { try camera.nextFrame() }
        let waiter = Background { () -> Result<Bool, CaptureError> in
            do throws(CaptureError) { return .success(try camera.waitForReconnection()) } catch { return .failure(error) }
        }
        #expect(system.waitUntilPollBlocks())
        camera.stop()
        let result = try #require(waiter.wait(), "waitForReconnection did not return after stop()")
        #expect(try result.get() == false)
        #expect(try camera.nextFrame() == nil)
        #expect(system.openDescriptors == 1 && system.mappedBuffers == 0)
    }

    @Test func waitingForADeviceThatIsThereReturnsAtOnce() throws {
        let camera = try camera()
        system.clearCalls()
        #expect(try camera.waitForReconnection(timeout: .seconds(1)))
        #expect(system.calls.isEmpty)
    }
}

/// The real system (libv4l2, libc) on what this machine has: no camera needed.
@Suite struct RealSystemTests {
    @Test func missingDeviceThroughLibv4l2() {
        #expect(throws: CaptureError.deviceMissing(path: "/nonexistent/video0")) {
            try V4L2Camera(devicePath: "/nonexistent/video0")
        }
    }

    @Test func aFileThatIsNoVideoDevice() {
        #expect(throws: CaptureError.notACamera(path: "/dev/null", card: "", reason: "it is not a V4L2 video device")) {
            try V4L2Camera(devicePath: "/dev/null")
        }
    }
}
