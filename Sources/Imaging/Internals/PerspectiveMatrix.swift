// The crop's perspective matrix, computed step for step as OpenCV 3.4 does for MediaPipe.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A 3×3 matrix in row-major order, mapping output pixel (x, y, 1) to source (X·W, Y·W, W).
struct PerspectiveMatrix {
    var m: (Double, Double, Double, Double, Double, Double, Double, Double, Double)

    static let zero = PerspectiveMatrix(m: (0, 0, 0, 0, 0, 0, 0, 0, 0))

    subscript(i: Int) -> Double {
        switch i {
        case 0: return m.0
        case 1: return m.1
        case 2: return m.2
        case 3: return m.3
        case 4: return m.4
        case 5: return m.5
        case 6: return m.6
        case 7: return m.7
        default: return m.8
        }
    }

    init(m: (Double, Double, Double, Double, Double, Double, Double, Double, Double)) {
        self.m = m
    }

    init(_ values: [Double]) {
        precondition(values.count == 9)
        m = (values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8])
    }

    var values: [Double] { (0..<9).map { self[$0] } }

    /// The map from output tensor pixels to source pixels for cropping `rect` to a
    /// `outputWidth`×`outputHeight` image, exactly as MediaPipe's OpenCV converter builds it:
    /// `cv::RotatedRect(center, size, f32(rotation·180f) / π)` → `boxPoints` (f32) → corners
    /// p0→(0,H), p1→(0,0), p2→(W,0), p3→(W,H) → `getPerspectiveTransform` (8×8 LU, double)
    /// → `invert` (3×3 by cofactors, double), as `warpPerspective` does without
    /// `WARP_INVERSE_MAP`.
    static func cropMap(for rect: RotatedRect, outputWidth: Int, outputHeight: Int) -> PerspectiveMatrix {
        let source = boxPoints(rect)
        let w = Float(outputWidth), h = Float(outputHeight)
        let destination: [(Float, Float)] = [(0, h), (0, 0), (w, 0), (w, h)]
        let forward = perspectiveTransform(from: source, to: destination)
        return forward.inverted()
    }

    /// The 4 corners of `rect` as OpenCV's `RotatedRect::points` computes them (f32).
    static func boxPoints(_ rect: RotatedRect) -> [(Float, Float)] {
        // MediaPipe: roi.rotation * 180.f / M_PI (f32 product, double division, stored as float).
        let angleDegrees = Float(Double(rect.rotation * 180) / Double.pi)
        let angle = Double(angleDegrees) * Double.pi / 180
        let b = Float(cos(angle)) * 0.5
        let a = Float(sin(angle)) * 0.5
        let cx = rect.centerX, cy = rect.centerY, width = rect.width, height = rect.height
        let p0 = (cx - a * height - b * width, cy + b * height - a * width)
        let p1 = (cx + a * height - b * width, cy - b * height - a * width)
        let p2 = (2 * cx - p0.0, 2 * cy - p0.1)
        let p3 = (2 * cx - p1.0, 2 * cy - p1.1)
        return [p0, p1, p2, p3]
    }

    /// OpenCV's `getPerspectiveTransform(src, dst)` (DECOMP_LU): solves the 8×8 system in
    /// double with `hal::LU64f` (partial pivoting). A singular system gives all zeros but
    /// m[8] = 1, as OpenCV's `solve` leaves it.
    static func perspectiveTransform(from src: [(Float, Float)], to dst: [(Float, Float)]) -> PerspectiveMatrix {
        var a = [Double](repeating: 0, count: 64)
        var b = [Double](repeating: 0, count: 8)
        for i in 0..<4 {
            let (x, y) = src[i]
            let (u, v) = dst[i]
            a[i * 8 + 0] = Double(x); a[(i + 4) * 8 + 3] = Double(x)
            a[i * 8 + 1] = Double(y); a[(i + 4) * 8 + 4] = Double(y)
            a[i * 8 + 2] = 1; a[(i + 4) * 8 + 5] = 1
            // The products are f32 in OpenCV (Point2f * Point2f), then stored as double.
            a[i * 8 + 6] = Double(-x * u)
            a[i * 8 + 7] = Double(-y * u)
            a[(i + 4) * 8 + 6] = Double(-x * v)
            a[(i + 4) * 8 + 7] = Double(-y * v)
            b[i] = Double(u)
            b[i + 4] = Double(v)
        }
        guard luSolve(&a, &b, n: 8) else {
            return PerspectiveMatrix(m: (0, 0, 0, 0, 0, 0, 0, 0, 1))
        }
        return PerspectiveMatrix(m: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], 1))
    }

    /// OpenCV's `LUImpl<double>` (core/src/matrix_decomp.cpp): Gaussian elimination with
    /// partial pivoting, then back substitution dividing by the pivot. Returns false if a pivot
    /// is below `DBL_EPSILON * 100`.
    static func luSolve(_ a: inout [Double], _ b: inout [Double], n: Int) -> Bool {
        let eps = Double.ulpOfOne * 100
        for i in 0..<n {
            var k = i
            for j in (i + 1)..<n where abs(a[j * n + i]) > abs(a[k * n + i]) {
                k = j
            }
            if abs(a[k * n + i]) < eps { return false }
            if k != i {
                for j in i..<n { a.swapAt(i * n + j, k * n + j) }
                b.swapAt(i, k)
            }
            let d = -1 / a[i * n + i]
            for j in (i + 1)..<n {
                let alpha = a[j * n + i] * d
                for c in (i + 1)..<n {
                    a[j * n + c] += alpha * a[i * n + c]
                }
                b[j] += alpha * b[i]
            }
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = b[i]
            for c in (i + 1)..<n {
                s -= a[i * n + c] * b[c]
            }
            b[i] = s / a[i * n + i]
        }
        return true
    }

    /// OpenCV's `invert(m, DECOMP_LU)` for a 3×3 double matrix: cofactors over the
    /// determinant (`det3`), all zeros if the determinant is 0.
    func inverted() -> PerspectiveMatrix {
        let s = self
        let d0 = s[0] * (s[4] * s[8] - s[5] * s[7]) - s[1] * (s[3] * s[8] - s[5] * s[6]) + s[2] * (s[3] * s[7] - s[4] * s[6])
        guard d0 != 0 else { return .zero }
        let d = 1 / d0
        return PerspectiveMatrix(m: (
            (s[4] * s[8] - s[5] * s[7]) * d,
            (s[2] * s[7] - s[1] * s[8]) * d,
            (s[1] * s[5] - s[2] * s[4]) * d,
            (s[5] * s[6] - s[3] * s[8]) * d,
            (s[0] * s[8] - s[2] * s[6]) * d,
            (s[2] * s[3] - s[0] * s[5]) * d,
            (s[3] * s[7] - s[4] * s[6]) * d,
            (s[1] * s[6] - s[0] * s[7]) * d,
            (s[0] * s[4] - s[1] * s[3]) * d
        ))
    }
}
