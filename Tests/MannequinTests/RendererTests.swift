import Form
import Foundation
import Imaging
import Testing
@testable import Mannequin

/// The renderer: repeatable pixels, the picture agrees with the skeleton's camera, sizes and errors.
@Suite("Renderer")
struct RendererTests {
    static let skeleton = Skeleton()

    /// A figure of `pose` placed by `placement`, a camera around it and its room.
    static func scene(_ pose: SkeletonPose, _ placement: Placement, azimuth: Double, elevation: Double = 8,
                      width: Double = 320, height: Double = 240, style: FigureStyle = FigureStyle.presets[0])
        -> (Figure, Room, PinholeCamera) {
        let body = skeleton.place(pose, placement)
        let camera = PinholeCamera.viewing(body, azimuth: azimuth, elevation: elevation, distance: 3.2,
                                           imageWidth: width, imageHeight: height)
        let figure = Figure(body: body, pose: pose, skeleton: skeleton, style: style)
        return (figure, Room.staged(around: [body], camera: camera, mat: placement.posture != .standing), camera)
    }

    /// Arms out to the sides, legs apart: no limb in front of another from the front.
    static var star: SkeletonPose {
        var pose = SkeletonPose()
        pose.shoulderAbduction = LeftRight(both: 70)
        pose.hipAbduction = LeftRight(both: 15)
        pose.elbowFlexion = LeftRight(both: 10)
        return pose
    }

    @Test("the same scene gives the same bytes, on one thread or two, time after time")
    func deterministic() throws {
        let (figure, room, camera) = Self.scene(BasePoses.forearmPlank, BasePoses.onForearmsAndToes, azimuth: 0)
        let first = try Renderer.render(figure, in: room, camera: camera, options: RenderOptions(threads: 2))
        let second = try Renderer.render(figure, in: room, camera: camera, options: RenderOptions(threads: 2))
        let single = try Renderer.render(figure, in: room, camera: camera, options: RenderOptions(threads: 1))
        #expect(first == second)
        #expect(first == single)
        #expect(try JPEG.encode(first, quality: 80) == JPEG.encode(single, quality: 80))
        // A different pose is a different picture.
        var sagging = BasePoses.forearmPlank
        sagging.trunkFlexion = -40
        let (other, _, _) = Self.scene(sagging, BasePoses.onForearmsAndToes, azimuth: 0)
        #expect(try Renderer.render(other, in: room, camera: camera) != first)
    }

    /// Mid-stride, arms swinging: from the left side no near limb crosses another.
    static var stride: SkeletonPose {
        var pose = SkeletonPose()
        pose.shoulderFlexion = LeftRight(left: 40, right: -30)
        pose.elbowFlexion = LeftRight(both: 20)
        pose.hipFlexion = LeftRight(left: 30, right: -15)
        pose.kneeFlexion = LeftRight(left: 25, right: 10)
        return pose
    }

    @Test("each joint's projection lands on the drawn limb that runs through it",
          arguments: [(0.0, "side"), (90.0, "front"), (35.0, "oblique")])
    func projectionOnLimb(azimuth: Double, name: String) throws {
        let pose = azimuth == 0 ? Self.stride : Self.star
        let (figure, room, camera) = Self.scene(pose, Placement(.standing), azimuth: azimuth, width: 480, height: 480)
        let (_, surfaces) = try Renderer.trace(figure, in: room, camera: camera, lighting: Lighting(), options: RenderOptions())
        let seen = camera.landmarks(of: figure.body)
        func part(at point: Vector3) -> String? {
            guard let (x, y) = camera.project(point) else { return nil }
            let id = Int(surfaces[Int(y) * 480 + Int(x)])
            guard id >= Int(RenderScene.firstShapeID) else { return nil }
            return figure.parts[(id - Int(RenderScene.firstShapeID)) / 2]
        }
        var checked = 0
        // The sides facing the camera (from the front both; from the left side or at an angle, the left).
        for side in azimuth == 90 ? BodySide.allCases : [.left] {
            // Points along each limb, between two joints the camera sees.
            let limbs: [(Joint, Joint, String)] = [(.shoulder, .elbow, "upperArm"), (.elbow, .wrist, "forearm"),
                                                   (.hip, .knee, "thigh"), (.knee, .ankle, "shin")]
            for (from, to, limb) in limbs {
                let a = from.landmark(side), b = to.landmark(side)
                guard seen[a].visibility > 0.9, seen[b].visibility > 0.9 else { continue }
                for fraction in [0.3, 0.5, 0.7] {
                    let point = figure.body[a] + (figure.body[b] - figure.body[a]) * fraction
                    #expect(part(at: point) == "\(limb).\(side)", "\(name): \(limb).\(side) at \(fraction) shows \(part(at: point) ?? "the room")")
                    checked += 1
                }
            }
        }
        // The nose and the visible eye are on the head.
        for landmark in [BodyLandmark.nose, .leftEye, .rightEye] where seen[landmark].visibility > 0.9 {
            #expect(["head", "nose", "jaw"].contains(part(at: figure.body[landmark]) ?? ""), "\(name): \(landmark) off the head")
        }
        #expect(checked >= 12, "\(name): only \(checked) points checked")
        // Well away from the figure, the picture shows the room.
        #expect(Int(surfaces[5 * 480 + 5]) < Int(RenderScene.firstShapeID))
    }

