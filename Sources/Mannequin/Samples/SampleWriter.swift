import Foundation
import Imaging

/// Writes rendered samples as folders of JPEG frames with a `truth.json`.
public enum SampleWriter {
    /// The JPEG quality of the repository's SampleFrames: low enough to keep the folder under
    /// its 40 MB budget (about 10 KB a frame), high enough for BlazePose to find every joint.
    public static let sampleQuality = 35

    /// What was written.
    public struct Written: Sendable {
        /// Frames written.
        public var frames: Int
        /// Bytes of JPEG and JSON written.
        public var bytes: Int
        /// Seconds spent rendering (not encoding or writing).
        public var renderSeconds: Double
    }

    /// Renders every frame of `sample` into `folder` (created if needed) as `frame_NNNN.jpg` at
    /// JPEG `quality`, removing frames left from an older, longer rendering, and writes
    /// `truth.json`; `source` says in the truth how the frames were made.
    public static func write(_ sample: SampleSequence, to folder: URL, quality: Int, source: String,
                             options: RenderOptions = RenderOptions()) throws -> Written {
        guard (1...100).contains(quality) else {
            throw MannequinError.invalid("JPEG quality", "\(quality) is not 1…100", remedy: "Use a quality such as 80")
        }
        let files = FileManager.default
        do {
            try files.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw MannequinError.fileSystem(folder.path, error)
        }
        let wanted = Set(sample.steps.indices.map(SampleSequence.fileName))
        let existing = (try? files.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in existing where name.hasPrefix("frame_") && name.hasSuffix(".jpg") && !wanted.contains(name) {
            do {
                try files.removeItem(at: folder.appendingPathComponent(name))
            } catch {
                throw MannequinError.fileSystem(folder.appendingPathComponent(name).path, error)
            }
        }
        var bytes = 0
        var renderSeconds = 0.0
        for index in sample.steps.indices {
            let start = DispatchTime.now().uptimeNanoseconds
            let image = try sample.picture(index, options: options)
            renderSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let jpeg: [UInt8]
            do {
                jpeg = try JPEG.encode(image, quality: quality)
            } catch {
                throw MannequinError(.encoding, problem: "cannot encode frame \(index) of \(sample.template.id)/\(sample.name) (\(error))",
                                     remedy: "Report this as a bug")
            }
            try save(Data(jpeg), to: folder.appendingPathComponent(SampleSequence.fileName(index)))
            bytes += jpeg.count
        }
        let truth = try SampleTruth(sample, source: source).json()
        try save(truth, to: folder.appendingPathComponent("truth.json"))
        bytes += truth.count
        return Written(frames: sample.steps.count, bytes: bytes, renderSeconds: renderSeconds)
    }

    private static func save(_ data: Data, to url: URL) throws {
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw MannequinError.fileSystem(url.path, error)
        }
    }
}
