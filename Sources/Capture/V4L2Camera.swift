import Imaging
import Synchronization

/// A webcam through V4L2 (via libv4l2), handing out RGB frames.
///
/// Opening negotiates the format (Motion-JPEG first, decoded with libjpeg-turbo; else YUYV; else
/// RGB24 converted by libv4l2), the size and frame rate nearest to `Settings`, and maps the
/// buffers; streaming starts with the first `nextFrame()`. Each frame carries the driver's
/// timestamp and sequence number; sequence gaps are counted as dropped frames, corrupt and
/// incomplete frames are skipped and counted.
///
/// The device is released (streaming off, buffers unmapped, descriptor closed) by `stop()`, when
/// it is unplugged (`CaptureError.disconnected`, after which `waitForReconnection` can wait for
/// it to come back), and when the camera is deallocated; so on every path.
///
/// Threads: one thread calls `nextFrame()`; any thread may call `stop()`, which wakes it.
public final class V4L2Camera: FrameSource {
    /// The device node, e.g. `/dev/video0`.
    public let devicePath: String
    /// What was asked for.
    public let settings: Settings

    private let system: any V4L2System
    /// Signalled by `stop()` to wake a reader waiting in poll.
    private let wake: WakeEvent
    private let stopRequested = Atomic<Bool>(false)
    /// The reading side: the open stream and sequence bookkeeping. Held while reading.
    private let reader: Mutex<Reader>
    /// What other threads may read at any time.
    private let shared: Mutex<Shared>
    /// How often `waitForReconnection` tries to open the device again.
    let reconnectionInterval: Duration

    private struct Reader {
        var stream: V4L2Stream?
        var isDisconnected = false
        var lastSequence: UInt32?
        var droppedSinceLastFrame = 0
        var discardedSinceLastFrame = 0
        var badFramesInARow = 0

        mutating func release(disconnected: Bool) {
            stream?.shutdown()
            stream = nil
            isDisconnected = disconnected
            lastSequence = nil
        }
    }

    private struct Shared {
        var format: StreamFormat
        var card: String
        var statistics = CaptureStatistics()
    }

    /// Opens the camera at `devicePath` and prepares it to stream as near to `settings` as it can.
    ///
    /// Throws `CaptureError.deviceMissing`, `.permissionDenied` (naming the `video` group),
    /// `.deviceBusy`, `.notACamera`, `.noUsableFormat`, or another `CaptureError` naming the
    /// call that failed. Nothing is left open when it throws.
    public convenience init(devicePath: String = "/dev/video0", settings: Settings = Settings()) throws(CaptureError) {
        try self.init(devicePath: devicePath, settings: settings, system: LibV4L2System())
    }

    init(devicePath: String, settings: Settings, system: any V4L2System,
         reconnectionInterval: Duration = .milliseconds(500)) throws(CaptureError) {
        try settings.validate()
        self.devicePath = devicePath
        self.settings = settings
        self.system = system
        self.reconnectionInterval = reconnectionInterval
        wake = try WakeEvent(system: system)
        let stream: V4L2Stream
        do throws(CaptureError) {
            stream = try V4L2Stream.open(devicePath, settings: settings, system: system)
        } catch {
            wake.close()
            throw error
        }
        shared = Mutex(Shared(format: stream.format, card: stream.capability.card))
        reader = Mutex(Reader(stream: stream))
    }

    deinit {
        reader.withLock { $0.release(disconnected: false) }
        wake.close()
    }

    // MARK: - What was granted

    /// The format the camera granted (after a reconnection, the one granted then).
    public var format: StreamFormat { shared.withLock { $0.format } }

    /// The device's name, e.g. `HD Pro Webcam C920`.
    public var card: String { shared.withLock { $0.card } }

    public var sourceDescription: String { "\(devicePath) (\(card))" }

    public var framesPerSecond: Double? { format.frameInterval?.framesPerSecond }

    public var statistics: CaptureStatistics { shared.withLock { $0.statistics } }

    // MARK: - Frames

    /// The next frame, waiting up to `settings.frameTimeout` for it; `nil` once stopped.
    ///
    /// Throws `.timeout` when no frame comes in time and `.tooManyBadFrames` when
    /// `settings.badFrameLimit` frames in a row were unusable; the camera keeps streaming after
    /// both, so calling again may succeed. Throws `.disconnected` when the device goes away:
    /// it has then been released, and every call throws `.disconnected` until
    /// `waitForReconnection` has brought it back.
    public func nextFrame() throws(CaptureError) -> Frame? {
        try reader.withLock { (reader) throws(CaptureError) -> Frame? in
            do throws(CaptureError) {
                return try read(&reader)
            } catch .disconnected(let path) {
                reader.release(disconnected: true)
                throw .disconnected(path: path)
            }
        }
    }

