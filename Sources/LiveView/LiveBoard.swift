import Form
import Imaging
import Live
import Reports
import Scoring
import Synchronization

/// What the web view shows, as the pipeline publishes it: the latest snapshot and frame, the
/// target-pose figure. Safe from any thread; the picture with the skeleton is drawn and
/// encoded once per frame, when first asked for.
public final class LiveBoard: Sendable {
    /// The exercise.
    public let template: ExerciseTemplate

    private struct State {
        var snapshot: LiveSnapshot
        var frame: LiveFrame?
        var version = 0
        var encoded: (version: Int, jpeg: [UInt8])?
        var figure: [UInt8]?
        var closed = false
    }

    private let state: Mutex<State>
    /// Serialises encoding, so that two clients asking at once encode once.
    private let encoding = Mutex(())

    /// A board for `template`, before any frame.
    public init(template: ExerciseTemplate) {
        self.template = template
        state = Mutex(State(snapshot: LiveSnapshot(template: template)))
    }

    /// Publishes a new snapshot and, with it, the frame it is about.
    public func publish(_ snapshot: LiveSnapshot, frame: LiveFrame? = nil) {
        state.withLock { state in
            state.snapshot = snapshot
            if let frame { state.frame = frame }
            state.version += 1
        }
    }

    /// Sets the target-pose figure (a JPEG).
    public func setFigure(_ jpeg: [UInt8]) { state.withLock { $0.figure = jpeg } }

    /// The target-pose figure, once rendered.
    public var figure: [UInt8]? { state.withLock { $0.figure } }

    /// Marks the session as over: streams end after sending the last state.
    public func close() { state.withLock { $0.closed = true; $0.version += 1 } }

    /// The latest snapshot, its version (it grows with every publish) and whether the session is over.
    public var latest: (snapshot: LiveSnapshot, version: Int, closed: Bool) {
        state.withLock { ($0.snapshot, $0.version, $0.closed) }
    }

    /// The latest frame as JPEG, with the skeleton drawn (failing segments in red); `nil`
    /// before the first frame.
    public func frameJPEG(maxSide: Int = 960) -> [UInt8]? {
        encoding.withLock { _ -> [UInt8]? in
            let (frame, version, cached) = state.withLock { ($0.frame, $0.version, $0.encoded) }
            guard let frame else { return nil }
            if let cached, cached.version == version { return cached.jpeg }
            let jpeg = Self.picture(frame, template: template, maxSide: maxSide)
            state.withLock { $0.encoded = (version, jpeg) }
            return jpeg
        }
    }

    /// `frame`'s picture with the skeleton, shrunk to `maxSide`, as JPEG (empty if encoding fails).
    static func picture(_ frame: LiveFrame, template: ExerciseTemplate, maxSide: Int) -> [UInt8] {
        var image = frame.image.width > maxSide || frame.image.height > maxSide ? frame.image.thumbnail(maxSide: maxSide) : frame.image
        if let landmarks = frame.landmarks {
            let scaled = ReportPicture.scaled(landmarks, toWidth: image.width, height: image.height)
            FrameOverlay.drawSkeleton(on: &image, landmarks: scaled, verdict: frame.analysis.verdict,
                                      failing: CheckOutcome.failingLandmarks(template, frame.analysis))
        }
        return (try? JPEG.encode(image, quality: 80)) ?? []
    }
}
