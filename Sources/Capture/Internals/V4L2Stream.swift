#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CV4L2

/// One open, configured V4L2 device with its buffers mapped: the streaming state of a
/// `V4L2Camera` between opening the device and letting it go.
///
/// Not thread-safe: its owner serialises access. `shutdown()` (also run by `deinit`) releases
/// everything on every path: streaming off, buffers unmapped, descriptor closed.
final class V4L2Stream {
    let device: V4L2Device
    let capability: V4L2Device.Capability
    let format: V4L2Camera.StreamFormat
    private var buffers: [(address: UnsafeMutableRawPointer, length: Int)] = []
    private(set) var isStreaming = false
    private(set) var isShutDown = false

    private init(device: V4L2Device, capability: V4L2Device.Capability, format: V4L2Camera.StreamFormat) {
        self.device = device
        self.capability = capability
        self.format = format
    }

    deinit { shutdown() }

    /// How many buffers are mapped.
    var bufferCount: Int { buffers.count }

    // MARK: - Opening

    /// Opens `path`, checks it is a camera, negotiates the format and frame rate, maps the buffers
    /// and queues them. On failure everything done so far is undone before the error is thrown.
    static func open(_ path: String, settings: V4L2Camera.Settings, system: any V4L2System) throws(CaptureError) -> V4L2Stream {
        let device = try V4L2Device.open(path, system: system)
        let capability: V4L2Device.Capability
        let format: V4L2Camera.StreamFormat
        do throws(CaptureError) {
            capability = try device.capability()
            if let reason = capability.whyNotACamera {
                throw CaptureError.notACamera(path: path, card: capability.card, reason: reason)
            }
            format = try negotiate(device, settings)
        } catch {
            device.close()
            throw error
        }
        let stream = V4L2Stream(device: device, capability: capability, format: format)
        do throws(CaptureError) {
            try stream.mapAndQueueBuffers(count: settings.bufferCount)
        } catch {
            stream.shutdown()
            throw error
        }
        return stream
    }

    /// Chooses and sets the pixel format, size and frame interval.
    private static func negotiate(_ device: V4L2Device, _ settings: V4L2Camera.Settings) throws(CaptureError) -> V4L2Camera.StreamFormat {
        let offered = try device.formats()
        let choices = offered.map { ($0.format, $0.flags & UInt32(V4L2_FMT_FLAG_EMULATED) != 0) }
        guard let pixelFormat = FormatNegotiation.pixelFormat(offered: choices) else {
            throw .noUsableFormat(path: device.path, offered: offered.map(\.format.code))
        }
        let size = FormatNegotiation.size(closestTo: settings.size, in: try device.frameSizes(of: pixelFormat))

        var format = v4l2_format()
        format.type = V4L2Device.captureType
        var pix = v4l2_pix_format()
        pix.width = UInt32(clamping: size.width)
        pix.height = UInt32(clamping: size.height)
        pix.pixelformat = pixelFormat.rawValue
        pix.field = V4L2_FIELD_NONE.rawValue
        cv4l2_format_set_pix(&format, pix)
        try device.ioctlOrFail(.setFormat, &format)
        let granted = cv4l2_format_get_pix(&format)
        let grantedFormat = FourCC(rawValue: granted.pixelformat)
        guard FormatNegotiation.canDecode(grantedFormat) else {
            throw .noUsableFormat(path: device.path, offered: offered.map(\.format.code))
        }
        let grantedSize = FrameSize(width: Int(granted.width), height: Int(granted.height))
        guard grantedSize.width > 0, grantedSize.height > 0 else {
            throw .systemCall(path: device.path, call: "ioctl(VIDIOC_S_FMT) granted \(grantedSize), which",
                              errno: Errno.invalidArgument.rawValue)
        }
        let rates = try device.frameRates(of: grantedFormat, at: grantedSize)
        let interval = try setFrameInterval(
            device, FormatNegotiation.interval(closestTo: settings.framesPerSecond, in: rates))
        return V4L2Camera.StreamFormat(pixelFormat: grantedFormat, size: grantedSize,
                                       bytesPerLine: Int(granted.bytesperline), frameInterval: interval)
    }

