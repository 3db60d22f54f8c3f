import Dispatch
import Foundation
import Synchronization
import Testing
@testable import LiveView

@Suite struct HTTPServerTests {
    /// A server on a free port answering `/hello` and streaming `/tick` until stopped.
    static func server() throws -> HTTPServer {
        let server = try HTTPServer(port: 0, maximumConnections: 4) { request in
            switch request.path {
            case "/hello": return .response(.text("hello \(request.query)"))
            case "/tick":
                return .stream(contentType: "text/event-stream") { stream in
                    while stream.send(Array("data: tick\n\n".utf8)), stream.pause(milliseconds: 20) {}
                }
            default: return .response(.text("no", status: 404))
            }
        }
        server.start()
        return server
    }

    @Test func answersGetRequests() throws {
        let server = try Self.server()
        defer { server.stop() }
        #expect(server.port > 0)
        let answer = try RawHTTPClient.get(port: server.port, "/hello?x=1")
        #expect(answer.status == 200)
        #expect(String(decoding: answer.body, as: UTF8.self) == "hello x=1")
        #expect(try RawHTTPClient.get(port: server.port, "/nothing").status == 404)
    }

    @Test(arguments: [
        ("POST /hello HTTP/1.1\r\nContent-Length: 0\r\n\r\n", 405),
        ("HEAD /hello HTTP/1.1\r\n\r\n", 405),
        ("GET /hello HTTP/2.0\r\n\r\n", 505),
        ("this is not http\r\n\r\n", 400),
    ])
    func refusesWhatItDoesNotServe(request: String, status: Int) throws {
        let server = try Self.server()
        defer { server.stop() }
        let answer = RawHTTPClient.split(try RawHTTPClient.exchange(port: server.port, Array(request.utf8)))
        #expect(answer.status == status)
    }

    @Test func refusesAnEndlessHead() throws {
        let server = try Self.server()
        defer { server.stop() }
        let request = Array(("GET /hello HTTP/1.1\r\n" + String(repeating: "X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n", count: 400)).utf8)
        let answer = RawHTTPClient.split(try RawHTTPClient.exchange(port: server.port, request))
        #expect(answer.status == 431)
    }

    @Test func saysWhenThePortIsTaken() throws {
        let first = try Self.server()
        defer { first.stop() }
        #expect(throws: LiveViewError.portInUse(first.port)) {
            _ = try HTTPServer(port: first.port) { _ in .response(.text("")) }
        }
        #expect(LiveViewError.portInUse(first.port).description.contains("--port"))
    }

    @Test func listensOnLoopbackOnly() throws {
        let server = try Self.server()
        defer { server.stop() }
        // Every non-loopback IPv4 address of this machine must refuse the connection.
        let output = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "hostname -I 2>/dev/null || true"]
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let addresses = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { $0.contains(".") && !$0.hasPrefix("127.") }
        for address in addresses {
            #expect(!Self.canConnect(address: address, port: server.port), "reachable on \(address)")
        }
    }

    @Test func servesClientsAtOnceAndTurnsAwayTooMany() throws {
        let server = try Self.server()
        defer { server.stop() }
        // Four streams hold every slot; a fifth client is told to come back later.
        let streams = try (0..<4).map { _ in try RawHTTPClient.connect(port: server.port, timeout: 5) }
        defer { streams.forEach { close($0) } }
        for descriptor in streams {
            let request = Array("GET /tick HTTP/1.1\r\n\r\n".utf8)
            _ = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            var buffer = [UInt8](repeating: 0, count: 256)
            #expect(recv(descriptor, &buffer, buffer.count, 0) > 0)
        }
        #expect(try RawHTTPClient.get(port: server.port, "/hello").status == 503)
    }

    @Test func servesManyShortRequestsInParallel() throws {
        let server = try Self.server()
        defer { server.stop() }
        let good = Atomic(0)
        DispatchQueue.concurrentPerform(iterations: 24) { index in
            if let answer = try? RawHTTPClient.get(port: server.port, "/hello?\(index)"), answer.status == 200,
               String(decoding: answer.body, as: UTF8.self) == "hello \(index)" {
                good.add(1, ordering: .relaxed)
            }
        }
        // Some may meet a full house (503) at a busy moment; most must be served.
        #expect(good.load(ordering: .relaxed) >= 20)
    }

    @Test func stopEndsOpenStreamsPromptly() throws {
        let server = try Self.server()
        let descriptor = try RawHTTPClient.connect(port: server.port, timeout: 5)
        defer { close(descriptor) }
        let request = Array("GET /tick HTTP/1.1\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var buffer = [UInt8](repeating: 0, count: 256)
        #expect(recv(descriptor, &buffer, buffer.count, 0) > 0)
        let start = ContinuousClock.now
        server.stop()
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    static func canConnect(address: String, port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, address, &target.sin_addr) == 1 else { return false }
        return withUnsafePointer(to: &target) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
