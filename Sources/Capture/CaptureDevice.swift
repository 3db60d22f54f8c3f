/// A V4L2 video capture device as its driver describes it: names, and every pixel format with
/// its frame sizes and rates.
public struct CaptureDevice: Hashable, Sendable {
    /// The device node, e.g. `/dev/video0`.
    public var path: String
    /// The device's name, e.g. `HD Pro Webcam C920`.
    public var card: String
    /// The kernel driver, e.g. `uvcvideo`.
    public var driver: String
    /// Where it is attached, e.g. `usb-0000:00:14.0-1`.
    public var bus: String
    /// The pixel formats, in the driver's order.
    public var formats: [Format]

    public init(path: String, card: String, driver: String, bus: String, formats: [Format]) {
        self.path = path
        self.card = card
        self.driver = driver
        self.bus = bus
        self.formats = formats
    }

    /// One pixel format the device captures in.
    public struct Format: Hashable, Sendable {
        /// The format's fourcc code.
        public var pixelFormat: FourCC
        /// The driver's name for it, e.g. `Motion-JPEG`.
        public var description: String
        /// Whether frames are compressed (MJPEG, H.264).
        public var isCompressed: Bool
        /// Whether libv4l2 makes this format by converting another one, rather than the camera.
        public var isEmulated: Bool
        /// The frame sizes.
        public var sizes: FrameSizes
        /// For discrete sizes, each size with its frame rates; empty for a range of sizes.
        public var modes: [Mode]

        public init(pixelFormat: FourCC, description: String, isCompressed: Bool,
                    isEmulated: Bool, sizes: FrameSizes, modes: [Mode]) {
            self.pixelFormat = pixelFormat
            self.description = description
            self.isCompressed = isCompressed
            self.isEmulated = isEmulated
            self.sizes = sizes
            self.modes = modes
        }
    }

    /// A frame size and the rates the device offers at it.
    public struct Mode: Hashable, Sendable {
        /// The frame size.
        public var size: FrameSize
        /// The frame rates at that size.
        public var rates: FrameRates

        public init(size: FrameSize, rates: FrameRates) {
            self.size = size
            self.rates = rates
        }
    }
}

/// The frame sizes a device offers for one pixel format.
public enum FrameSizes: Hashable, Sendable {
    /// These sizes exactly (what webcams say); empty when the driver does not enumerate sizes.
    case discrete([FrameSize])
    /// Any size from `minimum` to `maximum` whose width and height are a whole number of
    /// `step`s from the minimum.
    case range(minimum: FrameSize, maximum: FrameSize, step: FrameSize)
}

/// The frame rates a device offers at one size.
public enum FrameRates: Hashable, Sendable {
    /// These frame intervals exactly; empty when the driver does not enumerate them.
    case discrete([FrameInterval])
    /// Any interval from `shortest` (the highest rate) to `longest`.
    case range(shortest: FrameInterval, longest: FrameInterval)
}