    /// Asks for `interval` when the driver lets the frame rate be set (`V4L2_CAP_TIMEPERFRAME`);
    /// returns the interval in force, `nil` when the driver neither sets nor tells it.
    private static func setFrameInterval(_ device: V4L2Device, _ interval: FrameInterval) throws(CaptureError) -> FrameInterval? {
        var parameters = v4l2_streamparm()
        parameters.type = V4L2Device.captureType
        do throws(SystemCallError) {
            try device.ioctl(blocking: .getParameters, &parameters)
        } catch where error.errno == .invalidArgument || error.errno == .notTypewriter {
            return nil  // The driver has no stream parameters; it runs at its own rate.
        } catch {
            throw error.captureError(path: device.path)
        }
        var capture = cv4l2_streamparm_get_capture(&parameters)
        guard capture.capability & UInt32(V4L2_CAP_TIMEPERFRAME) != 0 else {
            return Self.interval(capture.timeperframe)
        }
        capture.timeperframe = v4l2_fract(numerator: UInt32(clamping: interval.numerator),
                                          denominator: UInt32(clamping: interval.denominator))
        cv4l2_streamparm_set_capture(&parameters, capture)
        try device.ioctlOrFail(.setParameters, &parameters)
        return Self.interval(cv4l2_streamparm_get_capture(&parameters).timeperframe)
    }

    private static func interval(_ fraction: v4l2_fract) -> FrameInterval? {
        guard fraction.numerator > 0, fraction.denominator > 0 else { return nil }
        return FrameInterval(numerator: Int(fraction.numerator), denominator: Int(fraction.denominator))
    }

    /// `VIDIOC_REQBUFS` for `count` memory-mapped buffers, then each one `VIDIOC_QUERYBUF` and
    /// `mmap`, then each one `VIDIOC_QBUF`.
    private func mapAndQueueBuffers(count: Int) throws(CaptureError) {
        var request = v4l2_requestbuffers()
        request.count = UInt32(count)
        request.type = V4L2Device.captureType
        request.memory = V4L2_MEMORY_MMAP.rawValue
        try device.ioctlOrFail(.requestBuffers, &request)
        guard request.count >= 2 else { throw .tooFewBuffers(path: device.path, granted: Int(request.count)) }

        for index in 0..<request.count {
            var buffer = bufferDescription(index: index)
            try device.ioctlOrFail(.queryBuffer, &buffer)
            let (length, offset) = (Int(buffer.length), Int(cv4l2_buffer_get_offset(&buffer)))
            do throws(SystemCallError) {
                let address = try SystemCall.make(blocking: "mmap") { [device] () throws(Errno) in
                    try device.system.mmap(fd: device.fd, length: length, offset: offset)
                }
                buffers.append((address, length))
            } catch {
                throw error.captureError(path: device.path)
            }
        }
        for index in buffers.indices { try queue(index) }
    }

    private func bufferDescription(index: UInt32 = 0) -> v4l2_buffer {
        var buffer = v4l2_buffer()
        buffer.index = index
        buffer.type = V4L2Device.captureType
        buffer.memory = V4L2_MEMORY_MMAP.rawValue
        return buffer
    }

    // MARK: - Streaming

    /// Starts streaming (`VIDIOC_STREAMON`) unless it already is.
    func startIfNeeded() throws(CaptureError) {
        guard !isStreaming else { return }
        var type = Int32(bitPattern: V4L2Device.captureType)
        try device.ioctlOrFail(.streamOn, &type)
        isStreaming = true
    }

    /// What waiting for a frame ended with.
    enum WaitResult: Equatable {
        /// A buffer can be dequeued; `withError` when the device also reported an error
        /// condition (as a device that has been unplugged does).
        case ready(withError: Bool)
        /// The wake event was signalled (`stop()`).
        case woken
        /// Nothing within the timeout.
        case timedOut
    }

