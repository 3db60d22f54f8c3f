/// Everything the analysis found in one frame.
public struct FrameAnalysis: Sendable {
    /// A named measurement (`knee_angle.working`).
    public struct NamedMeasurement: Sendable, Equatable {
        /// The measure's name as the template writes it (`.both` measures appear per side).
        public var name: String
        /// The measurement.
        public var measurement: Measurement
    }

    /// Good, fault or unseen.
    public var verdict: Verdict
    /// The phase of the rep or hold, or `nil` when the movement could not be seen.
    public var phase: Phase?
    /// The working side, for exercises that have one and when it could be decided.
    public var workingSide: BodySide?
    /// The faults found (ids), most severe first.
    public var faults: [String]
    /// What to say, most severe first.
    public var cues: [Cue]
    /// The measurements the template uses, in the template's order.
    public var measures: [NamedMeasurement]
    /// The value of the movement measure, when trusted.
    public var movementValue: Double?
    /// How the camera sees the person.
    public var view: CameraView?
    /// Whether the geometry used world or image coordinates (`nil` without a pose).
    public var space: PoseGeometry.Space?
    /// The worst severity among the faults, if any.
    public var worstSeverity: Severity?

    /// The trusted value of the measure named `name`.
    public func value(_ name: String) -> Double? {
        measures.first { $0.name == name }?.measurement.trustedValue
    }
}

/// What the analysis carries from one frame to the next: the phase, the working side and the
/// faults already raised, so that thresholds have hysteresis and nothing flickers.
public struct AnalysisState: Sendable, Equatable {
    /// The phase of the previous frame whose phase was known.
    public var phase: Phase?
    /// The working side of the previous frame that had one.
    public var workingSide: BodySide?
    /// The checks (index and side) whose fault is currently raised.
    public var raisedChecks: Set<String> = []
    /// Consecutive frames, up to this one, whose posture contradicts the exercise's position.
    public var contradictingPostures = 0
    /// The person's resting value of a relative movement's measure (``Movement/relativeToRest``).
    public var movementBaseline: Double?

    /// A fresh state, as for a single image.
    public init() {}
}
