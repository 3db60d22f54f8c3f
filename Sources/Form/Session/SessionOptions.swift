/// Settings of a session.
public struct SessionOptions: Sendable, Equatable {
    /// Frames per second, for frames without timestamps.
    public var framesPerSecond: Double
    /// Seconds the person must rest in position before reps are counted.
    public var settleSeconds: Double
    /// The longest gap between two frames that counts as time passing (longer gaps, e.g. a
    /// paused recording, count as one frame).
    public var longestGapSeconds: Double
    /// The per-frame analysis settings.
    public var analysis: AnalysisOptions
    /// Whether the frames are separate photos rather than a recording: each is judged on its
    /// own (no hysteresis or position carried from the one before), and no reps or holds are
    /// counted; the score is the frames' form score.
    public var separatePhotos = false

    /// Options with the defaults: 30 fps, settle 0.5 s, gaps up to 0.5 s.
    public init(framesPerSecond: Double = 30, settleSeconds: Double = 0.5, longestGapSeconds: Double = 0.5,
                analysis: AnalysisOptions = AnalysisOptions()) {
        self.framesPerSecond = framesPerSecond
        self.settleSeconds = settleSeconds
        self.longestGapSeconds = longestGapSeconds
        self.analysis = analysis
    }

    /// Checks the values are in range.
    public func validate() throws {
        guard framesPerSecond > 0, framesPerSecond.isFinite else {
            throw FormError.invalidValue(name: "frame rate", problem: "\(framesPerSecond) fps is not a positive number")
        }
        guard settleSeconds >= 0, longestGapSeconds > 0 else {
            throw FormError.invalidValue(name: "session timing", problem: "settle and gap times must not be negative")
        }
        try analysis.validate()
    }
}
