import Foundation
import Form

/// The truth about a rendered sample, as written to its `truth.json`: the exercise, the fault
/// put in (if any), the camera, what a session should count, and every frame's true joint
/// angles and landmark pixels.
///
/// Keys are snake_case in the file. Angles are in degrees (the skeleton's joint angles, not the
/// template's measures), pixels in the picture's coordinates (x right, y down, the top-left
/// corner of the top-left pixel at 0, 0).
public struct SampleTruth: Codable, Sendable, Equatable {
    /// The fault put into the motion.
    public struct Fault: Codable, Sendable, Equatable {
        /// The template's fault id.
        public var id: String
        /// The size put in, in the injection's own units (degrees of the joint it changes).
        public var size: Double
        /// Whether the fault is in every frame (else only toward the target).
        public var throughout: Bool
        /// The phases in which the analysis should report it.
        public var phases: [String]
    }

    /// The camera.
    public struct Camera: Codable, Sendable, Equatable {
        /// Degrees around the figure (0 its left, 90 its front, 180 its right, 270 behind).
        public var azimuth: Double
        /// Degrees above the horizontal.
        public var elevation: Double
        /// Roll in degrees.
        public var roll: Double
        /// Metres from the figure's middle.
        public var distance: Double
        /// Where it stands in the room (metres, y up, floor at 0).
        public var position: [Double]
        /// Its axes in the room: right, down and forward (the line of sight).
        public var right: [Double], down: [Double], forward: [Double]
        /// Focal length in pixels.
        public var focalLength: Double
        /// Horizontal field of view in degrees.
        public var horizontalFieldOfView: Double
    }

    /// How much the template prescribes.
    public struct Prescribed: Codable, Sendable, Equatable {
        /// Reps (per side).
        public var reps: Int?
        /// The least and aimed-for hold in seconds.
        public var holdSeconds: [Double]?
        /// `none`, `each` or `alternate`.
        public var sides: String
        /// In words.
        public var summary: String
    }

    /// What a session of these frames should find.
    public struct Expected: Codable, Sendable, Equatable {
        /// Full reps done (0 for an exercise without reps).
        public var reps: Int
        /// The side of each rep.
        public var repSides: [String]
        /// Holds: one per rep for exercises that hold each rep, one for a plain hold.
        public var holds: Int
        /// Seconds the pose is held at the target in good form, per hold (0 when the fault is in
        /// the hold); an analysis timing the hold from a threshold also counts part of the move.
        public var goodHoldSeconds: Double
        /// Faults a session adds to each rep because the sample is shorter than the
        /// prescription (a hold below its minimum).
        public var repFaults: [String]
        /// Frames in which the fault should be reported.
        public var faultFrames: Int
    }

    /// The pacing.
    public struct Timing: Codable, Sendable, Equatable {
        /// Seconds at rest before the first rep.
        public var leadIn: Double
        /// Seconds from rest to the target.
        public var move: Double
        /// Seconds at the target, or in the hold.
        public var hold: Double
        /// Seconds at rest after each rep.
        public var rest: Double
    }

    /// The skeleton's joint angles in degrees (``SkeletonPose``), to a tenth of a degree; paired
    /// angles as [left, right].
    public struct Angles: Codable, Sendable, Equatable {
        public var hipFlexion: [Double], hipAbduction: [Double], hipRotation: [Double]
        public var kneeFlexion: [Double], kneeValgus: [Double], ankleFlexion: [Double]
        public var shoulderFlexion: [Double], shoulderAbduction: [Double], elbowFlexion: [Double]
        public var trunkFlexion: Double, trunkLean: Double, trunkSideBend: Double, trunkRotation: Double
        public var pelvisTilt: Double, pelvisRoll: Double, pelvisRotation: Double
        public var headFlexion: Double, headRotation: Double

        /// The angles of `pose`.
        public init(_ pose: SkeletonPose) {
            func r(_ value: Double) -> Double { (value * 10).rounded() / 10 }
            func pair(_ value: LeftRight<Double>) -> [Double] { [r(value.left), r(value.right)] }
            hipFlexion = pair(pose.hipFlexion)
            hipAbduction = pair(pose.hipAbduction)
            hipRotation = pair(pose.hipRotation)
            kneeFlexion = pair(pose.kneeFlexion)
            kneeValgus = pair(pose.kneeValgus)
            ankleFlexion = pair(pose.ankleFlexion)
            shoulderFlexion = pair(pose.shoulderFlexion)
            shoulderAbduction = pair(pose.shoulderAbduction)
            elbowFlexion = pair(pose.elbowFlexion)
            trunkFlexion = r(pose.trunkFlexion)
            trunkLean = r(pose.trunkLean)
            trunkSideBend = r(pose.trunkSideBend)
            trunkRotation = r(pose.trunkRotation)
            pelvisTilt = r(pose.pelvisTilt)
            pelvisRoll = r(pose.pelvisRoll)
            pelvisRotation = r(pose.pelvisRotation)
            headFlexion = r(pose.headFlexion)
            headRotation = r(pose.headRotation)
        }
    }

