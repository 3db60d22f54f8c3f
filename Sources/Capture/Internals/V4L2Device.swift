#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CV4L2

/// An open V4L2 device node: its descriptor, its path (for messages) and the system that reaches it.
///
/// Every ioctl Capture makes goes through `ioctl(_:_:)` here, which goes through `SystemCall`,
/// so each is retried on `EINTR` and fails with an error naming the request.
struct V4L2Device {
    let system: any V4L2System
    let path: String
    let fd: Int32

    /// The buffer type of single-planar video capture, which every request here is about.
    static let captureType = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue

    /// Opens `path` for reading and writing, not blocking (frames are waited for with poll), and
    /// closed on exec.
    static func open(_ path: String, system: any V4L2System) throws(CaptureError) -> V4L2Device {
        do throws(SystemCallError) {
            let fd = try SystemCall.make(blocking: "open") { () throws(Errno) in
                try system.open(path, flags: O_RDWR | O_NONBLOCK | O_CLOEXEC)
            }
            return V4L2Device(system: system, path: path, fd: fd)
        } catch {
            throw error.captureError(path: path, opening: true)
        }
    }

    /// Closes the descriptor (see `SystemCall.close`).
    func close() {
        SystemCall.close(fd, system: system)
    }

    /// Makes `request` with `argument`; `.wouldBlock` when the driver answered `EAGAIN`.
    func ioctl<Argument>(
        _ request: V4L2Request, _ argument: inout Argument
    ) throws(SystemCallError) -> CallOutcome<Void> {
        try withUnsafeMutableBytes(of: &argument) { (bytes) throws(SystemCallError) -> CallOutcome<Void> in
            guard let address = bytes.baseAddress else { preconditionFailure("ioctl argument without storage") }
            return try SystemCall.make("ioctl(\(request.name))") { () throws(Errno) in
                try system.ioctl(fd, request, address)
            }
        }
    }

    /// Makes `request`, which does not block; `EAGAIN` is then a failure of the request.
    func ioctl<Argument>(blocking request: V4L2Request, _ argument: inout Argument) throws(SystemCallError) {
        if case .wouldBlock = try ioctl(request, &argument) {
            throw SystemCallError(call: "ioctl(\(request.name))", errno: .wouldBlock)
        }
    }

    /// Makes `request`, turning failure into the `CaptureError` it means for this device.
    func ioctlOrFail<Argument>(_ request: V4L2Request, _ argument: inout Argument) throws(CaptureError) {
        do throws(SystemCallError) { try ioctl(blocking: request, &argument) } catch { throw error.captureError(path: path) }
    }

    // MARK: - What the device is

    /// What `VIDIOC_QUERYCAP` says about the device.
    struct Capability {
        var driver: String
        var card: String
        var bus: String
        /// The capabilities of this node (`device_caps` when the driver fills it in).
        var capabilities: UInt32

        /// Whether this node captures single-planar video through memory-mapped streaming;
        /// `nil` when it does, else why not.
        var whyNotACamera: String? {
            if capabilities & UInt32(V4L2_CAP_VIDEO_CAPTURE) == 0 {
                if capabilities & UInt32(V4L2_CAP_VIDEO_CAPTURE_MPLANE) != 0 {
                    return "it captures multi-planar video only, which formcheck does not read"
                }
                return "it has no video capture"
            }
            if capabilities & UInt32(V4L2_CAP_STREAMING) == 0 { return "it cannot stream (no streaming I/O)" }
            return nil
        }
    }

    func capability() throws(CaptureError) -> Capability {
        var capability = v4l2_capability()
        try ioctlOrFail(.queryCapability, &capability)
        let hasDeviceCaps = capability.capabilities & UInt32(V4L2_CAP_DEVICE_CAPS) != 0
        return Capability(
            driver: Self.string(capability.driver),
            card: Self.string(capability.card),
            bus: Self.string(capability.bus_info),
            capabilities: hasDeviceCaps ? capability.device_caps : capability.capabilities
        )
    }

    // MARK: - Enumeration

    /// Enumerations stop at this index even if a driver never says `EINVAL`.
    private static let enumerationLimit: UInt32 = 256

