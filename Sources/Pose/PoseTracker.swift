// Frame → Pose: MediaPipe's BlazePose graph (legacy mp.solutions.pose, model_complexity 1).

import Imaging

/// Finds one person's pose in frames, as MediaPipe's `mp.solutions.pose` does.
///
/// In video mode the person is found by the detector once and then tracked: each frame's region
/// comes from the previous frame's (smoothed) auxiliary landmarks, and the landmarks are
/// smoothed with MediaPipe's filters. In image mode every frame is detected afresh and nothing
/// is smoothed. Filter time is MediaPipe's synthetic clock (frame k at 33 333·k µs) unless the
/// caller gives timestamps. See `blazepose-pipeline.md` for every step.
///
/// ```swift
/// let tracker = try PoseTracker(configuration: .mediaPipeExact(mode: .video))
/// if let pose = try tracker.process(frame) {
///     print(pose[.leftKnee].pixelX, pose[.leftKnee].pixelY)
/// }
/// ```
///
/// A tracker holds its models and buffers and is used from one thread at a time. Processing a
/// frame reuses every tensor and scratch buffer; only the returned `Pose` is new.
public final class PoseTracker {
    /// The settings this tracker was made with.
    public let configuration: PoseConfiguration
    /// MediaPipe's synthetic frame interval: 33 333 µs.
    public static let syntheticFrameMicroseconds: Int64 = 33_333

    private let detector: PoseDetector
    private let landmarkModel: LandmarkModel
    private var bodyFilter: LandmarkSmoother
    private var worldFilter: LandmarkSmoother
    private var auxiliaryFilter: LandmarkSmoother
    /// The region for the next frame, from this frame's landmarks (video mode).
    private var trackedRegion: NormalizedRect?
    /// Frames processed since the tracker was made or reset.
    public private(set) var frameCount = 0

    // Per-frame scratch, reused.
    private var body = [LandmarkPoint](repeating: LandmarkPoint(x: 0, y: 0, z: 0), count: PoseLandmark.count)
    private var world = [LandmarkPoint](repeating: LandmarkPoint(x: 0, y: 0, z: 0), count: PoseLandmark.count)
    private var auxiliary = [LandmarkPoint](repeating: LandmarkPoint(x: 0, y: 0, z: 0), count: 2)

    /// Filter parameters of `pose_landmark_filtering.pbtxt` (0.10.14).
    static let bodyFilterParameters = OneEuroFilter.Parameters(minCutoff: 0.05, beta: 80, derivateCutoff: 1)
    static let worldFilterParameters = OneEuroFilter.Parameters(minCutoff: 0.1, beta: 40, derivateCutoff: 1)
    static let auxiliaryFilterParameters = OneEuroFilter.Parameters(minCutoff: 0.01, beta: 10, derivateCutoff: 1)

    /// Loads the models from `models` (the standard search path by default).
    public convenience init(configuration: PoseConfiguration = PoseConfiguration(), models: ModelLocator = .standard()) throws(PoseError) {
        try self.init(configuration: configuration, detectorModelPath: try models.detectorPath(),
                      landmarkModelPath: try models.landmarkPath())
    }

    /// Loads the models from the given files.
    public init(configuration: PoseConfiguration, detectorModelPath: String, landmarkModelPath: String) throws(PoseError) {
        try configuration.validate()
        self.configuration = configuration
        detector = try PoseDetector(modelPath: detectorModelPath, threads: configuration.threads,
                                    minScore: configuration.minDetectionConfidence)
        landmarkModel = try LandmarkModel(modelPath: landmarkModelPath, threads: configuration.threads,
                                          heatmapKernelSize: configuration.heatmapKernelSize)
        bodyFilter = LandmarkSmoother(count: PoseLandmark.count, space: .image, parameters: Self.bodyFilterParameters)
        worldFilter = LandmarkSmoother(count: PoseLandmark.count, space: .world, parameters: Self.worldFilterParameters)
        auxiliaryFilter = LandmarkSmoother(count: 2, space: .image, parameters: Self.auxiliaryFilterParameters)
    }

