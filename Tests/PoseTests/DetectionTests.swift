import Foundation
import Imaging
import Testing
@testable import Pose

/// Anchors, decoding, weighted NMS and letterbox removal (`blazepose-pipeline.md` §5–§7).
@Suite struct DetectionTests {
    @Test func anchorGridMatchesTheTable() {
        let anchors = SSDAnchors.poseDetector.anchors
        #expect(anchors.count == 2254)
        #expect(anchors.allSatisfy { $0.width == 1 && $0.height == 1 })
        // Stride 8: 28×28 cells, 2 anchors each; first cell centre (0.5/28, 0.5/28).
        #expect(anchors[0] == anchors[1])
        #expect(abs(anchors[0].xCenter - 0.5 / 28) < 1e-7 && abs(anchors[0].yCenter - 0.5 / 28) < 1e-7)
        #expect(abs(anchors[2].xCenter - 1.5 / 28) < 1e-7)
        #expect(abs(anchors[1567].xCenter - 27.5 / 28) < 1e-7 && abs(anchors[1567].yCenter - 27.5 / 28) < 1e-7)
        // Stride 16 starts at row 1568: 14×14 cells.
        #expect(abs(anchors[1568].xCenter - 0.5 / 14) < 1e-7)
        #expect(abs(anchors[1959].yCenter - 13.5 / 14) < 1e-7)
        // Three stride-32 layers merged: 7×7 cells, 6 anchors per cell.
        #expect(abs(anchors[1960].xCenter - 0.5 / 7) < 1e-7)
        #expect(anchors[1960] == anchors[1965] && anchors[1966] != anchors[1965])
        #expect(abs(anchors[1966].xCenter - 1.5 / 7) < 1e-7)
        #expect(abs(anchors[2253].xCenter - 6.5 / 7) < 1e-7 && abs(anchors[2253].yCenter - 6.5 / 7) < 1e-7)
    }

    @Test func anchorSizesWithoutFixedSizeFollowTheScales() {
        var options = SSDAnchors.Options.poseDetector
        options.fixedAnchorSize = false
        let anchors = SSDAnchors(options: options).anchors
        #expect(anchors.count == 2254)
        // First layer: scale 0.1484375, then the interpolated sqrt(s0 · s1).
        #expect(abs(anchors[0].width - 0.1484375) < 1e-6)
        let s1: Float = 0.1484375 + (0.75 - 0.1484375) / 4
        #expect(abs(anchors[1].width - (0.1484375 * s1).squareRoot()) < 1e-6)
    }

    /// One raw row per anchor, all zero logits except `rows`.
    static func decode(_ rows: [Int: (box: [Float], logit: Float)], minScore: Float = 0.5) -> [PoseDetection] {
        let anchors = SSDAnchors.poseDetector.anchors
        var boxes = [Float](repeating: 0, count: anchors.count * 12)
        var scores = [Float](repeating: -10, count: anchors.count)
        for (index, row) in rows {
            for (k, value) in row.box.enumerated() { boxes[index * 12 + k] = value }
            scores[index] = row.logit
        }
        var output: [PoseDetection] = []
        let decoder = DetectionDecoder(anchors: anchors, minScore: minScore)
        boxes.withUnsafeBufferPointer { b in
            scores.withUnsafeBufferPointer { s in decoder.decode(boxes: b, scores: s, into: &output) }
        }
        return output
    }

    @Test func decodesBoxAndKeypointsRelativeToTheAnchor() throws {
        // Anchor 1568 is the first stride-16 anchor, centre (1/28, 1/28).
        let found = Self.decode([1568: ([22.4, -11.2, 44.8, 22.4, 0, 0, 11.2, 22.4, -22.4, 0, 224, 224], 2)])
        let d = try #require(found.first)
        #expect(found.count == 1)
        let ax: Float = 0.5 / 14
        #expect(abs(d.score - 1 / (1 + expf(-2))) < 1e-7)
        #expect(abs(d.xmin - (ax + 0.1 - 0.1)) < 1e-6)
        #expect(abs(d.ymin - (ax - 0.05 - 0.05)) < 1e-6)
        #expect(abs(d.width - 0.2) < 1e-6 && abs(d.height - 0.1) < 1e-6)
        #expect(abs(d.keypoint(0).x - ax) < 1e-7 && abs(d.keypoint(0).y - ax) < 1e-7)
        #expect(abs(d.keypoint(1).x - (ax + 0.05)) < 1e-6 && abs(d.keypoint(1).y - (ax + 0.1)) < 1e-6)
        #expect(abs(d.keypoint(3).x - (ax + 1)) < 1e-6 && abs(d.keypoint(3).y - (ax + 1)) < 1e-6)
    }

