import Form

/// A point, direction or linear colour in single precision (the renderer's working type).
typealias Vec3 = SIMD3<Float>

extension SIMD3 where Scalar == Float {
    /// `v` in single precision.
    @inline(__always) init(_ v: Vector3) { self.init(Float(v.x), Float(v.y), Float(v.z)) }

    /// The dot product.
    @inline(__always) func dot(_ o: Vec3) -> Float { x * o.x + y * o.y + z * o.z }

    /// The cross product (right-handed).
    @inline(__always) func cross(_ o: Vec3) -> Vec3 { Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x) }

    /// The squared length.
    @inline(__always) var lengthSquared: Float { dot(self) }

    /// The length.
    @inline(__always) var length: Float { dot(self).squareRoot() }

    /// The unit vector in this direction (`fallback` for a zero vector).
    @inline(__always) func normalized(or fallback: Vec3 = Vec3(0, 1, 0)) -> Vec3 {
        let l = length
        return l > 1e-12 ? self / l : fallback
    }

    /// The part perpendicular to the unit vector `axis`.
    @inline(__always) func removing(_ axis: Vec3) -> Vec3 { self - axis * dot(axis) }
}

/// `x` clamped to 0…1.
@inline(__always) func saturate(_ x: Float) -> Float { min(max(x, 0), 1) }

/// Hermite smooth step from 0 at `edge0` to 1 at `edge1`.
@inline(__always) func smoothstep(_ edge0: Float, _ edge1: Float, _ x: Float) -> Float {
    let t = saturate((x - edge0) / (edge1 - edge0))
    return t * t * (3 - 2 * t)
}

/// `a` to `b` by `t`.
@inline(__always) func mix(_ a: Vec3, _ b: Vec3, _ t: Float) -> Vec3 { a + (b - a) * t }

/// An orthonormal frame: three unit axes (right-handed: `x × y = z`).
struct Frame3: Sendable {
    var x: Vec3, y: Vec3, z: Vec3

    /// A frame whose y axis is `up` and whose x axis is `across` made perpendicular to it.
    init(up: Vec3, across: Vec3) {
        y = up.normalized()
        var a = across.removing(y)
        if a.lengthSquared < 1e-10 {
            // `across` along `up`: any perpendicular will do.
            a = abs(y.x) < 0.9 ? Vec3(1, 0, 0).removing(y) : Vec3(0, 0, 1).removing(y)
        }
        x = a.normalized()
        z = x.cross(y)
    }

    /// The frame with these axes (assumed orthonormal).
    init(x: Vec3, y: Vec3, z: Vec3) {
        self.x = x
        self.y = y
        self.z = z
    }

    /// Coordinates of the world vector `v` in this frame.
    @inline(__always) func local(_ v: Vec3) -> Vec3 { Vec3(v.dot(x), v.dot(y), v.dot(z)) }

    /// The world vector with coordinates `v` in this frame.
    @inline(__always) func world(_ v: Vec3) -> Vec3 { x * v.x + y * v.y + z * v.z }

    /// The rotation taking frame `from` onto this one, applied to `v` (world to world).
    @inline(__always) func carrying(_ v: Vec3, from: Frame3) -> Vec3 { world(from.local(v)) }
}
