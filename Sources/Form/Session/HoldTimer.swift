/// Times holds for exercises without a movement: a hold runs while the person is in position,
/// and its timer counts only frames with good form.
struct HoldTimer {
    private struct Current {
        var start: Double
        var end: Double
        var good = 0.0
        var inPosition = 0.0
        var tally = FormTally()
        var sideVotes = LeftRight(both: 0)
        var outOfPosition = 0.0
    }

    /// Out of position for this long ends a hold (shorter is a wobble).
    static let endAfterSeconds = 0.5
    /// Holds with less time in position than this are not recorded (passing through).
    static let shortestSeconds = 1.0

    let template: ExerciseTemplate
    private var current: Current?
    private(set) var count = 0

    init(template: ExerciseTemplate) { self.template = template }

    /// Good-form seconds of the hold under way, `nil` when none is.
    var runningGoodSeconds: Double? { current?.good }

    /// Takes one frame; returns a hold when one ends.
    mutating func update(_ analysis: FrameAnalysis, time: Double, dt: Double) -> HoldRecord? {
        switch analysis.phase {
        case .target?:
            if current == nil { current = Current(start: time - dt, end: time) }
            current?.end = time
            current?.outOfPosition = 0
            current?.inPosition += dt
            current?.tally.add(analysis)
            if analysis.verdict == .good { current?.good += dt }
            if let side = analysis.workingSide { current?.sideVotes[side] += 1 }
            return nil
        case nil:
            current?.end = time
            return nil
        default:
            guard var hold = current else { return nil }
            hold.outOfPosition += dt
            current = hold
            guard hold.outOfPosition >= Self.endAfterSeconds else { return nil }
            return finish(at: hold.end)
        }
    }

    /// Ends the hold under way, if any.
    mutating func finish(at time: Double) -> HoldRecord? {
        guard let hold = current else { return nil }
        current = nil
        // Time unseen does not make a hold: a moment in position before the person left the
        // picture is passing through.
        guard hold.inPosition >= Self.shortestSeconds, hold.tally.judged > 0 else { return nil }
        count += 1
        let side: BodySide? = template.workingSide == nil || hold.sideVotes.left + hold.sideVotes.right == 0
            ? nil : (hold.sideVotes.left >= hold.sideVotes.right ? .left : .right)
        return HoldRecord.scored(number: count, side: side, start: hold.start, end: hold.end, good: hold.good,
                                 tally: hold.tally, prescription: template.prescription, rep: nil)
    }
}

extension HoldRecord {
    /// The points a hold with no good-form time at all loses against its form score.
    static let shortHoldPenalty = 30.0

    /// A hold scored from its form (the tally), less up to ``shortHoldPenalty`` points for a
    /// hold whose good-form time fell short of the prescribed minimum, in proportion to the
    /// shortfall. The score says how well the hold was done; how long it lasted against the
    /// prescription is reported beside it (``HoldRecord/completed``, ``HoldRecord/goodSeconds``).
    static func scored(number: Int, side: BodySide?, start: Double, end: Double, good: Double, tally: FormTally,
                       prescription: Prescription, rep: Int?) -> HoldRecord {
        let hold = prescription.holdSeconds
        let shortfall = hold.map { max(0, 1 - good / $0.minimum) } ?? 0
        let score = max(0, (tally.formScore ?? 0) - shortHoldPenalty * shortfall)
        return HoldRecord(number: number, side: side, startSeconds: start, endSeconds: end, goodSeconds: good,
                          minimumSeconds: hold?.minimum, targetSeconds: hold?.target,
                          completed: good >= (hold?.minimum ?? .ulpOfOne), faults: tally.faultsByFrequency,
                          score: Int(score.rounded()), rep: rep)
    }
}
