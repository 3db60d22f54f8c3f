import Form

/// The frames that show a session's form at its worst, spread out in time: what a report shows
/// as pictures.
///
/// Frames are offered in time order; each kept frame stands for its neighbourhood (no two kept
/// frames are closer than ``minimumGapSeconds``), and at most ``capacity`` are kept, the worst.
/// The payload (a frame number, a thumbnail) is made only for frames that are kept.
public struct WorstFrames<Payload> {
    /// A kept frame.
    public struct Entry {
        /// Seconds into the session.
        public var seconds: Double
        /// How bad the frame is (see ``badness(of:)``).
        public var badness: Double
        /// What the caller keeps with it.
        public var payload: Payload
    }

    /// How many frames are kept at most.
    public let capacity: Int
    /// The least time between two kept frames.
    public let minimumGapSeconds: Double
    private var entries: [Entry] = []

    /// A selection of at most `capacity` frames at least `minimumGapSeconds` apart.
    public init(capacity: Int, minimumGapSeconds: Double) {
        self.capacity = max(0, capacity)
        self.minimumGapSeconds = max(0, minimumGapSeconds)
    }

    /// How bad a frame's form is: its worst fault's penalty (0.3 low, 0.6 medium, 1 high) plus a
    /// little for every further fault; `nil` for frames without a fault (good or unseen).
    public static func badness(of analysis: FrameAnalysis) -> Double? {
        guard analysis.verdict == .fault, let worst = analysis.worstSeverity else { return nil }
        return worst.penalty + 0.05 * Double(max(0, analysis.faults.count - 1))
    }

    /// Considers a frame of the given badness at `seconds`; `payload` is called only if it is kept.
    public mutating func offer(seconds: Double, badness: Double, payload: () throws -> Payload) rethrows {
        guard capacity > 0 else { return }
        let near = entries.indices.filter { abs(entries[$0].seconds - seconds) < minimumGapSeconds }
        // A frame near kept ones replaces them only when it is worse than all of them.
        guard near.allSatisfy({ entries[$0].badness < badness }) else { return }
        if near.isEmpty, entries.count >= capacity {
            guard let mildest = entries.indices.min(by: { entries[$0].badness < entries[$1].badness }),
                  entries[mildest].badness < badness else { return }
            entries.remove(at: mildest)
        }
        let entry = Entry(seconds: seconds, badness: badness, payload: try payload())
        for index in near.reversed() { entries.remove(at: index) }
        entries.append(entry)
    }

    /// The kept frames, worst first (ties: earlier first).
    public var selected: [Entry] {
        entries.sorted { $0.badness != $1.badness ? $0.badness > $1.badness : $0.seconds < $1.seconds }
    }
}

extension WorstFrames where Payload == Int {
    /// The indices of the worst frames of a scored session, worst first.
    public static func select(from scored: ScoredSession, capacity: Int, minimumGapSeconds: Double) -> [Int] {
        var selection = WorstFrames(capacity: capacity, minimumGapSeconds: minimumGapSeconds)
        for (index, (frame, analysis)) in zip(scored.frames, scored.analyses).enumerated() {
            guard let badness = badness(of: analysis) else { continue }
            selection.offer(seconds: frame.seconds, badness: badness) { index }
        }
        return selection.selected.map(\.payload)
    }
}

extension WorstFrames: Sendable where Payload: Sendable {}
extension WorstFrames.Entry: Sendable where Payload: Sendable {}
