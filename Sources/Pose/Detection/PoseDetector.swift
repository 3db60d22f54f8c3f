// The pose detector: whole frame → the best person, in normalised image coordinates.

import Foundation
import Imaging
import Inference

/// Runs `pose_detection.tflite` on a frame and returns the best detection
/// (`blazepose-pipeline.md` §3–§7).
///
/// The frame is letterboxed into the 224×224 input tensor (exact crop), the 2254 boxes are
/// decoded and merged by weighted non-max suppression, the letterbox is removed, and the first
/// (highest-scoring) cluster is kept. All buffers live as long as the detector: detecting
/// allocates nothing once the scratch arrays have grown.
final class PoseDetector {
    /// Side of the square input tensor.
    static let inputSize = 224

    private let interpreter: Interpreter
    private let boxesOutput: Int
    private let scoresOutput: Int
    private let decoder: DetectionDecoder
    private var suppression = WeightedNonMaxSuppression()
    private var candidates: [PoseDetection] = []
    private var merged: [PoseDetection] = []

    /// Loads the detector model and checks its tensors.
    init(modelPath: String, threads: Int, minScore: Float) throws(PoseError) {
        interpreter = try ModelCheck.load(modelPath, threads: threads)
        let anchors = SSDAnchors.poseDetector.anchors
        let n = anchors.count
        try ModelCheck.expectInput(interpreter, path: modelPath, shape: [1, Self.inputSize, Self.inputSize, 3])
        boxesOutput = try ModelCheck.output(interpreter, path: modelPath, named: "Identity", shape: [1, n, DetectionDecoder.valuesPerBox])
        scoresOutput = try ModelCheck.output(interpreter, path: modelPath, named: "Identity_1", shape: [1, n, 1])
        decoder = DetectionDecoder(anchors: anchors, minScore: minScore)
        candidates.reserveCapacity(n)
        merged.reserveCapacity(n)
    }

    /// The best detection in `image` as MediaPipe finds it, or nil when nobody scores ≥ the
    /// threshold. Coordinates are normalised to the image (and may fall outside [0, 1]).
    func detect(_ image: RGBImage) -> PoseDetection? {
        detect(image, region: nil)
    }

    /// The best detection with the frame seen under a quarter `turn`, mapped back to the
    /// original image's normalised coordinates (keypoints exactly; the box as the bounding box
    /// of its turned corners).
    func detect(_ image: RGBImage, turn: DetectorTurn) -> PoseDetection? {
        guard turn != .none else { return detect(image) }
        // The whole frame as a region turned a quarter: its width runs along the image's height.
        // Rotation −π/2 shows the frame turned clockwise, +π/2 counter-clockwise.
        let region = RotatedRect(centerX: 0.5 * Float(image.width), centerY: 0.5 * Float(image.height),
                                 width: Float(image.height), height: Float(image.width),
                                 rotation: turn == .clockwise ? -Float.pi / 2 : Float.pi / 2)
        guard var found = detect(image, region: region) else { return nil }
        let w = Float(image.width), h = Float(image.height)
        func toImage(_ p: SIMD2<Float>) -> SIMD2<Float> {
            let c = cosf(region.rotation), s = sinf(region.rotation)
            let dx = (p.x - 0.5) * region.width, dy = (p.y - 0.5) * region.height
            return SIMD2((region.centerX + c * dx - s * dy) / w, (region.centerY + s * dx + c * dy) / h)
        }
        var keypoints = SIMD8<Float>()
        for k in 0..<PoseDetection.keypointCount {
            let p = toImage(found.keypoint(k))
            keypoints[2 * k] = p.x
            keypoints[2 * k + 1] = p.y
        }
        let corners = [SIMD2(found.xmin, found.ymin), SIMD2(found.xmin + found.width, found.ymin + found.height)].map(toImage)
        found.xmin = min(corners[0].x, corners[1].x)
        found.ymin = min(corners[0].y, corners[1].y)
        found.width = abs(corners[1].x - corners[0].x)
        found.height = abs(corners[1].y - corners[0].y)
        found.keypointCoordinates = keypoints
        return found
    }

    /// Detects in `region` of `image` (nil = the whole image, MediaPipe's case); coordinates
    /// are normalised to the region.
    private func detect(_ image: RGBImage, region: RotatedRect?) -> PoseDetection? {
        let padding = interpreter.withInput(0) { tensor in
            ImageToTensor.fill(tensor, from: image, region: region, size: Self.inputSize,
                               range: .minusOneToOne, border: .zero)
        }
        interpreter.invoke()
        interpreter.withOutput(boxesOutput) { boxes in
            interpreter.withOutput(scoresOutput) { scores in
                decoder.decode(boxes: boxes, scores: scores, into: &candidates)
            }
        }
        guard !candidates.isEmpty else { return nil }
        suppression.suppress(candidates, into: &merged)
        guard let best = merged.first else { return nil }
        return Self.removingLetterbox(best, padding: padding)
    }

    /// `DetectionLetterboxRemovalCalculator`: tensor-normalised → image-normalised.
    static func removingLetterbox(_ detection: PoseDetection, padding: Letterbox) -> PoseDetection {
        let left = padding.left, top = padding.top
        let horizontal = padding.left + padding.right, vertical = padding.top + padding.bottom
        var result = detection
        result.xmin = (detection.xmin - left) / (1 - horizontal)
        result.ymin = (detection.ymin - top) / (1 - vertical)
        result.width = detection.width / (1 - horizontal)
        result.height = detection.height / (1 - vertical)
        var keypoints = detection.keypointCoordinates
        for k in 0..<PoseDetection.keypointCount {
            keypoints[2 * k] = (keypoints[2 * k] - left) / (1 - horizontal)
            keypoints[2 * k + 1] = (keypoints[2 * k + 1] - top) / (1 - vertical)
        }
        result.keypointCoordinates = keypoints
        return result
    }
}
