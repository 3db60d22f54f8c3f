import Imaging

/// One frame from a `FrameSource`: the picture and when and where it came from.
public struct Frame: Sendable {
    /// The picture, 8-bit RGB.
    public var image: RGBImage
    /// When it was taken, in seconds: the driver's timestamp for a camera (monotonic clock for
    /// most drivers), the position in the recording for files and folders.
    public var timestamp: Double
    /// The source's number for this frame: the driver's sequence number for a camera (it starts
    /// again at 0 after a reconnection), the index for files and folders.
    public var sequence: Int
    /// What the frame came from, e.g. `/dev/video0 (HD Pro Webcam C920)` or a file's path.
    public var source: String
    /// How many frames the source made but never handed over between the previous frame and
    /// this one (a camera's sequence gap; frames skipped to keep a replay in real time).
    public var droppedBefore: Int
    /// How many frames arrived between the previous frame and this one but were unusable
    /// (corrupt or incomplete) and were skipped.
    public var discardedBefore: Int
    /// When the source began reading the frame, before decoding, on ``MonotonicClock``: set by
    /// sources that read and decode files, so that a replay's latency includes the decoding a
    /// camera frame's latency includes. `nil` when the source does not know.
    public var receivedAt: Double?

    public init(image: RGBImage, timestamp: Double, sequence: Int, source: String,
                droppedBefore: Int = 0, discardedBefore: Int = 0, receivedAt: Double? = nil) {
        self.image = image
        self.timestamp = timestamp
        self.sequence = sequence
        self.source = source
        self.droppedBefore = droppedBefore
        self.discardedBefore = discardedBefore
        self.receivedAt = receivedAt
    }
}

/// Counts of what a source has done so far.
public struct CaptureStatistics: Hashable, Sendable {
    /// Frames handed out.
    public var delivered = 0
    /// Frames made but never handed over (sequence gaps, real-time skipping).
    public var dropped = 0
    /// Frames received but undecodable (corrupt JPEG, flagged by the driver, unreadable file).
    public var corrupt = 0
    /// Frames received with fewer bytes than their format needs.
    public var short = 0

    public init(delivered: Int = 0, dropped: Int = 0, corrupt: Int = 0, short: Int = 0) {
        self.delivered = delivered
        self.dropped = dropped
        self.corrupt = corrupt
        self.short = short
    }

    /// Every frame that did not reach the caller: dropped, corrupt or short.
    public var lost: Int { dropped + corrupt + short }
}
