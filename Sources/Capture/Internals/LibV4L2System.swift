#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CV4L2
import Foundation

/// The real system: devices through libv4l2 (`v4l2_open`, `v4l2_ioctl`, `v4l2_mmap`, …), so that
/// libv4l2 can convert formats the camera has into RGB24 when asked; poll and eventfd from libc.
struct LibV4L2System: V4L2System {
    /// Where device nodes live; `/dev` except in tests of the listing.
    var deviceDirectory = "/dev"

    func open(_ path: String, flags: Int32) throws(Errno) -> Int32 {
        let fd = cv4l2_open(path, flags)
        guard fd >= 0 else { throw Errno.current }
        return fd
    }

    func close(_ fd: Int32) throws(Errno) {
        guard v4l2_close(fd) == 0 else { throw Errno.current }
    }

    func ioctl(_ fd: Int32, _ request: V4L2Request, _ argument: UnsafeMutableRawPointer) throws(Errno) {
        guard cv4l2_ioctl(fd, request.number, argument) != -1 else { throw Errno.current }
    }

    func mmap(fd: Int32, length: Int, offset: Int) throws(Errno) -> UnsafeMutableRawPointer {
        let address = v4l2_mmap(nil, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, Int64(offset))
        guard let address, address != cv4l2_map_failed() else { throw Errno.current }
        return address
    }

    func munmap(_ address: UnsafeMutableRawPointer, length: Int) throws(Errno) {
        guard v4l2_munmap(address, length) == 0 else { throw Errno.current }
    }

    func poll(_ descriptors: UnsafeMutableBufferPointer<pollfd>, timeoutMilliseconds: Int32) throws(Errno) -> Int {
        let ready = Glibc.poll(descriptors.baseAddress, nfds_t(descriptors.count), timeoutMilliseconds)
        guard ready >= 0 else { throw Errno.current }
        return Int(ready)
    }

    func makeWakeEvent() throws(Errno) -> Int32 {
        let fd = eventfd(0, Int32(EFD_CLOEXEC) | Int32(EFD_NONBLOCK))
        guard fd >= 0 else { throw Errno.current }
        return fd
    }

    func signalWakeEvent(_ fd: Int32) throws(Errno) {
        var one: UInt64 = 1
        let written = withUnsafeBytes(of: &one) { Glibc.write(fd, $0.baseAddress, $0.count) }
        // EAGAIN means the counter is already at its maximum: the event is readable anyway.
        guard written == MemoryLayout<UInt64>.size || errno == EAGAIN else { throw Errno.current }
    }

    func deviceNodes() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: deviceDirectory)) ?? []
        return names
            .filter { $0.hasPrefix("video") && $0.count > 5 && $0.dropFirst(5).allSatisfy { $0.isASCII && $0.isNumber } }
            .sorted(by: NaturalOrder.areInIncreasingOrder)
            .map { deviceDirectory + "/" + $0 }
    }
}
