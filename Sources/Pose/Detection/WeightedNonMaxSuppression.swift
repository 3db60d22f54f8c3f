// Weighted non-max suppression (MediaPipe's NonMaxSuppressionCalculator, WEIGHTED, IoU).

/// Merges overlapping detections into score-weighted means (`blazepose-pipeline.md` §7).
///
/// The scratch arrays are kept between calls, so suppressing allocates nothing once they have
/// grown to the largest input seen.
struct WeightedNonMaxSuppression {
    /// Detections overlapping the seed by more than this IoU join its cluster.
    var minSuppressionThreshold: Float

    private var remaining: [Int] = []
    private var rest: [Int] = []
    private var cluster: [Int] = []

    /// Suppression with MediaPipe's pose-detector threshold (0.3) unless told otherwise.
    init(minSuppressionThreshold: Float = 0.3) {
        self.minSuppressionThreshold = minSuppressionThreshold
    }

    /// Suppresses `detections` into `output` (cleared first), best cluster first.
    mutating func suppress(_ detections: [PoseDetection], into output: inout [PoseDetection]) {
        output.removeAll(keepingCapacity: true)
        remaining.removeAll(keepingCapacity: true)
        remaining.append(contentsOf: detections.indices)
        // Descending score; ties keep their input order.
        remaining.sort { a, b in
            let sa = detections[a].score, sb = detections[b].score
            return sa > sb || (sa == sb && a < b)
        }
        while !remaining.isEmpty {
            let before = remaining.count
            let seed = detections[remaining[0]]
            rest.removeAll(keepingCapacity: true)
            cluster.removeAll(keepingCapacity: true)
            for index in remaining {
                if Self.intersectionOverUnion(detections[index], seed) > minSuppressionThreshold {
                    cluster.append(index)
                } else {
                    rest.append(index)
                }
            }
            var merged = seed
            if !cluster.isEmpty {
                var xmin: Float = 0, ymin: Float = 0, xmax: Float = 0, ymax: Float = 0, total: Float = 0
                var keypoints = SIMD8<Float>()
                for index in cluster {
                    let candidate = detections[index]
                    let weight = candidate.score
                    total += weight
                    xmin += candidate.xmin * weight
                    ymin += candidate.ymin * weight
                    xmax += (candidate.xmin + candidate.width) * weight
                    ymax += (candidate.ymin + candidate.height) * weight
                    for k in 0..<8 {
                        keypoints[k] += candidate.keypointCoordinates[k] * weight
                    }
                }
                merged.xmin = xmin / total
                merged.ymin = ymin / total
                merged.width = xmax / total - merged.xmin
                merged.height = ymax / total - merged.ymin
                for k in 0..<8 {
                    keypoints[k] = keypoints[k] / total
                }
                merged.keypointCoordinates = keypoints
            }
            output.append(merged)
            if rest.count == before { break }
            swap(&remaining, &rest)
        }
    }

    /// Intersection over union of two boxes (MediaPipe's `Rectangle_f` arithmetic); 0 when
    /// either is empty or they do not touch.
    static func intersectionOverUnion(_ a: PoseDetection, _ b: PoseDetection) -> Float {
        let aMaxX = a.xmin + a.width, aMaxY = a.ymin + a.height
        let bMaxX = b.xmin + b.width, bMaxY = b.ymin + b.height
        if a.xmin > aMaxX || a.ymin > aMaxY || b.xmin > bMaxX || b.ymin > bMaxY { return 0 }
        let left = max(a.xmin, b.xmin), top = max(a.ymin, b.ymin)
        let right = min(aMaxX, bMaxX), bottom = min(aMaxY, bMaxY)
        guard left <= right && top <= bottom else { return 0 }
        let intersection = (right - left) * (bottom - top)
        let union = (aMaxX - a.xmin) * (aMaxY - a.ymin) + (bMaxX - b.xmin) * (bMaxY - b.ymin) - intersection
        return union > 0 ? intersection / union : 0
    }
}