    @Test("picture sizes: any size from 1 pixel, not multiples of the tile", arguments: [(1, 1), (17, 13), (640, 480), (33, 200)])
    func sizes(width: Int, height: Int) throws {
        let (figure, room, camera) = Self.scene(SkeletonPose(), Placement(.standing), azimuth: 90,
                                                width: Double(width), height: Double(height))
        let image = try Renderer.render(figure, in: room, camera: camera)
        #expect(image.width == width && image.height == height && image.pixels.count == width * height * 3)
        let decoded = try JPEG.decode(try JPEG.encode(image, quality: 80))
        #expect(decoded.width == width && decoded.height == height)
    }

    @Test("bad sizes and thread counts are errors that say what to do")
    func errors() {
        let (figure, room, _) = Self.scene(SkeletonPose(), Placement(.standing), azimuth: 90)
        let body = figure.body
        let empty = PinholeCamera.viewing(body, azimuth: 90, imageWidth: 0, imageHeight: 100)
        #expect(throws: MannequinError.self) { try Renderer.render(figure, in: room, camera: empty) }
        do {
            _ = try Renderer.render(figure, in: room, camera: PinholeCamera.viewing(body, azimuth: 90), options: RenderOptions(threads: 0))
            Issue.record("zero threads rendered")
        } catch let error as MannequinError {
            #expect(error.kind == .invalidSetting && error.description.contains("at least one thread"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("the figure is lit from the side it is told, and casts a shadow on the floor")
    func lighting() throws {
        let (figure, room, camera) = Self.scene(SkeletonPose(), Placement(.standing), azimuth: 90, width: 320, height: 320)
        func brightness(_ image: RGBImage, _ point: Vector3) -> Int {
            guard let (x, y) = camera.project(point) else { return -1 }
            let c = image[Int(x), Int(y)]
            return Int(c.r) + Int(c.g) + Int(c.b)
        }
        // Seen from the front, the person's right is the picture's left.
        let fromLeft = try Renderer.render(figure, in: room, camera: camera, lighting: Lighting(keyAzimuth: 20))
        let fromRight = try Renderer.render(figure, in: room, camera: camera, lighting: Lighting(keyAzimuth: 160))
        let rightEdge = figure.body[.rightShoulder] + (figure.body[.rightHip] - figure.body[.rightShoulder]) * 0.5
        #expect(brightness(fromLeft, rightEdge) > brightness(fromRight, rightEdge))
        // The floor beside the feet, away from the light, is darker with shadows than without.
        let shadowed = try Renderer.render(figure, in: room, camera: camera, lighting: Lighting(keyAzimuth: 20, keyElevation: 35))
        let unshadowed = try Renderer.render(figure, in: room, camera: camera,
                                             lighting: Lighting(keyAzimuth: 20, keyElevation: 35, shadows: false, ambientOcclusion: false))
        let image = shadowed.pixels.reduce(0) { $0 + Int($1) }, plain = unshadowed.pixels.reduce(0) { $0 + Int($1) }
        #expect(image < plain)
    }
}
