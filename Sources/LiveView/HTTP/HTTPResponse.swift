/// An HTTP response with its whole body.
public struct HTTPResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The `Content-Type`.
    public var contentType: String
    /// Further headers.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: [UInt8]

    /// A response with `status`, `contentType` and `body`.
    public init(status: Int = 200, contentType: String, headers: [(name: String, value: String)] = [], body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    /// A plain-text response.
    public static func text(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }

    /// The head and body as bytes (with `Content-Length`, `Connection: close`, no caching).
    public var bytes: [UInt8] {
        Self.head(status: status, contentType: contentType, headers: headers + [("Content-Length", String(body.count))]) + body
    }

    /// A response head: the status line, the headers given, `Cache-Control: no-store`,
    /// `Connection: close` and the blank line.
    public static func head(status: Int, contentType: String, headers: [(name: String, value: String)]) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(reason(status))\r\nContent-Type: \(contentType)\r\n"
        for header in headers { text += "\(header.name): \(header.value)\r\n" }
        text += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
        return Array(text.utf8)
    }

    /// The reason phrase of `status`.
    public static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 431: return "Request Header Fields Too Large"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status"
        }
    }
}
