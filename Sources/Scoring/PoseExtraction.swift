import Capture
import Dispatch
import Form
import Foundation
import Pose
import Synchronization

/// Finds the pose in every frame of recorded inputs: one tracker (video mode) per input, several
/// inputs at once on as many worker threads as asked for.
public struct PoseExtraction: Sendable {
    /// The tracker's settings (the mode is always video: frames of an input are one recording).
    public var configuration: PoseConfiguration
    /// Where the models are.
    public var models: ModelLocator

    /// Extraction with `configuration` (forced to video mode) and the models `models` finds.
    public init(configuration: PoseConfiguration = PoseConfiguration(mode: .video), models: ModelLocator = .standard()) {
        var configuration = configuration
        configuration.mode = .video
        self.configuration = configuration
        self.models = models
    }

    /// How far the work has come; safe to read from any thread while ``run(_:workers:progress:)`` runs.
    public final class Progress: Sendable {
        /// A snapshot of the counts.
        public struct Counts: Sendable, Equatable {
            /// Frames processed so far, over all inputs.
            public var frames = 0
            /// Frames expected over all inputs, or `nil` while an input's length is unknown (a video).
            public var expectedFrames: Int?
            /// Inputs finished.
            public var inputsDone = 0
            /// Inputs in all.
            public var inputs = 0

            /// Counts of `frames` of `expectedFrames` done, `inputsDone` of `inputs` inputs finished.
            public init(frames: Int = 0, expectedFrames: Int? = nil, inputsDone: Int = 0, inputs: Int = 0) {
                self.frames = frames
                self.expectedFrames = expectedFrames
                self.inputsDone = inputsDone
                self.inputs = inputs
            }
        }

        private let state: Mutex<(counts: Counts, expected: [Int?])>

        /// Progress over `inputs` inputs, none started.
        public init(inputs: Int) {
            state = Mutex((Counts(expectedFrames: nil, inputs: inputs), Array(repeating: nil, count: inputs)))
        }

        /// The counts now.
        public var counts: Counts { state.withLock { $0.counts } }

        func expect(_ frames: Int?, input: Int) {
            state.withLock { state in
                state.expected[input] = frames ?? -1
                let known = state.expected.compactMap { $0 }
                state.counts.expectedFrames = known.count == state.expected.count && !known.contains(-1) ? known.reduce(0, +) : nil
            }
        }

        func addFrame() { state.withLock { $0.counts.frames += 1 } }

        func finishInput(frames: Int, input: Int) {
            state.withLock { state in
                state.counts.inputsDone += 1
                // Now the input's length is known, whatever was expected.
                state.expected[input] = frames
                let known = state.expected.compactMap { $0 }
                state.counts.expectedFrames = known.count == state.expected.count && !known.contains(-1) ? known.reduce(0, +) : nil
            }
        }
    }

    /// The poses of every input, in the order given, each a track or the error that stopped it.
    ///
    /// Runs on `workers` threads (at most one per input); each has its own tracker, reset for
    /// every input, so no input's tracking leaks into another's.
    public func run(_ inputs: [ScoringInput], workers: Int, progress: Progress? = nil) -> [Result<PoseTrack, ScoringError>] {
        let progress = progress ?? Progress(inputs: inputs.count)
        let queue = WorkQueue(count: inputs.count)
        let group = DispatchGroup()
        let extraction = self
        for _ in 0..<max(1, min(workers, inputs.count)) {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                var tracker: PoseTracker?
                while let index = queue.take() {
                    let input = inputs[index]
                    do throws(ScoringError) {
                        let current: PoseTracker
                        if let tracker {
                            tracker.reset()
                            current = tracker
                        } else {
                            current = try extraction.makeTracker(for: input.path)
                            tracker = current
                        }
                        let source = try input.open()
                        progress.expect(ScoringInput.expectedFrames(of: source), input: index)
                        let track = try Self.track(source, input: input, tracker: current) { progress.addFrame() }
                        progress.finishInput(frames: track.frames.count, input: index)
                        queue.put(.success(track), at: index)
                    } catch {
                        progress.finishInput(frames: 0, input: index)
                        queue.put(.failure(error), at: index)
                    }
                }
            }
            // The models' planning and the tracker's buffers want more than a secondary thread's default stack.
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return queue.results(orElse: { .failure(.noFrames(input: inputs[$0].path)) })
    }

