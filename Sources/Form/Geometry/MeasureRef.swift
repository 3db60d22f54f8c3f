/// Which side a sided measure is taken on.
public enum SideQualifier: String, CaseIterable, Sendable {
    /// The side doing the exercise (the lifted leg, the knee drawn in), as the template decides.
    case working
    /// The side opposite the working side (the support leg, the opposite arm).
    case other
    /// The person's left side.
    case left
    /// The person's right side.
    case right
    /// Whichever side the camera sees better (the default).
    case best
    /// The average of both sides (or the one side that can be seen).
    case mean
    /// The smaller of the two sides' values (or the one side that can be seen).
    case min
    /// The larger of the two sides' values (or the one side that can be seen).
    case max
    /// The absolute difference between the sides (symmetry).
    case difference
    /// Each side on its own: a check on `both` must pass on the left and on the right.
    case both
}

/// A measure with, for sided measures, the side it is taken on: `knee_angle.working`.
public struct MeasureRef: Hashable, Sendable, CustomStringConvertible {
    /// What is measured.
    public var kind: MeasureKind
    /// On which side (sided measures only; `nil` means ``SideQualifier/best``).
    public var qualifier: SideQualifier?

    /// A reference to `kind` on `qualifier`.
    public init(_ kind: MeasureKind, _ qualifier: SideQualifier? = nil) {
        self.kind = kind
        self.qualifier = kind.isSided ? (qualifier ?? .best) : nil
    }

    /// Parses `name` or `name.side` (`hip_angle.working`).
    ///
    /// - Throws: a description of the problem (unknown measure, unknown side, side on an
    ///   unsided measure).
    public init(parsing text: String) throws(MeasureRefError) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, let name = parts.first, let kind = MeasureKind(rawValue: name) else {
            throw .unknownMeasure(text)
        }
        if parts.count == 2 {
            guard kind.isSided else { throw .unsidedMeasure(name) }
            guard let qualifier = SideQualifier(rawValue: parts[1]) else { throw .unknownSide(parts[1]) }
            self.init(kind, qualifier)
        } else {
            self.init(kind)
        }
    }

    /// The text form, `knee_angle.working` or `trunk_inclination`.
    public var description: String {
        qualifier.map { "\(kind.rawValue).\($0.rawValue)" } ?? kind.rawValue
    }

    /// The same measure on a fixed side.
    func on(_ side: BodySide) -> MeasureRef {
        MeasureRef(kind, side == .left ? .left : .right)
    }
}

/// Why a measure name could not be parsed.
public enum MeasureRefError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownMeasure(String)
    case unknownSide(String)
    case unsidedMeasure(String)

    public var description: String {
        switch self {
        case let .unknownMeasure(name):
            return "unknown measure '\(name)' (known: \(MeasureKind.allCases.map(\.rawValue).joined(separator: ", ")))"
        case let .unknownSide(side):
            return "unknown side '\(side)' (known: \(SideQualifier.allCases.map(\.rawValue).joined(separator: ", ")))"
        case let .unsidedMeasure(name):
            return "'\(name)' is measured on the body as a whole and takes no side"
        }
    }
}
