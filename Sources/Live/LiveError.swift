/// Everything that can stop a live session before it starts; each message says what happened
/// and what to do about it.
public enum LiveError: Error, Sendable, CustomStringConvertible {
    /// `--speak` was asked for but espeak-ng is not installed.
    case speechUnavailable
    /// A pain score was not a whole number from 0 to 10.
    case invalidPainScore(String)
    /// The session report could not be written.
    case reportUnwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .speechUnavailable:
            return "--speak needs espeak-ng, which is not installed. Install it (Debian: `sudo apt-get install espeak-ng`) or leave out --speak."
        case let .invalidPainScore(text):
            return "'\(text)' is not a pain score: give a whole number from 0 (no pain) to 10 (worst pain), or press Enter to skip."
        case let .reportUnwritable(path, reason):
            return "Cannot write the session report \(path): \(reason). Check that its folder exists and is writable, or choose another with --report."
        }
    }
}
