import Testing
@testable import Mannequin

/// The analytic intersections against a plain ray march of the same solids' distance functions.
@Suite("Solids: analytic hits against ray marching")
struct ShapeTests {
    /// A small repeatable generator (SplitMix64).
    struct Random {
        var state: UInt64
        mutating func next() -> Float {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Float((z ^ (z >> 31)) >> 40) / Float(1 << 24)
        }
        mutating func vector(_ scale: Float) -> Vec3 { Vec3(next() - 0.5, next() - 0.5, next() - 0.5) * (2 * scale) }
    }

    /// The signed distance to the round cone from `a` (radius `ra`) to `b` (radius `rb`): the
    /// exact one, by brute force over the spheres swept along the axis.
    static func roundConeDistance(_ p: Vec3, _ a: Vec3, _ b: Vec3, _ ra: Float, _ rb: Float) -> Float {
        var best = Float.infinity
        for step in 0...2000 {
            let s = Float(step) / 2000
            best = min(best, (p - (a + (b - a) * s)).length - (ra + (rb - ra) * s))
        }
        return best
    }

    /// The first `t` where the ray enters the solid with distance function `distance`, by
    /// sphere tracing (a step never passes the surface), or `nil`.
    static func march(_ ro: Vec3, _ rd: Vec3, _ distance: (Vec3) -> Float) -> Float? {
        var t: Float = 0
        for _ in 0..<400 {
            let d = distance(ro + rd * t)
            if d < 1e-4 { return t }
            t += d
            if t > 20 { return nil }
        }
        return nil
    }

    @Test("round cones: the analytic hit is where the march lands, and misses agree", arguments: [1, 2, 3, 4])
    func roundCones(seed: UInt64) throws {
        var random = Random(state: seed)
        var hits = 0
        for _ in 0..<40 {
            let a = random.vector(0.3), b = random.vector(0.3)
            let ra = 0.02 + 0.1 * random.next(), rb = 0.02 + 0.1 * random.next()
            guard abs(ra - rb) < (b - a).length else { continue }
            let shape = Shape.roundCone(a, b, ra, rb, .skin)
            for _ in 0..<10 {
                let ro = random.vector(1).normalized() * 2
                let target = a + (b - a) * random.next() + random.vector(0.12)
                let rd = (target - ro).normalized()
                let marched = Self.march(ro, rd) { Self.roundConeDistance($0, a, b, ra, rb) }
                let analytic = shape.intersect(ro, rd, tMin: 0)
                if (marched == nil) != (analytic == nil) {
                    // Only a ray that grazes the surface may be judged differently.
                    let closest = stride(from: Float(0), to: 4, by: 0.005).map { Self.roundConeDistance(ro + rd * $0, a, b, ra, rb) }.min() ?? 1
                    #expect(abs(closest) < 2e-3, "hit disagreement: marched \(String(describing: marched)), analytic \(String(describing: analytic?.t))")
                }
                if let marched, let analytic {
                    hits += 1
                    #expect(abs(marched - analytic.t) < 2e-3, "t: marched \(marched), analytic \(analytic.t)")
                    // The normal points out of the solid at the hit.
                    let p = ro + rd * analytic.t, n = analytic.normal.normalized()
                    let outside = Self.roundConeDistance(p + n * 0.01, a, b, ra, rb)
                    #expect(outside > 0.005, "normal does not point outward (distance \(outside))")
                }
            }
        }
        #expect(hits > 50, "too few hits to compare: \(hits)")
    }

    @Test("ellipsoids and elliptic cones: the hit lies on the surface, rays that clear the bound miss")
    func transformedSolids() throws {
        var random = Random(state: 9)
        for _ in 0..<30 {
            let frame = Frame3(up: random.vector(1), across: random.vector(1))
            let radii = Vec3(0.05 + 0.1 * random.next(), 0.05 + 0.1 * random.next(), 0.05 + 0.1 * random.next())
            let centre = random.vector(0.2)
            let ellipsoid = Shape.ellipsoid(centre, frame: frame, radii: radii, .skin)
            func implicit(_ p: Vec3) -> Float {
                let q = frame.local(p - centre) / radii
                return q.lengthSquared - 1
            }
            for _ in 0..<10 {
                let ro = random.vector(1).normalized() * 2
                let rd = (centre + random.vector(0.12) - ro).normalized()
                if let hit = ellipsoid.intersect(ro, rd, tMin: 0) {
                    #expect(abs(implicit(ro + rd * hit.t)) < 1e-3)
                    #expect(implicit(ro + rd * (hit.t - 0.01)) > 0, "the hit is not the entry")
                } else {
                    // A miss: no point along the ray is inside.
                    let inside = (0...400).contains { implicit(ro + rd * (Float($0) * 0.01)) < -1e-3 }
                    #expect(!inside)
                }
            }
            // An elliptic cone is its round cone squashed along the frame's z axis.
            let start = centre, end = centre + frame.y * 0.3
            let cone = Shape.ellipticCone(start, end, 0.1, 0.08, depth: 0.6, frame: frame, .top)
            let sideways = cone.intersect(start + frame.y * 0.15 + frame.x * 2, -frame.x, tMin: 0)
            let frontal = cone.intersect(start + frame.y * 0.15 + frame.z * 2, -frame.z, tMin: 0)
            #expect(abs((sideways?.t ?? 0) - (2 - 0.09)) < 1e-3, "across: radius 0.09 at mid-axis")
            #expect(abs((frontal?.t ?? 0) - (2 - 0.09 * 0.6)) < 1e-3, "in depth: 0.6 of the radius")
        }
    }

    @Test("a capsule's closest approach and distance")
    func capsuleApproach() {
        let capsule = Capsule(a: Vec3(0, 0, 0), b: Vec3(0, 1, 0), ra: 0.1, rb: 0.1)
        #expect(abs(capsule.distance(to: Vec3(0.5, 0.5, 0)) - 0.4) < 1e-5)
        #expect(abs(capsule.distance(to: Vec3(0, 1.5, 0)) - 0.4) < 1e-5)
        let (t, gap) = capsule.closestApproach(origin: Vec3(-1, 0.5, 0.3), direction: Vec3(1, 0, 0))
        #expect(abs(t - 1) < 1e-5 && abs(gap - 0.2) < 1e-5)
        let (behind, _) = capsule.closestApproach(origin: Vec3(1, 0.5, 0), direction: Vec3(1, 0, 0))
        #expect(behind == 0, "an occluder behind the ray's origin is met at t = 0")
    }
}
