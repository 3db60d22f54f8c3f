#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An eventfd that `stop()` makes readable from any thread, so that a thread waiting in poll for a
/// frame (or sleeping until a device returns) wakes at once. Once signalled it stays readable:
/// stopping is for good.
struct WakeEvent: Sendable {
    let system: any V4L2System
    let fd: Int32

    init(system: any V4L2System) throws(CaptureError) {
        self.system = system
        do throws(SystemCallError) {
            fd = try SystemCall.make(blocking: "eventfd") { () throws(Errno) in try system.makeWakeEvent() }
        } catch {
            throw .systemCall(path: "eventfd", call: error.call, errno: error.errno.rawValue)
        }
    }

    /// Makes the event readable. Safe from any thread.
    func signal() {
        _ = try? SystemCall.make(blocking: "write(eventfd)") { () throws(Errno) in try system.signalWakeEvent(fd) }
    }

    /// Waits until `deadline` or until the event is signalled; true when it was signalled.
    func sleep(until deadline: ContinuousClock.Instant) throws(CaptureError) -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = try withUnsafeMutablePointer(to: &descriptor) { (pointer) throws(CaptureError) -> Int in
            let buffer = UnsafeMutableBufferPointer(start: pointer, count: 1)
            do throws(SystemCallError) {
                return try SystemCall.make(blocking: "poll") { () throws(Errno) in
                    try system.poll(buffer, timeoutMilliseconds: WakeEvent.milliseconds(until: deadline))
                }
            } catch {
                throw .systemCall(path: "eventfd", call: error.call, errno: error.errno.rawValue)
            }
        }
        return ready > 0
    }

    /// Closes the eventfd; only when no thread can use it any more (the owner's deinit).
    func close() {
        SystemCall.close(fd, system: system)
    }

    /// The poll timeout that ends at `deadline`: whole milliseconds, rounded up, never negative.
    static func milliseconds(until deadline: ContinuousClock.Instant) -> Int32 {
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { return 0 }
        let (seconds, attoseconds) = remaining.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }
}
