import Capture
import Foundation

/// Something to score, as the user named it: a folder of frames, an image or a video file.
public struct ScoringInput: Sendable, Hashable {
    /// The path.
    public var path: String
    /// The frame rate to time frames at (folders; videos are resampled to it), or `nil` for the
    /// default: a video's own rate, 30 frames per second for folders.
    public var framesPerSecond: Double?
    /// Whether a folder's images are separate photos (each found and judged on its own, no reps
    /// or holds) rather than the frames of one recording; `nil` decides from the file names
    /// (``FrameSeries/arePhotos(_:)``), and takes a single image as a photo. Videos are
    /// always recordings.
    public var photos: Bool?

    /// An input at `path`, timed at `framesPerSecond` (`nil`: the default); `photos` as
    /// ``photos`` says.
    public init(path: String, framesPerSecond: Double? = nil, photos: Bool? = nil) {
        self.path = path
        self.framesPerSecond = framesPerSecond
        self.photos = photos
    }

    /// Whether the frames `source` hands out are separate photos: a folder as ``photos`` says,
    /// a single image unless told otherwise, never a video.
    public func isPhotos(_ source: any FrameSource) -> Bool {
        switch source {
        case let folder as ImageFolderSource: return photos ?? FrameSeries.arePhotos(folder.files)
        case is SingleImageSource: return photos ?? true
        default: return false
        }
    }

    /// The frame rate folders of frames are timed at unless the user says otherwise.
    public static let defaultFolderFramesPerSecond = 30.0

    /// Opens the input as a frame source that hands out every frame as fast as it is read.
    public func open() throws(ScoringError) -> any FrameSource {
        do {
            return try FrameSources.open(path, framesPerSecond: framesPerSecond, realTime: false)
        } catch {
            throw .capture(input: path, error)
        }
    }

    /// How many frames the input holds, when that is known before reading it (folders and
    /// images; not videos).
    public static func expectedFrames(of source: any FrameSource) -> Int? {
        switch source {
        case let folder as ImageFolderSource: return folder.files.count
        case is SingleImageSource: return 1
        default: return nil
        }
    }

    /// A short name for the input: the folder's or file's name.
    public var name: String {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        return (trimmed as NSString).lastPathComponent
    }
}
