/// A posable figure: joint angles in, the 33 BlazePose landmarks in metres out.
///
/// Positions are in the body frame: origin at the hip centre, x toward the person's left,
/// y up along the spine, z forward (the way the person faces), all when standing straight.
/// ``place(_:_:)`` puts the figure into a room (floor at y = 0) in a starting position, and
/// ``PinholeCamera`` turns it into image and world landmarks as a pose model would report them.
public struct Skeleton: Sendable {
    /// The segment lengths.
    public var proportions: BodyProportions

    /// A figure with `proportions` (an average adult 1.75 m tall by default).
    public init(proportions: BodyProportions = BodyProportions()) {
        self.proportions = proportions
    }

    /// The 33 landmark positions (indexed by ``BodyLandmark/rawValue``) in the body frame.
    public func bodyPositions(_ pose: SkeletonPose) -> [Vector3] {
        let b = proportions
        var points = [Vector3](repeating: .zero, count: BodyLandmark.count)
        func set(_ landmark: BodyLandmark, _ position: Vector3) { points[landmark.rawValue] = position }

        // Trunk: two segments (lower and upper back), each taking half the curl, bend and twist.
        let half = Rotation3.aboutY(pose.trunkRotation / 2) * Rotation3.aboutZ(-pose.trunkSideBend / 2)
            * Rotation3.aboutX(pose.trunkFlexion / 2)
        let lower = Rotation3.aboutX(pose.trunkLean) * half
        let upper = lower * half
        let shoulderCentre = lower.apply(Vector3(0, 0.4 * b.trunk, 0)) + upper.apply(Vector3(0, 0.6 * b.trunk, 0))

        // Pelvis: tilts and rolls on its own, carrying the legs.
        let pelvis = Rotation3.aboutY(pose.pelvisRotation) * Rotation3.aboutZ(pose.pelvisRoll) * Rotation3.aboutX(-pose.pelvisTilt)

        for side in BodySide.allCases {
            let outward = side == .left ? 1.0 : -1.0

            // Arm.
            let shoulder = shoulderCentre + upper.apply(Vector3(outward * b.shoulderWidth / 2, 0, 0))
            let arm = upper * Rotation3.aboutX(-pose.shoulderFlexion[side]) * Rotation3.aboutZ(outward * pose.shoulderAbduction[side])
            let elbow = shoulder + arm.apply(Vector3(0, -b.upperArm, 0))
            let forearm = arm * Rotation3.aboutX(-pose.elbowFlexion[side])
            let wrist = elbow + forearm.apply(Vector3(0, -b.forearm, 0))
            set(Joint.shoulder.landmark(side), shoulder)
            set(Joint.elbow.landmark(side), elbow)
            set(Joint.wrist.landmark(side), wrist)
            set(Joint.index.landmark(side), wrist + forearm.apply(Vector3(outward * 0.2 * b.hand, -b.hand, 0.1 * b.hand)))
            set(Joint.pinky.landmark(side), wrist + forearm.apply(Vector3(-outward * 0.35 * b.hand, -0.85 * b.hand, 0)))
            set(Joint.thumb.landmark(side), wrist + forearm.apply(Vector3(outward * 0.45 * b.hand, -0.55 * b.hand, 0.25 * b.hand)))

            // Leg.
            let hip = pelvis.apply(Vector3(outward * b.hipWidth / 2, 0, 0))
            let thigh = pelvis * Rotation3.aboutX(-pose.hipFlexion[side]) * Rotation3.aboutZ(outward * pose.hipAbduction[side])
                * Rotation3.aboutY(outward * pose.hipRotation[side])
            let knee = hip + thigh.apply(Vector3(0, -b.thigh, 0))
            let shin = thigh * Rotation3.aboutX(pose.kneeFlexion[side]) * Rotation3.aboutZ(outward * pose.kneeValgus[side])
            let ankle = knee + shin.apply(Vector3(0, -b.shin, 0))
            let foot = shin * Rotation3.aboutX(-pose.ankleFlexion[side])
            set(Joint.hip.landmark(side), hip)
            set(Joint.knee.landmark(side), knee)
            set(Joint.ankle.landmark(side), ankle)
            set(Joint.heel.landmark(side), ankle + foot.apply(Vector3(0, -0.7 * b.ankleHeight, -b.rearfoot)))
            set(Joint.footIndex.landmark(side), ankle + foot.apply(Vector3(0, -0.8 * b.ankleHeight, b.forefoot)))
        }

        // Head, on the neck above the shoulder centre.
        let head = upper * Rotation3.aboutX(pose.headFlexion) * Rotation3.aboutY(pose.headRotation)
        let centre = shoulderCentre + head.apply(Vector3(0, b.neck, 0))
        let r = b.headRadius
        func face(_ x: Double, _ y: Double, _ z: Double) -> Vector3 { centre + head.apply(Vector3(x * r, y * r, z * r)) }
        set(.nose, face(0, -0.1, 1.0))
        for side in BodySide.allCases {
            let o = side == .left ? 1.0 : -1.0
            let eyes: (inner: BodyLandmark, eye: BodyLandmark, outer: BodyLandmark) = side == .left
                ? (.leftEyeInner, .leftEye, .leftEyeOuter) : (.rightEyeInner, .rightEye, .rightEyeOuter)
            set(eyes.inner, face(o * 0.18, 0.22, 0.88))
            set(eyes.eye, face(o * 0.33, 0.22, 0.82))
            set(eyes.outer, face(o * 0.48, 0.22, 0.72))
            set(Joint.ear.landmark(side), face(o * 0.75, 0.05, -0.05))
            set(Joint.mouth.landmark(side), face(o * 0.25, -0.45, 0.85))
        }
        return points
    }

