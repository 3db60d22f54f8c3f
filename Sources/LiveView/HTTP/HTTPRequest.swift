/// A parsed HTTP/1.x request head: the method, the path and query, the headers.
public struct HTTPRequest: Sendable, Equatable {
    /// `GET`, `POST`, …
    public var method: String
    /// The path, without the query (`/frame.jpg`).
    public var path: String
    /// The query, without the `?` (empty when there is none).
    public var query: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    public var version: String
    /// Header names (lowercased) and values, in order.
    public var headers: [(name: String, value: String)]

    /// The largest request head accepted, in bytes.
    public static let maximumHeadBytes = 8192

    /// Why a request head was refused, as the status to answer with.
    public enum Problem: Error, Sendable, Equatable {
        /// Not a request line and headers (400).
        case malformed
        /// The head is longer than ``maximumHeadBytes`` (431).
        case tooLarge
        /// Not HTTP/1.0 or 1.1 (505).
        case unsupportedVersion

        /// The status line's code.
        public var status: Int {
            switch self {
            case .malformed: return 400
            case .tooLarge: return 431
            case .unsupportedVersion: return 505
            }
        }
    }

    public static func == (a: HTTPRequest, b: HTTPRequest) -> Bool {
        a.method == b.method && a.path == b.path && a.query == b.query && a.version == b.version
            && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
    }

    /// The value of the first header named `name` (any case).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }

    /// Where the head ends in `bytes` (the index after the blank line), `nil` if not yet.
    public static func headEnd(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 3..<bytes.count where bytes[index] == 10 {
            if bytes[index - 1] == 13, bytes[index - 2] == 10, bytes[index - 3] == 13 { return index + 1 }
            if bytes[index - 1] == 10 { return index + 1 }  // Bare LF line ends, as some clients send.
        }
        return nil
    }

    /// Parses a request head (everything up to and including the blank line).
    public static func parse(_ head: [UInt8]) throws(Problem) -> HTTPRequest {
        guard head.count <= maximumHeadBytes else { throw .tooLarge }
        // Lines split on the bytes: in a Swift string "\r\n" is one character, not two.
        var lines: [String] = []
        for raw in head.split(separator: 10, omittingEmptySubsequences: false) {
            let bytes = raw.last == 13 ? raw.dropLast() : raw[...]
            guard let line = String(validating: bytes, as: UTF8.self) else { throw .malformed }
            lines.append(line)
        }
        while lines.last == "" { lines.removeLast() }
        guard let requestLine = lines.first else { throw .malformed }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isUppercase }) else { throw .malformed }
        let version = String(parts[2])
        guard version.hasPrefix("HTTP/") else { throw .malformed }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { throw .unsupportedVersion }
        let target = String(parts[1])
        guard target.hasPrefix("/") else { throw .malformed }
        let path: String, query: String
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        } else {
            path = target
            query = ""
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else { throw .malformed }
            let name = line[..<colon]
            guard !name.contains(" ") else { throw .malformed }
            let value = line[line.index(after: colon)...].trimmingSpaces()
            headers.append((name.lowercased(), value))
        }
        return HTTPRequest(method: String(parts[0]), path: path, query: query, version: version, headers: headers)
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        var slice = self[...]
        while slice.first == " " || slice.first == "\t" { slice = slice.dropFirst() }
        while slice.last == " " || slice.last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
