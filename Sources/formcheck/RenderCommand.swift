import ArgumentParser
import Dispatch
import Form
import Foundation
import Imaging
import Mannequin

/// `formcheck render`: draws the mannequin in one pose, one exercise's sample sequence, or every sample.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render the mannequin: one pose, one exercise's sample frames, or all sample frames.",
        discussion: """
            With an exercise id and --progress, draws one picture of the pose that far from \
            rest (0) to the target (1) to --out (JPEG, or PNG by the name). With an exercise \
            id alone, renders its sample sequence (good form, or --fault) into the folder \
            --out: frame_NNNN.jpg and truth.json. With --samples FOLDER, renders every \
            exercise in good form and with each fault into FOLDER/<exercise>/<good|fault>/, as \
            in the repository's SampleFrames.
            """)

    @Argument(help: ArgumentHelp("The exercise id (see `formcheck exercises`).", valueName: "exercise"))
    var exercise: String?

    @Option(help: ArgumentHelp("Put this fault of the exercise in (default: good form).", valueName: "id"))
    var fault: String?

    @Option(help: ArgumentHelp("Draw one picture of the pose this far from rest (0) to the target (1).", valueName: "fraction"))
    var progress: Double?

    @Option(help: ArgumentHelp("Film from this many degrees around the figure (0 its left, 90 its front, 180 its right).", valueName: "degrees"))
    var azimuth: Double?

    @Option(help: ArgumentHelp("Film from this many degrees above the horizontal.", valueName: "degrees"))
    var elevation: Double?

    @Option(help: ArgumentHelp("The picture's file, or the sequence's folder.", valueName: "path"))
    var out: String?

    @Option(help: ArgumentHelp("Render every exercise's samples into this folder.", valueName: "folder"))
    var samples: String?

    @Option(help: ArgumentHelp("JPEG quality, 1 to 100.", valueName: "q"))
    var quality: Int = SampleFrames.jpegQuality

    @Option(help: ArgumentHelp("Threads to render on (default: all cores).", valueName: "n"))
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print how long each frame took to render.")
    var timing = false

    func validate() throws {
        guard (exercise == nil) != (samples == nil) else {
            throw ValidationError("give an exercise id or --samples FOLDER (one of them)")
        }
        if exercise != nil, out == nil { throw ValidationError("--out is needed with an exercise id") }
        if samples != nil, fault != nil || progress != nil || out != nil || azimuth != nil || elevation != nil {
            throw ValidationError("--samples renders everything as made: --fault, --progress, --azimuth, --elevation and --out go with an exercise id")
        }
        if let elevation, !(-80...80).contains(elevation) { throw ValidationError("--elevation must be between -80 and 80") }
        if let progress, !(0...1).contains(progress) { throw ValidationError("--progress must be between 0 and 1") }
        guard (1...100).contains(quality) else { throw ValidationError("--quality must be between 1 and 100") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let library = try TemplateLibrary.bundled()
        let options = RenderOptions(threads: threads)
        if let samples {
            let folder = URL(fileURLWithPath: samples)
            var frames = 0, bytes = 0, seconds = 0.0
            for sample in try SampleSequence.all(library) {
                let written = try SampleWriter.write(sample, to: folder.appendingPathComponent(sample.template.id)
                    .appendingPathComponent(sample.name), quality: quality, source: SampleFrames.source, options: options)
                frames += written.frames
                bytes += written.bytes
                seconds += written.renderSeconds
                print("\(sample.template.id)/\(sample.name): \(written.frames) frames\(milliseconds(written))")
            }
            print("\(frames) frames, \(String(format: "%.1f", Double(bytes) / 1_000_000)) MB\(timing ? String(format: ", %.1f ms per frame", 1000 * seconds / Double(max(frames, 1))) : "")")
            return
        }
        let template = try library.template(id: exercise ?? "")
        var view: Viewpoint?
        if azimuth != nil || elevation != nil {
            let motion = MotionCatalog.motion(template.id)
            var chosen = motion.map { SampleSequence.preferredView($0, fault: $0.injection(fault ?? "")) } ?? Viewpoint()
            if let azimuth { chosen.azimuth = azimuth }
            if let elevation { chosen.elevation = elevation }
            view = chosen
        }
        let sample = try SampleSequence(template: template, fault: fault, viewpoint: view)
        let path = out ?? ""
        if let progress {
            let start = DispatchTime.now().uptimeNanoseconds
            let image = try sample.still(progress: progress, options: options)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            try ImageFile.save(image, to: path, jpegQuality: quality)
            if timing { print(String(format: "%.1f ms", elapsed)) }
            return
        }
        let written = try SampleWriter.write(sample, to: URL(fileURLWithPath: path), quality: quality,
                                             source: SampleFrames.source, options: options)
        print("\(sample.template.id)/\(sample.name): \(written.frames) frames\(milliseconds(written))")
    }

    private func milliseconds(_ written: SampleWriter.Written) -> String {
        timing ? String(format: ", %.1f ms per frame", 1000 * written.renderSeconds / Double(max(written.frames, 1))) : ""
    }
}

/// How the repository's SampleFrames are made.
enum SampleFrames {
    /// The JPEG quality of the committed frames (keeps the folder under 40 MB).
    static let jpegQuality = SampleWriter.sampleQuality
    /// What the truth files say about how the frames were made.
    static let source = "rendered by formcheck's Mannequin (formcheck render --samples SampleFrames)"
}
