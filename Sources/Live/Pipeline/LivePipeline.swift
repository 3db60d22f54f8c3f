import Capture
import Dispatch
import Form
import Foundation
import Pose
import Scoring
import Synchronization

/// The live session's threads: a capture thread that reads frames as they come and puts each
/// in a one-frame mailbox (a frame not yet taken is dropped: never a queue), and a processing
/// thread that takes the newest frame, tracks the pose, analyses it, shows the verdict and
/// measures the latency from the frame's arrival to that moment.
///
/// The capture side survives a camera that is unplugged (it waits for it to come back, with a
/// notice on the screen), timeouts and bursts of bad frames; a recording can be replayed in a
/// loop. ``end(_:)`` from any thread (a key, a signal) stops both threads; ``wait()`` returns
/// how the session ended.
public final class LivePipeline: Sendable {
    /// How a live session ended.
    public enum Ending: Sendable, Equatable {
        /// The person quit (q, Ctrl-C).
        case quit
        /// The recording being replayed has no more frames.
        case sourceEnded
        /// The person reported a sharp pain: the set is over.
        case sharpPain
        /// Frames stopped coming for good; the message says why and what to do.
        case failed(String)
    }

    /// Settings of the capture side.
    public struct Options: Sendable {
        /// How long to wait for an unplugged camera to come back before giving up.
        public var reconnectionTimeout: Duration = .seconds(30)
        /// Timeouts or bad-frame bursts in a row after which the camera is given up.
        public var captureFailuresAllowed = 5
        /// Pose failures in a row after which the session ends.
        public var poseFailuresAllowed = 30

        /// The defaults.
        public init() {}
    }

    private struct State {
        var ending: Ending?
        var timestampOffset = 0.0
    }

    private let source: Mutex<any FrameSource>
    private let reopen: (@Sendable () throws(CaptureError) -> any FrameSource)?
    private let session: Mutex<LiveSession>
    /// Used by the processing thread only.
    private let tracker: Mutex<PoseTracker>
    private let mailbox = FrameMailbox()
    private let state = Mutex(State())
    private let options: Options
    private let show: @Sendable (LiveSnapshot) -> Void
    private let shown: @Sendable (LiveSnapshot, LiveFrame) -> Void
    private let finished = DispatchGroup()

    /// A pipeline from `source` through `tracker` (video mode) into `session`.
    ///
    /// - `reopen`: when given, a source that ends is replaced by a fresh one from it (a
    ///   recording replayed in a loop), its timestamps continuing where the last left off.
    /// - `show`: draws a snapshot (the terminal screen); the latency is measured when it returns.
    /// - `shown`: after that, gets the snapshot and the frame (the web view, speech).
    public init(source: any FrameSource, tracker: sending PoseTracker, session: LiveSession, options: Options = Options(),
                reopen: (@Sendable () throws(CaptureError) -> any FrameSource)? = nil,
                show: @escaping @Sendable (LiveSnapshot) -> Void,
                shown: @escaping @Sendable (LiveSnapshot, LiveFrame) -> Void = { _, _ in }) {
        self.source = Mutex(source)
        self.session = Mutex(session)
        self.tracker = Mutex(tracker)
        self.options = options
        self.reopen = reopen
        self.show = show
        self.shown = shown
    }

    /// Starts the capture and processing threads.
    public func start() {
        finished.enter()
        finished.enter()
        let capture = Thread { [self] in
            captureLoop()
            mailbox.close()
            finished.leave()
        }
        capture.name = "formcheck capture"
        capture.qualityOfService = .userInteractive
        let processing = Thread { [self] in
            processingLoop()
            finished.leave()
        }
        processing.name = "formcheck pose"
        processing.qualityOfService = .userInteractive
        capture.start()
        processing.start()
    }

    /// Ends the session (the first reason given wins): stops the source and lets the threads
    /// finish. Safe from any thread, more than once.
    public func end(_ ending: Ending) {
        let first = state.withLock { state -> Bool in
            guard state.ending == nil else { return false }
            state.ending = ending
            return true
        }
        guard first else { return }
        let current = source.withLock { $0 }
        current.stop()
        mailbox.close()
    }

    /// How the session ended, once it has (`nil` while it runs).
    public var ending: Ending? { state.withLock { $0.ending } }

    /// Waits until both threads have finished; returns how the session ended.
    @discardableResult
    public func wait() -> Ending {
        finished.wait()
        return ending ?? .quit
    }

    /// The session so far.
    public var current: LiveSession { session.withLock { $0 } }