    /// Calls `request` for index 0, 1, … until the driver answers `EINVAL` (the end of the list).
    private func enumerate<Entry>(
        _ request: V4L2Request, _ make: (UInt32) -> Entry
    ) throws(CaptureError) -> [Entry] {
        var entries: [Entry] = []
        for index in 0..<Self.enumerationLimit {
            var entry = make(index)
            do throws(SystemCallError) {
                try ioctl(blocking: request, &entry)
            } catch where error.errno == .invalidArgument {
                break
            } catch {
                throw error.captureError(path: path)
            }
            entries.append(entry)
        }
        return entries
    }

    /// The pixel formats the device captures in (`VIDIOC_ENUM_FMT`), in the driver's order.
    func formats() throws(CaptureError) -> [(format: FourCC, description: String, flags: UInt32)] {
        try enumerate(.enumerateFormat) { index in
            var description = v4l2_fmtdesc()
            description.index = index
            description.type = Self.captureType
            return description
        }.map { (FourCC(rawValue: $0.pixelformat), Self.string($0.description), $0.flags) }
    }

    /// The frame sizes of `format` (`VIDIOC_ENUM_FRAMESIZES`); empty when the driver does not say.
    func frameSizes(of format: FourCC) throws(CaptureError) -> FrameSizes {
        let entries = try enumerate(.enumerateFrameSizes) { index in
            var entry = v4l2_frmsizeenum()
            entry.index = index
            entry.pixel_format = format.rawValue
            return entry
        }
        guard let first = entries.first else { return .discrete([]) }
        if first.type == V4L2_FRMSIZE_TYPE_DISCRETE.rawValue {
            return .discrete(entries.filter { $0.type == V4L2_FRMSIZE_TYPE_DISCRETE.rawValue }.map {
                FrameSize(width: Int($0.discrete.width), height: Int($0.discrete.height))
            })
        }
        let range = first.stepwise
        return .range(
            minimum: FrameSize(width: Int(range.min_width), height: Int(range.min_height)),
            maximum: FrameSize(width: Int(range.max_width), height: Int(range.max_height)),
            step: FrameSize(width: max(1, Int(range.step_width)), height: max(1, Int(range.step_height)))
        )
    }

    /// The frame rates of `format` at `size` (`VIDIOC_ENUM_FRAMEINTERVALS`).
    func frameRates(of format: FourCC, at size: FrameSize) throws(CaptureError) -> FrameRates {
        let entries = try enumerate(.enumerateFrameIntervals) { index in
            var entry = v4l2_frmivalenum()
            entry.index = index
            entry.pixel_format = format.rawValue
            entry.width = UInt32(clamping: size.width)
            entry.height = UInt32(clamping: size.height)
            return entry
        }
        guard let first = entries.first else { return .discrete([]) }
        if first.type == V4L2_FRMIVAL_TYPE_DISCRETE.rawValue {
            return .discrete(entries.filter { $0.type == V4L2_FRMIVAL_TYPE_DISCRETE.rawValue }.map {
                FrameInterval(numerator: Int($0.discrete.numerator), denominator: Int($0.discrete.denominator))
            })
        }
        let range = first.stepwise
        return .range(
            shortest: FrameInterval(numerator: Int(range.min.numerator), denominator: Int(range.min.denominator)),
            longest: FrameInterval(numerator: Int(range.max.numerator), denominator: Int(range.max.denominator))
        )
    }

    /// Everything the device offers, for listing: formats, their sizes, each size's rates.
    func describe(capability: Capability) throws(CaptureError) -> CaptureDevice {
        var formats: [CaptureDevice.Format] = []
        for (format, description, flags) in try self.formats() {
            let sizes = try frameSizes(of: format)
            var modes: [CaptureDevice.Mode] = []
            if case .discrete(let list) = sizes {
                for size in list { modes.append(.init(size: size, rates: try frameRates(of: format, at: size))) }
            }
            formats.append(.init(
                pixelFormat: format, description: description,
                isCompressed: flags & UInt32(V4L2_FMT_FLAG_COMPRESSED) != 0,
                isEmulated: flags & UInt32(V4L2_FMT_FLAG_EMULATED) != 0,
                sizes: sizes, modes: modes
            ))
        }
        return CaptureDevice(path: path, card: capability.card, driver: capability.driver,
                             bus: capability.bus, formats: formats)
    }

    // MARK: - Helpers

    /// A NUL-terminated C string held in a fixed-size array (a tuple in Swift).
    static func string<Tuple>(_ tuple: Tuple) -> String {
        withUnsafeBytes(of: tuple) { bytes in
            String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }
}
