import Foundation
import Form
import Imaging

/// The head's frame and the face painted on it: eyes with irises, lids and brows, the mouth,
/// and the hairline.
///
/// The head is rigid on the face landmarks: its frame in the room is the rotation that takes
/// the standing figure's ears, eyes and mouth onto the posed ones, so the painted eyes and mouth
/// sit exactly on the skeleton's eye and mouth landmarks. Paint is worked out in head
/// coordinates: x to the person's left, y up, z forward, in units of ``radius``, origin at the
/// skull's centre.
struct FacePaint: Sendable {
    /// The skull's centre in the room.
    let centre: Vec3
    /// The head's axes in the room.
    let axes: Frame3
    /// The head's size (the skeleton's head radius), in metres.
    let radius: Float
    /// The eyes and the middle of the mouth in head coordinates.
    let leftEye: Vec3, rightEye: Vec3, mouth: Vec3
    /// Linear colours.
    let skin: Vec3, hair: Vec3, iris: Vec3, lips: Vec3
    /// Where the hair reaches down at the back of the head (head y).
    let nape: Float

    init(body: PosedBody, skeleton: Skeleton, style: FigureStyle) {
        let b = skeleton.proportions
        let standing = skeleton.bodyPositions(SkeletonPose()).map { Vec3($0) }
        let posed = body.positions.map { Vec3($0) }
        // The skull sits on the neck above the shoulder centre (the hip centre is the body
        // frame's origin when standing).
        let standingCentre = Vec3(0, Float(b.trunk + b.neck), 0)
        let standingFrame = Self.faceFrame(standing), posedFrame = Self.faceFrame(posed)
        let standingEars = Self.earCentre(standing), posedEars = Self.earCentre(posed)
        centre = posedEars + posedFrame.carrying(standingCentre - standingEars, from: standingFrame)
        axes = Frame3(x: posedFrame.carrying(Vec3(1, 0, 0), from: standingFrame),
                      y: posedFrame.carrying(Vec3(0, 1, 0), from: standingFrame),
                      z: posedFrame.carrying(Vec3(0, 0, 1), from: standingFrame))
        let r = Float(b.headRadius)
        radius = r
        let local = { (landmark: BodyLandmark) -> Vec3 in (standing[landmark.rawValue] - standingCentre) / r }
        leftEye = local(.leftEye)
        rightEye = local(.rightEye)
        mouth = (local(.mouthLeft) + local(.mouthRight)) / 2
        skin = LinearColor.from(style.skin)
        hair = LinearColor.from(style.hair)
        iris = LinearColor.from(style.eyes)
        lips = LinearColor.from(style.lips)
        nape = style.hairBun ? -0.6 : -0.4
    }

    /// A frame fixed to the face: x from the right ear to the left, y from the mouth up to the eyes.
    private static func faceFrame(_ p: [Vec3]) -> Frame3 {
        func at(_ landmark: BodyLandmark) -> Vec3 { p[landmark.rawValue] }
        let eyes = (at(.leftEye) + at(.rightEye)) / 2, mouth = (at(.mouthLeft) + at(.mouthRight)) / 2
        return Frame3(up: eyes - mouth, across: at(.leftEar) - at(.rightEar))
    }

    private static func earCentre(_ p: [Vec3]) -> Vec3 {
        (p[BodyLandmark.leftEar.rawValue] + p[BodyLandmark.rightEar.rawValue]) / 2
    }

    /// The colour of the head's surface at the room point `p` (linear RGB).
    func colour(at p: Vec3) -> Vec3 {
        let q = axes.local(p - centre) / radius
        // Hair: above a line that runs from the forehead down past the ears to the nape.
        let hairline = nape + (0.62 - nape) * smoothstep(-0.55, 0.4, q.z)
        var colour = mix(skin, hair, smoothstep(hairline - 0.02, hairline + 0.02, q.y))
        guard q.z > 0.3 else { return colour }
        for eye in [leftEye, rightEye] {
            let dx = q.x - eye.x, dy = q.y - eye.y
            // A shadow around the eye socket, the eyebrow (a gentle arch above it), the eye itself.
            let socket = (dx / 0.2) * (dx / 0.2) + ((dy - 0.02) / 0.13) * ((dy - 0.02) / 0.13)
            if socket < 1 { colour *= 0.82 + 0.18 * socket }
            let arch = dy - 0.2 - 0.05 * (1 - min(1, (dx / 0.2) * (dx / 0.2)))
            if abs(dx) < 0.2, abs(arch) < 0.035 { colour = hair * 0.8 }
            let white = (dx / 0.14) * (dx / 0.14) + (dy / 0.07) * (dy / 0.07)
            guard white < 1 else { continue }
            let d = (dx * dx + dy * dy).squareRoot()
            colour = d < 0.035 ? Vec3(repeating: 0.006) : d < 0.07 ? iris * 0.6 : Vec3(0.62, 0.6, 0.57)
            // The upper lid and its lashes.
            if dy > 0.035 - 0.4 * dx * dx { colour = hair * 0.35 }
        }
        let mx = (q.x - mouth.x) / 0.19, my = (q.y - mouth.y) / 0.05
        if mx * mx + my * my < 1 { colour = abs(q.y - mouth.y) < 0.012 ? lips * 0.3 : lips * 0.8 }
        return colour
    }
}

/// sRGB bytes and linear light.
enum LinearColor {
    /// The linear value of an 8-bit sRGB colour.
    static func from(_ colour: Imaging.RGB) -> Vec3 {
        Vec3(channel(colour.r), channel(colour.g), channel(colour.b))
    }

    /// The linear value of one 8-bit sRGB channel.
    static func channel(_ byte: UInt8) -> Float {
        let c = Float(byte) / 255
        return c <= 0.04045 ? c / 12.92 : Float(pow(Double((c + 0.055) / 1.055), 2.4))
    }
}
