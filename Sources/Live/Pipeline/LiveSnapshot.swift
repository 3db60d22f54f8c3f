import Form

/// What a live display shows after a frame: the verdict and cue, the counts and the timing.
///
/// A plain value made by the processing thread after each frame; the terminal screen, the web
/// view and the spoken cues all read it.
public struct LiveSnapshot: Sendable {
    /// The exercise's id and name.
    public var exerciseID: String, exerciseName: String
    /// Whether the exercise counts reps (else it holds).
    public var countsReps: Bool
    /// The prescribed reps per set, if any.
    public var prescribedReps: Int?
    /// The prescribed hold (minimum, aim) in seconds, if any.
    public var prescribedHold: (minimum: Double, target: Double)?
    /// Whether the exercise works one side at a time.
    public var hasSides: Bool

    /// Frames processed so far.
    public var frames = 0
    /// The source's number of the latest frame.
    public var frameSequence = 0
    /// Seconds since the first frame.
    public var seconds = 0.0
    /// The latest frame's verdict, `nil` before the first frame.
    public var verdict: Verdict?
    /// The latest frame's phase.
    public var phase: Phase?
    /// The working side.
    public var side: BodySide?
    /// The cue to show (the most severe one), `nil` when the form is good.
    public var cue: String?
    /// Where the cue comes from.
    public var cueKind: Cue.Kind?
    /// The faults of the latest frame (ids).
    public var faults: [String] = []
    /// Counted reps, and per side for exercises with sides.
    public var reps = 0
    /// Counted reps per side, for exercises with sides.
    public var repsBySide: LeftRight<Int>?
    /// Reps that came back before the target.
    public var partialReps = 0
    /// Good-form seconds of the hold under way (the timer runs only on good form).
    public var holdSeconds: Double?
    /// Good-form seconds of the last hold that ended.
    public var lastHoldSeconds: Double?
    /// Holds long enough, of all holds.
    public var completedHolds = 0, holds = 0
    /// The session's score so far (mean of reps or holds), 0…100.
    public var score: Int?
    /// Frames processed per second, over the last second or so.
    public var framesPerSecond = 0.0
    /// Milliseconds from the latest frame's arrival to its verdict on screen (the one before:
    /// the latest is being drawn), and the median and 95th percentile so far.
    public var latencyMilliseconds: Double?, latencyMedian: Double?, latencyP95: Double?
    /// Frames dropped so far because a newer one had arrived (and by the source itself).
    public var droppedFrames = 0
    /// What happened at this frame (reps counted, sides switched, a stop).
    public var events: [SessionEvent] = []
    /// Why the exercise was stopped for safety, in words, if it was.
    public var stopped: String?
    /// A message about the camera or the source (unplugged, ended), if any.
    public var notice: String?

    /// A snapshot before any frame, for `template`.
    public init(template: ExerciseTemplate) {
        exerciseID = template.id
        exerciseName = template.name
        countsReps = template.countsReps
        prescribedReps = template.prescription.reps
        prescribedHold = template.prescription.holdSeconds.map { ($0.minimum, $0.target) }
        hasSides = template.workingSide != nil && template.prescription.sides != .none
    }

    /// The cue's headline: the words before a dash (`Get into position — lie on…` → `Get into
    /// position`), else the first sentence; "Good form" when there is no cue.
    public var headline: String {
        if let stopped { return stopped.hasPrefix("Sharp") ? "Stop" : "Stopped" }
        guard let cue else {
            switch verdict {
            case nil: return "Starting"
            case .good?: return phase == .target && !countsReps ? "Hold it" : "Good form"
            default: return ""
            }
        }
        var head = cue
        for separator in [" — ", " - ", ": ", ". "] {
            if let range = head.range(of: separator) { head = String(head[..<range.lowerBound]) }
        }
        while head.last == "." { head.removeLast() }
        return head
    }
}
