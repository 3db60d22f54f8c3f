/// One operator of the graph after load-time folding: what to compute, on which run-time tensors.
///
/// Tensor numbers are the model's tensor indices. Weights are already dense float32.
struct Node {
    enum Kind {
        /// CONV_2D; `weights` are OHWI, `bias` per output channel.
        case conv(geometry: ConvGeometry, weights: [Float], bias: [Float], clamp: Clamp)
        /// DEPTHWISE_CONV_2D (depth multiplier 1); `weights` are `[kh][kw][C]`.
        case depthwise(geometry: ConvGeometry, weights: [Float], bias: [Float], clamp: Clamp)
        /// A depthwise convolution whose only reader is a 1×1 convolution, computed band by band
        /// so the depthwise output never leaves the cache.
        case depthwisePointwise(depthwise: ConvolutionSpec, pointwise: ConvolutionSpec)
        /// MobileNetV2's inverted residual block: 1×1 expansion → depthwise → 1×1 projection,
        /// computed row by row through a small ring of expanded rows, so neither the expanded
        /// tensor nor the depthwise output is ever written to memory.
        case invertedResidual(expand: ConvolutionSpec, depthwise: ConvolutionSpec, project: ConvolutionSpec)
        /// ADD: `inputs[0]` has the output's shape; `inputs[1]` has `rhsCount` elements repeated.
        case add(clamp: Clamp, rhsCount: Int)
        /// PAD with zeros; shapes and paddings given for 4 dimensions.
        case pad(inputShape: [Int], paddings: [(before: Int, after: Int)], outputShape: [Int])
        case maxPool(geometry: ConvGeometry, clamp: Clamp)
        case resizeBilinear(plan: ResizeBilinearPlan)
        case depthToSpace(height: Int, width: Int, channels: Int, block: Int)
        /// CONCATENATION: `outer` repetitions of each input's run (`runs`, in floats).
        case concatenation(runs: [Int], outer: Int, clamp: Clamp)
        case logistic(count: Int)
        /// RESHAPE: the output shares the input's memory.
        case reshape
    }

    var kind: Kind
    /// Run-time input tensors (constants have been folded into `kind`).
    var inputs: [Int]
    var output: Int
    /// For a convolution with a fused ADD: the tensor added to its output, and the ADD's clamp.
    var residual: Int?
    var residualClamp: Clamp = .none
    /// The model operator this node came from (for profiles and errors).
    let operatorIndex: Int
    /// A short description: operator name and shapes.
    var label: String
}

/// A convolution's (or depthwise convolution's) geometry, weights, bias and fused activation.
struct ConvolutionSpec {
    var geometry: ConvGeometry
    var weights: [Float]
    var bias: [Float]
    var clamp: Clamp
}
