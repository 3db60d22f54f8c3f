/// What a part of the figure is made of; the colours come from the ``FigureStyle``.
enum Material: UInt8, Sendable {
    case skin, top, bottom, shoes, hair
    /// Skin with the face painted on (eyes, brows, mouth, hairline), in head coordinates.
    case face
}

/// A capsule whose radius changes along its axis (a "round cone"), in world coordinates: the
/// stand-in the renderer uses for soft shadows and ambient occlusion of any shape.
struct Capsule: Sendable {
    var a: Vec3, b: Vec3
    var ra: Float, rb: Float

    /// The point of the axis nearest `p`, as a fraction of the way from `a` to `b`.
    @inline(__always) func axisFraction(nearest p: Vec3) -> Float {
        let ab = b - a
        let e = ab.lengthSquared
        return e > 1e-12 ? saturate((p - a).dot(ab) / e) : 0
    }

    /// The radius at fraction `s` of the axis.
    @inline(__always) func radius(at s: Float) -> Float { ra + (rb - ra) * s }

    /// Signed distance from `p` to the surface (negative inside), treating the capsule as
    /// spheres swept along the axis.
    @inline(__always) func distance(to p: Vec3) -> Float {
        let s = axisFraction(nearest: p)
        return (p - (a + (b - a) * s)).length - radius(at: s)
    }

    /// The closest approach of the ray `origin + t·direction` (t ≥ 0, unit direction) to the
    /// axis: the ray parameter and the clearance from the surface there.
    @inline(__always) func closestApproach(origin p: Vec3, direction l: Vec3) -> (t: Float, clearance: Float) {
        let d2 = b - a, r = p - a
        let e = d2.lengthSquared, bDot = l.dot(d2), c = l.dot(r), f = d2.dot(r)
        let denominator = e - bDot * bDot
        var s: Float = denominator > 1e-9 ? saturate((f - bDot * c) / denominator) : 0
        var t = s * bDot - c
        if t < 0 {
            t = 0
            s = e > 1e-12 ? saturate(f / e) : 0
        } else if e > 1e-12 {
            s = saturate((bDot * t + f) / e)
        }
        let gap = (p + l * t - (a + d2 * s)).length - radius(at: s)
        return (t, gap)
    }
}

/// One solid of the figure: a round cone (a capsule whose radius changes along its axis) or an
/// ellipsoid, possibly in its own affine frame (so that a round cone can have an elliptical
/// cross-section, like the torso), with its material.
///
/// Rays are moved into the shape's local coordinates, `local = M · (world − origin)`, where the
/// round cone runs from `a` to `b` with radii `ra`, `rb`, and an ellipsoid is the unit sphere.
/// The ray parameter is the same in both spaces once the local direction's length is divided out.
struct Shape: Sendable {
    enum Kind: UInt8, Sendable { case roundCone, ellipsoid }

    var kind: Kind
    /// The axis and radii in local coordinates (ellipsoid: unused, the unit sphere).
    var a: Vec3, b: Vec3, ra: Float, rb: Float
    /// Whether the local frame differs from the world's.
    var transformed: Bool
    /// World position of the local origin.
    var origin: Vec3
    /// Rows of the world-to-local linear map.
    var m0: Vec3, m1: Vec3, m2: Vec3
    /// The material near `a`; past fraction `split` of the axis, `farMaterial`.
    var material: Material, farMaterial: Material, split: Float
    /// A world-space round cone close to the shape, for shadows and occlusion.
    var proxy: Capsule
    /// A world-space sphere around the shape.
    var boundCentre: Vec3, boundRadius: Float

    /// A round cone from `start` to `end` with radii `r0` and `r1`, in world coordinates.
    static func roundCone(_ start: Vec3, _ end: Vec3, _ r0: Float, _ r1: Float, _ material: Material,
                          far: Material? = nil, split: Float = 2) -> Shape {
        let proxy = Capsule(a: start, b: end, ra: r0, rb: r1)
        let centre = (start + end) / 2
        return Shape(kind: .roundCone, a: start, b: end, ra: r0, rb: r1, transformed: false, origin: .zero,
                     m0: Vec3(1, 0, 0), m1: Vec3(0, 1, 0), m2: Vec3(0, 0, 1), material: material,
                     farMaterial: far ?? material, split: split, proxy: proxy,
                     boundCentre: centre, boundRadius: (end - start).length / 2 + max(r0, r1))
    }

    /// A round cone from `start` to `end` whose cross-section is an ellipse: radius `r` (`r0` to
    /// `r1`) along `frame.x` and `r · depth` along `frame.z` (the axis should lie along `frame.y`).
    static func ellipticCone(_ start: Vec3, _ end: Vec3, _ r0: Float, _ r1: Float, depth: Float, frame: Frame3,
                             _ material: Material, far: Material? = nil, split: Float = 2) -> Shape {
        let length = (end - start).length
        let m0 = frame.x, m1 = frame.y, m2 = frame.z / depth
        let mean = (1 + depth) / 2
        let proxy = Capsule(a: start, b: end, ra: r0 * mean, rb: r1 * mean)
        return Shape(kind: .roundCone, a: .zero, b: Vec3(0, length, 0), ra: r0, rb: r1, transformed: true, origin: start,
                     m0: m0, m1: m1, m2: m2, material: material, farMaterial: far ?? material, split: split, proxy: proxy,
                     boundCentre: (start + end) / 2, boundRadius: length / 2 + max(r0, r1))
    }

