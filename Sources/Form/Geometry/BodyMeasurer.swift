import Foundation

/// Takes the measures of one pose: angles, inclinations to the floor, deviations, levels.
///
/// Every measurement lists the landmarks it used and is trusted only when all of them are
/// visible enough and the camera's view can show the plane it lies in (in image coordinates a
/// knee angle needs a side view; in world coordinates side-to-side measures need the camera off
/// the pure side view, and inclinations need either the camera off the body's long axis or a
/// floor found from resting landmarks).
public struct BodyMeasurer: Sendable {
    /// The landmark positions.
    public let geometry: PoseGeometry
    /// Where the floor is.
    public let floor: FloorEstimate
    /// The camera's view of the person, if the torso can be seen.
    public let view: CameraView?
    /// Whether the camera looks along the body (the torso is foreshortened in the picture).
    public let foreshortened: Bool
    /// The side doing the exercise, for `.working` and `.other` measures.
    public let workingSide: BodySide?
    /// The resting landmarks the floor was looked for at (named when heights cannot be measured).
    public let floorContacts: [BodyLandmark]

    /// A measurer of `geometry` with the floor found at `floorContacts` (camera up when empty).
    public init(geometry: PoseGeometry, floorContacts: [BodyLandmark] = [], workingSide: BodySide? = nil) {
        self.geometry = geometry
        let estimate = CameraView.estimate(geometry.pose, visibilityThreshold: geometry.visibilityThreshold)
        view = estimate?.view
        foreshortened = estimate?.foreshortened ?? false
        self.workingSide = workingSide
        self.floorContacts = floorContacts
        if floorContacts.isEmpty {
            floor = FloorEstimate(cameraUpIn: geometry)
        } else {
            let trunk = (geometry.midpoint(.shoulder).position - geometry.midpoint(.hip).position).length
            floor = FloorEstimate(contacts: floorContacts, in: geometry, trunkLength: trunk)
        }
    }

    /// The measurement `ref` names (for `.both`, the side seen better; checks split `.both` themselves).
    public func measure(_ ref: MeasureRef) -> Measurement {
        guard ref.kind.isSided else { return finish(ref.kind, compute(ref.kind, side: nil)) }
        switch ref.qualifier ?? .best {
        case .left: return measure(ref.kind, on: .left)
        case .right: return measure(ref.kind, on: .right)
        case .working, .other:
            let working = workingSide ?? geometry.bestSide(for: ref.kind.sidedJoints)
            return measure(ref.kind, on: ref.qualifier == .working ? working : working.opposite)
        case .best, .both:
            return measure(ref.kind, on: geometry.bestSide(for: ref.kind.sidedJoints))
        case .mean, .min, .max:
            let left = measure(ref.kind, on: .left), right = measure(ref.kind, on: .right)
            switch (left.trustedValue, right.trustedValue) {
            case let (l?, r?):
                let value = ref.qualifier == .mean ? (l + r) / 2 : ref.qualifier == .min ? Swift.min(l, r) : Swift.max(l, r)
                return Measurement(value: value, landmarks: union(left.landmarks, right.landmarks))
            case (_?, nil): return left
            case (nil, _?): return right
            case (nil, nil): return combinedFailure(left, right)
            }
        case .difference:
            let left = measure(ref.kind, on: .left), right = measure(ref.kind, on: .right)
            if let l = left.trustedValue, let r = right.trustedValue {
                return Measurement(value: abs(l - r), landmarks: union(left.landmarks, right.landmarks))
            }
            return combinedFailure(left, right)
        }
    }

    /// The sided measure `kind` on `side`.
    public func measure(_ kind: MeasureKind, on side: BodySide) -> Measurement {
        finish(kind, compute(kind, side: side))
    }

    // MARK: - Trust

    private func finish(_ kind: MeasureKind, _ raw: (value: Double?, landmarks: [BodyLandmark])) -> Measurement {
        let landmarks = Array(Set(raw.landmarks)).sorted()
        // Resting landmarks that found the floor passed the floor's own (lower) visibility bar.
        let hidden = landmarks.filter { !geometry.isTrusted($0) && !floor.landmarks.contains($0) }
        return Measurement(value: raw.value, landmarks: landmarks, hidden: hidden, neededView: neededView(for: kind.plane))
    }