    /// Changes the session between frames (a safety report, the end).
    public func update(_ body: @Sendable (inout LiveSession) -> Void) {
        session.withLock { body(&$0) }
    }

    /// Shows the current snapshot again (after a notice or a safety change).
    public func redraw() {
        show(session.withLock { $0.current })
    }

    /// The frame source now in use.
    public var currentSource: any FrameSource { source.withLock { $0 } }

    // MARK: - Capture

    private func captureLoop() {
        var failuresInARow = 0
        var lastTimestamp = 0.0
        while ending == nil {
            let current = source.withLock { $0 }
            let next: Frame?
            do {
                next = try current.nextFrame()
                failuresInARow = 0
            } catch .disconnected(let path) {
                guard let camera = current as? V4L2Camera else { return end(.failed(CaptureError.disconnected(path: path).description)) }
                notice("The camera \(path) was unplugged: plug it back in (waiting \(options.reconnectionTimeout.components.seconds) s).")
                do {
                    guard try camera.waitForReconnection(timeout: options.reconnectionTimeout) else { return }
                } catch {
                    return end(.failed(error.description))
                }
                notice(nil)
                continue
            } catch {
                failuresInARow += 1
                if failuresInARow > options.captureFailuresAllowed { return end(.failed(error.description)) }
                notice(error.description)
                continue
            }
            guard var frame = next else {
                if ending != nil { return }
                guard let reopen else { return end(.sourceEnded) }
                do {
                    let fresh = try reopen()
                    let replaced = source.withLock { source -> Bool in
                        guard ending == nil else { return false }
                        source = fresh
                        return true
                    }
                    guard replaced else {
                        fresh.stop()
                        return
                    }
                    let period = 1 / (fresh.framesPerSecond ?? 30)
                    state.withLock { $0.timestampOffset = lastTimestamp + period }
                } catch {
                    return end(.failed(error.description))
                }
                continue
            }
            let arrival = Self.arrival(of: frame, from: current)
            frame.timestamp += state.withLock { $0.timestampOffset }
            lastTimestamp = frame.timestamp
            mailbox.put(ArrivedFrame(frame: frame, arrival: arrival))
        }
    }

    /// When a frame arrived: for a camera, the driver's timestamp when it is on the monotonic
    /// clock; for replayed files, when the file had been read, before decoding (so decoding counts
    /// as latency either way); otherwise the moment the source handed it over.
    static func arrival(of frame: Frame, from source: any FrameSource) -> Double {
        let now = MonotonicClock.now()
        if source is V4L2Camera, frame.timestamp <= now, now - frame.timestamp < 1 { return frame.timestamp }
        if let received = frame.receivedAt, received <= now { return received }
        return now
    }

    private func notice(_ text: String?) {
        session.withLock { $0.setNotice(text) }
        redraw()
    }

    // MARK: - Processing

    private func processingLoop() {
        var failuresInARow = 0
        while let arrived = mailbox.take() {
            // At the end of a recording the last frame is still judged; any other end stops at once.
            if let ending, ending != .sourceEnded { break }
            let dropped = mailbox.dropped + currentSource.statistics.dropped
            let timestamp = session.withLock { session in
                session.droppedFrames = dropped
                return session.timestamp(for: arrived.frame)
            }
            let pose: Result<Pose?, PoseError> = tracker.withLock { tracker in
                Result { () throws(PoseError) in
                    try tracker.process(arrived.frame.image, timestampMicroseconds: Int64((timestamp * 1e6).rounded()))
                }
            }
            let result: (snapshot: LiveSnapshot, frame: LiveFrame)?
            switch pose {
            case let .success(pose):
                let landmarks = pose.map(PoseLandmarks.init)
                result = session.withLock { $0.add(arrived, timestamp: timestamp, landmarks: landmarks) }
            case let .failure(error):
                session.withLock { $0.noteFailure(error.description) }
                result = nil
            }
            guard let (snapshot, frame) = result else {
                failuresInARow += 1
                if failuresInARow > options.poseFailuresAllowed {
                    let reason = session.withLock { $0.lastFailure } ?? "unknown"
                    end(.failed("The pose engine failed on \(failuresInARow) frames in a row: \(reason)"))
                }
                continue
            }
            failuresInARow = 0
            show(snapshot)
            let latency = MonotonicClock.now() - arrived.arrival
            session.withLock { $0.noteShown(frame, latency: latency) }
            shown(snapshot, frame)
        }
    }
}
