import Form

/// The mannequin in one pose: the solids of its body, head and clothes, placed in the room.
///
/// Built from the posable skeleton: every limb runs between the skeleton's own landmarks (so a
/// joint's projected position lands on the drawn limb), the torso follows the spine's two
/// segments, and the head turns with the face landmarks (eyes, ears, nose, mouth).
public struct Figure: Sendable {
    /// The placed landmarks the figure was built on.
    public let body: PosedBody
    /// How the figure looks.
    public let style: FigureStyle
    /// The solids.
    let shapes: [Shape]
    /// What each solid is (`thigh.left`, `head`, …), in the order of ``shapes``.
    let parts: [String]
    /// The head's frame and face, for painting.
    let face: FacePaint

    /// From the wrist to the fingertips of a 1.75 m figure, in metres.
    static let handLength: Float = 0.13

    /// The figure in `frame`'s pose and placement (with its adjustment), dressed in `style`.
    public init(frame: ExerciseMotion.Frame, skeleton: Skeleton = Skeleton(), style: FigureStyle = FigureStyle.presets[0]) {
        self.init(body: frame.body(skeleton), pose: frame.pose, skeleton: skeleton, style: style)
    }

    /// The figure on the placed landmarks `body` of `pose` (the pose gives the spine's bend).
    public init(body: PosedBody, pose: SkeletonPose, skeleton: Skeleton = Skeleton(), style: FigureStyle = FigureStyle.presets[0]) {
        self.body = body
        self.style = style
        let b = skeleton.proportions
        let s = Float(b.height / 1.75)
        func at(_ landmark: BodyLandmark) -> Vec3 { Vec3(body[landmark]) }
        var shapes: [Shape] = [], parts: [String] = []
        func add(_ part: String, _ shape: Shape) {
            shapes.append(shape)
            parts.append(part)
        }

        // Torso: the pelvis, the lower back up to the spine's bend, the chest up to the shoulders.
        let hipCentre = (at(.leftHip) + at(.rightHip)) / 2
        let shoulderCentre = (at(.leftShoulder) + at(.rightShoulder)) / 2
        let lowerUp = Vec3(body.orientation.apply(SpineModel.lowerDirection(pose)))
        let bend = hipCentre + lowerUp * Float(SpineModel.lowerFraction * b.trunk)
        let upperUp = (shoulderCentre - bend).normalized(or: lowerUp)
        let pelvis = Frame3(up: lowerUp, across: at(.leftHip) - at(.rightHip))
        let chest = Frame3(up: upperUp, across: at(.leftShoulder) - at(.rightShoulder))
        add("pelvis", .ellipsoid(hipCentre + pelvis.y * (0.02 * s) - pelvis.z * (0.005 * s), frame: pelvis,
                                 radii: Vec3(0.175, 0.125, 0.112) * s, .bottom))
        let waist = hipCentre + pelvis.y * (0.05 * s)
        add("waist", .ellipticCone(waist, bend, 0.148 * s, 0.142 * s, depth: 0.72, frame: Frame3(up: bend - waist, across: pelvis.x),
                                    .bottom, far: .top, split: 0.3))
        let chestTop = shoulderCentre - chest.y * (0.065 * s) + chest.z * (0.03 * s)
        let chestBase = bend + chest.z * (0.01 * s)
        add("chest", .ellipticCone(chestBase, chestTop, 0.142 * s, 0.158 * s, depth: 0.7,
                                    frame: Frame3(up: chestTop - chestBase, across: chest.x), .top))
        add("shoulders", .roundCone(at(.leftShoulder), at(.rightShoulder), 0.058 * s, 0.058 * s, .top))

        // Head and neck.
        let face = FacePaint(body: body, skeleton: skeleton, style: style)
        let r = face.radius, h = face.axes
        func head(_ x: Float, _ y: Float, _ z: Float) -> Vec3 { face.centre + h.world(Vec3(x, y, z) * r) }
        add("head", .ellipsoid(face.centre, frame: h, radii: Vec3(0.78, 1.1, 0.98) * r, .face))
        add("jaw", .ellipsoid(head(0, -0.5, 0.27), frame: h, radii: Vec3(0.6, 0.5, 0.62) * r, .face))
        add("nose", .ellipsoid(head(0, -0.12, 0.93), frame: h, radii: Vec3(0.13, 0.22, 0.18) * r, .skin))
        for side in [Float(1), -1] {
            add(side > 0 ? "ear.left" : "ear.right", .ellipsoid(head(side * 0.76, 0.02, -0.05), frame: h, radii: Vec3(0.12, 0.3, 0.2) * r, .skin))
        }
        if style.hairBun { add("bun", .ellipsoid(head(0, 0.5, -0.95), frame: h, radii: Vec3(0.36, 0.34, 0.34) * r, .hair)) }
        add("neck", .roundCone(shoulderCentre - chest.y * (0.03 * s), head(0, -0.55, -0.12), 0.052 * s, 0.046 * s, .skin))

        // Arms and legs, between the skeleton's own landmarks.
        let trunkUp = shoulderCentre - hipCentre
        let headward = Vec3(trunkUp.x, 0, trunkUp.z).normalized(or: Vec3(1, 0, 0))
        let sleeve = Float(min(max(style.sleeveLength, 0), 1))
        let leg = Float(min(max(style.legLength, 0), 1))
        for side in BodySide.allCases {
            func j(_ joint: Joint) -> Vec3 { at(joint.landmark(side)) }
            let shoulder = j(.shoulder), elbow = j(.elbow), wrist = j(.wrist)
            add("upperArm.\(side)", .roundCone(shoulder, elbow, 0.053 * s, 0.04 * s, sleeve > 0 ? .top : .skin, far: .skin,
                                     split: sleeve > 0 ? sleeve : 2))
            add("forearm.\(side)", .roundCone(elbow, wrist, 0.04 * s, 0.028 * s, .skin))
            // The hand: a flat mitten from the wrist past the knuckles, and the thumb.
            let knuckles = (j(.index) + j(.pinky)) / 2
            var along = (knuckles - wrist).normalized(or: (wrist - elbow).normalized())
            var across = j(.index) - j(.pinky)
            var thumbBase = wrist + (j(.thumb) - wrist) * 0.3, thumbTip = j(.thumb) + (j(.thumb) - wrist) * 0.3
            // The skeleton has no wrist joint: a hand that would go through the floor lies flat
            // on it instead, fingers ahead of the forearm and toward the head.
            if (wrist + along * (Self.handLength * s)).y < 0.02 * s {
                let level = Vec3(along.x, 0, along.z) + headward * 0.7
                along = level.normalized(or: headward)
                across = Vec3(across.x, 0, across.z)
                let lateral = Frame3(up: along, across: across).x
                thumbBase = wrist + lateral * (0.026 * s) + along * (0.02 * s)
                thumbTip = thumbBase + (along * 0.045 + lateral * 0.015) * s
            }
            let handFrame = Frame3(up: along, across: across)
            add("hand.\(side)", .ellipticCone(wrist + along * (0.012 * s), wrist + along * (Self.handLength * s), 0.032 * s, 0.024 * s,
                                        depth: 0.5, frame: handFrame, .skin))
            add("thumb.\(side)", .roundCone(thumbBase, thumbTip, 0.013 * s, 0.01 * s, .skin))

            let hip = j(.hip), knee = j(.knee), ankle = j(.ankle)
            // Bottoms cover the thigh for the first 2·legLength of it, then the shin.
            let thighCover = min(leg * 2, 1), shinCover = max(leg * 2 - 1, 0)
            add("thigh.\(side)", .roundCone(hip, knee, 0.085 * s, 0.056 * s, thighCover > 0 ? .bottom : .skin, far: .skin,
                                     split: thighCover >= 1 ? 2 : thighCover))
            add("shin.\(side)", .roundCone(knee, ankle, 0.055 * s, 0.037 * s, shinCover > 0 ? .bottom : .skin, far: .skin,
                                     split: shinCover >= 1 ? 0.9 : shinCover * 0.9))
            // The shoe: round at the heel, lower and narrower at the toes, and the ankle in its collar.
            let heel = j(.heel), toe = j(.footIndex)
            let forward = (toe - heel).normalized()
            add("ankle.\(side)", .roundCone(ankle, ankle - (ankle - heel) * 0.2, 0.04 * s, 0.04 * s, .shoes))
            add("foot.\(side)", .roundCone(heel + forward * (0.025 * s), toe - forward * (0.02 * s), 0.036 * s, 0.027 * s, .shoes))
        }
        self.shapes = shapes
        self.parts = parts
        self.face = face
    }
}
