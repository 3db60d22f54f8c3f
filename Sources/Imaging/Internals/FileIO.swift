// Whole-file reads and writes through POSIX, with errno turned into ImagingError.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// File access for the Imaging module: every system call of the module goes through here.
enum FileIO {
    /// Files larger than this are refused before reading (no image we accept is this big).
    static let maxFileBytes = 1 << 30

    /// Reads the whole file at `path`.
    static func read(path: String) throws(ImagingError) -> [UInt8] {
        let fd = retryingEINTR { open(path, O_RDONLY | O_CLOEXEC) }
        if fd < 0 { throw openError(path: path, errno: errno) }
        defer { _ = close(fd) }

        var info = stat()
        if fstat(fd, &info) != 0 {
            throw ioError(path: path, operation: "fstat", errno: errno)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw ImagingError(.unreadable, origin: path, problem: "is a folder, not an image file",
                               remedy: "Pass an image file, or a folder where a folder is accepted")
        }
        let expected = Int(info.st_size)
        if expected > maxFileBytes {
            throw ImagingError(.tooLarge, origin: path,
                               problem: "is \(expected) bytes, more than the \(maxFileBytes)-byte limit for an image file",
                               remedy: "Check that this is really an image; downscale or re-encode it first")
        }

        // st_size may be 0 for special files: read in chunks until end of file.
        var bytes = [UInt8]()
        bytes.reserveCapacity(max(expected, 0))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { buffer in
                retryingEINTR { posixRead(fd, buffer.baseAddress, buffer.count) }
            }
            if n < 0 { throw ioError(path: path, operation: "read", errno: errno) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > maxFileBytes {
                throw ImagingError(.tooLarge, origin: path,
                                   problem: "is more than the \(maxFileBytes)-byte limit for an image file",
                                   remedy: "Check that this is really an image; downscale or re-encode it first")
            }
        }
        return bytes
    }

    /// Writes `bytes` to `path` (created or truncated, mode 0644).
    static func write(_ bytes: [UInt8], path: String) throws(ImagingError) {
        let fd = retryingEINTR { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        if fd < 0 {
            let code = errno
            throw ImagingError(.writeFailed, origin: path,
                               problem: "cannot be created (\(errorName(code)))",
                               remedy: "Check that the folder exists and is writable")
        }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = retryingEINTR { posixWrite(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset) }
                if n <= 0 {
                    failure = n < 0 ? errno : EIO
                    return
                }
                offset += n
            }
        }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure != 0 {
            throw ImagingError(.writeFailed, origin: path,
                               problem: "could not be written (\(errorName(failure)))",
                               remedy: "Check the free disk space and the folder's permissions")
        }
    }

    // MARK: - Helpers

    private static func retryingEINTR<T: BinaryInteger>(_ call: () -> T) -> T {
        while true {
            let result = call()
            if result < 0 && errno == EINTR { continue }
            return result
        }
    }

    private static func openError(path: String, errno code: Int32) -> ImagingError {
        switch code {
        case ENOENT, ENOTDIR:
            return ImagingError(.fileNotFound, origin: path, problem: "no such file",
                                remedy: "Check the path and its spelling")
        case EACCES, EPERM:
            return ImagingError(.unreadable, origin: path, problem: "permission denied",
                                remedy: "Make the file readable (chmod +r) or run as a user who may read it")
        case EISDIR:
            return ImagingError(.unreadable, origin: path, problem: "is a folder, not an image file",
                                remedy: "Pass an image file, or a folder where a folder is accepted")
        default:
            return ioError(path: path, operation: "open", errno: code)
        }
    }

    private static func ioError(path: String, operation: String, errno code: Int32) -> ImagingError {
        ImagingError(.unreadable, origin: path, problem: "\(operation) failed (\(errorName(code)))",
                     remedy: "Check that the file is a regular, readable file on a working disk")
    }

    /// The C library's text for an errno value, e.g. "No such file or directory".
    static func errorName(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }
}

// Unambiguous names for the libc calls (`read`/`write` are also FileIO's own method names).
@inline(__always)
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

@inline(__always)
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}
