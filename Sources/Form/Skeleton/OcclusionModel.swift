/// Which landmarks the body itself hides from a camera, modelled with capsules.
///
/// Limbs are capsules along their bones, the torso a thick capsule from the hip centre to the
/// shoulder centre, the head a ball. A landmark is hidden when, in the picture, it falls inside
/// another body part's outline and lies behind that part's axis (from the camera). Parts of the
/// landmark's own limb, or of its own side, never hide it, and shoulders and hips are never
/// hidden (pose models infer them from the whole torso).
struct OcclusionModel {
    private struct Capsule {
        var a: BodyLandmark?
        var b: BodyLandmark?
        var start: Vector3
        var end: Vector3
        var radius: Double
        var limb: String
        var side: BodySide?
    }

    let occluded: Set<BodyLandmark>

    init(camera: PinholeCamera, body: PosedBody) {
        let p = body.positions.map(camera.cameraCoordinates)
        func at(_ landmark: BodyLandmark) -> Vector3 { p[landmark.rawValue] }
        var capsules: [Capsule] = []
        for side in BodySide.allCases {
            let arm = "arm.\(side)", leg = "leg.\(side)"
            let bones: [(Joint, Joint, Double, String)] = [
                (.shoulder, .elbow, 0.055, arm), (.elbow, .wrist, 0.045, arm),
                (.hip, .knee, 0.08, leg), (.knee, .ankle, 0.06, leg), (.heel, .footIndex, 0.04, leg),
            ]
            for (from, to, radius, limb) in bones {
                let a = from.landmark(side), b = to.landmark(side)
                capsules.append(Capsule(a: a, b: b, start: at(a), end: at(b), radius: radius, limb: limb, side: side))
            }
        }
        let shoulders = (at(.leftShoulder) + at(.rightShoulder)) / 2, hips = (at(.leftHip) + at(.rightHip)) / 2
        capsules.append(Capsule(a: nil, b: nil, start: hips, end: shoulders, radius: 0.13, limb: "torso", side: nil))
        let head = (at(.leftEar) + at(.rightEar)) / 2
        capsules.append(Capsule(a: nil, b: nil, start: head, end: head, radius: 0.1, limb: "head", side: nil))

        func limb(of landmark: BodyLandmark) -> String {
            switch landmark.bodyPart {
            case .elbows, .hands: return "arm.\(landmark.side?.rawValue ?? "")"
            case .knees, .feet: return "leg.\(landmark.side?.rawValue ?? "")"
            case .head: return "head.own"
            case .shoulders, .hips: return "joint"
            }
        }
        var hidden = Set<BodyLandmark>()
        // Pose models infer the shoulders and hips from the whole torso and report them as
        // visible from any side; only the limbs and face go hidden.
        for landmark in BodyLandmark.allCases where ![.shoulders, .hips].contains(landmark.bodyPart) {
            let point = at(landmark)
            guard point.z > 0 else { continue }
            let own = limb(of: landmark)
            // A limb passing in front of its own side's joints (an arm over the hip) does not hide
            // them from a pose model, which infers them; the body and the far limbs do.
            for capsule in capsules where capsule.limb != own && (capsule.side == nil || capsule.side != landmark.side) {
                if Self.hides(capsule.start, capsule.end, radius: capsule.radius, point: point, isHead: capsule.limb == "head",
                              pointIsFace: landmark.bodyPart == .head) {
                    hidden.insert(landmark)
                    break
                }
            }
        }
        occluded = hidden
    }

    /// Whether the capsule from `start` to `end` (camera coordinates) hides `point`.
    private static func hides(_ start: Vector3, _ end: Vector3, radius: Double, point: Vector3, isHead: Bool, pointIsFace: Bool) -> Bool {
        // Work in the picture plane scaled to metres at each depth: x/z, y/z.
        func flat(_ v: Vector3) -> SIMD2<Double> { SIMD2(v.x / v.z, v.y / v.z) }
        guard start.z > 0, end.z > 0 else { return false }
        let s = flat(start), e = flat(end), q = flat(point)
        let segment = e - s
        let lengthSquared = (segment * segment).sum()
        let t = lengthSquared > 0 ? max(0, min(1, ((q - s) * segment).sum() / lengthSquared)) : 0
        let closest = s + segment * t
        let depth = start.z + (end.z - start.z) * t
        let distance = ((q - closest) * (q - closest)).sum().squareRoot()
        // The face is hidden by the head only from behind it.
        let margin = isHead && pointIsFace ? 0.02 : 0.01
        return distance < radius / depth && point.z > depth + margin
    }
}
