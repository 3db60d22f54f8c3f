import Capture
import Foundation
import Synchronization

/// Where the live screen goes: a terminal redrawn in place (the alternate screen, restored on
/// exit), or, when the output is not a terminal, one plain line per change and at most one a
/// second otherwise.
public final class LiveDisplay: Sendable {
    private struct State {
        var last: LiveSnapshot?
        var lastPlain: (line: String, key: String, time: Double)?
        var info: String?
    }

    private let terminal: TerminalMode?
    private let plainOutput: Int32
    private let state = Mutex(State())

    /// A display on standard output: the full screen when it is a terminal and `screen` is
    /// true, plain lines otherwise (to `plainOutput`).
    public init(screen: Bool = true, plainOutput: Int32 = STDOUT_FILENO) {
        terminal = screen ? TerminalMode() : nil
        self.plainOutput = plainOutput
    }

    /// Whether the display redraws a terminal screen.
    public var isScreen: Bool { terminal != nil }

    /// Sets a line shown above the keys (the web view's address).
    public func setInfo(_ info: String?) { state.withLock { $0.info = info } }

    /// Shows `snapshot`.
    public func show(_ snapshot: LiveSnapshot) {
        state.withLock { state in
            state.last = snapshot
            if let terminal {
                let (columns, rows) = terminal.size()
                var screen = TerminalScreen(columns: columns, rows: rows)
                screen.info = state.info
                terminal.draw(screen.lines(snapshot))
                return
            }
            let line = TerminalScreen.plainLine(snapshot)
            let key = "\(snapshot.verdict?.rawValue ?? "")|\(snapshot.cue ?? "")|\(snapshot.reps)|\(snapshot.stopped ?? "")|\(snapshot.notice ?? "")|\(snapshot.side?.rawValue ?? "")"
            let now = MonotonicClock.now()
            if let last = state.lastPlain, last.key == key, now - last.time < 1 { return }
            state.lastPlain = (line, key, now)
            TerminalMode.write(line + "\n", to: plainOutput)
        }
    }

    /// Draws the last snapshot again (after a resize).
    public func redraw() {
        guard let last = state.withLock({ $0.last }) else { return }
        show(last)
    }

    /// Puts the terminal back as it was (idempotent).
    public func restore() { terminal?.restore() }
}