    /// A tracker with this extraction's settings.
    public func makeTracker(for input: String) throws(ScoringError) -> PoseTracker {
        do {
            return try PoseTracker(configuration: configuration, models: models)
        } catch {
            throw .pose(input: input, error)
        }
    }

    /// The poses of every frame `source` hands out, found by `tracker` (used as it is: reset it
    /// first for a new recording); `frameDone` is called after each frame.
    public static func track(_ source: any FrameSource, input: ScoringInput, tracker: PoseTracker,
                             frameDone: () -> Void = {}) throws(ScoringError) -> PoseTrack {
        defer { source.stop() }
        var frames: [PosedFrame] = []
        var skipped: [String] = []
        let clock = ContinuousClock()
        var poseTime = Duration.zero
        // Separate photos: each is a new picture, found without tracking or smoothing from the one before.
        let photos = input.isPhotos(source)
        while true {
            let next: Frame?
            do {
                next = try source.nextFrame()
            } catch {
                switch error {
                case .timeout, .tooManyBadFrames:
                    skipped.append(error.description)
                    continue
                default:
                    throw .capture(input: input.path, error)
                }
            }
            guard let frame = next else { break }
            let start = clock.now
            let pose: Pose?
            do {
                if photos { tracker.reset() }
                pose = try tracker.process(frame.image)
            } catch {
                throw .pose(input: input.path, error)
            }
            poseTime += clock.now - start
            // Frames of a folder name their file; frames of a video or camera get their number.
            let image = frame.source == source.sourceDescription || frame.source == input.path
                ? "\(frame.source)#\(frame.sequence)" : frame.source
            frames.append(PosedFrame(index: frame.sequence, seconds: frame.timestamp, image: image,
                                     width: frame.image.width, height: frame.image.height,
                                     landmarks: pose.map(PoseLandmarks.init)))
            frameDone()
        }
        if let folder = source as? ImageFolderSource {
            skipped += folder.skippedFiles.map { "\($0.path): \($0.reason)" }
        }
        guard !frames.isEmpty else {
            if let reason = skipped.first { throw .capture(input: input.path, .imageUnreadable(path: input.path, reason: reason)) }
            throw .noFrames(input: input.path)
        }
        let rate = source.framesPerSecond ?? input.framesPerSecond ?? ScoringInput.defaultFolderFramesPerSecond
        let seconds = Double(poseTime.components.seconds) + Double(poseTime.components.attoseconds) * 1e-18
        return PoseTrack(input: input.path, framesPerSecond: rate, frames: frames, skipped: skipped, poseSeconds: seconds,
                         separatePhotos: photos)
    }
}

/// The inputs still to do and the results so far, shared by the worker threads.
private final class WorkQueue: Sendable {
    private let next = Mutex(0)
    private let count: Int
    private let slots: Mutex<[Result<PoseTrack, ScoringError>?]>

    init(count: Int) {
        self.count = count
        slots = Mutex(Array(repeating: nil, count: count))
    }

    /// The next input's index, or `nil` when all are taken.
    func take() -> Int? {
        next.withLock { value in
            guard value < count else { return nil }
            defer { value += 1 }
            return value
        }
    }

    func put(_ result: Result<PoseTrack, ScoringError>, at index: Int) {
        slots.withLock { $0[index] = result }
    }

    func results(orElse missing: (Int) -> Result<PoseTrack, ScoringError>) -> [Result<PoseTrack, ScoringError>] {
        slots.withLock { slots in slots.enumerated().map { $1 ?? missing($0) } }
    }
}
