import Foundation

/// A point or direction in 3D (metres in the world, pixels with z = 0 in the image).
public typealias Vector3 = SIMD3<Double>

extension SIMD3 where Scalar == Double {
    /// The dot product with `other`.
    @inlinable
    public func dot(_ other: SIMD3<Double>) -> Double { (self * other).sum() }

    /// The cross product with `other` (right-handed).
    @inlinable
    public func cross(_ other: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(y * other.z - z * other.y, z * other.x - x * other.z, x * other.y - y * other.x)
    }

    /// The Euclidean length.
    @inlinable
    public var length: Double { dot(self).squareRoot() }

    /// The unit vector in the same direction, or `nil` when the vector is (almost) zero.
    @inlinable
    public var normalized: SIMD3<Double>? {
        let length = self.length
        return length > 1e-12 ? self / length : nil
    }

    /// The part of the vector perpendicular to the unit vector `axis`.
    @inlinable
    public func removingComponent(along axis: SIMD3<Double>) -> SIMD3<Double> {
        self - axis * dot(axis)
    }
}

/// Angle arithmetic in degrees.
enum Angle {
    /// Degrees in a radian.
    static let degreesPerRadian = 180 / Double.pi

    /// The angle between two vectors in degrees (0…180), or `nil` when one is zero.
    static func between(_ a: Vector3, _ b: Vector3) -> Double? {
        guard let ua = a.normalized, let ub = b.normalized else { return nil }
        // atan2 of |a×b| and a·b stays accurate near 0° and 180°, unlike acos.
        return atan2(ua.cross(ub).length, ua.dot(ub)) * degreesPerRadian
    }

    /// The interior angle at `vertex` between the rays to `a` and `c`, in degrees.
    static func at(_ vertex: Vector3, from a: Vector3, to c: Vector3) -> Double? {
        between(a - vertex, c - vertex)
    }

    /// The elevation of `direction` above the plane perpendicular to the unit vector `up`:
    /// +90 straight up, −90 straight down.
    static func elevation(of direction: Vector3, up: Vector3) -> Double? {
        guard let unit = direction.normalized else { return nil }
        return asin(max(-1, min(1, unit.dot(up)))) * degreesPerRadian
    }

    /// Radians for `degrees`.
    static func radians(_ degrees: Double) -> Double { degrees / degreesPerRadian }
}
