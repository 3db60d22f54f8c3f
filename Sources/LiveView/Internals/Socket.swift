import Glibc

/// Every socket call of the web view goes through here: EINTR is retried, errno becomes a
/// ``LiveViewError`` naming the call.
enum Socket {
    /// Runs `body` until it does not fail with EINTR; throws when it returns a negative value.
    @discardableResult
    static func call(_ name: String, _ body: () -> Int32) throws(LiveViewError) -> Int32 {
        while true {
            let result = body()
            if result >= 0 { return result }
            if errno == EINTR { continue }
            throw .systemCall(call: name, errno: errno)
        }
    }

    /// A TCP socket listening on 127.0.0.1:`port` (0: any free port) and the port it got.
    static func listen(port: Int, backlog: Int32 = 32) throws(LiveViewError) -> (descriptor: Int32, port: Int) {
        guard (0...65535).contains(port) else { throw .invalidPort(port) }
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let descriptor = try call("socket") { socket(AF_INET, type, 0) }
        do throws(LiveViewError) {
            var yes: Int32 = 1
            try call("setsockopt(SO_REUSEADDR)") {
                setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
            }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)  // 127.0.0.1 only.
            do throws(LiveViewError) {
                try call("bind") {
                    withUnsafePointer(to: &address) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                            bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                        }
                    }
                }
            } catch .systemCall(_, EADDRINUSE) {
                throw .portInUse(port)
            } catch .systemCall(_, EACCES) {
                throw .portNotAllowed(port)
            }
            try call("listen") { Glibc.listen(descriptor, backlog) }
            var bound = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            try call("getsockname") {
                withUnsafeMutablePointer(to: &bound) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
                }
            }
            return (descriptor, Int(UInt16(bigEndian: bound.sin_port)))
        } catch {
            close(descriptor)
            throw error
        }
    }

    /// Waits until `descriptor` is readable or `wake` is; true when `descriptor` is.
    static func waitReadable(_ descriptor: Int32, orWake wake: Int32, timeoutMilliseconds: Int32 = -1) -> Bool {
        var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        while true {
            let ready = poll(&fds, 2, timeoutMilliseconds)
            if ready < 0, errno == EINTR { continue }
            return ready > 0 && fds[1].revents == 0 && fds[0].revents != 0
        }
    }

    /// Accepts a connection on `listener`; `nil` when none is waiting or it failed.
    static func accept(_ listener: Int32) -> Int32? {
        let client = try? call("accept") { Glibc.accept(listener, nil, nil) }
        guard let client else { return nil }
        var yes: Int32 = 1
        setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        return client
    }

    /// Sets how long a receive or a send may block on `descriptor`.
    static func setTimeouts(_ descriptor: Int32, seconds: Int) {
        var time = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Receives up to `count` bytes; empty at the end of the stream, `nil` on an error or timeout.
    static func receive(_ descriptor: Int32, count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        while true {
            let received = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, count, 0) }
            if received < 0, errno == EINTR { continue }
            guard received >= 0 else { return nil }
            return Array(buffer[0..<received])
        }
    }

    /// Sends all of `bytes`; false when the peer has gone (no SIGPIPE) or the send timed out.
    static func send(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { buffer in
                Glibc.send(descriptor, buffer.baseAddress.map { $0 + offset }, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += sent
        }
        return true
    }

    /// A pipe whose write end wakes threads polling its read end.
    static func makeWakePipe() throws(LiveViewError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        try call("pipe") { pipe(&fds) }
        return (fds[0], fds[1])
    }
}
