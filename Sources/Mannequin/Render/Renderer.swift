import Foundation
import Form
import Imaging

/// How a picture is rendered.
public struct RenderOptions: Sendable, Equatable {
    /// Whether edges (and the painted face) get four extra samples per pixel.
    public var antialiasing: Bool
    /// Threads to render on (tiles are shared between them); 1 renders on the calling thread.
    public var threads: Int

    /// Antialiased, on every core.
    public init(antialiasing: Bool = true, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.antialiasing = antialiasing
        self.threads = threads
    }
}

/// Draws the mannequin in its room, seen by a pinhole camera, by analytic ray tracing.
///
/// Every solid (round cones and ellipsoids) is intersected exactly; the floor and walls are
/// planes. The key light casts soft shadows (from each solid's capsule stand-in) and the room's
/// light is dimmed by analytic ambient occlusion. The picture is split into 16 × 16 tiles, each
/// testing only the solids whose projection covers it; tiles run in parallel and write disjoint
/// pixels, so the same figure, room, camera and light always give the same bytes. A second
/// pass takes four rotated-grid samples in pixels on an edge (a neighbour shows another
/// surface) or on the face.
public enum Renderer {
    /// Tile side in pixels.
    static let tileSize = 16

    /// The picture of `figure` in `room` seen by `camera` (its image size is the picture's).
    public static func render(_ figure: Figure, in room: Room, camera: PinholeCamera, lighting: Lighting = Lighting(),
                              options: RenderOptions = RenderOptions()) throws -> RGBImage {
        let (colours, _) = try trace(figure, in: room, camera: camera, lighting: lighting, options: options)
        return ToneCurve.standard.image(colours, width: Int(camera.imageWidth.rounded()), height: Int(camera.imageHeight.rounded()))
    }

