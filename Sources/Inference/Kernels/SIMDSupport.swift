import CInferenceSIMD

/// Small SIMD helpers every kernel uses: unaligned vector loads and stores, fused multiply-add,
/// clamping for fused activations.

/// Loads a vector from `pointer` (no alignment needed).
@inline(__always)
func loadVector<V: SIMD>(_ pointer: UnsafePointer<Float>, as _: V.Type) -> V where V.Scalar == Float {
    UnsafeRawPointer(pointer).loadUnaligned(as: V.self)
}

/// Stores a vector at `pointer` (no alignment needed).
@inline(__always)
func storeVector<V: SIMD>(_ value: V, _ pointer: UnsafeMutablePointer<Float>) where V.Scalar == Float {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: V.self)
}

/// `accumulator + x * y`, fused into one rounding where the CPU target has FMA.
///
/// The portable build (no `-target-cpu`) may lack FMA instructions; there a fused multiply-add
/// would become a slow library call per lane, so it multiplies and adds separately.
@inline(__always)
func multiplyAdd<V: SIMD>(_ accumulator: V, _ x: V, _ y: V) -> V where V.Scalar == Float {
    #if FORMCHECK_PORTABLE
    return accumulator + x * y
    #else
    return accumulator.addingProduct(x, y)
    #endif
}

/// Scalar `accumulator + x * y`, fused like `multiplyAdd`.
@inline(__always)
func multiplyAdd(_ accumulator: Float, _ x: Float, _ y: Float) -> Float {
    #if FORMCHECK_PORTABLE
    return accumulator + x * y
    #else
    return accumulator.addingProduct(x, y)
    #endif
}

/// The float vectors the kernels use, with the operations Swift's generic SIMD code compiles
/// badly routed to single instructions (see `CInferenceSIMD`).
protocol FloatVector: SIMD where Scalar == Float {
    /// Each lane limited to `lower...upper` (a fused activation's clamp).
    func clamped(_ lower: Self, _ upper: Self) -> Self
    /// The larger of each pair of lanes.
    func lanewiseMax(_ other: Self) -> Self
}

extension SIMD16: FloatVector where Scalar == Float {
    @inline(__always) func clamped(_ lower: Self, _ upper: Self) -> Self { fc_clamp16(self, lower, upper) }
    @inline(__always) func lanewiseMax(_ other: Self) -> Self { fc_max16(self, other) }
}

extension SIMD8: FloatVector where Scalar == Float {
    @inline(__always) func clamped(_ lower: Self, _ upper: Self) -> Self { fc_clamp8(self, lower, upper) }
    @inline(__always) func lanewiseMax(_ other: Self) -> Self { fc_max8(self, other) }
}

/// Stores the first `columns` lanes of a row made of one or two vectors.
@inline(__always)
func storePartialRow<V: SIMD>(_ v0: V, to pointer: UnsafeMutablePointer<Float>, columns: Int) where V.Scalar == Float {
    for j in 0..<min(columns, V.scalarCount) { pointer[j] = v0[j] }
}

/// Stores the first `columns` lanes of a row made of two vectors.
@inline(__always)
func storePartialRow<V: SIMD>(_ v0: V, _ v1: V, to pointer: UnsafeMutablePointer<Float>, columns: Int) where V.Scalar == Float {
    storePartialRow(v0, to: pointer, columns: columns)
    if columns > V.scalarCount {
        storePartialRow(v1, to: pointer + V.scalarCount, columns: columns - V.scalarCount)
    }
}

/// The output range of a fused activation: y = min(max(x, lower), upper).
struct Clamp: Sendable, Equatable {
    var lower: Float
    var upper: Float

    /// No clamping.
    static let none = Clamp(lower: -.infinity, upper: .infinity)

    init(lower: Float, upper: Float) {
        self.lower = lower
        self.upper = upper
    }

    /// The clamp of a TFLite fused activation; nil for activations that are not clamps.
    init?(_ activation: Activation) {
        switch activation {
        case .none: self = .none
        case .relu: self.init(lower: 0, upper: .infinity)
        case .relu6: self.init(lower: 0, upper: 6)
        case .reluMinus1To1: self.init(lower: -1, upper: 1)
        case .tanh, .signBit: return nil
        }
    }

    /// Applies the clamp to one value.
    @inline(__always)
    func apply(_ x: Float) -> Float { Swift.min(Swift.max(x, lower), upper) }
}

/// What a convolution does after its multiply-adds: clamp (its own fused activation), then
/// optionally add a residual tensor and clamp again (a fused ADD and its activation).
struct Epilogue: Sendable, Equatable {
    var first: Clamp
    var second: Clamp

    init(first: Clamp = .none, second: Clamp = .none) {
        self.first = first
        self.second = second
    }

    /// Applies the epilogue to one value; `residual` is nil when no ADD is fused.
    @inline(__always)
    func apply(_ x: Float, residual: Float?) -> Float {
        let y = first.apply(x)
        guard let residual else { return y }
        return second.apply(y + residual)
    }
}
