/// The figure's solids sorted by where their shadows fall: a grid on the plane across the key
/// light, each cell holding a bit mask of the solids whose shadow (with its widest penumbra)
/// may cover it.
///
/// The key light is directional, so every shadow ray is parallel and crosses that plane at one
/// point: looking up the point's cell leaves only the few solids in its way.
struct ShadowGrid: Sendable {
    /// The most solids a mask can hold.
    static let capacity = 64

    private let u: Vec3, v: Vec3
    private let u0: Float, v0: Float, cell: Float
    private let columns: Int, rows: Int
    private let masks: [UInt64]

    /// A grid for `shapes` lit along the unit direction `light`; `margin` widens every solid by
    /// the widest penumbra it can cast.
    init(shapes: [Shape], light: Vec3, margin: Float, cell: Float = 0.04) {
        assert(shapes.count <= Self.capacity, "the figure has more solids than a shadow mask holds")
        let frame = Frame3(up: light, across: abs(light.x) < 0.9 ? Vec3(1, 0, 0) : Vec3(0, 0, 1))
        u = frame.x
        v = frame.z
        self.cell = cell
        let count = min(shapes.count, Self.capacity)
        var lowU = Float.infinity, lowV = Float.infinity, highU = -Float.infinity, highV = -Float.infinity
        for shape in shapes.prefix(count) {
            let cu = shape.boundCentre.dot(u), cv = shape.boundCentre.dot(v), r = shape.boundRadius + margin
            lowU = min(lowU, cu - r)
            highU = max(highU, cu + r)
            lowV = min(lowV, cv - r)
            highV = max(highV, cv + r)
        }
        if count == 0 { (lowU, highU, lowV, highV) = (0, cell, 0, cell) }
        u0 = lowU
        v0 = lowV
        columns = max(1, Int(((highU - lowU) / cell).rounded(.up)))
        rows = max(1, Int(((highV - lowV) / cell).rounded(.up)))
        var masks = [UInt64](repeating: 0, count: columns * rows)
        for (index, shape) in shapes.prefix(count).enumerated() {
            let cu = shape.boundCentre.dot(u) - lowU, cv = shape.boundCentre.dot(v) - lowV, r = shape.boundRadius + margin
            let c0 = max(0, Int(((cu - r) / cell).rounded(.down))), c1 = min(columns - 1, Int(((cu + r) / cell).rounded(.down)))
            let r0 = max(0, Int(((cv - r) / cell).rounded(.down))), r1 = min(rows - 1, Int(((cv + r) / cell).rounded(.down)))
            guard c0 <= c1, r0 <= r1 else { continue }
            for row in r0...r1 {
                for column in c0...c1 {
                    // The disc against the cell's nearest point.
                    let nu = min(max(cu, Float(column) * cell), Float(column + 1) * cell) - cu
                    let nv = min(max(cv, Float(row) * cell), Float(row + 1) * cell) - cv
                    if nu * nu + nv * nv <= r * r { masks[row * columns + column] |= 1 << UInt64(index) }
                }
            }
        }
        self.masks = masks
    }

    /// The solids that may shade the point `p`, as a bit mask of their indices.
    @inline(__always) func candidates(_ p: Vec3) -> UInt64 {
        let column = Int(((p.dot(u) - u0) / cell).rounded(.down)), row = Int(((p.dot(v) - v0) / cell).rounded(.down))
        guard column >= 0, column < columns, row >= 0, row < rows else { return 0 }
        return masks[row * columns + column]
    }
}
