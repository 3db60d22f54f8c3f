import Foundation

/// ADD of two tensors of the same shape, or of a tensor and a per-channel vector or scalar
/// (`rhsCount` divides the element count and repeats along the innermost dimension), then a clamp.
func addF32(lhs: UnsafePointer<Float>, rhs: UnsafePointer<Float>, rhsCount: Int,
            output: UnsafeMutablePointer<Float>, count: Int, clamp: Clamp) {
    let lower = SIMD16<Float>(repeating: clamp.lower), upper = SIMD16<Float>(repeating: clamp.upper)
    if rhsCount == count {
        var i = 0
        while i + 16 <= count {
            let sum = loadVector(lhs + i, as: SIMD16<Float>.self) + loadVector(rhs + i, as: SIMD16<Float>.self)
            storeVector(sum.clamped(lower, upper), output + i)
            i += 16
        }
        while i < count {
            output[i] = clamp.apply(lhs[i] + rhs[i])
            i += 1
        }
    } else {
        for i in 0..<count { output[i] = clamp.apply(lhs[i] + rhs[i % rhsCount]) }
    }
}

/// Scalar reference twin of `addF32`.
func addReference(lhs: UnsafePointer<Float>, rhs: UnsafePointer<Float>, rhsCount: Int,
                  output: UnsafeMutablePointer<Float>, count: Int, clamp: Clamp) {
    for i in 0..<count { output[i] = clamp.apply(lhs[i] + rhs[i % rhsCount]) }
}

/// LOGISTIC: 1 / (1 + e^-x) per element.
func logisticF32(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count {
        let x = input[i]
        output[i] = x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
    }
}
