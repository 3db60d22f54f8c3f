// An emulated V4L2 device behind Capture's `V4L2System`: it speaks the real structs of
// linux/videodev2.h, serves real MJPEG, YUYV and RGB24 frames, records every call, and injects
// the faults a webcam can have.

@testable import Capture
import CV4L2
import Foundation
import Imaging
#if canImport(Glibc)
import Glibc
#endif

/// One call the camera made, as recorded by `EmulatedV4L2`.
enum Call: Hashable, CustomStringConvertible {
    case open(String)
    case close(String)
    case ioctl(V4L2Request)
    case mmap(buffer: Int)
    case munmap(buffer: Int)
    case poll
    case eventfd
    case signal

    var description: String {
        switch self {
        case .open(let path): "open(\(path))"
        case .close(let name): "close(\(name))"
        case .ioctl(let request): request.name
        case .mmap(let index): "mmap(\(index))"
        case .munmap(let index): "munmap(\(index))"
        case .poll: "poll"
        case .eventfd: "eventfd"
        case .signal: "signal"
        }
    }
}

/// A V4L2 capture device emulated in memory.
///
/// Frames are ready as soon as a buffer is queued and streaming is on (unless `stalled`); each
/// is made by `payload` for its sequence number. Faults: `failNext` makes the next calls of a
/// request fail with an errno; `failOpen` an open; `script` gives what the next frames are
/// (good, corrupt, short, flagged, after a gap); `unplug` makes the device vanish (ENODEV,
/// POLLERR), `replug` brings it back; `interruptNextPolls` makes polls fail with EINTR.
final class EmulatedV4L2: V4L2System, @unchecked Sendable {
    // MARK: Configuration

    /// A pixel format of an emulated device with its sizes and intervals.
    struct Format {
        var fourcc: FourCC
        var description: String
        var flags: UInt32 = 0
        var sizes: Sizes

        enum Sizes {
            case discrete([(size: FrameSize, intervals: [FrameInterval])])
            case stepwise(minimum: FrameSize, maximum: FrameSize, step: FrameSize, intervals: [FrameInterval])
        }
    }

    /// An emulated device node.
    struct Device {
        var driver = "uvcvideo"
        var card = "Emulated Webcam"
        var bus = "usb-0000:00:14.0-1"
        var capabilities = UInt32(V4L2_CAP_VIDEO_CAPTURE) | UInt32(V4L2_CAP_STREAMING)
        var formats: [Format] = [EmulatedV4L2.mjpeg, EmulatedV4L2.yuyv]
        var setsFrameRate = true
        var hasStreamParameters = true
        var maximumBuffers = 32
        /// False: MJPEG frames come without Huffman tables (DHT), as many UVC webcams send them,
        /// relying on the standard tables of the JPEG specification.
        var sendsHuffmanTables = true
        /// Open fails with this (EACCES for a node of the `video` group, say).
        var openError: Errno?
    }

    static let standardIntervals = [FrameInterval(numerator: 1, denominator: 30),
                                    FrameInterval(numerator: 1, denominator: 15),
                                    FrameInterval(numerator: 2, denominator: 15)]
    static let mjpeg = Format(fourcc: .mjpeg, description: "Motion-JPEG", flags: UInt32(V4L2_FMT_FLAG_COMPRESSED),
                              sizes: .discrete([(FrameSize(width: 64, height: 48), standardIntervals),
                                                (FrameSize(width: 32, height: 24), standardIntervals)]))
    static let yuyv = Format(fourcc: .yuyv, description: "YUYV 4:2:2",
                             sizes: .discrete([(FrameSize(width: 32, height: 24), standardIntervals),
                                               (FrameSize(width: 16, height: 12), standardIntervals)]))

