@testable import Capture
import CV4L2
import Foundation
import Testing

/// `formcheck devices`' listing, against emulated nodes and against this machine.
@Suite struct VideoDevicesTests {
    static let stepwise = EmulatedV4L2.Format(
        fourcc: .yuyv, description: "YUYV 4:2:2",
        sizes: .stepwise(minimum: FrameSize(width: 16, height: 16), maximum: FrameSize(width: 1280, height: 720),
                         step: FrameSize(width: 8, height: 8), intervals: EmulatedV4L2.standardIntervals))

    let system = EmulatedV4L2(devices: [
        "/dev/video0": .init(),
        "/dev/video1": .init(capabilities: UInt32(V4L2_CAP_META_CAPTURE) | UInt32(V4L2_CAP_STREAMING)),
        "/dev/video2": .init(openError: .permissionDenied),
        "/dev/video10": .init(driver: "vivid", card: "Virtual Camera", bus: "platform:vivid-000", formats: [stepwise]),
    ])

    @Test func listsEveryNodeInNaturalOrderAndClosesThem() throws {
        let nodes = VideoDevices.list(system: system)
        #expect(nodes.map(\.path) == ["/dev/video0", "/dev/video1", "/dev/video2", "/dev/video10"])
        guard case .camera(let camera) = nodes[0].kind else {
            Issue.record("video0 should be a camera: \(nodes[0].kind)")
            return
        }
        #expect(camera.card == "Emulated Webcam" && camera.driver == "uvcvideo" && camera.bus == "usb-0000:00:14.0-1")
        #expect(camera.formats.map(\.pixelFormat) == [.mjpeg, .yuyv])
        #expect(camera.formats[0].isCompressed && !camera.formats[1].isCompressed)
        #expect(camera.formats[0].sizes == .discrete([FrameSize(width: 64, height: 48), FrameSize(width: 32, height: 24)]))
        #expect(camera.formats[0].modes[0].rates == .discrete(EmulatedV4L2.standardIntervals))
        #expect(nodes[1].kind == .notACamera(card: "Emulated Webcam", driver: "uvcvideo", reason: "it has no video capture"))
        #expect(nodes[2].kind == .unavailable(.permissionDenied(path: "/dev/video2")))
        guard case .camera(let virtual) = nodes[3].kind else {
            Issue.record("video10 should be a camera")
            return
        }
        #expect(virtual.formats[0].sizes == .range(minimum: FrameSize(width: 16, height: 16),
                                                   maximum: FrameSize(width: 1280, height: 720),
                                                   step: FrameSize(width: 8, height: 8)))
        #expect(virtual.formats[0].modes.isEmpty)
        #expect(system.openDescriptors == 0)
    }

    @Test func asksEachCameraForFormatsSizesAndRates() {
        let system = EmulatedV4L2()
        _ = VideoDevices.list(system: system)
        let perFormat: [Call] = Expected.enumeration(.enumerateFrameSizes, entries: 2)
            + Expected.enumeration(.enumerateFrameIntervals, entries: 3)
            + Expected.enumeration(.enumerateFrameIntervals, entries: 3)
        #expect(system.calls == [.open("/dev/video0"), .ioctl(.queryCapability), .ioctl(.enumerateFormat),
                                 .ioctl(.enumerateFormat), .ioctl(.enumerateFormat)]
                + perFormat + perFormat + [.close("/dev/video0")])
    }

    @Test func reportReadsAtAGlance() {
        let report = VideoDevices.report(VideoDevices.list(system: system))
        #expect(report == """
            /dev/video0: Emulated Webcam (driver uvcvideo, bus usb-0000:00:14.0-1)
              MJPG  Motion-JPEG
                64x48  30, 15, 7.5 fps
                32x24  30, 15, 7.5 fps
              YUYV  YUYV 4:2:2
                32x24  30, 15, 7.5 fps
                16x12  30, 15, 7.5 fps
            /dev/video1: Emulated Webcam (driver uvcvideo): not a camera: it has no video capture
            /dev/video2: Not allowed to open /dev/video2. Cameras belong to the `video` group: add yourself with `sudo usermod -aG video $USER`, then log out and back in.
            /dev/video10: Virtual Camera (driver vivid, bus platform:vivid-000)
              YUYV  YUYV 4:2:2
                any size from 16x16 to 1280x720 in steps of 8x8
            """)
    }

    @Test func noDeviceSaysSoPlainly() {
        let report = VideoDevices.report(VideoDevices.list(system: EmulatedV4L2(devices: [:])))
        #expect(report == """
            No camera found: there is no video device (/dev/video*).
            Is the webcam plugged in? (`lsusb` lists what is on USB.)
            Are you in the `video` group? (`groups` shows yours; add yourself with `sudo usermod -aG video $USER`, then log out and back in.)
            """)
    }

    @Test func nodesButNoCamera() {
        let system = EmulatedV4L2(devices: ["/dev/video0": .init(openError: .permissionDenied)])
        let report = VideoDevices.report(VideoDevices.list(system: system))
        #expect(report.hasPrefix("/dev/video0: Not allowed to open /dev/video0."))
        #expect(report.contains("\n\nNo usable camera among these devices.\nIs the webcam plugged in?"))
    }

    @Test(arguments: [
        (FrameRates.discrete([]), "rates not listed"),
        (.discrete([FrameInterval(numerator: 1001, denominator: 30000), FrameInterval(numerator: 1, denominator: 5)]),
         "29.97, 5 fps"),
        (.range(shortest: FrameInterval(numerator: 1, denominator: 60), longest: FrameInterval(numerator: 1, denominator: 1)),
         "1 to 60 fps"),
    ])
    func rates(rates: FrameRates, text: String) {
        #expect(VideoDevices.ratesText(rates) == text)
    }

    @Test func realDeviceDirectoryIsReadInNaturalOrder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("capture-dev-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["video10", "video2", "video0", "videoX", "video", "vbi0", "media0"] {
            _ = FileManager.default.createFile(atPath: directory.appendingPathComponent(name).path, contents: nil)
        }
        let system = LibV4L2System(deviceDirectory: directory.path)
        #expect(system.deviceNodes() == ["video0", "video2", "video10"].map { directory.path + "/" + $0 })
        // Plain files are no V4L2 devices: libv4l2 refuses them.
        let nodes = VideoDevices.list(system: system)
        #expect(nodes.allSatisfy { node in
            if case .unavailable(.notACamera(_, _, "it is not a V4L2 video device")) = node.kind { true } else { false }
        })
    }

    @Test func thisMachine() {
        let nodes = VideoDevices.list()
        let report = VideoDevices.report(nodes)
        if nodes.isEmpty {
            #expect(report.hasPrefix("No camera found: there is no video device (/dev/video*)."))
        } else {
            #expect(report.hasPrefix(nodes[0].path))
        }
    }
}
