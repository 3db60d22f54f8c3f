/// What the analysis says about one frame.
public enum Verdict: String, Sendable, Codable {
    /// Every check that applies passed.
    case good
    /// At least one check that could be made found a fault.
    case fault
    /// A landmark a check needs is not visible enough, so no verdict is given.
    case unseen
}

/// One thing to tell the person, with how much it matters.
public struct Cue: Sendable, Equatable {
    /// Where a cue comes from.
    public enum Kind: String, Sendable, Codable {
        /// A fault found by a check.
        case fault
        /// Something the camera cannot see.
        case unseen
        /// The person is not in the exercise's position yet.
        case position
    }

    /// The words.
    public var text: String
    /// How much it matters (cues are ordered most severe first).
    public var severity: Severity
    /// Where the cue comes from.
    public var kind: Kind
    /// The fault id, for fault and position cues.
    public var faultID: String?
}
