extension V4L2Camera {
    /// What to ask a camera for. The camera grants what it can nearest to it (`StreamFormat`).
    public struct Settings: Hashable, Sendable {
        /// The frame size wanted; the nearest offered is used.
        public var size: FrameSize
        /// The frame rate wanted; the nearest offered is used.
        public var framesPerSecond: Double
        /// How many memory-mapped buffers to stream through (the driver may grant fewer; 2 at least).
        public var bufferCount: Int
        /// How long to wait for a frame before `nextFrame()` throws `CaptureError.timeout`. The
        /// default leaves room for a webcam's first frame, which can take over a second in dim light.
        public var frameTimeout: Duration
        /// After this many corrupt or incomplete frames in a row, `nextFrame()` throws
        /// `CaptureError.tooManyBadFrames` instead of waiting on.
        public var badFrameLimit: Int

        public init(size: FrameSize = FrameSize(width: 640, height: 480), framesPerSecond: Double = 30,
                    bufferCount: Int = 4, frameTimeout: Duration = .seconds(3), badFrameLimit: Int = 30) {
            self.size = size
            self.framesPerSecond = framesPerSecond
            self.bufferCount = bufferCount
            self.frameTimeout = frameTimeout
            self.badFrameLimit = badFrameLimit
        }

        /// Throws `invalidSetting` for values no camera could grant.
        func validate() throws(CaptureError) {
            guard size.width > 0, size.height > 0 else {
                throw .invalidSetting("The frame size must be positive; \(size) is not.")
            }
            guard framesPerSecond > 0, framesPerSecond.isFinite else {
                throw .invalidSetting("The frame rate must be a positive number; \(framesPerSecond) is not.")
            }
            guard (2...32).contains(bufferCount) else {
                throw .invalidSetting("Streaming needs 2 to 32 buffers; \(bufferCount) is outside that.")
            }
            guard frameTimeout > .zero else {
                throw .invalidSetting("The frame timeout must be positive; \(frameTimeout) is not.")
            }
            guard badFrameLimit > 0 else {
                throw .invalidSetting("The bad-frame limit must be at least 1; \(badFrameLimit) is not.")
            }
        }
    }

    /// The format a camera granted.
    public struct StreamFormat: Hashable, Sendable, CustomStringConvertible {
        /// The pixel format frames arrive in (RGB24 when libv4l2 converts).
        public var pixelFormat: FourCC
        /// The frame size granted.
        public var size: FrameSize
        /// Bytes from one row to the next in an uncompressed frame (0 for MJPEG).
        public var bytesPerLine: Int
        /// The time between frames the driver set; `nil` when it does not let it be set or read.
        public var frameInterval: FrameInterval?

        public init(pixelFormat: FourCC, size: FrameSize, bytesPerLine: Int, frameInterval: FrameInterval?) {
            self.pixelFormat = pixelFormat
            self.size = size
            self.bytesPerLine = bytesPerLine
            self.frameInterval = frameInterval
        }

        /// `MJPG 1280x720 at 30 fps`.
        public var description: String {
            "\(pixelFormat.code) \(size)" + (frameInterval.map { " at \($0)" } ?? "")
        }

        /// The fewest bytes a whole frame can have: every row for uncompressed formats; for JPEG,
        /// the start and end markers.
        var minimumFrameBytes: Int {
            if pixelFormat.isJPEG { return 4 }
            let bytesPerPixel = pixelFormat == .yuyv ? 2 : 3
            let line = max(bytesPerLine, size.width * bytesPerPixel)
            return line * (size.height - 1) + size.width * bytesPerPixel
        }
    }
}
