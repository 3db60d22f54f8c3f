import Foundation
import Form
import Scoring
import TestSupport

/// A recording of Form's posable skeleton doing an exercise, filmed by a fixed camera, as the
/// frames `formcheck score` would get from the pose model (with pixel and world noise).
struct SyntheticRecording: CustomStringConvertible {
    var motion: ExerciseMotion
    var template: ExerciseTemplate
    var viewpoint: Viewpoint
    var sides: [BodySide] = [.left]
    var fault: (ExerciseMotion.Injection, Double)?
    var reps = 3
    var fps = 10.0
    var pixelNoise = 2.0
    var worldNoise = 0.01
    var seed: UInt64 = 1

    static let skeleton = Skeleton()

    var description: String {
        let view = "az \(Int(viewpoint.azimuth)) el \(Int(viewpoint.elevation))\(viewpoint.worldLandmarks ? "" : " image-only")"
        let sideText = sides.map(\.rawValue).joined(separator: "/")
        return "\(motion.id) [\(view), \(sideText)\(fault.map { ", \($0.0.fault) \($0.1)" } ?? "")]"
    }

    /// Every view, side plan and fault (at its clearest size) of every motion of the catalog; with
    /// `quick`, each motion's first view and first fault only, filmed at 5 frames per second.
    static func catalog(library: TemplateLibrary, quick: Bool = false) throws -> [SyntheticRecording] {
        var recordings: [SyntheticRecording] = []
        var seed: UInt64 = 1
        for motion in MotionCatalog.all {
            let template = try library.template(id: motion.id)
            let sides: [BodySide]
            switch template.prescription.sides {
            case .none: sides = [.left]
            case .each: sides = [.left, .left, .right]
            case .alternate: sides = [.left, .right, .left]
            }
            for viewpoint in quick ? Array(motion.views.prefix(1)) : motion.views {
                seed += 1
                recordings.append(SyntheticRecording(motion: motion, template: template, viewpoint: viewpoint, sides: sides, seed: seed))
            }
            for injection in quick ? Array(motion.faults.prefix(1)) : motion.faults {
                guard let size = injection.clearestSize else { continue }
                for viewpoint in (injection.views ?? motion.views).prefix(1) {
                    seed += 1
                    recordings.append(SyntheticRecording(motion: motion, template: template, viewpoint: viewpoint, sides: sides,
                                                         fault: (injection, size), seed: seed))
                }
            }
        }
        if quick {
            for index in recordings.indices { recordings[index].fps = 5 }
        }
        return recordings
    }

    /// The frames, as ``PoseExtraction`` would give them.
    func frames() -> [PosedFrame] {
        var timeline = MotionTimeline(motion: motion, countsReps: template.countsReps)
        // Held as long as the template prescribes, as a person following it would.
        if let hold = template.prescription.holdSeconds { timeline.holdSeconds = max(1.5, hold.minimum + 0.5) }
        timeline.reps = template.countsReps ? reps : min(reps, 2)
        timeline.sides = sides
        timeline.fps = fps
        timeline.fault = fault
        var random = SeededRandom(seed: seed)
        let camera = viewpoint.camera(for: timeline.setUpFrame.body(Self.skeleton))
        return timeline.steps.enumerated().map { index, step in
            var pose = camera.landmarks(of: step.frame.body(Self.skeleton))
            for landmark in BodyLandmark.allCases {
                var point = pose[landmark]
                point.x += random.gaussian(pixelNoise)
                point.y += random.gaussian(pixelNoise)
                pose[landmark] = point
                if let w = pose.world(landmark) {
                    pose.setWorld(landmark, WorldLandmark(x: w.x + random.gaussian(worldNoise), y: w.y + random.gaussian(worldNoise),
                                                          z: w.z + random.gaussian(worldNoise)))
                }
            }
            return PosedFrame(index: index, seconds: step.seconds, image: "synthetic/\(index)",
                              width: Int(camera.imageWidth), height: Int(camera.imageHeight),
                              landmarks: viewpoint.worldLandmarks ? pose : pose.imageOnly)
        }
    }
}
