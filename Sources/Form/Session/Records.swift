/// One rep: counted when it reached the target, partial when it came back before.
public struct RepRecord: Codable, Sendable, Equatable {
    /// 1-based number among counted reps (partial reps carry the number the next rep will get).
    public var number: Int
    /// Whether the rep reached the target and counts.
    public var complete: Bool
    /// The working side, for exercises with sides.
    public var side: BodySide?
    /// Seconds into the session when the rep left the rest position.
    public var startSeconds: Double
    /// Seconds into the session when it was back at rest.
    public var endSeconds: Double
    /// Seconds held at the target with good form.
    public var heldSeconds: Double
    /// Faults seen during the rep (most frequent first), then faults of the rep as a whole.
    public var faults: [String]
    /// 0…100.
    public var score: Int

    /// How long the rep took.
    public var durationSeconds: Double { endSeconds - startSeconds }

    enum CodingKeys: String, CodingKey {
        case number, complete, side, faults, score
        case startSeconds = "start_s", endSeconds = "end_s", heldSeconds = "held_s"
    }
}

/// One hold: time in position, of which only good-form time counts.
public struct HoldRecord: Codable, Sendable, Equatable {
    /// 1-based number.
    public var number: Int
    /// The working side, for exercises with sides.
    public var side: BodySide?
    /// Seconds into the session when the hold started.
    public var startSeconds: Double
    /// Seconds into the session when it ended.
    public var endSeconds: Double
    /// Seconds held with good form (the hold timer).
    public var goodSeconds: Double
    /// The shortest hold that counts, from the prescription.
    public var minimumSeconds: Double?
    /// The hold to aim for, from the prescription.
    public var targetSeconds: Double?
    /// Whether the good time reached the minimum (any good time, without a prescription).
    public var completed: Bool
    /// Faults seen during the hold, most frequent first.
    public var faults: [String]
    /// 0…100.
    public var score: Int
    /// The rep this hold belongs to, for exercises that hold each rep.
    public var rep: Int?

    enum CodingKeys: String, CodingKey {
        case number, side, completed, faults, score, rep
        case startSeconds = "start_s", endSeconds = "end_s", goodSeconds = "good_s"
        case minimumSeconds = "minimum_s", targetSeconds = "target_s"
    }
}

/// Something that happened in a session, for a live view to announce.
public enum SessionEvent: Sendable, Equatable {
    /// A rep was counted.
    case repCounted(RepRecord)
    /// A rep came back without reaching the target.
    case partialRep(RepRecord)
    /// A hold ended.
    case holdEnded(HoldRecord)
    /// The working side changed.
    case sideSwitched(to: BodySide, atSeconds: Double)
    /// The exercise was stopped for safety.
    case stopped(SafetyLog.StopReason)
}
