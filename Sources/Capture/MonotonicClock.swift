import Foundation

/// The monotonic clock (`CLOCK_MONOTONIC`, the clock V4L2 drivers stamp frames with) that
/// frame arrival and live latency are measured on, in seconds.
public enum MonotonicClock {
    /// Seconds on the monotonic clock now.
    public static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
