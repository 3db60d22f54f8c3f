import Form

/// One input's frames run through an exercise session: every frame with its pose and analysis,
/// the session with its reps, holds, score and safety log.
///
/// `formcheck score` builds one from a whole ``PoseTrack`` (``scoring(_:template:options:recognition:)``);
/// `formcheck live` adds frames one at a time as they arrive.
public struct ScoredSession: Sendable {
    /// The input as the user named it (a path or a camera).
    public let input: String
    /// How the exercise was recognised, when it was not named.
    public let recognition: Recognition?
    /// The session: reps, holds, events, safety.
    public private(set) var session: Session
    /// The frames, in order.
    public private(set) var frames: [PosedFrame] = []
    /// Each frame's analysis, parallel to ``frames``.
    public private(set) var analyses: [FrameAnalysis] = []

    /// An empty session of `template` for `input`.
    public init(input: String, template: ExerciseTemplate, options: SessionOptions = SessionOptions(),
                recognition: Recognition? = nil) throws(ScoringError) {
        self.input = input
        self.recognition = recognition
        do {
            session = try Session(template: template, options: options)
        } catch let error as FormError {
            throw .form(error)
        } catch {
            throw .form(.invalidValue(name: "session", problem: "\(error)"))
        }
    }

    /// Every frame of `track` scored as `template`, the session finished.
    public static func scoring(_ track: PoseTrack, template: ExerciseTemplate, options: SessionOptions = SessionOptions(),
                               recognition: Recognition? = nil) throws(ScoringError) -> ScoredSession {
        var scored = try ScoredSession(input: track.input, template: template, options: options, recognition: recognition)
        for frame in track.frames { scored.add(frame) }
        scored.finish()
        return scored
    }

    /// The exercise.
    public var template: ExerciseTemplate { session.template }

    /// Analyses the next frame and updates the session; returns the frame's analysis.
    @discardableResult
    public mutating func add(_ frame: PosedFrame) -> FrameAnalysis {
        let analysis = session.add(frame.landmarks, atSeconds: frame.seconds)
        frames.append(frame)
        analyses.append(analysis)
        return analysis
    }

    /// Closes a rep or hold under way (after the last frame).
    public mutating func finish() { session.finish() }

    /// Records pain before starting, 0–10 (above 3 the exercise does not start).
    public mutating func recordPainBefore(_ score: Int) throws(ScoringError) {
        do { try session.recordPainBefore(score) } catch { throw Self.wrap(error) }
    }

    /// Records pain after finishing, 0–10.
    public mutating func recordPainAfter(_ score: Int) throws(ScoringError) {
        do { try session.recordPainAfter(score) } catch { throw Self.wrap(error) }
    }

    /// Records a sharp pain now: the exercise stops and nothing more is counted.
    public mutating func recordSharpPain() { session.recordSharpPain() }

    /// The report `formcheck analyze --json` writes, for these frames.
    public var report: AnalysisReport {
        AnalysisReport(session: session, frames: zip(frames, analyses).map { (image: $0.image, analysis: $1) })
    }

    /// How often each of the template's checks passed.
    public var checkStatistics: [CheckStatistics] { CheckStatistics.of(template: template, analyses: analyses) }

    private static func wrap(_ error: any Error) -> ScoringError {
        (error as? FormError).map(ScoringError.form) ?? .form(.invalidValue(name: "pain score", problem: "\(error)"))
    }
}
