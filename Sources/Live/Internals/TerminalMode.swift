import Foundation
import Synchronization

/// The terminal's state while the live screen is up: keys read one at a time without echo
/// (Ctrl-C still raises SIGINT), the alternate screen, the cursor hidden. ``restore()`` puts
/// everything back; it is idempotent and called on every way out.
final class TerminalMode: Sendable {
    private let saved: Mutex<termios?>
    private let input: Int32, output: Int32

    /// Puts the terminal on `input`/`output` into live mode; `nil` when they are not terminals.
    init?(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        guard isatty(output) == 1 else { return nil }
        self.input = input
        self.output = output
        var settings = termios()
        if isatty(input) == 1, tcgetattr(input, &settings) == 0 {
            saved = Mutex(settings)
            var raw = settings
            raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
            withUnsafeMutableBytes(of: &raw.c_cc) { cc in
                cc[Int(VMIN)] = 1
                cc[Int(VTIME)] = 0
            }
            _ = tcsetattr(input, TCSANOW, &raw)
        } else {
            saved = Mutex(nil)
        }
        Self.write("\u{1B}[?1049h\u{1B}[?25l\u{1B}[H\u{1B}[2J", to: output)
    }

    /// Leaves the alternate screen, shows the cursor and restores the saved settings.
    func restore() {
        let settings = saved.withLock { saved -> termios? in
            defer { saved = nil }
            return saved
        }
        Self.write("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l", to: output)
        if var settings { _ = tcsetattr(input, TCSANOW, &settings) }
    }

    /// The terminal's columns and rows (80 × 24 when it cannot say).
    func size() -> (columns: Int, rows: Int) {
        var size = winsize()
        guard ioctl(output, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return (80, 24) }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// Draws `lines` from the top-left corner, clearing what was there, in one write.
    func draw(_ lines: [String]) {
        var text = "\u{1B}[H"
        for (index, line) in lines.enumerated() {
            text += line + "\u{1B}[K"
            if index < lines.count - 1 { text += "\r\n" }
        }
        text += "\u{1B}[J"
        Self.write(text, to: output)
    }

    /// Writes all of `text` to `descriptor`, retrying on EINTR and short writes.
    static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Foundation.write(descriptor, base + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
        bytes.removeAll()
    }
}

/// Reads single key presses from standard input on a thread of its own until stopped.
public final class KeyReader: Sendable {
    private let wake: (read: Int32, write: Int32)
    private let onKey: @Sendable (UInt8) -> Void
    private let finished = DispatchSemaphore(value: 0)

    /// A reader that calls `onKey` for every byte typed; `nil` when a pipe cannot be made.
    public init?(onKey: @escaping @Sendable (UInt8) -> Void) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return nil }
        wake = (fds[0], fds[1])
        self.onKey = onKey
    }

    /// Starts reading.
    public func start() {
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.name = "formcheck keys"
        thread.start()
    }

    /// Stops reading and waits for the thread.
    public func stop() {
        var byte: UInt8 = 1
        _ = Foundation.write(wake.write, &byte, 1)
        finished.wait()
        close(wake.read)
        close(wake.write)
    }

    private func run() {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            fds[0].revents = 0
            fds[1].revents = 0
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 { return }
            if fds[0].revents & Int16(POLLIN) != 0 {
                let count = read(STDIN_FILENO, &buffer, buffer.count)
                if count <= 0 {
                    if count < 0, errno == EINTR { continue }
                    return  // End of input: no more keys.
                }
                for byte in buffer[0..<count] { onKey(byte) }
            } else if fds[0].revents != 0 {
                return  // Hung up or invalid: no more keys.
            }
        }
    }
}


extension LiveDisplay {
    /// Writes all of `text` to standard error.
    public static func writeToStandardError(_ text: String) { TerminalMode.write(text, to: STDERR_FILENO) }
}
