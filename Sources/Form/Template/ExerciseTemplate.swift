/// An exercise as data: how to do it, how to watch it, what faults to look for, how much to do.
///
/// Templates are read from YAML files (one per exercise, `Sources/Form/Templates/<id>.yaml`) by
/// ``TemplateLoader``; the schema is in that folder's README.
public struct ExerciseTemplate: Sendable, Identifiable {
    /// The exercise id (`knee-to-chest`), the file's name without `.yaml`.
    public var id: String
    /// The name shown to people ("Knee to chest").
    public var name: String
    /// A paragraph on how to do the exercise.
    public var howTo: String
    /// The position the exercise starts from.
    public var start: StartPosition
    /// The camera view the checks need.
    public var camera: CameraView
    /// How much to do.
    public var prescription: Prescription
    /// How the working side is found (`nil`: the exercise has no working side).
    public var workingSide: WorkingSideRule?
    /// Landmarks that rest on the floor during the exercise (to find the floor's tilt).
    public var floor: [FloorContact]
    /// What says the person is in the exercise's position at all.
    public var position: PositionGate?
    /// The movement of a rep (`nil`: a hold, timed while the person is in position).
    public var movement: Movement?
    /// The faults the checks can find, in the file's order.
    public var faults: [Fault]
    /// The checks, in the file's order.
    public var checks: [Check]
    /// The file the template came from.
    public var file: String

    /// The fault with id `id`.
    public func fault(_ id: String) -> Fault? { faults.first { $0.id == id } }

    /// What to say while the person is out of position: the position gate's cue, or for a
    /// template without one, where the exercise starts.
    public var positionCue: String { position?.cue ?? "Get into position — \(start.phrase)." }

    /// Whether reps are counted (the template has a movement) rather than one continuous hold.
    public var countsReps: Bool { movement != nil }
}

/// The position an exercise starts from.
public enum StartPosition: String, CaseIterable, Sendable {
    case onBack = "on_back"
    case onFront = "on_front"
    case allFours = "all_fours"
    case kneeling
    case standing
    case sideLying = "side_lying"

    /// Words for people ("lying on your back").
    public var phrase: String {
        switch self {
        case .onBack: return "lying on your back"
        case .onFront: return "lying face down"
        case .allFours: return "on hands and knees"
        case .kneeling: return "kneeling"
        case .standing: return "standing"
        case .sideLying: return "lying on your side"
        }
    }
}

/// How much of an exercise to do.
public struct Prescription: Sendable, Equatable {
    /// Seconds to hold each rep (or the hold): the least that counts and the aim.
    public var holdSeconds: HoldSeconds?
    /// Reps per side (or in all when the exercise has no sides).
    public var reps: Int?
    /// About how long to keep going, for flowing exercises (cat-cow).
    public var durationSeconds: Double?
    /// Whether and how the sides are worked.
    public var sides: SidesPolicy
    /// Sets.
    public var sets: Int

    /// One line for people: "hold 15–30 s × 3, each side".
    public var summary: String {
        var parts: [String] = []
        if let hold = holdSeconds {
            parts.append(hold.minimum == hold.target ? "hold \(Self.format(hold.target)) s" : "hold \(Self.format(hold.minimum))–\(Self.format(hold.target)) s")
        }
        if let reps { parts.append(parts.isEmpty ? "\(reps) reps" : "× \(reps)") }
        if let duration = durationSeconds { parts.append(parts.isEmpty ? "about \(Self.format(duration)) s" : "over about \(Self.format(duration)) s") }
        var text = parts.joined(separator: " ")
        switch sides {
        case .none: break
        case .each: text += ", each side"
        case .alternate: text += ", alternating sides"
        }
        if sets > 1 { text += ", \(sets) sets" }
        return text
    }

    static func format(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }
}

/// How long to hold: the least that counts and the aim, in seconds.
public struct HoldSeconds: Sendable, Equatable {
    /// The shortest hold that counts.
    public var minimum: Double
    /// The hold to aim for.
    public var target: Double
}

/// Whether an exercise works one side at a time.
public enum SidesPolicy: String, CaseIterable, Sendable {
    /// Both sides together (or no sides).
    case none
    /// All reps on one side, then all on the other.
    case each
    /// Sides take turns rep by rep.
    case alternate
}

/// How the analysis decides which side is working.
public struct WorkingSideRule: Sendable, Equatable {
    /// Whether the working side has the larger or the smaller value.
    public enum Extreme: String, Sendable { case max, min }
    /// The sided measure compared between the sides.
    public var measure: MeasureKind
    /// Which extreme marks the working side.
    public var extreme: Extreme
    /// How much the other side must beat the current working side by before it takes over.
    public var margin: Double
}

/// A landmark that rests on the floor, on a given side.
public struct FloorContact: Sendable, Equatable {
    /// The joint.
    public var joint: Joint
    /// `working`, `other`, `left`, `right`, or `nil` for both sides.
    public var qualifier: SideQualifier?

