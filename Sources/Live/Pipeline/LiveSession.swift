import Capture
import Form
import Imaging
import Pose
import Reports
import Scoring

/// One frame as the web view draws it: the picture, the pose and what the analysis said.
public struct LiveFrame: Sendable {
    /// The source's number of the frame.
    public var sequence: Int
    /// The picture.
    public var image: RGBImage
    /// The pose found, in the picture's pixels.
    public var landmarks: PoseLandmarks?
    /// The analysis.
    public var analysis: FrameAnalysis

    /// Frame `sequence`: `image`, the pose found in it and its analysis.
    public init(sequence: Int, image: RGBImage, landmarks: PoseLandmarks?, analysis: FrameAnalysis) {
        self.sequence = sequence
        self.image = image
        self.landmarks = landmarks
        self.analysis = analysis
    }
}

/// The work done on each live frame: pose tracking (video mode), the analysis, the session's
/// counts, the latency and frame-rate figures, and the worst frames' pictures for the report.
///
/// The pose itself is found by the pipeline's tracker; this is the bookkeeping around it, a
/// plain value (the pipeline keeps it behind a lock).
public struct LiveSession: Sendable {
    /// The scored session so far: every frame's pose and analysis, reps, holds, safety.
    public private(set) var scored: ScoredSession
    /// Arrival-to-screen latencies.
    public private(set) var latency = LatencyStats()
    /// Frames the pose engine failed on (skipped), with the last reason.
    public private(set) var failedFrames = 0, lastFailure: String?
    /// The worst frames' pictures so far (for the HTML report).
    public private(set) var worst: WorstFrames<ReportPicture?>
    /// Frames dropped by the pipeline and the source.
    public var droppedFrames = 0

    private var snapshot: LiveSnapshot
    private var rate = RateMeter()
    private var lastTimestamp: Double?
    private var eventCount = 0

    /// A session of `template` whose frames come from `input` (for the report); keeps pictures
    /// of the `worstFrames` worst frames.
    public init(template: ExerciseTemplate, input: String, options: SessionOptions = SessionOptions(),
                worstFrames: Int = 6) throws(ScoringError) {
        scored = try ScoredSession(input: input, template: template, options: options)
        snapshot = LiveSnapshot(template: template)
        worst = WorstFrames(capacity: worstFrames, minimumGapSeconds: 1)
    }

    /// The latest snapshot.
    public var current: LiveSnapshot { snapshot }

    /// The time to give the tracker and the session for `frame`: its timestamp, nudged forward
    /// when it would go back in time (a camera restarted after a reconnection).
    public mutating func timestamp(for frame: Frame) -> Double {
        var timestamp = frame.timestamp
        if let last = lastTimestamp, timestamp <= last { timestamp = last + 1e-3 }
        lastTimestamp = timestamp
        return timestamp
    }

    /// Adds `arrived` with the pose found in it (`landmarks`, `nil` when nobody was found),
    /// taken at `timestamp` (from ``timestamp(for:)``): analyses it and updates the session.
    /// Returns what to show.
    public mutating func add(_ arrived: ArrivedFrame, timestamp: Double, landmarks: PoseLandmarks?) -> (snapshot: LiveSnapshot, frame: LiveFrame) {
        let frame = arrived.frame
        let posed = PosedFrame(index: frame.sequence, seconds: timestamp, image: frame.source,
                               width: frame.image.width, height: frame.image.height, landmarks: landmarks)
        let analysis = scored.add(posed)
        update(with: analysis, sequence: frame.sequence, time: arrived.arrival)
        return (snapshot, LiveFrame(sequence: frame.sequence, image: frame.image, landmarks: landmarks, analysis: analysis))
    }

    /// Notes a frame the pose engine failed on (it is skipped).
    public mutating func noteFailure(_ reason: String) {
        failedFrames += 1
        lastFailure = reason
    }

    /// Notes that `frame` (the latest processed) is on screen `seconds` after it arrived, and
    /// keeps its picture if it is among the worst (after the screen is drawn: a JPEG encode
    /// takes milliseconds).
    public mutating func noteShown(_ frame: LiveFrame, latency seconds: Double) {
        noteLatency(seconds)
        let index = scored.frames.count - 1
        guard index >= 0, let badness = WorstFrames<ReportPicture?>.badness(of: frame.analysis) else { return }
        let scored = self.scored
        worst.offer(seconds: scored.frames[index].seconds, badness: badness) {
            try? ReportPicture.make(frame.image, frame: index, of: scored)
        }
    }

    /// Notes the latency of the frame just shown, in seconds.
    mutating func noteLatency(_ seconds: Double) {
        latency.add(seconds * 1000)
        snapshot.latencyMilliseconds = seconds * 1000
        if latency.samples.count % 10 == 1 {
            snapshot.latencyMedian = latency.percentile(50)
            snapshot.latencyP95 = latency.percentile(95)
        }
    }

    /// Records pain before starting (0–10); above 3 the exercise does not start.
    public mutating func recordPainBefore(_ score: Int) throws(ScoringError) {
        try scored.recordPainBefore(score)
        refreshSafety()
    }

    /// Records pain after finishing (0–10).
    public mutating func recordPainAfter(_ score: Int) throws(ScoringError) {
        try scored.recordPainAfter(score)
    }

    /// Records a sharp pain now: the set ends, nothing more is counted.
    public mutating func recordSharpPain() {
        scored.recordSharpPain()
        refreshSafety()
    }

    /// Ends the session: a rep or hold under way is closed.
    public mutating func finish() {
        scored.finish()
        snapshot.holdSeconds = nil
    }

    /// Sets the camera or source notice shown on the screen (`nil` clears it).
    public mutating func setNotice(_ notice: String?) { snapshot.notice = notice }

    /// The report pictures kept, worst first.
    public var pictures: [ReportPicture] { worst.selected.compactMap(\.payload) }

    private mutating func refreshSafety() {
        let session = scored.session
        if let reason = session.safety.stopReason {
            switch reason {
            case .sharpPain: snapshot.stopped = "Sharp pain: stop. The set has ended."
            case let .painBefore(score): snapshot.stopped = "Pain \(score)/10 before starting: don't exercise today."
            case let .painDuring(score, _): snapshot.stopped = "Pain \(score)/10: stop this exercise."
            }
        }
    }

    private mutating func update(with analysis: FrameAnalysis, sequence: Int, time: Double) {
        let session = scored.session
        let summary = session.summary
        snapshot.frames = scored.frames.count
        snapshot.frameSequence = sequence
        snapshot.seconds = session.durationSeconds
        snapshot.verdict = analysis.verdict
        snapshot.phase = analysis.phase
        if let side = analysis.workingSide { snapshot.side = side }
        let cue = analysis.verdict == .good ? nil : analysis.cues.first
        snapshot.cue = cue?.text
        snapshot.cueKind = cue?.kind
        snapshot.faults = analysis.faults
        snapshot.reps = summary.reps
        snapshot.repsBySide = summary.repsBySide
        snapshot.partialReps = summary.partialReps
        snapshot.holdSeconds = session.runningHoldSeconds
        snapshot.lastHoldSeconds = session.holds.last?.goodSeconds
        snapshot.holds = summary.holds
        snapshot.completedHolds = summary.completedHolds
        snapshot.score = summary.score
        snapshot.framesPerSecond = rate.tick(time)
        snapshot.droppedFrames = droppedFrames
        snapshot.events = Array(session.events.dropFirst(eventCount))
        eventCount = session.events.count
        refreshSafety()
    }
}
