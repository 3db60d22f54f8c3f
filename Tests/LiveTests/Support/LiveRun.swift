import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Form
import Synchronization
import Imaging
import Mannequin
import TestSupport

/// Runs the built `formcheck` and drives `formcheck live` through tmux, as a person would.
enum LiveRun {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    typealias Result = FormcheckProcess.Result

    /// The built `formcheck`.
    static var executable: String { FormcheckProcess.executable.path }

    /// Runs `formcheck arguments…` to completion, standard input empty, output to files.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try FormcheckProcess.run(arguments, environment: environment)
    }

    /// A fresh scratch folder; the caller removes it.
    static func scratch() throws -> URL { try FormcheckProcess.scratch() }

    /// A folder of `count` mannequin frames of a bridge in good form (320 × 240), made once per
    /// test run (about a second).
    static let bridgeFrames: Swift.Result<String, Failure> = {
        do {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("formcheck-live-frames-\(getpid())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let template = try TemplateLibrary.bundled().template(id: "bridge")
            let sequence = try SampleSequence(template: template, settings: SampleSettings(width: 320, height: 240))
            for index in sequence.bodies.indices {
                let image = try sequence.picture(index, options: RenderOptions(threads: 2))
                try ImageFile.save(image, to: folder.appendingPathComponent(SampleSequence.fileName(index)).path, jpegQuality: 80)
            }
            return .success(folder.path)
        } catch {
            return .failure(Failure(description: "cannot render the test frames: \(error)"))
        }
    }()

    /// Whether `program` is on PATH.
    static func installed(_ program: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(program)")
        }
    }

    /// Runs `tmux arguments…` and returns its output.
    @discardableResult
    static func tmux(_ arguments: [String]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("formcheck-tmux-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try spawn(["tmux"] + arguments, output: file.path)
        return (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }

    /// Runs `arguments` (found on PATH) to completion, output to `output`; returns the exit
    /// status. Spawned and reaped by hand: Foundation's `Process` learns of a child's exit
    /// through a descriptor the child inherits, which daemons it starts (the tmux server,
    /// Chromium's helpers) keep open for ever.
    @discardableResult
    static func spawn(_ arguments: [String], output: String = "/dev/null") throws -> Int32 {
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let script = "exec \(quoted) </dev/null >'\(output)' 2>/dev/null"
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(script), nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { throw Failure(description: "cannot run \(arguments[0])") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return status
    }

    /// Reads the tmux pane `session` until `condition` holds for its text, for at most `seconds`.
    static func waitForScreen(_ session: String, seconds: Double, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        while Date() < deadline {
            screen = try tmux(["capture-pane", "-p", "-t", session])
            if condition(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Failure(description: "the screen never showed what was expected; it was:\n\(screen)")
    }

    /// Waits for `path` to exist, for at most `seconds`.
    static func waitForFile(_ path: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: path) { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    /// `GET http://127.0.0.1:port/path`: the status and the body.
    static func get(port: Int, _ path: String) throws -> (status: Int, body: Data) {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { throw Failure(description: "bad path \(path)") }
        let semaphore = DispatchSemaphore(value: 0)
        let result = Mutex<(Int, Data)?>(nil)
        let task = URLSession.shared.dataTask(with: url) { data, response, _ in
            result.withLock { $0 = ((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data()) }
            semaphore.signal()
        }
        task.resume()
        _ = semaphore.wait(timeout: .now() + 10)
        guard let answer = result.withLock({ $0 }) else { throw Failure(description: "no answer from \(url)") }
        return answer
    }
}