    private func combinedFailure(_ a: Measurement, _ b: Measurement) -> Measurement {
        Measurement(value: nil, landmarks: union(a.landmarks, b.landmarks), hidden: union(a.hidden, b.hidden),
                    neededView: a.neededView ?? b.neededView)
    }

    private func union(_ a: [BodyLandmark], _ b: [BodyLandmark]) -> [BodyLandmark] {
        Array(Set(a).union(b)).sorted()
    }

    /// The view a measure in `plane` needs when the current one cannot show it, else `nil`.
    private func neededView(for plane: BodyPlane) -> CameraView? {
        guard let view else { return nil }
        switch (geometry.space, plane) {
        case (.image, .sagittal): return view == .front ? .side : nil
        case (.image, .frontal), (.world, .frontal): return view == .side ? .front : nil
        case (.image, .vertical): return foreshortened ? .side : nil
        // World coordinates turn with the camera: looking along the body, a pitched camera tips
        // the whole body, and only resting landmarks (a floor line or plane) can correct it.
        case (.world, .vertical):
            guard foreshortened else { return nil }
            let axis = trunkVector(preferring: nil).vector.normalized ?? geometry.cameraUp
            return floor.correctsTilt(along: axis) ? nil : .side
        case (.world, .sagittal): return nil
        }
    }

    // MARK: - The measures

    private func compute(_ kind: MeasureKind, side: BodySide?) -> (value: Double?, landmarks: [BodyLandmark]) {
        let s = side ?? .left
        let up = floor.up
        func p(_ joint: Joint) -> PoseGeometry.Point { geometry.point(joint, s) }
        func inclination(_ from: PoseGeometry.Point, _ to: PoseGeometry.Point) -> (Double?, [BodyLandmark]) {
            (Angle.elevation(of: to.position - from.position, up: up), from.landmarks + to.landmarks)
        }
        func jointAngle(_ a: Joint, _ vertex: Joint, _ c: Joint) -> (Double?, [BodyLandmark]) {
            (Angle.at(p(vertex).position, from: p(a).position, to: p(c).position),
             [a.landmark(s), vertex.landmark(s), c.landmark(s)])
        }
        switch kind {
        case .hipAngle:
            let trunk = trunkVector(preferring: s)
            let thigh = p(.knee).position - p(.hip).position
            return (Angle.between(trunk.vector, thigh), trunk.landmarks + [Joint.hip.landmark(s), Joint.knee.landmark(s)])
        case .kneeAngle: return jointAngle(.hip, .knee, .ankle)
        case .ankleAngle: return jointAngle(.knee, .ankle, .footIndex)
        case .elbowAngle: return jointAngle(.shoulder, .elbow, .wrist)
        case .shoulderAngle:
            let trunk = trunkVector(preferring: s)
            let arm = p(.elbow).position - p(.shoulder).position
            return (Angle.between(-trunk.vector, arm),
                    trunk.landmarks + [Joint.shoulder.landmark(s), Joint.elbow.landmark(s)])
        case .trunkInclination:
            let trunk = trunkVector(preferring: nil)
            return (Angle.elevation(of: trunk.vector, up: up), trunk.landmarks)
        case .bodyInclination: return inclination(geometry.midpoint(.ankle), geometry.midpoint(.shoulder))
        case .thighInclination: return inclination(p(.hip), p(.knee))
        case .shinInclination: return inclination(p(.knee), p(.ankle))
        case .legInclination: return inclination(p(.hip), p(.ankle))
        case .armInclination: return inclination(p(.shoulder), p(.wrist))
        case .upperArmInclination: return inclination(p(.shoulder), p(.elbow))
        case .hipOffShoulderAnkleLine: return hipOffLine(to: .ankle, asFraction: false)
        case .hipOffShoulderAnkleLineFraction: return hipOffLine(to: .ankle, asFraction: true)
        case .hipOffShoulderKneeLine: return hipOffLine(to: .knee, asFraction: false)
        case .hipOffShoulderKneeLineFraction: return hipOffLine(to: .knee, asFraction: true)
        case .headOffTrunkLine: return headOffTrunkLine()
        case .faceDirection:
            let ears = geometry.midpoint(.ear), nose = geometry.point(.nose)
            return (Angle.elevation(of: nose.position - ears.position, up: up), ears.landmarks + nose.landmarks)
        case .hipHeight: return height(of: geometry.midpoint(.hip))
        case .kneeHeight: return height(of: p(.knee))
        case .heelHeight: return height(of: p(.heel))
        case .pelvisLevel: return level(.hip, side: s)
        case .shoulderLevel: return level(.shoulder, side: s)
        case .kneeValgus: return kneeValgus(side: s)
        case .kneeRoll: return kneeRoll(toward: s)
        case .kneeGap:
            let knees = Joint.knee.landmarks, hips = Joint.hip.landmarks
            let gap = (geometry.position(knees.left) - geometry.position(knees.right)).length
            let thigh = ((geometry.position(knees.left) - geometry.position(hips.left)).length
                + (geometry.position(knees.right) - geometry.position(hips.right)).length) / 2
            return (thigh > 1e-9 ? gap / thigh : nil, [knees.left, knees.right, hips.left, hips.right])
        }
    }

