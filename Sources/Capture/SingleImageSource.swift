import Imaging
import Synchronization

/// One image file as a source of one frame (timestamp 0, sequence 0); then the source ends.
public final class SingleImageSource: FrameSource {
    /// The image file.
    public let path: String
    /// The picture, read when the source was made.
    public let image: RGBImage
    /// 0 while the frame waits, 1 once handed out, 2 when stopped before that.
    private let state = Atomic<UInt8>(0)

    /// Reads the JPEG or PNG file at `path`. Throws `fileMissing` or `imageUnreadable`.
    public init(path: String) throws(CaptureError) {
        self.path = path
        image = try Self.load(path)
    }

    /// Loads an image file, with Capture's errors.
    static func load(_ path: String) throws(CaptureError) -> RGBImage {
        do {
            return try ImageFile.load(path: path)
        } catch where error.kind == .fileNotFound {
            throw .fileMissing(path: path)
        } catch {
            throw .imageUnreadable(path: path, reason: error.problem)
        }
    }

    public var sourceDescription: String { path }

    public var framesPerSecond: Double? { nil }

    public var statistics: CaptureStatistics {
        CaptureStatistics(delivered: state.load(ordering: .acquiring) == 1 ? 1 : 0)
    }

    /// The image the first time; `nil` afterwards and once stopped.
    public func nextFrame() throws(CaptureError) -> Frame? {
        guard state.compareExchange(expected: 0, desired: 1, ordering: .acquiringAndReleasing).exchanged else {
            return nil
        }
        return Frame(image: image, timestamp: 0, sequence: 0, source: path)
    }

    public func stop() {
        _ = state.compareExchange(expected: 0, desired: 2, ordering: .acquiringAndReleasing)
    }
}
