import Testing
@testable import LiveView

@Suite struct HTTPRequestTests {
    @Test func parsesARequestLineAndHeaders() throws {
        let head = Array("GET /frame.jpg?f=12 HTTP/1.1\r\nHost: 127.0.0.1:8765\r\nAccept:  image/*  \r\n\r\n".utf8)
        #expect(HTTPRequest.headEnd(in: head) == head.count)
        let request = try HTTPRequest.parse(head)
        #expect(request.method == "GET")
        #expect(request.path == "/frame.jpg")
        #expect(request.query == "f=12")
        #expect(request.version == "HTTP/1.1")
        #expect(request.header("host") == "127.0.0.1:8765")
        #expect(request.header("ACCEPT") == "image/*")
    }

    @Test func findsTheEndOfAHeadWithBareLineFeeds() {
        #expect(HTTPRequest.headEnd(in: Array("GET / HTTP/1.0\n\n".utf8)) == 16)
        #expect(HTTPRequest.headEnd(in: Array("GET / HTTP/1.1\r\nHost: x\r\n".utf8)) == nil)
    }

    @Test(arguments: [
        ("GET /\r\n\r\n", HTTPRequest.Problem.malformed),
        ("GET nopath HTTP/1.1\r\n\r\n", .malformed),
        ("get / HTTP/1.1\r\n\r\n", .malformed),
        ("GET / HTTP/1.1\r\nNo colon here\r\n\r\n", .malformed),
        ("GET / HTTP/2.0\r\n\r\n", .unsupportedVersion),
        ("GET / FTP/1.0\r\n\r\n", .malformed),
    ])
    func refusesBadHeads(text: String, problem: HTTPRequest.Problem) {
        #expect(throws: problem) { try HTTPRequest.parse(Array(text.utf8)) }
    }

    @Test func refusesHeadsOverTheLimit() {
        let head = Array(("GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: HTTPRequest.maximumHeadBytes) + "\r\n\r\n").utf8)
        #expect(throws: HTTPRequest.Problem.tooLarge) { try HTTPRequest.parse(head) }
        #expect(HTTPRequest.Problem.tooLarge.status == 431)
    }

    @Test func responsesCarryTheirLengthAndCloseTheConnection() {
        let text = String(decoding: HTTPResponse.text("hello", status: 404).bytes, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
        #expect(text.contains("Content-Length: 5\r\n"))
        #expect(text.contains("Connection: close\r\n"))
        #expect(text.hasSuffix("\r\n\r\nhello"))
    }
}