    /// What one dequeued frame is.
    enum FrameKind: Equatable {
        case good
        /// A JPEG whose header is garbage.
        case corrupt
        /// Fewer bytes than the format needs (half of them).
        case short
        /// Good bytes, but the driver sets V4L2_BUF_FLAG_ERROR.
        case flagged
        /// The camera skipped this many sequence numbers first (frames it dropped).
        case afterGap(Int)
    }

    // MARK: State

    private let condition = NSCondition()
    private var devices: [String: Device]
    private var frameScript: [FrameKind] = []
    private var ioctlFaults: [(request: V4L2Request, errno: Errno, skip: Int)] = []
    private var openFaults: [(path: String, errno: Errno)] = []
    private var pollInterruptions = 0
    private var unplugAfterFrames: Int?
    private var unplugged: Set<String> = []
    private var replugAfterOpenAttempts: Int?
    private var stalledFlag = false
    private var busyPaths: Set<String> = []
    private var recorded: [Call] = []
    private var pollsWaiting = 0

    private var nextFD: Int32 = 100
    private var handles: [Int32: Handle] = [:]
    private var wakeEvents: [Int32: Bool] = [:]
    /// Buffers mapped into the camera, by address: which path, which index.
    private var mappings: [UnsafeMutableRawPointer: (path: String, index: Int, length: Int)] = [:]
    private var framesDelivered = 0

    /// Makes the frame for sequence `sequence` in `format` at `size`.
    var payload: (FourCC, FrameSize, Int) -> [UInt8] = EmulatedV4L2.standardPayload

    init(devices: [String: Device] = ["/dev/video0": Device()]) {
        self.devices = devices
    }

    /// Per open descriptor: the device's state as the driver keeps it.
    private final class Handle {
        let path: String
        var fourcc: FourCC
        var size: FrameSize
        var interval: FrameInterval
        var buffers: [Buffer] = []
        var queue: [Int] = []
        var streaming = false
        var sequence = 0

        init(path: String, fourcc: FourCC, size: FrameSize, interval: FrameInterval) {
            self.path = path
            self.fourcc = fourcc
            self.size = size
            self.interval = interval
        }

        var bytesPerLine: Int { fourcc.isJPEG ? 0 : size.width * (fourcc == .yuyv ? 2 : 3) }
        var sizeImage: Int { fourcc.isJPEG ? size.width * size.height * 3 + 4096 : bytesPerLine * size.height }
    }

    private final class Buffer {
        let memory: UnsafeMutableRawPointer
        let length: Int
        let offset: Int
        var mapped = false
        var released = false

        init(length: Int, offset: Int) {
            memory = UnsafeMutableRawPointer.allocate(byteCount: length, alignment: 4096)
            self.length = length
            self.offset = offset
        }

        func freeIfUnused() {
            if released && !mapped { memory.deallocate() }
        }
    }

