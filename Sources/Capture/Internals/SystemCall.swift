/// A system call that failed: which call, and the `errno` it set.
struct SystemCallError: Error, Equatable, Sendable {
    /// The call as messages name it: `ioctl(VIDIOC_S_FMT)`, `open`, `mmap`.
    let call: String
    let errno: Errno
}

/// How a call that may not block ended.
enum CallOutcome<Value> {
    /// The call did its work and returned this.
    case completed(Value)
    /// The call would have had to wait (`EAGAIN`): nothing happened; wait (poll) and call again.
    case wouldBlock
}

/// The one funnel every system call of the capture path goes through.
///
/// As in swift-nio: a call interrupted by a signal (`EINTR`) is made again; `EAGAIN` becomes the
/// value `.wouldBlock` for the caller to wait on; `EBADF` and `EFAULT` mean Capture passed a
/// descriptor or pointer it does not own, a bug and not a condition to handle, so they stop the
/// program; every other failure is thrown as a `SystemCallError` naming the call.
enum SystemCall {
    /// Makes `body` until it is not interrupted; see the type's summary for what happens to errors.
    static func make<Value>(
        _ call: @autoclosure () -> String,
        _ body: () throws(Errno) -> Value
    ) throws(SystemCallError) -> CallOutcome<Value> {
        while true {
            do throws(Errno) {
                return .completed(try body())
            } catch .interrupted {
                continue
            } catch .wouldBlock {
                return .wouldBlock
            } catch let errno where errno == .badFileDescriptor || errno == .badAddress {
                preconditionFailure("\(call()) failed with \(errno): Capture passed a descriptor or address it does not own")
            } catch {
                throw SystemCallError(call: call(), errno: error)
            }
        }
    }

    /// Makes a call that cannot report `EAGAIN` for what Capture does with it (open, close, mmap,
    /// most ioctls); should it still do so, it is reported as a failure of that call.
    static func make<Value>(
        blocking call: @autoclosure () -> String,
        _ body: () throws(Errno) -> Value
    ) throws(SystemCallError) -> Value {
        switch try make(call(), body) {
        case .completed(let value): return value
        case .wouldBlock: throw SystemCallError(call: call(), errno: .wouldBlock)
        }
    }
}

extension SystemCall {
    /// Closes `fd`. Not retried on `EINTR`: Linux has released the descriptor by then, and closing
    /// it again could close one another thread has just opened. Other errors are reported to
    /// nobody: the descriptor is gone either way.
    static func close(_ fd: Int32, system: any V4L2System) {
        _ = try? make(blocking: "close") { () throws(Errno) in
            do throws(Errno) { try system.close(fd) } catch .interrupted {}
        }
    }
}
