import Testing
@testable import Form

/// Rep counting, hold timing, sides and scores, driven frame by frame.
@Suite("Sessions")
struct SessionTests {
    static func template(_ id: String) throws -> ExerciseTemplate {
        try #require(MotionCatalog.library).template(id: id)
    }

    /// A frame as the analyzer would describe it.
    static func frame(_ phase: Phase?, value: Double? = nil, verdict: Verdict = .good, faults: [String] = [],
                      severity: Severity? = nil, side: BodySide? = nil) -> FrameAnalysis {
        FrameAnalysis(verdict: verdict, phase: phase, workingSide: side, faults: faults, cues: [], measures: [],
                      movementValue: value, view: .side, space: .world, worstSeverity: severity)
    }

    /// Feeds `frames` at 10 fps to a rep counter; the reps that ended.
    static func count(_ template: ExerciseTemplate, _ frames: [FrameAnalysis], settle: Double = 0.5) throws -> [RepRecord] {
        var counter = RepCounter(template: template, movement: try #require(template.movement), settleSeconds: settle)
        var reps: [RepRecord] = []
        for (index, frame) in frames.enumerated() {
            if let ended = counter.update(frame, time: Double(index) / 10, dt: 0.1) { reps.append(ended.rep) }
        }
        if let ended = counter.finish(at: Double(frames.count) / 10) { reps.append(ended.rep) }
        return reps
    }

    static func rep(rest: Int = 10, moving: Int = 5, target: Int = 5) -> [FrameAnalysis] {
        Array(repeating: frame(.rest), count: rest) + Array(repeating: frame(.moving), count: moving)
            + Array(repeating: frame(.target), count: target) + Array(repeating: frame(.moving), count: moving)
    }

    @Test("reps are counted once each, after settling at rest")
    func counting() throws {
        let reps = try Self.count(try Self.template("squat"), Self.rep() + Self.rep() + Self.rep() + Array(repeating: Self.frame(.rest), count: 5))
        #expect(reps.map(\.complete) == [true, true, true])
        #expect(reps.map(\.number) == [1, 2, 3])
        #expect(reps.allSatisfy { abs($0.durationSeconds - 1.5) < 0.11 })
    }

    @Test("getting into position is not a rep")
    func gettingIntoPosition() throws {
        // Straight from setup into the target, then rest: not counted; the next rep is.
        let frames = Array(repeating: Self.frame(.setup), count: 5) + Array(repeating: Self.frame(.target), count: 10)
            + Self.rep() + Array(repeating: Self.frame(.rest), count: 5)
        let reps = try Self.count(try Self.template("squat"), frames)
        #expect(reps.filter(\.complete).count == 1)
    }

    @Test("a movement shorter than the minimum is noise")
    func tooShort() throws {
        // Squat minimum: 0.8 s; this one takes 0.4 s.
        let frames = Self.rep(moving: 1, target: 2) + Array(repeating: Self.frame(.rest), count: 5)
        #expect(try Self.count(try Self.template("squat"), frames).isEmpty)
    }

    @Test("a rep that comes back early is partial and carries the partial fault")
    func partial() throws {
        let frames = Array(repeating: Self.frame(.rest), count: 10) + Array(repeating: Self.frame(.moving), count: 12)
            + Array(repeating: Self.frame(.rest), count: 5)
        let reps = try Self.count(try Self.template("squat"), frames)
        #expect(reps.count == 1 && reps[0].complete == false && reps[0].faults == ["too_shallow"] && reps[0].score == 0)
    }

    @Test("the hold timer counts only good frames at the target")
    func holdTimer() throws {
        let template = try Self.template("knee-to-chest")
        let target = Array(repeating: Self.frame(.target, side: .left), count: 100)
            + Array(repeating: Self.frame(.target, verdict: .fault, faults: ["shoulders_lifted"], severity: .medium, side: .left), count: 50)
            + Array(repeating: Self.frame(.target, side: .left), count: 60)
        let frames = Array(repeating: Self.frame(.rest), count: 10) + target + Array(repeating: Self.frame(.rest), count: 5)
        let reps = try Self.count(template, frames)
        #expect(reps.count == 1)
        #expect(abs(reps[0].heldSeconds - 16) < 0.05, "16 s of good form out of 21 s at the target")
        #expect(reps[0].side == .left && reps[0].faults == ["shoulders_lifted"])
        #expect(reps[0].score < 100 && reps[0].score > 70)
    }

    @Test("a held rep shorter than the prescription gets the short-hold fault")
    func shortHold() throws {
        let frames = Array(repeating: Self.frame(.rest), count: 10) + Array(repeating: Self.frame(.target), count: 50)
            + Array(repeating: Self.frame(.rest), count: 5)
        let reps = try Self.count(try Self.template("knee-to-chest"), frames)
        #expect(reps.first?.faults == ["hold_longer"])
        #expect(reps.first?.score == 85)
    }

    @Test("unseen frames neither count nor break a rep")
    func unseenInTheMiddle() throws {
        var frames = Self.rep()
        frames.insert(contentsOf: Array(repeating: Self.frame(nil, verdict: .unseen), count: 4), at: 17)
        frames += Array(repeating: Self.frame(.rest), count: 5)
        #expect(try Self.count(try Self.template("squat"), frames).filter(\.complete).count == 1)
    }

    @Test("holds without a movement: timed while in position, only good time counts")
    func holds() throws {
        var timer = HoldTimer(template: try Self.template("plank"))
        let frames = Array(repeating: Self.frame(.setup), count: 10) + Array(repeating: Self.frame(.target), count: 80)
            + Array(repeating: Self.frame(.target, verdict: .fault, faults: ["hips_sagging"], severity: .high), count: 20)
            + Array(repeating: Self.frame(.setup), count: 10)
        var holds: [HoldRecord] = []
        for (index, frame) in frames.enumerated() {
            if let hold = timer.update(frame, time: Double(index) / 10, dt: 0.1) { holds.append(hold) }
        }
        #expect(holds.count == 1)
        #expect(abs((holds.first?.goodSeconds ?? 0) - 8) < 0.05)
        #expect(holds.first?.completed == false || (holds.first?.goodSeconds ?? 0) >= 10)
        #expect(holds.first?.faults == ["hips_sagging"])
    }

    @Test("a whole session: sides switch, scores and summary")
    func wholeSession() throws {
        let template = try Self.template("straight-leg-raise")
        let motion = try #require(MotionCatalog.motion("straight-leg-raise"))
        let synthetic = SyntheticSession(motion: motion, template: template, observation: .oblique, reps: 4,
                                         sides: [.left, .right])
        let (session, _) = try synthetic.run()
        #expect(session.reps.filter(\.complete).map(\.side) == [.left, .right, .left, .right])
        #expect(session.events.filter { if case .sideSwitched = $0 { return true } else { return false } }.count == 3)
        let summary = session.summary
        #expect(summary.reps == 4 && summary.repsBySide == LeftRight(left: 2, right: 2))
        #expect(summary.score == 100)
        #expect(summary.lines.contains("Reps: 4 (left 2, right 2)"))
    }
}

extension SessionTests {
    @Test("a recording that starts at rest counts its first rep at once")
    func startsAtRest() throws {
        // Only 0.2 s at rest before the first rep (less than the 0.5 s to settle).
        let frames = Self.rep(rest: 2) + Self.rep() + Array(repeating: Self.frame(.rest), count: 5)
        #expect(try Self.count(try Self.template("squat"), frames).filter(\.complete).count == 2)
    }

