/// Counts reps from the phases of a stream of frames.
///
/// A rep starts when the person leaves the rest position and ends when they are back; it counts
/// when it reached the target phase and lasted at least the template's minimum, and is recorded
/// as partial (not counted) when it came back before reaching the target. Nothing is
/// counted until the person has rested in position for ``settleSeconds`` (so getting into
/// position is not a rep), unless they were already in position in the first frame seen; the phases themselves have hysteresis (``FormAnalyzer/phase(of:movement:previous:)``).
struct RepCounter {
    /// One rep under way.
    private struct Current {
        var start: Double
        var end: Double
        var reachedTarget = false
        var heldGood = 0.0
        var tally = FormTally()
        var sideVotes = LeftRight(both: 0)
    }

    let template: ExerciseTemplate
    let movement: Movement
    let settleSeconds: Double
    private var restedFor = 0.0
    private var settled = false
    private var seenPhase = false
    private var current: Current?
    private(set) var counted = 0

    init(template: ExerciseTemplate, movement: Movement, settleSeconds: Double) {
        self.template = template
        self.movement = movement
        self.settleSeconds = settleSeconds
    }

    /// Good-form seconds at the target of the rep under way, `nil` when none has reached it.
    var runningHeldSeconds: Double? { current.flatMap { $0.reachedTarget ? $0.heldGood : nil } }

    /// A rep that ended, with the frames' tally.
    typealias Ended = (rep: RepRecord, tally: FormTally)

    /// Takes one frame at `time` (lasting `dt`); returns a rep when one ends.
    mutating func update(_ analysis: FrameAnalysis, time: Double, dt: Double) -> Ended? {
        guard let phase = analysis.phase else {
            // Unseen: time passes, nothing changes.
            current?.end = time
            return nil
        }
        if !seenPhase {
            // The person was already in position when the recording began: nothing to settle
            // into, and a rep already under way (a clip cut mid-rep) counts if it reaches the target.
            seenPhase = true
            if phase != .setup { settled = true }
        }
        switch phase {
        case .setup:
            current = nil
            settled = false
            restedFor = 0
            return nil
        case .rest:
            defer {
                restedFor += dt
                if restedFor >= settleSeconds { settled = true }
            }
            guard let rep = current else { return nil }
            current = nil
            restedFor = 0
            return finish(rep, at: time)
        case .moving, .target:
            restedFor = 0
            if current == nil {
                guard settled else { return nil }
                current = Current(start: time - dt, end: time)
            }
            guard var rep = current else { return nil }
            rep.end = time
            rep.tally.add(analysis)
            if phase == .target {
                rep.reachedTarget = true
                if analysis.verdict == .good { rep.heldGood += dt }
                if let side = analysis.workingSide { rep.sideVotes[side] += 1 }
            }
            current = rep
            return nil
        }
    }

    /// Ends the session. A rep still under way is unfinished and not counted, except a held rep
    /// (the prescription has a hold) that has reached its target: its hold is what counts.
    mutating func finish(at time: Double) -> Ended? {
        guard let rep = current else { return nil }
        current = nil
        guard rep.reachedTarget, template.prescription.holdSeconds != nil else { return nil }
        return finish(rep, at: time)
    }

    private mutating func finish(_ rep: Current, at time: Double) -> Ended? {
        let duration = time - rep.start
        guard duration >= movement.minimumRepSeconds else { return nil }
        var repFaults: [String] = []
        if !rep.reachedTarget, let partial = movement.partialFault { repFaults.append(partial) }
        if rep.reachedTarget, let limit = movement.slowestFastRepSeconds, duration < limit, let fast = movement.tooFastFault {
            repFaults.append(fast)
        }
        if rep.reachedTarget, let hold = template.prescription.holdSeconds, rep.heldGood < hold.minimum,
           let short = movement.shortHoldFault {
            repFaults.append(short)
        }
        if rep.reachedTarget { counted += 1 }
        let side: BodySide? = template.workingSide == nil || rep.sideVotes.left + rep.sideVotes.right == 0
            ? nil : (rep.sideVotes.left >= rep.sideVotes.right ? .left : .right)
        let form = rep.tally.formScore ?? 0
        let score = rep.reachedTarget ? max(0, min(100, form - 15 * Double(repFaults.count))) : 0
        let record = RepRecord(
            number: rep.reachedTarget ? counted : counted + 1, complete: rep.reachedTarget, side: side,
            startSeconds: rep.start, endSeconds: time, heldSeconds: rep.heldGood,
            faults: rep.tally.faultsByFrequency + repFaults.filter { !rep.tally.faultsByFrequency.contains($0) },
            score: Int(score.rounded())
        )
        return (record, rep.tally)
    }
}
