import Form
import Testing
@testable import Live

@Suite struct TerminalScreenTests {
    static func snapshot() throws -> LiveSnapshot {
        var snapshot = LiveSnapshot(template: try TemplateLibrary.bundled().template(id: "bird-dog"))
        snapshot.frames = 120
        snapshot.seconds = 65.2
        snapshot.verdict = .fault
        snapshot.side = .left
        snapshot.cue = "Keep your hips level — don't let the lifted leg's hip roll up."
        snapshot.cueKind = .fault
        snapshot.reps = 3
        snapshot.repsBySide = LeftRight(left: 2, right: 1)
        snapshot.holdSeconds = 2.44
        snapshot.score = 81
        snapshot.framesPerSecond = 29.7
        snapshot.latencyMilliseconds = 31.6
        snapshot.latencyP95 = 40.2
        snapshot.droppedFrames = 4
        return snapshot
    }

    /// `line` without colour codes.
    static func visible(_ line: String) -> String {
        var out = ""
        var escape = false
        for character in line {
            if character == "\u{1B}" { escape = true; continue }
            if escape { if character == "m" { escape = false }; continue }
            out.append(character)
        }
        return out
    }

    @Test(arguments: [(80, 24), (40, 12), (200, 60), (20, 8)])
    func fitsTheTerminal(columns: Int, rows: Int) throws {
        let lines = TerminalScreen(columns: columns, rows: rows).lines(try Self.snapshot())
        #expect(lines.count == rows)
        for line in lines { #expect(Self.visible(line).count <= columns, "\(Self.visible(line))") }
    }

    @Test func showsTheCueBigAndTheCountsBelow() throws {
        let lines = TerminalScreen(columns: 80, rows: 24, color: false).lines(try Self.snapshot())
        let text = lines.joined(separator: "\n")
        #expect(lines[0].contains("Bird dog") || lines[0].lowercased().contains("bird"))
        #expect(lines[0].contains("left side"))
        // The headline "Keep your hips level" in block letters: K's first row.
        #expect(lines.contains { $0.hasPrefix("█  █ ") })
        #expect(text.contains("Keep your hips level — don't let the lifted leg's hip roll up."))
        #expect(text.contains("Reps: 3/") || text.contains("Reps: 3 "))
        #expect(text.contains("(L 2, R 1)"))
        #expect(text.contains("Side: left"))
        #expect(text.contains("Score: 81"))
        #expect(text.contains("29.7 fps · latency 32 ms (p95 40)"))
        #expect(text.contains("dropped 4"))
        #expect(text.contains("1:05"))
        #expect(lines.last == TerminalScreen.keyHelp)
    }

    @Test func saysGoodFormWithoutACueAndStopAfterSharpPain() throws {
        var snapshot = try Self.snapshot()
        snapshot.verdict = .good
        snapshot.cue = nil
        #expect(snapshot.headline == "Good form")
        snapshot.stopped = "Sharp pain: stop. The set has ended."
        #expect(snapshot.headline == "Stop")
        let text = TerminalScreen(columns: 80, rows: 24, color: false).lines(snapshot).joined(separator: "\n")
        #expect(text.contains("Sharp pain: stop."))
    }

    @Test func plainLinesCarryEverythingOnOneLine() throws {
        let line = TerminalScreen.plainLine(try Self.snapshot())
        #expect(!line.contains("\n"))
        #expect(!line.contains("\u{1B}"))
        #expect(line.contains("fault"))
        #expect(line.contains("Reps: 3"))
        #expect(line.contains("cue: Keep your hips level"))
    }
}