    private func read(_ reader: inout Reader) throws(CaptureError) -> Frame? {
        var deadline = ContinuousClock.now + settings.frameTimeout
        while true {
            if stopRequested.load(ordering: .acquiring) {
                reader.release(disconnected: false)
                return nil
            }
            guard let stream = reader.stream else {
                if reader.isDisconnected { throw .disconnected(path: devicePath) }
                return nil
            }
            try stream.startIfNeeded()
            switch try stream.waitForFrame(wake: wake, deadline: deadline) {
            case .woken:
                continue
            case .timedOut:
                throw .timeout(source: sourceDescription, seconds: settings.frameTimeout.seconds)
            case .ready(let withError):
                guard let filled = try stream.dequeue() else {
                    // A device that reports an error yet has no buffer to give has gone away.
                    if withError { throw .disconnected(path: devicePath) }
                    continue
                }
                let decoded: Result<RGBImage, FrameDecoder.Failure> = filled.isFlaggedAsDamaged
                    ? .failure(.corrupt("the driver flagged the buffer as damaged"))
                    : FrameDecoder.decode(filled.bytes, format: stream.format,
                                          origin: "\(devicePath) frame \(filled.sequence)")
                try stream.queue(filled.index)
                deadline = ContinuousClock.now + settings.frameTimeout
                if let frame = try account(filled, decoded, &reader) { return frame }
            }
        }
    }

    /// Counts a dequeued frame (sequence gap, corrupt, short) and makes it a `Frame` if usable.
    private func account(_ filled: V4L2Stream.FilledBuffer, _ decoded: Result<RGBImage, FrameDecoder.Failure>,
                         _ reader: inout Reader) throws(CaptureError) -> Frame? {
        var gap = 0
        if let last = reader.lastSequence {
            let distance = filled.sequence &- last
            // A sequence that went backwards (a driver restarting its count) is no gap.
            if distance > 1 && distance < UInt32(1) << 31 { gap = Int(distance - 1) }
        }
        reader.lastSequence = filled.sequence
        reader.droppedSinceLastFrame += gap

        switch decoded {
        case .success(let image):
            let frame = Frame(image: image, timestamp: filled.timestamp, sequence: Int(filled.sequence),
                              source: sourceDescription, droppedBefore: reader.droppedSinceLastFrame,
                              discardedBefore: reader.discardedSinceLastFrame)
            shared.withLock {
                $0.statistics.dropped += gap
                $0.statistics.delivered += 1
            }
            reader.droppedSinceLastFrame = 0
            reader.discardedSinceLastFrame = 0
            reader.badFramesInARow = 0
            return frame
        case .failure(let failure):
            shared.withLock {
                $0.statistics.dropped += gap
                if case .short = failure { $0.statistics.short += 1 } else { $0.statistics.corrupt += 1 }
            }
            reader.discardedSinceLastFrame += 1
            reader.badFramesInARow += 1
            if reader.badFramesInARow >= settings.badFrameLimit {
                reader.badFramesInARow = 0
                throw .tooManyBadFrames(source: sourceDescription, count: settings.badFrameLimit)
            }
            return nil
        }
    }

    // MARK: - Stopping and coming back

    /// Stops streaming and releases the device: streaming off, buffers unmapped, descriptor
    /// closed. Safe from any thread (a Ctrl-C handler) and more than once; wakes a `nextFrame()`
    /// or `waitForReconnection` waiting on another thread, which then return promptly, and
    /// returns once the device is released.
    public func stop() {
        stopRequested.store(true, ordering: .releasing)
        wake.signal()
        reader.withLock { $0.release(disconnected: false) }
    }

    /// After `CaptureError.disconnected`: waits until the device can be opened again, then
    /// prepares it as before, so that `nextFrame()` goes on. Tries every half second.
    ///
    /// Returns true when the camera is ready again (also when it never went away), false when
    /// `stop()` ended the wait. Throws `.didNotReturn` when `timeout` (nil: no limit) passes,
    /// or the error that opening it failed with if that is not the device's absence.
    public func waitForReconnection(timeout: Duration? = nil) throws(CaptureError) -> Bool {
        let deadline = timeout.map { ContinuousClock.now + $0 }
        return try reader.withLock { (reader) throws(CaptureError) -> Bool in
            var lastError = CaptureError.disconnected(path: devicePath)
            while true {
                if stopRequested.load(ordering: .acquiring) {
                    reader.release(disconnected: false)
                    return false
                }
                if reader.stream != nil { return true }
                guard reader.isDisconnected else { return false }
                do throws(CaptureError) {
                    let stream = try V4L2Stream.open(devicePath, settings: settings, system: system)
                    reader.stream = stream
                    reader.isDisconnected = false
                    shared.withLock {
                        $0.format = stream.format
                        $0.card = stream.capability.card
                    }
                    return true
                } catch .deviceMissing, .disconnected {
                    // Not back yet.
                } catch .permissionDenied(let path) {
                    // udev sets a new node's group a moment after creating it.
                    lastError = .permissionDenied(path: path)
                }
                let now = ContinuousClock.now
                if let deadline, now >= deadline {
                    if case .permissionDenied = lastError { throw lastError }
                    throw .didNotReturn(path: devicePath, seconds: timeout?.seconds ?? 0)
                }
                let nextTry = now + reconnectionInterval
                _ = try wake.sleep(until: deadline.map { min($0, nextTry) } ?? nextTry)
            }
        }
    }
}
