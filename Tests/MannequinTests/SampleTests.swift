import Form
import Foundation
import Testing
@testable import Mannequin

/// Sample sequences as planned and rendered now (independent of the committed folder).
@Suite("Sample sequences")
struct SampleTests {
    static let library: TemplateLibrary? = try? TemplateLibrary.bundled()

    /// Every sample: good form and each fault of every exercise.
    static let all: [SampleSequence] = (try? library.map { try SampleSequence.all($0) }) ?? []

    @Test("every template has a motion, so every exercise has samples")
    func complete() throws {
        let library = try #require(Self.library)
        #expect(Set(library.ids) == Set(MotionCatalog.ids))
        #expect(Set(Self.all.filter { $0.injection == nil }.map(\.template.id)) == Set(library.ids))
        #expect(Self.all.count == library.ids.count + MotionCatalog.all.reduce(0) { $0 + $1.faults.count })
    }

    @Test("samples last 3–6 s at 10 fps, reps are slower than the template's limits, fault ids exist")
    func plans() throws {
        #expect(!Self.all.isEmpty)
        for sample in Self.all {
            let name = "\(sample.template.id)/\(sample.name)"
            let seconds = Double(sample.steps.count) / sample.settings.fps
            #expect(seconds >= sample.settings.minimumSeconds - 0.05 && seconds <= sample.settings.maximumSeconds + 0.05,
                    "\(name): \(seconds) s")
            if let injection = sample.injection {
                #expect(sample.template.fault(injection.fault) != nil, "\(name): not a fault of the template")
                #expect(sample.steps.contains { $0.faultExpected }, "\(name): no frame shows the fault")
            } else {
                #expect(!sample.steps.contains { $0.faultExpected })
            }
            guard let movement = sample.template.movement else {
                #expect(sample.steps.allSatisfy { $0.phase == .target }, "\(name): a hold is in position throughout")
                continue
            }
            #expect(sample.plan.reps >= 1)
            let repSeconds = 2 * sample.plan.moveSeconds + sample.plan.holdSeconds
            #expect(repSeconds > movement.minimumRepSeconds, "\(name): a rep of \(repSeconds) s")
            if let fast = movement.slowestFastRepSeconds { #expect(repSeconds > fast, "\(name): a rep of \(repSeconds) s is too fast") }
            #expect(sample.plan.holdBelowMinimum == (sample.plan.shortened?.contains("at the target") ?? false), "\(name): \(sample.plan.shortened ?? "")")
        }
    }