    /// Forgets the tracked person and every filter's state, as a new tracker would (the
    /// synthetic clock starts again too).
    public func reset() {
        trackedRegion = nil
        frameCount = 0
        bodyFilter = LandmarkSmoother(count: PoseLandmark.count, space: .image, parameters: Self.bodyFilterParameters)
        worldFilter = LandmarkSmoother(count: PoseLandmark.count, space: .world, parameters: Self.worldFilterParameters)
        auxiliaryFilter = LandmarkSmoother(count: 2, space: .image, parameters: Self.auxiliaryFilterParameters)
    }

    /// The pose in `image`, or nil when there is nobody; filters run on MediaPipe's synthetic
    /// clock (the k-th frame since creation or `reset()` at 33 333·k µs).
    public func process(_ image: RGBImage) throws(PoseError) -> Pose? {
        try process(image, timestampMicroseconds: Int64(frameCount + 1) * Self.syntheticFrameMicroseconds)
    }

    /// The pose in `image`, seen at `timestampMicroseconds` (which must grow from frame to
    /// frame for the filters to smooth; a repeated time passes values through unfiltered).
    public func process(_ image: RGBImage, timestampMicroseconds: Int64) throws(PoseError) -> Pose? {
        guard !image.isEmpty else { throw .emptyImage(width: image.width, height: image.height) }
        frameCount += 1
        let width = image.width, height = image.height
        let nanoseconds = timestampMicroseconds &* 1000
        let video = configuration.mode == .video

        // 1–2. The region (tracked from the previous frame, or from a detection), the landmark
        // model on it, and its presence gate.
        var acquisition: Acquisition
        if video, let tracked = trackedRegion {
            let score = landmarkModel.run(image, region: tracked, decodeAbove: configuration.minTrackingConfidence)
            acquisition = Acquisition(detection: nil, region: tracked, poseScore: score, turn: .none)
        } else {
            guard let acquired = acquire(in: image) else {
                losePerson()
                return nil
            }
            acquisition = acquired
        }
        guard acquisition.poseScore > configuration.minTrackingConfidence else {
            losePerson()
            return nil
        }
        let region = acquisition.region, poseScore = acquisition.poseScore

        // 3. Split and project to the image (and world).
        let padding = landmarkModel.padding
        landmarkModel.landmarks.withUnsafeBufferPointer { model in
            for i in 0..<PoseLandmark.count {
                body[i] = LandmarkProjection.toImage(model[i], padding: padding, region: region)
            }
            auxiliary[0] = LandmarkProjection.toImage(model[PoseLandmark.count], padding: padding, region: region)
            auxiliary[1] = LandmarkProjection.toImage(model[PoseLandmark.count + 1], padding: padding, region: region)
        }
        landmarkModel.world.withUnsafeBufferPointer { model in
            for i in 0..<PoseLandmark.count {
                world[i] = LandmarkProjection.toWorld(model[i], region: region)
                world[i].visibility = body[i].visibility
                world[i].presence = body[i].presence
            }
        }

        // 4. Filters (video mode), or the unfiltered path's round trip through pixels.
        let objectScale = RegionOfInterest.objectScale(start: auxiliary[0].xy, end: auxiliary[1].xy,
                                                       imageWidth: width, imageHeight: height)
        if video && configuration.smoothLandmarks {
            bodyFilter.smoothVisibility(&body)
            bodyFilter.smoothCoordinates(&body, nanoseconds: nanoseconds, objectScale: objectScale,
                                         imageWidth: width, imageHeight: height)
            worldFilter.smoothVisibility(&world)
            worldFilter.smoothCoordinates(&world, nanoseconds: nanoseconds, objectScale: 1,
                                          imageWidth: width, imageHeight: height)
        } else {
            LandmarkSmoother.toPixels(&body, imageWidth: width, imageHeight: height)
            LandmarkSmoother.toNormalized(&body, imageWidth: width, imageHeight: height)
        }

        // 5. The next frame's region, from the filtered auxiliary landmarks (video mode).
        var nextRegion: NormalizedRect?
        if video {
            auxiliaryFilter.smoothVisibility(&auxiliary)
            auxiliaryFilter.smoothCoordinates(&auxiliary, nanoseconds: nanoseconds, objectScale: objectScale,
                                              imageWidth: width, imageHeight: height)
            nextRegion = RegionOfInterest.landmarkRegion(start: auxiliary[0].xy, end: auxiliary[1].xy,
                                                         imageWidth: width, imageHeight: height)
        }
        trackedRegion = nextRegion

        func imageLandmark(_ p: LandmarkPoint) -> Pose.Landmark {
            Pose.Landmark(x: p.x, y: p.y, z: p.z, visibility: p.visibility, presence: p.presence,
                          imageWidth: width, imageHeight: height)
        }
        let debug = PoseDebugInfo(detection: acquisition.detection,
                                  regionFromDetection: acquisition.detection == nil ? nil : region, region: region,
                                  poseScore: poseScore, auxiliaryLandmarks: auxiliary.map(imageLandmark),
                                  nextRegion: nextRegion, detectorTurn: acquisition.turn)
        return Pose(imageWidth: width, imageHeight: height, landmarks: body.map(imageLandmark),
                    worldLandmarks: world.map {
                        Pose.WorldLandmark(x: $0.x, y: $0.y, z: $0.z, visibility: $0.visibility, presence: $0.presence)
                    },
                    debug: debug)
    }

