import Foundation
import Testing

/// `formcheck live` run as a person would: replaying rendered frames as a camera, through a
/// terminal (tmux) and a browser (the web view over HTTP, headless Chromium).
@Suite(.serialized) struct LiveCommandTests {
    static func frames() throws -> String { try LiveRun.bridgeFrames.get() }

    static func json(_ path: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        guard let dictionary = object as? [String: Any] else { throw LiveRun.Failure(description: "\(path) is not a JSON object") }
        return dictionary
    }

    @Test func replaysARecordingToItsEndAndWritesTheSessionFile() throws {
        let scratch = try LiveRun.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let base = scratch.appendingPathComponent("session").path
        let result = try LiveRun.run(["live", "--exercise", "bridge", "--source", try Self.frames(), "--fps", "30",
                                      "--report", base, "--pain-before", "2", "--pain-after", "1"])
        #expect(result.status == 0, "\(result.error)")
        // Not a terminal: plain lines, one per change.
        #expect(result.output.contains("fps"))
        #expect(!result.output.contains("\u{1B}["))
        #expect(result.error.contains("Session ended at the end of the recording"))
        let report = try Self.json(base + ".json")
        let live = report["live"] as? [String: Any]
        let latency = live?["latency_ms"] as? [String: Any]
        #expect((latency?["samples"] as? Int ?? 0) > 0)
        #expect((latency?["median"] as? Double ?? 0) > 0)
        #expect((live?["frames_processed"] as? Int ?? 0) > 5)
        #expect((report["frames"] as? [Any])?.isEmpty == false)
        let safety = (report["summary"] as? [String: Any])?["safety"] as? [String: Any]
        #expect(safety?["pain_before"] as? Int == 2)
        #expect(safety?["pain_after"] as? Int == 1)
        let html = try String(contentsOfFile: base + ".html", encoding: .utf8)
        #expect(html.contains("Live session from"))
        #expect(html.contains("latency from frame to screen"))
    }

    @Test func painAboveThreeBeforeStartingEndsBeforeAnyFrame() throws {
        let scratch = try LiveRun.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let base = scratch.appendingPathComponent("session").path
        let result = try LiveRun.run(["live", "--exercise", "bridge", "--source", try Self.frames(), "--report", base, "--pain-before", "6"])
        #expect(result.status == 0)
        #expect(result.error.contains("don't do this exercise today"))
        let safety = (try Self.json(base + ".json")["summary"] as? [String: Any])?["safety"] as? [String: Any]
        #expect(safety?["stopped"] as? Bool == true)
        #expect(safety?["pain_before"] as? Int == 6)
    }

    @Test(arguments: [
        (["live", "--exercise", "no-such-exercise", "--source", "/tmp"], "no-such-exercise"),
        (["live", "--exercise", "bridge", "--device", "/dev/video99"], "There is no camera at /dev/video99"),
        (["live", "--exercise", "bridge", "--device", "/dev/null"], "/dev/null"),
        (["live", "--exercise", "bridge", "--source", "/no/such/folder"], "There is no file or folder at /no/such/folder"),
        (["live", "--exercise", "bridge", "--device", "/dev/video0", "--source", "/tmp"], "not both"),
        (["live", "--exercise", "bridge", "--loop"], "--loop replays a --source folder"),
        (["live", "--exercise", "bridge", "--source", "/tmp", "--port", "80"], "1024 to 65535"),
        (["live", "--exercise", "bridge", "--source", "/tmp", "--pain-before", "11"], "0 (no pain) to 10"),
    ])
    func badInputGetsAClearError(arguments: [String], message: String) throws {
        let result = try LiveRun.run(arguments + ["--no-check-in"])
        #expect(result.status != 0)
        #expect(result.error.contains(message), "\(result.error)")
    }

    @Test func anEmptyFolderIsNoCamera() throws {
        let scratch = try LiveRun.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let result = try LiveRun.run(["live", "--exercise", "bridge", "--source", scratch.path, "--no-check-in"])
        #expect(result.status != 0)
        #expect(result.error.contains("holds no JPEG or PNG images"), "\(result.error)")
    }