    @Test("the truth's expectations hold for the figure's exact landmarks: reps, holds, faults")
    func expectationsOnExactLandmarks() throws {
        for sample in Self.all {
            let name = "\(sample.template.id)/\(sample.name)"
            let truth = SampleTruth(sample, source: "test")
            var session = try Session(template: sample.template, options: SessionOptions(framesPerSecond: sample.settings.fps))
            var analyses: [FrameAnalysis] = []
            for (step, body) in zip(sample.steps, sample.bodies) {
                let seen = sample.camera.landmarks(of: body)
                analyses.append(session.add(sample.viewpoint.worldLandmarks ? seen : seen.imageOnly, atSeconds: step.seconds))
            }
            session.finish()
            if let fault = truth.fault?.id {
                // As in Form's ground-truth tests: among the frames the analysis finds in the
                // fault's phases (a fault may also put the figure out of position).
                let phases = Set(truth.fault?.phases ?? [])
                let relevant = zip(truth.frames, analyses).filter { $0.0.faultExpected && phases.contains($0.1.phase?.rawValue ?? "setup") }
                let found = relevant.filter { $0.1.faults.contains(fault) }.count
                #expect(!relevant.isEmpty && Double(found) >= 0.6 * Double(relevant.count), "\(name): found in \(found)/\(relevant.count) frames")
                // No good form is held while the fault is in the hold (only on the way to it).
                for hold in session.holds {
                    #expect(hold.goodSeconds <= sample.plan.moveSeconds + 0.05, "\(name): held well \(hold.goodSeconds) s")
                }
                continue
            }
            let counted = session.reps.filter(\.complete)
            #expect(counted.count == truth.expected.reps, "\(name): \(counted.count) reps, expected \(truth.expected.reps)")
            if sample.template.workingSide != nil {
                #expect(counted.map { $0.side?.rawValue ?? "none" } == truth.expected.repSides, "\(name): sides \(counted.map(\.side))")
            }
            #expect(session.holds.count == truth.expected.holds, "\(name): \(session.holds.count) holds")
            let period = 1 / sample.settings.fps
            for hold in session.holds {
                // The analysis reaches the target phase on the way there (past its threshold),
                // so a rep's hold may count up to the moves' time on top.
                let extra = sample.template.countsReps ? 2 * sample.plan.moveSeconds : 0
                #expect(hold.goodSeconds >= truth.expected.goodHoldSeconds - 2 * period
                        && hold.goodSeconds <= truth.expected.goodHoldSeconds + extra + 2 * period,
                        "\(name): held well \(hold.goodSeconds) s, the pose held \(truth.expected.goodHoldSeconds) s")
            }
            let allowed = Set(truth.expected.repFaults + [TemplateLoader.outOfPositionFault])
            let faults = Set(analyses.flatMap(\.faults)).union(session.reps.flatMap(\.faults)).subtracting(allowed)
            #expect(faults.isEmpty, "\(name): good form judged \(faults)")
            if sample.plan.holdBelowMinimum, let short = sample.template.movement?.shortHoldFault {
                #expect(counted.allSatisfy { $0.faults.contains(short) }, "\(name): a shortened hold is not marked \(short)")
            }
        }
    }

    @Test("the truth file reads back as written")
    func truthRoundTrip() throws {
        let sample = try #require(Self.all.first { $0.template.id == "bird-dog" && $0.injection != nil })
        let truth = SampleTruth(sample, source: "test")
        let data = try truth.json()
        #expect(try SampleTruth.decode(data, source: "memory") == truth)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"fault_expected\"") && text.contains("\"hip_flexion\"") && !text.contains("hipFlexion"))
        #expect(throws: MannequinError.self) { try SampleTruth.decode(Data("{}".utf8), source: "empty") }
    }

    @Test("each exercise renders small, the whole figure inside the picture", arguments: MotionCatalog.ids)
    func rendersSmall(id: String) throws {
        let template = try #require(Self.library).template(id: id)
        let settings = SampleSettings(width: 160, height: 120)
        let sample = try SampleSequence(template: template, settings: settings)
        let index = sample.steps.lastIndex { $0.phase == .target } ?? 0
        let (_, surfaces) = try Renderer.trace(sample.figure(index), in: sample.room, camera: sample.camera, lighting: sample.lighting,
                                               options: RenderOptions())
        let figure = surfaces.filter { $0 >= RenderScene.firstShapeID }.count
        #expect(Double(figure) > 0.03 * Double(surfaces.count), "\(id): the figure covers \(figure) of \(surfaces.count) pixels")
        var border: [UInt8] = []
        for x in 0..<160 { border += [surfaces[x], surfaces[119 * 160 + x]] }
        for y in 0..<120 { border += [surfaces[y * 160], surfaces[y * 160 + 159]] }
        #expect(border.allSatisfy { $0 < RenderScene.firstShapeID }, "\(id): the figure touches the picture's edge")
        let picture = try sample.still(progress: 1)
        #expect(picture.width == 160 && picture.height == 120)
    }

    @Test("bad settings and unknown exercises or faults are errors")
    func errors() throws {
        let template = try #require(Self.library).template(id: "plank")
        #expect(throws: MannequinError.self) { try SampleSequence(template: template, fault: "no_such_fault") }
        #expect(throws: MannequinError.self) { try SampleSequence(template: template, settings: SampleSettings(width: 8)) }
        #expect(throws: MannequinError.self) { try SampleSequence(template: template, settings: SampleSettings(fps: 0)) }
        #expect(throws: MannequinError.self) { try SampleSequence(template: template).still(progress: 1.5) }
    }
}
