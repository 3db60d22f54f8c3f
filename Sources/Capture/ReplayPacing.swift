import Dispatch
import Synchronization

/// A stop request that can also wake a sleeping thread: set once by `stop()`, for good.
final class StopSignal: Sendable {
    private let stopped = Atomic<Bool>(false)
    private let wakeup = DispatchSemaphore(value: 0)

    var isStopped: Bool { stopped.load(ordering: .acquiring) }

    /// Sets the flag and wakes a thread sleeping in `sleep(seconds:)`.
    func stop() {
        if !stopped.exchange(true, ordering: .acquiringAndReleasing) { wakeup.signal() }
    }

    /// Sleeps `seconds`, or less if stopped meanwhile; true when stopped.
    func sleep(seconds: Double) -> Bool {
        if isStopped { return true }
        if seconds > 0, wakeup.wait(timeout: .now() + seconds) == .success {
            wakeup.signal()  // Leave the wake-up for any later sleep.
        }
        return isStopped
    }
}

/// The clock a replay is paced by: the real one, or a test's.
protocol ReplayClock: Sendable {
    /// Seconds from some fixed moment.
    func now() -> Double
    /// Sleeps until `now() >= deadline` or until `stop` is set; true when stopped.
    func sleep(until deadline: Double, stop: StopSignal) -> Bool
}

/// Monotonic wall-clock time.
struct SystemReplayClock: ReplayClock {
    private let origin = ContinuousClock.now

    func now() -> Double {
        (ContinuousClock.now - origin).seconds
    }

    func sleep(until deadline: Double, stop: StopSignal) -> Bool {
        stop.sleep(seconds: deadline - now())
    }
}

/// Paces a recording's frames to a clock, as a camera delivers them: frame `i` is handed out no
/// sooner than `i / framesPerSecond` after the first; a caller that falls behind gets the frame
/// that is due now, and the ones it missed count as dropped.
struct ReplayPacer {
    let framesPerSecond: Double
    let clock: any ReplayClock
    /// When frame 0 was (or would have been) due.
    private var start: Double?

    init(framesPerSecond: Double, clock: any ReplayClock) {
        self.framesPerSecond = framesPerSecond
        self.clock = clock
    }

    /// Which frame to hand out when `next` is the first not yet handed out: `next` itself once
    /// it is due (sleeping until then), or a later one that is due now when the caller has
    /// fallen behind. Nil when stopped while sleeping.
    mutating func frameToDeliver(next: Int, stop: StopSignal) -> Int? {
        let now = clock.now()
        guard let start else {
            self.start = now - Double(next) / framesPerSecond
            return next
        }
        let due = start + Double(next) / framesPerSecond
        if now < due {
            return clock.sleep(until: due, stop: stop) ? nil : next
        }
        // Behind: the latest frame that is due. A small tolerance keeps rounding from
        // dropping a frame that is due exactly now.
        let latest = Int(((now - start) * framesPerSecond + 1e-9).rounded(.down))
        return max(next, latest)
    }
}
