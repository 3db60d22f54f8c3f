import Foundation

/// Where the tests find things outside their own target: the package root and `../shared`.
public enum SharedData {
    /// The package root (the folder holding `Package.swift`).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/frames` (photos not in the repository) when `required`, a path inside it,
    /// exists; nil otherwise, and the tests that need it skip.
    ///
    /// `FORMCHECK_SHARED`, when set, is the only place looked at (set it to a missing folder to
    /// see the skip); otherwise `../shared` beside the package root.
    public static func frames(containing required: String) -> String? {
        let candidate: String
        if let shared = ProcessInfo.processInfo.environment["FORMCHECK_SHARED"] {
            candidate = shared + "/frames"
        } else {
            candidate = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/frames").path
        }
        return FileManager.default.fileExists(atPath: candidate + "/" + required) ? candidate : nil
    }
}
