import Foundation
import Live

/// The live web view: the page, the state (JSON, and as server-sent events), the camera image
/// with the skeleton (one JPEG, or an MJPEG stream), the target-pose figure; served on
/// 127.0.0.1 by ``HTTPServer``.
///
/// - `GET /`: the page (scripts inline; works without them as a still page);
/// - `GET /state.json`: the ``ViewState``;
/// - `GET /events`: the state as server-sent events, one per change (and a comment every few
///   seconds to keep the connection alive), until the session ends;
/// - `GET /frame.jpg`: the latest frame with the skeleton; `GET /stream.mjpg` the same as MJPEG;
/// - `GET /figure.jpg`: the target pose (503 until it is drawn).
public final class LiveViewServer: Sendable {
    /// What is shown.
    public let board: LiveBoard
    private let server: HTTPServer

    /// A view of `board` on 127.0.0.1:`port` (0: any free port); throws when the port is taken.
    public init(board: LiveBoard, port: Int) throws(LiveViewError) {
        self.board = board
        server = try HTTPServer(port: port) { request in Self.route(request, board: board) }
    }

    /// The port listened on.
    public var port: Int { server.port }

    /// The page's address.
    public var url: String { "http://127.0.0.1:\(port)/" }

    /// Starts serving.
    public func start() { server.start() }

    /// Ends the streams and stops serving.
    public func stop() {
        board.close()
        // Streams look every 15 ms: give them the moment to send the last state.
        Thread.sleep(forTimeInterval: 0.06)
        server.stop()
    }

    static func route(_ request: HTTPRequest, board: LiveBoard) -> HTTPReply {
        switch request.path {
        case "/", "/index.html":
            return .response(HTTPResponse(contentType: "text/html; charset=utf-8", body: Array(LiveViewPage.html(board.template).utf8)))
        case "/state.json":
            let latest = board.latest
            return .response(HTTPResponse(contentType: "application/json", body: Array(ViewState(latest.snapshot, over: latest.closed).json.utf8)))
        case "/events":
            return .stream(contentType: "text/event-stream") { stream in events(board, stream) }
        case "/frame.jpg":
            guard let jpeg = board.frameJPEG() else { return .response(.text("No frame yet.\n", status: 503)) }
            return .response(HTTPResponse(contentType: "image/jpeg", body: jpeg))
        case "/stream.mjpg":
            return .stream(contentType: "multipart/x-mixed-replace; boundary=frame") { stream in mjpeg(board, stream) }
        case "/figure.jpg":
            guard let jpeg = board.figure else { return .response(.text("The target pose is still being drawn.\n", status: 503)) }
            return .response(HTTPResponse(contentType: "image/jpeg", body: jpeg))
        default:
            return .response(.text("Not found: \(request.path)\n", status: 404))
        }
    }

    /// Sends the state whenever it changes (looking every 15 ms), until the session is over or
    /// the client goes.
    static func events(_ board: LiveBoard, _ stream: HTTPStream) {
        guard stream.send(Array("retry: 500\n\n".utf8)) else { return }
        var sent = -1
        var quiet = 0
        while true {
            let latest = board.latest
            if latest.version != sent {
                sent = latest.version
                quiet = 0
                guard stream.send(Array("data: \(ViewState(latest.snapshot, over: latest.closed).json)\n\n".utf8)) else { return }
                if latest.closed { return }
            } else {
                quiet += 1
                if quiet % 200 == 0, !stream.send(Array(": still here\n\n".utf8)) { return }
            }
            guard stream.pause(milliseconds: 15) else {
                // Stopping: the last state (the session is over) still goes out.
                let last = board.latest
                if last.version != sent { _ = stream.send(Array("data: \(ViewState(last.snapshot, over: last.closed).json)\n\n".utf8)) }
                return
            }
        }
    }

    /// Sends each new frame as one part of a multipart stream.
    static func mjpeg(_ board: LiveBoard, _ stream: HTTPStream) {
        var sent = -1
        while true {
            let latest = board.latest
            if latest.closed { return }
            if latest.version != sent, let jpeg = board.frameJPEG() {
                sent = latest.version
                let head = "--frame\r\nContent-Type: image/jpeg\r\nContent-Length: \(jpeg.count)\r\n\r\n"
                guard stream.send(Array(head.utf8) + jpeg + Array("\r\n".utf8)) else { return }
            }
            guard stream.pause(milliseconds: 15) else { return }
        }
    }
}
