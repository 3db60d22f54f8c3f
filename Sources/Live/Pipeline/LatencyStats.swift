/// Latencies of a live session (frame arrival to verdict on screen), in milliseconds.
///
/// Keeps every sample (8 bytes a frame: an hour at 30 fps is under a megabyte) so that the
/// percentiles are exact.
public struct LatencyStats: Sendable, Equatable {
    /// The samples, in order, in milliseconds.
    public private(set) var samples: [Double] = []

    /// No samples yet.
    public init() {}

    /// Adds one latency in milliseconds.
    public mutating func add(_ milliseconds: Double) {
        guard milliseconds.isFinite, milliseconds >= 0 else { return }
        samples.append(milliseconds)
    }

    /// The `p`-th percentile (0…100, nearest rank), `nil` without samples.
    public func percentile(_ p: Double) -> Double? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// The mean, `nil` without samples.
    public var mean: Double? { samples.isEmpty ? nil : samples.reduce(0, +) / Double(samples.count) }

    /// The largest sample.
    public var maximum: Double? { samples.max() }
}

/// Frames per second over a sliding window of the last arrivals.
struct RateMeter: Sendable {
    private var times: [Double] = []
    private let window: Double

    init(window: Double = 1.5) { self.window = window }

    /// Notes a frame at `time` (seconds, monotonic) and returns the rate.
    mutating func tick(_ time: Double) -> Double {
        times.append(time)
        while let first = times.first, time - first > window { times.removeFirst() }
        guard times.count >= 2, let first = times.first, time > first else { return 0 }
        return Double(times.count - 1) / (time - first)
    }
}
