import Form

/// One frame of an input with the pose found in it.
public struct PosedFrame: Sendable {
    /// The frame's number in its input (the source's sequence number: the file's index in a
    /// folder, the frame's index in a video).
    public var index: Int
    /// Seconds into the input (a camera's timestamp, or index / frame rate for recordings).
    public var seconds: Double
    /// Where the picture came from: the image file for folders and images, the video or
    /// camera otherwise.
    public var image: String
    /// The picture's width in pixels.
    public var width: Int
    /// The picture's height in pixels.
    public var height: Int
    /// The pose, in Form's landmarks, or `nil` when nobody was found.
    public var landmarks: PoseLandmarks?

    /// A frame numbered `index`, taken `seconds` into its input from `image`.
    public init(index: Int, seconds: Double, image: String, width: Int, height: Int, landmarks: PoseLandmarks?) {
        self.index = index
        self.seconds = seconds
        self.image = image
        self.width = width
        self.height = height
        self.landmarks = landmarks
    }
}

/// The poses of every frame of one input (a folder, an image or a video), in order.
public struct PoseTrack: Sendable {
    /// The input as the user named it.
    public var input: String
    /// The frame rate the frames are timed at.
    public var framesPerSecond: Double
    /// The frames, in order.
    public var frames: [PosedFrame]
    /// Files or frames that could not be read, with the reason, one line each.
    public var skipped: [String]
    /// Seconds spent finding poses (for frames per second in messages).
    public var poseSeconds: Double
    /// Whether the frames are separate photos, each found and judged on its own, rather than
    /// one recording (``ScoringInput/photos``).
    public var separatePhotos: Bool

    /// The poses of `input`.
    public init(input: String, framesPerSecond: Double, frames: [PosedFrame], skipped: [String] = [], poseSeconds: Double = 0,
                separatePhotos: Bool = false) {
        self.input = input
        self.framesPerSecond = framesPerSecond
        self.frames = frames
        self.skipped = skipped
        self.poseSeconds = poseSeconds
        self.separatePhotos = separatePhotos
    }

    /// How many frames have a pose.
    public var framesWithPose: Int { frames.count { $0.landmarks != nil } }
}
