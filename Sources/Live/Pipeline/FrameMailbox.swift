import Capture
import Dispatch
import Synchronization

/// A frame with the moment it arrived.
public struct ArrivedFrame: Sendable {
    /// The frame.
    public var frame: Frame
    /// When it arrived, in ``MonotonicClock`` seconds.
    public var arrival: Double
}

/// One slot between the capture thread and the processing thread: the capture side puts the
/// newest frame in (replacing one not yet taken, which is then dropped as stale); the
/// processing side takes it, waiting while the slot is empty. Nothing queues, so the
/// processing thread always works on the newest frame.
public final class FrameMailbox: Sendable {
    private struct State {
        var frame: ArrivedFrame?
        var closed = false
        var dropped = 0
    }

    private let state = Mutex(State())
    /// Posted when a frame goes into an empty slot and on close (a spare post only makes
    /// `take()` look again).
    private let signal = DispatchSemaphore(value: 0)

    /// An empty, open mailbox.
    public init() {}

    /// Puts `frame` in, dropping the frame waiting there, if any. Ignored once closed.
    public func put(_ frame: ArrivedFrame) {
        let wasEmpty = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            let wasEmpty = state.frame == nil
            if !wasEmpty { state.dropped += 1 }
            state.frame = frame
            return wasEmpty
        }
        if wasEmpty { signal.signal() }
    }

    /// Takes the newest frame, waiting for one; `nil` once closed and empty.
    public func take() -> ArrivedFrame? {
        while true {
            let result: ArrivedFrame?? = state.withLock { state in
                if let frame = state.frame {
                    state.frame = nil
                    return .some(frame)
                }
                return state.closed ? .some(nil) : nil
            }
            if let result { return result }
            signal.wait()
        }
    }

    /// Closes the mailbox: `take()` returns what is left, then `nil`.
    public func close() {
        state.withLock { $0.closed = true }
        signal.signal()
    }

    /// Frames dropped because a newer one arrived before they were taken.
    public var dropped: Int { state.withLock { $0.dropped } }
}