    // MARK: Fault injection and inspection

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }

    /// After `after` more calls of `request` have gone through, the next `times` fail with
    /// `errno`, before the device looks at them.
    func failNext(_ request: V4L2Request, with errno: Errno, times: Int = 1, after: Int = 0) {
        locked {
            ioctlFaults.append((request, errno, after))
            ioctlFaults += Array(repeating: (request, errno, 0), count: times - 1)
        }
    }

    /// The next open of `path` fails with `errno`.
    func failOpen(_ path: String = "/dev/video0", with errno: Errno) {
        locked { openFaults.append((path, errno)) }
    }

    /// The next dequeued frames are these, in order; then good ones again.
    func script(_ frames: [FrameKind]) {
        locked { frameScript += frames }
    }

    /// The next `count` polls fail with EINTR, as when a signal arrives.
    func interruptNextPolls(_ count: Int) {
        locked { pollInterruptions += count }
    }

    /// Once `frames` more frames have been dequeued, every device vanishes (USB unplug) at the
    /// next poll.
    func unplug(afterFrames frames: Int) {
        locked { unplugAfterFrames = framesDelivered + frames }
    }

    /// The device comes back after `attempts` failed opens.
    func replug(afterOpenAttempts attempts: Int) {
        locked { replugAfterOpenAttempts = attempts }
    }

    /// The device comes back now.
    func replug() {
        locked { unplugged.removeAll() }
    }

    /// Another program holds `path`: setting the format or requesting buffers fails with EBUSY.
    func holdElsewhere(_ path: String = "/dev/video0") {
        locked { _ = busyPaths.insert(path) }
    }

    /// While true, the camera makes no frames: poll waits for its timeout.
    var stalled: Bool {
        get { locked { stalledFlag } }
        set { locked { stalledFlag = newValue; condition.broadcast() } }
    }

    /// Every call so far, in order.
    var calls: [Call] { locked { recorded } }

    /// Forgets the calls recorded so far.
    func clearCalls() { locked { recorded.removeAll() } }

    /// Descriptors (devices and wake events) not closed yet.
    var openDescriptors: Int { locked { handles.count + wakeEvents.count } }

    /// Buffers still mapped.
    var mappedBuffers: Int { locked { mappings.count } }

    /// Waits (up to 5 s) until a poll is waiting for something to happen.
    func waitUntilPollBlocks() -> Bool {
        locked {
            let deadline = Date().addingTimeInterval(5)
            while pollsWaiting == 0 {
                if !condition.wait(until: deadline) { return false }
            }
            return true
        }
    }

    private func record(_ call: Call) { recorded.append(call) }

    // MARK: V4L2System

    func open(_ path: String, flags: Int32) throws(Errno) -> Int32 {
        condition.lock()
        defer { condition.unlock() }
        record(.open(path))
        if let index = openFaults.firstIndex(where: { $0.path == path }) {
            throw openFaults.remove(at: index).errno
        }
        if unplugged.contains(path) {
            if let remaining = replugAfterOpenAttempts {
                if remaining <= 1 {
                    unplugged.remove(path)
                    replugAfterOpenAttempts = nil
                } else {
                    replugAfterOpenAttempts = remaining - 1
                }
            }
            if unplugged.contains(path) { throw Errno.noSuchFile }
        }
        guard let device = devices[path] else { throw Errno.noSuchFile }
        if let error = device.openError { throw error }
        guard flags & O_RDWR != 0, flags & O_NONBLOCK != 0 else { throw Errno.invalidArgument }
        let fd = nextFD
        nextFD += 1
        let first = device.formats.first
        handles[fd] = Handle(path: path, fourcc: first?.fourcc ?? .yuyv,
                             size: first.map { Self.sizes(of: $0).first ?? FrameSize(width: 16, height: 12) }
                                ?? FrameSize(width: 16, height: 12),
                             interval: Self.standardIntervals[0])
        return fd
    }

    func close(_ fd: Int32) throws(Errno) {
        condition.lock()
        defer { condition.unlock() }
        if let handle = handles.removeValue(forKey: fd) {
            record(.close(handle.path))
            for buffer in handle.buffers {
                buffer.released = true
                buffer.freeIfUnused()
            }
        } else if wakeEvents.removeValue(forKey: fd) != nil {
            record(.close("eventfd"))
        } else {
            throw Errno.badFileDescriptor
        }
    }

    func mmap(fd: Int32, length: Int, offset: Int) throws(Errno) -> UnsafeMutableRawPointer {
        condition.lock()
        defer { condition.unlock() }
        guard let handle = handles[fd] else { throw Errno.badFileDescriptor }
        guard let index = handle.buffers.firstIndex(where: { $0.offset == offset }) else {
            record(.mmap(buffer: -1))
            throw Errno.invalidArgument
        }
        record(.mmap(buffer: index))
        if unplugged.contains(handle.path) { throw Errno.noDevice }
        let buffer = handle.buffers[index]
        guard length == buffer.length, !buffer.mapped else { throw Errno.invalidArgument }
        buffer.mapped = true
        mappings[buffer.memory] = (handle.path, index, length)
        return buffer.memory
    }

    func munmap(_ address: UnsafeMutableRawPointer, length: Int) throws(Errno) {
        condition.lock()
        defer { condition.unlock() }
        guard let mapping = mappings[address], mapping.length == length else {
            record(.munmap(buffer: -1))
            throw Errno.invalidArgument
        }
        record(.munmap(buffer: mapping.index))
        mappings[address] = nil
        // The buffer may belong to a descriptor already closed: find it through any handle, or
        // free it here (the close released it).
        if let buffer = handles.values.lazy.flatMap(\.buffers).first(where: { $0.memory == address }) {
            buffer.mapped = false
            buffer.freeIfUnused()
        } else {
            address.deallocate()
        }
    }

    func makeWakeEvent() throws(Errno) -> Int32 {
        condition.lock()
        defer { condition.unlock() }
        record(.eventfd)
        let fd = nextFD
        nextFD += 1
        wakeEvents[fd] = false
        return fd
    }

    func signalWakeEvent(_ fd: Int32) throws(Errno) {
        condition.lock()
        defer { condition.unlock() }
        record(.signal)
        guard wakeEvents[fd] != nil else { throw Errno.badFileDescriptor }
        wakeEvents[fd] = true
        condition.broadcast()
    }

    func deviceNodes() -> [String] {
        locked { devices.keys.filter { !unplugged.contains($0) }.sorted(by: NaturalOrder.areInIncreasingOrder) }
    }

    func poll(_ descriptors: UnsafeMutableBufferPointer<pollfd>, timeoutMilliseconds: Int32) throws(Errno) -> Int {
        condition.lock()
        defer { condition.unlock() }
        record(.poll)
        if let limit = unplugAfterFrames, framesDelivered >= limit {
            unplugAfterFrames = nil
            unplugged.formUnion(devices.keys)
        }
        if pollInterruptions > 0 {
            pollInterruptions -= 1
            throw Errno.interrupted
        }
        let deadline = Date().addingTimeInterval(Double(max(0, timeoutMilliseconds)) / 1000)
        while true {
            var ready = 0
            for index in descriptors.indices {
                let fd = descriptors[index].fd
                var events: Int16 = 0
                if let signalled = wakeEvents[fd] {
                    if signalled { events = Int16(POLLIN) }
                } else if let handle = handles[fd] {
                    if unplugged.contains(handle.path) {
                        events = Int16(POLLERR) | Int16(POLLHUP)
                    } else if handle.streaming && !handle.queue.isEmpty && !stalledFlag {
                        events = Int16(POLLIN) | Int16(POLLRDNORM)
                    } else if !handle.streaming {
                        events = Int16(POLLERR)
                    }
                } else {
                    events = Int16(POLLNVAL)
                }
                descriptors[index].revents = events & (descriptors[index].events | Int16(POLLERR) | Int16(POLLHUP) | Int16(POLLNVAL))
                if descriptors[index].revents != 0 { ready += 1 }
            }
            if ready > 0 || timeoutMilliseconds == 0 { return ready }
            pollsWaiting += 1
            condition.broadcast()
            let signalled = condition.wait(until: deadline)
            pollsWaiting -= 1
            if !signalled && Date() >= deadline {
                for index in descriptors.indices { descriptors[index].revents = 0 }
                return 0
            }
        }
    }

    func ioctl(_ fd: Int32, _ request: V4L2Request, _ argument: UnsafeMutableRawPointer) throws(Errno) {
        condition.lock()
        defer { condition.unlock() }
        record(.ioctl(request))
        if let index = ioctlFaults.firstIndex(where: { $0.request == request }) {
            if ioctlFaults[index].skip > 0 {
                ioctlFaults[index].skip -= 1
            } else {
                throw ioctlFaults.remove(at: index).errno
            }
        }
        guard let handle = handles[fd] else { throw Errno.badFileDescriptor }
        if unplugged.contains(handle.path) { throw Errno.noDevice }
        guard let device = devices[handle.path] else { throw Errno.noDevice }
        let captureType = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue

        switch request {
        case .queryCapability:
            let capability = argument.assumingMemoryBound(to: v4l2_capability.self)
            capability.pointee = v4l2_capability()
            Self.copy(device.driver, into: &capability.pointee.driver)
            Self.copy(device.card, into: &capability.pointee.card)
            Self.copy(device.bus, into: &capability.pointee.bus_info)
            capability.pointee.version = 0x060100
            capability.pointee.device_caps = device.capabilities
            capability.pointee.capabilities = device.capabilities | UInt32(V4L2_CAP_DEVICE_CAPS)

        case .enumerateFormat:
            let description = argument.assumingMemoryBound(to: v4l2_fmtdesc.self)
            let index = Int(description.pointee.index)
            guard description.pointee.type == captureType, device.formats.indices.contains(index) else {
                throw Errno.invalidArgument
            }
            let format = device.formats[index]
            description.pointee.pixelformat = format.fourcc.rawValue
            description.pointee.flags = format.flags
            Self.copy(format.description, into: &description.pointee.description)

        case .enumerateFrameSizes:
            let entry = argument.assumingMemoryBound(to: v4l2_frmsizeenum.self)
            guard let format = device.formats.first(where: { $0.fourcc.rawValue == entry.pointee.pixel_format }) else {
                throw Errno.invalidArgument
            }
            let index = Int(entry.pointee.index)
            switch format.sizes {
            case .discrete(let sizes):
                guard sizes.indices.contains(index) else { throw Errno.invalidArgument }
                entry.pointee.type = V4L2_FRMSIZE_TYPE_DISCRETE.rawValue
                entry.pointee.discrete = v4l2_frmsize_discrete(width: UInt32(sizes[index].size.width),
                                                               height: UInt32(sizes[index].size.height))
            case .stepwise(let minimum, let maximum, let step, _):
                guard index == 0 else { throw Errno.invalidArgument }
                entry.pointee.type = V4L2_FRMSIZE_TYPE_STEPWISE.rawValue
                entry.pointee.stepwise = v4l2_frmsize_stepwise(
                    min_width: UInt32(minimum.width), max_width: UInt32(maximum.width), step_width: UInt32(step.width),
                    min_height: UInt32(minimum.height), max_height: UInt32(maximum.height), step_height: UInt32(step.height))
            }

        case .enumerateFrameIntervals:
            let entry = argument.assumingMemoryBound(to: v4l2_frmivalenum.self)
            guard let format = device.formats.first(where: { $0.fourcc.rawValue == entry.pointee.pixel_format }) else {
                throw Errno.invalidArgument
            }
            let size = FrameSize(width: Int(entry.pointee.width), height: Int(entry.pointee.height))
            guard let intervals = Self.intervals(of: format, at: size) else { throw Errno.invalidArgument }
            let index = Int(entry.pointee.index)
            guard intervals.indices.contains(index) else { throw Errno.invalidArgument }
            entry.pointee.type = V4L2_FRMIVAL_TYPE_DISCRETE.rawValue
            entry.pointee.discrete = v4l2_fract(numerator: UInt32(intervals[index].numerator),
                                                denominator: UInt32(intervals[index].denominator))

        case .getFormat, .setFormat:
            let format = argument.assumingMemoryBound(to: v4l2_format.self)
            guard format.pointee.type == captureType else { throw Errno.invalidArgument }
            if request == .setFormat {
                if busyPaths.contains(handle.path) || !handle.buffers.isEmpty { throw Errno.busy }
                let wanted = cv4l2_format_get_pix(format)
                // Like drivers: an unsupported format becomes the first supported one; the size
                // becomes the nearest offered.
                let chosen = device.formats.first(where: { $0.fourcc.rawValue == wanted.pixelformat })
                    ?? device.formats[0]
                handle.fourcc = chosen.fourcc
                handle.size = Self.nearestSize(of: chosen, to: FrameSize(width: Int(wanted.width), height: Int(wanted.height)))
            }
            var pix = v4l2_pix_format()
            pix.width = UInt32(handle.size.width)
            pix.height = UInt32(handle.size.height)
            pix.pixelformat = handle.fourcc.rawValue
            pix.field = V4L2_FIELD_NONE.rawValue
            pix.bytesperline = UInt32(handle.bytesPerLine)
            pix.sizeimage = UInt32(handle.sizeImage)
            pix.colorspace = V4L2_COLORSPACE_SRGB.rawValue
            cv4l2_format_set_pix(format, pix)

        case .getParameters, .setParameters:
            guard device.hasStreamParameters else { throw Errno.notTypewriter }
            let parameters = argument.assumingMemoryBound(to: v4l2_streamparm.self)
            guard parameters.pointee.type == captureType else { throw Errno.invalidArgument }
            if request == .setParameters && device.setsFrameRate {
                let wanted = cv4l2_streamparm_get_capture(parameters).timeperframe
                let wantedRate = Double(wanted.denominator) / Double(max(1, wanted.numerator))
                let format = device.formats.first(where: { $0.fourcc == handle.fourcc })
                let offered = format.flatMap { Self.intervals(of: $0, at: handle.size) } ?? []
                handle.interval = offered.min(by: {
                    abs($0.framesPerSecond - wantedRate) < abs($1.framesPerSecond - wantedRate)
                }) ?? handle.interval
            }
            var capture = v4l2_captureparm()
            capture.capability = device.setsFrameRate ? UInt32(V4L2_CAP_TIMEPERFRAME) : 0
            capture.timeperframe = v4l2_fract(numerator: UInt32(handle.interval.numerator),
                                              denominator: UInt32(handle.interval.denominator))
            capture.readbuffers = 0
            cv4l2_streamparm_set_capture(parameters, capture)

        case .requestBuffers:
            let request = argument.assumingMemoryBound(to: v4l2_requestbuffers.self)
            guard request.pointee.type == captureType, request.pointee.memory == V4L2_MEMORY_MMAP.rawValue else {
                throw Errno.invalidArgument
            }
            if busyPaths.contains(handle.path) || handle.streaming { throw Errno.busy }
            if handle.buffers.contains(where: \.mapped) { throw Errno.busy }
            for buffer in handle.buffers {
                buffer.released = true
                buffer.freeIfUnused()
            }
            handle.buffers = []
            handle.queue = []
            let count = min(Int(request.pointee.count), device.maximumBuffers)
            let length = (handle.sizeImage + 4095) / 4096 * 4096
            handle.buffers = (0..<count).map { Buffer(length: length, offset: $0 * 0x10_0000) }
            request.pointee.count = UInt32(count)
            request.pointee.capabilities = UInt32(V4L2_BUF_CAP_SUPPORTS_MMAP)

        case .queryBuffer:
            let buffer = argument.assumingMemoryBound(to: v4l2_buffer.self)
            let index = Int(buffer.pointee.index)
            guard buffer.pointee.type == captureType, handle.buffers.indices.contains(index) else {
                throw Errno.invalidArgument
            }
            buffer.pointee.length = UInt32(handle.buffers[index].length)
            cv4l2_buffer_set_offset(buffer, UInt32(handle.buffers[index].offset))
            buffer.pointee.flags = (handle.buffers[index].mapped ? UInt32(V4L2_BUF_FLAG_MAPPED) : 0)
                | (handle.queue.contains(index) ? UInt32(V4L2_BUF_FLAG_QUEUED) : 0)

        case .queueBuffer:
            let buffer = argument.assumingMemoryBound(to: v4l2_buffer.self)
            let index = Int(buffer.pointee.index)
            guard buffer.pointee.type == captureType, buffer.pointee.memory == V4L2_MEMORY_MMAP.rawValue,
                  handle.buffers.indices.contains(index), !handle.queue.contains(index) else {
                throw Errno.invalidArgument
            }
            handle.queue.append(index)
            condition.broadcast()

        case .dequeueBuffer:
            let buffer = argument.assumingMemoryBound(to: v4l2_buffer.self)
            guard buffer.pointee.type == captureType, handle.streaming else { throw Errno.invalidArgument }
            guard !handle.queue.isEmpty, !stalledFlag else { throw Errno.wouldBlock }
            let index = handle.queue.removeFirst()
            let kind = frameScript.isEmpty ? .good : frameScript.removeFirst()
            if case .afterGap(let skipped) = kind { handle.sequence += skipped }
            let sequence = handle.sequence
            handle.sequence += 1
            var bytes = payload(handle.fourcc, handle.size, sequence)
            if handle.fourcc.isJPEG && !device.sendsHuffmanTables { bytes = Self.withoutHuffmanTables(bytes) }
            switch kind {
            case .corrupt:
                // Keep SOI, then garbage where the headers should be.
                for position in 2..<min(bytes.count, 64) { bytes[position] = UInt8(truncatingIfNeeded: position &* 37) }
            case .short:
                bytes = Array(bytes.prefix(bytes.count / 2))
            default:
                break
            }
            let target = handle.buffers[index]
            precondition(bytes.count <= target.length, "emulated frame larger than its buffer")
            if !bytes.isEmpty {
                bytes.withUnsafeBytes { target.memory.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            }
            var filled = v4l2_buffer()
            filled.index = UInt32(index)
            filled.type = captureType
            filled.memory = V4L2_MEMORY_MMAP.rawValue
            filled.bytesused = UInt32(bytes.count)
            filled.length = UInt32(target.length)
            filled.sequence = UInt32(truncatingIfNeeded: sequence)
            filled.field = V4L2_FIELD_NONE.rawValue
            filled.flags = UInt32(V4L2_BUF_FLAG_MAPPED) | UInt32(V4L2_BUF_FLAG_DONE)
                | UInt32(V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC) | (kind == .flagged ? UInt32(V4L2_BUF_FLAG_ERROR) : 0)
            let microseconds = 1_000_000 + sequence * 1_000_000 * handle.interval.numerator / handle.interval.denominator
            filled.timestamp = timeval(tv_sec: microseconds / 1_000_000, tv_usec: microseconds % 1_000_000)
            cv4l2_buffer_set_offset(&filled, UInt32(target.offset))
            buffer.pointee = filled
            framesDelivered += 1

        case .streamOn, .streamOff:
            let type = argument.assumingMemoryBound(to: Int32.self)
            guard UInt32(bitPattern: type.pointee) == captureType else { throw Errno.invalidArgument }
            if request == .streamOn {
                guard !handle.buffers.isEmpty else { throw Errno.invalidArgument }
                handle.streaming = true
            } else {
                handle.streaming = false
                handle.queue = []
            }
            condition.broadcast()
        }
    }

    // MARK: Frames

    /// The colours emulated frames cycle through, by sequence number.
    static let palette: [RGB] = [.red, .green, .blue, .white]

    /// A frame of one colour, `palette[sequence % 4]`: a real JPEG (libjpeg-turbo through
    /// Imaging) for MJPEG, studio-range BT.601 for YUYV, plain bytes for RGB24.
    static func standardPayload(_ fourcc: FourCC, _ size: FrameSize, _ sequence: Int) -> [UInt8] {
        let color = palette[sequence % palette.count]
        switch fourcc {
        case .mjpeg, .jpeg:
            return jpegFrames.frame(color: color, size: size)
        case .yuyv:
            let (y, u, v) = yuv(color)
            return [y, u, y, v].repeated(size.width / 2 * size.height)
        default:
            return [color.r, color.g, color.b].repeated(size.width * size.height)
        }
    }

    /// BT.601 studio-range Y, U, V for the palette's colours.
    static func yuv(_ color: RGB) -> (UInt8, UInt8, UInt8) {
        let (r, g, b) = (Double(color.r), Double(color.g), Double(color.b))
        let y = 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255
        let u = 128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255
        let v = 128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255
        return (UInt8(y.rounded()), UInt8(u.rounded()), UInt8(v.rounded()))
    }

    private static let jpegFrames = JPEGCache()

    /// The JPEG without its DHT segments (marker FF C4).
    static func withoutHuffmanTables(_ jpeg: [UInt8]) -> [UInt8] {
        var result = Array(jpeg.prefix(2))  // SOI
        var position = 2
        while position + 4 <= jpeg.count, jpeg[position] == 0xFF {
            let marker = jpeg[position + 1]
            if marker == 0xDA { break }  // Start of scan: the rest is entropy-coded data.
            let length = Int(jpeg[position + 2]) << 8 | Int(jpeg[position + 3])
            if marker != 0xC4 { result += jpeg[position..<position + 2 + length] }
            position += 2 + length
        }
        return result + jpeg[position...]
    }

    // MARK: Helpers

    private static func copy<Tuple>(_ string: String, into tuple: inout Tuple) {
        withUnsafeMutableBytes(of: &tuple) { bytes in
            bytes.initializeMemory(as: UInt8.self, repeating: 0)
            for (index, byte) in string.utf8.prefix(bytes.count - 1).enumerated() { bytes[index] = byte }
        }
    }

    private static func sizes(of format: Format) -> [FrameSize] {
        switch format.sizes {
        case .discrete(let list): list.map(\.size)
        case .stepwise(_, let maximum, _, _): [maximum]
        }
    }

    private static func intervals(of format: Format, at size: FrameSize) -> [FrameInterval]? {
        switch format.sizes {
        case .discrete(let list):
            return list.first(where: { $0.size == size })?.intervals
        case .stepwise(let minimum, let maximum, _, let intervals):
            let fits = (minimum.width...maximum.width).contains(size.width)
                && (minimum.height...maximum.height).contains(size.height)
            return fits ? intervals : nil
        }
    }

    private static func nearestSize(of format: Format, to wanted: FrameSize) -> FrameSize {
        switch format.sizes {
        case .discrete(let list):
            return list.map(\.size).min(by: {
                abs($0.width - wanted.width) + abs($0.height - wanted.height)
                    < abs($1.width - wanted.width) + abs($1.height - wanted.height)
            }) ?? wanted
        case .stepwise(let minimum, let maximum, let step, _):
            func fit(_ value: Int, _ low: Int, _ high: Int, _ step: Int) -> Int {
                low + (min(max(value, low), high) - low) / step * step
            }
            return FrameSize(width: fit(wanted.width, minimum.width, maximum.width, step.width),
                             height: fit(wanted.height, minimum.height, maximum.height, step.height))
        }
    }
}

/// Encoded JPEG frames, made once per colour and size.
private final class JPEGCache: @unchecked Sendable {
    private let lock = NSLock()
    private var frames: [String: [UInt8]] = [:]

    func frame(color: RGB, size: FrameSize) -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        let key = "\(color.r),\(color.g),\(color.b)@\(size)"
        if let cached = frames[key] { return cached }
        let image = RGBImage(width: size.width, height: size.height, fill: color)
        let bytes = (try? JPEG.encode(image, quality: 95)) ?? []
        frames[key] = bytes
        return bytes
    }
}

extension Array {
    /// The array's elements `count` times over.
    func repeated(_ count: Int) -> [Element] {
        [[Element]](repeating: self, count: count).flatMap { $0 }
    }
}
