// Raw detector output → scored detections (MediaPipe's TensorsToDetectionsCalculator).

import Foundation

/// Turns the detector's raw tensors into detections (`blazepose-pipeline.md` §6).
///
/// Options as in `pose_detection_cpu.pbtxt`: 1 class, 12 values per box (x, y, w, h and four
/// keypoints, `reverse_output_order`), all scales 224, sigmoid scores clipped at ±100.
struct DetectionDecoder {
    /// Values per anchor row: 4 box values + 4 keypoints × 2.
    static let valuesPerBox = 12
    /// The coordinate scale (`x_scale`, `y_scale`, `w_scale`, `h_scale`).
    static let coordinateScale: Float = 224
    /// `score_clipping_thresh`.
    static let scoreClip: Float = 100

    let anchors: [SSDAnchors.Anchor]
    /// Detections scoring below this are dropped (`min_score_thresh`).
    let minScore: Float

    /// Decodes every box scoring at least `minScore` into `output` (cleared first, capacity kept).
    ///
    /// `boxes` is the model's [1, anchors, 12] output, `scores` its [1, anchors, 1] logits.
    func decode(boxes: UnsafeBufferPointer<Float>, scores: UnsafeBufferPointer<Float>, into output: inout [PoseDetection]) {
        precondition(boxes.count >= anchors.count * Self.valuesPerBox && scores.count >= anchors.count,
                     "detector outputs are smaller than the anchor grid")
        output.removeAll(keepingCapacity: true)
        let s = Self.coordinateScale
        for i in 0..<anchors.count {
            let score = Self.sigmoid(min(max(scores[i], -Self.scoreClip), Self.scoreClip))
            guard score >= minScore else { continue }
            let anchor = anchors[i]
            let r = i * Self.valuesPerBox
            let xCenter = boxes[r] / s * anchor.width + anchor.xCenter
            let yCenter = boxes[r + 1] / s * anchor.height + anchor.yCenter
            let w = boxes[r + 2] / s * anchor.width
            let h = boxes[r + 3] / s * anchor.height
            let ymin = yCenter - h / 2, xmin = xCenter - w / 2
            let ymax = yCenter + h / 2, xmax = xCenter + w / 2
            let width = xmax - xmin, height = ymax - ymin
            guard !(width < 0 || height < 0 || width.isNaN || height.isNaN) else { continue }
            var keypoints = SIMD8<Float>()
            for k in 0..<PoseDetection.keypointCount {
                let offset = r + 4 + 2 * k
                keypoints[2 * k] = boxes[offset] / s * anchor.width + anchor.xCenter
                keypoints[2 * k + 1] = boxes[offset + 1] / s * anchor.height + anchor.yCenter
            }
            output.append(PoseDetection(score: score, xmin: xmin, ymin: ymin, width: width, height: height,
                                        keypointCoordinates: keypoints))
        }
    }

    /// `1 / (1 + exp(−x))` in f32, as MediaPipe writes it.
    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        1 / (1 + expf(-x))
    }
}
