// Finding the two .tflite files the pose pipeline needs.

import Foundation

/// Finds the pose models on disk.
///
/// `standard()` looks, in this order: in the folder named by the `FORMCHECK_MODELS`
/// environment variable; in `Models/` of the package the executable was built in (found by
/// walking up from the executable to a folder with `Package.swift`); and next to the executable
/// (beside it and in a `Models/` folder beside it). The first folder that holds a file wins.
public struct ModelLocator: Sendable, Hashable {
    /// File name of the pose detector.
    public static let detectorFileName = "pose_detection.tflite"
    /// File name of the landmark model (model_complexity 1).
    public static let landmarkFileName = "pose_landmark_full.tflite"
    /// The environment variable that names the model folder.
    public static let environmentVariable = "FORMCHECK_MODELS"

    /// The folders searched, in order.
    public var directories: [String]

    /// A locator that searches `directories` in order.
    public init(directories: [String]) {
        self.directories = directories
    }

    /// The standard search path (see the type's documentation).
    ///
    /// `environment` and `executablePath` default to this process's; tests pass their own.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment,
                                executablePath: String? = Bundle.main.executablePath) -> ModelLocator {
        var directories: [String] = []
        if let folder = environment[environmentVariable], !folder.isEmpty {
            directories.append(folder)
        }
        if let executablePath {
            let executable = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
            let folder = executable.deletingLastPathComponent()
            var ancestor = folder
            while ancestor.path != "/" && !ancestor.path.isEmpty {
                if FileManager.default.fileExists(atPath: ancestor.appendingPathComponent("Package.swift").path) {
                    directories.append(ancestor.appendingPathComponent("Models").path)
                    break
                }
                ancestor = ancestor.deletingLastPathComponent()
            }
            directories.append(folder.path)
            directories.append(folder.appendingPathComponent("Models").path)
        }
        return ModelLocator(directories: directories)
    }

    /// The path of `fileName` in the first folder that has it.
    public func path(of fileName: String) throws(PoseError) -> String {
        for directory in directories {
            let candidate = (directory as NSString).appendingPathComponent(fileName)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
        }
        throw .modelNotFound(file: fileName, searched: directories)
    }

    /// The detector model's path.
    public func detectorPath() throws(PoseError) -> String { try path(of: Self.detectorFileName) }

    /// The landmark model's path.
    public func landmarkPath() throws(PoseError) -> String { try path(of: Self.landmarkFileName) }
}
