/// Pain reported around an exercise, and whether it has ended the exercise.
///
/// Pain is scored 0 (none) to 10 (worst imaginable). Pain above ``painLimit`` before or during
/// the exercise, or any sharp pain, ends it with the advice to stop; pain above the limit
/// afterwards is advice not to continue with the exercise.
public struct SafetyLog: Sendable, Equatable {
    /// The pain scores there are: 0 (no pain) to 10 (worst pain).
    public static let painScale = 0...10
    /// The highest pain score at which exercising may continue.
    public static let painLimit = 3

    /// Why an exercise was stopped.
    public enum StopReason: Sendable, Equatable {
        /// Pain before starting was above the limit.
        case painBefore(Int)
        /// Pain during the exercise was above the limit.
        case painDuring(Int, atSeconds: Double)
        /// The person felt a sharp pain.
        case sharpPain(atSeconds: Double?)
    }

    /// Pain before starting, if asked.
    public private(set) var painBefore: Int?
    /// Pain after finishing, if asked.
    public private(set) var painAfter: Int?
    /// The highest pain reported during the exercise.
    public private(set) var painDuring: Int?
    /// Why the exercise was stopped, if it was.
    public private(set) var stopReason: StopReason?

    /// An empty log.
    public init() {}

    /// Whether the exercise has been stopped.
    public var isStopped: Bool { stopReason != nil }

    /// Records pain before starting; above the limit stops the exercise before it begins.
    public mutating func recordPainBefore(_ score: Int) throws {
        try Self.validate(score)
        painBefore = score
        if score > Self.painLimit, stopReason == nil { stopReason = .painBefore(score) }
    }

    /// Records pain during the exercise at `seconds`; above the limit stops it.
    public mutating func recordPainDuring(_ score: Int, atSeconds seconds: Double) throws {
        try Self.validate(score)
        painDuring = max(painDuring ?? 0, score)
        if score > Self.painLimit, stopReason == nil { stopReason = .painDuring(score, atSeconds: seconds) }
    }

    /// Records a sharp pain (at `seconds` into the exercise, if known); it stops the exercise.
    public mutating func recordSharpPain(atSeconds seconds: Double?) {
        if stopReason == nil { stopReason = .sharpPain(atSeconds: seconds) }
    }

    /// Records pain after finishing.
    public mutating func recordPainAfter(_ score: Int) throws {
        try Self.validate(score)
        painAfter = score
    }

    /// The time into the exercise from which nothing more is counted, if it was stopped.
    public var stoppedAtSeconds: Double? {
        switch stopReason {
        case .painBefore?: return 0
        case let .painDuring(_, seconds)?: return seconds
        case let .sharpPain(seconds)?: return seconds ?? .infinity
        case nil: return nil
        }
    }

    /// What to tell the person, most important first (empty when all is well).
    public var advice: [String] {
        var lines: [String] = []
        switch stopReason {
        case let .painBefore(score)?:
            lines.append("Your pain is \(score)/10 before starting, above \(Self.painLimit)/10: don't do this exercise today. Rest, and see a doctor or physiotherapist if it doesn't settle.")
        case let .painDuring(score, _)?:
            lines.append("Your pain reached \(score)/10, above \(Self.painLimit)/10: stop this exercise now. See a doctor or physiotherapist before trying it again.")
        case .sharpPain?:
            lines.append("You felt a sharp pain: stop this exercise now. See a doctor or physiotherapist before trying it again.")
        case nil:
            break
        }
        if let after = painAfter, after > Self.painLimit {
            lines.append("Your pain is \(after)/10 after the exercise, above \(Self.painLimit)/10: stop doing this exercise and see a doctor or physiotherapist.")
        }
        return lines
    }

    private static func validate(_ score: Int) throws {
        guard painScale.contains(score) else {
            throw FormError.invalidValue(name: "pain score", problem: "\(score) is not between 0 (no pain) and 10 (worst pain)")
        }
    }
}
