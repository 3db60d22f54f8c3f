/// The shape of a sliding-window operator (convolution, depthwise convolution, pool) on NHWC
/// tensors with batch 1.
///
/// Padding is explicit (`padTop`, `padLeft`; the bottom/right padding follows from the output
/// size): positions outside the input read as zero for convolutions and are skipped for pools.
struct ConvGeometry: Sendable, Equatable {
    var inputHeight: Int
    var inputWidth: Int
    var inputChannels: Int
    var outputHeight: Int
    var outputWidth: Int
    var outputChannels: Int
    var kernelHeight: Int
    var kernelWidth: Int
    var strideHeight: Int = 1
    var strideWidth: Int = 1
    var dilationHeight: Int = 1
    var dilationWidth: Int = 1
    var padTop: Int = 0
    var padLeft: Int = 0

    /// Output size and leading padding of TFLite's SAME/VALID rules for one dimension.
    static func outputSize(input: Int, kernel: Int, stride: Int, dilation: Int, padding: Padding) -> (size: Int, padBefore: Int) {
        let effectiveKernel = (kernel - 1) * dilation + 1
        switch padding {
        case .valid:
            return (max(0, (input - effectiveKernel + stride) / stride), 0)
        case .same:
            let size = (input + stride - 1) / stride
            let total = max(0, (size - 1) * stride + effectiveKernel - input)
            return (size, total / 2)
        }
    }

    /// First input row of output row `y` (may be negative: padding).
    @inline(__always) func inputRow(_ y: Int) -> Int { y * strideHeight - padTop }
    /// First input column of output column `x` (may be negative: padding).
    @inline(__always) func inputColumn(_ x: Int) -> Int { x * strideWidth - padLeft }

    /// Output columns whose whole window lies inside the input: `lower..<upper` (may be empty).
    var interiorColumns: Range<Int> {
        let span = (kernelWidth - 1) * dilationWidth
        // x*s - pl >= 0  and  x*s - pl + span <= W - 1
        let lower = (padLeft + strideWidth - 1) / strideWidth
        let limit = inputWidth - 1 - span + padLeft
        let upper = limit < 0 ? 0 : limit / strideWidth + 1
        let clampedLower = min(max(lower, 0), outputWidth)
        return clampedLower..<max(clampedLower, min(upper, outputWidth))
    }

    /// Whether this is a plain matrix product: 1×1 window, stride 1, no padding.
    var isPointwise: Bool {
        kernelHeight == 1 && kernelWidth == 1 && strideHeight == 1 && strideWidth == 1
            && padTop == 0 && padLeft == 0 && inputHeight == outputHeight && inputWidth == outputWidth
    }

    /// Multiply-adds of a full convolution with this geometry.
    var multiplyAdds: Int {
        outputHeight * outputWidth * outputChannels * kernelHeight * kernelWidth * inputChannels
    }
}
