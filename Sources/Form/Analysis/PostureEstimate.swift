import Foundation

/// How much a pose looks like each starting position (standing, on the back, on all fours…),
/// from the directions of the trunk and limbs against the camera's up.
///
/// Each position is a product of soft conditions ("the trunk is flat", "the shins point down")
/// that go from 0 to 1 over a band of angles, so a pose between two positions counts partly for
/// both; the scores are then normalised to sum to 1. The camera is assumed roughly level
/// (as for any exercise video); a tilted camera blurs the bands, it does not flip them.
public struct PostureEstimate: Sendable, Equatable {
    /// The share of each position, summing to 1.
    public var shares: [StartPosition: Double]

    /// The posture of `pose`, or `nil` when the trunk cannot be measured.
    public init?(_ pose: PoseLandmarks, options: AnalysisOptions = AnalysisOptions()) {
        // A low bar: a rough position needs rough landmarks, and lying people hide half their body.
        let geometry = PoseGeometry(pose: pose, visibilityThreshold: min(options.visibilityThreshold, 0.3),
                                    preferWorld: options.preferWorld)
        let measurer = BodyMeasurer(geometry: geometry)
        func value(_ kind: MeasureKind, _ qualifier: SideQualifier? = nil) -> Double? {
            let measurement = measurer.measure(MeasureRef(kind, qualifier))
            return measurement.hidden.count < measurement.landmarks.count ? measurement.value : nil
        }
        guard let trunk = value(.trunkInclination) else { return nil }
        // The supporting limbs: the lower arm, the more bent hip and knee, the lower shin.
        let arm = value(.armInclination, .min) ?? 0
        let upperArm = value(.upperArmInclination, .min) ?? 0
        let hip = value(.hipAngle, .min) ?? 180
        let knee = value(.kneeAngle, .min) ?? 180
        let shin = value(.shinInclination, .min) ?? -90
        let face = value(.faceDirection) ?? 0
        let shoulderTilt = abs(value(.shoulderLevel, .left) ?? 0)

        let upright = Self.rising(trunk, from: 30, to: 55)
        let flat = 1 - Self.rising(abs(trunk), from: 35, to: 60)
        let shinsDown = Self.rising(-shin, from: 40, to: 65)
        let shinsFlat = 1 - Self.rising(abs(shin), from: 30, to: 55)
        let hipsOpen = Self.rising(hip, from: 125, to: 150)
        let hipsBent = 1 - Self.rising(hip, from: 115, to: 140)
        let hipsFolded = 1 - Self.rising(hip, from: 60, to: 85)
        let kneesBent = 1 - Self.rising(knee, from: 120, to: 145)
        let kneesFolded = 1 - Self.rising(knee, from: 70, to: 95)
        let armsDown = Self.rising(-arm, from: 35, to: 60)
        let upperArmsDown = Self.rising(-upperArm, from: 35, to: 60)
        let faceUp = Self.rising(face, from: -5, to: 25)
        let stacked = Self.rising(shoulderTilt, from: 35, to: 60)
        let notStacked = 1 - stacked

        var shares: [StartPosition: Double] = [
            .standing: upright * shinsDown * notStacked,
            .kneeling: shinsFlat * max(kneesFolded * hipsFolded, upright * hipsOpen * kneesBent) * notStacked,
            .allFours: flat * hipsBent * (1 - hipsFolded) * armsDown * kneesBent * notStacked,
            .onFront: flat * hipsOpen * max(upperArmsDown, armsDown) * (1 - faceUp) * notStacked,
            .onBack: flat * faceUp * (1 - armsDown * hipsBent * (1 - hipsFolded)) * notStacked,
            .sideLying: stacked * (1 - upright * shinsDown),
        ]
        // No position at all is still some evidence for each, a little.
        let total = shares.values.reduce(0, +) + 0.06
        for key in StartPosition.allCases { shares[key] = ((shares[key] ?? 0) + 0.01) / total }
        self.shares = shares
    }

    /// The most likely position.
    public var mostLikely: StartPosition {
        StartPosition.allCases.max { (shares[$0] ?? 0) < (shares[$1] ?? 0) } ?? .standing
    }

    /// 0 below `from`, 1 above `to`, smooth in between.
    static func rising(_ x: Double, from: Double, to: Double) -> Double {
        let t = max(0, min(1, (x - from) / (to - from)))
        return t * t * (3 - 2 * t)
    }
}

extension PostureEstimate {
    /// The positions a pose of an exercise starting from `start` can never be in at any moment
    /// of it. Only clear contradictions are listed: a crunch lifts the trunk toward upright, a
    /// knee plank looks much like all fours, and a cobra's raised face and trunk look like lying
    /// on the back, so those pairs are not used against each other.
    static func incompatible(with start: StartPosition) -> [StartPosition] {
        switch start {
        case .onBack: return [.allFours, .onFront]
        case .onFront: return [.standing]
        case .allFours: return [.onBack, .standing]
        case .kneeling: return [.onBack, .standing]
        case .standing: return [.onBack, .onFront, .allFours]
        case .sideLying: return [.standing, .allFours]
        }
    }

    /// Whether the pose is clearly in a position that an exercise starting from `start` never
    /// passes through (on all fours for an exercise lying on the back, say). `wasOut` says the
    /// previous frame was already out of position: leaving that state then needs a clearer pose
    /// (hysteresis), so that a pose between two positions does not flicker.
    public func contradicts(_ start: StartPosition, wasOut: Bool = false) -> Bool {
        let other = Self.incompatible(with: start).map { shares[$0] ?? 0 }.max() ?? 0
        let own = shares[start] ?? 0
        return wasOut ? other >= 0.45 && own <= 0.3 : other >= 0.6 && own <= 0.2
    }
}
