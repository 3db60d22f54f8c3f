import Foundation
import Glibc

/// A client that sends exact bytes to 127.0.0.1 and reads the whole answer, for tests of the
/// server's handling of bad requests.
enum RawHTTPClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Connects to `port`, sends `request`, reads until the server closes (or `limit` bytes
    /// or `timeout` seconds).
    static func exchange(port: Int, _ request: [UInt8], limit: Int = 4 << 20, timeout: Int = 5) throws -> [UInt8] {
        let descriptor = try connect(port: port, timeout: timeout)
        defer { close(descriptor) }
        var offset = 0
        while offset < request.count {
            let sent = request.withUnsafeBytes { send(descriptor, $0.baseAddress.map { $0 + offset }, request.count - offset, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { break }  // The server may answer and close before reading it all.
            offset += sent
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while answer.count < limit {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            answer += buffer[0..<count]
        }
        return answer
    }

    /// `GET path` and the answer split into the status code, the head and the body.
    static func get(port: Int, _ path: String, limit: Int = 4 << 20, timeout: Int = 5) throws -> (status: Int, head: String, body: [UInt8]) {
        let answer = try exchange(port: port, Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8), limit: limit, timeout: timeout)
        return split(answer)
    }

    static func split(_ answer: [UInt8]) -> (status: Int, head: String, body: [UInt8]) {
        let marker: [UInt8] = [13, 10, 13, 10]
        var end = answer.count
        if answer.count >= 4 {
            for index in 0...(answer.count - 4) where Array(answer[index..<index + 4]) == marker {
                end = index
                break
            }
        }
        let head = String(decoding: answer[0..<end], as: UTF8.self)
        let body = end + 4 <= answer.count ? Array(answer[(end + 4)...]) : []
        let status = head.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return (status, head, body)
    }

    static func connect(port: Int, timeout: Int) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket failed") }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(descriptor)
            throw Failure(description: "connect to port \(port) failed: errno \(errno)")
        }
        return descriptor
    }
}
