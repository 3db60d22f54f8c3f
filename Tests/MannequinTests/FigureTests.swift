import Form
import Testing
@testable import Mannequin

/// The figure built on the skeleton: the spine it bends along, the head it turns, its parts.
@Suite("Figure")
struct FigureTests {
    static let skeleton = Skeleton()

    /// Poses that bend, twist and tip the trunk and turn the head.
    static let poses: [SkeletonPose] = {
        var poses: [SkeletonPose] = [SkeletonPose()]
        for (flexion, lean, side, twist, head, turn) in [(30.0, 0.0, 0.0, 0.0, 20.0, 0.0), (-25, 35, 0, 0, -30, 0),
                                                         (10, 0, 20, -40, 0, 35), (36, 50, -15, 25, 55, -20)] {
            var pose = SkeletonPose()
            pose.trunkFlexion = flexion
            pose.trunkLean = lean
            pose.trunkSideBend = side
            pose.trunkRotation = twist
            pose.headFlexion = head
            pose.headRotation = turn
            pose.hipFlexion = LeftRight(left: 40, right: 10)
            poses.append(pose)
        }
        return poses
    }()

    @Test("the spine's two segments, rebuilt here, end at the skeleton's shoulders")
    func spineMatchesSkeleton() {
        let b = Self.skeleton.proportions
        for pose in Self.poses {
            let p = Self.skeleton.bodyPositions(pose)
            let shoulders = (p[BodyLandmark.leftShoulder.rawValue] + p[BodyLandmark.rightShoulder.rawValue]) / 2
            let hips = (p[BodyLandmark.leftHip.rawValue] + p[BodyLandmark.rightHip.rawValue]) / 2
            let rebuilt = hips + SpineModel.lowerDirection(pose) * (SpineModel.lowerFraction * b.trunk)
                + SpineModel.upperDirection(pose) * ((1 - SpineModel.lowerFraction) * b.trunk)
            #expect((rebuilt - shoulders).length < 1e-9, "trunk flexion \(pose.trunkFlexion), lean \(pose.trunkLean)")
        }
    }

    @Test("the painted eyes and mouth sit on the skeleton's eye and mouth landmarks in any pose and placement")
    func faceFollowsLandmarks() {
        for pose in Self.poses {
            for placement in [Placement(.standing), BasePoses.supine, BasePoses.onAllFours, Placement(.sideLying(down: .left))] {
                let body = Self.skeleton.place(pose, placement)
                let face = FacePaint(body: body, skeleton: Self.skeleton, style: FigureStyle.presets[0])
                func world(_ q: Vec3) -> Vector3 {
                    let p = face.centre + face.axes.world(q * face.radius)
                    return Vector3(Double(p.x), Double(p.y), Double(p.z))
                }
                #expect((world(face.leftEye) - body[.leftEye]).length < 1e-4)
                #expect((world(face.rightEye) - body[.rightEye]).length < 1e-4)
                #expect((world(face.mouth) - (body[.mouthLeft] + body[.mouthRight]) / 2).length < 1e-4)
                // The axes stay orthonormal.
                #expect(abs(face.axes.x.dot(face.axes.y)) < 1e-5 && abs(face.axes.z.length - 1) < 1e-5)
            }
        }
    }

    @Test("the face is painted: eyes darker than the cheeks, hair on top")
    func facePaint() {
        let body = Self.skeleton.place(SkeletonPose(), Placement(.standing))
        let style = FigureStyle.presets[1]
        let face = FacePaint(body: body, skeleton: Self.skeleton, style: style)
        func colour(_ q: Vec3) -> Vec3 { face.colour(at: face.centre + face.axes.world(q * face.radius)) }
        let pupil = colour(face.leftEye), cheek = colour(face.leftEye + Vec3(0, -0.3, 0)), crown = colour(Vec3(0, 1.1, 0))
        #expect(pupil.x + pupil.y + pupil.z < 0.2 * (cheek.x + cheek.y + cheek.z))
        #expect((crown - LinearColor.from(style.hair)).length < 1e-5)
        #expect((cheek - LinearColor.from(style.skin)).length < 1e-5)
    }

    @Test("every limb runs between its own two landmarks")
    func limbsOnLandmarks() {
        let pose = Self.poses[4]
        let figure = Figure(body: Self.skeleton.place(pose, Placement(.standing)), pose: pose, skeleton: Self.skeleton)
        let limbs: [(String, Joint, Joint)] = [("upperArm", .shoulder, .elbow), ("forearm", .elbow, .wrist),
                                               ("thigh", .hip, .knee), ("shin", .knee, .ankle)]
        for side in BodySide.allCases {
            for (name, from, to) in limbs {
                let index = figure.parts.firstIndex(of: "\(name).\(side)")
                #expect(index != nil, "no \(name).\(side)")
                guard let index else { continue }
                let shape = figure.shapes[index]
                #expect((shape.a - Vec3(figure.body[from.landmark(side)])).length < 1e-5)
                #expect((shape.b - Vec3(figure.body[to.landmark(side)])).length < 1e-5)
            }
        }
        #expect(figure.shapes.count == figure.parts.count && figure.shapes.count <= ShadowGrid.capacity)
    }

    @Test("styles: the same name always picks the same style, and names spread over the styles")
    func styles() {
        #expect(FigureStyle.preset(for: "plank") == FigureStyle.preset(for: "plank"))
        let ids = MotionCatalog.ids
        #expect(Set(ids.map { FigureStyle.presets.firstIndex(of: FigureStyle.preset(for: $0)) ?? -1 }).count == FigureStyle.presets.count)
    }
}
