/// The person's left or right side.
public enum BodySide: String, CaseIterable, Sendable, Codable {
    case left
    case right

    /// The other side.
    public var opposite: BodySide { self == .left ? .right : .left }
}

/// A pair of values, one for each side of the body.
public struct LeftRight<Value> {
    /// The value for the person's left side.
    public var left: Value
    /// The value for the person's right side.
    public var right: Value

    /// A pair with a value for each side.
    public init(left: Value, right: Value) {
        self.left = left
        self.right = right
    }

    /// A pair with the same value on both sides.
    public init(both value: Value) {
        self.init(left: value, right: value)
    }

    /// The value for `side`.
    public subscript(side: BodySide) -> Value {
        get { side == .left ? left : right }
        set {
            if side == .left { left = newValue } else { right = newValue }
        }
    }

    /// The pair with `transform` applied to each value.
    public func map<T>(_ transform: (Value) throws -> T) rethrows -> LeftRight<T> {
        LeftRight<T>(left: try transform(left), right: try transform(right))
    }
}

extension LeftRight: Sendable where Value: Sendable {}
extension LeftRight: Equatable where Value: Equatable {}
extension LeftRight: Hashable where Value: Hashable {}

/// A part of the body, as a person would name it in a cue ("I can't see your knees").
public enum BodyPart: String, CaseIterable, Sendable, Comparable {
    case head, shoulders, elbows, hands, hips, knees, feet

    public static func < (lhs: BodyPart, rhs: BodyPart) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
