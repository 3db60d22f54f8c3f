/// Everything that can go wrong while getting frames, each case with a message that says what
/// happened and what to do about it (`description`).
public enum CaptureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// There is no device node at `path`.
    case deviceMissing(path: String)
    /// The device node exists but this user may not open it (EACCES/EPERM).
    case permissionDenied(path: String)
    /// Another program holds the device (EBUSY).
    case deviceBusy(path: String)
    /// The node is a V4L2 device that cannot stream video frames (a metadata node, an output).
    case notACamera(path: String, card: String, reason: String)
    /// The camera offers none of the pixel formats Capture reads; `offered` are their fourccs.
    case noUsableFormat(path: String, offered: [String])
    /// The driver granted fewer capture buffers than streaming needs.
    case tooFewBuffers(path: String, granted: Int)
    /// The device went away while in use (ENODEV: unplugged). Capture has stopped cleanly and
    /// released it; `V4L2Camera.waitForReconnection` waits for it to come back.
    case disconnected(path: String)
    /// The device did not come back within the time the caller allowed.
    case didNotReturn(path: String, seconds: Double)
    /// No frame arrived within the timeout. The source keeps streaming; asking again may succeed.
    case timeout(source: String, seconds: Double)
    /// This many frames in a row were corrupt or incomplete; the source keeps streaming.
    case tooManyBadFrames(source: String, count: Int)
    /// A system call failed in a way none of the cases above describes.
    case systemCall(path: String, call: String, errno: Int32)
    /// A file or folder given as a source does not exist.
    case fileMissing(path: String)
    /// A folder holds no image (JPEG or PNG) to use as frames.
    case noImages(folder: String)
    /// An image file could not be read or decoded.
    case imageUnreadable(path: String, reason: String)
    /// Reading a video file needs `ffmpeg`, which is not installed.
    case ffmpegMissing
    /// `ffmpeg` could not read a video file.
    case videoUnreadable(path: String, reason: String)
    /// A setting is out of range (a frame rate of zero, a size of 0x0).
    case invalidSetting(String)

    public var description: String {
        switch self {
        case .deviceMissing(let path):
            "There is no camera at \(path). Is the webcam plugged in? `formcheck devices` lists "
                + "the cameras this computer sees."
        case .permissionDenied(let path):
            "Not allowed to open \(path). Cameras belong to the `video` group: add yourself with "
                + "`sudo usermod -aG video $USER`, then log out and back in."
        case .deviceBusy(let path):
            "\(path) is busy: another program is using the camera. Close it (a browser tab, a "
                + "video call, another formcheck) and try again."
        case .notACamera(let path, let card, let reason):
            "\(path)\(card.isEmpty ? "" : " (\(card))") is not a camera that streams video: \(reason). Webcams often have "
                + "a second node for metadata; `formcheck devices` shows which one captures."
        case .noUsableFormat(let path, let offered):
            "\(path) offers no pixel format formcheck can read (it offers "
                + "\(offered.isEmpty ? "none" : offered.joined(separator: ", "))); formcheck reads "
                + "MJPEG, YUYV, and whatever libv4l2 can convert to RGB24."
        case .tooFewBuffers(let path, let granted):
            "\(path) granted \(granted) capture buffer\(granted == 1 ? "" : "s"); streaming needs at "
                + "least 2. The driver may be short of memory: unplug and replug the camera."
        case .disconnected(let path):
            "\(path) went away while streaming (unplugged?). Capture stopped cleanly; plug the "
                + "camera back in to continue."
        case .didNotReturn(let path, let seconds):
            "\(path) did not come back within \(Self.format(seconds)) s. Plug the camera in and "
                + "start again."
        case .timeout(let source, let seconds):
            "No frame from \(source) within \(Self.format(seconds)) s. The camera may have hung, or "
                + "low light may have slowed it down: add light, ask for a lower frame rate, or "
                + "replug it."
        case .tooManyBadFrames(let source, let count):
            "The last \(count) frames from \(source) were all corrupt or incomplete: the camera or "
                + "its USB link is failing. Replug it, try another USB port, or ask for a smaller size."
        case .systemCall(let path, let call, let errno):
            "\(call) on \(path) failed: \(Errno(errno)). Run `formcheck devices` to see what the "
                + "device supports; if it looks fine there, replug it and try again."
        case .fileMissing(let path):
            "There is no file or folder at \(path). Check the path."
        case .noImages(let folder):
            "The folder \(folder) holds no JPEG or PNG images to use as frames."
        case .imageUnreadable(let path, let reason):
            "Cannot read the image \(path): \(reason). Check that it is an intact JPEG or PNG file."
        case .ffmpegMissing:
            "Reading video files needs ffmpeg, which is not installed. Install it (Debian: "
                + "`sudo apt-get install ffmpeg`), or extract the frames into a folder of images "
                + "and use that folder as the source."
        case .videoUnreadable(let path, let reason):
            "ffmpeg cannot read the video \(path): \(reason)"
        case .invalidSetting(let what):
            what
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