    /// Waits with poll for a filled buffer, the wake event, or `deadline`.
    func waitForFrame(wake: WakeEvent, deadline: ContinuousClock.Instant) throws(CaptureError) -> WaitResult {
        var descriptors = [
            pollfd(fd: device.fd, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wake.fd, events: Int16(POLLIN), revents: 0),
        ]
        let ready: Int
        do throws(SystemCallError) {
            ready = try descriptors.withUnsafeMutableBufferPointer { (buffer) throws(SystemCallError) -> Int in
                try SystemCall.make(blocking: "poll") { [device] () throws(Errno) in
                    try device.system.poll(buffer, timeoutMilliseconds: WakeEvent.milliseconds(until: deadline))
                }
            }
        } catch {
            throw error.captureError(path: device.path)
        }
        if ready == 0 { return .timedOut }
        if descriptors[1].revents != 0 { return .woken }
        let errorEvents = Int16(POLLERR) | Int16(POLLHUP) | Int16(POLLNVAL)
        return .ready(withError: descriptors[0].revents & errorEvents != 0)
    }

    /// A buffer the driver has filled, until it is queued again.
    struct FilledBuffer {
        var index: Int
        /// The frame's bytes, inside the mapped buffer: valid until `queue(index)`.
        var bytes: UnsafeRawBufferPointer
        var sequence: UInt32
        /// The driver's timestamp in seconds (CLOCK_MONOTONIC for most drivers).
        var timestamp: Double
        /// The driver flagged the buffer as holding damaged data (`V4L2_BUF_FLAG_ERROR`).
        var isFlaggedAsDamaged: Bool
    }

    /// Takes a filled buffer from the driver (`VIDIOC_DQBUF`); `nil` when none is ready yet.
    func dequeue() throws(CaptureError) -> FilledBuffer? {
        var buffer = bufferDescription()
        do throws(SystemCallError) {
            guard case .completed = try device.ioctl(.dequeueBuffer, &buffer) else { return nil }
        } catch {
            throw error.captureError(path: device.path, ioMeansGone: true)
        }
        let index = Int(buffer.index)
        guard buffers.indices.contains(index) else {
            throw .systemCall(path: device.path, call: "ioctl(VIDIOC_DQBUF) returned buffer \(index), which",
                              errno: Errno.invalidArgument.rawValue)
        }
        let mapped = buffers[index]
        let used = min(Int(buffer.bytesused), mapped.length)
        return FilledBuffer(
            index: index,
            bytes: UnsafeRawBufferPointer(start: mapped.address, count: used),
            sequence: buffer.sequence,
            timestamp: Double(buffer.timestamp.tv_sec) + Double(buffer.timestamp.tv_usec) / 1_000_000,
            isFlaggedAsDamaged: buffer.flags & UInt32(V4L2_BUF_FLAG_ERROR) != 0
        )
    }

    /// Gives buffer `index` back to the driver to fill (`VIDIOC_QBUF`).
    func queue(_ index: Int) throws(CaptureError) {
        var buffer = bufferDescription(index: UInt32(index))
        do throws(SystemCallError) {
            try device.ioctl(blocking: .queueBuffer, &buffer)
        } catch {
            throw error.captureError(path: device.path, ioMeansGone: true)
        }
    }

    // MARK: - Closing

    /// Streaming off (if on), every buffer unmapped, the descriptor closed; once, and whatever
    /// state the device is in. Failures are ignored: a device that has been unplugged refuses
    /// `VIDIOC_STREAMOFF`, and its buffers and descriptor must be released all the same.
    func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        if isStreaming {
            var type = Int32(bitPattern: V4L2Device.captureType)
            _ = try? device.ioctl(blocking: .streamOff, &type)
            isStreaming = false
        }
        for (address, length) in buffers {
            _ = try? SystemCall.make(blocking: "munmap") { [device] () throws(Errno) in
                try device.system.munmap(address, length: length)
            }
        }
        buffers.removeAll()
        device.close()
    }
}
