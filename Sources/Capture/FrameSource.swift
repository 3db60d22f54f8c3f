/// Something that hands out frames one at a time: a camera, a folder of images, a video file.
///
/// One thread pulls frames with `nextFrame()`; any thread may call `stop()` meanwhile (on Ctrl-C),
/// which wakes a waiting `nextFrame()`. A typical loop, on a thread of its own:
///
///     while let frame = try source.nextFrame() { analyse(frame) }
///
/// `nextFrame()` calls must not overlap (they are serialised if they do).
public protocol FrameSource: AnyObject, Sendable {
    /// What the frames come from, for messages: a device with its name, a path.
    var sourceDescription: String { get }

    /// The frame rate the source delivers at, when it has one.
    var framesPerSecond: Double? { get }

    /// The next frame, waiting for it if needed; `nil` once the source has ended or been stopped.
    /// Unusable frames are skipped and counted (see `Frame.discardedBefore` and `statistics`).
    func nextFrame() throws(CaptureError) -> Frame?

    /// Stops the source and releases what it holds (a device, a child process); safe from any
    /// thread and more than once. A `nextFrame()` waiting meanwhile returns `nil` promptly, and
    /// every later call returns `nil`. Returns once everything is released.
    func stop()

    /// What has happened so far: frames delivered, dropped, corrupt, short. Safe from any thread.
    var statistics: CaptureStatistics { get }
}