    /// The linear colour of every pixel and the surface its centre shows (``RenderScene/Surface``
    /// raw values, or ``RenderScene/firstShapeID`` + 2 × shape index (+ 1 past the shape's
    /// material split)), row-major.
    static func trace(_ figure: Figure, in room: Room, camera: PinholeCamera, lighting: Lighting,
                      options: RenderOptions) throws -> (colours: [Vec3], surfaces: [UInt8]) {
        let width = Int(camera.imageWidth.rounded()), height = Int(camera.imageHeight.rounded())
        guard width > 0, height > 0, width <= 8192, height <= 8192 else {
            throw MannequinError.invalid("image size", "\(camera.imageWidth) × \(camera.imageHeight) pixels is not 1…8192 on each side",
                                         remedy: "Give the camera an image size from 1 to 8192 pixels per side")
        }
        guard options.threads >= 1 else {
            throw MannequinError.invalid("threads", "\(options.threads) is below 1", remedy: "Render on at least one thread")
        }
        let scene = RenderScene(figure: figure, room: room, camera: camera, lighting: lighting)
        let tilesAcross = (width + tileSize - 1) / tileSize, tilesDown = (height + tileSize - 1) / tileSize
        var colours = [Vec3](repeating: .zero, count: width * height)
        var ids = [UInt8](repeating: 0, count: width * height)
        let bounds = scene.shapes.indices.map { scene.screenBounds(of: $0, margin: 2) }

        /// The shapes whose picture overlaps the tile.
        @Sendable func candidates(_ tile: Int) -> ArraySlice<Int> {
            let x0 = (tile % tilesAcross) * tileSize, y0 = (tile / tilesAcross) * tileSize
            let x1 = min(x0 + tileSize, width) - 1, y1 = min(y0 + tileSize, height) - 1
            var list: [Int] = []
            for (index, bound) in bounds.enumerated() {
                guard let b = bound, b.x0 <= x1, b.x1 >= x0, b.y0 <= y1, b.y1 >= y0 else { continue }
                list.append(index)
            }
            return list[...]
        }

        colours.withUnsafeMutableBufferPointer { colourBuffer in
            ids.withUnsafeMutableBufferPointer { idBuffer in
                let out = DisjointWrites(colourBuffer), outIDs = DisjointWrites(idBuffer)
                // Pass 1: one ray through each pixel's centre.
                ParallelTiles.run(tilesAcross * tilesDown, threads: options.threads) { tile in
                    let list = candidates(tile)
                    let x0 = (tile % tilesAcross) * tileSize, y0 = (tile / tilesAcross) * tileSize
                    for y in y0..<min(y0 + tileSize, height) {
                        for x in x0..<min(x0 + tileSize, width) {
                            let (colour, id) = scene.trace(scene.ray(Float(x) + 0.5, Float(y) + 0.5), candidates: list)
                            out[y * width + x] = colour
                            outIDs[y * width + x] = id
                        }
                    }
                }
                guard options.antialiasing else { return }
                // Pass 2: edges and the face, four rotated-grid samples each.
                var isFace = [Bool](repeating: false, count: 256)
                for index in scene.shapes.indices where scene.shapes[index].material == .face {
                    isFace[Int(RenderScene.firstShapeID &+ UInt8(truncatingIfNeeded: index * 2))] = true
                    isFace[Int(RenderScene.firstShapeID &+ UInt8(truncatingIfNeeded: index * 2 + 1))] = true
                }
                let faceIDs = isFace
                let offsets: [(Float, Float)] = [(0.375, 0.125), (0.875, 0.375), (0.625, 0.875), (0.125, 0.625)]
                ParallelTiles.run(tilesAcross * tilesDown, threads: options.threads) { tile in
                    let list = candidates(tile)
                    let x0 = (tile % tilesAcross) * tileSize, y0 = (tile / tilesAcross) * tileSize
                    for y in y0..<min(y0 + tileSize, height) {
                        for x in x0..<min(x0 + tileSize, width) {
                            let id = outIDs[y * width + x]
                            var edge = faceIDs[Int(id)]
                            if !edge, x > 0 { edge = outIDs[y * width + x - 1] != id }
                            if !edge, x < width - 1 { edge = outIDs[y * width + x + 1] != id }
                            if !edge, y > 0 { edge = outIDs[(y - 1) * width + x] != id }
                            if !edge, y < height - 1 { edge = outIDs[(y + 1) * width + x] != id }
                            guard edge else { continue }
                            var sum = Vec3.zero
                            for (dx, dy) in offsets {
                                sum += scene.trace(scene.ray(Float(x) + dx, Float(y) + dy), candidates: list).colour
                            }
                            out[y * width + x] = sum * 0.25
                        }
                    }
                }
            }
        }
        return (colours, ids)
    }
}

/// Linear light to 8-bit sRGB through a gentle filmic shoulder, by table lookup.
struct ToneCurve: Sendable {
    /// Table entries per unit of linear light.
    static let scale: Float = 1024
    private let table: [UInt8]

    /// Extended Reinhard with a white point of 2.4, then the sRGB transfer curve.
    static let standard = ToneCurve(white: 2.4)

    init(white: Double) {
        table = (0..<(4 * Int(Self.scale))).map { index in
            let x = (Double(index) + 0.5) / Double(Self.scale)
            let mapped = min(1, x * (1 + x / (white * white)) / (1 + x))
            let encoded = mapped <= 0.0031308 ? 12.92 * mapped : 1.055 * pow(mapped, 1 / 2.4) - 0.055
            return UInt8(max(0, min(255, (encoded * 255).rounded())))
        }
    }

    /// One channel's byte.
    @inline(__always) func byte(_ value: Float) -> UInt8 {
        let index = Int(max(0, value) * Self.scale)
        return table[min(index, table.count - 1)]
    }

    /// The picture of linear `colours` (row-major, `width` × `height`).
    func image(_ colours: [Vec3], width: Int, height: Int) -> RGBImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for (i, c) in colours.enumerated() {
            pixels[i * 3] = byte(c.x)
            pixels[i * 3 + 1] = byte(c.y)
            pixels[i * 3 + 2] = byte(c.z)
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }
}
