#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An `errno` value with its symbolic name (`EBUSY`), as returned by one failed system call.
struct Errno: Error, Hashable, Sendable, CustomStringConvertible {
    /// The raw `errno` number.
    let rawValue: Int32

    init(_ rawValue: Int32) { self.rawValue = rawValue }

    /// The calling thread's `errno`, read right after a call that reported failure.
    static var current: Errno { Errno(errno) }

    static let interrupted = Errno(EINTR)
    static let wouldBlock = Errno(EAGAIN)
    static let noSuchFile = Errno(ENOENT)
    static let permissionDenied = Errno(EACCES)
    static let notPermitted = Errno(EPERM)
    static let busy = Errno(EBUSY)
    static let noDevice = Errno(ENODEV)
    static let noSuchDeviceOrAddress = Errno(ENXIO)
    static let ioError = Errno(EIO)
    static let invalidArgument = Errno(EINVAL)
    static let notTypewriter = Errno(ENOTTY)
    static let badFileDescriptor = Errno(EBADF)
    static let badAddress = Errno(EFAULT)
    static let noMemory = Errno(ENOMEM)

    /// The symbolic name, e.g. `EBUSY`, or `errno 123` for a value not in the table.
    var name: String {
        Errno.names[rawValue] ?? "errno \(rawValue)"
    }

    /// The C library's sentence for it, e.g. `Device or resource busy`.
    var message: String {
        guard let text = strerror(rawValue) else { return "unknown error" }
        return String(cString: text)
    }

    /// `EBUSY (Device or resource busy)`.
    var description: String { "\(name) (\(message))" }

    private static let names: [Int32: String] = [
        EPERM: "EPERM", ENOENT: "ENOENT", EINTR: "EINTR", EIO: "EIO", ENXIO: "ENXIO",
        EBADF: "EBADF", EAGAIN: "EAGAIN", ENOMEM: "ENOMEM", EACCES: "EACCES", EFAULT: "EFAULT",
        EBUSY: "EBUSY", ENODEV: "ENODEV", EINVAL: "EINVAL", ENFILE: "ENFILE", EMFILE: "EMFILE",
        ENOTTY: "ENOTTY", ENOSPC: "ENOSPC", EPIPE: "EPIPE", ERANGE: "ERANGE", ENOSYS: "ENOSYS",
        EOVERFLOW: "EOVERFLOW", ETIMEDOUT: "ETIMEDOUT", ENOTSUP: "ENOTSUP", EPROTO: "EPROTO",
    ]
}