    @Test func scoreThresholdKeepsExactlyOneHalfAndClipsLogits() {
        // sigmoid(0) = 0.5 is kept (the threshold drops scores below it).
        #expect(Self.decode([0: ([0, 0, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0], 0)]).count == 1)
        #expect(Self.decode([0: ([0, 0, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0], -0.001)]).isEmpty)
        let clipped = Self.decode([0: ([0, 0, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0], 1e9)])
        #expect(clipped.first?.score == 1 / (1 + expf(-100)))
    }

    @Test func negativeOrNaNSizesAreDropped() {
        #expect(Self.decode([5: ([0, 0, -1, 10, 0, 0, 0, 0, 0, 0, 0, 0], 3)]).isEmpty)
        #expect(Self.decode([5: ([0, 0, 10, .nan, 0, 0, 0, 0, 0, 0, 0, 0], 3)]).isEmpty)
    }

    static func box(_ xmin: Float, _ ymin: Float, _ width: Float, _ height: Float, score: Float, keypoint: Float = 0) -> PoseDetection {
        PoseDetection(score: score, xmin: xmin, ymin: ymin, width: width, height: height,
                      keypointCoordinates: SIMD8(repeating: keypoint))
    }

    @Test func weightedNMSMergesOverlapsIntoScoreWeightedMeans() throws {
        var nms = WeightedNonMaxSuppression()
        var output: [PoseDetection] = []
        let a = Self.box(0.1, 0.1, 0.4, 0.4, score: 0.9, keypoint: 0.2)
        let b = Self.box(0.14, 0.1, 0.4, 0.4, score: 0.6, keypoint: 0.4)   // IoU with a ≈ 0.82
        let c = Self.box(0.7, 0.7, 0.2, 0.2, score: 0.8, keypoint: 0.9)    // apart
        nms.suppress([b, c, a], into: &output)
        #expect(output.count == 2)
        let first = try #require(output.first)
        #expect(first.score == 0.9)   // the seed's score
        #expect(abs(first.xmin - (0.1 * 0.9 + 0.14 * 0.6) / 1.5) < 1e-6)
        #expect(abs(first.width - 0.4) < 1e-6)
        #expect(abs(first.keypoint(2).x - (0.2 * 0.9 + 0.4 * 0.6) / 1.5) < 1e-6)
        // A cluster of one is still recomputed as a mean: the same box to within rounding.
        #expect(output[1].score == c.score && abs(output[1].width - c.width) < 1e-6 && output[1].xmin == c.xmin)
    }

    @Test(arguments: [(Float(0.3), 1), (Float(0.2999), 1), (Float(0.9), 2)])
    func iouJoinsTheClusterOnlyAboveTheThreshold(threshold: Float, clusters: Int) {
        // Two equal boxes offset so that IoU = 1/3.
        let a = Self.box(0, 0, 1, 1, score: 0.9), b = Self.box(0.5, 0, 1, 1, score: 0.8)
        #expect(abs(WeightedNonMaxSuppression.intersectionOverUnion(a, b) - 1.0 / 3.0) < 1e-6)
        var nms = WeightedNonMaxSuppression(minSuppressionThreshold: threshold)
        var output: [PoseDetection] = []
        nms.suppress([a, b], into: &output)
        #expect(output.count == clusters)
    }

    @Test func iouOfDisjointOrEmptyBoxesIsZero() {
        let a = Self.box(0, 0, 0.2, 0.2, score: 1)
        #expect(WeightedNonMaxSuppression.intersectionOverUnion(a, Self.box(0.5, 0.5, 0.2, 0.2, score: 1)) == 0)
        #expect(WeightedNonMaxSuppression.intersectionOverUnion(a, Self.box(0.1, 0.1, -0.1, 0.2, score: 1)) == 0)
        // Touching edges: zero-area intersection.
        #expect(WeightedNonMaxSuppression.intersectionOverUnion(a, Self.box(0.2, 0, 0.2, 0.2, score: 1)) == 0)
    }

    @Test func letterboxRemovalMapsTensorToImage() {
        // A 640×480 image in a square tensor: 1/8 padding above and below.
        let (_, padding) = RotatedRect.wholeImage(width: 640, height: 480).letterboxed(toTensorWidth: 224, height: 224)
        #expect(abs(padding.top - 0.125) < 1e-7 && padding.left == 0)
        var d = Self.box(0.5, 0.125, 0.25, 0.375, score: 1, keypoint: 0.5)
        d.keypointCoordinates[1] = 0.875
        let out = PoseDetector.removingLetterbox(d, padding: padding)
        #expect(abs(out.ymin) < 1e-7 && abs(out.height - 0.5) < 1e-6 && out.xmin == 0.5)
        #expect(abs(out.keypoint(0).y - 1) < 1e-6 && abs(out.keypoint(0).x - 0.5) < 1e-7)
    }
}
