/// The lengths of a figure's body segments, in metres.
///
/// ``init(height:)`` scales average adult proportions (segment lengths as fractions of height,
/// after the anthropometric tables used in biomechanics) to a body height.
public struct BodyProportions: Sendable, Equatable {
    /// Standing height.
    public var height: Double
    /// Between the shoulder joints.
    public var shoulderWidth: Double
    /// Between the hip joints.
    public var hipWidth: Double
    /// From the hip centre to the shoulder centre, with a straight spine.
    public var trunk: Double
    /// From the shoulder centre to the ears' level.
    public var neck: Double
    /// Shoulder to elbow.
    public var upperArm: Double
    /// Elbow to wrist.
    public var forearm: Double
    /// Wrist to the knuckles of the index finger.
    public var hand: Double
    /// Hip to knee.
    public var thigh: Double
    /// Knee to ankle.
    public var shin: Double
    /// Ankle to the tip of the big toe, along the sole.
    public var forefoot: Double
    /// Ankle back to the heel.
    public var rearfoot: Double
    /// Ankle above the sole.
    public var ankleHeight: Double
    /// Radius of the head (for nose, eyes and ears).
    public var headRadius: Double

    /// Average adult proportions for a person `height` metres tall (1.75 by default).
    public init(height: Double = 1.75) {
        self.height = height
        shoulderWidth = 0.200 * height
        hipWidth = 0.100 * height
        trunk = 0.288 * height
        neck = 0.105 * height
        upperArm = 0.186 * height
        forearm = 0.146 * height
        hand = 0.050 * height
        thigh = 0.245 * height
        shin = 0.246 * height
        forefoot = 0.105 * height
        rearfoot = 0.035 * height
        ankleHeight = 0.039 * height
        headRadius = 0.057 * height
    }
}
