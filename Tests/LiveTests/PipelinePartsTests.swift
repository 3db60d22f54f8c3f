import Capture
@testable import Form
import Imaging
import Testing
@testable import Live

@Suite struct PipelinePartsTests {
    static func frame(_ sequence: Int) -> ArrivedFrame {
        ArrivedFrame(frame: Frame(image: RGBImage(width: 2, height: 2), timestamp: Double(sequence) / 30, sequence: sequence, source: "test"),
                     arrival: Double(sequence))
    }

    @Test func theMailboxKeepsOnlyTheNewestFrame() {
        let mailbox = FrameMailbox()
        mailbox.put(Self.frame(1))
        mailbox.put(Self.frame(2))
        mailbox.put(Self.frame(3))
        #expect(mailbox.take()?.frame.sequence == 3)
        #expect(mailbox.dropped == 2)
        mailbox.put(Self.frame(4))
        mailbox.close()
        #expect(mailbox.take()?.frame.sequence == 4)
        #expect(mailbox.take() == nil)
        mailbox.put(Self.frame(5))
        #expect(mailbox.take() == nil)
    }

    @Test func aWaitingTakeWakesForAFrame() async {
        let mailbox = FrameMailbox()
        async let taken = Task.detached { mailbox.take()?.frame.sequence }.value
        try? await Task.sleep(for: .milliseconds(50))
        mailbox.put(Self.frame(9))
        #expect(await taken == 9)
    }

    @Test func latencyPercentilesUseTheNearestRank() {
        var stats = LatencyStats()
        #expect(stats.percentile(50) == nil)
        for value in 1...100 { stats.add(Double(value)) }
        stats.add(.nan)
        stats.add(-1)
        #expect(stats.samples.count == 100)
        #expect(stats.percentile(50) == 50)
        #expect(stats.percentile(95) == 95)
        #expect(stats.maximum == 100)
        #expect(abs((stats.mean ?? 0) - 50.5) < 1e-9)
    }

    @Test(arguments: [("", nil), (" 3 \n", 3), ("0", 0), ("10", 10)] as [(String, Int?)])
    func readsPainScores(text: String, score: Int?) throws {
        #expect(try PainScore.parse(text) == score)
    }

    @Test(arguments: ["11", "-1", "three", "2.5"])
    func refusesWhatIsNotAPainScore(text: String) {
        #expect(throws: LiveError.self) { try PainScore.parse(text) }
    }
}

@Suite struct CueAnnouncerTests {
    static func snapshot(cue: String?, events: [SessionEvent] = []) throws -> LiveSnapshot {
        var snapshot = LiveSnapshot(template: try TemplateLibrary.bundled().template(id: "bird-dog"))
        snapshot.cue = cue
        snapshot.verdict = cue == nil ? .good : .fault
        snapshot.events = events
        return snapshot
    }

    static func rep(_ number: Int) -> RepRecord {
        RepRecord(number: number, complete: true, side: .left, startSeconds: 0, endSeconds: 2, heldSeconds: 1, faults: [], score: 90)
    }

    @Test func speaksASteadyCueOnceAndNotTooOften() throws {
        var announcer = CueAnnouncer(cueGapSeconds: 4, repeatSeconds: 12, steadySeconds: 0.8)
        let a = try Self.snapshot(cue: "Lower the arm."), b = try Self.snapshot(cue: "Keep your hips level.")
        #expect(announcer.announcements(for: a, at: 0) == [])  // Not steady yet.
        #expect(announcer.announcements(for: a, at: 1) == ["Lower the arm."])
        #expect(announcer.announcements(for: a, at: 2) == [])
        #expect(announcer.announcements(for: b, at: 2.5) == [])
        #expect(announcer.announcements(for: b, at: 3.5) == [])  // Steady, but within 4 s of the last cue.
        #expect(announcer.announcements(for: b, at: 5.1) == ["Keep your hips level."])
        #expect(announcer.announcements(for: a, at: 10) == [])  // A change: steady from now.
        #expect(announcer.announcements(for: a, at: 11) == [])  // Said at 1 s: not again within 12 s.
        #expect(announcer.announcements(for: a, at: 13.5) == ["Lower the arm."])
    }

    @Test func countsRepsAndSaysToSwitchSides() throws {
        var announcer = CueAnnouncer()
        let events: [SessionEvent] = [.repCounted(Self.rep(3)), .sideSwitched(to: .right, atSeconds: 9)]
        #expect(announcer.announcements(for: try Self.snapshot(cue: nil, events: events), at: 0) == ["3", "Switch sides"])
        var stopped = try Self.snapshot(cue: "Lower the arm.")
        stopped.stopped = "Sharp pain: stop."
        #expect(announcer.announcements(for: stopped, at: 1) == ["Stop"])
        #expect(announcer.announcements(for: stopped, at: 9) == [])
    }
}