    @Test("a recording cut in the middle of a rep counts that rep when it reaches the target")
    func startsMidRep() throws {
        let frames = Array(repeating: Self.frame(.moving), count: 4) + Array(repeating: Self.frame(.target), count: 5)
            + Array(repeating: Self.frame(.moving), count: 5) + Self.rep() + Array(repeating: Self.frame(.rest), count: 5)
        #expect(try Self.count(try Self.template("squat"), frames).filter(\.complete).count == 2)
    }

    @Test("a hold is scored by its form; one short of the minimum loses points in proportion")
    func holdScore() throws {
        let template = try Self.template("plank")
        var tally = FormTally()
        for _ in 0..<70 { tally.add(Self.frame(.target)) }
        func score(_ good: Double) -> Int {
            HoldRecord.scored(number: 1, side: nil, start: 0, end: good, good: good, tally: tally,
                              prescription: template.prescription, rep: nil).score
        }
        // Plank: at least 10 s. Perfect form for 7 s of 10: 30 × 0.3 = 9 points off.
        #expect(score(7) == 91)
        #expect(score(10) == 100 && score(25) == 100)
        #expect(score(0) == 70)
    }

    @Test("time unseen does not make a hold")
    func unseenIsNoHold() throws {
        var timer = HoldTimer(template: try Self.template("plank"))
        var holds: [HoldRecord] = []
        var time = 0.0
        func feed(_ frame: FrameAnalysis, _ count: Int) {
            for _ in 0..<count {
                time += 0.1
                if let hold = timer.update(frame, time: time, dt: 0.1) { holds.append(hold) }
            }
        }
        // A glimpse in position, then the person leaves the picture for 5 s.
        feed(Self.frame(.target), 2)
        feed(Self.frame(nil, verdict: .unseen), 50)
        if let hold = timer.finish(at: time) { holds.append(hold) }
        #expect(holds.isEmpty, "\(holds)")
    }
}

extension SessionTests {
    @Test("separate photos are each judged on their own, with no reps or holds")
    func separatePhotos() throws {
        let template = try Self.template("squat")
        var options = SessionOptions(framesPerSecond: 10)
        options.separatePhotos = true
        var session = try Session(template: template, options: options)
        // A whole squat, frame by frame: as photos, nothing is counted.
        for progress in [0.0, 0.5, 1.0, 1.0, 0.5, 0.0, 0.0] {
            session.add(AnalyzerTests.squat(progress))
        }
        session.finish()
        let summary = session.summary
        #expect(summary.reps == 0 && summary.holds == 0 && summary.separatePhotos)
        #expect(summary.goodFrames == 7 && summary.score == 100)
        #expect(summary.lines.contains("Separate photos, each judged on its own: no reps or holds."))
    }
}
