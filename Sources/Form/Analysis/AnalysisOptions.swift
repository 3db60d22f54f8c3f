/// Settings of the per-frame analysis.
public struct AnalysisOptions: Sendable, Equatable {
    /// The lowest visibility (and presence) a landmark needs to be trusted, 0…1.
    public var visibilityThreshold: Double
    /// Whether to measure on world landmarks when the pose has them (else on the image).
    public var preferWorld: Bool

    /// Options with the defaults: visibility 0.5, world landmarks when present.
    public init(visibilityThreshold: Double = 0.5, preferWorld: Bool = true) {
        self.visibilityThreshold = visibilityThreshold
        self.preferWorld = preferWorld
    }

    /// Checks the values are in range.
    public func validate() throws {
        guard (0...1).contains(visibilityThreshold) else {
            throw FormError.invalidValue(name: "visibility threshold", problem: "\(visibilityThreshold) is not between 0 and 1")
        }
    }
}
