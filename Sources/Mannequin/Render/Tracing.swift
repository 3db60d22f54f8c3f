import Foundation

extension RenderScene {
    /// The colour (linear) and surface id seen along the camera ray `rd`, testing only the shapes
    /// in `candidates` (those whose picture covers this pixel).
    @inline(__always)
    func trace(_ rd: Vec3, candidates: ArraySlice<Int>) -> (colour: Vec3, id: UInt8) {
        var nearest = Float.infinity
        var hitShape = -1
        var hitNormal = Vec3.zero
        var hitMaterial = Material.skin
        for index in candidates {
            if let hit = shapes[index].intersect(eye, rd, tMin: 0.01), hit.t < nearest {
                nearest = hit.t
                hitShape = index
                hitNormal = hit.normal
                hitMaterial = hit.material
            }
        }
        // The room: the floor and the walls.
        var roomT = Float.infinity
        var roomNormal = Vec3(0, 1, 0)
        var roomIsFloor = true
        if rd.y < -1e-6 {
            roomT = -eye.y / rd.y
        }
        for wall in walls {
            let facing = rd.dot(wall.normal)
            guard facing < -1e-6 else { continue }
            let t = (wall.point - eye).dot(wall.normal) / facing
            if t > 0, t < roomT {
                roomT = t
                roomNormal = wall.normal
                roomIsFloor = false
            }
        }
        if hitShape >= 0, nearest <= roomT {
            let p = eye + rd * nearest
            var n = hitNormal.normalized()
            if n.dot(rd) > 0 { n = -n }
            let base = hitMaterial == .face ? face.colour(at: p) : albedo[Int(hitMaterial.rawValue)]
            let shine: Float = hitMaterial == .skin || hitMaterial == .face ? 0.12 : hitMaterial == .shoes ? 0.1 : 0.05
            let colour = shade(p, n, base, view: rd, shine: shine, own: hitShape)
            let far = hitMaterial != shapes[hitShape].material
            return (colour, RenderScene.firstShapeID &+ UInt8(truncatingIfNeeded: hitShape * 2 + (far ? 1 : 0)))
        }
        guard roomT.isFinite else { return (sky * 0.6, Surface.wall.rawValue) }
        let p = eye + rd * roomT
        var base: Vec3
        var id: Surface
        var corner: Float = 1
        if roomIsFloor {
            base = floorColour
            id = .floor
            if let mat {
                let q = p - mat.centre
                if abs(q.dot(mat.along)) < mat.halfLength, abs(q.dot(mat.across)) < mat.halfWidth {
                    base = matColour
                    id = .mat
                }
            }
            // The corner where the floor meets a wall gets less light from the room.
            for wall in walls {
                corner *= 1 - 0.28 * Self.falloff((p - wall.point).dot(wall.normal), 0.12)
            }
        } else {
            let skirting = p.y < Self.skirtingHeight
            base = skirting ? skirtingColour : wallColour
            id = skirting ? .skirting : .wall
            corner = 1 - 0.28 * Self.falloff(p.y, 0.12)
        }
        let colour = shade(p, roomNormal, base, view: rd, shine: 0, own: -1) * corner
        return (colour, id.rawValue)
    }

    /// The light leaving the surface point `p` (unit normal `n`, linear albedo `base`) toward
    /// the camera: the key light (with its soft shadow), the room's light (with ambient
    /// occlusion) and a little gloss.
    @inline(__always)
    func shade(_ p: Vec3, _ n: Vec3, _ base: Vec3, view rd: Vec3, shine: Float, own: Int) -> Vec3 {
        let facing = n.dot(light)
        var direct: Float = 0
        if facing > 0 {
            direct = facing * visibility(from: p + n * 0.003, own: own)
        }
        let hemisphere = mix(bounce, sky, 0.5 + 0.5 * n.y)
        var ambient = occlusion ? self.ambientOcclusion(at: p, n, own: own) : 1
        if own >= 0 {
            // Parts near the floor, facing sideways or down, see less of the room.
            ambient *= 1 - 0.45 * Self.falloff(p.y, 0.06) * (0.5 - 0.5 * n.y)
        }
        var colour = base * (lightColour * direct + hemisphere * ambient)
        if shine > 0, direct > 0 {
            let halfway = (light - rd).normalized()
            let x2 = max(0, n.dot(halfway)) * max(0, n.dot(halfway)), x8 = x2 * x2 * x2 * x2
            let specular = x8 * x8 * x8
            colour += lightColour * (shine * specular * direct)
        }
        return colour
    }

    /// How much of the key light reaches `p` (0 in full shadow, 1 in full light), with
    /// penumbrae that widen with the distance to the occluder. Shape `own` (the surface's own
    /// solid) and any solid that `p` touches are not occluders: a convex part shades itself by
    /// its normal, and neighbours at a joint overlap.
    @inline(__always)
    func visibility(from p: Vec3, own: Int) -> Float {
        guard shadows else { return 1 }
        var mask = shadowGrid.candidates(p)
        if own >= 0, own < ShadowGrid.capacity { mask &= ~(UInt64(1) << UInt64(own)) }
        var seen: Float = 1
        while mask != 0 {
            let index = mask.trailingZeroBitCount
            mask &= mask &- 1
            let proxy = proxies[index]
            if proxy.distance(to: p) < 0.012 { continue }
            let (t, clearance) = proxy.closestApproach(origin: p, direction: light)
            guard t > 0 else { continue }
            let width = max(penumbra * t, 0.002)
            seen = min(seen, smoothstep(-width, width, clearance))
            if seen <= 0.001 { return 0 }
        }
        return seen
    }

    /// How much of the room's light reaches `p` past nearby parts of the figure (1: all of it).
    @inline(__always)
    func ambientOcclusion(at p: Vec3, _ n: Vec3, own: Int) -> Float {
        var occluded: Float = 0
        var mask = occlusionGrid.candidates(p)
        if own >= 0, own < ShadowGrid.capacity { mask &= ~(UInt64(1) << UInt64(own)) }
        while mask != 0 {
            let index = mask.trailingZeroBitCount
            mask &= mask &- 1
            let proxy = proxies[index]
            let s = proxy.axisFraction(nearest: p)
            let v = proxy.a + (proxy.b - proxy.a) * s - p
            let d2 = v.lengthSquared
            let r = proxy.radius(at: s)
            let range = Self.occlusionRange + 1
            guard d2 < range * range * r * r, d2 > (r + 0.004) * (r + 0.004) else { continue }
            let d = d2.squareRoot()
            let cosine = n.dot(v) / d
            guard cosine > 0 else { continue }
            // A sphere's share of the hemisphere, cosine-weighted; a capsule's is larger.
            occluded += 1.4 * cosine * r * r / d2
        }
        return max(0.2, 1 - occluded)
    }

    /// A soft fade from 1 at distance 0 to 0 past about three times `scale` (a cheap stand-in
    /// for an exponential decay).
    @inline(__always)
    static func falloff(_ distance: Float, _ scale: Float) -> Float {
        let x = max(0, 1 - max(0, distance) / (3 * scale))
        return x * x * x
    }
}
