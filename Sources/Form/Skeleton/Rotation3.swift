import Foundation

/// A 3×3 rotation matrix, stored as its three columns (the images of the x, y and z axes).
public struct Rotation3: Sendable, Equatable {
    /// Where the x axis goes.
    public var x: Vector3
    /// Where the y axis goes.
    public var y: Vector3
    /// Where the z axis goes.
    public var z: Vector3

    /// The rotation taking the axes to the columns `x`, `y`, `z`.
    public init(x: Vector3, y: Vector3, z: Vector3) {
        self.x = x
        self.y = y
        self.z = z
    }

    /// No rotation.
    public static let identity = Rotation3(x: Vector3(1, 0, 0), y: Vector3(0, 1, 0), z: Vector3(0, 0, 1))

    /// A right-handed rotation by `degrees` about the x axis (y turns toward z).
    public static func aboutX(_ degrees: Double) -> Rotation3 {
        let c = cos(Angle.radians(degrees)), s = sin(Angle.radians(degrees))
        return Rotation3(x: Vector3(1, 0, 0), y: Vector3(0, c, s), z: Vector3(0, -s, c))
    }

    /// A right-handed rotation by `degrees` about the y axis (z turns toward x).
    public static func aboutY(_ degrees: Double) -> Rotation3 {
        let c = cos(Angle.radians(degrees)), s = sin(Angle.radians(degrees))
        return Rotation3(x: Vector3(c, 0, -s), y: Vector3(0, 1, 0), z: Vector3(s, 0, c))
    }

    /// A right-handed rotation by `degrees` about the z axis (x turns toward y).
    public static func aboutZ(_ degrees: Double) -> Rotation3 {
        let c = cos(Angle.radians(degrees)), s = sin(Angle.radians(degrees))
        return Rotation3(x: Vector3(c, s, 0), y: Vector3(-s, c, 0), z: Vector3(0, 0, 1))
    }

    /// The rotated `vector`.
    public func apply(_ vector: Vector3) -> Vector3 { x * vector.x + y * vector.y + z * vector.z }

    /// The composition: `a * b` applies `b` first.
    public static func * (a: Rotation3, b: Rotation3) -> Rotation3 {
        Rotation3(x: a.apply(b.x), y: a.apply(b.y), z: a.apply(b.z))
    }

    /// The inverse (the transpose).
    public var inverse: Rotation3 {
        Rotation3(x: Vector3(x.x, y.x, z.x), y: Vector3(x.y, y.y, z.y), z: Vector3(x.z, y.z, z.z))
    }
}
