@testable import Capture
import Foundation
import Testing

/// The syscall funnel: EINTR retried, EAGAIN a value, errors naming the call.
@Suite struct SystemCallTests {
    /// A call that fails with each of `failures` in turn, then returns `value`.
    final class Scripted: @unchecked Sendable {
        var failures: [Errno]
        var calls = 0
        init(_ failures: [Errno]) { self.failures = failures }
        func call() throws(Errno) -> Int {
            calls += 1
            if !failures.isEmpty { throw failures.removeFirst() }
            return 7
        }
    }

    @Test func interruptedCallsAreRetried() throws {
        let scripted = Scripted([.interrupted, .interrupted])
        guard case .completed(let value) = try SystemCall.make("ioctl(X)", scripted.call) else {
            Issue.record("should complete")
            return
        }
        #expect(value == 7 && scripted.calls == 3)
    }

    @Test func wouldBlockIsAValue() throws {
        let scripted = Scripted([.wouldBlock])
        guard case .wouldBlock = try SystemCall.make("ioctl(X)", scripted.call) else {
            Issue.record("should be .wouldBlock")
            return
        }
        #expect(scripted.calls == 1)
        #expect(throws: SystemCallError(call: "open", errno: .wouldBlock)) {
            try SystemCall.make(blocking: "open", Scripted([.wouldBlock]).call)
        }
    }

    @Test func otherErrorsNameTheCall() {
        let scripted = Scripted([.interrupted, .noDevice])
        #expect(throws: SystemCallError(call: "ioctl(VIDIOC_DQBUF)", errno: .noDevice)) {
            try SystemCall.make(blocking: "ioctl(VIDIOC_DQBUF)", scripted.call)
        }
        #expect(scripted.calls == 2)
    }

    @Test func closeIsNotRetriedWhenInterrupted() {
        let system = EmulatedV4L2()
        let fd = try? system.makeWakeEvent()
        let counting = CloseCounter(system)
        SystemCall.close(fd ?? -1, system: counting)
        #expect(counting.closes == 1)
    }

    @Test func errnoReadsAsItsName() {
        #expect(Errno.busy.description == "EBUSY (Device or resource busy)")
        #expect(Errno(4095).name == "errno 4095")
    }

    @Test(arguments: [
        (Errno.noSuchFile, false, false, CaptureError.deviceMissing(path: "/dev/v")),
        (.permissionDenied, false, false, .permissionDenied(path: "/dev/v")),
        (.notPermitted, false, false, .permissionDenied(path: "/dev/v")),
        (.busy, false, false, .deviceBusy(path: "/dev/v")),
        (.noDevice, true, false, .deviceMissing(path: "/dev/v")),
        (.noDevice, false, false, .disconnected(path: "/dev/v")),
        (.noSuchDeviceOrAddress, false, false, .disconnected(path: "/dev/v")),
        (.ioError, false, true, .disconnected(path: "/dev/v")),
        (.ioError, false, false, .systemCall(path: "/dev/v", call: "c", errno: Errno.ioError.rawValue)),
        (.notTypewriter, true, false, .notACamera(path: "/dev/v", card: "", reason: "it is not a V4L2 video device")),
        (.invalidArgument, false, false, .systemCall(path: "/dev/v", call: "c", errno: Errno.invalidArgument.rawValue)),
    ])
    func errnoMeansACaptureError(errno: Errno, opening: Bool, ioMeansGone: Bool, expected: CaptureError) {
        let error = SystemCallError(call: "c", errno: errno)
        #expect(error.captureError(path: "/dev/v", opening: opening, ioMeansGone: ioMeansGone) == expected)
    }

    @Test func realWakeEventSleepsAndWakes() throws {
        let wake = try WakeEvent(system: LibV4L2System())
        defer { wake.close() }
        let started = ContinuousClock.now
        #expect(try wake.sleep(until: started + .milliseconds(30)) == false)
        #expect(ContinuousClock.now - started >= .milliseconds(29))
        let waker = Background { () -> Bool in
            Thread.sleep(forTimeInterval: 0.02)
            wake.signal()
            return true
        }
        #expect(try wake.sleep(until: .now + .seconds(10)) == true)
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(waker.wait() == true)
        #expect(try wake.sleep(until: .now + .seconds(10)) == true, "once signalled, it stays readable")
    }

    @Test(arguments: [(0, 0), (1, 1), (999, 1), (1_000_000, 1), (2_500_000_000, 2_500)])
    func pollTimeoutsRoundUp(nanoseconds: Int64, milliseconds: Int32) {
        let now = ContinuousClock.now
        let computed = WakeEvent.milliseconds(until: now + .nanoseconds(nanoseconds))
        // Time passes between the two reads of the clock: the result may be one millisecond less.
        #expect(computed == milliseconds || computed == milliseconds - 1 || (milliseconds == 0 && computed == 0))
    }
}

/// Counts closes, and answers each with EINTR (after really closing), as Linux may.
final class CloseCounter: V4L2System, @unchecked Sendable {
    let base: EmulatedV4L2
    var closes = 0
    init(_ base: EmulatedV4L2) { self.base = base }

    func close(_ fd: Int32) throws(Errno) {
        closes += 1
        try base.close(fd)
        throw .interrupted
    }
    func open(_ path: String, flags: Int32) throws(Errno) -> Int32 { try base.open(path, flags: flags) }
    func ioctl(_ fd: Int32, _ request: V4L2Request, _ argument: UnsafeMutableRawPointer) throws(Errno) {
        try base.ioctl(fd, request, argument)
    }
    func mmap(fd: Int32, length: Int, offset: Int) throws(Errno) -> UnsafeMutableRawPointer {
        try base.mmap(fd: fd, length: length, offset: offset)
    }
    func munmap(_ address: UnsafeMutableRawPointer, length: Int) throws(Errno) { try base.munmap(address, length: length) }
    func poll(_ descriptors: UnsafeMutableBufferPointer<pollfd>, timeoutMilliseconds: Int32) throws(Errno) -> Int {
        try base.poll(descriptors, timeoutMilliseconds: timeoutMilliseconds)
    }
    func makeWakeEvent() throws(Errno) -> Int32 { try base.makeWakeEvent() }
    func signalWakeEvent(_ fd: Int32) throws(Errno) { try base.signalWakeEvent(fd) }
    func deviceNodes() -> [String] { base.deviceNodes() }
}