    @Test func speechWithoutEspeakSaysHowToInstallIt() throws {
        let result = try LiveRun.run(["live", "--exercise", "bridge", "--source", try Self.frames(), "--speak", "--no-check-in"],
                                     environment: ["PATH": "/nonexistent"])
        #expect(result.status != 0)
        #expect(result.error.contains("espeak-ng"), "\(result.error)")
        #expect(result.error.contains("apt-get install espeak-ng"))
    }

    @Test func speaksRepsAndCuesThroughEspeak() throws {
        // A stand-in espeak-ng that writes what it is asked to say.
        let scratch = try LiveRun.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let said = scratch.appendingPathComponent("said.txt").path
        let program = scratch.appendingPathComponent("espeak-ng")
        try "#!/bin/sh\nshift 2\n[ \"$1\" = -- ] && shift\necho \"$*\" >> '\(said)'\n".write(to: program, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program.path)
        let result = try LiveRun.run(["live", "--exercise", "bridge", "--source", try Self.frames(), "--fps", "10", "--speak",
                                      "--no-check-in", "--report", scratch.appendingPathComponent("s").path],
                                     environment: ["PATH": scratch.path + ":/usr/bin:/bin"])
        #expect(result.status == 0, "\(result.error)")
        let spoken = (try? String(contentsOfFile: said, encoding: .utf8)) ?? ""
        // The rendered bridge does one rep: its number is said.
        #expect(spoken.split(separator: "\n").contains("1"), "said: \(spoken)")
    }

    @Test func theWebViewSaysWhenItsPortIsTaken() throws {
        let listener = try PortHolder()
        let result = try LiveRun.run(["live", "--exercise", "bridge", "--source", try Self.frames(), "--view",
                                      "--port", String(listener.port), "--no-check-in"])
        #expect(result.status != 0)
        #expect(result.error.contains("Port \(listener.port) on 127.0.0.1 is already in use"), "\(result.error)")
    }

    @Test(.enabled(if: LiveRun.installed("tmux"))) func theTerminalScreenTheWebViewAndTheSharpPainKey() throws {
        let scratch = try LiveRun.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let base = scratch.appendingPathComponent("session").path
        let session = "formcheck-live-test-\(getpid())"
        let command = [LiveRun.executable, "live", "--exercise", "bridge", "--source", try Self.frames(), "--fps", "15", "--loop",
                       "--view", "--port", "0", "--report", base].map { "'\($0)'" }.joined(separator: " ")
        try LiveRun.tmux(["new-session", "-d", "-s", session, "-x", "100", "-y", "30", command + "; echo EXIT=$?; sleep 20"])
        defer { _ = try? LiveRun.tmux(["kill-session", "-t", session]) }

        _ = try LiveRun.waitForScreen(session, seconds: 10) { $0.contains("Before you start") }
        try LiveRun.tmux(["send-keys", "-t", session, "1", "Enter"])
        let screen = try LiveRun.waitForScreen(session, seconds: 20) { $0.contains("latency") && $0.contains("Web view:") }
        #expect(screen.contains("formcheck live · Bridge"))
        #expect(screen.contains("Reps: "))
        #expect(screen.contains("q quit · x sharp pain"))
        #expect(screen.contains("█"))  // The cue in big letters.

        // The web view, over HTTP.
        let port = try #require(screen.split(separator: "\n").first { $0.contains("Web view:") }
            .flatMap { $0.split(separator: ":").last }.flatMap { Int($0.filter(\.isNumber)) })
        let page = try LiveRun.get(port: port, "/")
        #expect(page.status == 200)
        #expect(String(decoding: page.body, as: UTF8.self).contains("Bridge"))
        let state = try JSONSerialization.jsonObject(with: LiveRun.get(port: port, "/state.json").body) as? [String: Any]
        #expect((state?["frame"] as? Int) != nil)
        let frame = try LiveRun.get(port: port, "/frame.jpg")
        #expect(frame.status == 200 && frame.body.starts(with: [0xFF, 0xD8]))

