import Dispatch
import Foundation
import Synchronization

/// Speaks text through `espeak-ng`, one utterance at a time: while one is being spoken, only
/// the newest request waits (older ones are dropped: a stale cue is worse than none).
public final class Speaker: Sendable {
    /// The program's path.
    public let program: String
    /// Words per minute.
    public let wordsPerMinute: Int

    private struct State {
        var speaking = false
        var pending: String?
        var stopped = false
        var process: Process?
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "formcheck.speech")

    /// A speaker using `program` (see ``find(in:)``).
    public init(program: String, wordsPerMinute: Int = 160) {
        self.program = program
        self.wordsPerMinute = wordsPerMinute
    }

    /// The path of `espeak-ng` on `PATH`, or an error saying how to install it.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws(LiveError) -> String {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/espeak-ng"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw .speechUnavailable
    }

    /// Says `text` (after what is being said; replacing anything still waiting).
    public func say(_ text: String) {
        let start = state.withLock { state -> Bool in
            guard !state.stopped else { return false }
            if state.speaking {
                state.pending = text
                return false
            }
            state.speaking = true
            return true
        }
        if start { queue.async { [self] in speak(text) } }
    }

    /// Stops speaking: what waits is dropped, the utterance under way is finished (a last rep
    /// count is not cut off).
    public func stop() {
        state.withLock { state in
            state.stopped = true
            state.pending = nil
        }
        queue.sync {}
    }

    private func speak(_ first: String) {
        var text: String? = first
        while let current = text {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = ["-s", String(wordsPerMinute), "--", current]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            let launched = state.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.process = process
                return true
            }
            if launched, (try? process.run()) != nil { process.waitUntilExit() }
            text = state.withLock { state -> String? in
                state.process = nil
                let next = state.stopped ? nil : state.pending
                state.pending = nil
                if next == nil { state.speaking = false }
                return next
            }
        }
    }
}