    /// An ellipsoid at `centre` with semi-axes `radii` along the frame's axes.
    static func ellipsoid(_ centre: Vec3, frame: Frame3, radii: Vec3, _ material: Material) -> Shape {
        let largest = max(radii.x, max(radii.y, radii.z))
        // The proxy: a capsule along the longest axis, as thick as the middle one.
        let axes = [(frame.x, radii.x), (frame.y, radii.y), (frame.z, radii.z)].sorted { $0.1 > $1.1 }
        let middle = axes[1].1
        let reach = max(0, axes[0].1 - middle)
        let proxy = Capsule(a: centre - axes[0].0 * reach, b: centre + axes[0].0 * reach, ra: middle, rb: middle)
        return Shape(kind: .ellipsoid, a: .zero, b: .zero, ra: 1, rb: 1, transformed: true, origin: centre,
                     m0: frame.x / radii.x, m1: frame.y / radii.y, m2: frame.z / radii.z, material: material,
                     farMaterial: material, split: 2, proxy: proxy, boundCentre: centre, boundRadius: largest)
    }

    /// The nearest hit of the ray `ro + t·rd` (unit `rd`) with `t > tMin`: the ray parameter, the
    /// world normal (not normalised) and the material there.
    @inline(__always)
    func intersect(_ ro: Vec3, _ rd: Vec3, tMin: Float) -> (t: Float, normal: Vec3, material: Material)? {
        var o = ro, d = rd, scale: Float = 1
        if transformed {
            let q = ro - origin
            o = Vec3(m0.dot(q), m1.dot(q), m2.dot(q))
            d = Vec3(m0.dot(rd), m1.dot(rd), m2.dot(rd))
            scale = d.length
            d /= scale
        }
        let hit: (t: Float, n: Vec3)?
        switch kind {
        case .ellipsoid: hit = Self.unitSphere(o, d)
        case .roundCone: hit = Self.roundCone(o, d, a, b, ra, rb)
        }
        guard let (tl, n) = hit else { return nil }
        let t = tl / scale
        guard t > tMin else { return nil }
        var chosen = material
        if split < 1 {
            let p = o + d * tl, ab = b - a
            let s = (p - a).dot(ab) / max(ab.lengthSquared, 1e-12)
            if s > split { chosen = farMaterial }
        }
        let normal = transformed ? m0 * n.x + m1 * n.y + m2 * n.z : n
        return (t, normal, chosen)
    }

    /// The entering hit of a unit-direction ray with the unit sphere at the origin.
    @inline(__always)
    static func unitSphere(_ o: Vec3, _ d: Vec3) -> (t: Float, n: Vec3)? {
        let b = o.dot(d), c = o.dot(o) - 1
        let h = b * b - c
        guard h >= 0 else { return nil }
        let t = -b - h.squareRoot()
        return (t, o + d * t)
    }

    /// The entering hit of a unit-direction ray with the round cone from `pa` (radius `ra`) to
    /// `pb` (radius `rb`): the analytic solution of Inigo Quilez's "rounded cone" intersector.
    @inline(__always)
    static func roundCone(_ ro: Vec3, _ rd: Vec3, _ pa: Vec3, _ pb: Vec3, _ ra: Float, _ rb: Float) -> (t: Float, n: Vec3)? {
        let ba = pb - pa, oa = ro - pa, ob = ro - pb
        let rr = ra - rb
        let m0 = ba.dot(ba), m1 = ba.dot(oa), m2 = ba.dot(rd), m3 = rd.dot(oa)
        let m5 = oa.dot(oa), m6 = ob.dot(rd), m7 = ob.dot(ob)
        // The conical body.
        let d2 = m0 - rr * rr
        let k2 = d2 - m2 * m2
        let k1 = d2 * m3 - m1 * m2 + m2 * rr * ra
        let k0 = d2 * m5 - m1 * m1 + m1 * rr * ra * 2 - m0 * ra * ra
        let h = k1 * k1 - k0 * k2
        guard h >= 0 else { return nil }
        if abs(k2) > 1e-12 {
            let t = (-h.squareRoot() - k1) / k2
            let y = m1 - ra * rr + t * m2
            if y > 0 && y < d2 { return (t, (oa + rd * t) * d2 - ba * y) }
        }
        // The spherical caps.
        let h1 = m3 * m3 - m5 + ra * ra
        let h2 = m6 * m6 - m7 + rb * rb
        guard max(h1, h2) >= 0 else { return nil }
        var best: (t: Float, n: Vec3)?
        if h1 >= 0 {
            let t = -m3 - h1.squareRoot()
            best = (t, oa + rd * t)
        }
        if h2 >= 0 {
            let t = -m6 - h2.squareRoot()
            if best == nil || t < best?.t ?? .infinity { best = (t, ob + rd * t) }
        }
        return best
    }
}
