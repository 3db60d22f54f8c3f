import Foundation
import Form

/// Everything one picture needs, in single precision: the figure's solids, the room, the light
/// and the camera. Tracing a ray through it is pure: the same ray always gives the same colour.
struct RenderScene: Sendable {
    /// What a primary ray hit, as a small number: room surfaces below ``firstShapeID``, then
    /// two per shape (its near and far material). Pixels whose neighbours differ are edges.
    static let firstShapeID: UInt8 = 8
    enum Surface: UInt8 { case floor = 0, mat, wall, skirting }

    struct Plane: Sendable {
        var point: Vec3
        var normal: Vec3
    }

    struct MatArea: Sendable {
        var centre: Vec3, along: Vec3, across: Vec3
        var halfLength: Float, halfWidth: Float
    }

    let shapes: [Shape]
    /// Each shape's capsule stand-in, for shadows and occlusion.
    let proxies: [Capsule]
    /// Which shapes may dim the room's light where.
    let occlusionGrid: OcclusionGrid
    /// Which shapes may shade which shadow rays.
    let shadowGrid: ShadowGrid
    let face: FacePaint
    /// Linear albedo by ``Material`` raw value.
    let albedo: [Vec3]
    let walls: [Plane]
    let mat: MatArea?
    let floorColour: Vec3, wallColour: Vec3, skirtingColour: Vec3, matColour: Vec3
    /// Unit direction toward the key light, its colour, the sky's and the floor's bounce.
    let light: Vec3, lightColour: Vec3, sky: Vec3, bounce: Vec3
    /// The key light's angular radius (its tangent): penumbra width per metre.
    let penumbra: Float
    let shadows: Bool, occlusion: Bool
    /// A sphere around the whole figure.
    let figureCentre: Vec3, figureRadius: Float
    /// The camera: centre, axes (x right, y down, z forward), focal length and image centre in pixels.
    let eye: Vec3, right: Vec3, down: Vec3, forward: Vec3
    let focal: Float, cx: Float, cy: Float
    let width: Int, height: Int

    /// The farthest, in metres, that a penumbra keeps widening.
    static let longestShadow: Float = 2.5

    /// How many radii from a solid its ambient occlusion reaches.
    static let occlusionRange: Float = 5

    /// The skirting boards' height in metres.
    static let skirtingHeight: Float = 0.09

