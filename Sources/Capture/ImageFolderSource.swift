import Foundation
import Imaging
import Synchronization

/// The JPEG and PNG images of a folder as frames, in natural order (`frame_2` before `frame_10`),
/// at a frame rate: frame `i` has the timestamp `i / framesPerSecond`.
///
/// With `realTime`, frames are handed out at that rate as a camera would: `nextFrame()` waits
/// until the next frame is due, and a caller that falls behind gets the frame due now, the
/// skipped ones counting as dropped. Without it, every frame is handed out at once, in order.
/// Files that cannot be read are skipped and counted as corrupt (`skippedFiles` says why).
public final class ImageFolderSource: FrameSource {
    /// The folder.
    public let folder: String
    /// The image files, in the order they are handed out.
    public let files: [String]
    /// The frame rate frames are stamped (and, with `realTime`, handed out) at.
    public let rate: Double
    /// Whether frames are handed out in real time.
    public let realTime: Bool

    /// A file that was skipped, and why.
    public struct SkippedFile: Hashable, Sendable {
        /// The file.
        public var path: String
        /// Why it could not be read.
        public var reason: String
    }

    private let stopSignal = StopSignal()
    private let reader: Mutex<Reader>
    private let shared = Mutex<(statistics: CaptureStatistics, skipped: [SkippedFile])>((CaptureStatistics(), []))

    private struct Reader {
        var next = 0
        var pacer: ReplayPacer?
        var droppedSinceLastFrame = 0
        var discardedSinceLastFrame = 0
    }

    /// The file name extensions taken as images (compared without case).
    public static let imageExtensions: Set<String> = ["jpg", "jpeg", "png"]

    /// Lists the images of `folder`. Throws `fileMissing` when there is no such folder and
    /// `noImages` when it holds no JPEG or PNG file.
    public convenience init(folder: String, framesPerSecond: Double = 30, realTime: Bool = false) throws(CaptureError) {
        try self.init(folder: folder, framesPerSecond: framesPerSecond, realTime: realTime, clock: SystemReplayClock())
    }

    init(folder: String, framesPerSecond: Double, realTime: Bool, clock: any ReplayClock) throws(CaptureError) {
        guard framesPerSecond > 0, framesPerSecond.isFinite else {
            throw .invalidSetting("The frame rate must be a positive number; \(framesPerSecond) is not.")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .fileMissing(path: folder)
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let images = names.filter {
            !$0.hasPrefix(".") && Self.imageExtensions.contains(($0 as NSString).pathExtension.lowercased())
        }
        guard !images.isEmpty else { throw .noImages(folder: folder) }
        self.folder = folder
        files = images.sorted(by: NaturalOrder.areInIncreasingOrder).map { (folder as NSString).appendingPathComponent($0) }
        rate = framesPerSecond
        self.realTime = realTime
        reader = Mutex(Reader(pacer: realTime ? ReplayPacer(framesPerSecond: framesPerSecond, clock: clock) : nil))
    }

    public var sourceDescription: String { folder }

    public var framesPerSecond: Double? { rate }

    public var statistics: CaptureStatistics { shared.withLock { $0.statistics } }

    /// The files skipped so far because they could not be read.
    public var skippedFiles: [SkippedFile] { shared.withLock { $0.skipped } }

    /// The next image as a frame; `nil` after the last one or once stopped.
    public func nextFrame() throws(CaptureError) -> Frame? {
        reader.withLock { reader -> Frame? in
            while !stopSignal.isStopped && reader.next < files.count {
                var index = reader.next
                if var pacer = reader.pacer {
                    guard let due = pacer.frameToDeliver(next: index, stop: stopSignal) else { return nil }
                    reader.pacer = pacer
                    index = min(due, files.count - 1)
                    let dropped = index - reader.next
                    reader.droppedSinceLastFrame += dropped
                    shared.withLock { $0.statistics.dropped += dropped }
                }
                reader.next = index + 1
                let path = files[index]
                let received = MonotonicClock.now()
                do throws(ImagingError) {
                    let image = try ImageFile.load(path: path)
                    let frame = Frame(image: image, timestamp: Double(index) / rate, sequence: index, source: path,
                                      droppedBefore: reader.droppedSinceLastFrame,
                                      discardedBefore: reader.discardedSinceLastFrame, receivedAt: received)
                    reader.droppedSinceLastFrame = 0
                    reader.discardedSinceLastFrame = 0
                    shared.withLock { $0.statistics.delivered += 1 }
                    return frame
                } catch {
                    reader.discardedSinceLastFrame += 1
                    shared.withLock {
                        if error.kind == .truncated || error.kind == .empty {
                            $0.statistics.short += 1
                        } else {
                            $0.statistics.corrupt += 1
                        }
                        $0.skipped.append(SkippedFile(path: path, reason: error.description))
                    }
                }
            }
            return nil
        }
    }

    /// Ends the replay: a waiting `nextFrame()` returns `nil` at once, as do later calls.
    public func stop() {
        stopSignal.stop()
    }
}
