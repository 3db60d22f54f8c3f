import Foundation
import Form
import Imaging
import Scoring

/// The pictures of a scored input: the worst frames for the HTML report and, when asked, every
/// frame with the overlay written to a folder (`--annotate`). One pass over the input's frames
/// makes both.
public enum FramePictures {
    /// What one pass made.
    public struct Result: Sendable {
        /// The worst frames' pictures, worst first.
        public var worst: [ReportPicture]
        /// Annotated files written.
        public var annotated: Int
    }

    /// Reads `scored`'s frames from `input` again; makes pictures of the `worst` worst frames
    /// (at least `minimumGapSeconds` apart) and, with `annotateFolder`, writes every frame with
    /// the overlay into it as JPEG (named after the frame's file, or `frame_NNNNNN.jpg` for frames
    /// of a video).
    public static func make(for scored: ScoredSession, track: PoseTrack, input: ScoringInput, worst: Int,
                            minimumGapSeconds: Double, annotateFolder: String?) throws -> Result {
        let chosen = worst > 0 ? WorstFrames.select(from: scored, capacity: worst, minimumGapSeconds: minimumGapSeconds) : []
        var wanted = chosen
        if let annotateFolder {
            do {
                try FileManager.default.createDirectory(atPath: annotateFolder, withIntermediateDirectories: true)
            } catch {
                throw ReportsError.unwritable(path: annotateFolder, reason: error.localizedDescription)
            }
            wanted = Array(scored.frames.indices)
        }
        var pictures: [Int: ReportPicture] = [:]
        var annotated = 0
        var names = UniqueFileNames()
        let chosenSet = Set(chosen)
        try input.replay(track, frames: wanted) { index, image in
            if chosenSet.contains(index) {
                pictures[index] = try ReportPicture.make(image, frame: index, of: scored)
            }
            guard let annotateFolder else { return }
            var drawn = image
            FrameOverlay.draw(on: &drawn, landmarks: scored.frames[index].landmarks, analysis: scored.analyses[index],
                              template: scored.template)
            let path = (annotateFolder as NSString).appendingPathComponent(fileName(for: scored.frames[index], names: &names))
            do throws(ImagingError) {
                try ImageFile.save(drawn, to: path, jpegQuality: 88)
            } catch {
                throw ReportsError.unwritable(path: path, reason: error.description)
            }
            annotated += 1
        }
        return Result(worst: chosen.compactMap { pictures[$0] }, annotated: annotated)
    }

    /// `stem.jpg` for a frame from a file, `frame_000123.jpg` for a frame of a video or camera;
    /// made unique with `_2`, `_3`, … .
    static func fileName(for frame: PosedFrame, names: inout UniqueFileNames) -> String {
        frame.image.contains("#") ? names.name(stem: String(format: "frame_%06d", frame.index)) : names.name(for: frame.image)
    }
}