    /// One frame.
    public struct Frame: Codable, Sendable, Equatable {
        /// The picture's file name.
        public var file: String
        /// Seconds from the first frame.
        public var seconds: Double
        /// `setup`, `rest`, `moving` or `target`.
        public var phase: String
        /// How far from rest (0) to the target (1).
        public var progress: Double
        /// The working side.
        public var side: String
        /// The rep (or hold) it belongs to, from 1.
        public var rep: Int?
        /// Whether the analysis should report the fault here.
        public var faultExpected: Bool
        /// The skeleton's joint angles.
        public var angles: Angles
        /// The 33 landmarks in MediaPipe's order: [x px, y px, visibility], visibility 0.99 when
        /// seen, 0.3 when the body (or the floor) hides it, 0.05 outside the picture.
        public var landmarks: [[Double]]
    }

    /// The template id.
    public var exercise: String
    /// `good` or the fault id.
    public var sequence: String
    /// How the frames were made.
    public var source: String
    /// The fault put in (`nil`: good form).
    public var fault: Fault?
    /// Frames per second.
    public var fps: Double
    /// Picture size in pixels.
    public var width: Int, height: Int
    /// The camera.
    public var camera: Camera
    /// The working side facing the camera.
    public var side: String
    /// The template's prescription.
    public var prescription: Prescribed
    /// What the sample leaves out of the prescription (`nil`: nothing).
    public var shortened: String?
    /// The pacing.
    public var timing: Timing
    /// What a session should find.
    public var expected: Expected
    /// The frames in order.
    public var frames: [Frame]

    /// The truth about `sample`.
    public init(_ sample: SampleSequence, source: String) {
        func round(_ value: Double, _ places: Double) -> Double { (value * places).rounded() / places }
        let template = sample.template
        exercise = template.id
        sequence = sample.name
        self.source = source
        fault = sample.injection.map { injection in
            Fault(id: injection.fault, size: sample.faultSize ?? 0, throughout: injection.throughout,
                  phases: Phase.allCases.filter { injection.reportedPhases.contains($0) }.map(\.rawValue))
        }
        fps = sample.settings.fps
        width = sample.settings.width
        height = sample.settings.height
        let c = sample.camera
        func vector(_ v: Vector3) -> [Double] { [round(v.x, 1e4), round(v.y, 1e4), round(v.z, 1e4)] }
        camera = Camera(azimuth: sample.viewpoint.azimuth, elevation: sample.viewpoint.elevation, roll: sample.viewpoint.roll,
                        distance: round(sample.viewpoint.distance, 1e3), position: vector(c.position),
                        right: vector(c.axes.x), down: vector(c.axes.y), forward: vector(c.axes.z),
                        focalLength: round(c.focalLength, 1e3), horizontalFieldOfView: sample.settings.fieldOfView)
        side = (sample.plan.sides.first ?? .left).rawValue
        let p = template.prescription
        prescription = Prescribed(reps: p.reps, holdSeconds: p.holdSeconds.map { [$0.minimum, $0.target] },
                                  sides: p.sides.rawValue, summary: p.summary)
        shortened = sample.plan.shortened
        timing = Timing(leadIn: round(sample.plan.leadInSeconds, 100), move: round(sample.plan.moveSeconds, 100),
                        hold: round(sample.plan.holdSeconds, 100), rest: round(sample.plan.restSeconds, 100))
        let steps = sample.steps
        let period = 1 / sample.settings.fps
        let reps = template.countsReps ? sample.plan.reps : 0
        let faultAtTarget = sample.injection != nil
        let held = steps.filter { $0.phase == .target && $0.rep == 1 }.count
        let holds = template.countsReps ? (p.holdSeconds != nil ? reps : 0) : 1
        var repFaults: [String] = []
        if template.countsReps, sample.plan.holdBelowMinimum, let short = template.movement?.shortHoldFault { repFaults.append(short) }
        expected = Expected(reps: reps, repSides: (0..<reps).map { sample.plan.sides[$0 % sample.plan.sides.count].rawValue },
                            holds: holds, goodHoldSeconds: holds == 0 || faultAtTarget ? 0 : round(Double(held) * period, 100),
                            repFaults: repFaults, faultFrames: steps.filter(\.faultExpected).count)
        frames = zip(steps.indices, zip(steps, sample.bodies)).map { index, pair in
            let (step, body) = pair
            let seen = c.landmarks(of: body)
            let landmarks = BodyLandmark.allCases.map { landmark -> [Double] in
                let point = seen[landmark]
                // A joint the motion puts under the floor (an arm hanging behind a raised
                // trunk) is hidden by it.
                let visibility = body[landmark].y < 0 && point.visibility > Self.hidden ? Self.hidden : point.visibility
                return [round(point.x, 10), round(point.y, 10), round(visibility, 100)]
            }
            return Frame(file: SampleSequence.fileName(index), seconds: round(step.seconds, 1000), phase: step.phase.rawValue,
                         progress: round(step.progress, 1000), side: step.side.rawValue, rep: step.rep,
                         faultExpected: step.faultExpected, angles: Angles(step.frame.pose), landmarks: landmarks)
        }
    }

    /// The visibility of a landmark the body or the floor hides.
    static let hidden = 0.3

    /// The JSON text (snake_case keys, sorted, compact).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        do {
            return try encoder.encode(self)
        } catch {
            throw MannequinError(.encoding, problem: "cannot encode the truth of \(exercise)/\(sequence) (\(error))",
                                 remedy: "Report this as a bug")
        }
    }

    /// Reads a `truth.json`.
    public static func decode(_ data: Data, source: String) throws -> SampleTruth {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(SampleTruth.self, from: data)
        } catch {
            throw MannequinError(.fileSystem, problem: "\(source) is not a sample truth file (\(error))",
                                 remedy: "Render the samples again with `formcheck render --samples`")
        }
    }
}
