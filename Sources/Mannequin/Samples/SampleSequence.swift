import Form
import Imaging

/// One rendered sample recording of an exercise, in good form or with one fault: its frames'
/// poses and times, the camera, the room and how the figure looks, and the truth about it.
///
/// The motion and its faults are the ones the Form tests use (``MotionCatalog``); the pacing
/// comes from the template's prescription (``SamplePlan``; a fault is shown in one rep); the camera sits at the
/// exercise's ``preferredView(_:fault:)`` (the motion's first view, the fault's when only some
/// views show it, or one chosen for the samples where BlazePose sees too little from those), as
/// close as lets the figure fill ``SampleSettings/fill`` of the picture in every frame.
public struct SampleSequence: Sendable {
    /// The exercise.
    public let template: ExerciseTemplate
    /// Its motion.
    public let motion: ExerciseMotion
    /// The fault put into the motion (`nil`: good form).
    public let injection: ExerciseMotion.Injection?
    /// The fault's size (its ``ExerciseMotion/Injection/clearestSize``).
    public let faultSize: Double?
    /// Sizes and pacing.
    public let settings: SampleSettings
    /// Reps, sides and timing.
    public let plan: SamplePlan
    /// Where the camera stands (with the distance it was moved to).
    public let viewpoint: Viewpoint
    /// The frames' poses and times.
    public let steps: [MotionTimeline.Step]
    /// The frames' placed figures.
    public let bodies: [PosedBody]
    /// The camera, fixed for the whole recording.
    public let camera: PinholeCamera
    /// The room.
    public let room: Room
    /// How the figure looks.
    public let style: FigureStyle
    /// The light.
    public let lighting: Lighting
    /// The skeleton's proportions.
    public let skeleton: Skeleton

    /// The folder name: `good`, or the fault id.
    public var name: String { injection?.fault ?? "good" }

    /// The sample of `template` in good form (`fault` nil) or with `fault` (one of its motion's
    /// faults), filmed from `viewpoint` (default: ``preferredView(_:fault:)``).
    public init(template: ExerciseTemplate, fault: String? = nil, settings: SampleSettings = SampleSettings(),
                skeleton: Skeleton = Skeleton(), viewpoint: Viewpoint? = nil) throws {
        try settings.validate()
        guard let motion = MotionCatalog.motion(template.id) else {
            throw MannequinError(.unknownExercise, problem: "no motion for the exercise '\(template.id)'",
                                 remedy: "Render one of: \(MotionCatalog.ids.joined(separator: ", "))")
        }
        var injection: ExerciseMotion.Injection?
        if let fault {
            guard let found = motion.injection(fault) else {
                throw MannequinError(.unknownExercise, problem: "the \(template.id) motion has no fault '\(fault)'",
                                     remedy: "Use one of: \(motion.faults.map(\.fault).joined(separator: ", "))")
            }
            injection = found
        }
        self.template = template
        self.motion = motion
        self.injection = injection
        self.settings = settings
        self.skeleton = skeleton
        faultSize = injection?.clearestSize
        let view = viewpoint ?? Self.preferredView(motion, fault: injection)
        plan = SamplePlan(template: template, viewpoint: view, settings: settings, oneRep: injection != nil)
        var timeline = plan.timeline(motion, countsReps: template.countsReps, fps: settings.fps)
        if let injection, let size = faultSize { timeline.fault = (injection, size) }
        steps = timeline.steps
        bodies = steps.map { $0.frame.body(skeleton) }
        let framed = CameraFraming.fit(view, setUp: timeline.setUpFrame.body(skeleton), bodies: bodies, settings: settings)
        camera = framed.camera
        self.viewpoint = framed.viewpoint
        let onFloor = steps.contains { $0.frame.placement.posture != .standing }
        room = Room.staged(around: bodies, camera: camera, backAgainstWall: motion.backAgainstWall, mat: onFloor)
        style = FigureStyle.preset(for: template.id)
        lighting = Lighting()
    }

    /// Cameras for samples where the motion's first view shows BlazePose too little of the
    /// figure: from the feet at floor level the bent knees of a knee roll hide the trunk and head
    /// (the figure is missed in over a quarter of the frames), so its samples are filmed from the
    /// feet 45° up (from 60° up the analysis no longer sees the rep even on exact landmarks); a side plank filmed from 15° up loses its arms after the first frame (the landmarks
    /// fold onto the trunk), from 25° up they stay apart; a bridge seen obliquely from the feet
    /// (45° round, 20° up) hides its head behind the knees and is lost as the knees come back
    /// together, from further round to the side and higher up it is not. Keys are an exercise
    /// id, or an exercise id and a fault id (`bridge/knees_apart`) for one fault's samples.
    static let sampleViews: [String: Viewpoint] = [
        "knee-roll": Viewpoint(azimuth: 90, elevation: 45),
        "side-plank": Viewpoint(azimuth: 90, elevation: 25),
        "bridge/knees_apart": Viewpoint(azimuth: 30, elevation: 30),
        "bridge/hip_dropping": Viewpoint(azimuth: 30, elevation: 30),
    ]

