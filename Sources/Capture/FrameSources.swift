import Foundation
import Imaging

/// Opening a frame source from what a person types: a camera, a folder, an image or a video.
public enum FrameSources {
    /// Opens the source `location` names:
    ///
    /// - a device node (`/dev/video0`, `/dev/v4l/by-id/…`): a `V4L2Camera` at the frame rate
    ///   wanted (default 30) and `cameraSize`;
    /// - a folder: an `ImageFolderSource` at `framesPerSecond` (default 30);
    /// - a JPEG or PNG file (recognised by its bytes): a `SingleImageSource`;
    /// - any other file: a `VideoFileSource` through ffmpeg, at the video's own rate unless
    ///   `framesPerSecond` is given.
    ///
    /// `realTime` makes folders and videos hand out frames at their frame rate, as a camera does.
    public static func open(_ location: String, framesPerSecond: Double? = nil, realTime: Bool = false,
                            cameraSize: FrameSize = FrameSize(width: 640, height: 480)) throws(CaptureError) -> any FrameSource {
        if location.hasPrefix("/dev/") {
            return try V4L2Camera(devicePath: location,
                                  settings: .init(size: cameraSize, framesPerSecond: framesPerSecond ?? 30))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: location, isDirectory: &isDirectory) else {
            throw .fileMissing(path: location)
        }
        if isDirectory.boolValue {
            return try ImageFolderSource(folder: location, framesPerSecond: framesPerSecond ?? 30, realTime: realTime)
        }
        let head = FileHandle(forReadingAtPath: location).flatMap { handle in
            defer { try? handle.close() }
            return try? handle.read(upToCount: 16)
        } ?? Data()
        switch ImageFormat(sniffing: [UInt8](head)) {
        case .jpeg, .png:
            return try SingleImageSource(path: location)
        default:
            return try VideoFileSource(path: location, framesPerSecond: framesPerSecond, realTime: realTime)
        }
    }
}