        // Sharp pain: one key ends the set, then the pain check-in after.
        try LiveRun.tmux(["send-keys", "-t", session, "x"])
        _ = try LiveRun.waitForScreen(session, seconds: 10) { $0.contains("How much pain do you have now") }
        try LiveRun.tmux(["send-keys", "-t", session, "2", "Enter"])
        let end = try LiveRun.waitForScreen(session, seconds: 10) { $0.contains("EXIT=") }
        #expect(end.contains("EXIT=0"))
        #expect(end.contains("stopped for a sharp pain"))
        #expect(!end.contains("█"))  // The alternate screen is gone.
        let safety = (try Self.json(base + ".json")["summary"] as? [String: Any])?["safety"] as? [String: Any]
        #expect(safety?["stopped"] as? Bool == true)
        #expect(safety?["pain_before"] as? Int == 1)
        #expect(safety?["pain_after"] as? Int == 2)
        #expect((safety?["advice"] as? [String])?.first?.contains("sharp pain") == true)
    }

    @Test(.enabled(if: LiveRun.installed("tmux"))) func ctrlCEndsCleanlyAndWritesTheReport() throws {
        let scratch = try LiveRun.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let base = scratch.appendingPathComponent("session").path
        let session = "formcheck-live-ctrlc-\(getpid())"
        let command = [LiveRun.executable, "live", "--exercise", "bridge", "--source", try Self.frames(), "--loop",
                       "--no-check-in", "--report", base].map { "'\($0)'" }.joined(separator: " ")
        try LiveRun.tmux(["new-session", "-d", "-s", session, "-x", "90", "-y", "26", command + "; echo EXIT=$?; stty -a | grep -o -- '-icanon\\|icanon' | head -1; sleep 20"])
        defer { _ = try? LiveRun.tmux(["kill-session", "-t", session]) }
        _ = try LiveRun.waitForScreen(session, seconds: 20) { $0.contains("latency") }
        try LiveRun.tmux(["send-keys", "-t", session, "C-c"])
        let end = try LiveRun.waitForScreen(session, seconds: 10) { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(end.contains("EXIT=0"))
        #expect(end.contains("ended by the user"))
        // The terminal is back in line mode.
        #expect(end.split(separator: "\n").contains { $0 == "icanon" })
        #expect(LiveRun.waitForFile(base + ".html", seconds: 1))
    }

    @Test(.enabled(if: LiveRun.installed("chromium"))) func headlessChromiumShowsTheWebView() throws {
        let scratch = try LiveRun.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let errors = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: LiveRun.executable)
        process.arguments = ["live", "--exercise", "bridge", "--source", try Self.frames(), "--fps", "15", "--loop", "--view",
                             "--port", "0", "--no-check-in", "--report", scratch.appendingPathComponent("s").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer {
            process.interrupt()
            process.waitUntilExit()
        }
        var port: Int?
        for _ in 0..<100 where port == nil {
            Thread.sleep(forTimeInterval: 0.1)
            let text = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            port = text.split(separator: "\n").first { $0.hasPrefix("Web view: ") }.flatMap { $0.split(separator: ":").last }
                .flatMap { Int($0.filter(\.isNumber)) }
        }
        let viewPort = try #require(port)
        let shot = scratch.appendingPathComponent("view.png").path
        // --timeout, not --virtual-time-budget: the page's event stream never lets virtual time run out.
        try LiveRun.spawn(["timeout", "-k", "2", "40", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--window-size=1280,800", "--timeout=5000", "--screenshot=\(shot)",
                           "http://127.0.0.1:\(viewPort)/"])
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 20_000)
    }
}

/// Holds a port on 127.0.0.1 for a test.
final class PortHolder {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(descriptor, pointer, length) == 0 && listen(descriptor, 1) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw LiveRun.Failure(description: "cannot hold a port") }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}
