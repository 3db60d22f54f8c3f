/// Running counts of verdicts and faults over some frames (a rep, a hold, a session).
public struct FormTally: Sendable, Equatable {
    /// Frames judged good.
    public private(set) var good = 0
    /// Frames with a fault.
    public private(set) var faulty = 0
    /// Frames that could not be judged.
    public private(set) var unseen = 0
    /// Sum of the frames' penalties (0 good … 1 a high-severity fault).
    public private(set) var penalty = 0.0
    /// How many frames showed each fault.
    public private(set) var faultFrames: [String: Int] = [:]
    /// The first order in which faults appeared (for stable listing).
    private var faultOrder: [String] = []

    /// An empty tally.
    public init() {}

    /// Counts one analysed frame.
    public mutating func add(_ analysis: FrameAnalysis) {
        switch analysis.verdict {
        case .good: good += 1
        case .unseen: unseen += 1
        case .fault:
            faulty += 1
            penalty += analysis.worstSeverity?.penalty ?? 0
            for fault in analysis.faults {
                if faultFrames[fault] == nil { faultOrder.append(fault) }
                faultFrames[fault, default: 0] += 1
            }
        }
    }

    /// Frames that were judged (good or fault).
    public var judged: Int { good + faulty }

    /// 100 for all-good frames down to 0 for high-severity faults throughout; `nil` if none was judged.
    public var formScore: Double? {
        judged > 0 ? 100 * (1 - penalty / Double(judged)) : nil
    }

    /// Fault ids, most frequent first.
    public var faultsByFrequency: [String] {
        faultOrder.enumerated().sorted {
            let a = faultFrames[$0.element] ?? 0, b = faultFrames[$1.element] ?? 0
            return a != b ? a > b : $0.offset < $1.offset
        }.map(\.element)
    }
}
