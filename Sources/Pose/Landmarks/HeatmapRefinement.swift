// Landmark refinement from the heatmap (MediaPipe's RefineLandmarksFromHeatmapCalculator).

import Foundation

/// Moves each landmark to the confidence-weighted mean of a heatmap window around it
/// (`blazepose-pipeline.md` §9.3).
///
/// `mp.solutions.pose` uses a 9×9 window (the subgraph's 7 is lost on its way through Python,
/// §0.1), `min_confidence_to_refine` 0.5, and leaves z, visibility and presence alone.
struct HeatmapRefinement {
    /// Window side in heatmap cells (odd; 9 in `mp.solutions.pose`, 7 in C++ graphs).
    var kernelSize: Int = 9
    /// A landmark moves only when the window's highest confidence reaches this.
    var minConfidence: Float = 0.5

    /// Refines `landmarks` (crop-normalised, one heatmap channel each) in place.
    ///
    /// `heatmap` is the model's [1, rows, columns, channels] logit tensor (HWC, channel =
    /// landmark index). As in MediaPipe, the window centre is the truncation toward zero of
    /// x·columns and y·rows, there is no half-cell offset, and the window shrinks at the
    /// edges. A landmark whose centre cell falls outside the heatmap is left as it is. (Some
    /// MediaPipe sources compare the row's upper bound against the column; the 0.10.14 wheel
    /// does not refine a landmark whose row is 64, as measured on a heel at y·64 = 64.3.)
    func refine(_ landmarks: inout [LandmarkPoint], heatmap: UnsafeBufferPointer<Float>, rows: Int, columns: Int, channels: Int) {
        precondition(heatmap.count >= rows * columns * channels, "heatmap smaller than its shape")
        precondition(landmarks.count == channels, "one heatmap channel per landmark")
        let offset = (kernelSize - 1) / 2
        for index in landmarks.indices {
            let centerColumn = Self.truncated(landmarks[index].x * Float(columns))
            let centerRow = Self.truncated(landmarks[index].y * Float(rows))
            if centerColumn < 0 || centerColumn >= columns || centerRow < 0 || centerRow >= rows { continue }
            let beginColumn = max(0, centerColumn - offset), endColumn = min(columns, centerColumn + offset + 1)
            let beginRow = max(0, centerRow - offset), endRow = min(rows, centerRow + offset + 1)
            var sum: Float = 0, weightedColumn: Float = 0, weightedRow: Float = 0, maxConfidence: Float = 0
            for row in beginRow..<endRow {
                for column in beginColumn..<endColumn {
                    let confidence = DetectionDecoder.sigmoid(heatmap[(row * columns + column) * channels + index])
                    sum += confidence
                    maxConfidence = max(maxConfidence, confidence)
                    weightedColumn += Float(column) * confidence
                    weightedRow += Float(row) * confidence
                }
            }
            if maxConfidence >= minConfidence && sum > 0 {
                landmarks[index].x = weightedColumn / Float(columns) / sum
                landmarks[index].y = weightedRow / Float(rows) / sum
            }
        }
    }

    /// C's float → int conversion: truncation toward zero (saturating instead of undefined).
    @inline(__always)
    static func truncated(_ value: Float) -> Int {
        guard value.isFinite else { return value.isNaN ? -1 : (value > 0 ? Int.max / 2 : Int.min / 2) }
        return Int(max(min(value, 1e9), -1e9))
    }
}
