/// Eigenvalues and eigenvectors of a symmetric 3×3 matrix (cyclic Jacobi rotations).
struct SymmetricEigen3 {
    /// Eigenvalues, largest first.
    let values: [Double]
    /// Unit eigenvectors, in the order of ``values``.
    let vectors: [Vector3]

    /// The decomposition of the symmetric matrix whose rows are `rows`.
    init(rows: [Vector3]) {
        var a = [[rows[0].x, rows[0].y, rows[0].z],
                 [rows[1].x, rows[1].y, rows[1].z],
                 [rows[2].x, rows[2].y, rows[2].z]]
        var v: [[Double]] = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
        for _ in 0..<50 {
            let offDiagonal = a[0][1] * a[0][1] + a[0][2] * a[0][2] + a[1][2] * a[1][2]
            if offDiagonal < 1e-24 { break }
            for (p, q) in [(0, 1), (0, 2), (1, 2)] where abs(a[p][q]) > 1e-300 {
                let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                let c = 1 / (t * t + 1).squareRoot(), s = t * c
                for k in 0..<3 {
                    let akp = a[k][p], akq = a[k][q]
                    a[k][p] = c * akp - s * akq
                    a[k][q] = s * akp + c * akq
                }
                for k in 0..<3 {
                    let apk = a[p][k], aqk = a[q][k]
                    a[p][k] = c * apk - s * aqk
                    a[q][k] = s * apk + c * aqk
                }
                for k in 0..<3 {
                    let vkp = v[k][p], vkq = v[k][q]
                    v[k][p] = c * vkp - s * vkq
                    v[k][q] = s * vkp + c * vkq
                }
            }
        }
        let order = [0, 1, 2].sorted { a[$0][$0] > a[$1][$1] }
        values = order.map { a[$0][$0] }
        vectors = order.map { Vector3(v[0][$0], v[1][$0], v[2][$0]) }
    }
}
