import Testing
@testable import Form

/// Pain above 3/10 or a sharp pain ends the exercise; red flags are always shown.
@Suite("Safety")
struct SafetyTests {
    @Test("pain up to 3/10 is fine, above stops", arguments: [(3, false), (4, true), (0, false), (10, true)])
    func painBefore(score: Int, stops: Bool) throws {
        var log = SafetyLog()
        try log.recordPainBefore(score)
        #expect(log.isStopped == stops)
        #expect(log.advice.isEmpty == !stops)
    }

    @Test("pain scores must be 0 to 10")
    func range() {
        var log = SafetyLog()
        #expect(throws: FormError.invalidValue(name: "pain score", problem: "11 is not between 0 (no pain) and 10 (worst pain)")) {
            try log.recordPainBefore(11)
        }
        #expect(throws: FormError.self) { try log.recordPainAfter(-1) }
    }

    @Test("a sharp pain during the exercise stops counting from then on")
    func sharpPain() throws {
        let template = try #require(MotionCatalog.library).template(id: "squat")
        let motion = try #require(MotionCatalog.motion("squat"))
        var session = try Session(template: template, options: SessionOptions(framesPerSecond: 10))
        let frames = SyntheticSession(motion: motion, template: template, observation: Observation(azimuth: 0, elevation: 0), reps: 3).frames()
        for (index, frame) in frames.enumerated() {
            if index == frames.count / 2 { session.recordSharpPain() }
            session.add(frame.pose, atSeconds: frame.seconds)
        }
        session.finish()
        #expect(session.safety.isStopped)
        #expect(session.reps.filter(\.complete).count == 1)
        #expect(session.summary.safetyAdvice.first?.hasPrefix("You felt a sharp pain: stop this exercise now.") == true)
        #expect(session.events.contains { if case .stopped(.sharpPain) = $0 { return true } else { return false } })
    }

    @Test("pain after the exercise above 3/10 is advice to stop doing it")
    func painAfter() throws {
        var log = SafetyLog()
        try log.recordPainBefore(2)
        try log.recordPainAfter(5)
        #expect(!log.isStopped)
        #expect(log.advice == ["Your pain is 5/10 after the exercise, above 3/10: stop doing this exercise and see a doctor or physiotherapist."])
    }

    @Test("the red flags")
    func redFlags() {
        #expect(RedFlag.allCases.count == 5)
        #expect(RedFlag.lines.first == "Red flags — stop and see a doctor if any of these apply:")
        #expect(RedFlag.lines.last == "Do not do these exercises until a doctor has checked you.")
        #expect(RedFlag.lines.contains("  • Losing control of your bladder or bowels, or being unable to pass urine"))
    }
}
