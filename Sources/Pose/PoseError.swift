// The one error type of the Pose module.

/// Why the pose pipeline could not start or could not take a frame.
///
/// Every case's `description` says what went wrong and what to do about it.
public enum PoseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A model file was not found; `searched` lists every place that was looked at, in order.
    case modelNotFound(file: String, searched: [String])
    /// A model file exists but cannot be used (unreadable, damaged, or not the expected model).
    case modelUnusable(path: String, reason: String)
    /// The image has no pixels.
    case emptyImage(width: Int, height: Int)
    /// A configuration value is out of range.
    case invalidConfiguration(String)

    /// What went wrong and what to do about it, in one message.
    public var description: String {
        switch self {
        case .modelNotFound(let file, let searched):
            let places = searched.isEmpty ? "nowhere (no search path)" : searched.joined(separator: ", ")
            return "The pose model \(file) was not found; looked in: \(places). "
                + "Set FORMCHECK_MODELS to the folder that holds pose_detection.tflite and "
                + "pose_landmark_full.tflite (the repository's Models folder)."
        case .modelUnusable(let path, let reason):
            return "The pose model \(path) cannot be used: \(reason). "
                + "Restore the file from the repository's Models folder (Models/SHA256SUMS lists the expected checksums)."
        case .emptyImage(let width, let height):
            return "The image is empty (\(width)x\(height) pixels); there is nothing to look for a person in. "
                + "Check the file or the camera that produced it."
        case .invalidConfiguration(let message):
            return "Invalid pose configuration: \(message)."
        }
    }
}
