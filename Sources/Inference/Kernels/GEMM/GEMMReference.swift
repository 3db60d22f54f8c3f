/// Scalar reference twin of the GEMM microkernels and of `conv1x1NHWC`.
///
/// C[m][n] = epilogue(bias[n] + Σ_k A[m][k] · W[n][k]), with `W` laid out `[n][k]` (OHWI) and the
/// optional residual added as in `Epilogue`. Plain loops, no SIMD: what the fast kernels must equal.
func gemmReference(m: Int, n: Int, k: Int,
                   a: UnsafePointer<Float>, aStride: Int,
                   weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                   c: UnsafeMutablePointer<Float>, cStride: Int,
                   residual: UnsafePointer<Float>?, residualStride: Int,
                   epilogue: Epilogue) {
    for i in 0..<m {
        for j in 0..<n {
            var sum = bias[j]
            for kk in 0..<k { sum += a[i * aStride + kk] * weights[j * k + kk] }
            c[i * cStride + j] = epilogue.apply(sum, residual: residual.map { $0[i * residualStride + j] })
        }
    }
}
