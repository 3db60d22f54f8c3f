/// Runs a whole landmark recording through a session: what `formcheck analyze` does.
public struct RecordingAnalysis: Sendable {
    /// Pain reported around the recorded exercise.
    public struct Pain: Sendable, Equatable {
        /// Pain before starting, 0–10.
        public var before: Int?
        /// Pain after finishing, 0–10.
        public var after: Int?
        /// Whether the person felt a sharp pain.
        public var sharp: Bool
        /// When the sharp pain came, seconds into the recording (`nil`: at the end).
        public var sharpAtSeconds: Double?

        /// Pain reports; all optional.
        public init(before: Int? = nil, after: Int? = nil, sharp: Bool = false, sharpAtSeconds: Double? = nil) {
            self.before = before
            self.after = after
            self.sharp = sharp
            self.sharpAtSeconds = sharpAtSeconds
        }
    }

    /// The finished session.
    public let session: Session
    /// Each frame's image name and analysis, in order.
    public let frames: [(image: String?, analysis: FrameAnalysis)]

    /// Analyses `recording` as `template`, timing frames by their timestamps when every frame
    /// has one, else at `options.framesPerSecond`.
    public init(recording: [RecordedFrame], template: ExerciseTemplate, options: SessionOptions = SessionOptions(),
                pain: Pain = Pain()) throws {
        var session = try Session(template: template, options: options)
        if let before = pain.before { try session.recordPainBefore(before) }
        if pain.sharp, let at = pain.sharpAtSeconds { session.recordSharpPain(atSeconds: at) }
        let timestamps = recording.map(\.timestampSeconds)
        let useTimestamps = !timestamps.contains(nil) && zip(timestamps, timestamps.dropFirst()).allSatisfy { ($1 ?? 0) > ($0 ?? 0) }
        let start = timestamps.first.flatMap { $0 } ?? 0
        var frames: [(image: String?, analysis: FrameAnalysis)] = []
        for (index, frame) in recording.enumerated() {
            let seconds = useTimestamps ? (frame.timestampSeconds ?? 0) - start : Double(index) / options.framesPerSecond
            frames.append((frame.image, session.add(frame.pose, atSeconds: seconds)))
        }
        session.finish()
        if pain.sharp, pain.sharpAtSeconds == nil { session.recordSharpPain() }
        if let after = pain.after { try session.recordPainAfter(after) }
        self.session = session
        self.frames = frames
    }

    /// The JSON report.
    public var report: AnalysisReport { AnalysisReport(session: session, frames: frames) }
}
