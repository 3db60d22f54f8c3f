import Foundation

/// What went wrong while rendering the mannequin or writing sample frames; every message says
/// what to do about it.
public struct MannequinError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The kind of failure.
    public enum Kind: Sendable, Equatable {
        /// A setting is out of its range.
        case invalidSetting
        /// There is no exercise motion (or fault) of that id.
        case unknownExercise
        /// A file or folder could not be written or read.
        case fileSystem
        /// An image could not be encoded.
        case encoding
    }

    /// The kind of failure.
    public var kind: Kind
    /// What went wrong.
    public var problem: String
    /// What to do about it.
    public var remedy: String

    /// A failure of `kind`: `problem`, and what to do about it.
    public init(_ kind: Kind, problem: String, remedy: String) {
        self.kind = kind
        self.problem = problem
        self.remedy = remedy
    }

    public var description: String { "\(problem). \(remedy)." }

    static func invalid(_ setting: String, _ problem: String, remedy: String) -> MannequinError {
        MannequinError(.invalidSetting, problem: "\(setting): \(problem)", remedy: remedy)
    }

    static func fileSystem(_ path: String, _ error: any Error, remedy: String = "Check that the folder exists and is writable") -> MannequinError {
        MannequinError(.fileSystem, problem: "cannot write \(path) (\(error.localizedDescription))", remedy: remedy)
    }
}
