/// The figure's solids sorted by where they dim the room's light: a grid of boxes around the
/// figure, each holding a bit mask of the solids whose ambient occlusion reaches into it.
/// Points outside the grid are not occluded at all.
struct OcclusionGrid: Sendable {
    private let low: Vec3
    private let cell: Float
    private let columns: Int, rows: Int, layers: Int
    private let masks: [UInt64]

    /// A grid for solids reaching as far as the spheres `reach` (centre and squared radius).
    init(reach: [SIMD4<Float>], cell: Float = 0.08) {
        assert(reach.count <= ShadowGrid.capacity, "the figure has more solids than an occlusion mask holds")
        let spheres = reach.prefix(ShadowGrid.capacity).map { (Vec3($0.x, $0.y, $0.z), $0.w.squareRoot()) }
        var low = Vec3(repeating: .infinity), high = Vec3(repeating: -.infinity)
        for (centre, radius) in spheres {
            low = pointwiseMin(low, centre - Vec3(repeating: radius))
            high = pointwiseMax(high, centre + Vec3(repeating: radius))
        }
        if spheres.isEmpty { (low, high) = (.zero, Vec3(repeating: cell)) }
        self.low = low
        self.cell = cell
        let size = (high - low) / cell
        columns = max(1, Int(size.x.rounded(.up)))
        rows = max(1, Int(size.y.rounded(.up)))
        layers = max(1, Int(size.z.rounded(.up)))
        var masks = [UInt64](repeating: 0, count: columns * rows * layers)
        for (index, (centre, radius)) in spheres.enumerated() {
            let from = (centre - Vec3(repeating: radius) - low) / cell, to = (centre + Vec3(repeating: radius) - low) / cell
            let x0 = max(0, Int(from.x)), x1 = min(columns - 1, Int(to.x))
            let y0 = max(0, Int(from.y)), y1 = min(rows - 1, Int(to.y))
            let z0 = max(0, Int(from.z)), z1 = min(layers - 1, Int(to.z))
            guard x0 <= x1, y0 <= y1, z0 <= z1 else { continue }
            for z in z0...z1 {
                for y in y0...y1 {
                    for x in x0...x1 {
                        // The sphere against the box's nearest point.
                        let boxLow = low + Vec3(Float(x), Float(y), Float(z)) * cell
                        let nearest = pointwiseMin(pointwiseMax(centre, boxLow), boxLow + Vec3(repeating: cell))
                        if (nearest - centre).lengthSquared <= radius * radius {
                            masks[(z * rows + y) * columns + x] |= 1 << UInt64(index)
                        }
                    }
                }
            }
        }
        self.masks = masks
    }

    /// The solids that may dim the room's light at `p`, as a bit mask of their indices.
    @inline(__always) func candidates(_ p: Vec3) -> UInt64 {
        let q = (p - low) / cell
        guard q.x >= 0, q.y >= 0, q.z >= 0 else { return 0 }
        let x = Int(q.x), y = Int(q.y), z = Int(q.z)
        guard x < columns, y < rows, z < layers else { return 0 }
        return masks[(z * rows + y) * columns + x]
    }
}
