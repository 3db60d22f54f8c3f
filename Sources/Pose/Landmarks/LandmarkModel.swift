// The landmark model: a region of the frame → 39 landmarks, world landmarks and a presence score.

import Foundation
import Imaging
import Inference

/// Runs `pose_landmark_full.tflite` on a region and decodes its outputs
/// (`blazepose-pipeline.md` §8–§9).
///
/// The region is cropped exactly into the 256×256 input (replicated borders); the 39 landmarks
/// are decoded (x, y, z divided by 256, sigmoid visibility and presence) and refined from the
/// heatmap; the 39 world landmarks are read in metres. Results are in the crop's normalised
/// frame: `LandmarkProjection` maps them to the image. All buffers are kept between frames.
final class LandmarkModel {
    /// Side of the square input tensor.
    static let inputSize = 256
    /// Landmarks the model outputs: 33 body, 2 auxiliary (ROI), 4 unused.
    static let modelLandmarkCount = 39
    /// Values per landmark in the landmark tensor: x, y, z, visibility logit, presence logit.
    static let valuesPerLandmark = 5
    /// Side of the heatmap.
    static let heatmapSize = 64

    private let interpreter: Interpreter
    private let landmarksOutput: Int
    private let presenceOutput: Int
    private let heatmapOutput: Int
    private let worldOutput: Int
    /// Refinement parameters (kernel size from the configuration).
    let refinement: HeatmapRefinement

    /// The 39 decoded and refined landmarks of the last run, crop-normalised.
    private(set) var landmarks: [LandmarkPoint]
    /// The 39 world landmarks of the last run, metres in the crop's frame.
    private(set) var world: [LandmarkPoint]
    /// The letterbox padding of the last crop (near zero: the region is square in pixels).
    private(set) var padding = Letterbox()

    /// Loads the landmark model and checks its tensors.
    init(modelPath: String, threads: Int, heatmapKernelSize: Int) throws(PoseError) {
        interpreter = try ModelCheck.load(modelPath, threads: threads)
        let n = Self.modelLandmarkCount, s = Self.heatmapSize
        try ModelCheck.expectInput(interpreter, path: modelPath, shape: [1, Self.inputSize, Self.inputSize, 3])
        landmarksOutput = try ModelCheck.output(interpreter, path: modelPath, named: "Identity", shape: [1, n * Self.valuesPerLandmark])
        presenceOutput = try ModelCheck.output(interpreter, path: modelPath, named: "Identity_1", shape: [1, 1])
        heatmapOutput = try ModelCheck.output(interpreter, path: modelPath, named: "Identity_3", shape: [1, s, s, n])
        worldOutput = try ModelCheck.output(interpreter, path: modelPath, named: "Identity_4", shape: [1, n * 3])
        refinement = HeatmapRefinement(kernelSize: heatmapKernelSize)
        landmarks = [LandmarkPoint](repeating: LandmarkPoint(x: 0, y: 0, z: 0), count: n)
        world = landmarks
    }

    /// Crops `region` (normalised) of `image`, runs the model and returns its pose-presence
    /// probability. Landmarks are decoded only when `decodeAbove` is exceeded (MediaPipe's
    /// strict `flag > min_tracking_confidence` gate); otherwise the old ones stay.
    func run(_ image: RGBImage, region: NormalizedRect, decodeAbove threshold: Float) -> Float {
        let pixels = region.pixelRect(imageWidth: image.width, imageHeight: image.height)
        padding = interpreter.withInput(0) { tensor in
            ImageToTensor.poseLandmarkInput(image, region: pixels, into: tensor)
        }
        interpreter.invoke()
        let presence = interpreter.withOutput(presenceOutput) { $0[0] }
        guard presence > threshold else { return presence }
        decode()
        return presence
    }

    /// Decodes and refines the landmarks and reads the world landmarks of the last run
    /// (`TensorsToLandmarksCalculator` twice, then the heatmap refinement).
    private func decode() {
        let size = Float(Self.inputSize)
        interpreter.withOutput(landmarksOutput) { raw in
            for i in 0..<Self.modelLandmarkCount {
                let r = i * Self.valuesPerLandmark
                landmarks[i] = LandmarkPoint(x: raw[r] / size, y: raw[r + 1] / size, z: raw[r + 2] / size / 1,
                                             visibility: DetectionDecoder.sigmoid(raw[r + 3]),
                                             presence: DetectionDecoder.sigmoid(raw[r + 4]))
            }
        }
        interpreter.withOutput(heatmapOutput) { heatmap in
            refinement.refine(&landmarks, heatmap: heatmap, rows: Self.heatmapSize, columns: Self.heatmapSize,
                              channels: Self.modelLandmarkCount)
        }
        interpreter.withOutput(worldOutput) { raw in
            for i in 0..<Self.modelLandmarkCount {
                world[i] = LandmarkPoint(x: raw[3 * i], y: raw[3 * i + 1], z: raw[3 * i + 2])
            }
        }
    }
}