    /// The figure in `pose` placed in a room as `placement` says, resting on the floor (y = 0).
    public func place(_ pose: SkeletonPose, _ placement: Placement) -> PosedBody {
        let body = bodyPositions(pose)
        var pitch = placement.pitch
        if let (a, b) = placement.levelled {
            pitch = levellingPitch(body: body, placement: placement, a: a, b: b)
        }
        let orientation = placement.orientation(pitch: pitch)
        var points = body.map(orientation.apply)
        let resting = placement.levelled.map { [$0.0, $0.1] } ?? BodyLandmark.allCases
        let lowest = resting.map { points[$0.rawValue].y - clearance($0) }.min() ?? 0
        let hipCentre = (points[BodyLandmark.leftHip.rawValue] + points[BodyLandmark.rightHip.rawValue]) / 2
        let shift = Vector3(placement.floorX - hipCentre.x, -lowest, placement.floorZ - hipCentre.z)
        points = points.map { $0 + shift }
        return PosedBody(positions: points, orientation: orientation)
    }

    /// How far above the floor `landmark` sits when it rests on it (the flesh under the joint).
    public func clearance(_ landmark: BodyLandmark) -> Double {
        landmark.restingClearance * proportions.trunk
    }

    /// The pitch that rests landmarks `a` and `b` on the same floor, nearest the placement's own pitch.
    private func levellingPitch(body: [Vector3], placement: Placement, a: BodyLandmark, b: BodyLandmark) -> Double {
        func gap(_ pitch: Double) -> Double {
            let rotation = placement.orientation(pitch: pitch)
            return (rotation.apply(body[a.rawValue]).y - clearance(a)) - (rotation.apply(body[b.rawValue]).y - clearance(b))
        }
        var best = placement.pitch
        var bestDistance = Double.infinity
        var previous = -85.0
        var previousGap = gap(previous)
        for step in stride(from: -84.0, through: 85, by: 1) {
            let currentGap = gap(step)
            if (previousGap <= 0) != (currentGap <= 0) {
                var low = previous, high = step, lowGap = previousGap
                for _ in 0..<40 {
                    let mid = (low + high) / 2, midGap = gap(mid)
                    if (lowGap <= 0) == (midGap <= 0) { low = mid; lowGap = midGap } else { high = mid }
                }
                let root = (low + high) / 2
                if abs(root - placement.pitch) < bestDistance {
                    best = root
                    bestDistance = abs(root - placement.pitch)
                }
            }
            previous = step
            previousGap = currentGap
        }
        return best
    }
}

/// A placed figure: the 33 landmark positions in the room (metres, y up, floor at y = 0; each
/// landmark at least its ``Skeleton/clearance(_:)`` above the floor).
public struct PosedBody: Sendable {
    /// Positions indexed by ``BodyLandmark/rawValue``.
    public let positions: [Vector3]
    /// The rotation from the body frame (x left, y up the spine, z forward) to the room.
    public let orientation: Rotation3

    /// The position of `landmark`.
    public subscript(landmark: BodyLandmark) -> Vector3 { positions[landmark.rawValue] }

    /// The midpoint of the hips.
    public var hipCentre: Vector3 { (self[.leftHip] + self[.rightHip]) / 2 }

    /// The centre of the figure's bounding box.
    public var centre: Vector3 {
        let lows = positions.reduce(Vector3(repeating: .infinity)) { pointwiseMin($0, $1) }
        let highs = positions.reduce(Vector3(repeating: -.infinity)) { pointwiseMax($0, $1) }
        return (lows + highs) / 2
    }
}
