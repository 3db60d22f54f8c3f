import Form

/// What one of a template's checks found in one frame.
public struct CheckOutcome: Sendable, Equatable {
    /// Whether the check ran and how it went.
    public enum State: String, Sendable, Equatable {
        /// The frame's phase is not one the check runs in (or the person was out of position).
        case notApplicable
        /// The check applies but its measure could not be trusted.
        case unmeasured
        /// The measure was inside the good range (or within its tolerance).
        case passed
        /// The check raised its fault.
        case failed
    }

    /// The check's index in ``ExerciseTemplate/checks``.
    public var check: Int
    /// How it went.
    public var state: State
    /// The landmarks the failing measure was taken from (empty unless ``state`` is failed).
    public var landmarks: Set<BodyLandmark>

    /// The outcome of every check of `template` in the frame `analysis` describes, in the
    /// template's order.
    ///
    /// A check failed when its fault was reported and its value lies outside the good range (a
    /// fault stays raised until the value is back inside, so this is the check that raised it,
    /// not another check with the same fault). A check on both sides is measured when either
    /// side is, and fails on the sides that are out of range.
    public static func evaluate(_ template: ExerciseTemplate, _ analysis: FrameAnalysis) -> [CheckOutcome] {
        template.checks.enumerated().map { index, check in
            guard let phase = analysis.phase, phase != .setup, check.phases.contains(phase) else {
                return CheckOutcome(check: index, state: .notApplicable, landmarks: [])
            }
            let names = check.measure.qualifier == .both
                ? ["\(check.measure.kind.rawValue).left", "\(check.measure.kind.rawValue).right"]
                : [check.measure.description]
            let measured = names.compactMap { name in analysis.measures.first { $0.name == name }?.measurement }
                .filter(\.isTrusted)
            guard !measured.isEmpty else { return CheckOutcome(check: index, state: .unmeasured, landmarks: []) }
            let faultIDs = [check.below, check.above].compactMap { $0 }
            let outside = measured.filter { !check.good.contains($0.value ?? 0) }
            guard faultIDs.contains(where: analysis.faults.contains), !outside.isEmpty else {
                return CheckOutcome(check: index, state: .passed, landmarks: [])
            }
            return CheckOutcome(check: index, state: .failed, landmarks: Set(outside.flatMap(\.landmarks)))
        }
    }

    /// The landmarks behind everything wrong in the frame: the failing checks' measures and,
    /// when the person is out of position, the position conditions that are not met.
    public static func failingLandmarks(_ template: ExerciseTemplate, _ analysis: FrameAnalysis) -> Set<BodyLandmark> {
        var landmarks = Set(evaluate(template, analysis).flatMap(\.landmarks))
        if analysis.phase == .setup, let gate = template.position {
            for condition in gate.require {
                guard let measurement = analysis.measures.first(where: { $0.name == condition.measure.description })?.measurement,
                      let value = measurement.trustedValue, !condition.range.contains(value) else { continue }
                landmarks.formUnion(measurement.landmarks)
            }
        }
        return landmarks
    }
}

/// How often one check passed over a session.
public struct CheckStatistics: Sendable, Equatable {
    /// The check's index in ``ExerciseTemplate/checks``.
    public var index: Int
    /// The check.
    public var check: Check
    /// Frames in which the check applied.
    public var applicable = 0
    /// Frames in which it applied and its measure could be trusted.
    public var measured = 0
    /// Frames in which it failed.
    public var failed = 0

    /// The share of measured frames that passed, 0…1, or `nil` when it was never measured.
    public var passRate: Double? { measured > 0 ? Double(measured - failed) / Double(measured) : nil }

    /// The statistics of every check of `template` over the frames `analyses` describe.
    public static func of(template: ExerciseTemplate, analyses: [FrameAnalysis]) -> [CheckStatistics] {
        var statistics = template.checks.enumerated().map { CheckStatistics(index: $0, check: $1) }
        for analysis in analyses {
            for outcome in CheckOutcome.evaluate(template, analysis) {
                switch outcome.state {
                case .notApplicable: continue
                case .unmeasured: statistics[outcome.check].applicable += 1
                case .passed:
                    statistics[outcome.check].applicable += 1
                    statistics[outcome.check].measured += 1
                case .failed:
                    statistics[outcome.check].applicable += 1
                    statistics[outcome.check].measured += 1
                    statistics[outcome.check].failed += 1
                }
            }
        }
        return statistics
    }

    /// "hip_off_shoulder_knee_line at most 12°": the measure and its good range.
    public var label: String {
        let unit = check.measure.kind.unit
        let range = check.good.phrase + (unit == .degrees ? "°" : " × trunk")
        return "\(check.measure) \(range)"
    }
}
