import Dispatch
import Foundation
import Synchronization

/// What a handler answers a request with.
public enum HTTPReply: Sendable {
    /// A whole response.
    case response(HTTPResponse)
    /// A response of `contentType` whose body `produce` writes piece by piece until the client
    /// goes or the server stops (server-sent events, MJPEG).
    case stream(contentType: String, produce: @Sendable (HTTPStream) -> Void)
}

/// The open body of a streamed response.
public final class HTTPStream: Sendable {
    private let descriptor: Int32
    private let wake: Int32

    init(descriptor: Int32, wake: Int32) {
        self.descriptor = descriptor
        self.wake = wake
    }

    /// Sends `bytes`; false when the client has gone or the send timed out.
    public func send(_ bytes: [UInt8]) -> Bool { Socket.send(descriptor, bytes) }

    /// Sleeps `milliseconds` or until the server stops or the client hangs up; false when the
    /// stream should end.
    public func pause(milliseconds: Int32) -> Bool {
        var fds = [pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, 2, milliseconds)
        if ready <= 0 { return true }
        if fds[0].revents != 0 { return false }
        // The client sent something or hung up: a hang-up reads as the end of the stream.
        if fds[1].revents & Int16(POLLHUP | POLLERR) != 0 { return false }
        return Socket.receive(descriptor, count: 512).map { !$0.isEmpty } ?? false
    }
}

/// A small HTTP/1.1 server for the live view: loopback only (127.0.0.1), GET only, one request
/// per connection (`Connection: close`), request heads of at most 8 KB read within 5 s, at most
/// ``maximumConnections`` clients at once (each on a thread of its own; more get 503).
///
/// Our own rather than a framework's: the view serves four small resources to one or two local
/// browsers, and a framework (with its event loops) would add minutes to every build on the
/// two-core CI machine. Every socket call goes through `Socket`, which retries EINTR and names
/// the call in its errors.
public final class HTTPServer: Sendable {
    /// The port listened on (the one the system chose, when 0 was asked for).
    public let port: Int
    /// Clients served at once at most.
    public let maximumConnections: Int

    private struct State {
        var clients: Set<Int32> = []
        var stopped = false
        var started = false
    }

    private let listener: Int32
    private let wake: (read: Int32, write: Int32)
    private let handler: @Sendable (HTTPRequest) -> HTTPReply
    private let state = Mutex(State())
    private let running = DispatchGroup()

    /// Listens on 127.0.0.1:`port` (0: any free port). Throws ``LiveViewError/portInUse(_:)``
    /// when the port is taken.
    public init(port: Int, maximumConnections: Int = 16,
                handler: @escaping @Sendable (HTTPRequest) -> HTTPReply) throws(LiveViewError) {
        let wake = try Socket.makeWakePipe()
        do throws(LiveViewError) {
            (listener, self.port) = try Socket.listen(port: port)
        } catch {
            close(wake.read)
            close(wake.write)
            throw error
        }
        self.wake = wake
        self.maximumConnections = max(1, maximumConnections)
        self.handler = handler
    }

    deinit {
        close(listener)
        close(wake.read)
        close(wake.write)
    }

    /// Starts accepting connections on a thread of its own.
    public func start() {
        let first = state.withLock { state -> Bool in
            defer { state.started = true }
            return !state.started && !state.stopped
        }
        guard first else { return }
        running.enter()
        let thread = Thread { [self] in
            acceptLoop()
            running.leave()
        }
        thread.name = "formcheck view"
        thread.start()
    }

    /// Stops: no new connections, streams end, open connections are shut down; returns when
    /// every connection thread has finished.
    public func stop() {
        let clients = state.withLock { state -> Set<Int32> in
            state.stopped = true
            return state.clients
        }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
        for client in clients { shutdown(client, Int32(SHUT_RDWR)) }
        running.wait()
    }

    private func acceptLoop() {
        while Socket.waitReadable(listener, orWake: wake.read) {
            guard let client = Socket.accept(listener) else { continue }
            let admitted = state.withLock { state -> Bool in
                guard !state.stopped, state.clients.count < maximumConnections else { return false }
                state.clients.insert(client)
                return true
            }
            guard admitted else {
                Socket.setTimeouts(client, seconds: 1)
                _ = Socket.send(client, HTTPResponse.text("Too many viewers at once: close a tab and reload.\n", status: 503).bytes)
                close(client)
                continue
            }
            running.enter()
            let thread = Thread { [self] in
                serve(client)
                state.withLock { _ = $0.clients.remove(client) }
                close(client)
                running.leave()
            }
            thread.name = "formcheck view client"
            thread.start()
        }
    }

    private func serve(_ client: Int32) {
        Socket.setTimeouts(client, seconds: 5)
        var head: [UInt8] = []
        var end: Int?
        while end == nil {
            guard Socket.waitReadable(client, orWake: wake.read, timeoutMilliseconds: 5000),
                  let bytes = Socket.receive(client, count: 4096), !bytes.isEmpty else { return }
            head += bytes
            end = HTTPRequest.headEnd(in: head)
            if end == nil, head.count > HTTPRequest.maximumHeadBytes {
                _ = Socket.send(client, HTTPResponse.text("Request head too large.\n", status: 431).bytes)
                return
            }
        }
        let request: HTTPRequest
        do {
            request = try HTTPRequest.parse(Array(head.prefix(end ?? head.count)))
        } catch {
            _ = Socket.send(client, HTTPResponse.text("Bad request.\n", status: error.status).bytes)
            return
        }
        guard request.method == "GET" else {
            var response = HTTPResponse.text("Only GET is served here.\n", status: 405)
            response.headers.append(("Allow", "GET"))
            _ = Socket.send(client, response.bytes)
            return
        }
        switch handler(request) {
        case let .response(response):
            _ = Socket.send(client, response.bytes)
        case let .stream(contentType, produce):
            guard Socket.send(client, HTTPResponse.head(status: 200, contentType: contentType, headers: [])) else { return }
            Socket.setTimeouts(client, seconds: 2)
            produce(HTTPStream(descriptor: client, wake: wake.read))
        }
    }
}
