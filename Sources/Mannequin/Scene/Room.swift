import Foundation
import Form
import Imaging

/// The room around the figure: a floor (y = 0), a wall behind the figure, optionally a wall at
/// its back (a wall squat) and an exercise mat.
public struct Room: Sendable, Equatable {
    /// A wall: an infinite vertical plane with a skirting board along the floor.
    public struct Wall: Sendable, Equatable {
        /// A point on the wall (metres, room coordinates).
        public var point: Vector3
        /// The wall's horizontal unit normal, pointing into the room.
        public var normal: Vector3

        /// A wall through `point` facing `normal` (made horizontal and unit length).
        public init(point: Vector3, normal: Vector3) {
            self.point = point
            self.normal = Vector3(normal.x, 0, normal.z).normalized ?? Vector3(0, 0, 1)
        }
    }

    /// An exercise mat lying on the floor.
    public struct Mat: Sendable, Equatable {
        /// Its centre on the floor.
        public var centre: Vector3
        /// The horizontal unit direction of its length.
        public var along: Vector3
        /// Length and width in metres.
        public var length: Double, width: Double

        /// A mat `length` × `width` metres centred at `centre`, its length along `along`.
        public init(centre: Vector3, along: Vector3, length: Double, width: Double) {
            self.centre = Vector3(centre.x, 0, centre.z)
            self.along = Vector3(along.x, 0, along.z).normalized ?? Vector3(1, 0, 0)
            self.length = length
            self.width = width
        }
    }

    /// The walls.
    public var walls: [Wall]
    /// The mat, if any.
    public var mat: Mat?
    /// Colours of the floor, the walls, the skirting boards and the mat.
    public var floorColour: RGB, wallColour: RGB, skirtingColour: RGB, matColour: RGB

    /// A room with these walls and mat, in a light wooden floor, cream walls and a sage mat by default.
    public init(walls: [Wall], mat: Mat?, floorColour: RGB = RGB(hex: 0xB89B7A), wallColour: RGB = RGB(hex: 0xE9E2D6),
                skirtingColour: RGB = RGB(hex: 0xF6F4EF), matColour: RGB = RGB(hex: 0x6F7F5E)) {
        self.walls = walls
        self.mat = mat
        self.floorColour = floorColour
        self.wallColour = wallColour
        self.skirtingColour = skirtingColour
        self.matColour = matColour
    }

    /// How far behind the figure's farthest point the back wall stands, in metres.
    public static let wallGap = 1.0

    /// A room set up for a recording of `bodies` (every frame's placed figure) filmed by
    /// `camera`: the back wall ``wallGap`` beyond the farthest the figure ever reaches from the
    /// camera, facing it; with `backAgainstWall`, a wall touching the first body's back; with
    /// `mat`, a mat under every frame's figure.
    public static func staged(around bodies: [PosedBody], camera: PinholeCamera, backAgainstWall: Bool = false,
                              mat: Bool) -> Room {
        let up = Vector3(0, 1, 0)
        let ahead = camera.axes.z.removingComponent(along: up).normalized ?? Vector3(0, 0, -1)
        let points = bodies.flatMap(\.positions)
        let farthest = points.map { $0.dot(ahead) }.max() ?? 0
        let centre = points.isEmpty ? Vector3.zero : points.reduce(Vector3.zero, +) / Double(points.count)
        // The flesh reaches about a tenth of a metre past the landmarks.
        let backPoint = centre + ahead * (farthest + 0.1 + wallGap - centre.dot(ahead))
        var walls = [Wall(point: Vector3(backPoint.x, 0, backPoint.z), normal: -ahead)]
        if backAgainstWall, let first = bodies.first {
            let front = first.orientation.z.removingComponent(along: up).normalized ?? -ahead
            // The wall touches the buttocks, about 0.12 m behind the hip joints.
            let back = first.hipCentre - front * 0.12
            walls.append(Wall(point: Vector3(back.x, 0, back.z), normal: front))
        }
        return Room(walls: walls, mat: mat ? Self.mat(under: points) : nil)
    }

    /// A standard mat (1.83 × 0.61 m, or larger when the figure needs it) along the figure's
    /// longest horizontal spread.
    static func mat(under points: [Vector3]) -> Mat {
        guard !points.isEmpty else { return Mat(centre: .zero, along: Vector3(1, 0, 0), length: 1.83, width: 0.61) }
        let n = Double(points.count)
        let mean = points.reduce(Vector3.zero, +) / n
        // The principal horizontal direction of the points.
        var xx = 0.0, xz = 0.0, zz = 0.0
        for p in points {
            let dx = p.x - mean.x, dz = p.z - mean.z
            xx += dx * dx
            xz += dx * dz
            zz += dz * dz
        }
        let angle = 0.5 * atan2(2 * xz, xx - zz)
        let along = Vector3(cos(angle), 0, sin(angle)), across = Vector3(-sin(angle), 0, cos(angle))
        let a = points.map { ($0 - mean).dot(along) }, c = points.map { ($0 - mean).dot(across) }
        let (aLow, aHigh) = (a.min() ?? 0, a.max() ?? 0), (cLow, cHigh) = (c.min() ?? 0, c.max() ?? 0)
        let centre = mean + along * ((aLow + aHigh) / 2) + across * ((cLow + cHigh) / 2)
        return Mat(centre: centre, along: along, length: max(1.83, aHigh - aLow + 0.3), width: max(0.61, cHigh - cLow + 0.25))
    }
}

/// How the scene is lit: one key light from the side, and soft light from the room.
public struct Lighting: Sendable, Equatable {
    /// Where the key light comes from, in degrees around the vertical from the picture's left
    /// (0: from the left, 90: from behind the camera).
    public var keyAzimuth: Double
    /// The key light's height above the horizon, in degrees.
    public var keyElevation: Double
    /// The key light's apparent radius in degrees: how soft its shadows are.
    public var keySize: Double
    /// The key light's strength, and the room's (ambient) light's.
    public var keyStrength: Double, ambientStrength: Double
    /// Whether shadows are cast (soft, from the key light).
    public var shadows: Bool
    /// Whether nearby parts darken each other's ambient light (ambient occlusion).
    public var ambientOcclusion: Bool

    /// A key light from the left, a little toward the camera and 50° up, with soft shadows and occlusion.
    public init(keyAzimuth: Double = 35, keyElevation: Double = 50, keySize: Double = 4, keyStrength: Double = 2.3,
                ambientStrength: Double = 0.75, shadows: Bool = true, ambientOcclusion: Bool = true) {
        self.keyAzimuth = keyAzimuth
        self.keyElevation = keyElevation
        self.keySize = keySize
        self.keyStrength = keyStrength
        self.ambientStrength = ambientStrength
        self.shadows = shadows
        self.ambientOcclusion = ambientOcclusion
    }
}
