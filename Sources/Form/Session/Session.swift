/// One exercise session: frames in, per-frame verdicts, reps, holds, sides, scores and safety out.
///
/// Feed frames in time order with ``add(_:atSeconds:)``; call ``finish()`` at the end to close
/// a rep or hold under way; read ``summary``. Pain reports go to ``safety``; once the exercise
/// is stopped for safety, frames are still analysed but nothing more is counted.
public struct Session: Sendable {
    /// The exercise.
    public let template: ExerciseTemplate
    /// The settings.
    public let options: SessionOptions
    /// Counted and partial reps, in order.
    public private(set) var reps: [RepRecord] = []
    /// Holds, in order (for exercises that hold each rep, one per counted rep).
    public private(set) var holds: [HoldRecord] = []
    /// Everything that happened, in order.
    public private(set) var events: [SessionEvent] = []
    /// Verdict and fault counts over all frames.
    public private(set) var tally = FormTally()
    /// Frames analysed.
    public private(set) var frameCount = 0
    /// Pain reports and whether the exercise was stopped.
    public private(set) var safety = SafetyLog()
    /// Seconds from the first to the last frame.
    public private(set) var durationSeconds = 0.0

    private let analyzer: FormAnalyzer
    private var state = AnalysisState()
    private var repCounter: RepCounter?
    private var holdTimer: HoldTimer
    private var firstTime: Double?
    private var lastTime: Double?
    private var lastSide: BodySide?
    private var finished = false

    /// A session of `template`.
    public init(template: ExerciseTemplate, options: SessionOptions = SessionOptions()) throws {
        try options.validate()
        self.template = template
        self.options = options
        analyzer = FormAnalyzer(template: template, options: options.analysis)
        repCounter = template.movement.map { RepCounter(template: template, movement: $0, settleSeconds: options.settleSeconds) }
        holdTimer = HoldTimer(template: template)
    }

    /// Analyses the next frame, taken `seconds` into the recording (or `nil`: one frame period
    /// after the previous frame), and updates reps and holds.
    @discardableResult
    public mutating func add(_ pose: PoseLandmarks?, atSeconds seconds: Double? = nil) -> FrameAnalysis {
        let period = 1 / options.framesPerSecond
        let time = seconds ?? lastTime.map { $0 + period } ?? 0
        let dt = lastTime.map { min(max(time - $0, 0), options.longestGapSeconds) } ?? period
        if firstTime == nil { firstTime = time }
        lastTime = time
        durationSeconds = time - (firstTime ?? time)
        frameCount += 1

        let analysis = options.separatePhotos ? analyzer.analyze(pose) : analyzer.analyze(pose, state: &state)
        let relative = time - (firstTime ?? time)
        if let stop = safety.stoppedAtSeconds, relative >= stop { return analysis }
        tally.add(analysis)
        // Separate photos make no movement in time: nothing to count.
        if options.separatePhotos { return analysis }
        if var counter = repCounter {
            if let ended = counter.update(analysis, time: relative, dt: dt) { record(ended) }
            repCounter = counter
        } else if let hold = holdTimer.update(analysis, time: relative, dt: dt) {
            record(hold)
        }
        return analysis
    }

    /// The hold timer of the hold under way (or of the rep held at its target): seconds with
    /// good form so far; `nil` when nothing is being held. For a live display.
    public var runningHoldSeconds: Double? {
        if safety.isStopped || finished { return nil }
        if let repCounter { return template.prescription.holdSeconds == nil ? nil : repCounter.runningHeldSeconds }
        return holdTimer.runningGoodSeconds
    }

    /// Closes a rep or hold under way (call once, after the last frame).
    public mutating func finish() {
        guard !finished else { return }
        finished = true
        let end = durationSeconds
        if let stop = safety.stoppedAtSeconds, stop <= end { return }
        if var counter = repCounter {
            if let ended = counter.finish(at: end) { record(ended) }
            repCounter = counter
        } else if let hold = holdTimer.finish(at: end) {
            record(hold)
        }
    }

    // MARK: Safety

    /// Records pain before starting (0–10); above 3/10 the exercise does not start.
    public mutating func recordPainBefore(_ score: Int) throws {
        try safety.recordPainBefore(score)
        noteStop()
    }

    /// Records pain during the exercise (0–10) now; above 3/10 the exercise stops.
    public mutating func recordPainDuring(_ score: Int) throws {
        try safety.recordPainDuring(score, atSeconds: durationSeconds)
        noteStop()
    }

    /// Records a sharp pain (at `seconds` into the exercise, or now); the exercise stops.
    public mutating func recordSharpPain(atSeconds seconds: Double? = nil) {
        safety.recordSharpPain(atSeconds: seconds ?? durationSeconds)
        noteStop()
    }

    /// Records pain after finishing (0–10).
    public mutating func recordPainAfter(_ score: Int) throws {
        try safety.recordPainAfter(score)
    }

    // MARK: Summary

    /// The session so far, summed up.
    public var summary: SessionSummary { SessionSummary(session: self) }

    // MARK: Recording

    private mutating func noteStop() {
        if let reason = safety.stopReason, !events.contains(.stopped(reason)) { events.append(.stopped(reason)) }
    }

    private mutating func record(_ ended: RepCounter.Ended) {
        let rep = ended.rep
        guard rep.complete else {
            reps.append(rep)
            events.append(.partialRep(rep))
            return
        }
        noteSide(rep.side, at: rep.startSeconds)
        reps.append(rep)
        events.append(.repCounted(rep))
        if template.prescription.holdSeconds != nil {
            let hold = HoldRecord.scored(number: holds.count + 1, side: rep.side, start: rep.startSeconds, end: rep.endSeconds,
                                         good: rep.heldSeconds, tally: ended.tally, prescription: template.prescription,
                                         rep: rep.number)
            holds.append(hold)
            events.append(.holdEnded(hold))
        }
    }

    private mutating func record(_ hold: HoldRecord) {
        noteSide(hold.side, at: hold.startSeconds)
        holds.append(hold)
        events.append(.holdEnded(hold))
    }

    private mutating func noteSide(_ side: BodySide?, at seconds: Double) {
        guard let side else { return }
        if let last = lastSide, last != side { events.append(.sideSwitched(to: side, atSeconds: seconds)) }
        lastSide = side
    }
}