    /// The landmarks this contact stands for, given the working side.
    public func landmarks(workingSide: BodySide?) -> [BodyLandmark] {
        switch qualifier {
        case .left?: return [joint.landmark(.left)]
        case .right?: return [joint.landmark(.right)]
        case .working?: return workingSide.map { [joint.landmark($0)] } ?? [joint.landmark(.left), joint.landmark(.right)]
        case .other?: return workingSide.map { [joint.landmark($0.opposite)] } ?? [joint.landmark(.left), joint.landmark(.right)]
        default: return [joint.landmark(.left), joint.landmark(.right)]
        }
    }
}

/// A range of values; either end may be open.
public struct ValueRange: Sendable, Equatable {
    /// The smallest good value, if any.
    public var min: Double?
    /// The largest good value, if any.
    public var max: Double?

    /// Whether `value` lies in the range widened by `margin` at both ends.
    public func contains(_ value: Double, widenedBy margin: Double = 0) -> Bool {
        if let min, value < min - margin { return false }
        if let max, value > max + margin { return false }
        return true
    }

    /// "between 10 and 20", "at least 10", "at most 20".
    public var phrase: String {
        switch (min, max) {
        case let (lo?, hi?): return "\(Prescription.format(lo)) to \(Prescription.format(hi))"
        case let (lo?, nil): return "at least \(Prescription.format(lo))"
        case let (nil, hi?): return "at most \(Prescription.format(hi))"
        case (nil, nil): return "any"
        }
    }
}

/// What says the person is in the exercise's position (lying on the back, on all fours…).
public struct PositionGate: Sendable {
    /// What to say while the person is not in position.
    public var cue: String
    /// Conditions that must all hold.
    public var require: [Condition]
}

/// A measure that must lie in a range.
public struct Condition: Sendable, Equatable {
    /// The measure.
    public var measure: MeasureRef
    /// Where it must lie.
    public var range: ValueRange
    /// Whether a frame whose landmarks for it are hidden waits (`unseen`) rather than passing
    /// the condition by; `false` for conditions a camera view may not be able to check.
    public var required: Bool = true
}

/// The phase of a frame within a rep or hold.
public enum Phase: String, CaseIterable, Sendable, Codable {
    /// Not in the exercise's position yet.
    case setup
    /// In position, at the start of a rep.
    case rest
    /// On the way between the start and the target.
    case moving
    /// At the target of a rep, or holding (exercises without a movement are always here).
    case target
}

/// The movement of one rep: a measure that goes from a resting value to a target value and back.
public struct Movement: Sendable {
    /// A named point of the movement.
    public struct Point: Sendable, Equatable {
        /// What people call this point ("hips down").
        public var name: String
        /// The measure's value at this point.
        public var at: Double
    }

    /// The measure that tracks the movement.
    public var measure: MeasureRef
    /// The resting position: the measure is past `rest.at` (on the side away from the target).
    public var rest: Point
    /// The target: the measure is past `target.at` (on the side away from the rest).
    public var target: Point
    /// How far the measure must come back past a threshold before the phase changes back.
    public var hysteresis: Double
    /// Movements faster than this from leaving rest to returning are not counted (noise).
    public var minimumRepSeconds: Double
    /// Reps faster than this get the `tooFast` fault.
    public var slowestFastRepSeconds: Double?
    /// Fault for a rep that left the rest position but came back without reaching the target.
    public var partialFault: String?
    /// Fault for a rep done faster than ``slowestFastRepSeconds``.
    public var tooFastFault: String?
    /// Fault for a rep whose good hold at the target was shorter than the prescription's minimum.
    public var shortHoldFault: String?
    /// Whether `rest.at` and `target.at` are changes from the person's own resting value rather
    /// than values: for measures whose resting value differs from person to person and with the
    /// camera (the angle at the ankle from the foot landmarks), the movement is what counts.
    public var relativeToRest: Bool = false

    /// Whether the target lies above the rest value.
    public var increases: Bool { target.at > rest.at }
}

/// A fault a check can find.
public struct Fault: Sendable, Equatable, Identifiable {
    /// The fault id (`hips_sagging`).
    public var id: String
    /// What to say ("Lift your hips a little").
    public var cue: String
    /// How much it matters.
    public var severity: Severity
}

/// How much a fault matters; cues are given most severe first.
public enum Severity: String, CaseIterable, Sendable, Comparable, Codable {
    case low, medium, high

    /// 1, 2 or 3.
    public var rank: Int { self == .low ? 1 : self == .medium ? 2 : 3 }

    /// How much a frame with this fault takes off a score, 0…1.
    public var penalty: Double { self == .low ? 0.3 : self == .medium ? 0.6 : 1 }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A check of one measure against a good range.
public struct Check: Sendable, Equatable {
    /// The measure.
    public var measure: MeasureRef
    /// The good range.
    public var good: ValueRange
    /// How far outside the range a value may stray (measurement noise) before it is a fault;
    /// once a fault, the value must come back inside the range to clear it.
    public var tolerance: Double
    /// The phases in which the check applies.
    public var phases: Set<Phase>
    /// The fault when the value is below the range.
    public var below: String?
    /// The fault when the value is above the range.
    public var above: String?
    /// Whether the frame is `unseen` when this check cannot be made (else it is skipped).
    public var required: Bool
}
