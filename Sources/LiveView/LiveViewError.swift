import Glibc

/// Everything that can go wrong with the live web view; each message says what happened and
/// what to do about it.
public enum LiveViewError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another program listens on the port.
    case portInUse(Int)
    /// The port is not one this user may listen on (below 1024 without privileges).
    case portNotAllowed(Int)
    /// A port number out of range.
    case invalidPort(Int)
    /// A socket call failed in a way the cases above do not describe.
    case systemCall(call: String, errno: Int32)

    public var description: String {
        switch self {
        case let .portInUse(port):
            return "Port \(port) on 127.0.0.1 is already in use (another formcheck live, or another program). Choose another with --port N, or --port 0 for any free port."
        case let .portNotAllowed(port):
            return "Not allowed to listen on port \(port): ports below 1024 need privileges. Choose one from 1024 to 65535 with --port N."
        case let .invalidPort(port):
            return "\(port) is not a port number: give one from 1024 to 65535 (or 0 for any free port) with --port N."
        case let .systemCall(call, errno):
            return "\(call) failed for the web view: \(String(cString: strerror(errno))) (errno \(errno)). Try another --port, or run without --view."
        }
    }
}
