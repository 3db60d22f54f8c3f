import ArgumentParser
import Foundation
import Imaging
import Pose

/// `formcheck bench-pose`: times the pose pipeline from JPEG file to landmarks, frame by frame.
struct BenchPoseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-pose",
        abstract: "Time the pose pipeline from image file to landmarks, frame by frame (JSON).",
        discussion: """
            Reads and decodes each image file and finds its pose, timing both, over --repeat \
            passes after one untimed warm-up pass (the tracker is reset before every pass, so \
            each pass tracks the same way). Prints one JSON object: the settings, every timed \
            frame's decode_ms, pose_ms and total_ms, and the medians. bench/pose.py runs this \
            beside MediaPipe on the same frames.
            """)

    @Argument(help: ArgumentHelp("Images, or folders of images (natural order).", valueName: "path"))
    var paths: [String]

    @Option(help: ArgumentHelp("'video' (tracking) or 'image' (detector on every frame).", valueName: "mode"))
    var mode = "video"

    @Option(help: ArgumentHelp("Threads per model operator.", valueName: "n"))
    var threads = 1

    @Option(help: ArgumentHelp("Timed passes over the frames.", valueName: "n"))
    var `repeat` = 3

    @Flag(help: "Reproduce MediaPipe exactly (no second look at turned frames).")
    var exact = false

    func validate() throws {
        guard mode == "video" || mode == "image" else { throw ValidationError("--mode must be 'video' or 'image'") }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be between 1 and 64") }
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1") }
    }

    func run() throws {
        let inputs = PoseInputs(paths: paths)
        for problem in inputs.skipped { Console.error(problem) }
        guard !inputs.files.isEmpty else {
            Console.error("No image to time.")
            throw ExitCode.failure
        }
        let poseMode: PoseConfiguration.Mode = mode == "video" ? .video : .image
        var configuration = exact ? PoseConfiguration.mediaPipeExact(mode: poseMode) : PoseConfiguration(mode: poseMode)
        configuration.threads = threads
        let tracker = try PoseTracker(configuration: configuration)

        struct Timing {
            var image: String
            var decode: Double
            var pose: Double
            var found: Bool
        }
        var timings: [Timing] = []
        for pass in 0...`repeat` {
            tracker.reset()
            for path in inputs.files {
                let start = DispatchTime.now().uptimeNanoseconds
                let image = try ImageFile.load(path: path)
                let decoded = DispatchTime.now().uptimeNanoseconds
                let pose = try tracker.process(image)
                let end = DispatchTime.now().uptimeNanoseconds
                if pass > 0 {
                    timings.append(Timing(image: path, decode: Double(decoded - start) / 1e6,
                                          pose: Double(end - decoded) / 1e6, found: pose != nil))
                }
            }
        }
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            let n = sorted.count
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        }
        func ms(_ value: Double) -> String { String(format: "%.3f", value) }
        let frames = timings.map { t in
            "{\"image\": \(PoseJSON.string(t.image)), "
                + "\"decode_ms\": \(ms(t.decode)), \"pose_ms\": \(ms(t.pose)), \"total_ms\": \(ms(t.decode + t.pose)), "
                + "\"pose\": \(t.found)}"
        }
        print("""
            {"mode": "\(mode)", "threads": \(threads), "exact": \(exact), "repeat": \(`repeat`), \
            "frames_per_pass": \(inputs.files.count), \
            "median_decode_ms": \(ms(median(timings.map(\.decode)))), \
            "median_pose_ms": \(ms(median(timings.map(\.pose)))), \
            "median_total_ms": \(ms(median(timings.map { $0.decode + $0.pose }))), \
            "frames": [
            \(frames.joined(separator: ",\n"))
            ]}
            """)
    }
}