    init(figure: Figure, room: Room, camera: PinholeCamera, lighting: Lighting) {
        let style = figure.style
        shapes = figure.shapes
        face = figure.face
        var albedo = [Vec3](repeating: .zero, count: 6)
        albedo[Int(Material.skin.rawValue)] = LinearColor.from(style.skin)
        albedo[Int(Material.face.rawValue)] = LinearColor.from(style.skin)
        albedo[Int(Material.top.rawValue)] = LinearColor.from(style.top)
        albedo[Int(Material.bottom.rawValue)] = LinearColor.from(style.bottom)
        albedo[Int(Material.shoes.rawValue)] = LinearColor.from(style.shoes)
        albedo[Int(Material.hair.rawValue)] = LinearColor.from(style.hair)
        self.albedo = albedo
        walls = room.walls.map { Plane(point: Vec3($0.point), normal: Vec3($0.normal)) }
        mat = room.mat.map { mat in
            let along = Vec3(mat.along)
            return MatArea(centre: Vec3(mat.centre), along: along, across: Vec3(0, 1, 0).cross(along),
                           halfLength: Float(mat.length / 2), halfWidth: Float(mat.width / 2))
        }
        floorColour = LinearColor.from(room.floorColour)
        wallColour = LinearColor.from(room.wallColour)
        skirtingColour = LinearColor.from(room.skirtingColour)
        matColour = LinearColor.from(room.matColour)

        eye = Vec3(camera.position)
        right = Vec3(camera.axes.x)
        down = Vec3(camera.axes.y)
        forward = Vec3(camera.axes.z)
        focal = Float(camera.focalLength)
        cx = Float(camera.imageWidth / 2)
        cy = Float(camera.imageHeight / 2)
        width = Int(camera.imageWidth.rounded())
        height = Int(camera.imageHeight.rounded())

        // The key light: around the vertical from the picture's left toward the camera, then up.
        let up = Vec3(0, 1, 0)
        let level = forward.removing(up).normalized(or: Vec3(0, 0, 1))
        let left = up.cross(level)
        let azimuth = Float(lighting.keyAzimuth * .pi / 180), elevation = Float(lighting.keyElevation * .pi / 180)
        let horizontal = left * Float(cos(Double(azimuth))) - level * Float(sin(Double(azimuth)))
        light = (horizontal * Float(cos(Double(elevation))) + up * Float(sin(Double(elevation)))).normalized()
        lightColour = Vec3(1.0, 0.96, 0.9) * Float(lighting.keyStrength)
        sky = Vec3(0.92, 0.95, 1.0) * Float(lighting.ambientStrength)
        bounce = LinearColor.from(room.floorColour) * Float(lighting.ambientStrength) * 0.9
        penumbra = Float(tan(lighting.keySize * .pi / 180))
        shadows = lighting.shadows
        occlusion = lighting.ambientOcclusion

        var low = Vec3(repeating: .infinity), high = Vec3(repeating: -.infinity)
        for shape in shapes {
            low = pointwiseMin(low, shape.boundCentre - Vec3(repeating: shape.boundRadius))
            high = pointwiseMax(high, shape.boundCentre + Vec3(repeating: shape.boundRadius))
        }
        figureCentre = shapes.isEmpty ? .zero : (low + high) / 2
        figureRadius = shapes.isEmpty ? 0 : (high - low).length / 2
        proxies = shapes.map(\.proxy)
        occlusionGrid = OcclusionGrid(reach: shapes.map { shape in
            let reach = shape.boundRadius + (Self.occlusionRange + 1) * max(shape.proxy.ra, shape.proxy.rb)
            return SIMD4(shape.boundCentre.x, shape.boundCentre.y, shape.boundCentre.z, reach * reach)
        })
        // The widest penumbra a solid casts on what lies within 2.5 m of it (farther shadows
        // keep that width).
        shadowGrid = ShadowGrid(shapes: shapes, light: light, margin: penumbra * Self.longestShadow)
    }

    /// The unit direction of the ray through the image point (`x`, `y`) in pixels.
    @inline(__always) func ray(_ x: Float, _ y: Float) -> Vec3 {
        (right * ((x - cx) / focal) + down * ((y - cy) / focal) + forward).normalized()
    }

    /// The pixel rectangle (inclusive) that may show shape `index`, or `nil` when it is wholly
    /// behind the camera; the whole picture when it reaches behind the camera.
    func screenBounds(of index: Int, margin: Float) -> (x0: Int, y0: Int, x1: Int, y1: Int)? {
        let shape = shapes[index]
        // A round cone lies within the boxes around its end spheres; an ellipsoid within its bounding sphere.
        let spheres: [(Vec3, Float)] = shape.kind == .roundCone && !shape.transformed
            ? [(shape.a, shape.ra), (shape.b, shape.rb)] : [(shape.boundCentre, shape.boundRadius)]
        var lowX = Float.infinity, lowY = Float.infinity, highX = -Float.infinity, highY = -Float.infinity
        for (centre, r) in spheres {
            let c = centre - eye
            let local = Vec3(c.dot(right), c.dot(down), c.dot(forward))
            if local.z + r < 0.01 { continue }
            if local.z - r < 0.01 { return (0, 0, width - 1, height - 1) }
            // The projections of the corners of the cube around the sphere bound its picture.
            for dx in [-r, r] {
                for dy in [-r, r] {
                    for dz in [-r, r] {
                        let z = local.z + dz
                        let px = cx + focal * (local.x + dx) / z, py = cy + focal * (local.y + dy) / z
                        lowX = min(lowX, px)
                        highX = max(highX, px)
                        lowY = min(lowY, py)
                        highY = max(highY, py)
                    }
                }
            }
        }
        guard lowX.isFinite, lowY.isFinite else { return nil }
        let x0 = Int(max(0, (lowX - margin).rounded(.down))), y0 = Int(max(0, (lowY - margin).rounded(.down)))
        let x1 = Int(min(Float(width - 1), (highX + margin).rounded(.up))), y1 = Int(min(Float(height - 1), (highY + margin).rounded(.up)))
        return x0 <= x1 && y0 <= y1 ? (x0, y0, x1, y1) : nil
    }
}
