import ArgumentParser
import Capture
import Foundation
import Imaging
import Pose
import Reports

/// `formcheck pose`: finds the 33 body landmarks in images or a frame sequence.
struct PoseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pose",
        abstract: "Find a person's 33 body landmarks in images or a frame sequence.",
        discussion: """
            Each PATH is a JPEG or PNG image, or a folder whose images are taken in natural \
            order (frame_2 before frame_10). Without --video every image is a separate photo; \
            with --video the images are one video, in which the person is tracked and the \
            landmarks smoothed, as MediaPipe's video mode does. Files that cannot be read are \
            skipped and listed at the end; the exit status is non-zero only when no image could \
            be processed. --json writes one object per image: {"image", "width", "height", \
            "pose": null | {"landmarks": [33 x {"name", "x_px", "y_px", "z", "visibility", \
            "presence"}], "world_landmarks": [33 x {"x", "y", "z"}]}}, which `formcheck \
            analyze` reads. The models are looked for in $FORMCHECK_MODELS, the package's \
            Models folder, and beside the executable.
            """)

    @Argument(help: ArgumentHelp("Images, or folders of images.", valueName: "path"))
    var paths: [String]

    @Flag(help: "Treat the images as one video: track the person and smooth the landmarks.")
    var video = false

    @Option(name: .customLong("json"), help: ArgumentHelp("Write the landmarks as JSON to this file ('-' for standard output).", valueName: "file"))
    var jsonPath: String?

    @Option(help: ArgumentHelp("Write every image with its skeleton drawn, as JPEG, into this folder.", valueName: "folder"))
    var annotate: String?

    @Option(help: ArgumentHelp("Threads per model operator.", valueName: "n"))
    var threads = 1

    @Flag(help: "Reproduce MediaPipe exactly: no second look at turned frames for people lying down.")
    var exact = false

    @Flag(help: "Add each pose's detection, regions and auxiliary landmarks to the JSON, under \"debug\".")
    var debug = false

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one image or folder") }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be between 1 and 64") }
    }

    func run() throws {
        var configuration = exact ? PoseConfiguration.mediaPipeExact(mode: video ? .video : .image)
                                  : PoseConfiguration(mode: video ? .video : .image)
        configuration.threads = threads
        let tracker = try PoseTracker(configuration: configuration)
        let inputs = PoseInputs(paths: paths)
        var skipped = inputs.skipped
        if let annotate {
            try FileManager.default.createDirectory(atPath: annotate, withIntermediateDirectories: true)
        }
        let toStandardOutput = jsonPath == "-"
        var frames: [String] = []
        var annotatedNames = UniqueFileNames()
        var found = 0
        for path in inputs.files {
            let image: RGBImage
            do {
                image = try ImageFile.load(path: path)
            } catch {
                skipped.append(error.description)
                continue
            }
            let pose = try tracker.process(image)
            if pose != nil { found += 1 }
            frames.append(PoseJSON.frame(image: path, width: image.width, height: image.height, pose: pose, debug: debug))
            let summary = pose.map { "pose (presence \(String(format: "%.3f", $0.debug.poseScore)))" } ?? "no pose"
            Console.report("\(path): \(image.width)x\(image.height), \(summary)", toStandardError: toStandardOutput)
            if let annotate {
                var drawn = image
                if let pose { drawn.drawPose(pose) }
                let name = annotatedNames.name(for: path)
                do {
                    try ImageFile.save(drawn, to: (annotate as NSString).appendingPathComponent(name))
                } catch {
                    skipped.append("\(path): the annotated image could not be written (\(error.description))")
                }
            }
        }
        if let jsonPath {
            let text = PoseJSON.array(frames)
            if toStandardOutput {
                print(text, terminator: "")
            } else {
                do {
                    try text.write(toFile: jsonPath, atomically: true, encoding: .utf8)
                } catch {
                    throw ValidationError("cannot write \(jsonPath): \(error.localizedDescription). Check that its folder exists and is writable.")
                }
            }
        }
        Console.report("\(frames.count) image\(frames.count == 1 ? "" : "s") processed, \(found) with a pose.",
                       toStandardError: toStandardOutput)
        if !skipped.isEmpty {
            Console.error("Skipped \(skipped.count):\n" + skipped.map { "  " + $0 }.joined(separator: "\n"))
        }
        if frames.isEmpty {
            Console.error("No image could be processed.")
            throw ExitCode.failure
        }
    }
}

/// The image files named by command-line paths: files as given, folders expanded in natural
/// order; paths that give nothing are explained in `skipped`.
struct PoseInputs {
    /// Image files, in processing order.
    var files: [String] = []
    /// One message per path that gave no file.
    var skipped: [String] = []

    init(paths: [String]) {
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                skipped.append("\(path): no such file or folder. Check the path.")
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            do {
                files += try ImageFolderSource(folder: path).files
            } catch {
                skipped.append("\(path): \(error.description)")
            }
        }
    }
}

/// Messages for the user: progress on standard output (or standard error when standard output
/// carries JSON), problems on standard error.
enum Console {
    static func report(_ line: String, toStandardError: Bool) {
        if toStandardError { error(line) } else { print(line) }
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
