/// One measure's value in one frame, with the landmarks it used and whether it can be trusted.
public struct Measurement: Sendable, Equatable {
    /// The value (degrees or trunk fraction), or `nil` when the geometry does not define it
    /// (points on top of each other, a line pointing straight up).
    public var value: Double?
    /// The landmarks the value was computed from.
    public var landmarks: [BodyLandmark]
    /// The landmarks among ``landmarks`` not visible enough to trust.
    public var hidden: [BodyLandmark]
    /// The camera view the measure needs, when the current view cannot show it.
    public var neededView: CameraView?

    /// Whether the value exists, every landmark it used was visible and the view shows it.
    public var isTrusted: Bool { value != nil && hidden.isEmpty && neededView == nil }

    /// The value when trusted, else `nil`.
    public var trustedValue: Double? { isTrusted ? value : nil }

    /// A measurement of `value` from `landmarks`.
    public init(value: Double?, landmarks: [BodyLandmark], hidden: [BodyLandmark] = [], neededView: CameraView? = nil) {
        self.value = value
        self.landmarks = landmarks
        self.hidden = hidden
        self.neededView = neededView
    }
}