    /// The view a sample of `motion` (with `fault`) is filmed from: the sample view chosen for
    /// the fault or the exercise, else the fault's first view, else the motion's first.
    public static func preferredView(_ motion: ExerciseMotion, fault: ExerciseMotion.Injection? = nil) -> Viewpoint {
        fault.flatMap { sampleViews["\(motion.id)/\($0.fault)"] } ?? sampleViews[motion.id]
            ?? fault?.views?.first ?? motion.views.first ?? Viewpoint()
    }

    /// Every sample of `library`'s exercises: good form and each fault of each motion.
    public static func all(_ library: TemplateLibrary, settings: SampleSettings = SampleSettings()) throws -> [SampleSequence] {
        try library.templates.flatMap { template -> [SampleSequence] in
            guard let motion = MotionCatalog.motion(template.id) else {
                throw MannequinError(.unknownExercise, problem: "the template '\(template.id)' has no motion",
                                     remedy: "Add its motion to Form's MotionCatalog")
            }
            return try [nil as String?].map { try SampleSequence(template: template, fault: $0, settings: settings) }
                + motion.faults.map { try SampleSequence(template: template, fault: $0.fault, settings: settings) }
        }
    }

    /// The figure in frame `index`.
    public func figure(_ index: Int) -> Figure {
        Figure(body: bodies[index], pose: steps[index].frame.pose, skeleton: skeleton, style: style)
    }

    /// The picture of frame `index`.
    public func picture(_ index: Int, options: RenderOptions = RenderOptions()) throws -> RGBImage {
        try Renderer.render(figure(index), in: room, camera: camera, lighting: lighting, options: options)
    }

    /// The file name of frame `index`: `frame_0000.jpg`.
    public static func fileName(_ index: Int) -> String {
        let digits = String(index)
        return "frame_" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits + ".jpg"
    }
}

/// Places a camera at a viewpoint so that the figure fills the picture without leaving it.
enum CameraFraming {
    /// Flesh and hair around the landmarks, in metres.
    static let padding = 0.13

    /// The camera in the direction of `view` around the set-up body, looking at the middle of
    /// every frame's figure, as close as lets every frame fill at most `settings.fill` of the picture.
    static func fit(_ view: Viewpoint, setUp: PosedBody, bodies: [PosedBody], settings: SampleSettings)
        -> (camera: PinholeCamera, viewpoint: Viewpoint) {
        let oriented = PinholeCamera.viewing(setUp, azimuth: view.azimuth, elevation: view.elevation, distance: 1, roll: view.roll)
        let direction = (oriented.position - setUp.centre).normalized ?? Vector3(1, 0, 0)
        let points = bodies.flatMap(\.positions)
        var low = Vector3(repeating: .infinity), high = Vector3(repeating: -.infinity)
        for p in points {
            low = pointwiseMin(low, p)
            high = pointwiseMax(high, p)
        }
        let target = points.isEmpty ? setUp.centre : (low + high) / 2
        func camera(_ distance: Double) -> PinholeCamera {
            PinholeCamera(position: target + direction * distance, lookingAt: target, roll: view.roll,
                          imageWidth: Double(settings.width), imageHeight: Double(settings.height),
                          horizontalFieldOfView: settings.fieldOfView)
        }
        var distance = view.distance
        for _ in 0..<6 {
            let c = camera(distance)
            var reachX = 0.0, reachY = 0.0
            for p in points {
                let q = c.cameraCoordinates(p)
                guard q.z > 0.05 else { continue }
                let pad = c.focalLength * padding / q.z
                reachX = max(reachX, abs(c.focalLength * q.x / q.z) + pad)
                reachY = max(reachY, abs(c.focalLength * q.y / q.z) + pad)
            }
            let ratio = max(reachX / (settings.fill * c.imageWidth / 2), reachY / (settings.fill * c.imageHeight / 2))
            guard ratio.isFinite, ratio > 0 else { break }
            distance = min(12, max(1.2, distance * ratio))
        }
        var fitted = view
        fitted.distance = distance
        return (camera(distance), fitted)
    }
}

extension SampleSequence {
    /// The picture of the pose `progress` of the way from rest (0) to the target (1) on the
    /// sample's first side, with its fault if it has one, seen by the sample's camera in its room.
    public func still(progress: Double, options: RenderOptions = RenderOptions()) throws -> RGBImage {
        guard (0...1).contains(progress) else {
            throw MannequinError.invalid("progress", "\(progress) is not between 0 (rest) and 1 (the target)",
                                         remedy: "Give a fraction from 0 to 1")
        }
        let fault = injection.flatMap { injection in faultSize.map { (injection, $0) } }
        let frame = motion.frame(progress: progress, side: plan.sides.first ?? .left, fault: fault)
        let figure = Figure(frame: frame, skeleton: skeleton, style: style)
        return try Renderer.render(figure, in: room, camera: camera, lighting: lighting, options: options)
    }
}
