import Foundation
import Form
import Imaging
import Live
import Testing
@testable import LiveView

@Suite struct LiveViewServerTests {
    static func template() throws -> ExerciseTemplate { try TemplateLibrary.bundled().template(id: "bridge") }

    /// A frame with no one in it (the analysis says so).
    static func emptyFrame(_ template: ExerciseTemplate, sequence: Int) -> LiveFrame {
        LiveFrame(sequence: sequence, image: RGBImage(width: 64, height: 48, fill: RGB(30, 60, 90)), landmarks: nil,
                  analysis: FormAnalyzer(template: template).analyze(nil))
    }

    @Test func servesThePageStateFrameAndFigure() throws {
        let template = try Self.template()
        let board = LiveBoard(template: template)
        let view = try LiveViewServer(board: board, port: 0)
        view.start()
        defer { view.stop() }
        #expect(view.url == "http://127.0.0.1:\(view.port)/")

        let page = try RawHTTPClient.get(port: view.port, "/")
        #expect(page.status == 200)
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(html.contains("id=\"headline\""))
        #expect(html.contains(template.name))
        #expect(html.contains("/figure.jpg"))

        #expect(try RawHTTPClient.get(port: view.port, "/frame.jpg").status == 503)
        #expect(try RawHTTPClient.get(port: view.port, "/figure.jpg").status == 503)

        var snapshot = LiveSnapshot(template: template)
        snapshot.frames = 1
        snapshot.frameSequence = 7
        snapshot.verdict = .fault
        snapshot.cue = "Lift your hips higher, until shoulders, hips and knees make a straight line."
        snapshot.reps = 3
        board.publish(snapshot, frame: Self.emptyFrame(template, sequence: 7))
        board.setFigure(try JPEG.encode(RGBImage(width: 8, height: 8, fill: .white)))

        let state = try JSONDecoder().decode(ViewState.self, from: Data(try RawHTTPClient.get(port: view.port, "/state.json").body))
        #expect(state.reps == 3)
        #expect(state.frame == 7)
        #expect(state.headline == "Lift your hips higher, until shoulders, hips and knees make a straight line")
        #expect(state.verdict == "fault")
        let frame = try RawHTTPClient.get(port: view.port, "/frame.jpg")
        #expect(frame.status == 200)
        #expect(frame.head.contains("Content-Type: image/jpeg"))
        #expect(frame.body.starts(with: [0xFF, 0xD8]))
        #expect(try RawHTTPClient.get(port: view.port, "/figure.jpg").body.starts(with: [0xFF, 0xD8]))
    }

    @Test func sendsEachChangeAsAnEventUntilTheSessionEnds() throws {
        let template = try Self.template()
        let board = LiveBoard(template: template)
        let view = try LiveViewServer(board: board, port: 0)
        view.start()
        var snapshot = LiveSnapshot(template: template)
        snapshot.reps = 1
        board.publish(snapshot)
        var second = snapshot
        second.reps = 2
        let later = second
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) {
            board.publish(later)
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { view.stop() }
        }
        // The stream ends when the view stops; everything it sent is read.
        let answer = try RawHTTPClient.get(port: view.port, "/events", timeout: 5)
        #expect(answer.head.contains("text/event-stream"))
        let events = String(decoding: answer.body, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("data: ") }
        let states = try events.map { try JSONDecoder().decode(ViewState.self, from: Data($0.dropFirst(6).utf8)) }
        #expect(states.first?.reps == 1)
        #expect(states.contains { $0.reps == 2 })
        #expect(states.last?.over == true)
    }

    @Test func drawsTheSkeletonOnlyWhenThereIsAPose() throws {
        let template = try Self.template()
        let frame = Self.emptyFrame(template, sequence: 1)
        let jpeg = LiveBoard.picture(frame, template: template, maxSide: 32)
        let image = try JPEG.decode(jpeg)
        #expect(max(image.width, image.height) == 32)
    }
}
