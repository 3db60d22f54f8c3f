// What the pose tracker does: image or video mode, thresholds, smoothing, our improvements.

/// Settings of a `PoseTracker`.
///
/// The defaults are MediaPipe's `mp.solutions.pose.Pose(model_complexity=1)` in video mode, plus
/// formcheck's one improvement: when the detector finds nobody (or nobody the landmark model
/// accepts), it looks again at the frame turned a quarter each way, because it misses people
/// lying down (MediaPipe issue #5276). `mediaPipeExact` turns that off and reproduces MediaPipe
/// to the letter.
public struct PoseConfiguration: Sendable, Hashable {
    /// How frames relate to each other.
    public enum Mode: Sendable, Hashable {
        /// Every frame is a separate photo: the detector runs on each, nothing is smoothed
        /// (`static_image_mode=True`).
        case image
        /// Frames are a video: the person is tracked from the previous frame's landmarks and the
        /// landmarks are smoothed (`static_image_mode=False`).
        case video
    }

    /// Image or video mode.
    public var mode: Mode = .video
    /// Smallest detector score that counts as a person (`min_detection_confidence`).
    public var minDetectionConfidence: Float = 0.5
    /// The landmark model's pose presence must exceed this (`min_tracking_confidence`).
    public var minTrackingConfidence: Float = 0.5
    /// Whether to smooth landmarks in video mode (`smooth_landmarks`).
    public var smoothLandmarks = true
    /// Side of the heatmap refinement window: 9 as `mp.solutions.pose` really runs, 7 as its
    /// graph asks for (`blazepose-pipeline.md` §0.1). Odd, 1…63.
    public var heatmapKernelSize = 9
    /// Whether the detector looks again at the frame turned 90° and 270° when the upright frame
    /// gives no detection, or one whose region the landmark model rejects (formcheck's
    /// improvement for people lying on the floor; not in MediaPipe). The landmark crop is still
    /// taken from the frame as it is: the turn only changes where the region comes from. Frames
    /// with nobody in them then cost three detector runs instead of one.
    public var retryTurnedFrames = true
    /// Threads per model operator (the calling thread included).
    public var threads = 1

    /// The default settings: video mode with the lying-down retry.
    public init() {}

    /// Settings for `mode`, everything else default.
    public init(mode: Mode) {
        self.mode = mode
    }

    /// MediaPipe's `mp.solutions.pose` (0.10.14, model_complexity 1) exactly, in `mode`:
    /// no lying-down retry, heatmap kernel 9, default thresholds, smoothing in video mode.
    public static func mediaPipeExact(mode: Mode = .video) -> PoseConfiguration {
        var configuration = PoseConfiguration(mode: mode)
        configuration.retryTurnedFrames = false
        return configuration
    }

    /// Checks every value; throws `PoseError.invalidConfiguration` naming the first bad one.
    public func validate() throws(PoseError) {
        guard (0...1).contains(minDetectionConfidence) else {
            throw .invalidConfiguration("minDetectionConfidence must be within 0…1, not \(minDetectionConfidence)")
        }
        guard (0...1).contains(minTrackingConfidence) else {
            throw .invalidConfiguration("minTrackingConfidence must be within 0…1, not \(minTrackingConfidence)")
        }
        guard heatmapKernelSize % 2 == 1, (1...63).contains(heatmapKernelSize) else {
            throw .invalidConfiguration("heatmapKernelSize must be odd and within 1…63, not \(heatmapKernelSize)")
        }
        guard (1...64).contains(threads) else {
            throw .invalidConfiguration("threads must be within 1…64, not \(threads)")
        }
    }
}