    /// The trunk from the hip centre to the shoulder centre. When a shoulder or hip is hidden,
    /// the trunk of one side, with (in world coordinates) the sideways part removed that comes
    /// from the shoulders being wider than the hips.
    func trunkVector(preferring side: BodySide?) -> (vector: Vector3, landmarks: [BodyLandmark]) {
        let shoulders = Joint.shoulder.landmarks, hips = Joint.hip.landmarks
        let all = [shoulders.left, shoulders.right, hips.left, hips.right]
        let mid = geometry.midpoint(.shoulder).position - geometry.midpoint(.hip).position
        if all.allSatisfy(geometry.isTrusted) { return (mid, all) }
        let candidates = side.map { [$0, $0.opposite] } ?? [geometry.bestSide(for: [.shoulder, .hip]), geometry.bestSide(for: [.shoulder, .hip]).opposite]
        for candidate in candidates {
            let shoulder = shoulders[candidate], hip = hips[candidate]
            guard geometry.isTrusted(shoulder), geometry.isTrusted(hip) else { continue }
            var vector = geometry.position(shoulder) - geometry.position(hip)
            if geometry.space == .world, let lateral = geometry.towardRight {
                vector = vector.removingComponent(along: lateral)
            }
            return (vector, [shoulder, hip])
        }
        return (mid, all)
    }

    /// `offset` without its horizontal side-to-side part (in world coordinates), so that a point
    /// taken on one side instead of the midline does not count as a shift. Lying on a side, the
    /// hips' line is upright and nothing is removed: the deviations measured there are upright.
    private func sagittal(_ offset: Vector3) -> Vector3 {
        guard geometry.space == .world, let lateral = geometry.towardRight,
              let across = lateral.removingComponent(along: floor.up).normalized,
              abs(lateral.dot(floor.up)) < 0.5 else { return offset }
        return offset.removingComponent(along: across)
    }

    /// The trunk length in the geometry's units, with the landmarks it used.
    private func trunkLength() -> (length: Double, landmarks: [BodyLandmark]) {
        let trunk = trunkVector(preferring: nil)
        return (trunk.vector.length, trunk.landmarks)
    }

    /// The hip centre's distance above (+) or below (−) the line from the shoulders to `end`,
    /// measured toward the ceiling, as the bend at the hips in degrees or as a trunk fraction.
    private func hipOffLine(to end: Joint, asFraction: Bool) -> (Double?, [BodyLandmark]) {
        let a = geometry.midpoint(.shoulder), b = geometry.midpoint(end), hip = geometry.midpoint(.hip)
        let landmarks = a.landmarks + b.landmarks + hip.landmarks
        let line = b.position - a.position
        guard let direction = line.normalized,
              let normal = floor.up.removingComponent(along: direction).normalized,
              // A line within 15° of vertical has no "above".
              normal.dot(floor.up) > sin(Angle.radians(15)) else { return (nil, landmarks) }
        let offset = sagittal(hip.position - a.position)
        let h = offset.dot(normal), t = offset.dot(direction), length = line.length
        if asFraction {
            let trunk = trunkLength()
            return (trunk.length > 1e-9 ? h / trunk.length : nil, landmarks + trunk.landmarks)
        }
        let bend = (atan2(h, t) + atan2(h, length - t)) * Angle.degreesPerRadian
        return (bend, landmarks)
    }

