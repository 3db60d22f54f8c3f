import Foundation

/// Runs the built `formcheck` binary, as a user would, and collects what it printed.
public enum FormcheckProcess {
    /// What one run produced.
    public struct Result: Sendable {
        public let status: Int32
        public let output: String
        public let error: String
    }

    /// The executable: the test bundle and the executable are built into the same products folder.
    public static var executable: URL { Bundle.main.bundleURL.appendingPathComponent("formcheck") }

    /// The repository root (for `Models/`, `SampleFrames/`).
    public static var repositoryRoot: URL { SharedData.packageRoot }

    /// Runs `formcheck arguments…` to completion. Output and errors go to temporary files, so a
    /// chatty run can never block on a full pipe.
    public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outputURL = directory.appendingPathComponent("stdout"), errorURL = directory.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL), error = try FileHandle(forWritingTo: errorURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        try process.run()
        process.waitUntilExit()
        try output.close()
        try error.close()
        return Result(status: process.terminationStatus,
                      output: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
                      error: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }

    /// A fresh scratch folder; the caller removes it.
    public static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("formcheck-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
