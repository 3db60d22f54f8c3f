// The one error type of the Imaging module.

/// Why an image could not be read, decoded, encoded or written.
///
/// Every error names where the bytes came from (`origin`: a file path, or a label such as
/// "camera frame 12"), says what is wrong (`problem`) and what to do about it (`remedy`).
/// `description` joins the three into one line for the user.
public struct ImagingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The broad class of failure, for callers that react differently (skip, retry, abort).
    public enum Kind: Sendable, Hashable {
        /// No file at the path.
        case fileNotFound
        /// The file exists but cannot be read (permissions, a folder, an I/O error).
        case unreadable
        /// The file or buffer has no bytes.
        case empty
        /// The bytes are not a JPEG or PNG (text, another image format, garbage).
        case unknownFormat
        /// The image data stops before the image is complete.
        case truncated
        /// The image data is damaged or invalid.
        case corrupt
        /// The image is larger than the pixel limit, or its header claims more pixels than
        /// its file could plausibly hold.
        case tooLarge
        /// A valid image that this decoder does not handle (e.g. an unusual colour space).
        case unsupported
        /// An argument is out of range (an empty image to encode, quality outside 1...100).
        case invalidArgument
        /// The encoder or the file system failed while writing.
        case writeFailed
    }

    /// The class of failure.
    public let kind: Kind
    /// Where the bytes came from: a file path or a caller-given label.
    public let origin: String
    /// What is wrong, in a sentence fragment without a final period.
    public let problem: String
    /// What the user can do about it, in a sentence fragment without a final period.
    public let remedy: String

    /// Makes an error; `problem` and `remedy` are sentence fragments without a final period.
    public init(_ kind: Kind, origin: String, problem: String, remedy: String) {
        self.kind = kind
        self.origin = origin
        self.problem = problem
        self.remedy = remedy
    }

    /// One line for the user: "origin: problem. remedy."
    public var description: String { "\(origin): \(problem). \(remedy)." }
}