    /// The ears' angle above (+) or below (−) the line of the trunk continued past the shoulders.
    private func headOffTrunkLine() -> (Double?, [BodyLandmark]) {
        let ears = geometry.midpoint(.ear), shoulders = geometry.midpoint(.shoulder)
        let trunk = trunkVector(preferring: nil)
        let landmarks = ears.landmarks + shoulders.landmarks + trunk.landmarks
        guard let axis = trunk.vector.normalized,
              let normal = floor.up.removingComponent(along: axis).normalized,
              normal.dot(floor.up) > sin(Angle.radians(15)) else { return (nil, landmarks) }
        let head = sagittal(ears.position - shoulders.position)
        return (atan2(head.dot(normal), head.dot(axis)) * Angle.degreesPerRadian, landmarks)
    }

    /// Height of `point` above the floor as a fraction of the trunk length.
    private func height(of point: PoseGeometry.Point) -> (Double?, [BodyLandmark]) {
        let trunk = trunkLength()
        let contacts = floor.landmarks.isEmpty ? floorContacts : floor.landmarks
        guard let height = floor.height(of: point.position), trunk.length > 1e-9 else {
            return (nil, point.landmarks + contacts + trunk.landmarks)
        }
        return (height / trunk.length, point.landmarks + contacts + trunk.landmarks)
    }

    /// The tilt of the line from the other side's `joint` to this side's, + when this side is higher.
    private func level(_ joint: Joint, side: BodySide) -> (Double?, [BodyLandmark]) {
        let high = geometry.point(joint, side), low = geometry.point(joint, side.opposite)
        return (Angle.elevation(of: high.position - low.position, up: floor.up), high.landmarks + low.landmarks)
    }

    /// The knee's angle inward (+) of the hip–ankle line, seen from the ankle in the plane of
    /// the leg and the hips' side-to-side line.
    private func kneeValgus(side: BodySide) -> (Double?, [BodyLandmark]) {
        let hip = geometry.point(.hip, side), knee = geometry.point(.knee, side), ankle = geometry.point(.ankle, side)
        let otherHip = geometry.point(.hip, side.opposite)
        let landmarks = hip.landmarks + knee.landmarks + ankle.landmarks + otherHip.landmarks
        guard let along = (hip.position - ankle.position).normalized,
              let outward = (hip.position - otherHip.position).removingComponent(along: along).normalized
        else { return (nil, landmarks) }
        let k = knee.position - ankle.position
        return (-atan2(k.dot(outward), k.dot(along)) * Angle.degreesPerRadian, landmarks)
    }

    /// How far the knees have rolled toward `side` from pointing at the ceiling: the thighs
    /// (from the hip centre to the knee centre, or the one thigh whose knee is seen) against up.
    private func kneeRoll(toward side: BodySide) -> (Double?, [BodyLandmark]) {
        let knees = Joint.knee.landmarks, hips = Joint.hip.landmarks
        var thighs = geometry.midpoint(.knee).position - geometry.midpoint(.hip).position
        var legLandmarks = [knees.left, knees.right, hips.left, hips.right]
        for visible in BodySide.allCases where geometry.isTrusted(knees[visible]) && !geometry.isTrusted(knees[visible.opposite]) {
            thighs = geometry.position(knees[visible]) - geometry.position(hips[visible])
            legLandmarks = [knees[visible], hips[visible]]
        }
        let near = geometry.point(.shoulder, side), far = geometry.point(.shoulder, side.opposite)
        let landmarks = legLandmarks + near.landmarks + far.landmarks
        guard let outward = (near.position - far.position).removingComponent(along: floor.up).normalized else {
            return (nil, landmarks)
        }
        let across = thighs.dot(outward), upward = thighs.dot(floor.up)
        guard abs(across) + abs(upward) > 1e-9 else { return (nil, landmarks) }
        return (atan2(across, upward) * Angle.degreesPerRadian, landmarks)
    }
}
