/// Everything that can go wrong while writing a report; each message says what to do.
public enum ReportsError: Error, Sendable, CustomStringConvertible {
    /// A report file could not be written.
    case unwritable(path: String, reason: String)
    /// A picture for the report could not be made.
    case picture(frame: String, reason: String)

    public var description: String {
        switch self {
        case let .unwritable(path, reason):
            return "Cannot write \(path): \(reason). Check that its folder exists and is writable."
        case let .picture(frame, reason):
            return "Cannot make the picture of \(frame): \(reason)."
        }
    }
}
