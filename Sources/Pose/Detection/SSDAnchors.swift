// SSD anchors of MediaPipe's SsdAnchorsCalculator.

/// The anchor grid of an SSD detector (MediaPipe's `SsdAnchorsCalculator`).
///
/// Layers with equal strides share one grid; each cell holds the anchors of every merged layer.
/// Order: per stride group, rows, then columns, then the anchors of that cell.
struct SSDAnchors {
    /// One anchor: centre and size, normalised to the input tensor.
    struct Anchor: Hashable {
        var xCenter: Float
        var yCenter: Float
        var width: Float
        var height: Float
    }

    /// The options of `SsdAnchorsCalculatorOptions` that the pose detector sets or relies on.
    struct Options {
        var inputWidth: Int
        var inputHeight: Int
        var minScale: Float
        var maxScale: Float
        var anchorOffsetX: Float
        var anchorOffsetY: Float
        var strides: [Int]
        var aspectRatios: [Float]
        var interpolatedScaleAspectRatio: Float = 1
        var reduceBoxesInLowestLayer = false
        var fixedAnchorSize: Bool

        /// `pose_detection_cpu.pbtxt`: 224×224, 5 layers with strides 8, 16, 32, 32, 32.
        static let poseDetector = Options(
            inputWidth: 224, inputHeight: 224, minScale: 0.1484375, maxScale: 0.75,
            anchorOffsetX: 0.5, anchorOffsetY: 0.5, strides: [8, 16, 32, 32, 32],
            aspectRatios: [1.0], fixedAnchorSize: true)
    }

    /// The anchors, in the order the model's output rows use.
    let anchors: [Anchor]

    /// The pose detector's 2254 anchors (`blazepose-pipeline.md` §5).
    static let poseDetector = SSDAnchors(options: .poseDetector)

    /// Generates the anchors as `SsdAnchorsCalculator::GenerateAnchors` does (f32).
    init(options: Options) {
        var anchors: [Anchor] = []
        let layerCount = options.strides.count
        var layer = 0
        while layer < layerCount {
            var heights: [Float] = [], widths: [Float] = []
            var aspectRatios: [Float] = [], scales: [Float] = []
            var last = layer
            while last < layerCount && options.strides[last] == options.strides[layer] {
                let scale = Self.scale(options.minScale, options.maxScale, last, layerCount)
                if last == 0 && options.reduceBoxesInLowestLayer {
                    aspectRatios += [1.0, 2.0, 0.5]
                    scales += [0.1, scale, scale]
                } else {
                    for ratio in options.aspectRatios {
                        aspectRatios.append(ratio)
                        scales.append(scale)
                    }
                    if options.interpolatedScaleAspectRatio > 0 {
                        let next: Float = last == layerCount - 1 ? 1 : Self.scale(options.minScale, options.maxScale, last + 1, layerCount)
                        scales.append((scale * next).squareRoot())
                        aspectRatios.append(options.interpolatedScaleAspectRatio)
                    }
                }
                last += 1
            }
            for (ratio, scale) in zip(aspectRatios, scales) {
                let root = ratio.squareRoot()
                heights.append(scale / root)
                widths.append(scale * root)
            }
            let stride = options.strides[layer]
            let rows = Int((Float(options.inputHeight) / Float(stride)).rounded(.up))
            let columns = Int((Float(options.inputWidth) / Float(stride)).rounded(.up))
            for y in 0..<rows {
                for x in 0..<columns {
                    for k in 0..<heights.count {
                        let xCenter = (Float(x) + options.anchorOffsetX) / Float(columns)
                        let yCenter = (Float(y) + options.anchorOffsetY) / Float(rows)
                        anchors.append(options.fixedAnchorSize
                            ? Anchor(xCenter: xCenter, yCenter: yCenter, width: 1, height: 1)
                            : Anchor(xCenter: xCenter, yCenter: yCenter, width: widths[k], height: heights[k]))
                    }
                }
            }
            layer = last
        }
        self.anchors = anchors
    }

    /// `CalculateScale`: linear between the smallest and largest scale over the layers.
    private static func scale(_ minScale: Float, _ maxScale: Float, _ index: Int, _ count: Int) -> Float {
        count == 1 ? (minScale + maxScale) * 0.5 : minScale + (maxScale - minScale) * Float(index) / Float(count - 1)
    }
}
