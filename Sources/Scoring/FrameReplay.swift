import Capture
import Imaging

extension ScoringInput {
    /// Reads the pictures of some frames of `track` (this input's poses) again, in order:
    /// `body` gets each wanted frame's index in `track.frames` and its picture.
    ///
    /// Reports draw on the pictures after the analysis, which needs every pose first (to
    /// recognise the exercise, to pick the worst frames). Frames of a folder are read from their
    /// files; frames of a video are decoded again up to the last one wanted.
    public func replay(_ track: PoseTrack, frames wanted: [Int],
                       _ body: (Int, RGBImage) throws -> Void) throws {
        let wanted = Array(Set(wanted)).filter { track.frames.indices.contains($0) }.sorted()
        guard let last = wanted.last else { return }
        let source = try open()
        defer { source.stop() }
        if let folder = source as? ImageFolderSource {
            for index in wanted {
                let file = track.frames[index].index
                guard folder.files.indices.contains(file) else { continue }
                let image: RGBImage
                do {
                    image = try ImageFile.load(path: folder.files[file])
                } catch {
                    throw ScoringError.capture(input: path, .imageUnreadable(path: folder.files[file], reason: error.description))
                }
                try body(index, image)
            }
            return
        }
        // By the source's frame number: the track holds the frames in the order they came.
        var position = 0
        let lastSequence = track.frames[last].index
        while position < wanted.count {
            let next: Frame?
            do {
                next = try source.nextFrame()
            } catch {
                throw ScoringError.capture(input: path, error)
            }
            guard let frame = next else { break }
            while position < wanted.count, track.frames[wanted[position]].index < frame.sequence { position += 1 }
            guard position < wanted.count else { break }
            if track.frames[wanted[position]].index == frame.sequence {
                try body(wanted[position], frame.image)
                position += 1
            }
            if frame.sequence >= lastSequence { break }
        }
    }
}