    /// A region and what the landmark model made of it.
    private struct Acquisition {
        var detection: PoseDetection?
        var region: NormalizedRect
        var poseScore: Float
        var turn: DetectorTurn
    }

    /// Finds the person with the detector and runs the landmark model on their region.
    ///
    /// MediaPipe stops when the upright frame gives no detection, or a detection whose region
    /// the landmark model rejects. With `retryTurnedFrames`, the detector then looks at the
    /// frame turned a quarter each way (people lying on the floor), and the landmark model tries
    /// those detections, best score first; their regions are in the original image, so the crop
    /// is always taken from the frame as it is.
    private func acquire(in image: RGBImage) -> Acquisition? {
        var rejected: Acquisition?
        if let upright = detector.detect(image) {
            let attempt = landmarks(for: upright, turn: .none, in: image)
            if attempt.poseScore > configuration.minTrackingConfidence || !configuration.retryTurnedFrames {
                return attempt
            }
            rejected = attempt
        }
        guard configuration.retryTurnedFrames else { return nil }
        var turned: [(detection: PoseDetection, turn: DetectorTurn)] = []
        for turn in [DetectorTurn.clockwise, .counterClockwise] {
            if let found = detector.detect(image, turn: turn) { turned.append((found, turn)) }
        }
        for (detection, turn) in turned.sorted(by: { $0.detection.score > $1.detection.score }) {
            let attempt = landmarks(for: detection, turn: turn, in: image)
            if attempt.poseScore > configuration.minTrackingConfidence { return attempt }
        }
        return rejected
    }

    /// Runs the landmark model on the region of `detection`.
    private func landmarks(for detection: PoseDetection, turn: DetectorTurn, in image: RGBImage) -> Acquisition {
        let region = RegionOfInterest.landmarkRegion(start: detection.keypoint(0), end: detection.keypoint(1),
                                                     imageWidth: image.width, imageHeight: image.height)
        let score = landmarkModel.run(image, region: region, decodeAbove: configuration.minTrackingConfidence)
        return Acquisition(detection: detection, region: region, poseScore: score, turn: turn)
    }

    /// A frame without a pose: stop tracking and restart the image-landmark filters (MediaPipe
    /// resets those; world and visibility filters keep their state, §12.4).
    private func losePerson() {
        trackedRegion = nil
        bodyFilter.resetCoordinates()
        auxiliaryFilter.resetCoordinates()
    }
}
